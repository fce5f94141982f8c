//! QRESYNC (RFC 7162 3.2): one SELECT that tells what changed since the cached HIGHESTMODSEQ,
//! flag changes as FETCH responses and expunges as `VANISHED (EARLIER)`, so a resync costs one
//! round trip however large the folder. async-imap cannot parse these (DESIGN §4): the SELECT is
//! sent raw and its responses read one by one until the tagged completion.

use super::SyncError;
use crate::engine::protocol::deadline;
use crate::engine::protocol::imap::{ImapSession, raw};
use crate::engine::sync::plan::ServerFolder;
use crate::model::{Flags, Uid, UidValidity};
use async_imap::imap_proto::{AttributeValue, MailboxDatum, Response, ResponseCode, Status};
use std::ops::RangeInclusive;

/// What a QRESYNC SELECT reported.
#[derive(Debug, Default)]
pub struct Resync {
    pub uidvalidity: Option<UidValidity>,
    pub uidnext: Option<u32>,
    pub exists: Option<u32>,
    pub highestmodseq: Option<u64>,
    /// Expunged since the cached HIGHESTMODSEQ (ranges, never expanded: they may be huge).
    pub vanished: Vec<RangeInclusive<u32>>,
    /// Flags changed since then.
    pub changed: Vec<(Uid, Flags, Option<u64>)>,
}

impl Resync {
    pub fn server_folder(&self) -> Result<ServerFolder, SyncError> {
        Ok(ServerFolder {
            // Missing UIDVALIDITY is never "an empty folder" (DESIGN §4).
            uidvalidity: self
                .uidvalidity
                .ok_or_else(|| SyncError::Session("SELECT (QRESYNC) gave no UIDVALIDITY".into()))?,
            uidnext: self.uidnext,
            exists: self.exists.ok_or_else(|| SyncError::Session("SELECT (QRESYNC) gave no EXISTS".into()))?,
            highestmodseq: self.highestmodseq,
        })
    }

    pub fn is_vanished(&self, uid: Uid) -> bool {
        self.vanished.iter().any(|range| range.contains(&uid.0))
    }
}

/// `ENABLE QRESYNC` (RFC 7162 3.2.3), once per session before any SELECT.
pub async fn enable(session: &mut ImapSession) -> Result<bool, SyncError> {
    Ok(raw::run(session, "ENABLE QRESYNC").await?.status == raw::RawStatus::Ok)
}

/// `SELECT mailbox (QRESYNC (uidvalidity modseq))`.
pub async fn select(
    session: &mut ImapSession,
    raw_name: &str,
    uidvalidity: UidValidity,
    modseq: u64,
) -> Result<Resync, SyncError> {
    let command = format!("SELECT {} (QRESYNC ({} {modseq}))", raw::quote(raw_name), uidvalidity.0);
    let tag = session.run_command(&command).await?;
    let mut resync = Resync::default();
    // The answer lists what changed since `modseq`: a generous allowance of changes.
    let limit = deadline::for_bytes(4 * 1024 * 1024);
    let until = tokio::time::Instant::now() + limit;
    loop {
        let response = match tokio::time::timeout_at(until, session.read_response()).await {
            Ok(response) => response?,
            Err(_) => return Err(SyncError::Stalled { seconds: limit.as_secs() }),
        }
        .ok_or_else(|| SyncError::Session("the server closed the connection during SELECT".into()))?;
        match response.parsed() {
            Response::Done { tag: done, status, outcome } if *done == tag => {
                if *status != Status::Ok {
                    let text = outcome.information.as_deref().unwrap_or("").to_string();
                    return Err(SyncError::Session(format!("SELECT (QRESYNC) refused: {text}")));
                }
                note_code(&mut resync, outcome.code.as_ref());
                return Ok(resync);
            }
            Response::Data { outcome, .. } => note_code(&mut resync, outcome.code.as_ref()),
            Response::MailboxData(MailboxDatum::Exists(n)) => resync.exists = Some(*n),
            Response::Vanished { uids, .. } => resync.vanished.extend(uids.iter().cloned()),
            Response::Fetch(_, attributes) => {
                let mut uid = None;
                let mut flags = None;
                let mut modseq = None;
                for attribute in attributes {
                    match attribute {
                        AttributeValue::Uid(u) => uid = Some(Uid(*u)),
                        AttributeValue::Flags(list) => flags = Some(Flags::from_names(list.iter().map(|f| f.as_ref()))),
                        AttributeValue::ModSeq(m) => modseq = Some(*m),
                        _ => {}
                    }
                }
                if let (Some(uid), Some(flags)) = (uid, flags) {
                    resync.changed.push((uid, flags, modseq));
                }
            }
            _ => {}
        }
    }
}

fn note_code(resync: &mut Resync, code: Option<&ResponseCode<'_>>) {
    match code {
        Some(ResponseCode::UidValidity(v)) => resync.uidvalidity = Some(UidValidity(*v)),
        Some(ResponseCode::UidNext(n)) => resync.uidnext = Some(*n),
        Some(ResponseCode::HighestModSeq(m)) => resync.highestmodseq = Some(*m),
        _ => {}
    }
}

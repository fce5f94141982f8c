//! Commands whose answers async-imap's helpers throw away (DESIGN §4): run them raw and read
//! responses until our tagged completion, keeping COPYUID (RFC 4315 3, also sent by MOVE per
//! RFC 6851 4.3), APPENDUID (RFC 4315 3), the UIDs of a UID SEARCH, and the tagged status and
//! text. Each whole exchange has a deadline ([`deadline`]), an APPEND's scaled to its size.

use super::ImapSession;
use crate::engine::protocol::deadline;
use async_imap::imap_proto::rfc4315::UidSetMember;
use async_imap::imap_proto::{MailboxDatum, Response, ResponseCode, Status};

/// How a raw command ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawOutcome {
    pub status: RawStatus,
    pub text: String,
    /// Source and destination UIDs from COPYUID, in order.
    pub copied: Vec<(u32, u32)>,
    /// The UIDVALIDITY and UID of an appended message (APPENDUID, RFC 4315 3).
    pub appended: Option<(u32, u32)>,
    /// What `* SEARCH` answered (RFC 3501 7.2.5).
    pub found: Vec<u32>,
    /// UIDVALIDITY and UIDNEXT, as SELECT and EXAMINE report them (RFC 3501 7.1).
    pub uidvalidity: Option<u32>,
    pub uidnext: Option<u32>,
}

impl RawOutcome {
    /// A refusal made here, without asking the server (the target is gone, the data damaged).
    pub fn refused(text: &str) -> RawOutcome {
        RawOutcome { status: RawStatus::No, text: text.into(), ..RawOutcome::done() }
    }

    /// Nothing needed doing, or it was found done already.
    pub fn done() -> RawOutcome {
        RawOutcome {
            status: RawStatus::Ok,
            text: String::new(),
            copied: Vec::new(),
            appended: None,
            found: Vec::new(),
            uidvalidity: None,
            uidnext: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawStatus {
    Ok,
    /// NO: the server refused this command (RFC 3501 7.1.2); the session is still fine.
    No,
    /// BAD: the command was not understood (RFC 3501 7.1.3).
    Bad,
}

/// Runs `command` and reads until its tagged completion. An I/O error or a closed connection is
/// an error (drop the session); NO and BAD are outcomes.
pub async fn run(session: &mut ImapSession, command: &str) -> Result<RawOutcome, async_imap::error::Error> {
    deadline::within(deadline::command(), async {
        let tag = session.run_command(command).await?;
        finish(session, &tag).await
    })
    .await
}

/// Reads until the tagged completion of the command `tag`.
async fn finish(
    session: &mut ImapSession,
    tag: &async_imap::imap_proto::RequestId,
) -> Result<RawOutcome, async_imap::error::Error> {
    let mut outcome = RawOutcome::done();
    loop {
        let response = session.read_response().await?.ok_or(async_imap::error::Error::ConnectionLost)?;
        match response.parsed() {
            Response::Data { outcome: data, .. } => collect_codes(data.code.as_ref(), &mut outcome),
            Response::MailboxData(MailboxDatum::Search(uids)) => {
                outcome.found.extend(uids.iter().take(MAX_COPYUID.saturating_sub(outcome.found.len())));
            }
            Response::Done { tag: done, status, outcome: tagged } if done == tag => {
                collect_codes(tagged.code.as_ref(), &mut outcome);
                outcome.status = outcome_status(status);
                outcome.text = tagged.information.as_deref().unwrap_or("").to_string();
                return Ok(outcome);
            }
            _ => {}
        }
    }
}

/// APPEND (RFC 3501 6.3.11) with a synchronizing literal, read raw: a server may refuse the
/// message before taking its bytes (a tagged NO instead of the "+" continuation: no such
/// folder, over quota, too big), which async-imap's `append` reports as a broken session. Here
/// that refusal is an outcome like any other NO, and the session goes on.
pub async fn append(
    session: &mut ImapSession,
    mailbox: &str,
    flags: &str,
    message: &[u8],
) -> Result<RawOutcome, async_imap::error::Error> {
    deadline::within(deadline::for_bytes(message.len() as u64), append_now(session, mailbox, flags, message)).await
}

async fn append_now(
    session: &mut ImapSession,
    mailbox: &str,
    flags: &str,
    message: &[u8],
) -> Result<RawOutcome, async_imap::error::Error> {
    use tokio::io::AsyncWriteExt;
    let tag = session.run_command(format!("APPEND {} {flags} {{{}}}", quote(mailbox), message.len())).await?;
    loop {
        let response = session.read_response().await?.ok_or(async_imap::error::Error::ConnectionLost)?;
        match response.parsed() {
            Response::Continue { .. } => break,
            Response::Done { tag: done, status, outcome } if *done == tag => {
                let text = outcome.information.as_deref().unwrap_or("").to_string();
                // Even an OK here appended nothing (the message was never sent): not done.
                let status = if *status == Status::Ok { RawStatus::Bad } else { outcome_status(status) };
                return Ok(RawOutcome { status, text, ..RawOutcome::done() });
            }
            _ => {}
        }
    }
    // Nothing of ours is buffered in async-imap's writer (each command is flushed): the literal
    // goes straight after the continuation.
    let stream = session.get_mut();
    stream.write_all(message).await?;
    stream.write_all(b"\r\n").await?;
    stream.flush().await?;
    finish(session, &tag).await
}

fn outcome_status(status: &Status) -> RawStatus {
    match status {
        Status::Ok => RawStatus::Ok,
        Status::No => RawStatus::No,
        _ => RawStatus::Bad,
    }
}

/// At most this many UIDs are expanded from one COPYUID: a hostile range cannot exhaust memory.
const MAX_COPYUID: usize = 100_000;

fn collect_codes(code: Option<&ResponseCode<'_>>, outcome: &mut RawOutcome) {
    match code {
        Some(ResponseCode::CopyUid(_, from, to)) => {
            let (from, to) = (expand(from), expand(to));
            if from.len() == to.len() {
                outcome.copied.extend(from.into_iter().zip(to));
            }
        }
        // One message appended, one UID (a MULTIAPPEND range is not ours to read).
        Some(ResponseCode::AppendUid(validity, uids)) => {
            if let [UidSetMember::Uid(uid)] = uids.as_slice() {
                outcome.appended = Some((*validity, *uid));
            }
        }
        Some(ResponseCode::UidValidity(validity)) => outcome.uidvalidity = Some(*validity),
        Some(ResponseCode::UidNext(next)) => outcome.uidnext = Some(*next),
        _ => {}
    }
}

fn expand(set: &[UidSetMember]) -> Vec<u32> {
    let mut out = Vec::new();
    for member in set {
        match member {
            UidSetMember::Uid(uid) => out.push(*uid),
            UidSetMember::UidRange(range) => {
                for uid in range.clone() {
                    if out.len() >= MAX_COPYUID {
                        return out;
                    }
                    out.push(uid);
                }
            }
        }
    }
    out
}

/// A mailbox name as an IMAP quoted string (RFC 3501 4.3), or a literal-free error.
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
}

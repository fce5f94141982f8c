//! STATUS (RFC 3501 6.3.10) for several mailboxes in one round trip: the commands are pipelined
//! (RFC 3501 5.5: a client may send the next command before the previous one completes; STATUS
//! commands do not depend on each other) and the answers matched by mailbox name. The server
//! answers each STATUS in about a millisecond; waiting for each answer before sending the next
//! question was most of a no-change pass's time on the wire.

use super::{ImapSession, raw};
use crate::engine::protocol::deadline;
use async_imap::error::Error;
use async_imap::imap_proto::{MailboxDatum, Response, Status, StatusAttribute};

/// What STATUS said about one mailbox; what it left out stays `None`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MailboxStatus {
    pub messages: Option<u32>,
    pub uidnext: Option<u32>,
    pub uidvalidity: Option<u32>,
    pub highestmodseq: Option<u64>,
}

/// STATUS `items` (e.g. `(MESSAGES UIDNEXT)`) of each mailbox (raw names), pipelined. One answer
/// per mailbox, in order: `None` where the server said NO (deleted or renamed elsewhere; the
/// session is fine). I/O errors, a closed connection and BAD are errors: drop the session.
pub async fn status_of_each(
    session: &mut ImapSession,
    mailboxes: &[&str],
    items: &str,
) -> Result<Vec<Option<MailboxStatus>>, Error> {
    let limit = deadline::for_bytes(mailboxes.len() as u64 * 256);
    deadline::within(limit, pipelined_status(session, mailboxes, items)).await
}

async fn pipelined_status(
    session: &mut ImapSession,
    mailboxes: &[&str],
    items: &str,
) -> Result<Vec<Option<MailboxStatus>>, Error> {
    let mut tags = Vec::with_capacity(mailboxes.len());
    for name in mailboxes {
        tags.push(session.run_command(format!("STATUS {} {items}", raw::quote(name))).await?);
    }
    let mut reported = vec![MailboxStatus::default(); mailboxes.len()];
    let mut answers = vec![None; mailboxes.len()];
    let mut completed = 0;
    while completed < tags.len() {
        let response = session.read_response().await?.ok_or(Error::ConnectionLost)?;
        match response.parsed() {
            Response::MailboxData(MailboxDatum::Status { mailbox, status }) => {
                if let Some(index) = mailboxes.iter().position(|name| same_mailbox(name, mailbox)) {
                    record(&mut reported[index], status);
                }
            }
            Response::Done { tag, status, outcome, .. } => {
                let Some(index) = tags.iter().position(|sent| sent == tag) else { continue };
                completed += 1;
                match status {
                    Status::Ok => answers[index] = Some(reported[index]),
                    Status::No => {}
                    _ => return Err(Error::Bad(outcome.information.as_deref().unwrap_or("STATUS").to_string())),
                }
            }
            _ => {}
        }
    }
    Ok(answers)
}

/// RFC 3501 5.1: INBOX is case-insensitive; every other name is compared as sent.
fn same_mailbox(asked: &str, answered: &str) -> bool {
    asked == answered || (asked.eq_ignore_ascii_case("INBOX") && answered.eq_ignore_ascii_case("INBOX"))
}

fn record(into: &mut MailboxStatus, attributes: &[StatusAttribute]) {
    for attribute in attributes {
        match attribute {
            StatusAttribute::Messages(n) => into.messages = Some(*n),
            StatusAttribute::UidNext(n) => into.uidnext = Some(*n),
            StatusAttribute::UidValidity(n) => into.uidvalidity = Some(*n),
            StatusAttribute::HighestModSeq(n) => into.highestmodseq = Some(*n),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::same_mailbox;

    #[test]
    fn inbox_matches_in_any_case_and_other_names_exactly() {
        assert!(same_mailbox("INBOX", "inbox"));
        assert!(same_mailbox("&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-", "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-"));
        assert!(!same_mailbox("Archive", "archive"));
    }
}

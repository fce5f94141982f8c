//! The maildrop's listing with an id per message: the server's UIDL (RFC 1939 §7), or, for a
//! server without UIDL, a hash of each message's header block read with `TOP n 0` (RFC 1939 §7).
//! Headers carry Received lines, a Message-ID and a Date, so two different messages practically
//! never hash alike; identical copies in one listing get an occurrence suffix so each is kept.
//! The residual risk (a later message with byte-identical headers to one already downloaded and
//! deleted) is why ids of messages the server no longer lists are forgotten (`pop3_forget_gone`).

use super::plan::Listed;
use crate::engine::protocol::pop3::{Pop3Client, Pop3Error};
use std::collections::HashMap;
use tokio::io::{AsyncRead, AsyncWrite};

/// Prefix of ids made from headers, keeping them apart from the server's own UIDLs should the
/// server start offering UIDL later.
const HEADER_HASH_PREFIX: &str = "hdr:";

/// The maildrop's listing, and the ids the server gave to more than one message.
pub struct Listing {
    /// Messages with an id of their own: downloaded and deleted as planned.
    pub listed: Vec<Listed>,
    /// Ids the server's UIDL gave to several messages. Those messages cannot be told apart (one
    /// could be skipped as "already here", or the wrong one deleted), so they are left on the
    /// server, untouched; the rest of the maildrop is not held back by them.
    pub shared_ids: Vec<String>,
}

pub async fn list<S: AsyncRead + AsyncWrite + Unpin + Send>(client: &mut Pop3Client<S>) -> Result<Listing, Pop3Error> {
    match client.uidl().await {
        Ok(entries) => Ok(without_shared_ids(entries.into_iter().map(|(msg, uidl)| Listed { msg, uidl }).collect())),
        // `-ERR`: UIDL is optional (RFC 1939 §7); anything else broke the session.
        Err(err) if !err.breaks_session() => {
            tracing::info!(%err, "the POP3 server has no UIDL; telling messages apart by their headers");
            Ok(Listing { listed: by_header_hash(client).await?, shared_ids: Vec::new() })
        }
        Err(err) => Err(err),
    }
}

fn without_shared_ids(all: Vec<Listed>) -> Listing {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for listed in &all {
        *count.entry(listed.uidl.as_str()).or_default() += 1;
    }
    let mut shared_ids: Vec<String> =
        count.iter().filter(|(_, n)| **n > 1).map(|(uidl, _)| (*uidl).to_string()).collect();
    shared_ids.sort();
    let listed = all.iter().filter(|l| count.get(l.uidl.as_str()) == Some(&1)).cloned().collect();
    Listing { listed, shared_ids }
}

async fn by_header_hash<S: AsyncRead + AsyncWrite + Unpin + Send>(
    client: &mut Pop3Client<S>,
) -> Result<Vec<Listed>, Pop3Error> {
    let messages = client.list().await?;
    let mut occurrences: HashMap<String, u32> = HashMap::new();
    let mut listing = Vec::with_capacity(messages.len());
    for (msg, _size) in messages {
        let headers = client.top(msg, 0).await.map_err(|err| match err {
            Pop3Error::Server { text, .. } => Pop3Error::Protocol(format!(
                "the server offers neither UIDL nor TOP ({text}), so downloaded messages cannot be recognised \
                 and nothing can be deleted safely"
            )),
            other => other,
        })?;
        let hash = header_hash(crate::engine::mime::header_block(&headers));
        let seen = occurrences.entry(hash.clone()).or_insert(0);
        *seen += 1;
        let uidl = if *seen == 1 { hash } else { format!("{hash}#{seen}") };
        listing.push(Listed { msg, uidl });
    }
    Ok(listing)
}

/// `hdr:` and the SHA-256 of the header block, line endings normalised (servers differ in CRLF).
pub fn header_hash(headers: &[u8]) -> String {
    let normalised: Vec<u8> = headers.iter().copied().filter(|b| *b != b'\r').collect();
    let digest = openssl::sha::sha256(&normalised);
    let hex: String = digest.iter().take(20).map(|b| format!("{b:02x}")).collect();
    format!("{HEADER_HASH_PREFIX}{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_messages_sharing_an_id_are_left_out() {
        let listed = |msg, uidl: &str| Listed { msg, uidl: uidl.into() };
        let listing = without_shared_ids(vec![
            listed(1, "a"),
            listed(2, "dup"),
            listed(3, "b"),
            listed(4, "dup"),
            listed(5, "c"),
        ]);
        let kept: Vec<u32> = listing.listed.iter().map(|l| l.msg).collect();
        assert_eq!(kept, vec![1, 3, 5]);
        assert_eq!(listing.shared_ids, vec!["dup".to_string()]);
    }

    #[test]
    fn header_hash_ignores_line_endings_and_differs_per_message() {
        let a = header_hash(b"Message-ID: <1@x>\r\nSubject: a\r\n");
        assert_eq!(a, header_hash(b"Message-ID: <1@x>\nSubject: a\n"));
        assert_ne!(a, header_hash(b"Message-ID: <2@x>\r\nSubject: a\r\n"));
        assert!(a.starts_with("hdr:") && a.len() <= 70, "{a}");
    }
}

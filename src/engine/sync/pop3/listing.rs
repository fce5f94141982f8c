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

pub async fn list<S: AsyncRead + AsyncWrite + Unpin + Send>(
    client: &mut Pop3Client<S>,
) -> Result<Vec<Listed>, Pop3Error> {
    match client.uidl().await {
        Ok(entries) => Ok(entries.into_iter().map(|(msg, uidl)| Listed { msg, uidl }).collect()),
        // `-ERR`: UIDL is optional (RFC 1939 §7); anything else broke the session.
        Err(err) if !err.breaks_session() => {
            tracing::info!(%err, "the POP3 server has no UIDL; telling messages apart by their headers");
            by_header_hash(client).await
        }
        Err(err) => Err(err),
    }
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
        let hash = header_hash(crate::engine::rules::header_block(&headers));
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
    fn header_hash_ignores_line_endings_and_differs_per_message() {
        let a = header_hash(b"Message-ID: <1@x>\r\nSubject: a\r\n");
        assert_eq!(a, header_hash(b"Message-ID: <1@x>\nSubject: a\n"));
        assert_ne!(a, header_hash(b"Message-ID: <2@x>\r\nSubject: a\r\n"));
        assert!(a.starts_with("hdr:") && a.len() <= 70, "{a}");
    }
}

//! One HTTP/1.1 POST of a form to a token endpoint (RFC 6749 §4.1.3, §6; RFC 9112): verified TLS
//! against the system roots, `Connection: close`, the answer's status and body whatever the
//! status (a 400 carries the OAuth error JSON). Plain `http://` is accepted only for a loopback
//! address (a local authorization server, as in the tests): nothing crosses the network in clear.

use crate::engine::discovery::https::{HttpsUrl, RawReply};
use crate::engine::protocol::net::{MailStream, connect_tcp, verified_tls};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The whole exchange must end within this.
pub const HTTP_TIMEOUT: Duration = Duration::from_secs(30);
/// A token answer is under a few kilobytes.
const MAX_RESPONSE: usize = 256 * 1024;

/// Where a form goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub tls: bool,
    pub host: String,
    pub port: u16,
    /// The path and query, starting with "/".
    pub target: String,
}

impl Endpoint {
    /// `https://...`, or `http://127.0.0.1|localhost|[::1]:PORT/...`.
    pub fn parse(url: &str) -> Result<Endpoint, String> {
        if let Some(rest) = url.strip_prefix("http://") {
            let (authority, target) = match rest.find('/') {
                Some(at) => (&rest[..at], rest[at..].to_string()),
                None => (rest, "/".to_string()),
            };
            let (host, port) = match authority.rsplit_once(':') {
                Some((host, port)) => (host, port.parse::<u16>().map_err(|_| format!("{url} has a bad port"))?),
                None => (authority, 80),
            };
            if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") || target.contains(char::is_whitespace) {
                return Err(format!("{url} is not https; Pochta talks to sign-in servers over https only"));
            }
            return Ok(Endpoint { tls: false, host: host.trim_matches(['[', ']']).to_string(), port, target });
        }
        let url = HttpsUrl::parse(url)?;
        Ok(Endpoint { tls: true, host: url.host, port: url.port, target: url.target })
    }
}

/// The status and body of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Percent-encodes for `application/x-www-form-urlencoded` and URL queries: everything but the
/// unreserved characters (RFC 3986 §2.3).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `a=1&b=2`, each part encoded.
pub fn form(fields: &[(&str, &str)]) -> String {
    fields.iter().map(|(key, value)| format!("{}={}", encode(key), encode(value))).collect::<Vec<_>>().join("&")
}

/// POSTs `fields` as a form and returns the answer. Errors are sentences (an unreachable host,
/// a broken answer); the body is never put into one, it may hold tokens.
pub async fn post_form(url: &str, fields: &[(&str, &str)]) -> Result<Reply, String> {
    let endpoint = Endpoint::parse(url)?;
    let exchange = async {
        let tcp = connect_tcp(&endpoint.host, endpoint.port).await.map_err(|failure| failure.to_string())?;
        let mut stream = if endpoint.tls {
            verified_tls(&endpoint.host, tcp)
                .await
                .map_err(|err| format!("no secure connection to {}: {err}", endpoint.host))?
        } else {
            MailStream::plain(tcp)
        };
        let body = form(fields);
        let request = format!(
            "POST {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: Pochta/{}\r\nAccept: application/json\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            endpoint.target,
            endpoint.host,
            env!("CARGO_PKG_VERSION"),
            body.len(),
            body
        );
        stream.write_all(request.as_bytes()).await.map_err(|err| format!("{}: {err}", endpoint.host))?;
        stream.flush().await.map_err(|err| format!("{}: {err}", endpoint.host))?;
        let mut raw = Vec::new();
        let read = (&mut stream).take(MAX_RESPONSE as u64 + 1).read_to_end(&mut raw).await;
        // Servers often end TLS without close_notify after `Connection: close`: the framing decides.
        if let Err(err) = read
            && raw.is_empty()
        {
            return Err(format!("{}: {err}", endpoint.host));
        }
        if raw.len() > MAX_RESPONSE {
            return Err(format!("{} sent more than {} KB", endpoint.host, MAX_RESPONSE / 1024));
        }
        parse_reply(&raw).map_err(|why| format!("{}: {why}", endpoint.host))
    };
    tokio::time::timeout(HTTP_TIMEOUT, exchange)
        .await
        .map_err(|_| format!("{} did not answer in time", endpoint.host))?
}

/// Status line, headers, then the body by Content-Length, chunked, or up to the close.
pub fn parse_reply(raw: &[u8]) -> Result<Reply, String> {
    let reply = RawReply::parse(raw)?;
    Ok(Reply { status: reply.status, body: reply.body()? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        let local = Endpoint::parse("http://127.0.0.1:8080/token").unwrap();
        assert_eq!(
            (local.tls, local.host.as_str(), local.port, local.target.as_str()),
            (false, "127.0.0.1", 8080, "/token")
        );
        assert!(Endpoint::parse("http://oauth2.example.com/token").is_err());
        assert!(Endpoint::parse("http://127.0.0.1.evil.example/token").is_err());
        assert!(Endpoint::parse("https://oauth2.googleapis.com/token").unwrap().tls);
    }

    #[test]
    fn forms_encode_everything_but_unreserved() {
        assert_eq!(form(&[("scope", "a b/c"), ("x", "ü&=")]), "scope=a%20b%2Fc&x=%C3%BC%26%3D");
    }

    #[test]
    fn error_answers_keep_their_status_and_body() {
        let raw = b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 25\r\n\r\n{\"error\":\"invalid_grant\"}";
        let reply = parse_reply(raw).unwrap();
        assert_eq!(reply.status, 400);
        assert_eq!(reply.body, br#"{"error":"invalid_grant"}"#);
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
        assert_eq!(parse_reply(chunked).unwrap().body, b"{}");
    }
}

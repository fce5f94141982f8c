//! A small HTTPS GET for autoconfig files (RFC 9112 HTTP/1.1 over TLS, RFC 9110 semantics):
//! verified TLS only, `Connection: close`, status 200 only, the body capped, at most three
//! redirects and only to https. No reqwest or hyper: one request, one response, then done.

use crate::engine::protocol::net::{connect_tcp, verified_tls};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The whole exchange (connect, TLS, request, response) must end within this.
pub const HTTP_TIMEOUT: Duration = Duration::from_secs(10);
/// An autoconfig file is a few kilobytes; anything larger is not one.
pub const MAX_BODY: usize = 1024 * 1024;
/// Room for the status line and headers on top of the body.
const MAX_HEAD: usize = 64 * 1024;
const MAX_REDIRECTS: usize = 3;

/// An `https://host[:port]/path?query` URL, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpsUrl {
    pub host: String,
    pub port: u16,
    /// The path and query, starting with "/".
    pub target: String,
}

impl HttpsUrl {
    /// Only https, no user info, no fragment kept; the host lowercased.
    pub fn parse(url: &str) -> Result<HttpsUrl, String> {
        let rest = url
            .strip_prefix("https://")
            .ok_or_else(|| format!("{url} is not an https address; Pochta fetches settings over https only"))?;
        let rest = rest.split('#').next().unwrap_or_default();
        let (authority, target) = match rest.find(['/', '?']) {
            Some(at) => (&rest[..at], rest[at..].to_string()),
            None => (rest, "/".to_string()),
        };
        let target = if target.starts_with('?') { format!("/{target}") } else { target };
        if authority.contains('@') || target.contains(char::is_whitespace) {
            return Err(format!("{url} is not an address Pochta fetches"));
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, port.parse::<u16>().map_err(|_| format!("{url} has a bad port"))?),
            None => (authority, 443),
        };
        if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')) {
            return Err(format!("{url} has no host name Pochta can use"));
        }
        Ok(HttpsUrl { host: host.to_ascii_lowercase(), port, target })
    }

    fn to_url(&self) -> String {
        match self.port {
            443 => format!("https://{}{}", self.host, self.target),
            port => format!("https://{}:{port}{}", self.host, self.target),
        }
    }
}

/// A response as far as this client cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    Body(Vec<u8>),
    Redirect(String),
}

/// GETs `url` and returns the body of a 200 answer as text, following up to three https
/// redirects. Errors are sentences for the wizard's details view.
pub async fn get_text(url: &str) -> Result<String, String> {
    let exchange = async {
        let mut current = HttpsUrl::parse(url)?;
        for _ in 0..=MAX_REDIRECTS {
            match fetch_once(&current).await? {
                Response::Body(body) => {
                    return String::from_utf8(body).map_err(|_| format!("{} is not UTF-8 text", current.to_url()));
                }
                Response::Redirect(location) => current = resolve_location(&current, &location)?,
            }
        }
        Err(format!("{url} redirected more than {MAX_REDIRECTS} times"))
    };
    tokio::time::timeout(HTTP_TIMEOUT, exchange).await.map_err(|_| format!("{url} did not answer in time"))?
}

async fn fetch_once(url: &HttpsUrl) -> Result<Response, String> {
    let tcp = connect_tcp(&url.host, url.port).await.map_err(|failure| failure.to_string())?;
    // System roots only, verification always on: a settings file from an impostor would send the
    // password elsewhere.
    let mut tls =
        verified_tls(&url.host, tcp).await.map_err(|err| format!("no secure connection to {}: {err}", url.host))?;
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: Pochta/{}\r\nAccept: application/xml, text/xml, */*\r\n\
         Connection: close\r\n\r\n",
        url.target,
        url.host,
        env!("CARGO_PKG_VERSION")
    );
    tls.write_all(request.as_bytes()).await.map_err(|err| format!("{}: {err}", url.host))?;
    let mut raw = Vec::new();
    let limit = (MAX_HEAD + MAX_BODY + 1) as u64;
    // Servers often end a TLS stream without close_notify after `Connection: close`: whatever
    // arrived before that is the response, judged by its own framing below.
    let read = (&mut tls).take(limit).read_to_end(&mut raw).await;
    if let Err(err) = read
        && raw.is_empty()
    {
        return Err(format!("{}: {err}", url.host));
    }
    if raw.len() as u64 >= limit {
        return Err(format!("{} sent more than {} KB", url.to_url(), MAX_BODY / 1024));
    }
    parse_response(&raw).map_err(|why| format!("{}: {why}", url.to_url()))
}

/// Where a redirect leads: absolute https URLs, or a path on the same server (RFC 9110 10.2.2).
pub fn resolve_location(base: &HttpsUrl, location: &str) -> Result<HttpsUrl, String> {
    if location.starts_with('/') && !location.starts_with("//") {
        return Ok(HttpsUrl { target: location.to_string(), ..base.clone() });
    }
    HttpsUrl::parse(location).map_err(|_| format!("a redirect to {location} was not followed (https only)"))
}

/// Splits a whole HTTP/1.1 response (RFC 9112 4, 6): a 200 gives its body (Content-Length,
/// chunked, or up to the close), a 301/302/303/307/308 its Location, anything else an error.
pub fn parse_response(raw: &[u8]) -> Result<Response, String> {
    let reply = RawReply::parse(raw)?;
    match reply.status {
        200 => {}
        301 | 302 | 303 | 307 | 308 => {
            return reply
                .header("location")
                .map(Response::Redirect)
                .ok_or_else(|| "a redirect without Location".into());
        }
        404 => return Err("not found (HTTP 404)".into()),
        other => return Err(format!("the server answered HTTP {other}")),
    }
    let body = reply.body()?;
    if body.len() > MAX_BODY {
        return Err(format!("the file is larger than {} KB", MAX_BODY / 1024));
    }
    Ok(Response::Body(body))
}

/// A whole HTTP/1.1 answer split (RFC 9112 4, 6): the status, the header lines, and what follows
/// them (discovery's downloads and OAuth2's token answers read it alike).
pub(crate) struct RawReply<'a> {
    pub status: u16,
    head: &'a str,
    rest: &'a [u8],
}

impl<'a> RawReply<'a> {
    pub fn parse(raw: &'a [u8]) -> Result<Self, String> {
        let head_end = find(raw, b"\r\n\r\n").ok_or("the answer has no complete header")?;
        let head =
            std::str::from_utf8(raw.get(..head_end).unwrap_or_default()).map_err(|_| "the header is not text")?;
        let status: u16 = head
            .strip_prefix("HTTP/1.")
            .and_then(|rest| rest.get(2..5))
            .and_then(|code| code.parse().ok())
            .ok_or("the answer is not HTTP")?;
        Ok(RawReply { status, head, rest: raw.get(head_end + 4..).unwrap_or_default() })
    }

    /// A header's value (names compared without case).
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.split("\r\n").skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_string())
        })
    }

    /// The body by its framing: chunked, Content-Length, or up to the close.
    pub fn body(&self) -> Result<Vec<u8>, String> {
        if self.header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
            dechunk(self.rest)
        } else if let Some(length) = self.header("content-length") {
            let length: usize = length.parse().map_err(|_| "a bad Content-Length")?;
            Ok(self.rest.get(..length).ok_or("the body is shorter than its Content-Length")?.to_vec())
        } else {
            Ok(self.rest.to_vec())
        }
    }
}

/// RFC 9112 7.1: hex size, optional extensions, CRLF, data, CRLF; a zero size ends it.
pub(crate) fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let line_end = find(rest, b"\r\n").ok_or("a chunk size line is cut off")?;
        let line = std::str::from_utf8(rest.get(..line_end).unwrap_or_default()).map_err(|_| "a bad chunk size")?;
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| "a bad chunk size")?;
        rest = rest.get(line_end + 2..).unwrap_or_default();
        if size == 0 {
            return Ok(body);
        }
        if size > MAX_BODY || body.len() + size > MAX_BODY {
            return Err(format!("the file is larger than {} KB", MAX_BODY / 1024));
        }
        let chunk = rest.get(..size).ok_or("a chunk is cut off")?;
        body.extend_from_slice(chunk);
        rest = rest.get(size..).and_then(|r| r.strip_prefix(b"\r\n")).ok_or("a chunk does not end with CRLF")?;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_https_only_with_host_port_and_target() {
        let url = HttpsUrl::parse("https://Autoconfig.Example.org/mail/config-v1.1.xml?emailaddress=a%40b").unwrap();
        assert_eq!(url.host, "autoconfig.example.org");
        assert_eq!(url.port, 443);
        assert_eq!(url.target, "/mail/config-v1.1.xml?emailaddress=a%40b");
        assert_eq!(HttpsUrl::parse("https://h:8443").unwrap().target, "/");
        assert_eq!(HttpsUrl::parse("https://h:8443").unwrap().port, 8443);
        assert_eq!(HttpsUrl::parse("https://h?x=1").unwrap().target, "/?x=1");
        for bad in ["http://example.org/", "https://user@evil/", "https://", "https://ex ample/", "https://h:99999/"] {
            assert!(HttpsUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn redirects_stay_on_https() {
        let base = HttpsUrl::parse("https://example.org/a").unwrap();
        assert_eq!(resolve_location(&base, "/b").unwrap().target, "/b");
        assert_eq!(resolve_location(&base, "https://other.org/c").unwrap().host, "other.org");
        assert!(resolve_location(&base, "http://example.org/b").is_err());
        assert!(resolve_location(&base, "//evil.org/b").is_err());
    }

    #[test]
    fn bodies_come_by_length_chunks_or_close() {
        let sized = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello world";
        assert_eq!(parse_response(sized), Ok(Response::Body(b"hello".to_vec())));
        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        assert_eq!(parse_response(chunked), Ok(Response::Body(b"hello world".to_vec())));
        let closed = b"HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n<x/>";
        assert_eq!(parse_response(closed), Ok(Response::Body(b"<x/>".to_vec())));
    }

    #[test]
    fn only_200_gives_a_body_and_redirects_give_their_location() {
        let moved = b"HTTP/1.1 301 Moved\r\nlocation: https://example.org/x\r\n\r\n";
        assert_eq!(parse_response(moved), Ok(Response::Redirect("https://example.org/x".into())));
        assert!(parse_response(b"HTTP/1.1 404 Not Found\r\n\r\n").unwrap_err().contains("404"));
        assert!(parse_response(b"HTTP/1.1 500 Oops\r\n\r\n").unwrap_err().contains("500"));
        assert!(parse_response(b"HTTP/1.1 204 No Content\r\n\r\n").is_err());
    }

    #[test]
    fn broken_responses_are_errors_not_panics() {
        for raw in [
            &b""[..],
            b"garbage",
            b"HTTP/1.1 200 OK\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nshort",
            b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffff\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n",
        ] {
            assert!(parse_response(raw).is_err(), "{:?}", String::from_utf8_lossy(raw));
        }
    }
}

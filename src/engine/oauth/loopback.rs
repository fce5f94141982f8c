//! The browser's half of the flow (RFC 8252 §7.3, §8.1): a listener on `127.0.0.1` on a port
//! the system picks, the authorization URL with PKCE S256 and a random `state`, and one wait for
//! the browser's redirect. The first request that carries an answer ends the wait: its `state`
//! must be ours (RFC 6749 §10.12), else the flow fails; the tab gets a small page in the user's
//! language. The wait has a deadline, so a browser that never comes back ends with a sentence.

use super::pkce::{Pkce, random_token};
use crate::model::OAuthSettings;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How long the browser gets by default: a sign-in with a second factor takes minutes.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(300);
/// The longest request line and headers read from the browser.
const MAX_REQUEST: usize = 16 * 1024;
/// A connection that sends nothing (a browser's speculative preconnect) is dropped after this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// A sign-in waiting for the browser.
pub struct Authorization {
    listener: TcpListener,
    /// `http://127.0.0.1:PORT/`, as sent in the request and again to the token endpoint.
    pub redirect_uri: String,
    /// The address to open in the browser.
    pub url: String,
    state: String,
    verifier: String,
}

/// What the browser brought back: enough for the token request.
pub struct Grant {
    pub code: String,
    pub verifier: String,
    pub redirect_uri: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowError {
    /// The browser did not come back in time.
    TimedOut,
    /// An answer whose `state` is not ours: forged or from another attempt.
    StateMismatch,
    /// The provider said no (RFC 6749 §4.1.2.1), e.g. `access_denied`.
    Denied(String),
    /// The listener could not be opened or read.
    Io(String),
}

impl std::fmt::Display for FlowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            FlowError::TimedOut => crate::fl!("error-oauth-browser-timeout"),
            FlowError::StateMismatch => crate::fl!("error-oauth-state-mismatch"),
            FlowError::Denied(error) => crate::fl!("error-oauth-denied", error = error.as_str()),
            FlowError::Io(detail) => crate::fl!("error-oauth-listener", detail = detail.as_str()),
        };
        f.write_str(&text)
    }
}

impl Authorization {
    /// Opens the listener and builds the authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3).
    /// `login_hint` pre-fills the address on the provider's page.
    pub async fn begin(settings: &OAuthSettings, login_hint: &str) -> Result<Authorization, FlowError> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|err| FlowError::Io(err.to_string()))?;
        let port = listener.local_addr().map_err(|err| FlowError::Io(err.to_string()))?.port();
        let redirect_uri = format!("http://127.0.0.1:{port}/");
        let pkce = Pkce::new().map_err(FlowError::Io)?;
        let state = random_token(16).map_err(FlowError::Io)?;
        let scope = settings.scopes.join(" ");
        let mut query = vec![
            ("response_type", "code"),
            ("client_id", settings.client_id.as_str()),
            ("redirect_uri", redirect_uri.as_str()),
            ("scope", scope.as_str()),
            ("state", state.as_str()),
            ("code_challenge", pkce.challenge.as_str()),
            ("code_challenge_method", "S256"),
        ];
        if !login_hint.is_empty() {
            query.push(("login_hint", login_hint));
        }
        query.extend(settings.authorize_params.iter().map(|(key, value)| (key.as_str(), value.as_str())));
        let separator = if settings.authorize_url.contains('?') { '&' } else { '?' };
        let url = format!("{}{separator}{}", settings.authorize_url, super::http::form(&query));
        Ok(Authorization { listener, redirect_uri, url, state, verifier: pkce.verifier })
    }

    /// Waits up to `deadline` for the browser's redirect. Requests without an answer (a favicon)
    /// get a 404 and the wait goes on; the first answer ends it either way.
    pub async fn wait(self, deadline: Duration) -> Result<Grant, FlowError> {
        let answer = async {
            loop {
                let (stream, _) = self.listener.accept().await.map_err(|err| FlowError::Io(err.to_string()))?;
                let Ok(Some(target)) = tokio::time::timeout(REQUEST_TIMEOUT, read_target(stream)).await else {
                    continue;
                };
                let (mut stream, target) = target;
                let outcome = judge(&target, &self.state);
                let (status, page) = match &outcome {
                    None => ("404 Not Found", String::new()),
                    Some(Ok(_)) => ("200 OK", page(&crate::fl!("oauth-page-done"))),
                    Some(Err(err)) => ("400 Bad Request", page(&err.to_string())),
                };
                let reply = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
                     Cache-Control: no-store\r\nConnection: close\r\n\r\n{page}",
                    page.len()
                );
                let _ = stream.write_all(reply.as_bytes()).await;
                let _ = stream.shutdown().await;
                if let Some(outcome) = outcome {
                    return outcome;
                }
            }
        };
        let code = tokio::time::timeout(deadline, answer).await.map_err(|_| FlowError::TimedOut)??;
        Ok(Grant { code, verifier: self.verifier, redirect_uri: self.redirect_uri })
    }
}

/// Reads a request's head and returns its target (`/?code=...&state=...`).
async fn read_target(mut stream: TcpStream) -> Option<(TcpStream, String)> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = stream.read(&mut buffer).await.ok()?;
        if read == 0 || head.len() + read > MAX_REQUEST {
            return None;
        }
        head.extend_from_slice(buffer.get(..read)?);
    }
    let line = head.split(|b| *b == b'\r').next()?;
    let line = std::str::from_utf8(line).ok()?;
    let mut parts = line.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    (method == "GET").then(|| (stream, target.to_string()))
}

/// `None`: not an answer (keep waiting); otherwise the code, or why the flow ends.
fn judge(target: &str, state: &str) -> Option<Result<String, FlowError>> {
    let query = target.strip_prefix('/')?.strip_prefix('?')?;
    let value = |key: &str| {
        query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == key).then(|| decode(v))
        })
    };
    let (code, error) = (value("code"), value("error"));
    if code.is_none() && error.is_none() {
        return None;
    }
    // RFC 6749 §10.12: an answer that does not carry our state is not ours, error or not.
    if value("state").as_deref() != Some(state) {
        return Some(Err(FlowError::StateMismatch));
    }
    Some(match (code, error) {
        (_, Some(error)) => Err(FlowError::Denied(error.chars().filter(|c| !c.is_control()).take(100).collect())),
        (Some(code), None) if !code.is_empty() => Ok(code),
        _ => Err(FlowError::Denied("empty code".into())),
    })
}

/// Percent-decoding for a query value (`+` is a space in forms).
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let hex = bytes.get(at + 1..at + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (byte, hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                at += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                at += 1;
            }
            (other, _) => {
                out.push(other);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The page the browser tab shows: a title and one sentence, escaped.
fn page(sentence: &str) -> String {
    let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Pochta</title></head>\
         <body style=\"font-family:sans-serif;margin:3em\"><h1>Pochta</h1><p>{}</p></body></html>",
        escape(sentence)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_answer_with_our_state_gives_the_code() {
        assert_eq!(judge("/?code=4%2F0Ab&state=s1", "s1"), Some(Ok("4/0Ab".into())));
        assert_eq!(judge("/?code=c&state=other", "s1"), Some(Err(FlowError::StateMismatch)));
        assert_eq!(judge("/?code=c", "s1"), Some(Err(FlowError::StateMismatch)));
        assert_eq!(judge("/?error=access_denied&state=s1", "s1"), Some(Err(FlowError::Denied("access_denied".into()))));
        assert_eq!(judge("/favicon.ico", "s1"), None);
        assert_eq!(judge("/?foo=bar", "s1"), None);
    }
}

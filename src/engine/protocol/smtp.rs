//! SMTP connection set-up over lettre's `AsyncSmtpConnection`: implicit TLS (RFC 8314) or
//! STARTTLS (RFC 3207), then AUTH (RFC 4954). TLS is ours ([`super::net::secure`]), so pinned
//! certificates are checked before AUTH and refusals are explained exactly as for IMAP and POP3.
//!
//! For STARTTLS we speak the plaintext part ourselves (greeting, EHLO, STARTTLS), byte by byte so
//! nothing injected after the 220 is read, and hand lettre the encrypted stream behind a synthetic
//! greeting: lettre expects one, and sends the EHLO that RFC 3207 4.2 requires after the upgrade.

use super::deadline;
use super::net::{MailStream, NetFailure, await_plain_greeting, connect_tcp, secure};
use super::tls::{CertificateInfo, Trust};
use crate::engine::protocol::sasl;
use crate::model::{AccountSettings, OAuthMechanism, Security, ServerEndpoint};
use base64::{Engine, engine::general_purpose::STANDARD as BASE64};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream};
use lettre::transport::smtp::extension::ClientId;
use std::fmt;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

const MAX_LINE: usize = 8 * 1024;
const SYNTHETIC_GREETING: &[u8] = b"220 TLS established\r\n";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmtpFailure {
    Net(NetFailure),
    StarttlsNotOffered,
    StarttlsRefused(String),
    Greeting(String),
    /// AUTH was refused (535 and friends): the text is the server's.
    AuthRejected {
        code: Option<u16>,
        text: String,
    },
    /// The server offers no mechanism we can use (e.g. AUTH only after STARTTLS, or only OAuth).
    NoAuthMechanism(String),
    /// A command was refused; `code` is the SMTP reply code (RFC 5321 4.2).
    Rejected {
        code: Option<u16>,
        text: String,
    },
    Protocol(String),
    Timeout(&'static str),
}

impl fmt::Display for SmtpFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SmtpFailure::Net(failure) => return failure.fmt(f),
            SmtpFailure::StarttlsNotOffered => crate::fl!("error-smtp-starttls-not-offered"),
            SmtpFailure::StarttlsRefused(text) => crate::fl!("error-smtp-starttls-refused", reply = text.as_str()),
            SmtpFailure::Greeting(text) => crate::fl!("error-smtp-greeting", reply = text.as_str()),
            SmtpFailure::AuthRejected { text, .. } => crate::fl!("error-smtp-login-rejected", reply = text.as_str()),
            SmtpFailure::NoAuthMechanism(offered) => {
                crate::fl!("error-smtp-no-auth-mechanism", offered = offered.as_str())
            }
            SmtpFailure::Rejected { text, .. } => crate::fl!("error-smtp-rejected", reply = text.as_str()),
            SmtpFailure::Protocol(text) => crate::fl!("error-smtp-protocol", detail = text.as_str()),
            SmtpFailure::Timeout(during) => crate::fl!("error-smtp-timeout", during = during.to_string()),
        };
        f.write_str(&text)
    }
}

impl From<NetFailure> for SmtpFailure {
    fn from(failure: NetFailure) -> Self {
        SmtpFailure::Net(failure)
    }
}

/// Maps a lettre error to ours, keeping the reply code and text. Only a reply with a code is a
/// refusal (RFC 5321 4.2: 4xx for now, 5xx for good). An end of stream in the middle of a reply
/// is also a "response" error to lettre, with no code (DESIGN §4): the connection broke, and
/// nothing was refused.
pub fn from_lettre(err: lettre::transport::smtp::Error) -> SmtpFailure {
    let code = err.status().and_then(|c| c.to_string().parse().ok());
    if err.is_timeout() {
        SmtpFailure::Timeout("SMTP command")
    } else if code.is_some() {
        SmtpFailure::Rejected { code, text: reply_text(&err) }
    } else if err.is_response() && err.to_string().contains("incomplete response") {
        SmtpFailure::Net(NetFailure::Closed(crate::fl!("error-smtp-no-reply")))
    } else if err.is_response() {
        SmtpFailure::Protocol(err.to_string())
    } else {
        SmtpFailure::Net(NetFailure::Closed(err.to_string()))
    }
}

impl SmtpFailure {
    /// Whether the session is still in step after this failure: the server answered (a
    /// refusal, or a local check that sent nothing). After a timeout or a broken connection a
    /// late reply may still be on its way, so nothing more is sent or read on that session.
    pub fn session_in_step(&self) -> bool {
        matches!(
            self,
            SmtpFailure::Rejected { .. } | SmtpFailure::AuthRejected { .. } | SmtpFailure::NoAuthMechanism(_)
        )
    }
}

/// The server's words from a lettre error ("permanent error (535): 5.7.8 ..." becomes "5.7.8 ...").
fn reply_text(err: &lettre::transport::smtp::Error) -> String {
    let text = err.to_string();
    match text.split_once("): ") {
        Some((_, rest)) => rest.to_string(),
        None => text,
    }
}

/// Connects and says EHLO, encrypted unless the account explicitly chose no security. Also
/// gives the server's certificate, for the user to see what was trusted.
pub async fn connect(
    endpoint: &ServerEndpoint,
    trust: &Trust,
) -> Result<(AsyncSmtpConnection, Option<CertificateInfo>), SmtpFailure> {
    let host = endpoint.host.as_str();
    let port = endpoint.port;
    let hello = ClientId::default();
    let stream = match endpoint.security {
        Security::Ssl => {
            let tcp = connect_tcp(host, port).await?;
            SmtpStream::new(secure(host, trust, tcp, || connect_tcp(host, port)).await?, false)
        }
        Security::Starttls => {
            let tcp = connect_tcp(host, port).await?;
            await_plain_greeting(&tcp, host, port).await?;
            let tcp = starttls_preamble(tcp, &hello).await?;
            let reconnect = || async move {
                let tcp = connect_tcp(host, port).await?;
                starttls_preamble(tcp, &ClientId::default()).await.map_err(|err| NetFailure::Closed(err.to_string()))
            };
            SmtpStream::new(secure(host, trust, tcp, reconnect).await?, true)
        }
        Security::None => {
            let tcp = connect_tcp(host, port).await?;
            await_plain_greeting(&tcp, host, port).await?;
            SmtpStream::new(MailStream::plain(tcp), false)
        }
    };
    let certificate = stream.inner.peer_certificate_info();
    let connected = AsyncSmtpConnection::connect_with_transport(Box::new(stream), &hello);
    match tokio::time::timeout(deadline::command(), connected).await {
        Err(_) => Err(SmtpFailure::Timeout("greeting")),
        Ok(Err(err)) => Err(SmtpFailure::Greeting(reply_text(&err))),
        Ok(Ok(conn)) => Ok((conn, certificate)),
    }
}

/// Logs in as the account says: a password (PLAIN or LOGIN) or an OAuth 2.0 access token, and
/// says which token mechanism was used.
pub async fn sign_in(
    conn: &mut AsyncSmtpConnection,
    account: &AccountSettings,
    secret: &str,
) -> Result<Option<OAuthMechanism>, SmtpFailure> {
    match &account.oauth {
        Some(oauth) => authenticate_oauth(conn, oauth.mechanism, &account.login, secret, &account.smtp).await.map(Some),
        None => authenticate(conn, &account.login, secret).await.map(|()| None),
    }
}

/// AUTH PLAIN or LOGIN (RFC 4954), whichever the server offers.
pub async fn authenticate(conn: &mut AsyncSmtpConnection, login: &str, password: &str) -> Result<(), SmtpFailure> {
    let info = conn.server_info();
    let mechanisms = [Mechanism::Plain, Mechanism::Login];
    if info.get_auth_mechanism(&mechanisms).is_none() {
        return Err(SmtpFailure::NoAuthMechanism(info.to_string()));
    }
    let credentials = Credentials::new(login.to_string(), password.to_string());
    match tokio::time::timeout(deadline::command(), conn.auth(&mechanisms, &credentials)).await {
        Err(_) => Err(SmtpFailure::Timeout("login")),
        Ok(Ok(response)) if response.is_positive() => Ok(()),
        Ok(Ok(response)) => Err(SmtpFailure::AuthRejected {
            code: response.code().to_string().parse().ok(),
            text: response.message().collect::<Vec<_>>().join(" "),
        }),
        Ok(Err(err)) => Err(match from_lettre(err) {
            SmtpFailure::Rejected { code, text } => SmtpFailure::AuthRejected { code, text },
            other => other,
        }),
    }
}

/// AUTH with an OAuth 2.0 access token (RFC 4954 with an initial response): XOAUTH2 when the
/// server lists it and the account does not ask for OAUTHBEARER (RFC 7628), which lettre does not
/// know, so it is written here. A refusal's error challenge (RFC 7628 §3.2.2) is answered as the
/// mechanism says and its JSON kept with the server's final words.
pub async fn authenticate_oauth(
    conn: &mut AsyncSmtpConnection,
    preferred: OAuthMechanism,
    login: &str,
    token: &str,
    endpoint: &ServerEndpoint,
) -> Result<OAuthMechanism, SmtpFailure> {
    let xoauth2_offered = conn.server_info().get_auth_mechanism(&[Mechanism::Xoauth2]).is_some();
    let mechanism = match preferred {
        OAuthMechanism::Oauthbearer => OAuthMechanism::Oauthbearer,
        OAuthMechanism::Xoauth2 if xoauth2_offered => OAuthMechanism::Xoauth2,
        // Not listed as XOAUTH2: the standard mechanism is the better guess.
        OAuthMechanism::Xoauth2 => OAuthMechanism::Oauthbearer,
    };
    if sasl::unusable(login, token) {
        return Err(SmtpFailure::Protocol("the login or token cannot be sent".into()));
    }
    let initial = sasl::initial_response(mechanism, login, token, &endpoint.host, endpoint.port);
    let command = format!("AUTH {} {}\r\n", mechanism.sasl_name(), BASE64.encode(&initial));
    let exchange = async {
        let mut reply = conn.command(&command).await;
        let mut detail = None;
        if let Ok(response) = &reply
            && response.has_code(334)
        {
            let challenge = response.message().collect::<Vec<_>>().join("");
            detail = BASE64.decode(challenge.trim()).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
            let answer = BASE64.encode(sasl::error_acknowledgement(mechanism));
            reply = conn.command(format!("{answer}\r\n")).await;
        }
        (reply, detail)
    };
    let (reply, detail) =
        tokio::time::timeout(deadline::command(), exchange).await.map_err(|_| SmtpFailure::Timeout("login"))?;
    let with_detail = |text: String| match &detail {
        Some(json) => format!("{text} {json}"),
        None => text,
    };
    match reply {
        Ok(response) if response.code().to_string().starts_with('2') => Ok(mechanism),
        Ok(response) => Err(SmtpFailure::AuthRejected {
            code: response.code().to_string().parse().ok(),
            text: with_detail(response.message().collect::<Vec<_>>().join(" ")),
        }),
        Err(err) => Err(match from_lettre(err) {
            SmtpFailure::Rejected { code, text } => SmtpFailure::AuthRejected { code, text: with_detail(text) },
            other => other,
        }),
    }
}

/// Plaintext greeting, EHLO, STARTTLS (RFC 3207 4).
async fn starttls_preamble(mut tcp: TcpStream, hello: &ClientId) -> Result<TcpStream, SmtpFailure> {
    let run = async {
        let (code, text) = read_reply(&mut tcp).await?;
        if code != 220 {
            return Err(SmtpFailure::Greeting(text));
        }
        tcp.write_all(format!("EHLO {hello}\r\n").as_bytes()).await.map_err(io_failure)?;
        let (code, text) = read_reply(&mut tcp).await?;
        if code != 250 {
            return Err(SmtpFailure::Greeting(text));
        }
        if !text.lines().skip(1).any(|line| line.trim().eq_ignore_ascii_case("STARTTLS")) {
            return Err(SmtpFailure::StarttlsNotOffered);
        }
        tcp.write_all(b"STARTTLS\r\n").await.map_err(io_failure)?;
        let (code, text) = read_reply(&mut tcp).await?;
        if code != 220 {
            return Err(SmtpFailure::StarttlsRefused(text));
        }
        Ok(())
    };
    tokio::time::timeout(deadline::command(), run).await.map_err(|_| SmtpFailure::Timeout("STARTTLS"))??;
    Ok(tcp)
}

/// One reply, possibly multi-line (RFC 5321 4.2.1): the code and the text lines joined by '\n'.
async fn read_reply(tcp: &mut TcpStream) -> Result<(u16, String), SmtpFailure> {
    let mut lines = Vec::new();
    loop {
        let line = read_line(tcp).await?;
        let code = line.get(..3).and_then(|c| c.parse::<u16>().ok());
        let Some(code) = code else {
            return Err(SmtpFailure::Protocol(format!("not an SMTP reply: {line}")));
        };
        let last = line.as_bytes().get(3) != Some(&b'-');
        lines.push(line.get(4..).unwrap_or("").to_string());
        if last {
            return Ok((code, lines.join("\n")));
        }
        if lines.len() > 200 {
            return Err(SmtpFailure::Protocol("the server's reply never ends".into()));
        }
    }
}

async fn read_line(tcp: &mut TcpStream) -> Result<String, SmtpFailure> {
    let mut line = Vec::new();
    loop {
        let byte = match tcp.read_u8().await {
            Ok(byte) => byte,
            Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => {
                return Err(SmtpFailure::Protocol("the server closed the connection".into()));
            }
            Err(err) => return Err(io_failure(err)),
        };
        if byte == b'\n' {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(String::from_utf8_lossy(&line).into_owned());
        }
        if line.len() >= MAX_LINE {
            return Err(SmtpFailure::Protocol("a line from the server is far too long".into()));
        }
        line.push(byte);
    }
}

fn io_failure(err: io::Error) -> SmtpFailure {
    SmtpFailure::Net(NetFailure::Closed(err.to_string()))
}

/// The stream handed to lettre: ours, optionally behind a synthetic greeting (see module docs).
#[derive(Debug)]
struct SmtpStream {
    greeting: &'static [u8],
    inner: MailStream,
}

impl SmtpStream {
    fn new(inner: MailStream, synthetic_greeting: bool) -> SmtpStream {
        SmtpStream { greeting: if synthetic_greeting { SYNTHETIC_GREETING } else { b"" }, inner }
    }
}

impl AsyncRead for SmtpStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if !this.greeting.is_empty() {
            let n = this.greeting.len().min(buf.remaining());
            let (now, later) = this.greeting.split_at(n);
            buf.put_slice(now);
            this.greeting = later;
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for SmtpStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

impl AsyncTokioStream for SmtpStream {
    fn peer_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.inner.peer_addr()
    }
}

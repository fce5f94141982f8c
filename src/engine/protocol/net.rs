//! TCP connections with deadlines, upgraded to TLS through [`super::tls`]. One stream type,
//! plain or TLS, so the protocol clients do not care which (STARTTLS swaps it in place).

use super::deadline;
use super::tls::{HandshakeOutcome, TlsFailure, Trust, Verification, handshake_explaining};
use openssl::ssl::{Ssl, SslContext, SslFiletype, SslMethod, SslVerifyMode, SslVersion};
use openssl::x509::X509;
use openssl::x509::store::X509Lookup;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Sleep;
use tokio_openssl::SslStream;

/// Deadline for TCP connect plus TLS handshake: long enough for a slow mobile link, short enough
/// that a black-holed port is reported while the user still looks at the screen.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);

/// Why no connection could be made, in terms a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetFailure {
    /// The host name does not resolve (typo, no network, DNS down).
    UnknownHost(String),
    /// Something answered and refused: wrong port, or the service is down.
    Refused {
        host: String,
        port: u16,
    },
    /// Nothing answered in time: firewall, wrong port, or the server is down.
    TimedOut {
        host: String,
        port: u16,
    },
    /// No route: offline.
    Unreachable {
        host: String,
        port: u16,
        detail: String,
    },
    /// The connection broke after it was made.
    Closed(String),
    /// The connection broke or went silent during the TLS handshake: a network problem, and
    /// not a reason to doubt (or to pin) the server's certificate.
    HandshakeInterrupted {
        host: String,
        detail: String,
    },
    Tls(TlsFailure),
    /// STARTTLS or no security was chosen, but the port speaks TLS from the first byte (993,
    /// 465, 995): it stays silent, waiting for a TLS hello that never comes.
    ExpectsTls {
        port: u16,
    },
}

impl fmt::Display for NetFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetFailure::UnknownHost(host) => f.write_str(&crate::fl!("error-net-unknown-host", host = host.as_str())),
            NetFailure::Refused { host, port } => {
                f.write_str(&crate::fl!("error-net-refused", host = host.as_str(), port = port.to_string()))
            }
            NetFailure::TimedOut { host, port } => {
                f.write_str(&crate::fl!("error-net-timed-out", host = host.as_str(), port = port.to_string()))
            }
            NetFailure::Unreachable { host, port, detail } => f.write_str(&crate::fl!(
                "error-net-unreachable",
                host = host.as_str(),
                port = port.to_string(),
                detail = detail.as_str()
            )),
            NetFailure::Closed(detail) => f.write_str(&crate::fl!("error-net-closed", detail = detail.as_str())),
            NetFailure::HandshakeInterrupted { host, detail } => f.write_str(&crate::fl!(
                "error-net-handshake-interrupted",
                host = host.as_str(),
                detail = detail.as_str()
            )),
            NetFailure::Tls(failure) => failure.fmt(f),
            NetFailure::ExpectsTls { port } => {
                f.write_str(&crate::fl!("error-net-expects-tls", port = port.to_string()))
            }
        }
    }
}

/// A connection that is plain TCP or TLS over TCP, which gives up on a silent server: a read or
/// write that makes no progress for [`deadline::silence`] fails with `TimedOut` (switch it off
/// with [`MailStream::set_silence_limit`] for IDLE, which has its own timer).
pub struct MailStream {
    transport: Transport,
    silence_limit: Option<Duration>,
    read_timer: Option<Pin<Box<Sleep>>>,
    write_timer: Option<Pin<Box<Sleep>>>,
}

enum Transport {
    Plain(TcpStream),
    Tls(Box<SslStream<TcpStream>>),
}

impl fmt::Debug for MailStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.transport {
            Transport::Plain(_) => "MailStream::Plain",
            Transport::Tls(_) => "MailStream::Tls",
        })
    }
}

impl MailStream {
    /// Unencrypted: only when the account explicitly chose no security.
    pub fn plain(tcp: TcpStream) -> MailStream {
        MailStream::new(Transport::Plain(tcp))
    }

    fn tls(tls: SslStream<TcpStream>) -> MailStream {
        MailStream::new(Transport::Tls(Box::new(tls)))
    }

    fn new(transport: Transport) -> MailStream {
        MailStream { transport, silence_limit: Some(deadline::silence()), read_timer: None, write_timer: None }
    }

    /// How long a read or write may wait without progress; `None` for IDLE (RFC 2177), where a
    /// silent server is the normal case and the caller keeps its own, longer timer.
    pub fn set_silence_limit(&mut self, limit: Option<Duration>) {
        self.silence_limit = limit;
        self.read_timer = None;
        self.write_timer = None;
    }
}

/// A pending wait: armed at the first `Pending`, disarmed by any progress; when it expires the
/// operation fails with the silence error instead of waiting on.
fn poll_silence<T>(
    limit: Option<Duration>,
    timer: &mut Option<Pin<Box<Sleep>>>,
    cx: &mut Context<'_>,
    result: Poll<io::Result<T>>,
) -> Poll<io::Result<T>> {
    if result.is_ready() {
        *timer = None;
        return result;
    }
    let Some(limit) = limit else { return Poll::Pending };
    let sleeping = timer.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
    match sleeping.as_mut().poll(cx) {
        Poll::Ready(()) => {
            *timer = None;
            Poll::Ready(Err(deadline::error(limit)))
        }
        Poll::Pending => Poll::Pending,
    }
}

impl AsyncRead for MailStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = match &mut this.transport {
            Transport::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Transport::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        };
        poll_silence(this.silence_limit, &mut this.read_timer, cx, result)
    }
}

impl AsyncWrite for MailStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = match &mut this.transport {
            Transport::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Transport::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        };
        if matches!(result, Poll::Ready(Ok(_))) {
            // Something was sent: the wait for its answer is a new one (a read given up on
            // earlier, say by a caller's own timeout, must not leave its timer behind).
            this.read_timer = None;
        }
        poll_silence(this.silence_limit, &mut this.write_timer, cx, result)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = match &mut this.transport {
            Transport::Plain(s) => Pin::new(s).poll_flush(cx),
            Transport::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        };
        poll_silence(this.silence_limit, &mut this.write_timer, cx, result)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = match &mut this.transport {
            Transport::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Transport::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        };
        poll_silence(this.silence_limit, &mut this.write_timer, cx, result)
    }
}

/// TCP connect within [`CONNECT_TIMEOUT`], with the failure classified.
pub async fn connect_tcp(host: &str, port: u16) -> Result<TcpStream, NetFailure> {
    let addrs: Vec<_> = match tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::lookup_host((host, port))).await {
        Ok(Ok(addrs)) => addrs.collect(),
        Ok(Err(_)) => return Err(NetFailure::UnknownHost(host.into())),
        Err(_) => return Err(NetFailure::TimedOut { host: host.into(), port }),
    };
    if addrs.is_empty() {
        return Err(NetFailure::UnknownHost(host.into()));
    }
    let mut last = NetFailure::UnknownHost(host.into());
    let deadline = tokio::time::Instant::now() + CONNECT_TIMEOUT;
    for addr in addrs {
        match tokio::time::timeout_at(deadline, TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => {
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Ok(Err(err)) => last = classify_io(host, port, &err),
            Err(_) => return Err(NetFailure::TimedOut { host: host.into(), port }),
        }
    }
    Err(last)
}

/// How long a plaintext greeting may keep us waiting before the port is checked for implicit
/// TLS. Servers greet in milliseconds; one that speaks TLS first says nothing at all.
pub const GREETING_PATIENCE: Duration = Duration::from_secs(3);
/// How long the check's own TLS handshake may take.
const TLS_PROBE_LIMIT: Duration = Duration::from_secs(2);

/// Waits for the first byte of a plaintext greeting (IMAP, POP3, SMTP all speak first). After
/// [`GREETING_PATIENCE`] of silence a second connection tries a TLS handshake on the same port:
/// if it succeeds, the port expects SSL/TLS (STARTTLS on 993 or 465 would otherwise wait out the
/// whole deadline) and [`NetFailure::ExpectsTls`] says so at once. Otherwise the caller goes on
/// waiting for a slow greeting under its usual deadline. Nothing is read from `tcp`.
pub async fn await_plain_greeting(tcp: &TcpStream, host: &str, port: u16) -> Result<(), NetFailure> {
    let mut first = [0u8; 1];
    if tokio::time::timeout(GREETING_PATIENCE, tcp.peek(&mut first)).await.is_ok() {
        return Ok(());
    }
    if speaks_tls_first(host, port).await {
        return Err(NetFailure::ExpectsTls { port });
    }
    Ok(())
}

async fn speaks_tls_first(host: &str, port: u16) -> bool {
    let probe = async {
        let tcp = connect_tcp(host, port).await.ok()?;
        let ssl = tls_session(host, &Verification::AcceptAnyThenCheckPin).ok()?;
        let mut tls = SslStream::new(ssl, tcp).ok()?;
        Pin::new(&mut tls).connect().await.ok()
    };
    matches!(tokio::time::timeout(TLS_PROBE_LIMIT, probe).await, Ok(Some(())))
}

fn classify_io(host: &str, port: u16, err: &io::Error) -> NetFailure {
    match err.kind() {
        io::ErrorKind::ConnectionRefused => NetFailure::Refused { host: host.into(), port },
        io::ErrorKind::TimedOut => NetFailure::TimedOut { host: host.into(), port },
        _ => NetFailure::Unreachable { host: host.into(), port, detail: err.to_string() },
    }
}

/// Wraps an established TCP stream in TLS under `trust`. `reconnect` opens a new TCP stream in
/// the same state (for STARTTLS: after the plaintext preamble), used only to read a certificate
/// that verification refused, so the error can show it. A handshake the network broke (cut,
/// silence) is [`NetFailure::HandshakeInterrupted`]: no certificate is blamed for it.
pub async fn secure<R, Fut>(
    host: &str,
    trust: &Trust,
    first: TcpStream,
    mut reconnect: R,
) -> Result<MailStream, NetFailure>
where
    R: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<TcpStream, NetFailure>>,
{
    let mut first = Some(first);
    let outcome = handshake_explaining(host, trust, |verification| {
        // The first attempt uses the stream we were given; a second one (only to read a refused
        // certificate) needs a fresh connection.
        let next = match first.take() {
            Some(tcp) => futures::future::Either::Left(std::future::ready(Ok(tcp))),
            None => futures::future::Either::Right(reconnect()),
        };
        async move {
            let tcp = next.await?;
            match tls_handshake(host, tcp, verification).await {
                HandshakeOutcome::Interrupted(detail) => {
                    Err(NetFailure::HandshakeInterrupted { host: host.to_string(), detail })
                }
                outcome => Ok(outcome),
            }
        }
    })
    .await?;
    outcome.map_err(NetFailure::Tls)
}

async fn tls_handshake(host: &str, tcp: TcpStream, verification: Verification) -> HandshakeOutcome<MailStream> {
    let ssl = match tls_session(host, &verification) {
        Ok(ssl) => ssl,
        Err(err) => return HandshakeOutcome::Failed(err),
    };
    let mut tls = match SslStream::new(ssl, tcp) {
        Ok(tls) => tls,
        Err(err) => return HandshakeOutcome::Failed(err.to_string()),
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, Pin::new(&mut tls).connect()).await {
        Ok(Ok(())) => {
            let peer_der = tls.ssl().peer_certificate().and_then(|c| c.to_der().ok());
            HandshakeOutcome::Secured { connection: MailStream::tls(tls), peer_der }
        }
        Ok(Err(err)) => classify_handshake_error(&err, tls.ssl().verify_result()),
        Err(_) => HandshakeOutcome::Interrupted(format!("no answer within {} seconds", CONNECT_TIMEOUT.as_secs())),
    }
}

/// Only OpenSSL's verify result can say the certificate was the reason (it stays `X509_V_OK`
/// unless a certificate was checked and failed). Otherwise an I/O error, a closed connection or
/// an end of stream in the middle of the handshake is the network's doing; anything else is a
/// TLS disagreement (versions, ciphers, not TLS at all).
fn classify_handshake_error(
    err: &openssl::ssl::Error,
    verify: openssl::x509::X509VerifyResult,
) -> HandshakeOutcome<MailStream> {
    use openssl::ssl::ErrorCode;
    if verify != openssl::x509::X509VerifyResult::OK {
        // The verification's own reason ("unable to get local issuer certificate",
        // "hostname mismatch") says more than the handshake's.
        return HandshakeOutcome::CertificateRefused(format!("{err} ({})", verify.error_string()));
    }
    let eof_reported = err.ssl_error().is_some_and(|stack| {
        stack.errors().iter().any(|e| e.reason().is_some_and(|r| r.to_ascii_lowercase().contains("eof")))
    });
    let network = err.io_error().is_some()
        || err.code() == ErrorCode::SYSCALL
        || err.code() == ErrorCode::ZERO_RETURN
        || eof_reported;
    // What a plaintext greeting ("* OK", "220 ", "+OK") looks like to a TLS client: the port
    // expects STARTTLS or no security, and OpenSSL's "wrong version number" says nothing useful.
    let plaintext_answer = err.ssl_error().is_some_and(|stack| {
        stack.errors().iter().any(|e| {
            e.reason().is_some_and(|r| {
                let r = r.to_ascii_lowercase();
                r.contains("wrong version number") || r.contains("packet length too long") || r.contains("http request")
            })
        })
    });
    if plaintext_answer {
        return HandshakeOutcome::Failed(crate::fl!("error-tls-plaintext-answer"));
    }
    if network {
        let detail = match err.io_error() {
            Some(io) => io.to_string(),
            None => "the connection was closed".to_string(),
        };
        HandshakeOutcome::Interrupted(detail)
    } else {
        HandshakeOutcome::Failed(err.to_string())
    }
}

/// TLS verified against the system roots only, with no second try to read a refused
/// certificate (for HTTPS lookups, where nobody can accept one).
pub async fn verified_tls(host: &str, tcp: TcpStream) -> Result<MailStream, String> {
    verified_tls_with_roots(host, tcp, Vec::new()).await
}

/// Like [`verified_tls`], also trusting `extra_roots` (DER certificates): a CA the user named,
/// such as an intranet's for remote images. It adds trust; it never turns verification off.
pub async fn verified_tls_with_roots(
    host: &str,
    tcp: TcpStream,
    extra_roots: Vec<Vec<u8>>,
) -> Result<MailStream, String> {
    match tls_handshake(host, tcp, Verification::Verify { extra_roots }).await {
        HandshakeOutcome::Secured { connection, .. } => Ok(connection),
        HandshakeOutcome::CertificateRefused(reason)
        | HandshakeOutcome::Failed(reason)
        | HandshakeOutcome::Interrupted(reason) => Err(reason),
    }
}

/// One TLS client session for `host`: TLS 1.2 at least, SNI, and per `verification` either
/// the chain checked against the system roots (plus the account's CA) with the host name, or
/// nothing checked here because a pinned fingerprint is compared after the handshake.
fn tls_session(host: &str, verification: &Verification) -> Result<Ssl, String> {
    let fail = |err: openssl::error::ErrorStack| err.to_string();
    let mut context = SslContext::builder(SslMethod::tls_client()).map_err(fail)?;
    context.set_min_proto_version(Some(SslVersion::TLS1_2)).map_err(fail)?;
    context.set_cipher_list("DEFAULT:!aNULL:!eNULL:!MD5:!3DES:!DES:!RC4:!IDEA:!SEED:!aDSS:!SRP:!PSK").map_err(fail)?;
    let verify = match verification {
        Verification::Verify { extra_roots } => {
            context.set_verify(SslVerifyMode::PEER);
            match hashed_system_roots() {
                // Only the certificates a chain needs are read, by subject hash (1 ms, not the
                // 20 ms of parsing the whole bundle).
                Some(dir) => context
                    .cert_store_mut()
                    .add_lookup(X509Lookup::hash_dir())
                    .and_then(|lookup| lookup.add_dir(dir, SslFiletype::PEM))
                    .map_err(fail)?,
                None => context.set_default_verify_paths().map_err(fail)?,
            }
            for der in extra_roots {
                let root = X509::from_der(der).map_err(|err| format!("extra CA: {err}"))?;
                context.cert_store_mut().add_cert(root).map_err(|err| format!("extra CA: {err}"))?;
            }
            true
        }
        Verification::AcceptAnyThenCheckPin => {
            context.set_verify(SslVerifyMode::NONE);
            false
        }
    };
    let mut ssl = Ssl::new(&context.build()).map_err(fail)?;
    let ip = host.trim_matches(['[', ']']).parse::<std::net::IpAddr>().ok();
    if ip.is_none() {
        ssl.set_hostname(host).map_err(fail)?;
    }
    if verify {
        let param = ssl.param_mut();
        // As OpenSSL's own connector: "*.example.org" matches whole labels only.
        param.set_hostflags(openssl::x509::verify::X509CheckFlags::NO_PARTIAL_WILDCARDS);
        match ip {
            Some(ip) => param.set_ip(ip).map_err(fail)?,
            None => param.set_host(host).map_err(fail)?,
        }
    }
    Ok(ssl)
}

/// The system roots as OpenSSL's hashed directory (`update-ca-certificates` keeps it on Debian),
/// if there is one; otherwise the default bundle is loaded whole.
fn hashed_system_roots() -> Option<&'static str> {
    static DIR: OnceLock<Option<&'static str>> = OnceLock::new();
    *DIR.get_or_init(|| {
        ["/etc/ssl/certs", "/usr/lib/ssl/certs", "/etc/pki/tls/certs"].into_iter().find(|dir| {
            std::fs::read_dir(dir).is_ok_and(|mut entries| {
                entries.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".0")))
            })
        })
    })
}

impl MailStream {
    pub fn peer_addr(&self) -> io::Result<std::net::SocketAddr> {
        match &self.transport {
            Transport::Plain(tcp) => tcp.peer_addr(),
            Transport::Tls(tls) => tls.get_ref().peer_addr(),
        }
    }
}

impl MailStream {
    /// The server's leaf certificate, when encrypted.
    pub fn peer_certificate_info(&self) -> Option<super::tls::CertificateInfo> {
        match &self.transport {
            Transport::Plain(_) => None,
            Transport::Tls(tls) => tls
                .ssl()
                .peer_certificate()
                .and_then(|c| c.to_der().ok())
                .and_then(|der| super::tls::CertificateInfo::from_der(&der)),
        }
    }
}

#[cfg(test)]
mod tests;

//! TCP connections with deadlines, upgraded to TLS through [`super::tls`]. One stream type,
//! plain or TLS, so the protocol clients do not care which (STARTTLS swaps it in place).

use super::tls::{HandshakeOutcome, TlsFailure, Trust, Verification, handshake_explaining};
use async_native_tls::{Certificate, TlsConnector, TlsStream};
use std::fmt;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

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
    Tls(TlsFailure),
}

impl fmt::Display for NetFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetFailure::UnknownHost(host) => {
                write!(f, "the server name {host} was not found: check its spelling and your internet connection")
            }
            NetFailure::Refused { host, port } => write!(
                f,
                "{host} refused the connection on port {port}: the port or security setting is probably wrong"
            ),
            NetFailure::TimedOut { host, port } => write!(
                f,
                "{host} did not answer on port {port} in time: check the port, a firewall, or your connection"
            ),
            NetFailure::Unreachable { host, port, detail } => {
                write!(f, "cannot reach {host}:{port} ({detail}): are you online?")
            }
            NetFailure::Closed(detail) => write!(f, "the server closed the connection: {detail}"),
            NetFailure::Tls(failure) => failure.fmt(f),
        }
    }
}

/// A connection that is plain TCP or TLS over TCP.
pub enum MailStream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl fmt::Debug for MailStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MailStream::Plain(_) => "MailStream::Plain",
            MailStream::Tls(_) => "MailStream::Tls",
        })
    }
}

impl AsyncRead for MailStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for MailStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_flush(cx),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
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

fn classify_io(host: &str, port: u16, err: &io::Error) -> NetFailure {
    match err.kind() {
        io::ErrorKind::ConnectionRefused => NetFailure::Refused { host: host.into(), port },
        io::ErrorKind::TimedOut => NetFailure::TimedOut { host: host.into(), port },
        _ => NetFailure::Unreachable { host: host.into(), port, detail: err.to_string() },
    }
}

/// Wraps an established TCP stream in TLS under `trust`. `reconnect` opens a new TCP stream in
/// the same state (for STARTTLS: after the plaintext preamble), used only to read a refused
/// certificate so the error can show it.
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
            Ok::<_, NetFailure>(tls_handshake(host, tcp, verification).await)
        }
    })
    .await?;
    outcome.map_err(NetFailure::Tls)
}

async fn tls_handshake(host: &str, tcp: TcpStream, verification: Verification) -> HandshakeOutcome<MailStream> {
    let mut connector = TlsConnector::new().min_protocol_version(Some(native_tls::Protocol::Tlsv12));
    match verification {
        Verification::Verify { extra_roots } => {
            for der in extra_roots {
                match Certificate::from_der(&der) {
                    Ok(cert) => connector = connector.add_root_certificate(cert),
                    Err(err) => return HandshakeOutcome::Refused(format!("extra CA: {err}")),
                }
            }
        }
        Verification::AcceptAnyThenCheckPin => {
            connector = connector.danger_accept_invalid_certs(true).danger_accept_invalid_hostnames(true);
        }
    }
    match tokio::time::timeout(CONNECT_TIMEOUT, connector.connect(host, tcp)).await {
        Ok(Ok(tls)) => {
            let peer_der = tls.peer_certificate().ok().flatten().and_then(|c| c.to_der().ok());
            HandshakeOutcome::Secured { connection: MailStream::Tls(Box::new(tls)), peer_der }
        }
        Ok(Err(err)) => HandshakeOutcome::Refused(err.to_string()),
        Err(_) => HandshakeOutcome::Refused("the TLS handshake timed out".into()),
    }
}

impl MailStream {
    pub fn peer_addr(&self) -> io::Result<std::net::SocketAddr> {
        match self {
            MailStream::Plain(tcp) => tcp.peer_addr(),
            MailStream::Tls(tls) => tls.get_ref().peer_addr(),
        }
    }
}

impl MailStream {
    /// The server's leaf certificate, when encrypted.
    pub fn peer_certificate_info(&self) -> Option<super::tls::CertificateInfo> {
        match self {
            MailStream::Plain(_) => None,
            MailStream::Tls(tls) => tls
                .peer_certificate()
                .ok()
                .flatten()
                .and_then(|c| c.to_der().ok())
                .and_then(|der| super::tls::CertificateInfo::from_der(&der)),
        }
    }
}

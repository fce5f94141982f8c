//! A TCP proxy for fault tests: forwards to a real server and, on request, cuts every connection
//! after some bytes from the server, rewrites the server's bytes (to make replies unparsable), or
//! acts at a pattern in either direction: lets the bytes before a chosen point through (the
//! point is given relative to the pattern, so a test can cut just before, inside or after a
//! reply such as COPY's tagged OK or SMTP's 250 after the final dot), then cuts both directions
//! or stalls that direction for a while. A pattern fault fires once per [`Proxy::set`].
//!
//! [`Proxy::start_tls`] terminates TLS with the harness's own server certificate (the accounts
//! trust its CA) and speaks TLS to the server, so the faults see plaintext where the server
//! accepts a login only over TLS (Postfix submission).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// Close both directions once this many bytes came from the server on a connection.
    pub cut_after: Option<usize>,
    /// Replace these byte strings in what the server sends.
    pub rewrite: Vec<(Vec<u8>, Vec<u8>)>,
    /// Act at a pattern in what the server sends.
    pub from_server: Option<At>,
    /// Act at a pattern in what the client sends.
    pub from_client: Option<At>,
}

/// Where and how a pattern fault acts.
#[derive(Debug, Clone)]
pub struct At {
    pub pattern: Vec<u8>,
    /// The point, relative to the pattern's first byte (negative: before it). The bytes before
    /// the point are passed on; none after it until the action allows.
    pub offset: isize,
    pub action: Action,
}

impl At {
    pub fn cut(pattern: &str, offset: isize) -> Option<At> {
        Some(At { pattern: pattern.as_bytes().to_vec(), offset, action: Action::Cut })
    }

    pub fn stall(pattern: &str, offset: isize, how_long: Duration) -> Option<At> {
        Some(At { pattern: pattern.as_bytes().to_vec(), offset, action: Action::Stall(how_long) })
    }

    pub fn trickle(pattern: &str, offset: isize, every: Duration) -> Option<At> {
        Some(At { pattern: pattern.as_bytes().to_vec(), offset, action: Action::Trickle(every) })
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Action {
    /// Close both directions of the connection.
    Cut,
    /// Hold the rest of this direction this long, then pass it on (the server "recovers").
    Stall(Duration),
    /// Pass the rest of this direction one byte per this much time: never silent, never done.
    Trickle(Duration),
}

pub struct Proxy {
    pub port: u16,
    faults: Arc<Mutex<Faults>>,
    fired: Arc<Mutex<Arc<AtomicBool>>>,
}

/// The TLS ends of a terminating proxy.
#[derive(Clone)]
struct Tls {
    acceptor: openssl::ssl::SslAcceptor,
    connector: openssl::ssl::SslConnector,
}

impl Proxy {
    pub fn start(upstream_port: u16) -> Proxy {
        Proxy::spawn("127.0.0.1", upstream_port, None)
    }

    /// The same with another loopback address upstream (a server that treats connections from
    /// its own address differently: Dovecot counts them as secured).
    pub fn start_to(upstream_host: &'static str, upstream_port: u16) -> Proxy {
        Proxy::spawn(upstream_host, upstream_port, None)
    }

    /// Terminates TLS (as the harness's server, certificate and key in `tls_dir`) and connects
    /// to an implicit-TLS port upstream.
    pub fn start_tls(upstream_port: u16, tls_dir: &Path) -> Proxy {
        use openssl::ssl::{SslAcceptor, SslConnector, SslFiletype, SslMethod, SslVerifyMode};
        let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).unwrap();
        acceptor.set_certificate_chain_file(tls_dir.join("server.pem")).unwrap();
        acceptor.set_private_key_file(tls_dir.join("server.key"), SslFiletype::PEM).unwrap();
        let mut connector = SslConnector::builder(SslMethod::tls()).unwrap();
        connector.set_verify(SslVerifyMode::NONE);
        Proxy::spawn("127.0.0.1", upstream_port, Some(Tls { acceptor: acceptor.build(), connector: connector.build() }))
    }

    fn spawn(upstream_host: &'static str, upstream_port: u16, tls: Option<Tls>) -> Proxy {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let faults: Arc<Mutex<Faults>> = Arc::default();
        let fired: Arc<Mutex<Arc<AtomicBool>>> = Arc::default();
        let (shared, shared_fired) = (faults.clone(), fired.clone());
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).unwrap();
                while let Ok((client, _)) = listener.accept().await {
                    let faults = shared.lock().unwrap().clone();
                    let fired = shared_fired.lock().unwrap().clone();
                    let tls = tls.clone();
                    tokio::spawn(async move {
                        let Ok(server) = TcpStream::connect((upstream_host, upstream_port)).await else { return };
                        let _ = client.set_nodelay(true);
                        let _ = server.set_nodelay(true);
                        match tls {
                            None => relay(client, server, faults, fired).await,
                            Some(tls) => {
                                let Some((client, server)) = terminate(&tls, client, server).await else { return };
                                relay(client, server, faults, fired).await;
                            }
                        }
                    });
                }
            });
        });
        Proxy { port, faults, fired }
    }

    pub fn set(&self, faults: Faults) {
        *self.faults.lock().unwrap() = faults;
        *self.fired.lock().unwrap() = Arc::default();
    }

    /// Whether the pattern fault of the last [`Proxy::set`] has acted.
    pub fn fired(&self) -> bool {
        self.fired.lock().unwrap().load(Ordering::SeqCst)
    }
}

async fn terminate(
    tls: &Tls,
    client: TcpStream,
    server: TcpStream,
) -> Option<(tokio_openssl::SslStream<TcpStream>, tokio_openssl::SslStream<TcpStream>)> {
    use std::pin::Pin;
    let ssl = openssl::ssl::Ssl::new(tls.acceptor.context()).ok()?;
    let mut client = tokio_openssl::SslStream::new(ssl, client).ok()?;
    Pin::new(&mut client).accept().await.ok()?;
    let ssl = tls.connector.configure().ok()?.verify_hostname(false).into_ssl("localhost").ok()?;
    let mut server = tokio_openssl::SslStream::new(ssl, server).ok()?;
    Pin::new(&mut server).connect().await.ok()?;
    Some((client, server))
}

async fn relay<C, S>(client: C, server: S, faults: Faults, fired: Arc<AtomicBool>)
where
    C: AsyncRead + AsyncWrite + Send + 'static,
    S: AsyncRead + AsyncWrite + Send + 'static,
{
    let (client_read, client_write) = tokio::io::split(client);
    let (server_read, server_write) = tokio::io::split(server);
    let (closed, _) = watch::channel(false);
    let closed = Arc::new(closed);
    let upstream = Pump { cut_after: None, rewrite: Vec::new(), at: faults.from_client, fired: fired.clone() };
    let downstream = Pump { cut_after: faults.cut_after, rewrite: faults.rewrite, at: faults.from_server, fired };
    let up = tokio::spawn(upstream.run(client_read, server_write, closed.clone()));
    let down = tokio::spawn(downstream.run(server_read, client_write, closed));
    let _ = tokio::join!(up, down);
}

/// One direction of a connection.
struct Pump {
    cut_after: Option<usize>,
    rewrite: Vec<(Vec<u8>, Vec<u8>)>,
    at: Option<At>,
    fired: Arc<AtomicBool>,
}

/// Bytes waiting for a pattern are passed on after this much quiet, so a reply without the
/// pattern is never held back.
const QUIET: Duration = Duration::from_millis(30);

impl Pump {
    async fn run<R, W>(mut self, mut from: R, mut to: W, closed: Arc<watch::Sender<bool>>)
    where
        R: AsyncRead + Unpin,
        W: AsyncWrite + Unpin,
    {
        let mut stop = closed.subscribe();
        let mut buf = vec![0u8; 16 * 1024];
        let mut total = 0;
        let mut held: Vec<u8> = Vec::new();
        loop {
            let watching = self.at.is_some() && !self.fired.load(Ordering::SeqCst);
            let read = async {
                if watching {
                    tokio::time::timeout(QUIET, from.read(&mut buf)).await.ok()
                } else {
                    Some(from.read(&mut buf).await)
                }
            };
            let n = tokio::select! {
                read = read => match read {
                    None => {
                        // Quiet: whatever waits for the pattern goes on.
                        if to.write_all(&std::mem::take(&mut held)).await.is_err() {
                            break;
                        }
                        continue;
                    }
                    Some(Ok(0)) | Some(Err(_)) => break,
                    Some(Ok(n)) => n,
                },
                _ = stop.changed() => break,
            };
            let mut chunk = buf[..n].to_vec();
            for (find, replace) in &self.rewrite {
                chunk = replace_all(&chunk, find, replace);
            }
            if let Some(limit) = self.cut_after.filter(|limit| total + chunk.len() >= *limit) {
                let _ = to.write_all(&chunk[..limit.saturating_sub(total).min(chunk.len())]).await;
                break;
            }
            total += chunk.len();
            if !watching {
                if to.write_all(&chunk).await.is_err() {
                    break;
                }
                continue;
            }
            held.extend_from_slice(&chunk);
            let Some(at) = self.at.clone() else { continue };
            match find(&held, &at.pattern) {
                Some(start) => {
                    // Fire once per `set`, on whichever connection gets there first.
                    if self.fired.swap(true, Ordering::SeqCst) {
                        self.at = None;
                        if to.write_all(&std::mem::take(&mut held)).await.is_err() {
                            break;
                        }
                        continue;
                    }
                    let point = (start as isize + at.offset).clamp(0, held.len() as isize) as usize;
                    if to.write_all(&held[..point]).await.is_err() {
                        break;
                    }
                    let _ = to.flush().await;
                    match at.action {
                        Action::Cut => break,
                        Action::Trickle(every) => {
                            held.drain(..point);
                            trickle(&mut from, &mut to, held, every, &mut stop).await;
                            break;
                        }
                        Action::Stall(how_long) => {
                            // What the sender adds meanwhile waits too; if it gives up (closes)
                            // during the stall, nothing held reaches the other side: as a
                            // server that hung before the bytes arrived sees only the close.
                            let until = tokio::time::Instant::now() + how_long;
                            let mut gave_up = false;
                            loop {
                                tokio::select! {
                                    () = tokio::time::sleep_until(until) => break,
                                    read = from.read(&mut buf) => match read {
                                        Ok(0) | Err(_) => {
                                            gave_up = true;
                                            break;
                                        }
                                        Ok(n) => held.extend_from_slice(&buf[..n]),
                                    },
                                    _ = stop.changed() => {
                                        gave_up = true;
                                        break;
                                    }
                                }
                            }
                            if gave_up {
                                break;
                            }
                            self.at = None;
                            if to.write_all(&held[point..]).await.is_err() {
                                break;
                            }
                            held.clear();
                        }
                    }
                }
                None => {
                    // Keep what could still be the pattern's beginning, or precede it by
                    // `-offset` bytes; pass the rest on.
                    let keep = at.pattern.len().saturating_sub(1) + at.offset.min(0).unsigned_abs();
                    let pass = held.len().saturating_sub(keep);
                    if pass > 0 {
                        if to.write_all(&held[..pass]).await.is_err() {
                            break;
                        }
                        held.drain(..pass);
                    }
                }
            }
        }
        let _ = to.shutdown().await;
        let _ = closed.send(true);
    }
}

/// One byte per `every` from `held` and whatever follows it, until either side closes.
async fn trickle<R, W>(from: &mut R, to: &mut W, mut held: Vec<u8>, every: Duration, stop: &mut watch::Receiver<bool>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buf = vec![0u8; 16 * 1024];
    let mut source_open = true;
    loop {
        if !held.is_empty() {
            let byte = held.remove(0);
            if to.write_all(&[byte]).await.is_err() || to.flush().await.is_err() {
                return;
            }
        }
        let tick = tokio::time::sleep(every);
        tokio::pin!(tick);
        loop {
            tokio::select! {
                () = &mut tick => break,
                read = from.read(&mut buf), if source_open => match read {
                    Ok(0) | Err(_) => source_open = false,
                    Ok(n) => held.extend_from_slice(&buf[..n]),
                },
                _ = stop.changed() => return,
            }
        }
        if !source_open && held.is_empty() {
            return;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn replace_all(data: &[u8], find: &[u8], replace: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i..].starts_with(find) {
            out.extend_from_slice(replace);
            i += find.len();
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    out
}

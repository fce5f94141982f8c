//! One window per profile: the running GUI listens on a Unix socket, and a second `pochta` (a
//! `mailto:` link from the desktop, or a plain start) hands its request over and exits instead of
//! opening the same mail store twice.
//!
//! Where: `$XDG_RUNTIME_DIR/pochta/<profile-hash>.sock` (the profile dir's `run/` when there is no
//! runtime dir), so two profiles run side by side. Who is running: an advisory lock on the
//! `.lock` file next to the socket, held for the life of the window and dropped by the kernel
//! when the process dies, so a socket left by a crash is recognised as stale and replaced.
//! The protocol: one line of JSON each way, `{"request":"raise"}` or
//! `{"request":"compose","mailto":"mailto:..."}`, answered `{"ok":true}` or
//! `{"ok":false,"error":"..."}`; requests are bounded in length and time. The socket is the
//! user's alone (0600, in a 0700 folder): anything the user's own programs send is still parsed
//! as hostile, like a link from a web page.

use super::mailto::{self, MailtoDraft};
use futures::StreamExt;
use futures::future::BoxFuture;
use futures::stream::FuturesUnordered;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};

/// A request line longer than this is refused: a mailto: link is at most 64 KiB, and JSON escaping
/// can grow it (control characters become six bytes each).
pub const MAX_REQUEST: usize = 512 * 1024;
/// How long the window waits for one request to arrive whole, and a second start for the answer.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a second start keeps trying while the first is still binding its socket.
const CONNECT_PATIENCE: Duration = Duration::from_secs(3);
const MAX_REPLY: u64 = 4096;
/// Requests read at the same time; more wait in the socket's backlog.
const MAX_PENDING: usize = 8;

/// What a second start asks of the running window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// Unknown fields are ignored: a newer Pochta may add some and still be understood.
#[serde(tag = "request", rename_all = "snake_case")]
pub enum Request {
    /// Bring the window to the front.
    Raise,
    /// Open a composer on this link (and bring the window to the front).
    Compose { mailto: String },
}

/// A request checked and understood, for the window to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forwarded {
    Raise,
    Compose(MailtoDraft),
}

#[derive(Debug, Serialize, Deserialize)]
struct Reply {
    ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum InstanceError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the running Pochta did not answer in time")]
    NoAnswer,
    #[error("a request did not arrive in time")]
    Slow,
    #[error("the running Pochta refused the request: {0}")]
    Refused(String),
    #[error("the request is not understood: {0}")]
    BadRequest(String),
}

/// Which process owns the profile's window.
pub enum Claim {
    /// This one: nobody else runs the profile; keep the listener for the window's lifetime.
    First(Listener),
    /// Another process runs the profile's window; forward to it with [`send`].
    Running(PathBuf),
}

/// The running window's end of the socket. Dropping it removes the socket file; the lock goes
/// with the process.
#[derive(Debug)]
pub struct Listener {
    socket: UnixListener,
    path: PathBuf,
    _lock: File,
}

/// Where a profile's socket lives: `runtime_base/pochta/<hash>.sock` when there is a runtime
/// dir, else `fallback_dir/<hash>.sock`. `profile` is the profile's data folder.
pub fn socket_path(runtime_base: Option<&Path>, fallback_dir: &Path, profile: &Path) -> PathBuf {
    let profile = profile.canonicalize().unwrap_or_else(|_| profile.to_path_buf());
    let name = format!("{:016x}.sock", fnv1a(profile.as_os_str().as_encoded_bytes()));
    match runtime_base.filter(|base| base.is_dir()) {
        Some(base) => base.join("pochta").join(name),
        None => fallback_dir.join(name),
    }
}

/// The socket for `paths` in this session (`XDG_RUNTIME_DIR`, else the profile's run folder).
pub fn socket_for(paths: &crate::config::Paths) -> PathBuf {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").filter(|dir| !dir.is_empty()).map(PathBuf::from);
    socket_path(runtime.as_deref(), &paths.runtime_dir, &paths.data_dir)
}

/// FNV-1a, 64 bits: a name that stays the same across builds (std's hasher makes no such promise).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// Becomes the profile's window (binding `socket`, replacing a stale one) or finds the one
/// already running.
pub fn claim(socket: &Path) -> Result<Claim, InstanceError> {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> InstanceError + '_ {
        move |source| InstanceError::Io { path: path.to_path_buf(), source }
    }
    let dir = socket.parent().unwrap_or(Path::new("."));
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(io(dir))?;
    }
    let lock_path = socket.with_extension("lock");
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&lock_path)
        .map_err(io(&lock_path))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => return Ok(Claim::Running(socket.to_path_buf())),
        Err(std::fs::TryLockError::Error(source)) => return Err(InstanceError::Io { path: lock_path, source }),
    }
    // We hold the lock, so a socket file here is a crashed run's: nobody answers on it.
    match std::fs::remove_file(socket) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(io(socket)(err)),
        _ => {}
    }
    let listener = UnixListener::bind(socket).map_err(io(socket))?;
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600)).map_err(io(socket))?;
    Ok(Claim::First(Listener { socket: listener, path: socket.to_path_buf(), _lock: lock }))
}

/// Hands `request` to the running window; Ok once it accepted it.
pub fn send(socket: &Path, request: &Request) -> Result<(), InstanceError> {
    let io = |source| InstanceError::Io { path: socket.to_path_buf(), source };
    let deadline = Instant::now() + CONNECT_PATIENCE;
    // The first process takes the lock before it binds: it may not listen quite yet.
    let mut stream = loop {
        match UnixStream::connect(socket) {
            Ok(stream) => break stream,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Err(err) => return Err(io(err)),
        }
    };
    stream.set_read_timeout(Some(REQUEST_TIMEOUT)).map_err(io)?;
    stream.set_write_timeout(Some(REQUEST_TIMEOUT)).map_err(io)?;
    let mut line = serde_json::to_vec(request).map_err(|err| InstanceError::BadRequest(err.to_string()))?;
    line.push(b'\n');
    stream.write_all(&line).map_err(io)?;
    let mut answer = String::new();
    match BufReader::new(stream.take(MAX_REPLY)).read_line(&mut answer) {
        Ok(0) => return Err(InstanceError::NoAnswer),
        Ok(_) => {}
        Err(err) if matches!(err.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
            return Err(InstanceError::NoAnswer);
        }
        Err(err) => return Err(io(err)),
    }
    match serde_json::from_str::<Reply>(&answer) {
        Ok(Reply { ok: true, .. }) => Ok(()),
        Ok(Reply { error, .. }) => Err(InstanceError::Refused(error.unwrap_or_default())),
        Err(err) => Err(InstanceError::Refused(err.to_string())),
    }
}

impl Listener {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The socket for async accepting (a second handle on the same socket; needs a tokio runtime).
    pub fn incoming(&self) -> std::io::Result<Incoming> {
        let socket = self.socket.try_clone()?;
        socket.set_nonblocking(true)?;
        Ok(Incoming { listener: tokio::net::UnixListener::from_std(socket)?, pending: FuturesUnordered::new() })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Accepts second starts' requests; up to [`MAX_PENDING`] are read at once, so one silent client
/// cannot hold up the others.
pub struct Incoming {
    listener: tokio::net::UnixListener,
    pending: FuturesUnordered<BoxFuture<'static, Result<Forwarded, InstanceError>>>,
}

impl Incoming {
    /// Waits for the next well-formed request; broken ones are answered with the reason, logged
    /// and skipped. Each connection gets [`REQUEST_TIMEOUT`] to say what it wants.
    pub async fn next(&mut self) -> Forwarded {
        loop {
            tokio::select! {
                accepted = self.listener.accept(), if self.pending.len() < MAX_PENDING => match accepted {
                    Ok((stream, _)) => self.pending.push(Box::pin(async move {
                        tokio::time::timeout(REQUEST_TIMEOUT, serve(stream)).await.unwrap_or(Err(InstanceError::Slow))
                    })),
                    Err(err) => {
                        tracing::warn!("single instance: accept failed: {err}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                },
                Some(served) = self.pending.next(), if !self.pending.is_empty() => match served {
                    Ok(forwarded) => return forwarded,
                    Err(err) => tracing::warn!("single instance: {err}"),
                },
            }
        }
    }
}

/// Reads one request line, answers it, and gives what it asks for.
async fn serve(stream: tokio::net::UnixStream) -> Result<Forwarded, InstanceError> {
    let (reader, mut writer) = stream.into_split();
    let mut line = Vec::new();
    let read = tokio::io::BufReader::new(reader.take(MAX_REQUEST as u64 + 1)).read_until(b'\n', &mut line).await;
    let outcome = match read {
        Ok(_) if line.len() > MAX_REQUEST => Err(InstanceError::BadRequest(format!("longer than {MAX_REQUEST} bytes"))),
        Ok(_) => parse_request(&line),
        Err(source) => Err(InstanceError::Io { path: PathBuf::from("socket"), source }),
    };
    let reply = match &outcome {
        Ok(_) => Reply { ok: true, error: None },
        Err(err) => Reply { ok: false, error: Some(err.to_string()) },
    };
    let mut answer = serde_json::to_vec(&reply).unwrap_or_default();
    answer.push(b'\n');
    // The answer is a courtesy: the request stands even if the asker has gone.
    let _ = writer.write_all(&answer).await;
    outcome
}

/// One line of JSON to what the window should do; a mailto: link is parsed here, so the window
/// only ever sees a checked draft.
pub fn parse_request(line: &[u8]) -> Result<Forwarded, InstanceError> {
    let request: Request =
        serde_json::from_slice(line.trim_ascii()).map_err(|err| InstanceError::BadRequest(err.to_string()))?;
    match request {
        Request::Raise => Ok(Forwarded::Raise),
        Request::Compose { mailto } => {
            mailto::parse(&mailto).map(Forwarded::Compose).map_err(|err| InstanceError::BadRequest(err.to_string()))
        }
    }
}

#[cfg(test)]
mod tests;

//! How long any network wait may last. Two limits work together (DESIGN §4):
//!
//! - **Silence** ([`silence`]): a read or write that makes no progress at all for this long
//!   fails with [`io::ErrorKind::TimedOut`]. Every [`super::net::MailStream`] enforces it, so no
//!   command of any protocol can sit on a silent server longer; IDLE switches it off and keeps
//!   its own timer.
//! - **Whole operation** ([`command`], [`for_bytes`]): a server that trickles one byte a second
//!   never trips the silence limit, so each whole exchange (an IMAP command, a FETCH batch, an
//!   APPEND, an SMTP DATA) also has a deadline, scaled to the data it carries: a 50 MB message may
//!   take longer than a NOOP.
//!
//! `POCHTA_NET_TIMEOUT_SECS` replaces the base of both (60 s), so tests of stalled servers end in
//! seconds; the per-byte allowance is the same.

use std::io;
use std::sync::OnceLock;
use std::time::Duration;

/// The base limit unless `POCHTA_NET_TIMEOUT_SECS` says otherwise.
const DEFAULT_BASE: Duration = Duration::from_secs(60);
/// The slowest transfer rate still worth waiting for (a poor mobile link): 16 KB/s.
const SLOWEST_BYTES_PER_SECOND: u64 = 16 * 1024;

fn base() -> Duration {
    static BASE: OnceLock<Duration> = OnceLock::new();
    *BASE.get_or_init(|| {
        std::env::var("POCHTA_NET_TIMEOUT_SECS")
            .ok()
            .and_then(|text| text.trim().parse::<u64>().ok())
            .filter(|secs| *secs > 0)
            .map_or(DEFAULT_BASE, Duration::from_secs)
    })
}

/// How long a connection may stay silent (no byte either way) while we wait on it.
pub fn silence() -> Duration {
    base()
}

/// The deadline of one whole command exchange carrying little data.
pub fn command() -> Duration {
    base()
}

/// The deadline of an exchange that moves about `bytes` bytes (either way).
pub fn for_bytes(bytes: u64) -> Duration {
    base() + Duration::from_secs(bytes / SLOWEST_BYTES_PER_SECOND)
}

/// A deadline of ours fired: the I/O error's payload, so the layers above can say how long
/// they waited in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlinePassed {
    pub seconds: u64,
}

impl std::fmt::Display for DeadlinePassed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no answer within {} seconds", self.seconds)
    }
}

impl std::error::Error for DeadlinePassed {}

/// The error a deadline of `limit` ends with; [`passed`] recognises it.
pub fn error(limit: Duration) -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, DeadlinePassed { seconds: limit.as_secs().max(1) })
}

/// Whether an I/O error is a deadline firing, and how long was waited (the system's own
/// timeouts count, with the silence limit as their length).
pub fn passed(err: &io::Error) -> Option<DeadlinePassed> {
    if err.kind() != io::ErrorKind::TimedOut {
        return None;
    }
    Some(
        err.get_ref()
            .and_then(|inner| inner.downcast_ref::<DeadlinePassed>())
            .copied()
            .unwrap_or(DeadlinePassed { seconds: silence().as_secs() }),
    )
}

/// Runs `operation` within `limit`; on expiry the error is one that [`passed`] knows.
pub async fn within<T, E>(limit: Duration, operation: impl std::future::Future<Output = Result<T, E>>) -> Result<T, E>
where
    E: From<io::Error>,
{
    match tokio::time::timeout(limit, operation).await {
        Ok(result) => result,
        Err(_) => Err(E::from(error(limit))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn larger_transfers_get_longer() {
        assert_eq!(for_bytes(0), command());
        assert!(for_bytes(50 * 1024 * 1024) >= command() + Duration::from_secs(3000));
    }
}

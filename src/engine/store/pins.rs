//! Certificates the user accepted by fingerprint for one host and port. A pin is only ever
//! written by an explicit user decision; a changed certificate is reported, never re-pinned here.

use super::{Store, StoreResult, now_unix};
use rusqlite::{OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificatePin {
    pub host: String,
    pub port: u16,
    /// Lowercase hex SHA-256 of the DER certificate.
    pub sha256: String,
    pub subject: String,
    pub issuer: String,
    pub not_after: String,
}

impl Store {
    pub fn pin_for(&self, host: &str, port: u16) -> StoreResult<Option<CertificatePin>> {
        self.read(|conn| {
            Ok(conn
                .query_row(
                    "SELECT host, port, sha256, subject, issuer, not_after FROM certificate_pins
                     WHERE host = ?1 AND port = ?2",
                    params![host.to_ascii_lowercase(), port],
                    |row| {
                        Ok(CertificatePin {
                            host: row.get(0)?,
                            port: row.get(1)?,
                            sha256: row.get(2)?,
                            subject: row.get(3)?,
                            issuer: row.get(4)?,
                            not_after: row.get(5)?,
                        })
                    },
                )
                .optional()?)
        })
    }

    pub fn save_pin(&self, pin: &CertificatePin) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO certificate_pins (host, port, sha256, subject, issuer, not_after, accepted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    pin.host.to_ascii_lowercase(),
                    pin.port,
                    pin.sha256,
                    pin.subject,
                    pin.issuer,
                    pin.not_after,
                    now_unix()
                ],
            )?;
            Ok(())
        })
    }
}

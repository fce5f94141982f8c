//! One error type at the engine's boundary, with a kind a person (or the UI) can act on and
//! whether retrying later may help. Layer errors are mapped here, nowhere else.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Network,
    Auth,
    Tls,
    Protocol,
    Storage,
    Config,
    Secret,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError {
    pub kind: ErrorKind,
    /// A sentence for a person: what went wrong and what to do.
    pub message: String,
    pub retryable: bool,
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EngineError {}

impl EngineError {
    pub fn new(kind: ErrorKind, message: impl Into<String>, retryable: bool) -> EngineError {
        EngineError { kind, message: message.into(), retryable }
    }
    pub fn config(message: impl Into<String>) -> EngineError {
        EngineError::new(ErrorKind::Config, message, false)
    }
    pub fn storage(message: impl Into<String>) -> EngineError {
        EngineError::new(ErrorKind::Storage, message, false)
    }
    pub fn internal(message: impl Into<String>) -> EngineError {
        EngineError::new(ErrorKind::Internal, message, false)
    }
}

impl From<crate::engine::store::StoreError> for EngineError {
    fn from(err: crate::engine::store::StoreError) -> Self {
        EngineError::storage(crate::fl!("error-local-database", err = err.to_string()))
    }
}

impl From<crate::config::ConfigError> for EngineError {
    fn from(err: crate::config::ConfigError) -> Self {
        EngineError::config(err.to_string())
    }
}

impl From<crate::engine::secrets::SecretError> for EngineError {
    fn from(err: crate::engine::secrets::SecretError) -> Self {
        use crate::engine::secrets::SecretError;
        let retryable = matches!(err, SecretError::KeyringLocked(_));
        EngineError::new(ErrorKind::Secret, err.to_string(), retryable)
    }
}

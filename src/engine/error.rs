//! One error taxonomy for the engine's boundary: a kind the window (or a script) can act on, a
//! sentence for a person, the server's own words when it said something, and whether retrying
//! later can help (melib's `is_recoverable`). Layer errors are mapped here and in
//! [`from_problem`], nowhere else, so a wrong password never reaches the window as "network".

use super::account_check::{Problem, ProblemKind};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Unreachable, refused, dropped or timed out: retrying later can help.
    Network,
    /// The server refused the login or password: only the user can fix it.
    Auth,
    /// The provider keeps the account out until the user acts on its web pages: IMAP/POP3 access
    /// switched off, an app password or a browser sign-in (captcha, OAuth2) required.
    ProviderBlocked,
    /// The certificate is not trusted or changed since it was pinned, or STARTTLS was chosen and
    /// not offered: only the user can decide.
    Tls,
    /// The server said something we did not expect: often passing, so retried with backoff.
    Protocol,
    Storage,
    Config,
    Secret,
    Internal,
}

impl ErrorKind {
    /// Whether this kind stops background retries until the user acts: trying again with the
    /// same credentials or certificate would only get the account locked or the user misled.
    pub fn needs_attention(self) -> bool {
        matches!(self, ErrorKind::Auth | ErrorKind::ProviderBlocked | ErrorKind::Tls | ErrorKind::Config)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError {
    pub kind: ErrorKind,
    /// A sentence for a person: what went wrong and what to do.
    pub message: String,
    /// The server's own words or other technical detail, shown behind "Details" when wanted.
    pub details: Option<String>,
    pub retryable: bool,
    /// The provider refused the account's OAuth 2.0 refresh token: the account shows "sign in
    /// again" (one button) and nothing sends the dead token again.
    pub sign_in_again: bool,
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EngineError {}

impl EngineError {
    pub fn new(kind: ErrorKind, message: impl Into<String>, retryable: bool) -> EngineError {
        EngineError { kind, message: message.into(), details: None, retryable, sign_in_again: false }
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

    /// Whether this is "the provider no longer accepts the sign-in": only signing in again in
    /// the browser helps, and no token request may be sent for the account until then.
    pub fn is_sign_in_again(&self) -> bool {
        self.sign_in_again
    }

    /// Whether retrying later, without the user doing anything, can succeed.
    pub fn is_recoverable(&self) -> bool {
        self.retryable && !self.kind.needs_attention()
    }
}

/// A connection or login problem (from the account check's explanations) as an engine error:
/// the kind decides whether background retries go on or the account waits for the user.
pub(super) fn from_problem(problem: Problem) -> EngineError {
    let kind = match problem.kind {
        ProblemKind::Network | ProblemKind::Timeout => ErrorKind::Network,
        ProblemKind::Certificate | ProblemKind::StarttlsNotOffered => ErrorKind::Tls,
        ProblemKind::Protocol => ErrorKind::Protocol,
        ProblemKind::Authentication => ErrorKind::Auth,
        ProblemKind::AppPasswordRequired
        | ProblemKind::AccessDisabled
        | ProblemKind::WebLoginRequired
        | ProblemKind::OAuthRequired => ErrorKind::ProviderBlocked,
        ProblemKind::SenderNotOwned | ProblemKind::Config | ProblemKind::SecureConnectionRequired => ErrorKind::Config,
    };
    let retryable = matches!(kind, ErrorKind::Network | ErrorKind::Protocol);
    EngineError { kind, message: problem.to_string(), details: problem.server_reply, retryable, sign_in_again: false }
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
        match err {
            // A dead refresh token is a refused login: the account waits for "sign in again".
            SecretError::SignInAgain { .. } => {
                EngineError { sign_in_again: true, ..EngineError::new(ErrorKind::Auth, err.to_string(), false) }
            }
            SecretError::TokenEndpoint(_) => EngineError::new(ErrorKind::Network, err.to_string(), true),
            _ => {
                let retryable = matches!(err, SecretError::KeyringLocked(_));
                EngineError::new(ErrorKind::Secret, err.to_string(), retryable)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(kind: ProblemKind) -> Problem {
        Problem { kind, message: "m".into(), server_reply: Some("NO [AUTHENTICATIONFAILED]".into()), certificate: None }
    }

    #[test]
    fn refused_credentials_need_the_user_and_network_trouble_does_not() {
        let auth = from_problem(problem(ProblemKind::Authentication));
        assert_eq!(auth.kind, ErrorKind::Auth);
        assert!(!auth.is_recoverable());
        assert_eq!(auth.details.as_deref(), Some("NO [AUTHENTICATIONFAILED]"));
        for kind in [ProblemKind::AppPasswordRequired, ProblemKind::AccessDisabled, ProblemKind::WebLoginRequired] {
            assert_eq!(from_problem(problem(kind)).kind, ErrorKind::ProviderBlocked);
        }
        assert_eq!(from_problem(problem(ProblemKind::Certificate)).kind, ErrorKind::Tls);
        for kind in [ProblemKind::Network, ProblemKind::Timeout, ProblemKind::Protocol] {
            assert!(from_problem(problem(kind)).is_recoverable(), "{kind:?}");
        }
    }
}

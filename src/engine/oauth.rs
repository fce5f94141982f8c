//! Signing in through the provider with OAuth 2.0 instead of a password (issue 20): the
//! Authorization Code flow with PKCE (RFC 7636) and a loopback redirect (RFC 8252 §7.3), the
//! token endpoint (RFC 6749 §4.1.3, §6), the access tokens kept in memory and refreshed before
//! they expire, the refresh token kept in the keyring only. The SASL messages that carry an
//! access token to the mail servers (XOAUTH2, OAUTHBEARER RFC 7628) are wire protocol:
//! `protocol::sasl`.
//!
//! A refresh token the provider refuses puts the account into "sign in again" (an
//! [`ErrorKind::Auth`](super::error::ErrorKind) error, which stops background retries) and is
//! never sent again by this process until a new sign-in replaces it.

pub mod http;
pub mod loopback;
pub mod pkce;
pub mod registration;
pub mod token;
pub mod tokens;

pub use loopback::Authorization;
pub use tokens::{SignInError, access_token, forget_access_token, forget_account, sign_in_with};

//! An account as the user configured it (never its password).

use super::{Protocol, ServerEndpoint};
use serde::{Deserialize, Serialize};

/// POP3 download policy (RFC 1939 DELE semantics, per-account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Pop3Options {
    /// Keep a copy on the server after download.
    pub leave_on_server: bool,
    /// With `leave_on_server`: delete from the server once a message is this many days old.
    pub delete_after_days: Option<u32>,
    /// Delete the server copy when the user deletes the message locally.
    pub delete_when_deleted_locally: bool,
}

/// What a sync keeps for offline reading (IMAP).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyncPolicy {
    /// Fetch message bodies (false: headers and flags only, bodies when opened).
    pub bodies: bool,
    /// Only bodies of messages from the last N days (None: all).
    pub body_days: Option<u32>,
    /// Keep headers and text for offline reading; attachments are fetched when opened.
    pub attachments_on_demand: bool,
}

impl AccountSettings {
    /// An account of folders on this computer only (the demo mailbox, Local Folders): no server,
    /// so its endpoints are placeholders nothing connects to.
    pub fn local(email: &str, name: &str) -> AccountSettings {
        let nowhere = ServerEndpoint { host: "localhost".into(), port: 1, security: super::Security::Ssl };
        AccountSettings {
            email: email.into(),
            name: name.into(),
            protocol: Protocol::Local,
            incoming: nowhere.clone(),
            smtp: nowhere,
            login: "local".into(),
            preset: None,
            password_command: None,
            oauth: None,
            ca_file: None,
            pop3: Pop3Options::default(),
            sync: SyncPolicy::default(),
            signature: None,
            identities: Vec::new(),
            special_folders: Default::default(),
            junk_filter: true,
            rules: Vec::new(),
        }
    }
}

impl Default for SyncPolicy {
    fn default() -> Self {
        SyncPolicy { bodies: true, body_days: None, attachments_on_demand: false }
    }
}

/// Everything needed to connect an account, as stored in `accounts.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettings {
    pub email: String,
    #[serde(default)]
    pub name: String,
    pub protocol: Protocol,
    pub incoming: ServerEndpoint,
    pub smtp: ServerEndpoint,
    /// Login name for both servers (providers differ: full address or local part).
    pub login: String,
    /// The preset this account was made from, if any (for hints in errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// A command whose stdout is the password; otherwise the OS keyring holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_command: Option<String>,
    /// Signing in through the provider (OAuth 2.0) instead of a password: the refresh token is in
    /// the keyring, never here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth: Option<OAuthSettings>,
    /// One extra CA (PEM) trusted for this account's servers, on top of the system roots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<std::path::PathBuf>,
    #[serde(default)]
    pub pop3: Pop3Options,
    #[serde(default)]
    pub sync: SyncPolicy,
    /// Rules applied to new mail on arrival, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<super::Rule>,
    /// Whether new mail is scored by the junk filter on arrival (`junk_filter = false`: never
    /// moved to Junk by it; the user's own Junk / Not junk still train it).
    #[serde(default = "switched_on", skip_serializing_if = "is_switched_on")]
    pub junk_filter: bool,
    /// Appended below the text of every letter written from this account ("-- " line first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// Other From addresses this login may send as (aliases the provider allows).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identities: Vec<Identity>,
    /// Folders the person chose for a role ("sent" → "Отправленные"), over what the server says
    /// (RFC 6154 SPECIAL-USE) or the names suggest.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub special_folders: std::collections::BTreeMap<String, String>,
}

fn switched_on() -> bool {
    true
}

fn is_switched_on(on: &bool) -> bool {
    *on
}

/// How an account signs in with OAuth 2.0 (RFC 6749, RFC 8252): the provider's endpoints, the
/// client registration and the SASL mechanism its mail servers take. Tokens are never stored here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthSettings {
    /// The preset's id (`gmail`, `outlook`, ...) or `custom` (autoconfig, tests).
    pub provider: String,
    pub authorize_url: String,
    pub token_url: String,
    pub client_id: String,
    /// Only for providers that require one even for installed apps (Google); not a user secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    #[serde(default)]
    pub scopes: Vec<String>,
    /// For IMAP and POP3; SMTP uses XOAUTH2 where offered, else OAUTHBEARER.
    #[serde(default)]
    pub mechanism: OAuthMechanism,
    /// Extra parameters of the authorization request the provider wants (Google:
    /// `access_type = "offline"`, `prompt = "consent"`, so a refresh token always comes back).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub authorize_params: std::collections::BTreeMap<String, String>,
}

/// The SASL mechanism that carries the access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OAuthMechanism {
    /// Google's and Microsoft's `XOAUTH2`, which every OAuth mail provider accepts.
    #[default]
    Xoauth2,
    /// The standard one, RFC 7628.
    Oauthbearer,
}

impl OAuthMechanism {
    pub fn sasl_name(self) -> &'static str {
        match self {
            OAuthMechanism::Xoauth2 => "XOAUTH2",
            OAuthMechanism::Oauthbearer => "OAUTHBEARER",
        }
    }
}

/// A From address other than the account's own: an alias with its display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub email: String,
    #[serde(default)]
    pub name: String,
    /// This address's own signature (None: the account's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

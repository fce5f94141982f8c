//! TEMPORARY STUB (replaced by the presets module).
use crate::model::{LoginFormat, Protocol, ServerEndpoint};
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthKind {
    Password,
    AppPassword,
    Oauth2,
    AppPasswordOrOauth2,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pop3Dele {
    Deletes,
    KeepsCopy,
    PerWebSettings,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guidance {
    pub en: String,
    pub ru: String,
}
impl Guidance {
    pub fn text(&self, _lang: &str) -> &str {
        &self.en
    }
}
#[derive(Debug, Clone)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub domains: Vec<String>,
    pub auth: AuthKind,
    pub imap: Vec<ServerEndpoint>,
    pub pop3: Vec<ServerEndpoint>,
    pub smtp: Vec<ServerEndpoint>,
    pub app_password: Option<Guidance>,
    pub enable_access: Option<Guidance>,
    pub last_verified: String,
    pub login: LoginFormat,
}
impl Provider {
    pub fn incoming(&self, p: Protocol) -> &[ServerEndpoint] {
        match p {
            Protocol::Imap => &self.imap,
            Protocol::Pop3 => &self.pop3,
        }
    }
    pub fn login_for(&self, _p: Option<Protocol>, email: &str) -> String {
        self.login.login_for(email)
    }
}
pub fn providers() -> &'static [Provider] {
    &[]
}
pub fn find_by_id(_id: &str) -> Option<&'static Provider> {
    None
}
pub fn find_for_address(_a: &str) -> Option<&'static Provider> {
    None
}
pub fn describe(_p: &Provider, _l: &str) -> String {
    String::new()
}
pub fn summary_table(_l: &str) -> String {
    String::new()
}

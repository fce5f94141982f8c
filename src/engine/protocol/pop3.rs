//! TEMPORARY STUB (replaced by the POP3 client).
use super::net::{MailStream, NetFailure};
use super::tls::Trust;
use crate::model::ServerEndpoint;
#[derive(Debug, Clone, thiserror::Error)]
#[error("pop3 stub")]
pub struct Pop3Error;
impl Pop3Error {
    pub fn is_auth_failure(&self) -> bool {
        false
    }
    pub fn server_text(&self) -> Option<String> {
        None
    }
    pub fn is_timeout(&self) -> bool {
        false
    }
}
pub struct Capabilities;
impl Capabilities {
    pub fn summary(&self) -> String {
        String::new()
    }
}
pub struct Pop3Client {
    s: MailStream,
}
impl Pop3Client {
    pub fn get_ref(&self) -> &MailStream {
        &self.s
    }
    pub async fn stat(&mut self) -> Result<(u32, u64), Pop3Error> {
        Err(Pop3Error)
    }
    pub async fn quit(self) -> Result<(), Pop3Error> {
        Ok(())
    }
}
#[derive(Debug)]
pub enum OpenFailure {
    Net(NetFailure),
    Pop3(Pop3Error),
    StlsNotOffered,
}
pub async fn open(_e: &ServerEndpoint, _t: &Trust) -> Result<(Pop3Client, Capabilities), OpenFailure> {
    Err(OpenFailure::StlsNotOffered)
}
pub async fn authenticate(_c: &mut Pop3Client, _caps: &Capabilities, _u: &str, _p: &str) -> Result<(), Pop3Error> {
    Ok(())
}

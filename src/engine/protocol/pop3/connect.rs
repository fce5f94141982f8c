//! Opening a POP3 session as the account says: implicit TLS (port 995, RFC 8314) or STLS
//! (RFC 2595), which is required when chosen (no password in the clear), then CAPA again over
//! TLS (RFC 2595 4: capabilities may change), then AUTH PLAIN or USER/PASS.

use super::{Capabilities, Limits, Pop3Client, Pop3Error};
use crate::engine::protocol::net::{MailStream, NetFailure, connect_tcp, secure};
use crate::engine::protocol::tls::Trust;
use crate::model::{Security, ServerEndpoint};
use tokio::net::TcpStream;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenFailure {
    Net(NetFailure),
    Pop3(Pop3Error),
    /// STARTTLS chosen, but the server does not offer STLS: nothing secret was sent.
    StlsNotOffered,
}

impl std::fmt::Display for OpenFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenFailure::Net(failure) => failure.fmt(f),
            OpenFailure::Pop3(err) => err.fmt(f),
            OpenFailure::StlsNotOffered => {
                f.write_str("the POP3 server does not offer STLS; the password was not sent")
            }
        }
    }
}

impl From<Pop3Error> for OpenFailure {
    fn from(err: Pop3Error) -> Self {
        OpenFailure::Pop3(err)
    }
}

impl From<NetFailure> for OpenFailure {
    fn from(failure: NetFailure) -> Self {
        OpenFailure::Net(failure)
    }
}

pub async fn open(
    endpoint: &ServerEndpoint,
    trust: &Trust,
) -> Result<(Pop3Client<MailStream>, Capabilities), OpenFailure> {
    let (host, port) = (endpoint.host.as_str(), endpoint.port);
    let limits = Limits::default();
    let mut client = match endpoint.security {
        Security::Ssl => {
            let tcp = connect_tcp(host, port).await?;
            let stream = secure(host, trust, tcp, || connect_tcp(host, port)).await?;
            Pop3Client::connect(stream, limits).await?.0
        }
        Security::Starttls => {
            let tcp = stls_preamble(connect_tcp(host, port).await?).await?;
            let reconnect = || async move {
                let tcp = connect_tcp(host, port).await?;
                stls_preamble(tcp).await.map_err(|err| NetFailure::Closed(err.to_string()))
            };
            Pop3Client::resume(secure(host, trust, tcp, reconnect).await?, limits)
        }
        Security::None => Pop3Client::connect(MailStream::Plain(connect_tcp(host, port).await?), limits).await?.0,
    };
    let capabilities = client.capa().await?;
    Ok((client, capabilities))
}

/// Greeting, CAPA, STLS over plain TCP; the stream comes back ready for the TLS handshake.
async fn stls_preamble(tcp: TcpStream) -> Result<TcpStream, OpenFailure> {
    let (mut client, _) = Pop3Client::connect(tcp, Limits::default()).await?;
    // Some servers (Courier) have no CAPA at all: then STLS is not known to be offered.
    let offered = client.capa().await.map(|caps| caps.stls).unwrap_or(false);
    if !offered {
        return Err(OpenFailure::StlsNotOffered);
    }
    Ok(client.stls().await?)
}

/// AUTH PLAIN when the server lists it (RFC 5034), else USER/PASS (RFC 1939 7).
pub async fn authenticate(
    client: &mut Pop3Client<MailStream>,
    capabilities: &Capabilities,
    user: &str,
    password: &str,
) -> Result<(), Pop3Error> {
    if capabilities.sasl.iter().any(|m| m == "PLAIN") {
        client.auth_plain(user, password).await
    } else {
        client.user_pass(user, password).await
    }
}

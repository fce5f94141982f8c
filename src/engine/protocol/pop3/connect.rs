//! Opening a session to an account's POP3 server: implicit TLS (RFC 8314), STLS (RFC 2595) or
//! plain, then CAPA; and logging in with the best mechanism offered. TLS and certificate
//! pinning are [`crate::engine::protocol::net`]'s: the pin is checked before any credential is sent.

use super::{Capabilities, Limits, Pop3Client, Pop3Error};
use crate::engine::protocol::net::{MailStream, NetFailure, await_plain_greeting, connect_tcp, secure};
use crate::engine::protocol::tls::Trust;
use crate::model::{AccountSettings, OAuthMechanism, Security, ServerEndpoint};
use std::fmt;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

/// Why no session could be opened.
#[derive(Debug, Clone)]
pub enum OpenFailure {
    Net(NetFailure),
    Pop3(Pop3Error),
    /// STLS was chosen but the server does not offer it: the password is never sent in clear.
    StlsNotOffered,
}

impl fmt::Display for OpenFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenFailure::Net(failure) => failure.fmt(f),
            OpenFailure::Pop3(err) => err.fmt(f),
            OpenFailure::StlsNotOffered => f.write_str(&crate::fl!("error-pop3-stls-not-offered")),
        }
    }
}

impl From<NetFailure> for OpenFailure {
    fn from(failure: NetFailure) -> Self {
        OpenFailure::Net(failure)
    }
}

impl From<Pop3Error> for OpenFailure {
    fn from(err: Pop3Error) -> Self {
        OpenFailure::Pop3(err)
    }
}

/// [`open_with`] and the default [`Limits`].
pub async fn open(
    endpoint: &ServerEndpoint,
    trust: &Trust,
) -> Result<(Pop3Client<MailStream>, Capabilities), OpenFailure> {
    open_with(endpoint, trust, Limits::default()).await
}

/// Connects, secures the connection as the account says, and asks CAPA (over TLS when there is
/// TLS). The client is in the AUTHORIZATION state, ready for [`authenticate`].
pub async fn open_with(
    endpoint: &ServerEndpoint,
    trust: &Trust,
    limits: Limits,
) -> Result<(Pop3Client<MailStream>, Capabilities), OpenFailure> {
    let host = endpoint.host.as_str();
    let port = endpoint.port;
    let mut client = match endpoint.security {
        Security::Ssl => {
            let tcp = connect_tcp(host, port).await?;
            let stream = secure(host, trust, tcp, || connect_tcp(host, port)).await?;
            Pop3Client::connect(stream, limits).await?.0
        }
        Security::Starttls => {
            let tcp = connect_tcp(host, port).await?;
            await_plain_greeting(&tcp, host, port).await?;
            let tcp = stls_preamble(tcp, limits).await?;
            let reconnect = || async move {
                let tcp = connect_tcp(host, port).await?;
                stls_preamble(tcp, limits).await.map_err(|failure| NetFailure::Closed(failure.to_string()))
            };
            let stream = secure(host, trust, tcp, reconnect).await?;
            Pop3Client::after_stls(stream, limits)
        }
        Security::None => {
            let tcp = connect_tcp(host, port).await?;
            await_plain_greeting(&tcp, host, port).await?;
            Pop3Client::connect(MailStream::plain(tcp), limits).await?.0
        }
    };
    let capabilities = capabilities_or_none(&mut client).await?;
    Ok((client, capabilities))
}

/// Logs in: SASL PLAIN when offered (RFC 5034), USER/PASS otherwise (RFC 1939 §7; also for
/// servers without CAPA). One attempt only, never a fallback after a refusal: a second try with
/// the same password only brings an account lockout closer. Capabilities are asked again
/// afterwards (RFC 2449 §5: they may differ after login), so pipelining is known for the sync.
pub async fn authenticate<S: AsyncRead + AsyncWrite + Unpin + Send>(
    client: &mut Pop3Client<S>,
    capabilities: &Capabilities,
    user: &str,
    password: &str,
) -> Result<(), Pop3Error> {
    if capabilities.has_sasl("PLAIN") {
        client.auth_plain(user, password).await?;
    } else {
        client.user_pass(user, password).await?;
    }
    if !capabilities.raw.is_empty() {
        capabilities_or_none(client).await?;
    }
    Ok(())
}

/// Logs in as the account says: a password ([`authenticate`]) or an OAuth 2.0 access token
/// (XOAUTH2 or OAUTHBEARER, the account's choice when listed in CAPA's SASL line, else the
/// other); says which token mechanism was used.
pub async fn sign_in<S: AsyncRead + AsyncWrite + Unpin + Send>(
    client: &mut Pop3Client<S>,
    capabilities: &Capabilities,
    account: &AccountSettings,
    secret: &str,
) -> Result<Option<OAuthMechanism>, Pop3Error> {
    let Some(oauth) = &account.oauth else {
        return authenticate(client, capabilities, &account.login, secret).await.map(|()| None);
    };
    let other = match oauth.mechanism {
        OAuthMechanism::Xoauth2 => OAuthMechanism::Oauthbearer,
        OAuthMechanism::Oauthbearer => OAuthMechanism::Xoauth2,
    };
    // A server without CAPA may still take the account's mechanism: it is tried then.
    let mechanism =
        [oauth.mechanism, other].into_iter().find(|m| capabilities.has_sasl(m.sasl_name())).unwrap_or(oauth.mechanism);
    let endpoint = &account.incoming;
    client.auth_oauth(mechanism, &account.login, secret, &endpoint.host, endpoint.port).await?;
    if !capabilities.raw.is_empty() {
        capabilities_or_none(client).await?;
    }
    Ok(Some(mechanism))
}

/// CAPA, with `-ERR` read as "an RFC 1939 server that lists nothing" (RFC 2449 §5).
async fn capabilities_or_none<S: AsyncRead + AsyncWrite + Unpin + Send>(
    client: &mut Pop3Client<S>,
) -> Result<Capabilities, Pop3Error> {
    match client.capa().await {
        Ok(caps) => Ok(caps),
        Err(err) if !err.breaks_session() => Ok(Capabilities::default()),
        Err(err) => Err(err),
    }
}

/// The plaintext part of RFC 2595 §4: greeting, CAPA, STLS. The server must list STLS; what
/// follows the `+OK` is checked by [`Pop3Client::stls`] so nothing injected is ever read as POP3.
async fn stls_preamble(tcp: TcpStream, limits: Limits) -> Result<TcpStream, OpenFailure> {
    let (mut client, _greeting) = Pop3Client::connect(tcp, limits).await?;
    if !capabilities_or_none(&mut client).await?.stls {
        return Err(OpenFailure::StlsNotOffered);
    }
    Ok(client.stls().await?)
}

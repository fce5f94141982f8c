//! Thunderbird's autoconfig format ("clientConfig" 1.1, wiki.mozilla.org/Thunderbird:Autoconfiguration:
//! ConfigFileFormat): the servers of one provider with their ports, security and login pattern.
//! Parsed with roxmltree (DTDs refused, node count bounded); unknown elements are ignored, servers
//! Pochta cannot use are left out with a note saying why.

use super::ServiceKind;
use crate::model::{Security, ServerEndpoint};

/// More nodes than any real config file has (the largest ISPDB files have a few hundred).
const MAX_NODES: u32 = 20_000;

/// One usable server from the file, placeholders already filled in for the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigServer {
    pub kind: ServiceKind,
    pub endpoint: ServerEndpoint,
    pub login: String,
}

/// What a config file says, for one address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientConfig {
    pub display_name: Option<String>,
    /// In the file's order, which is the provider's order of preference.
    pub servers: Vec<ConfigServer>,
    /// Where the provider says mail access is switched on (`<enable visiturl>`).
    pub enable_url: Option<String>,
    /// Servers left out, and anything else adjusted, in plain words.
    pub notes: Vec<String>,
    /// The provider's OAuth 2.0 endpoints (`<oAuth2>`), when the file names them.
    pub oauth2: Option<ConfigOAuth2>,
}

/// `<oAuth2>`: the issuer (the key of its client registration in settings.toml), the scopes and
/// the endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigOAuth2 {
    pub issuer: String,
    pub scopes: Vec<String>,
    pub auth_url: String,
    pub token_url: String,
}

impl ClientConfig {
    pub fn endpoints(&self, kind: ServiceKind) -> Vec<ServerEndpoint> {
        self.servers.iter().filter(|s| s.kind == kind).map(|s| s.endpoint.clone()).collect()
    }

    /// The login of the first server of `kind`.
    pub fn login(&self, kind: ServiceKind) -> Option<&str> {
        self.servers.iter().find(|s| s.kind == kind).map(|s| s.login.as_str())
    }
}

/// Parses `xml` for `email` (`user@example.org`). An error means the text is not a clientConfig.
pub fn parse(xml: &str, email: &str) -> Result<ClientConfig, String> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES };
    let document =
        roxmltree::Document::parse_with_options(xml, options).map_err(|err| format!("not a valid XML file: {err}"))?;
    let root = document.root_element();
    if root.tag_name().name() != "clientConfig" {
        return Err(format!("not an autoconfig file (its root is <{}>)", root.tag_name().name()));
    }
    let provider = child(root, "emailProvider").ok_or("the autoconfig file names no emailProvider")?;
    let mut config = ClientConfig {
        display_name: child_text(provider, "displayName"),
        enable_url: child(provider, "enable").and_then(|e| e.attribute("visiturl")).map(str::to_string),
        oauth2: child(root, "oAuth2").and_then(oauth2),
        ..ClientConfig::default()
    };
    for element in provider.children().filter(roxmltree::Node::is_element) {
        let kind = match (element.tag_name().name(), element.attribute("type")) {
            ("incomingServer", Some("imap")) => ServiceKind::Imap,
            ("incomingServer", Some("pop3")) => ServiceKind::Pop3,
            ("outgoingServer", Some("smtp")) => ServiceKind::Smtp,
            ("incomingServer" | "outgoingServer", other) => {
                config.notes.push(format!("a server of type {} was skipped", other.unwrap_or("(none)")));
                continue;
            }
            _ => continue,
        };
        match server(element, kind, email, config.oauth2.is_some()) {
            Ok((server, note)) => {
                config.notes.extend(note);
                config.servers.push(server);
            }
            Err(why) => config.notes.push(why),
        }
    }
    if config.servers.is_empty() {
        return Err("the autoconfig file lists no server Pochta can use".into());
    }
    Ok(config)
}

/// One `<incomingServer>` or `<outgoingServer>`, with an optional note about an adjustment.
/// `<oAuth2>` with https endpoints, or nothing.
fn oauth2(node: roxmltree::Node) -> Option<ConfigOAuth2> {
    let usable = |url: &String| url.starts_with("https://") || url.starts_with("http://127.0.0.1:");
    Some(ConfigOAuth2 {
        issuer: child_text(node, "issuer")?,
        scopes: child_text(node, "scope")?.split_whitespace().map(str::to_string).collect(),
        auth_url: child_text(node, "authURL").filter(usable)?,
        token_url: child_text(node, "tokenURL").filter(usable)?,
    })
}

fn server(
    element: roxmltree::Node,
    kind: ServiceKind,
    email: &str,
    oauth2_known: bool,
) -> Result<(ConfigServer, Option<String>), String> {
    let host = child_text(element, "hostname").map(|h| expand(&h, email)).unwrap_or_default();
    if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')) {
        return Err(format!("a {kind} server without a usable host name was skipped"));
    }
    let port = child_text(element, "port").and_then(|p| p.parse::<u16>().ok()).filter(|p| *p != 0);
    let port = port.ok_or_else(|| format!("the {kind} server {host} has no usable port and was skipped"))?;
    let socket = child_text(element, "socketType").unwrap_or_default();
    let mut note = None;
    let security = match socket.to_ascii_uppercase().as_str() {
        "SSL" | "TLS" => Security::Ssl,
        "STARTTLS" => Security::Starttls,
        // Pochta never sends a password in clear: ask for STARTTLS on the same port, which is
        // refused before any password if the server does not offer it.
        "PLAIN" => {
            note = Some(format!(
                "the {kind} server {host}:{port} is offered without encryption; Pochta will require STARTTLS there"
            ));
            Security::Starttls
        }
        other => return Err(format!("the {kind} server {host}:{port} has an unknown security \"{other}\"")),
    };
    let methods: Vec<String> = element
        .children()
        .filter(|n| n.has_tag_name("authentication"))
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect();
    // OAuth2-only servers are usable when the file also names the provider's endpoints.
    if !oauth2_known && !methods.is_empty() && methods.iter().all(|m| m.eq_ignore_ascii_case("OAuth2")) {
        return Err(format!(
            "the {kind} server {host}:{port} accepts only the provider's own sign-in (OAuth2), \
             and the file names no sign-in endpoints (oAuth2)"
        ));
    }
    let login = child_text(element, "username").map_or_else(|| email.to_string(), |u| expand(&u, email));
    let endpoint = ServerEndpoint { host: host.to_ascii_lowercase(), port, security };
    Ok((ConfigServer { kind, endpoint, login }, note))
}

/// Fills in the placeholders of the format: `%EMAILADDRESS%`, `%EMAILLOCALPART%`, `%EMAILDOMAIN%`.
pub fn expand(template: &str, email: &str) -> String {
    let email = email.trim();
    let (local, domain) = email.rsplit_once('@').unwrap_or((email, ""));
    template.trim().replace("%EMAILADDRESS%", email).replace("%EMAILLOCALPART%", local).replace("%EMAILDOMAIN%", domain)
}

fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|n| n.has_tag_name(name))
}

/// The trimmed text of the first `name` child; `None` when missing or empty.
fn child_text(node: roxmltree::Node, name: &str) -> Option<String> {
    let text: String = child(node, name)?.children().filter_map(|n| n.text()).collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests;

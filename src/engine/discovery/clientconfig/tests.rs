//! The autoconfig fixtures in tests/fixtures/autoconfig/, modelled on the published format.

use super::*;
use crate::model::Security::{Ssl, Starttls};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/autoconfig/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn endpoint(host: &str, port: u16, security: Security) -> ServerEndpoint {
    ServerEndpoint { host: host.into(), port, security }
}

#[test]
fn several_smtp_alternatives_keep_the_files_order() {
    let config = parse(&fixture("mailru_like_several_smtp_ports.xml"), "ivan@mail.example").unwrap();
    assert_eq!(config.display_name.as_deref(), Some("Mail & Inbox <Example>"));
    assert_eq!(
        config.endpoints(ServiceKind::Imap),
        vec![endpoint("imap.mail.example", 993, Ssl), endpoint("imap.mail.example", 143, Starttls)]
    );
    assert_eq!(config.endpoints(ServiceKind::Pop3), vec![endpoint("pop.mail.example", 995, Ssl)]);
    assert_eq!(
        config.endpoints(ServiceKind::Smtp),
        vec![
            endpoint("smtp.mail.example", 465, Ssl),
            endpoint("smtp.mail.example", 587, Starttls),
            endpoint("smtp.mail.example", 2525, Starttls),
        ]
    );
    assert!(config.servers.iter().all(|s| s.login == "ivan@mail.example"), "CDATA login too");
    assert_eq!(config.enable_url.as_deref(), Some("https://e.mail.example/settings/clients"));
    assert!(config.notes.is_empty(), "{:?}", config.notes);
}

#[test]
fn self_hosted_file_fills_local_part_login_and_domain_in_host_names() {
    let config = parse(&fixture("selfhosted_localpart_login.xml"), "olga@kontora.example").unwrap();
    assert_eq!(config.endpoints(ServiceKind::Imap), vec![endpoint("mail.kontora.example", 993, Ssl)]);
    assert_eq!(config.endpoints(ServiceKind::Smtp), vec![endpoint("mail.kontora.example", 587, Starttls)]);
    assert_eq!(config.login(ServiceKind::Imap), Some("olga"));
    assert_eq!(config.login(ServiceKind::Smtp), Some("olga"));
}

#[test]
fn oauth2_only_servers_and_unknown_types_are_left_out_and_plain_becomes_starttls() {
    let config = parse(&fixture("oauth2_only_imap_and_plain_pop3.xml"), "a@corp.example").unwrap();
    assert!(config.endpoints(ServiceKind::Imap).is_empty());
    assert_eq!(config.endpoints(ServiceKind::Pop3), vec![endpoint("pop.corp.example", 110, Starttls)]);
    assert_eq!(config.endpoints(ServiceKind::Smtp), vec![endpoint("smtp.corp.example", 587, Starttls)]);
    let notes = config.notes.join("\n");
    assert!(notes.contains("OAuth2"), "{notes}");
    assert!(notes.contains("exchange"), "{notes}");
    assert!(notes.contains("without encryption"), "{notes}");
}

#[test]
fn dtds_and_entity_expansion_are_refused() {
    let err = parse(&fixture("with_dtd_entities.xml"), "a@x.example").unwrap_err();
    assert!(err.contains("not a valid XML"), "{err}");
}

#[test]
fn other_documents_and_broken_xml_are_errors() {
    assert!(parse("<html><body>Not found</body></html>", "a@b.c").unwrap_err().contains("<html>"));
    assert!(parse("<clientConfig><emailProvider/></clientConfig>", "a@b.c").is_err());
    assert!(parse("<clientConfig>", "a@b.c").is_err());
    assert!(parse("", "a@b.c").is_err());
    let missing_port = "<clientConfig><emailProvider><incomingServer type='imap'><hostname>h</hostname>\
                        <socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>";
    assert!(parse(missing_port, "a@b.c").is_err());
    let hostile_host = "<clientConfig><emailProvider><incomingServer type='imap'><hostname>h\r\nx</hostname>\
                        <port>993</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>";
    assert!(parse(hostile_host, "a@b.c").is_err());
}

#[test]
fn placeholders_expand_for_the_address() {
    assert_eq!(expand("%EMAILADDRESS%", " Ivan@Example.org "), "Ivan@Example.org");
    assert_eq!(expand("%EMAILLOCALPART%", "ivan@example.org"), "ivan");
    assert_eq!(expand("imap.%EMAILDOMAIN%", "ivan@example.org"), "imap.example.org");
    assert_eq!(expand("mail\\%EMAILLOCALPART%", "ivan@example.org"), "mail\\ivan");
    assert_eq!(expand("fixed-login", "ivan@example.org"), "fixed-login");
}

#[test]
fn oauth2_only_servers_are_kept_when_the_file_names_the_endpoints() {
    let config = parse(&fixture("oauth2_with_endpoints.xml"), "a@corp.example").unwrap();
    assert_eq!(config.endpoints(ServiceKind::Imap), [endpoint("imap.corp.example", 993, Ssl)]);
    assert_eq!(config.endpoints(ServiceKind::Smtp), [endpoint("smtp.corp.example", 587, Starttls)]);
    let oauth2 = config.oauth2.unwrap();
    assert_eq!(oauth2.issuer, "login.corp.example");
    assert_eq!(oauth2.scopes, ["https://mail.corp.example/", "offline_access"]);
    assert_eq!(oauth2.token_url, "https://login.corp.example/token");
}

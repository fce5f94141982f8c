//! Discovery offline, through a scripted [`Lookups`] that records every request: the order of
//! the sources, fall-through on DNS/HTTP failures, probing order, and that nothing it is asked
//! carries a password.

use super::*;
use crate::model::Security::{Ssl, Starttls};
use std::collections::HashMap;
use std::sync::Mutex;

/// Answers from tables; anything not in a table fails like a network error.
#[derive(Default)]
struct Scripted {
    mx: Option<Result<Vec<String>, String>>,
    pages: HashMap<String, String>,
    /// "host:port" that answer a probe.
    answering: Vec<String>,
    untrusted: Vec<String>,
    log: Mutex<Vec<String>>,
}

impl Scripted {
    fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Lookups for Scripted {
    fn mx<'a>(&'a self, domain: &'a str) -> LookupFuture<'a, Result<Vec<String>, String>> {
        self.log.lock().unwrap().push(format!("mx {domain}"));
        let answer = self.mx.clone().unwrap_or_else(|| Err("the DNS server did not answer in time".into()));
        Box::pin(async move { answer })
    }

    fn https_get<'a>(&'a self, url: &'a str) -> LookupFuture<'a, Result<String, String>> {
        self.log.lock().unwrap().push(format!("get {url}"));
        let answer = self.pages.get(url).cloned().ok_or_else(|| "not found (HTTP 404)".to_string());
        Box::pin(async move { answer })
    }

    fn probe<'a>(&'a self, kind: ServiceKind, endpoint: &'a ServerEndpoint) -> LookupFuture<'a, ProbeOutcome> {
        let address = format!("{}:{}", endpoint.host, endpoint.port);
        self.log.lock().unwrap().push(format!("probe {kind} {address} {}", endpoint.security.as_str()));
        let outcome = if self.answering.contains(&address) {
            ProbeOutcome::Answered { detail: "greeted".into() }
        } else if self.untrusted.contains(&address) {
            ProbeOutcome::Untrusted { certificate: Box::new(certificate()), why: "self-signed".into() }
        } else if endpoint.host.starts_with("pop3.") {
            ProbeOutcome::NoSuchHost
        } else {
            ProbeOutcome::Failed("refused".into())
        };
        Box::pin(async move { outcome })
    }
}

fn certificate() -> CertificateInfo {
    CertificateInfo {
        subject: "mail.example.org".into(),
        issuer: "mail.example.org".into(),
        not_before: String::new(),
        not_after: String::new(),
        sha256: "ab".repeat(32),
        dns_names: vec!["mail.example.org".into()],
        expired: false,
        not_yet_valid: false,
    }
}

fn run(email: &str, lookups: &Scripted) -> Discovery {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    runtime.block_on(discover(email, lookups)).unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/autoconfig/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn endpoint(host: &str, port: u16, security: crate::model::Security) -> ServerEndpoint {
    ServerEndpoint { host: host.into(), port, security }
}

#[test]
fn every_preset_domain_is_found_without_any_network_lookup() {
    for provider in presets::providers() {
        for domain in &provider.domains {
            let lookups = Scripted::default();
            let found = run(&format!("User.Name@{}", domain.to_uppercase()), &lookups);
            assert_eq!(found.source, Source::Preset { id: provider.id.clone() }, "{domain}");
            assert_eq!(found.provider.map(|p| p.id.as_str()), Some(provider.id.as_str()));
            assert_eq!(found.imap, provider.imap, "{domain}");
            assert_eq!(found.smtp, provider.smtp, "{domain}");
            assert!(lookups.log().is_empty(), "{domain}: {:?}", lookups.log());
        }
    }
}

#[test]
fn preset_logins_follow_the_providers_format() {
    let icloud = run("emily@icloud.com", &Scripted::default());
    assert_eq!((icloud.login.as_str(), icloud.smtp_login.as_str()), ("emily", "emily@icloud.com"));
    let webde = run("hans@web.de", &Scripted::default());
    assert_eq!(webde.login, "hans");
    let yandex = run("ivan@ya.ru", &Scripted::default());
    assert_eq!(yandex.login, "ivan@ya.ru");
}

#[test]
fn hosted_domains_are_recognised_by_their_mx_host() {
    for (mx, id) in [
        ("mx.yandex.net.", "yandex"),
        ("aspmx.l.google.com", "gmail"),
        ("alt1.aspmx.l.google.com", "gmail"),
        ("emx.mail.ru", "mailru"),
        ("contoso-com.mail.protection.outlook.com", "outlook"),
    ] {
        let lookups = Scripted { mx: Some(Ok(vec!["mx1.unknown.example".into(), mx.into()])), ..Scripted::default() };
        let found = run("boss@contoso.example", &lookups);
        assert_eq!(found.source, Source::Mx { host: mx.into(), preset: id.into() });
        assert_eq!(found.provider.map(|p| p.id.as_str()), Some(id));
        assert_eq!(found.login, "boss@contoso.example");
        assert_eq!(lookups.log(), vec!["mx contoso.example"], "no HTTP or probing after an MX match");
    }
}

#[test]
fn autoconfig_is_asked_at_the_provider_first_then_at_the_well_known_path() {
    let lookups = Scripted { mx: Some(Ok(vec!["mx.own.example".into()])), ..Scripted::default() };
    let well_known = "https://kontora.example/.well-known/autoconfig/mail/config-v1.1.xml";
    let lookups = Scripted {
        pages: HashMap::from([(well_known.to_string(), fixture("selfhosted_localpart_login.xml"))]),
        ..lookups
    };
    let found = run("olga.petrova+tag@kontora.example", &lookups);
    assert_eq!(found.source, Source::Autoconfig { url: well_known.into() });
    assert_eq!(found.imap, vec![endpoint("mail.kontora.example", 993, Ssl)]);
    assert_eq!(found.smtp, vec![endpoint("mail.kontora.example", 587, Starttls)]);
    assert_eq!(found.login, "olga.petrova+tag");
    assert_eq!(
        lookups.log(),
        vec![
            "mx kontora.example".to_string(),
            "get https://autoconfig.kontora.example/mail/config-v1.1.xml?emailaddress=olga.petrova%2Btag%40kontora.example"
                .to_string(),
            format!("get {well_known}"),
        ]
    );
    let notes = found.notes.join("\n");
    assert!(notes.contains("belong to no known provider"), "{notes}");
    assert!(notes.contains("HTTP 404"), "{notes}");
}

#[test]
fn autoconfig_keeps_the_providers_smtp_alternatives() {
    let url = "https://autoconfig.mail.example/mail/config-v1.1.xml?emailaddress=ivan%40mail.example";
    let lookups = Scripted {
        pages: HashMap::from([(url.to_string(), fixture("mailru_like_several_smtp_ports.xml"))]),
        ..Scripted::default()
    };
    let found = run("ivan@mail.example", &lookups);
    assert_eq!(found.source, Source::Autoconfig { url: url.into() });
    let ports: Vec<u16> = found.smtp.iter().map(|e| e.port).collect();
    assert_eq!(ports, [465, 587, 2525]);
    assert!(found.notes.iter().any(|n| n.contains("could not be looked up")), "the DNS failure is recorded");
    assert!(found.notes.iter().any(|n| n.contains("https://e.mail.example/settings/clients")));
}

#[test]
fn dns_and_http_failures_fall_through_to_probing_in_order() {
    let lookups = Scripted {
        pages: HashMap::from([(
            "https://autoconfig.example.org/mail/config-v1.1.xml?emailaddress=me%40example.org".to_string(),
            "<html>Welcome to nginx!</html>".to_string(),
        )]),
        answering: vec!["mail.example.org:993".into(), "mail.example.org:465".into(), "smtp.example.org:587".into()],
        ..Scripted::default()
    };
    let found = run("me@example.org", &lookups);
    assert_eq!(found.source, Source::Probe);
    assert_eq!(found.imap, vec![endpoint("mail.example.org", 993, Ssl)]);
    assert!(found.pop3.is_empty());
    assert_eq!(found.smtp, vec![endpoint("mail.example.org", 465, Ssl), endpoint("smtp.example.org", 587, Starttls)]);
    let probes: Vec<String> = lookups.log().into_iter().filter(|l| l.starts_with("probe ")).collect();
    assert_eq!(
        probes,
        [
            "probe IMAP imap.example.org:993 ssl",
            "probe IMAP mail.example.org:993 ssl",
            "probe IMAP example.org:993 ssl",
            "probe IMAP imap.example.org:143 starttls",
            "probe IMAP mail.example.org:143 starttls",
            "probe IMAP example.org:143 starttls",
            "probe POP3 pop.example.org:995 ssl",
            "probe POP3 pop3.example.org:995 ssl",
            "probe POP3 mail.example.org:995 ssl",
            "probe POP3 pop.example.org:110 starttls",
            "probe POP3 pop3.example.org:110 starttls",
            "probe POP3 mail.example.org:110 starttls",
            "probe SMTP smtp.example.org:465 ssl",
            "probe SMTP mail.example.org:465 ssl",
            "probe SMTP smtp.example.org:587 starttls",
            "probe SMTP mail.example.org:587 starttls",
        ]
    );
    let notes = found.notes.join("\n");
    assert!(notes.contains("could not be looked up"), "{notes}");
    assert!(notes.contains("not an autoconfig file"), "{notes}");
    assert!(notes.contains("these server names do not exist: pop3.example.org"), "{notes}");
}

#[test]
fn untrusted_servers_are_offered_only_when_nothing_trusted_answers_with_their_certificate() {
    let lookups = Scripted {
        untrusted: vec!["mail.example.org:993".into(), "mail.example.org:465".into(), "smtp.example.org:465".into()],
        answering: vec!["smtp.example.org:587".into()],
        ..Scripted::default()
    };
    let found = run("me@example.org", &lookups);
    assert_eq!(found.imap, vec![endpoint("mail.example.org", 993, Ssl)]);
    assert_eq!(found.smtp, vec![endpoint("smtp.example.org", 587, Starttls)]);
    assert_eq!(found.certificates, vec![(endpoint("mail.example.org", 993, Ssl), certificate())]);
}

#[test]
fn nothing_found_is_a_result_with_notes_not_an_error() {
    let lookups = Scripted { mx: Some(Ok(vec![])), ..Scripted::default() };
    let found = run("me@nowhere.example", &lookups);
    assert_eq!(found.source, Source::NotFound);
    assert!(found.imap.is_empty() && found.pop3.is_empty() && found.smtp.is_empty());
    assert!(found.notes.iter().any(|n| n.contains("has no mail servers (MX)")));
    assert_eq!(found.login, "me@nowhere.example");
}

#[test]
fn nothing_the_lookups_are_asked_carries_the_password_or_even_the_local_part_to_probes() {
    // discover() takes no password at all; this checks the requests themselves.
    let lookups = Scripted { answering: vec!["imap.example.org:993".into()], ..Scripted::default() };
    run("secret.person@example.org", &lookups);
    for line in lookups.log() {
        if line.starts_with("probe ") || line.starts_with("mx ") {
            assert!(!line.contains("secret.person"), "{line}");
        }
    }
}

#[test]
fn probe_candidates_can_be_replaced() {
    struct Harness(Scripted);
    impl Lookups for Harness {
        fn mx<'a>(&'a self, domain: &'a str) -> LookupFuture<'a, Result<Vec<String>, String>> {
            self.0.mx(domain)
        }
        fn https_get<'a>(&'a self, url: &'a str) -> LookupFuture<'a, Result<String, String>> {
            self.0.https_get(url)
        }
        fn probe<'a>(&'a self, kind: ServiceKind, endpoint: &'a ServerEndpoint) -> LookupFuture<'a, ProbeOutcome> {
            self.0.probe(kind, endpoint)
        }
        fn probe_candidates(&self, kind: ServiceKind, _domain: &str) -> Vec<ServerEndpoint> {
            match kind {
                ServiceKind::Imap => vec![endpoint("localhost", 10993, Ssl)],
                _ => vec![],
            }
        }
    }
    let lookups = Harness(Scripted { answering: vec!["localhost:10993".into()], ..Scripted::default() });
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let found = runtime.block_on(discover("me@example.test", &lookups)).unwrap();
    assert_eq!(found.imap, vec![endpoint("localhost", 10993, Ssl)]);
}

#[test]
fn text_that_is_not_an_address_is_an_error() {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    for bad in ["", "no-at-sign", "@example.org", "me@", "me@exa mple.org", "me@a..b", "me@<x>.org"] {
        assert!(runtime.block_on(discover(bad, &Scripted::default())).is_err(), "{bad}");
    }
}

#[test]
fn autoconfig_urls_encode_the_address() {
    let [first, second] = autoconfig_urls("a+b@example.org", "example.org");
    assert_eq!(first, "https://autoconfig.example.org/mail/config-v1.1.xml?emailaddress=a%2Bb%40example.org");
    assert_eq!(second, "https://example.org/.well-known/autoconfig/mail/config-v1.1.xml");
}

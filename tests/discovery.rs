//! The wizard's discovery against the real Dovecot and Postfix of the harness: for an address at
//! the harness domain, with DNS and HTTP scripted to fail, probing the usual names finds the
//! loopback servers (the names mapped onto the harness's high ports), ranks a server with an
//! untrusted certificate below trusted ones, and ends with settings that pass the account check.

mod common;
mod support;

use common::{Profile, describe, stdout};
use pochta::config::Paths;
use pochta::engine::api::discovery::{LookupFuture, Lookups, NetLookups, ProbeOutcome, ServiceKind, Source};
use pochta::engine::api::{EngineHandle, Password};
use pochta::model::{AccountSettings, Protocol, Security, ServerEndpoint};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use support::{MailStack, mailstack};

/// No DNS, no HTTP; probes of the usual names at `domain` go to the harness on 127.0.0.1.
/// `mail.<domain>:993` is probed without the harness CA, like a server with a private CA.
struct Harness {
    ports: HashMap<String, u16>,
    domain: String,
    trusting: NetLookups,
    untrusting: NetLookups,
    probed: Mutex<Vec<String>>,
}

impl Harness {
    fn new(stack: &MailStack) -> Harness {
        let domain = stack.domain.clone();
        let ports = HashMap::from([
            (format!("imap.{domain}:993"), stack.imaps_port),
            (format!("imap.{domain}:143"), stack.imap_port),
            (format!("mail.{domain}:993"), stack.imaps_port),
            (format!("pop.{domain}:995"), stack.pop3s_port),
            (format!("pop.{domain}:110"), stack.pop3_port),
            (format!("smtp.{domain}:465"), stack.smtps_port),
            (format!("smtp.{domain}:587"), stack.submission_port),
        ]);
        Harness {
            ports,
            domain,
            trusting: NetLookups::with_ca_file(Some(stack.ca_file.clone())),
            untrusting: NetLookups::new(),
            probed: Mutex::new(Vec::new()),
        }
    }

    /// The loopback server behind a discovered name.
    fn real(&self, endpoint: &ServerEndpoint) -> ServerEndpoint {
        let port = self.ports[&format!("{}:{}", endpoint.host, endpoint.port)];
        ServerEndpoint { host: "localhost".into(), port, security: endpoint.security }
    }
}

impl Lookups for Harness {
    fn mx<'a>(&'a self, _domain: &'a str) -> LookupFuture<'a, Result<Vec<String>, String>> {
        Box::pin(async { Err("the DNS server did not answer in time".to_string()) })
    }

    fn https_get<'a>(&'a self, url: &'a str) -> LookupFuture<'a, Result<String, String>> {
        Box::pin(async move { Err(format!("the server name of {url} was not found")) })
    }

    fn probe<'a>(&'a self, kind: ServiceKind, endpoint: &'a ServerEndpoint) -> LookupFuture<'a, ProbeOutcome> {
        let address = format!("{}:{}", endpoint.host, endpoint.port);
        self.probed.lock().unwrap().push(format!("{kind} {address}"));
        Box::pin(async move {
            let Some(port) = self.ports.get(&address) else { return ProbeOutcome::NoSuchHost };
            let real = ServerEndpoint { host: "localhost".into(), port: *port, security: endpoint.security };
            let lookups = if endpoint.host.starts_with("mail.") { &self.untrusting } else { &self.trusting };
            lookups.probe(kind, &real).await
        })
    }
}

fn endpoint(host: &str, port: u16, security: Security) -> ServerEndpoint {
    ServerEndpoint { host: host.into(), port, security }
}

fn settings(
    stack: &MailStack,
    email: &str,
    protocol: Protocol,
    incoming: ServerEndpoint,
    smtp: ServerEndpoint,
) -> AccountSettings {
    AccountSettings {
        email: email.into(),
        name: String::new(),
        protocol,
        incoming,
        smtp,
        login: String::new(),
        preset: None,
        password_command: None,
        oauth: None,
        ca_file: Some(stack.ca_file.clone()),
        pop3: Default::default(),
        sync: Default::default(),
        signature: None,
        identities: Vec::new(),
        special_folders: Default::default(),
        junk_filter: true,
        rules: Vec::new(),
    }
}

#[test]
fn probing_the_harness_domain_finds_working_imap_pop3_and_smtp_servers() {
    let stack = mailstack();
    let user = stack.fresh_user();
    assert!(user.email.ends_with(&format!("@{}", stack.domain)), "{}", user.email);
    let profile = Profile::new();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let harness = Arc::new(Harness::new(stack));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();

    let found = runtime.block_on(engine.discover_with(&user.email, harness.clone())).unwrap();

    let d = &harness.domain;
    assert_eq!(found.source, Source::Probe, "{:#?}", found.notes);
    assert_eq!(
        found.imap,
        vec![
            endpoint(&format!("imap.{d}"), 993, Security::Ssl),
            endpoint(&format!("imap.{d}"), 143, Security::Starttls)
        ]
    );
    assert_eq!(
        found.pop3,
        vec![endpoint(&format!("pop.{d}"), 995, Security::Ssl), endpoint(&format!("pop.{d}"), 110, Security::Starttls)]
    );
    assert_eq!(
        found.smtp,
        vec![
            endpoint(&format!("smtp.{d}"), 465, Security::Ssl),
            endpoint(&format!("smtp.{d}"), 587, Security::Starttls)
        ]
    );
    assert_eq!(found.login, user.email);
    assert!(found.certificates.is_empty(), "trusted servers answered, so no certificate needs accepting");
    let notes = found.notes.join("\n");
    assert!(notes.contains("could not be looked up"), "the DNS failure is recorded: {notes}");
    assert!(notes.contains("no settings file at https://autoconfig."), "{notes}");
    assert!(notes.contains(&format!("mail.{d}:993")) && notes.contains("not trusted"), "{notes}");
    let probed = harness.probed.lock().unwrap().clone();
    assert_eq!(probed.first().map(String::as_str), Some(format!("IMAP imap.{d}:993").as_str()));
    assert_eq!(probed.len(), 16, "every usual name and port once: {probed:?}");

    // The discovered settings work: the account check (which does log in) passes on each.
    let password = || Password::new(user.password.clone());
    for (protocol, incoming, smtp) in [
        (Protocol::Imap, &found.imap[0], &found.smtp[0]),
        (Protocol::Imap, &found.imap[1], &found.smtp[1]),
        (Protocol::Pop3, &found.pop3[0], &found.smtp[0]),
    ] {
        let mut account = settings(stack, &user.email, protocol, harness.real(incoming), harness.real(smtp));
        account.login = found.login.clone();
        let report = runtime.block_on(engine.check_settings(account, password())).unwrap();
        assert!(report.passed(), "{incoming} and {smtp}: {:#?}", report.steps);
    }
}

#[test]
fn a_server_with_an_untrusted_certificate_is_offered_with_its_certificate_when_alone() {
    let stack = mailstack();
    let profile = Profile::new();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let mut harness = Harness::new(stack);
    let d = harness.domain.clone();
    harness.ports.retain(|address, _| address.starts_with("mail.") || address.starts_with("smtp."));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();

    let found = runtime.block_on(engine.discover_with(&format!("someone@{d}"), Arc::new(harness))).unwrap();

    assert_eq!(found.imap, vec![endpoint(&format!("mail.{d}"), 993, Security::Ssl)]);
    let (server, certificate) = found.certificates.first().expect("the certificate to judge");
    assert_eq!(server, &found.imap[0]);
    assert_eq!(certificate.sha256.len(), 64);
    assert!(found.pop3.is_empty());
}

#[test]
fn the_command_line_prints_a_presets_table_with_its_source_and_alternatives() {
    let profile = Profile::new();
    let output = profile.run(&["discover", "ivan@bk.ru", "--json"]);
    assert!(output.status.success(), "{}", describe(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["source"]["kind"], "preset");
    assert_eq!(json["source"]["preset"], "mailru");
    let smtp_ports: Vec<u64> = json["smtp"].as_array().unwrap().iter().map(|s| s["port"].as_u64().unwrap()).collect();
    assert_eq!(smtp_ports, [465, 587, 2525]);
    assert_eq!(json["login"], "ivan@bk.ru");

    let output = profile.run(&["discover", "ivan@yandex.ru"]);
    let text = stdout(&output);
    assert!(text.contains("built-in settings (yandex)") && text.contains("imap.yandex.ru"), "{text}");
    let output = profile.run(&["discover", "not-an-address"]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
}

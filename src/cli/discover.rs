//! `pochta discover ADDR`: where the settings for an address come from, and the server table the
//! wizard would show (alternatives included), with what was tried on the way. Needs no profile.

use crate::engine::api::EngineError;
use crate::engine::api::discovery::{Discovery, NetLookups, ServiceKind, Source, discover_settings};
use crate::model::ServerEndpoint;
use std::fmt::Write as _;
use std::path::PathBuf;

pub async fn run(address: &str, ca_file: Option<PathBuf>, json: bool) -> Result<(), EngineError> {
    eprintln!("{}", crate::fl!("cli-discover-looking", address = address));
    let found = discover_settings(address, &NetLookups::with_ca_file(ca_file)).await?;
    if json {
        println!("{}", to_json(&found));
    } else {
        print!("{}", describe(&found));
    }
    Ok(())
}

fn source_json(source: &Source) -> serde_json::Value {
    match source {
        Source::Preset { id } => serde_json::json!({"kind": "preset", "preset": id}),
        Source::Mx { host, preset } => serde_json::json!({"kind": "mx", "host": host, "preset": preset}),
        Source::Autoconfig { url } => serde_json::json!({"kind": "autoconfig", "url": url}),
        Source::Probe => serde_json::json!({"kind": "probe"}),
        Source::NotFound => serde_json::json!({"kind": "not_found"}),
    }
}

fn to_json(found: &Discovery) -> serde_json::Value {
    let servers = |list: &[ServerEndpoint]| -> Vec<serde_json::Value> {
        list.iter()
            .map(|e| serde_json::json!({"host": e.host, "port": e.port, "security": e.security.as_str()}))
            .collect()
    };
    let certificates: Vec<serde_json::Value> = found
        .certificates
        .iter()
        .map(|(e, c)| {
            serde_json::json!({"host": e.host, "port": e.port, "subject": c.subject, "issuer": c.issuer,
                "sha256": c.sha256, "not_after": c.not_after})
        })
        .collect();
    serde_json::json!({
        "email": found.email, "source": source_json(&found.source),
        "imap": servers(&found.imap), "pop3": servers(&found.pop3), "smtp": servers(&found.smtp),
        "login": found.login, "smtp_login": found.smtp_login,
        "provider": found.provider.map(|p| p.id.clone()),
        "untrusted_certificates": certificates, "notes": found.notes,
    })
}

fn describe(found: &Discovery) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", found.email, found.source);
    for kind in ServiceKind::ALL {
        let list = found.servers(kind);
        if list.is_empty() {
            let _ = writeln!(out, "  {:<5} {}", kind.to_string(), crate::fl!("cli-discover-not-found"));
        }
        for (index, endpoint) in list.iter().enumerate() {
            let label = if index == 0 { kind.to_string() } else { String::new() };
            let role = if index == 0 { String::new() } else { format!("  ({})", crate::fl!("cli-preset-alternative")) };
            let _ =
                writeln!(out, "  {label:<5} {:<32} {:>5}  {}{role}", endpoint.host, endpoint.port, endpoint.security);
        }
    }
    let _ = writeln!(out, "  {}", crate::fl!("cli-discover-login", login = found.login.as_str()));
    if found.smtp_login != found.login {
        let _ = writeln!(out, "  {}", crate::fl!("cli-discover-smtp-login", login = found.smtp_login.as_str()));
    }
    for (endpoint, certificate) in &found.certificates {
        let line = crate::fl!(
            "cli-discover-untrusted",
            endpoint = endpoint.to_string(),
            subject = certificate.subject.as_str(),
            issuer = certificate.issuer.as_str(),
            fingerprint = certificate.fingerprint()
        );
        let _ = writeln!(out, "  {line}");
    }
    if !found.notes.is_empty() {
        let _ = writeln!(out, "{}", crate::fl!("cli-discover-tried"));
        for note in &found.notes {
            let _ = writeln!(out, "  - {note}");
        }
    }
    out
}

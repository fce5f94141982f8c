//! `pochta account add | list | remove | test`.

use super::args::{AccountCommand, AddAccount};
use crate::engine::api::{
    CheckReport, EngineError, EngineHandle, Password, PasswordSource, Pop3Dele, SIGN_IN_WAIT, find_preset,
    normalize_fingerprint, preset_for_address,
};
use crate::model::{
    AccountSettings, LoginFormat, OAuthMechanism, OAuthSettings, Pop3Options, Protocol, Security, ServerEndpoint,
};
use std::io::Read;

pub async fn run(engine: &EngineHandle, command: &AccountCommand, json: bool) -> Result<(), EngineError> {
    match command {
        AccountCommand::Add(add) => add_account(engine, add).await,
        AccountCommand::List => list(engine, json),
        AccountCommand::Remove { email } => {
            engine.remove_account(super::account_named(engine, email)?).await?;
            eprintln!("{}", crate::fl!("cli-account-removed", email = email.as_str()));
            Ok(())
        }
        AccountCommand::Test { email, accept_fingerprint } => {
            test(engine, email, accept_fingerprint.as_deref(), json).await
        }
    }
}

async fn add_account(engine: &EngineHandle, add: &AddAccount) -> Result<(), EngineError> {
    let mut settings = settings_from_args(add)?;
    let password = if add.oauth {
        settings.oauth = Some(oauth_settings(engine, add, &settings)?);
        sign_in(engine, add, &settings).await?;
        PasswordSource::SignedIn
    } else if let Some(command) = &add.password_command {
        PasswordSource::Command(command.clone())
    } else if add.password_stdin {
        PasswordSource::Keyring(read_password_from_stdin()?)
    } else {
        return Err(EngineError::config(crate::fl!("cli-password-source-missing")));
    };
    engine.add_account(settings.clone(), password).await?;
    eprintln!(
        "{}",
        crate::fl!(
            "cli-account-added",
            email = settings.email.as_str(),
            protocol = settings.protocol.to_string(),
            incoming = settings.incoming.to_string(),
            smtp = settings.smtp.to_string()
        )
    );
    if settings.protocol == Protocol::Pop3 {
        for line in pop3_policy(&settings) {
            eprintln!("{line}");
        }
    }
    Ok(())
}

/// The provider's endpoints and this build's client id, or the ones given on the command line.
fn oauth_settings(
    engine: &EngineHandle,
    add: &AddAccount,
    settings: &AccountSettings,
) -> Result<OAuthSettings, EngineError> {
    if let (Some(authorize_url), Some(token_url), Some(client_id)) =
        (&add.oauth_authorize_url, &add.oauth_token_url, &add.oauth_client_id)
    {
        return Ok(OAuthSettings {
            provider: "custom".into(),
            authorize_url: authorize_url.clone(),
            token_url: token_url.clone(),
            client_id: client_id.clone(),
            client_secret: None,
            scopes: add.oauth_scope.clone(),
            mechanism: match add.oauth_mechanism.as_deref() {
                Some("oauthbearer") => OAuthMechanism::Oauthbearer,
                _ => OAuthMechanism::Xoauth2,
            },
            authorize_params: Default::default(),
        });
    }
    let provider = settings
        .preset
        .as_deref()
        .and_then(find_preset)
        .ok_or_else(|| EngineError::config(crate::fl!("cli-oauth-no-provider", email = settings.email.as_str())))?;
    engine.sign_in_settings(provider)
}

/// Prints the address to open, waits for the browser, keeps the refresh token in the keyring.
async fn sign_in(engine: &EngineHandle, add: &AddAccount, settings: &AccountSettings) -> Result<(), EngineError> {
    let pending = engine.begin_sign_in(settings).await?;
    eprintln!("{}", crate::fl!("cli-oauth-open"));
    // The address alone on stdout, for scripts; the sentence around it on stderr.
    println!("{}", pending.url());
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let wait = add.oauth_wait.map(std::time::Duration::from_secs).unwrap_or(SIGN_IN_WAIT);
    engine.finish_sign_in(pending, wait).await
}

fn read_password_from_stdin() -> Result<Password, EngineError> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|err| EngineError::config(crate::fl!("cli-password-stdin-unreadable", err = err.to_string())))?;
    let password = text.lines().next().unwrap_or("").to_string();
    if password.is_empty() {
        return Err(EngineError::config(crate::fl!("cli-password-stdin-empty")));
    }
    Ok(Password::new(password))
}

/// Builds the settings from a preset or from explicit servers.
pub fn settings_from_args(add: &AddAccount) -> Result<AccountSettings, EngineError> {
    let email = add.email.trim().to_string();
    let pop3 = Pop3Options {
        leave_on_server: add.pop3_leave_on_server || add.pop3_delete_after_days.is_some(),
        delete_after_days: add.pop3_delete_after_days,
        delete_when_deleted_locally: add.pop3_delete_when_deleted_locally,
    };
    // `--oauth` alone: the servers from the preset the address belongs to.
    let from_address = (add.oauth && add.incoming.is_none()).then(|| preset_for_address(&email).map(|p| p.id.clone()));
    let (protocol, incoming, smtp, login, preset) = match add.preset.clone().or(from_address.flatten()).as_ref() {
        Some(id) => {
            let provider =
                find_preset(id).ok_or_else(|| EngineError::config(crate::fl!("cli-no-preset", id = id.to_string())))?;
            let protocol = match add.protocol.as_deref() {
                Some("pop3") => Protocol::Pop3,
                _ => Protocol::Imap,
            };
            let incoming = provider.incoming(protocol).first().cloned().ok_or_else(|| {
                EngineError::config(crate::fl!(
                    "cli-preset-no-protocol",
                    provider = provider.display_name(),
                    protocol = protocol.to_string()
                ))
            })?;
            let smtp = provider.smtp.first().cloned().ok_or_else(|| {
                EngineError::config(crate::fl!("cli-preset-no-smtp", provider = provider.display_name()))
            })?;
            let login = provider.login_for(Some(protocol), &email);
            (protocol, incoming, smtp, login, Some(provider.id.clone()))
        }
        None => {
            let missing = |what: &str| EngineError::config(crate::fl!("cli-give-preset-or", what = what.to_string()));
            let protocol = match add.protocol.as_deref().ok_or_else(|| missing("protocol"))? {
                "pop3" => Protocol::Pop3,
                _ => Protocol::Imap,
            };
            let incoming = endpoint(
                add.incoming.as_deref().ok_or_else(|| missing("incoming"))?,
                add.incoming_security.as_deref().ok_or_else(|| missing("incoming-security"))?,
            )?;
            let smtp = endpoint(
                add.smtp.as_deref().ok_or_else(|| missing("smtp"))?,
                add.smtp_security.as_deref().ok_or_else(|| missing("smtp-security"))?,
            )?;
            let preset = preset_for_address(&email).map(|p| p.id.clone());
            (protocol, incoming, smtp, LoginFormat::FullAddress.login_for(&email), preset)
        }
    };
    Ok(AccountSettings {
        email,
        name: add.name.clone().unwrap_or_default(),
        protocol,
        incoming,
        smtp,
        login: add.login.clone().unwrap_or(login),
        preset,
        password_command: add.password_command.clone(),
        oauth: None,
        ca_file: add.ca_file.as_ref().map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())),
        pop3,
        sync: crate::model::SyncPolicy {
            bodies: true,
            body_days: add.body_days,
            attachments_on_demand: add.attachments_on_demand,
        },
        signature: add.signature.clone().filter(|s| !s.trim().is_empty()),
        identities: Vec::new(),
        special_folders: Default::default(),
        junk_filter: true,
        rules: Vec::new(),
    })
}

fn endpoint(host_port: &str, security: &str) -> Result<ServerEndpoint, EngineError> {
    let (host, port) = host_port
        .rsplit_once(':')
        .and_then(|(host, port)| Some((host.trim_matches(['[', ']']), port.parse::<u16>().ok()?)))
        .filter(|(host, port)| !host.is_empty() && *port > 0)
        .ok_or_else(|| EngineError::config(crate::fl!("cli-not-host-port", host_port = host_port.to_string())))?;
    let security = Security::parse(security)
        .ok_or_else(|| EngineError::config(crate::fl!("cli-not-security", security = security.to_string())))?;
    Ok(ServerEndpoint { host: host.to_string(), port, security })
}

fn list(engine: &EngineHandle, json: bool) -> Result<(), EngineError> {
    let accounts: Vec<AccountSettings> = engine.accounts()?.into_iter().map(|(_, settings)| settings).collect();
    if json {
        let rows: Vec<_> = accounts
            .iter()
            .map(|a| {
                serde_json::json!({
                    "email": a.email, "name": a.name, "protocol": a.protocol.as_str(),
                    "incoming": format!("{}:{}", a.incoming.host, a.incoming.port),
                    "incoming_security": a.incoming.security.as_str(),
                    "smtp": format!("{}:{}", a.smtp.host, a.smtp.port),
                    "smtp_security": a.smtp.security.as_str(), "login": a.login, "preset": a.preset,
                    "pop3": (a.protocol == Protocol::Pop3).then(|| serde_json::json!({
                        "leave_on_server": a.pop3.leave_on_server,
                        "delete_after_days": a.pop3.delete_after_days,
                        "delete_when_deleted_locally": a.pop3.delete_when_deleted_locally,
                    })),
                    "rules": a.rules.len(),
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(rows));
        return Ok(());
    }
    if accounts.is_empty() {
        eprintln!("{}", crate::fl!("cli-no-accounts-yet"));
    }
    for a in accounts {
        println!("{}\t{}\t{}\tSMTP {}", a.email, a.protocol, a.incoming, a.smtp);
        if a.protocol == Protocol::Pop3 {
            for line in pop3_policy(&a) {
                println!("  {line}");
            }
        }
    }
    Ok(())
}

/// The account's POP3 policy in words, and what DELE really does at its provider (the presets
/// know: Yandex keeps a copy whatever the client does, Outlook deletes the only one).
fn pop3_policy(account: &AccountSettings) -> Vec<String> {
    let pop3 = &account.pop3;
    let mut policy = if pop3.leave_on_server {
        match pop3.delete_after_days {
            Some(days) => crate::fl!("cli-pop3-keeps-copy-days", days = days),
            None => crate::fl!("cli-pop3-keeps-copy"),
        }
    } else {
        crate::fl!("cli-pop3-deletes")
    };
    if pop3.delete_when_deleted_locally {
        policy.push_str(&crate::fl!("cli-pop3-delete-here-deletes-there"));
    }
    let mut lines = vec![policy];
    let provider = account.preset.as_deref().and_then(find_preset);
    if let Some(provider) = provider {
        let what = match provider.pop3_dele {
            Some(Pop3Dele::Deletes) => Some(crate::fl!("cli-pop3-dele-deletes")),
            Some(Pop3Dele::KeepsCopy) => Some(crate::fl!("cli-pop3-dele-keeps-copy")),
            Some(Pop3Dele::PerWebSettings) => Some(crate::fl!("cli-pop3-dele-per-web-settings")),
            None => None,
        };
        if let Some(what) = what {
            lines.push(crate::fl!("cli-pop3-at-provider", provider = provider.display_name(), what = what));
        }
        if let Some(note) = &provider.pop3_dele_note {
            lines.push(note.text(&crate::i18n::current_language()).to_string());
        }
    }
    lines
}

async fn test(engine: &EngineHandle, email: &str, accept: Option<&str>, json: bool) -> Result<(), EngineError> {
    let account = super::account_named(engine, email)?;
    let mut report = engine.check_account(account).await?;
    if let Some(text) = accept {
        let wanted = normalize_fingerprint(text)
            .ok_or_else(|| EngineError::config(crate::fl!("cli-not-fingerprint", text = text.to_string())))?;
        let mut accepted = false;
        for step in &report.steps {
            if let Some(cert) = step.certificate.as_ref().filter(|c| c.sha256 == wanted) {
                engine.accept_certificate(&step.endpoint, cert)?;
                eprintln!(
                    "{}",
                    crate::fl!(
                        "cli-certificate-accepted",
                        endpoint = step.endpoint.to_string(),
                        fingerprint = cert.fingerprint()
                    )
                );
                accepted = true;
            }
        }
        if !accepted {
            return Err(EngineError::config(crate::fl!("cli-fingerprint-not-presented")));
        }
        report = engine.check_account(account).await?;
    }
    print_report(&report, json);
    match report.first_problem() {
        None => Ok(()),
        Some(problem) => Err(EngineError::new(crate::engine::api::ErrorKind::Config, problem.to_string(), false)),
    }
}

fn print_report(report: &CheckReport, json: bool) {
    if json {
        let steps: Vec<_> = report
            .steps
            .iter()
            .map(|s| {
                serde_json::json!({
                    "server": s.server.to_string(), "endpoint": s.endpoint.to_string(), "stage": s.stage.to_string(),
                    "ok": s.outcome.is_ok(),
                    "detail": match &s.outcome { Ok(text) => text.clone(), Err(problem) => problem.to_string() },
                    "problem": s.outcome.as_ref().err().map(|p| format!("{:?}", p.kind)),
                    "certificate_sha256": s.certificate.as_ref().map(|c| c.sha256.clone()),
                })
            })
            .collect();
        println!("{}", serde_json::json!({ "passed": report.passed(), "steps": steps }));
        return;
    }
    let mut last_server = None;
    for step in &report.steps {
        if last_server.as_ref() != Some(&step.server) {
            let server = capitalised(&step.server.to_string());
            println!("{}", crate::fl!("cli-test-server", server = server, endpoint = step.endpoint.to_string()));
            last_server = Some(step.server.clone());
        }
        match &step.outcome {
            Ok(text) => println!("  {}: {text}", crate::fl!("cli-test-ok", stage = step.stage.to_string())),
            Err(problem) => println!("  {}: {problem}", crate::fl!("cli-test-fail", stage = step.stage.to_string())),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

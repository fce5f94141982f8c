//! The incoming half of the account check: IMAP (RFC 3501) or POP3 (RFC 1939).

use super::{CheckInput, CheckStep, ServerRole, Stage, StepLog, connected_text, explain};
use crate::engine::protocol::{imap, pop3};
use crate::model::Protocol;
use futures::TryStreamExt;

pub async fn check_imap(input: &CheckInput<'_>) -> Vec<CheckStep> {
    let account = input.account;
    let endpoint = account.incoming.clone();
    let mut steps = StepLog::new(ServerRole::Incoming(Protocol::Imap), endpoint.clone());
    let client = match imap::connect(&endpoint, &input.incoming_trust).await {
        Ok(client) => client,
        Err(failure) => return steps.fail(Stage::Connect, explain::imap(&failure, account, Stage::Connect)),
    };
    steps.certificate = client.get_ref().peer_certificate_info();
    steps.pass(Stage::Connect, connected_text(&endpoint, steps.certificate.as_ref()));
    let mut session = match imap::sign_in(client, account, input.password.expose()).await {
        Ok((session, mechanism)) => {
            steps.pass(Stage::Login, super::logged_in_text(&account.login, mechanism));
            session
        }
        Err(failure) => return steps.fail(Stage::Login, explain::imap(&failure, account, Stage::Login)),
    };
    match session.capabilities().await {
        Ok(caps) => {
            let mut names: Vec<String> = caps.iter().map(|c| format!("{c:?}")).map(capability_name).collect();
            names.sort();
            steps.pass(Stage::Capabilities, names.join(" "));
        }
        Err(err) => {
            let failure = imap::ImapFailure::Protocol(err.to_string());
            return steps.fail(Stage::Capabilities, explain::imap(&failure, account, Stage::Capabilities));
        }
    }
    let folders: Result<Vec<_>, _> = match session.list(Some(""), Some("*")).await {
        Ok(stream) => stream.try_collect().await,
        Err(err) => Err(err),
    };
    match folders {
        // A server always has INBOX (RFC 3501 5.1): none at all means the reply was not understood.
        Ok(folders) if folders.is_empty() => {
            let failure = imap::ImapFailure::Protocol("the folder list came back empty".into());
            return steps.fail(Stage::Mailbox, explain::imap(&failure, account, Stage::Mailbox));
        }
        Ok(folders) => steps.pass(Stage::Mailbox, crate::fl!("wizard-folder-count", count = folders.len())),
        Err(err) => {
            let failure = imap::ImapFailure::Protocol(err.to_string());
            return steps.fail(Stage::Mailbox, explain::imap(&failure, account, Stage::Mailbox));
        }
    }
    let _ = session.logout().await;
    steps.done()
}

/// `Imap4rev1` -> `IMAP4rev1`, `Atom("IDLE")` -> `IDLE`, `Auth("PLAIN")` -> `AUTH=PLAIN`.
fn capability_name(debug: String) -> String {
    if debug == "Imap4rev1" {
        return "IMAP4rev1".into();
    }
    let inner = |prefix: &str| debug.strip_prefix(prefix).and_then(|rest| rest.strip_suffix("\")")).map(str::to_string);
    if let Some(atom) = inner("Atom(\"") {
        return atom;
    }
    if let Some(mechanism) = inner("Auth(\"") {
        return format!("AUTH={mechanism}");
    }
    debug
}

pub async fn check_pop3(input: &CheckInput<'_>) -> Vec<CheckStep> {
    let account = input.account;
    let endpoint = account.incoming.clone();
    let mut steps = StepLog::new(ServerRole::Incoming(Protocol::Pop3), endpoint.clone());
    let (mut client, capabilities) = match pop3::open(&endpoint, &input.incoming_trust).await {
        Ok(opened) => opened,
        Err(failure) => return steps.fail(Stage::Connect, explain::pop3_open(&failure, account)),
    };
    steps.certificate = client.get_ref().peer_certificate_info();
    steps.pass(Stage::Connect, connected_text(&endpoint, steps.certificate.as_ref()));
    match pop3::sign_in(&mut client, &capabilities, account, input.password.expose()).await {
        Ok(mechanism) => steps.pass(Stage::Login, super::logged_in_text(&account.login, mechanism)),
        Err(err) => return steps.fail(Stage::Login, explain::pop3(&err, account, Stage::Login)),
    }
    steps.pass(Stage::Capabilities, capabilities.summary());
    match client.stat().await {
        Ok((count, octets)) => {
            steps.pass(Stage::Mailbox, crate::fl!("wizard-maildrop", count = count, size = crate::i18n::size(octets)))
        }
        Err(err) => return steps.fail(Stage::Mailbox, explain::pop3(&err, account, Stage::Mailbox)),
    }
    // QUIT after STAT changes nothing on the server (RFC 1939 6: no DELE was given).
    let _ = client.quit().await;
    steps.done()
}

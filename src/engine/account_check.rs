//! The account check behind `pochta account test` and the wizard's "Test" step: connect to each
//! server exactly as configured, show what was trusted, log in, list what the server offers, and
//! on failure say in one sentence what is wrong and what to do (provider-aware, from the presets).

mod explain;
mod incoming;

pub use explain::{
    Problem, ProblemKind, imap as explain_imap, pop3 as explain_pop3, pop3_open as explain_pop3_open,
    smtp as explain_smtp,
};

use super::protocol::smtp;
use super::protocol::tls::{CertificateInfo, Trust};
use super::secrets::Password;
use crate::model::{AccountSettings, Protocol, ServerEndpoint};
use std::fmt;

/// Which server a step talked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerRole {
    Incoming(Protocol),
    Outgoing,
}

impl fmt::Display for ServerRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServerRole::Incoming(protocol) => {
                f.write_str(&crate::fl!("wizard-server-incoming", protocol = protocol.to_string()))
            }
            ServerRole::Outgoing => f.write_str(&crate::fl!("wizard-server-outgoing")),
        }
    }
}

/// What a step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// TCP, and TLS (implicit or STARTTLS).
    Connect,
    Login,
    Capabilities,
    /// IMAP folders, or the POP3 maildrop.
    Mailbox,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Stage::Connect => crate::fl!("wizard-stage-connect"),
            Stage::Login => crate::fl!("wizard-stage-login"),
            Stage::Capabilities => crate::fl!("wizard-stage-capabilities"),
            Stage::Mailbox => crate::fl!("wizard-stage-mailbox"),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckStep {
    pub server: ServerRole,
    pub endpoint: ServerEndpoint,
    pub stage: Stage,
    pub outcome: Result<String, Problem>,
    /// The certificate the connection used (shown on success, and on trust failures).
    pub certificate: Option<CertificateInfo>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub steps: Vec<CheckStep>,
}

impl CheckReport {
    pub fn passed(&self) -> bool {
        self.steps.iter().all(|step| step.outcome.is_ok())
    }

    pub fn first_problem(&self) -> Option<&Problem> {
        self.steps.iter().find_map(|step| step.outcome.as_ref().err())
    }
}

/// What the check needs besides the settings: the password and what to trust per server.
pub struct CheckInput<'a> {
    pub account: &'a AccountSettings,
    pub password: &'a Password,
    pub incoming_trust: Trust,
    pub smtp_trust: Trust,
}

/// Checks the incoming server, then the outgoing one (the second even if the first failed:
/// the user fixes both at once).
pub async fn check_account(input: CheckInput<'_>) -> CheckReport {
    let mut report = CheckReport::default();
    let incoming = match input.account.protocol {
        Protocol::Imap => incoming::check_imap(&input).await,
        Protocol::Pop3 => incoming::check_pop3(&input).await,
        Protocol::Local => Vec::new(),
    };
    report.steps.extend(incoming);
    report.steps.extend(check_smtp(&input).await);
    report
}

async fn check_smtp(input: &CheckInput<'_>) -> Vec<CheckStep> {
    let account = input.account;
    let endpoint = account.smtp.clone();
    let mut steps = StepLog::new(ServerRole::Outgoing, endpoint.clone());
    let (mut conn, certificate) = match smtp::connect(&endpoint, &input.smtp_trust).await {
        Ok(connected) => connected,
        Err(failure) => return steps.fail(Stage::Connect, explain::smtp(&failure, account, Stage::Connect)),
    };
    steps.certificate = certificate;
    steps.pass(Stage::Connect, connected_text(&endpoint, steps.certificate.as_ref()));
    match smtp::sign_in(&mut conn, account, input.password.expose()).await {
        Ok(mechanism) => steps.pass(Stage::Login, logged_in_text(&account.login, mechanism)),
        Err(failure) => return steps.fail(Stage::Login, explain::smtp(&failure, account, Stage::Login)),
    }
    steps.pass(Stage::Capabilities, conn.server_info().to_string());
    let _ = tokio::time::timeout(crate::engine::protocol::deadline::command(), conn.quit()).await;
    steps.done()
}

/// "Logged in as ...", naming the token mechanism for an account that signs in with its provider.
fn logged_in_text(login: &str, mechanism: Option<crate::model::OAuthMechanism>) -> String {
    match mechanism {
        Some(mechanism) => crate::fl!("wizard-logged-in-oauth", login = login, mechanism = mechanism.sasl_name()),
        None => crate::fl!("wizard-logged-in", login = login),
    }
}

fn connected_text(endpoint: &ServerEndpoint, certificate: Option<&CertificateInfo>) -> String {
    match certificate {
        Some(cert) => crate::fl!(
            "wizard-connected",
            endpoint = endpoint.to_string(),
            subject = cert.subject.as_str(),
            issuer = cert.issuer.as_str(),
            until = cert.not_after.as_str(),
            fingerprint = cert.fingerprint()
        ),
        None => crate::fl!("wizard-connected-plain", endpoint = endpoint.to_string()),
    }
}

/// Collects the steps of one server's check.
struct StepLog {
    server: ServerRole,
    endpoint: ServerEndpoint,
    certificate: Option<CertificateInfo>,
    steps: Vec<CheckStep>,
}

impl StepLog {
    fn new(server: ServerRole, endpoint: ServerEndpoint) -> Self {
        StepLog { server, endpoint, certificate: None, steps: Vec::new() }
    }

    fn pass(&mut self, stage: Stage, text: String) {
        self.push(stage, Ok(text));
    }

    fn fail(mut self, stage: Stage, problem: Problem) -> Vec<CheckStep> {
        if self.certificate.is_none() {
            self.certificate = problem.certificate.clone();
        }
        self.push(stage, Err(problem));
        self.steps
    }

    fn done(self) -> Vec<CheckStep> {
        self.steps
    }

    fn push(&mut self, stage: Stage, outcome: Result<String, Problem>) {
        self.steps.push(CheckStep {
            server: self.server.clone(),
            endpoint: self.endpoint.clone(),
            stage,
            outcome,
            certificate: self.certificate.clone(),
        });
    }
}

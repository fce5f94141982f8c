//! The account wizard: from a name, an address and a password to a working account. It finds
//! the settings (presets, MX, autoconfig, probing: the engine's discovery), shows where they came
//! from and the provider's guidance, lets the person edit the table and choose IMAP or POP3,
//! tests every step, offers an untrusted certificate for acceptance by its fingerprint, and saves
//! the account (the password to the keyring) only after the test passes.

mod server_form;

use super::theme;
use crate::engine::api::{CertificateInfo, CheckReport, Password, discovery::Discovery};
use crate::fl;
use crate::model::{AccountSettings, Pop3Options, Protocol, ServerEndpoint, SyncPolicy};
use iced::widget::{Column, button, checkbox, column, container, radio, row, scrollable, text, text_input};
use iced::{Element, Length};
use server_form::{Role, ServerForm};

#[derive(Debug, Default)]
pub struct Wizard {
    name: String,
    email: String,
    password: String,
    protocol: Option<Protocol>,
    imap: ServerForm,
    pop3: ServerForm,
    smtp: ServerForm,
    login: String,
    leave_on_server: bool,
    /// With a copy left: delete it on the server after this many days (empty: never).
    delete_after_days: String,
    preset: Option<String>,
    /// Where the settings came from, and the provider's advice.
    found: Option<String>,
    guidance: Vec<String>,
    /// Other outgoing servers the provider documents (Mail.ru: 465, 587, 2525).
    smtp_alternatives: Vec<ServerEndpoint>,
    report: Option<CheckReport>,
    /// An untrusted certificate from the last test, offered for acceptance.
    certificate: Option<(ServerEndpoint, CertificateInfo)>,
    busy: Option<String>,
    problem: Option<String>,
    /// Editing a saved account: the address stays, an empty password keeps the stored one.
    editing: bool,
    /// The saved account's extra CA, kept while editing.
    ca_file: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Name(String),
    Email(String),
    Password(String),
    FindSettings,
    Protocol(Protocol),
    Imap(server_form::Message),
    Pop3(server_form::Message),
    Smtp(server_form::Message),
    UseSmtp(ServerEndpoint),
    Login(String),
    LeaveOnServer(bool),
    DeleteAfterDays(String),
    Test,
    AcceptCertificate,
    Cancel,
}

/// What the window must do (network work runs as tasks there).
#[derive(Debug, Clone)]
pub enum Event {
    Discover(String),
    Test(Box<AccountSettings>, Password),
    /// Testing changed settings of a saved account (`None`: the stored password).
    TestChanged(Box<AccountSettings>, Option<Password>),
    Accept(ServerEndpoint, Box<CertificateInfo>),
    Save(Box<AccountSettings>, Password),
    Update(Box<AccountSettings>, Option<Password>),
    Cancelled,
}

impl Wizard {
    /// The wizard on a saved account, to change its servers, login or POP3 options.
    pub fn edit(account: &AccountSettings) -> Wizard {
        let mut wizard = Wizard {
            name: account.name.clone(),
            email: account.email.clone(),
            protocol: Some(account.protocol),
            smtp: ServerForm::from_endpoint(Some(&account.smtp)),
            login: account.login.clone(),
            leave_on_server: account.pop3.leave_on_server,
            delete_after_days: account.pop3.delete_after_days.map(|d| d.to_string()).unwrap_or_default(),
            preset: account.preset.clone(),
            found: Some(fl!("wizard-editing", email = account.email.as_str())),
            editing: true,
            ca_file: account.ca_file.clone(),
            ..Wizard::default()
        };
        match account.protocol {
            Protocol::Pop3 => wizard.pop3 = ServerForm::from_endpoint(Some(&account.incoming)),
            _ => wizard.imap = ServerForm::from_endpoint(Some(&account.incoming)),
        }
        wizard
    }

    fn password(&self) -> Option<Password> {
        (!self.password.is_empty()).then(|| Password::new(self.password.clone()))
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        self.problem = None;
        match message {
            Message::Name(name) => self.name = name,
            // The address names the account: it stays while editing (add a new account instead).
            Message::Email(_) if self.editing => {}
            Message::Email(email) => self.email = email.trim().to_string(),
            Message::Password(password) => self.password = password,
            Message::FindSettings => {
                if !self.email.contains('@') {
                    self.problem = Some(fl!("wizard-enter-address"));
                    return None;
                }
                self.busy = Some(fl!("wizard-looking"));
                return Some(Event::Discover(self.email.clone()));
            }
            Message::Protocol(protocol) => self.protocol = Some(protocol),
            Message::Imap(message) => self.imap.update(Role::Imap, message),
            Message::Pop3(message) => self.pop3.update(Role::Pop3, message),
            Message::Smtp(message) => self.smtp.update(Role::Smtp, message),
            Message::UseSmtp(endpoint) => self.smtp = ServerForm::from_endpoint(Some(&endpoint)),
            Message::Login(login) => self.login = login,
            Message::LeaveOnServer(on) => self.leave_on_server = on,
            Message::DeleteAfterDays(days) => {
                self.delete_after_days = days.chars().filter(char::is_ascii_digit).take(4).collect()
            }
            Message::Test => match self.settings() {
                Ok(settings) => {
                    self.busy = Some(fl!("wizard-testing"));
                    self.report = None;
                    if self.editing {
                        return Some(Event::TestChanged(Box::new(settings), self.password()));
                    }
                    return Some(Event::Test(Box::new(settings), Password::new(self.password.clone())));
                }
                Err(problem) => self.problem = Some(problem),
            },
            Message::AcceptCertificate => {
                let (endpoint, certificate) = self.certificate.take()?;
                return Some(Event::Accept(endpoint, Box::new(certificate)));
            }
            Message::Cancel => return Some(Event::Cancelled),
        }
        None
    }

    /// The discovery's answer: the table filled in, the source and the guidance shown.
    pub fn discovered(&mut self, result: Result<Discovery, String>) {
        self.busy = None;
        let discovery = match result {
            Ok(discovery) => discovery,
            Err(err) => {
                self.problem = Some(fl!("wizard-lookup-failed", detail = err.as_str()));
                self.protocol = Some(Protocol::Imap);
                return;
            }
        };
        self.found = Some(fl!("wizard-found", source = discovery.source.to_string()));
        self.imap = ServerForm::from_endpoint(discovery.imap.first());
        self.pop3 = ServerForm::from_endpoint(discovery.pop3.first());
        self.smtp = ServerForm::from_endpoint(discovery.smtp.first());
        self.login = discovery.login.clone();
        // IMAP unless the provider offers only POP3.
        self.protocol =
            Some(if discovery.imap.is_empty() && !discovery.pop3.is_empty() { Protocol::Pop3 } else { Protocol::Imap });
        self.preset = discovery.provider.map(|p| p.id.clone());
        self.guidance = discovery.notes.clone();
        if let Some(provider) = discovery.provider {
            let advice = provider.guidance(&self.email);
            self.guidance.extend(advice.oauth2_only.clone());
            if let Some(access) = advice.enable_access {
                self.guidance.push(with_link(access, advice.enable_access_url));
            }
            if advice.needs_app_password
                && let Some(app) = advice.app_password
            {
                self.guidance.push(with_link(app, advice.app_password_url));
            }
            self.guidance.push(fl!("wizard-login-hint", login = advice.login.as_str()));
        }
        self.smtp_alternatives = discovery.smtp.iter().skip(1).cloned().collect();
    }

    /// The test's answer: passed means the account is saved next.
    pub fn tested(&mut self, result: Result<CheckReport, String>) -> Option<Event> {
        self.busy = None;
        match result {
            Ok(report) if report.passed() => {
                self.report = Some(report);
                let settings = self.settings().ok()?;
                self.busy = Some(fl!("wizard-saving"));
                if self.editing {
                    return Some(Event::Update(Box::new(settings), self.password()));
                }
                Some(Event::Save(Box::new(settings), Password::new(self.password.clone())))
            }
            Ok(report) => {
                self.certificate = report.steps.iter().find_map(|step| {
                    let problem = step.outcome.as_ref().err()?;
                    Some((step.endpoint.clone(), problem.certificate.clone()?))
                });
                self.report = Some(report);
                None
            }
            Err(err) => {
                self.problem = Some(err);
                None
            }
        }
    }

    /// The account could not be saved (the form stays filled).
    pub fn failed(&mut self, problem: String) {
        self.busy = None;
        self.problem = Some(problem);
    }

    fn settings(&self) -> Result<AccountSettings, String> {
        if !self.email.contains('@') {
            return Err(fl!("wizard-enter-address"));
        }
        if self.password.is_empty() && !self.editing {
            return Err(fl!("wizard-enter-password"));
        }
        let protocol = self.protocol.unwrap_or(Protocol::Imap);
        let incoming = match protocol {
            Protocol::Pop3 => self.pop3.endpoint(Role::Pop3)?,
            _ => self.imap.endpoint(Role::Imap)?,
        };
        let login = if self.login.trim().is_empty() { self.email.clone() } else { self.login.trim().to_string() };
        Ok(AccountSettings {
            email: self.email.clone(),
            name: self.name.trim().to_string(),
            protocol,
            incoming,
            smtp: self.smtp.endpoint(Role::Smtp)?,
            login,
            preset: self.preset.clone(),
            password_command: None,
            ca_file: self.ca_file.clone(),
            pop3: Pop3Options {
                leave_on_server: self.leave_on_server,
                delete_after_days: self.delete_after_days.parse().ok().filter(|_| self.leave_on_server),
                ..Pop3Options::default()
            },
            sync: SyncPolicy::default(),
            signature: None,
            identities: Vec::new(),
            rules: Vec::new(),
        })
    }

    pub fn view(&self) -> Element<'_, Message> {
        let title = if self.editing { fl!("wizard-title-edit") } else { fl!("wizard-title-add") };
        let mut page = column![text(title).size(theme::TITLE_SIZE)].spacing(theme::SPACING);
        // What needs the person's decision comes first, where it is seen without scrolling.
        if let Some(problem) = &self.problem {
            page = page.push(container(text(problem.clone())).padding(theme::PADDING).style(theme::notice));
        }
        if let Some((endpoint, certificate)) = &self.certificate {
            page = page.push(certificate_view(endpoint, certificate));
        }
        if let Some(busy) = &self.busy {
            page = page.push(text(busy.clone()));
        }
        page = page
            .push(labelled(
                fl!("wizard-your-name"),
                text_input(&fl!("wizard-name-placeholder"), &self.name)
                    .id("wizard-name")
                    .on_input(Message::Name)
                    .into(),
            ))
            .push(labelled(
                fl!("wizard-email"),
                text_input(&fl!("wizard-email-placeholder"), &self.email)
                    .id("wizard-email")
                    .on_input(Message::Email)
                    .on_submit(Message::FindSettings)
                    .into(),
            ))
            .push(labelled(
                fl!("wizard-password"),
                text_input("", &self.password).id("wizard-password").secure(true).on_input(Message::Password).into(),
            ));
        if self.protocol.is_none() {
            page = page.push(
                row![
                    button(text(fl!("wizard-find-settings"))).on_press(Message::FindSettings),
                    button(text(fl!("wizard-cancel"))).on_press(Message::Cancel)
                ]
                .spacing(theme::SPACING),
            );
        } else {
            page = page.push(self.settings_view());
        }
        if let Some(report) = &self.report {
            page = page.push(report_view(report));
        }
        scrollable(container(page).padding(theme::PADDING).width(Length::Fill)).into()
    }

    fn settings_view(&self) -> Element<'_, Message> {
        let protocol = self.protocol.unwrap_or(Protocol::Imap);
        let mut table = column![
            self.found.as_ref().map_or_else(|| text(""), |found| text(found.clone()).style(theme::muted)),
            radio(fl!("wizard-imap-choice"), Protocol::Imap, Some(protocol), Message::Protocol),
            radio(fl!("wizard-pop3-choice"), Protocol::Pop3, Some(protocol), Message::Protocol),
        ]
        .spacing(theme::SPACING);
        table = match protocol {
            Protocol::Pop3 => {
                let mut pop3 = table.push(self.pop3.view(Role::Pop3).map(Message::Pop3)).push(
                    checkbox(self.leave_on_server).label(fl!("wizard-leave-copy")).on_toggle(Message::LeaveOnServer),
                );
                if self.leave_on_server {
                    pop3 = pop3.push(labelled(
                        fl!("wizard-delete-after"),
                        text_input(&fl!("wizard-delete-after-placeholder"), &self.delete_after_days)
                            .on_input(Message::DeleteAfterDays)
                            .width(Length::Fixed(220.0))
                            .into(),
                    ));
                }
                pop3
            }
            _ => table.push(self.imap.view(Role::Imap).map(Message::Imap)),
        };
        table = table.push(self.smtp.view(Role::Smtp).map(Message::Smtp));
        for alternative in &self.smtp_alternatives {
            table = table.push(
                button(text(fl!("wizard-use-smtp", server = alternative.to_string())).size(theme::SMALL_SIZE))
                    .on_press(Message::UseSmtp(alternative.clone())),
            );
        }
        table = table.push(labelled(
            fl!("wizard-login"),
            text_input("", &self.login).id("wizard-login").on_input(Message::Login).into(),
        ));
        let guidance = self
            .guidance
            .iter()
            .fold(Column::new().spacing(4), |list, line| list.push(text(line.clone()).size(theme::SMALL_SIZE)));
        table
            .push(guidance)
            .push(
                row![
                    button(text(fl!("wizard-test-and-save"))).on_press(Message::Test),
                    button(text(fl!("wizard-cancel"))).on_press(Message::Cancel)
                ]
                .spacing(theme::SPACING),
            )
            .into()
    }
}

fn labelled<'a>(label: String, field: Element<'a, Message>) -> Element<'a, Message> {
    row![text(label).width(Length::Fixed(90.0)), field].spacing(theme::SPACING).align_y(iced::Alignment::Center).into()
}

fn with_link(text: &str, url: Option<&str>) -> String {
    match url {
        Some(url) if !text.contains(url) => format!("{text} ({url})"),
        _ => text.to_string(),
    }
}

/// Each step of the test with its result, in words.
fn report_view(report: &CheckReport) -> Element<'_, Message> {
    report
        .steps
        .iter()
        .fold(Column::new().spacing(2), |list, step| {
            let line = match &step.outcome {
                Ok(detail) => fl!(
                    "wizard-step-ok",
                    endpoint = step.endpoint.to_string(),
                    stage = step.stage.to_string(),
                    detail = detail.as_str()
                ),
                Err(problem) => fl!(
                    "wizard-step-failed",
                    endpoint = step.endpoint.to_string(),
                    stage = step.stage.to_string(),
                    problem = problem.to_string()
                ),
            };
            list.push(text(line).size(theme::SMALL_SIZE))
        })
        .into()
}

/// An untrusted certificate: everything a person needs to decide, and the button to trust it.
fn certificate_view<'a>(endpoint: &ServerEndpoint, c: &'a CertificateInfo) -> Element<'a, Message> {
    let mut details = column![
        text(fl!("wizard-certificate-untrusted", host = endpoint.host.as_str())),
        text(fl!("wizard-certificate-subject", subject = c.subject.as_str())).size(theme::SMALL_SIZE),
        text(fl!("wizard-certificate-issuer", issuer = c.issuer.as_str())).size(theme::SMALL_SIZE),
        text(fl!("wizard-certificate-validity", from = c.not_before.as_str(), until = c.not_after.as_str()))
            .size(theme::SMALL_SIZE),
        text(format!("SHA-256: {}", crate::engine::api::format_fingerprint(&c.sha256))).size(theme::SMALL_SIZE),
    ]
    .spacing(2);
    if c.expired || c.not_yet_valid {
        details = details.push(text(fl!("wizard-certificate-dates")));
    }
    details
        .push(text(fl!("wizard-certificate-compare")).size(theme::SMALL_SIZE))
        .push(button(text(fl!("wizard-certificate-trust"))).on_press(Message::AcceptCertificate))
        .into()
}

//! The account wizard: from a name, an address and a password to a working account. It finds
//! the settings (presets, MX, autoconfig, probing: the engine's discovery), shows where they came
//! from and the provider's guidance, lets the person edit the table and choose IMAP or POP3,
//! tests every step, offers an untrusted certificate for acceptance by its fingerprint, and saves
//! the account (the password to the keyring) only after the test passes.
//!
//! Notices appear where the person is looking (see [`Place`]): a problem with the address under
//! it, the test's outcome next to "Test and save", saying plainly when nothing was saved.
//!
//! It follows the person: a new address forgets the settings found for the old one and looks
//! again (after a pause in typing), the login follows the address until it is typed by hand,
//! an earlier attempt's errors go when a new one starts, and a certificate trusted once is not
//! asked about again for the other server presenting it (IMAP and SMTP on one host).

mod advice;
mod server_form;
mod view;

use crate::engine::api::{
    CertificateInfo, CheckReport, Password, ProblemKind, ServerRole, SignIn,
    discovery::{Discovery, Source},
};
use crate::fl;
use crate::model::{AccountId, AccountSettings, OAuthSettings, Pop3Options, Protocol, ServerEndpoint, SyncPolicy};
use advice::Advice;
/// A server row's messages (host, port, security), for driving the wizard in tests.
pub use server_form::Message as ServerMessage;
use server_form::{Role, ServerForm};

/// Settings are looked for again this long after the address last changed.
pub const REDISCOVER_AFTER: std::time::Duration = std::time::Duration::from_millis(700);

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
    /// The login was typed by hand: it no longer follows the address.
    login_edited: bool,
    /// The address the settings in the table were found for.
    looked_up: Option<String>,
    leave_on_server: bool,
    /// With a copy left: delete it on the server after this many days (empty: never).
    delete_after_days: String,
    preset: Option<String>,
    /// Where the settings came from, and the provider's advice.
    found: Option<String>,
    guidance: Vec<Advice>,
    /// What discovery tried that did not work: technical, shown under Details.
    notes: Vec<String>,
    /// The test's and discovery's technical detail is shown.
    details: bool,
    /// Other outgoing servers the provider documents (Mail.ru: 465, 587, 2525).
    smtp_alternatives: Vec<ServerEndpoint>,
    report: Option<CheckReport>,
    /// An untrusted certificate from the last test, offered for acceptance, with every server
    /// that presented it.
    certificate: Option<(Vec<ServerEndpoint>, CertificateInfo)>,
    /// Fingerprints trusted in this wizard (another server presenting one is not asked about),
    /// and the servers trusted so (each at most once, so a pin that does not help cannot loop).
    trusted: Vec<String>,
    trusted_servers: Vec<ServerEndpoint>,
    /// What is being done now, and what went wrong, each shown where it was asked for: by the
    /// address for looking up settings, by "Test and save" for the test and saving.
    busy: Option<(Place, String)>,
    problem: Option<(Place, String)>,
    /// Editing this saved account: the address stays, an empty password keeps the stored one.
    editing: Option<AccountId>,
    /// The saved account's extra CA, kept while editing.
    ca_file: Option<std::path::PathBuf>,
    /// Signing in with the provider (OAuth 2.0): its settings, or why this build cannot; `None`
    /// where the provider offers no such sign-in. It is the first choice when available.
    sign_in: Option<Result<OAuthSettings, String>>,
    /// The provider's name on the "Sign in with ..." button.
    sign_in_name: String,
    /// The person chose the password (app password) path instead.
    use_password: bool,
    /// The address the browser was sent to, shown for copying when no browser opened.
    sign_in_url: Option<String>,
    /// The test was started by Enter in a field at the top (name, password): its outcome is
    /// shown under the password, where the person is looking, not at the foot of a long page.
    outcome_on_top: bool,
}

/// Where a notice is shown: by the field or button that led to it, so it is seen where the
/// person is looking, and in a slot that is always in the page (a notice coming or going must not
/// shift the text fields, whose focus iced keeps by their place in the widget tree).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Under the address: looking up the settings.
    Address,
    /// The test's, signing in's and saving's outcome: above "Test and save" when that was
    /// pressed, under the password when Enter was pressed up there (see `Wizard::outcome_on_top`).
    Outcome,
}

/// A sign-in waiting for the browser, carried from the task that started it to the one that waits.
#[derive(Clone)]
pub struct PendingSignIn(std::sync::Arc<std::sync::Mutex<Option<SignIn>>>);

impl PendingSignIn {
    pub fn new(sign_in: SignIn) -> PendingSignIn {
        PendingSignIn(std::sync::Arc::new(std::sync::Mutex::new(Some(sign_in))))
    }

    /// The sign-in, once (a second take gets nothing).
    pub fn take(&self) -> Option<SignIn> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    fn url(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|s| s.url().to_string())
    }
}

impl std::fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PendingSignIn")
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Name(String),
    Email(String),
    Password(String),
    /// Enter in a field at the top: the form's main action (find the settings, or test and save
    /// with the outcome shown up there).
    Submit,
    /// Enter in a field of the server table: test and save (or sign in), the outcome by the button.
    SubmitBelow,
    FindSettings,
    /// A pause after the address changed: look again if it is still the same.
    FindSettingsFor(String),
    OpenLink(String),
    ToggleDetails,
    Protocol(Protocol),
    Imap(server_form::Message),
    Pop3(server_form::Message),
    Smtp(server_form::Message),
    UseSmtp(ServerEndpoint),
    Login(String),
    LeaveOnServer(bool),
    DeleteAfterDays(String),
    Test,
    /// The "Test and save" button: the test, with its outcome shown next to the button.
    TestPressed,
    /// "Sign in with ...": the browser flow, then the test and saving.
    SignIn,
    /// The listener is up: the address to open (or why not).
    SignInStarted(Result<PendingSignIn, String>),
    /// Use a password (an app password) instead of signing in, or go back to signing in.
    UsePassword(bool),
    /// The incoming server wants TLS before the password: STARTTLS on its port, tested again.
    UseStarttls,
    AcceptCertificate,
    Cancel,
}

/// What the window must do (network work runs as tasks there).
#[derive(Debug, Clone)]
pub enum Event {
    Discover(String),
    /// Send [`Message::FindSettingsFor`] with this address after [`REDISCOVER_AFTER`].
    DiscoverSoon(String),
    OpenLink(String),
    Test(Box<AccountSettings>, Password),
    /// Testing changed settings of a saved account (`None`: the stored password).
    TestChanged(AccountId, Box<AccountSettings>, Option<Password>),
    /// Trust the certificate for these servers, then test again.
    Accept(Vec<ServerEndpoint>, Box<CertificateInfo>),
    Save(Box<AccountSettings>, Password),
    Update(AccountId, Box<AccountSettings>, Option<Password>),
    /// Start signing in with the provider for these settings (a listener, the address).
    BeginSignIn(Box<AccountSettings>),
    /// Open the address in the browser and wait for it; then test these settings.
    AwaitSignIn(Box<AccountSettings>, PendingSignIn),
    Cancelled,
}

impl Wizard {
    /// The wizard on a saved account, to change its servers, login or POP3 options.
    pub fn edit(id: AccountId, account: &AccountSettings) -> Wizard {
        let mut wizard = Wizard {
            name: account.name.clone(),
            email: account.email.clone(),
            protocol: Some(account.protocol),
            smtp: ServerForm::from_endpoint(Some(&account.smtp)),
            login: account.login.clone(),
            login_edited: true,
            looked_up: Some(account.email.clone()),
            leave_on_server: account.pop3.leave_on_server,
            delete_after_days: account.pop3.delete_after_days.map(|d| d.to_string()).unwrap_or_default(),
            preset: account.preset.clone(),
            found: Some(fl!("wizard-editing", email = account.email.as_str())),
            editing: Some(id),
            ca_file: account.ca_file.clone(),
            // An account that signs in with its provider keeps doing so (and can sign in again).
            sign_in: account.oauth.clone().map(Ok),
            sign_in_name: account.oauth.as_ref().map_or_else(String::new, |oauth| {
                crate::engine::api::find_preset(&oauth.provider)
                    .map_or_else(|| oauth.provider.clone(), |p| p.display_name().to_string())
            }),
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
            Message::Email(_) if self.editing.is_some() => {}
            Message::Email(email) => return self.address_changed(email.trim()),
            Message::Password(password) => self.password = password,
            // Enter again while the last one is still at work does not start another.
            Message::Submit if matches!(self.busy, Some((Place::Outcome, _))) => {}
            Message::Submit if self.protocol.is_some() && self.oauth().is_none() => {
                self.outcome_on_top = true;
                return self.update(Message::Test);
            }
            Message::TestPressed => {
                self.outcome_on_top = false;
                return self.update(Message::Test);
            }
            Message::Submit if self.protocol.is_some() => return self.update(Message::SignIn),
            Message::Submit => return self.update(Message::FindSettings),
            Message::SubmitBelow if matches!(self.busy, Some((Place::Outcome, _))) => {}
            Message::SubmitBelow if self.oauth().is_none() => return self.update(Message::TestPressed),
            Message::SubmitBelow => return self.update(Message::SignIn),
            Message::FindSettings => {
                if !self.email.contains('@') {
                    self.problem = Some((Place::Address, fl!("wizard-enter-address")));
                    return None;
                }
                return Some(self.discover());
            }
            Message::FindSettingsFor(email) if email == self.email && self.looked_up.is_none() => {
                return Some(self.discover());
            }
            Message::FindSettingsFor(_) => {}
            Message::OpenLink(url) => return Some(Event::OpenLink(url)),
            Message::ToggleDetails => self.details = !self.details,
            Message::Protocol(protocol) => self.protocol = Some(protocol),
            Message::Imap(server_form::Message::Submit)
            | Message::Pop3(server_form::Message::Submit)
            | Message::Smtp(server_form::Message::Submit) => return self.update(Message::SubmitBelow),
            Message::Imap(message) => self.imap.update(Role::Imap, message),
            Message::Pop3(message) => self.pop3.update(Role::Pop3, message),
            Message::Smtp(message) => self.smtp.update(Role::Smtp, message),
            Message::UseSmtp(endpoint) => self.smtp = ServerForm::from_endpoint(Some(&endpoint)),
            Message::Login(login) => {
                // Emptied, or typed back to the address (or its local part, as some providers
                // want it), it follows the address again.
                let typed = login.trim();
                let local_part = self.email.split('@').next().unwrap_or_default();
                self.login_edited = !typed.is_empty() && typed != self.email.trim() && typed != local_part;
                self.login = login;
            }
            Message::LeaveOnServer(on) => self.leave_on_server = on,
            Message::DeleteAfterDays(days) => {
                self.delete_after_days = days.chars().filter(char::is_ascii_digit).take(4).collect()
            }
            Message::Test => match self.settings() {
                Ok(settings) => {
                    for form in [&mut self.imap, &mut self.pop3, &mut self.smtp] {
                        form.forget_hint();
                    }
                    self.busy = Some((Place::Outcome, fl!("wizard-testing")));
                    self.report = None;
                    self.certificate = None;
                    if let Some(account) = self.editing {
                        return Some(Event::TestChanged(account, Box::new(settings), self.password()));
                    }
                    return Some(Event::Test(Box::new(settings), Password::new(self.password.clone())));
                }
                Err(problem) => self.problem = Some((Place::Outcome, problem)),
            },
            Message::SignIn => match self.settings() {
                Ok(settings) if settings.oauth.is_some() => {
                    self.forget_attempt();
                    self.outcome_on_top = false;
                    self.busy = Some((Place::Outcome, fl!("wizard-sign-in-starting")));
                    return Some(Event::BeginSignIn(Box::new(settings)));
                }
                Ok(_) => {}
                Err(problem) => self.problem = Some((Place::Outcome, problem)),
            },
            Message::SignInStarted(Ok(pending)) => {
                let settings = self.settings().ok()?;
                self.sign_in_url = pending.url();
                self.busy = Some((Place::Outcome, fl!("wizard-sign-in-waiting")));
                return Some(Event::AwaitSignIn(Box::new(settings), pending));
            }
            Message::SignInStarted(Err(problem)) => {
                self.busy = None;
                self.problem = Some((Place::Outcome, problem));
            }
            Message::UsePassword(on) => {
                self.use_password = on;
                self.forget_attempt();
            }
            Message::UseStarttls => {
                let starttls = server_form::Message::Security(crate::model::Security::Starttls);
                match self.protocol.unwrap_or(Protocol::Imap) {
                    Protocol::Pop3 => self.pop3.update(Role::Pop3, starttls),
                    _ => self.imap.update(Role::Imap, starttls),
                }
                return self.update(Message::Test);
            }
            Message::AcceptCertificate => {
                let (endpoints, certificate) = self.certificate.take()?;
                self.trusted.push(certificate.sha256.clone());
                self.trusted_servers.extend(endpoints.iter().cloned());
                return Some(Event::Accept(endpoints, Box::new(certificate)));
            }
            Message::Cancel => return Some(Event::Cancelled),
        }
        None
    }

    /// Starts looking for the settings of the address as it is now; what an earlier attempt
    /// said goes.
    fn discover(&mut self) -> Event {
        self.forget_attempt();
        self.busy = Some((Place::Address, fl!("wizard-looking")));
        Event::Discover(self.email.clone())
    }

    /// Errors, the test's report and an offered certificate belong to the attempt that made them.
    fn forget_attempt(&mut self) {
        self.problem = None;
        self.report = None;
        self.certificate = None;
        self.sign_in_url = None;
    }

    /// The OAuth settings when the account is to sign in with its provider (the first choice
    /// wherever the provider and this build allow it).
    fn oauth(&self) -> Option<&OAuthSettings> {
        match &self.sign_in {
            Some(Ok(settings)) if !self.use_password => Some(settings),
            _ => None,
        }
    }

    /// A new address: the login follows it (unless typed by hand); settings found for another
    /// domain are forgotten and looked for again once typing pauses.
    fn address_changed(&mut self, email: &str) -> Option<Event> {
        if email == self.email {
            return None;
        }
        let old = std::mem::replace(&mut self.email, email.to_string());
        if !self.login_edited {
            self.login = following_login(&self.login, &old, email);
        }
        self.forget_attempt();
        // A lookup under way was for the old address: its answer will be dropped.
        if matches!(self.busy, Some((Place::Address, _))) {
            self.busy = None;
        }
        let domain = |address: &str| address.rsplit_once('@').map(|(_, d)| d.to_lowercase());
        let found_for = self.looked_up.clone()?;
        if domain(&found_for) == domain(email) {
            return None;
        }
        // The table showed another provider's servers: gone until the new ones are found.
        self.looked_up = None;
        self.protocol = None;
        self.found = None;
        self.guidance.clear();
        self.notes.clear();
        self.smtp_alternatives.clear();
        self.sign_in = None;
        self.use_password = false;
        let complete = domain(email).is_some_and(|d| d.contains('.') && !d.ends_with('.'));
        complete.then(|| Event::DiscoverSoon(email.to_string()))
    }

    /// The discovery's answer: the table filled in, the source and the guidance shown. An answer
    /// for an address no longer in the field is dropped.
    pub fn discovered(&mut self, result: Result<Discovery, String>) {
        if let Ok(discovery) = &result
            && !discovery.email.eq_ignore_ascii_case(&self.email)
        {
            return;
        }
        self.busy = None;
        self.looked_up = Some(self.email.clone());
        let discovery = match result {
            Ok(discovery) => discovery,
            Err(err) => {
                self.problem = Some((Place::Address, fl!("wizard-lookup-failed", detail = err.as_str())));
                self.protocol = Some(Protocol::Imap);
                return;
            }
        };
        self.found = Some(fl!("wizard-found", source = source_for_people(&discovery)));
        self.imap = ServerForm::from_endpoint(discovery.imap.first());
        self.pop3 = ServerForm::from_endpoint(discovery.pop3.first());
        self.smtp = ServerForm::from_endpoint(discovery.smtp.first());
        if !self.login_edited {
            self.login = discovery.login.clone();
        }
        // IMAP unless the provider offers only POP3.
        self.protocol =
            Some(if discovery.imap.is_empty() && !discovery.pop3.is_empty() { Protocol::Pop3 } else { Protocol::Imap });
        self.preset = discovery.provider.map(|p| p.id.clone());
        self.notes = discovery.notes.clone();
        self.guidance.clear();
        self.sign_in = discovery.sign_in.clone();
        self.use_password = false;
        self.sign_in_name = discovery.provider.map_or_else(
            || discovery.oauth2_issuer().unwrap_or_default().to_string(),
            |p| p.display_name().to_string(),
        );
        // Where an app password is the way in, the sentence says sign-in is not in this build;
        // where there is none (Outlook.com), the provider's own advice says what can be done.
        let no_app_password = discovery.provider.is_some_and(|p| p.app_password.is_none());
        // (The engine's sentence for this names settings.toml: for the command line's users.)
        if let Some(Err(_)) = &self.sign_in
            && !no_app_password
        {
            let unavailable = fl!("wizard-sign-in-unavailable", provider = self.sign_in_name.as_str());
            self.guidance.push(Advice::new(&unavailable, None));
        }
        if let Some(provider) = discovery.provider {
            let advice = provider.guidance(&self.email);
            // "Pochta cannot sign in there yet" is not said where it can.
            if !matches!(self.sign_in, Some(Ok(_))) {
                self.guidance.extend(advice.oauth2_only.iter().map(|text| Advice::new(text, None)));
            }
            if let Some(access) = advice.enable_access {
                self.guidance.push(Advice::new(access, advice.enable_access_url));
            }
            if advice.needs_app_password
                && let Some(app) = advice.app_password
            {
                self.guidance.push(Advice::new(app, advice.app_password_url));
            }
            self.guidance.push(Advice::new(&fl!("wizard-login-hint", login = advice.login.as_str()), None));
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
                self.busy = Some((Place::Outcome, fl!("wizard-saving")));
                if let Some(account) = self.editing {
                    return Some(Event::Update(account, Box::new(settings), self.password()));
                }
                Some(Event::Save(Box::new(settings), Password::new(self.password.clone())))
            }
            Ok(report) => {
                let untrusted: Vec<(ServerEndpoint, CertificateInfo)> = report
                    .steps
                    .iter()
                    .filter_map(|step| Some((step.endpoint.clone(), step.outcome.as_ref().err()?.certificate.clone()?)))
                    .collect();
                self.report = Some(report);
                let (_, certificate) = untrusted.first()?.clone();
                let endpoints: Vec<ServerEndpoint> =
                    untrusted.into_iter().filter(|(_, c)| c.sha256 == certificate.sha256).map(|(e, _)| e).collect();
                let new_servers = endpoints.iter().any(|e| !self.trusted_servers.contains(e));
                if self.trusted.contains(&certificate.sha256) && new_servers {
                    // Already trusted for the other server: trusted here too, without asking.
                    self.trusted_servers.extend(endpoints.iter().cloned());
                    return Some(Event::Accept(endpoints, Box::new(certificate)));
                }
                self.certificate = Some((endpoints, certificate));
                None
            }
            Err(err) => {
                self.problem = Some((Place::Outcome, fl!("wizard-test-error", problem = err.as_str())));
                None
            }
        }
    }

    /// The last test found that the incoming server wants a secure connection before the
    /// password (IMAP LOGINDISABLED with no security chosen): STARTTLS is offered.
    fn offers_starttls(&self) -> bool {
        self.report.as_ref().is_some_and(|report| {
            report.steps.iter().any(|step| {
                matches!(step.server, ServerRole::Incoming(_))
                    && step.outcome.as_ref().is_err_and(|p| p.kind == ProblemKind::SecureConnectionRequired)
            })
        })
    }

    /// The account could not be saved (the form stays filled).
    pub fn failed(&mut self, problem: String) {
        self.busy = None;
        self.problem = Some((Place::Outcome, fl!("wizard-save-failed", problem = problem.as_str())));
    }

    fn settings(&self) -> Result<AccountSettings, String> {
        if !self.email.contains('@') {
            return Err(fl!("wizard-enter-address"));
        }
        if self.password.is_empty() && self.editing.is_none() && self.oauth().is_none() {
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
            oauth: self.oauth().cloned(),
            ca_file: self.ca_file.clone(),
            pop3: Pop3Options {
                leave_on_server: self.leave_on_server,
                delete_after_days: self.delete_after_days.parse().ok().filter(|_| self.leave_on_server),
                ..Pop3Options::default()
            },
            sync: SyncPolicy::default(),
            signature: None,
            identities: Vec::new(),
            special_folders: Default::default(),
            junk_filter: true,
            rules: Vec::new(),
        })
    }
}

/// Where the settings came from, with the provider by its name ("Yandex Mail"), not by the
/// preset's id the command line uses ("yandex").
fn source_for_people(discovery: &Discovery) -> String {
    match (&discovery.source, discovery.provider) {
        (Source::Preset { .. }, Some(provider)) => {
            fl!("wizard-source-preset-named", provider = provider.display_name())
        }
        (Source::Mx { host, .. }, Some(provider)) => {
            fl!("wizard-source-mx-named", provider = provider.display_name(), host = host.as_str())
        }
        (source, _) => source.to_string(),
    }
}

/// The login for a new address when it follows the address: the whole new address, or its
/// local part when the login was the old one's local part (a provider that wants only the name).
fn following_login(login: &str, old_email: &str, new_email: &str) -> String {
    let local = |email: &str| email.split_once('@').map_or(email, |(l, _)| l).to_string();
    if !login.is_empty() && login == local(old_email) && login != old_email {
        local(new_email)
    } else {
        new_email.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_follows_the_address_in_the_form_the_provider_wants() {
        assert_eq!(following_login("ivan@mail.ru", "ivan@mail.ru", "ivan@bk.ru"), "ivan@bk.ru");
        assert_eq!(following_login("ivan", "ivan@example.org", "petr@example.org"), "petr");
        assert_eq!(following_login("", "", "a@b.org"), "a@b.org");
    }
}

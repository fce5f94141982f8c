//! How the wizard looks, as its own screen: the name, the address with a "Find settings"
//! button always at hand, the password, then the server table, the provider's advice and
//! "Test and save". Notices appear where the person is looking: a problem with the address
//! under it, the test's outcome (an error that says the account was not saved, a certificate
//! to trust) just above the button that started it, or under the password when Enter there
//! did. Each notice has a slot that is always in the page, so one coming or going never moves
//! the text fields in iced's widget tree (whose state, focus included, is matched by
//! position). The test's and discovery's technical detail (capabilities, what was probed)
//! waits behind "Details".

use super::server_form::Role;
use super::{Message, Place, Wizard, advice};
use crate::engine::api::{CertificateInfo, CheckReport, ServerRole};
use crate::fl;
use crate::model::{Protocol, ServerEndpoint};
use crate::ui::{format, theme};
use iced::widget::{Column, button, checkbox, column, container, radio, row, text, text_input};
use iced::{Element, Length};

/// The labels' column: the name, address and password rows and the servers' rows line up.
pub(super) const LABEL_WIDTH: f32 = 110.0;

impl Wizard {
    pub fn view(&self) -> Element<'_, Message> {
        let title = if self.editing.is_some() { fl!("wizard-title-edit") } else { fl!("wizard-title-add") };
        let mut email = row![
            text_input(&fl!("wizard-email-placeholder"), &self.email)
                .id("wizard-email")
                .on_input(Message::Email)
                .on_submit(Message::FindSettings)
        ]
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center);
        if self.editing.is_none() {
            // The first step's main action; once settings are found, testing them is.
            let style = if self.protocol.is_none() { theme::primary_button } else { theme::secondary_button };
            email = email.push(button(text(fl!("wizard-find-settings"))).style(style).on_press(Message::FindSettings));
        }
        // Signing in with the provider needs no password here.
        let password = (self.oauth().is_none()).then(|| {
            labelled(
                fl!("wizard-password"),
                text_input("", &self.password)
                    .id("wizard-password")
                    .secure(true)
                    .on_input(Message::Password)
                    .on_submit(Message::Submit)
                    .into(),
            )
        });
        let rest = if self.protocol.is_none() {
            column![button(text(fl!("wizard-cancel"))).style(theme::secondary_button).on_press(Message::Cancel)].into()
        } else {
            self.settings_view()
        };
        let page = Slots::new()
            .show(text(title).size(theme::TITLE_SIZE))
            .show(labelled(
                fl!("wizard-your-name"),
                text_input(&fl!("wizard-name-placeholder"), &self.name)
                    .id("wizard-name")
                    .on_input(Message::Name)
                    .on_submit(Message::Submit)
                    .into(),
            ))
            .show(labelled(fl!("wizard-email"), email.into()))
            .part(self.has_notice(Place::Address), self.notices(Place::Address))
            .part(password.is_some(), Column::new().push(password))
            .part(self.outcome_on_top && self.has_outcome(), self.outcome_here(self.outcome_on_top))
            .show(rest);
        crate::ui::settings::form_page(page)
    }

    fn has_notice(&self, place: Place) -> bool {
        self.busy.as_ref().is_some_and(|(at, _)| *at == place)
            || self.problem.as_ref().is_some_and(|(at, _)| *at == place)
    }

    fn has_outcome(&self) -> bool {
        self.has_notice(Place::Outcome) || self.certificate.is_some() || self.report.is_some()
    }

    /// The busy line and the problem for `place`: an empty column when there is none, so the
    /// fields after it keep their place (and their focus) when a notice comes or goes.
    fn notices(&self, place: Place) -> Element<'_, Message> {
        let mut slot = Column::new().spacing(theme::SPACING);
        if let Some((_, busy)) = self.busy.as_ref().filter(|(at, _)| *at == place) {
            slot = slot.push(text(busy.clone()));
        }
        if let Some((_, problem)) = self.problem.as_ref().filter(|(at, _)| *at == place) {
            slot = slot.push(error_block(column![text(problem.clone())]));
        }
        slot.into()
    }

    /// What "Test and save" (or the sign-in) came to, next to the button: the busy line, a
    /// problem, a certificate to decide on, the test's result with the failures as errors and
    /// what to do, STARTTLS where the server asks for it.
    fn outcome_view(&self) -> Element<'_, Message> {
        let certificate = self.certificate.as_ref().map(|(endpoints, c)| certificate_view(endpoints, c));
        let report = self.report.as_ref().map(|report| report_view(report, self.details, self.certificate.is_some()));
        let starttls =
            self.offers_starttls().then(|| button(text(fl!("wizard-use-starttls"))).on_press(Message::UseStarttls));
        Slots::new()
            .part(self.has_notice(Place::Outcome), self.notices(Place::Outcome))
            .part(certificate.is_some(), Column::new().push(certificate))
            .part(report.is_some(), Column::new().push(report))
            .part(starttls.is_some(), Column::new().push(starttls))
            .into()
    }

    /// The outcome in one of its slots: there when `here`, else the slot is empty.
    fn outcome_here(&self, here: bool) -> Element<'_, Message> {
        if here { self.outcome_view() } else { column![].into() }
    }

    fn settings_view(&self) -> Element<'_, Message> {
        let protocol = self.protocol.unwrap_or(Protocol::Imap);
        // The outcome goes next to the button that led to it: "Test and save", or signing in.
        // Signing in has no "Test and save": its outcome goes under its button.
        let outcome_by_sign_in = self.oauth().is_some() && !self.outcome_on_top;
        let outcome_by_test = self.oauth().is_none() && !self.outcome_on_top;
        let by_sign_in = self.outcome_here(outcome_by_sign_in);
        let by_test = self.outcome_here(outcome_by_test);
        let shown_outcome = self.has_outcome();
        let sign_in = Slots::new()
            .part(self.sign_in.as_ref().is_some_and(Result::is_ok), self.sign_in_view())
            .part(outcome_by_sign_in && shown_outcome, by_sign_in);
        let incoming = match protocol {
            Protocol::Pop3 => {
                let days = self.leave_on_server.then(|| {
                    labelled(
                        fl!("wizard-delete-after"),
                        text_input(&fl!("wizard-delete-after-placeholder"), &self.delete_after_days)
                            .on_input(Message::DeleteAfterDays)
                            .on_submit(Message::SubmitBelow)
                            .width(Length::Fixed(220.0))
                            .into(),
                    )
                });
                Slots::new()
                    .show(self.pop3.view(Role::Pop3).map(Message::Pop3))
                    .show(
                        checkbox(self.leave_on_server)
                            .label(fl!("wizard-leave-copy"))
                            .on_toggle(Message::LeaveOnServer),
                    )
                    .part(days.is_some(), Column::new().push(days))
            }
            _ => Slots::new().show(self.imap.view(Role::Imap).map(Message::Imap)),
        };
        let notes = (self.details && !self.notes.is_empty()).then(|| {
            self.notes.iter().fold(Column::new().spacing(2), |list, note| {
                list.push(text(note.as_str()).size(theme::SMALL_SIZE).style(theme::muted))
            })
        });
        let test = (self.oauth().is_none()).then(|| {
            button(text(fl!("wizard-test-and-save"))).style(theme::primary_button).on_press(Message::TestPressed)
        });
        let buttons = row![
            test,
            button(text(fl!("wizard-cancel"))).style(theme::secondary_button).on_press(Message::Cancel),
            button(text(if self.details { fl!("wizard-hide-details") } else { fl!("wizard-details") }))
                .style(button::text)
                .on_press(Message::ToggleDetails),
        ]
        .spacing(theme::SPACING);
        let smtp_alternatives = self.smtp_alternatives_view();
        Slots::new()
            .show(self.found.as_ref().map_or_else(|| text(""), |found| text(found.clone()).style(theme::muted)))
            .part(!sign_in.is_empty(), sign_in)
            .show(radio(fl!("wizard-imap-choice"), Protocol::Imap, Some(protocol), Message::Protocol))
            .show(radio(fl!("wizard-pop3-choice"), Protocol::Pop3, Some(protocol), Message::Protocol))
            .show(incoming)
            .show(self.smtp.view(Role::Smtp).map(Message::Smtp))
            .part(smtp_alternatives.is_some(), Column::new().push(smtp_alternatives))
            .show(labelled(
                fl!("wizard-login"),
                text_input("", &self.login)
                    .id("wizard-login")
                    .on_input(Message::Login)
                    .on_submit(Message::SubmitBelow)
                    .into(),
            ))
            .part(!self.guidance.is_empty(), advice::view(&self.guidance))
            .part(notes.is_some(), Column::new().push(notes))
            .part(outcome_by_test && shown_outcome, by_test)
            .show(buttons)
            .into()
    }

    /// Other outgoing servers the provider documents, offered once the test found the chosen
    /// one not working (before that they are only noise next to settings that may well work).
    fn smtp_alternatives_view(&self) -> Option<Element<'_, Message>> {
        let smtp_failed = self.report.as_ref().is_some_and(|report| {
            report.steps.iter().any(|step| step.server == ServerRole::Outgoing && step.outcome.is_err())
        });
        if !smtp_failed || self.smtp_alternatives.is_empty() {
            return None;
        }
        let buttons = self.smtp_alternatives.iter().fold(Column::new().spacing(theme::SPACING), |list, alternative| {
            list.push(
                button(text(fl!("wizard-use-smtp", server = alternative.to_string())).size(theme::SMALL_SIZE))
                    .on_press(Message::UseSmtp(alternative.clone())),
            )
        });
        Some(buttons.into())
    }
}

impl Wizard {
    /// "Sign in with Google" first, where the provider and this build allow it, with the way to
    /// an app password instead; the address to open while the browser is awaited.
    fn sign_in_view(&self) -> Element<'_, Message> {
        let name = self.sign_in_name.as_str();
        if self.oauth().is_some() {
            let mut block = column![
                row![
                    button(text(fl!("wizard-sign-in-with", provider = name)))
                        .style(button::primary)
                        .on_press(Message::SignIn),
                    button(text(fl!("wizard-use-app-password")))
                        .style(button::text)
                        .on_press(Message::UsePassword(true)),
                ]
                .spacing(theme::SPACING)
                .align_y(iced::Alignment::Center),
                text(fl!("wizard-sign-in-explained", provider = name)).size(theme::SMALL_SIZE).style(theme::muted),
            ]
            .spacing(theme::SPACING);
            if let Some(url) = &self.sign_in_url {
                block = block
                    .push(text(fl!("wizard-sign-in-open-by-hand")).size(theme::SMALL_SIZE))
                    .push(text_input("", url).id("wizard-sign-in-url"));
            }
            return block.into();
        }
        if matches!(self.sign_in, Some(Ok(_))) {
            return button(text(fl!("wizard-sign-in-instead", provider = name)))
                .style(button::text)
                .on_press(Message::UsePassword(false))
                .into();
        }
        column![].into()
    }
}

/// A column of parts some of which may be empty: each part is spaced from the ones above only
/// when it is shown (a plain column's spacing would leave a gap for an empty one), and the
/// column always has the same children in the same order (see `Place`).
struct Slots<'a> {
    column: Column<'a, Message>,
    shown: bool,
}

impl<'a> Slots<'a> {
    fn new() -> Slots<'a> {
        Slots { column: Column::new(), shown: false }
    }

    fn show(self, part: impl Into<Element<'a, Message>>) -> Slots<'a> {
        self.part(true, part)
    }

    /// `part` in its slot; `shown` says whether it has anything in it.
    fn part(mut self, shown: bool, part: impl Into<Element<'a, Message>>) -> Slots<'a> {
        let top = if shown && self.shown { theme::SPACING } else { 0.0 };
        self.shown |= shown;
        self.column = self.column.push(container(part).padding(iced::Padding::ZERO.top(top)));
        self
    }

    /// Nothing in it is shown.
    fn is_empty(&self) -> bool {
        !self.shown
    }
}

impl<'a> From<Slots<'a>> for Element<'a, Message> {
    fn from(stack: Slots<'a>) -> Self {
        stack.column.into()
    }
}

fn labelled<'a>(label: String, field: Element<'a, Message>) -> Element<'a, Message> {
    row![text(label).width(Length::Fixed(LABEL_WIDTH)), field]
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center)
        .into()
}

/// A block styled as an error (the window's notice colours).
fn error_block<'a>(content: Column<'a, Message>) -> Element<'a, Message> {
    container(content.spacing(4)).padding(theme::PADDING).width(Length::Fill).style(theme::notice).into()
}

/// The test in short: the failures first, as an error that says the account was not saved and
/// what to do; then each server that worked. While a certificate is offered, it says what the
/// failures about it would (so they are left out here, and "not saved" waits for the decision).
/// What the test found out on the way (the certificate, the capabilities) only with Details.
fn report_view(report: &CheckReport, details: bool, certificate_offered: bool) -> Element<'_, Message> {
    let mut failures = Column::new();
    let mut failed = false;
    let mut passed = Column::new().spacing(2);
    for step in &report.steps {
        let endpoint = step.endpoint.to_string();
        let stage = step.stage.to_string();
        match &step.outcome {
            Ok(detail) if details => {
                let line = fl!("wizard-step-ok", endpoint = endpoint, stage = stage, detail = detail.as_str());
                passed = passed.push(text(line).size(theme::SMALL_SIZE).style(theme::muted));
            }
            Ok(_) => {
                let line = fl!("wizard-step-ok-short", endpoint = endpoint, stage = stage);
                passed = passed.push(text(line).size(theme::SMALL_SIZE).style(theme::muted));
            }
            Err(problem) if certificate_offered && problem.certificate.is_some() => {}
            Err(problem) => {
                // Which server, then what went wrong as a sentence of its own (the stage is in
                // the problem's words: "not found", "refused the password").
                let server = format::sentence(&step.server.to_string());
                let line = fl!("wizard-step-failed", server = server, endpoint = endpoint);
                failures = failures.push(text(line).font(bold())).push(text(format::sentence(&problem.to_string())));
                failed = true;
            }
        }
    }
    let mut block = Column::new().spacing(theme::SPACING);
    if failed && certificate_offered {
        block = block.push(error_block(failures));
    } else if failed {
        let next = text(fl!("wizard-test-failed-next"));
        block = block.push(error_block(column![text(fl!("wizard-test-failed")).font(bold()), failures, next]));
    }
    block.push(passed).into()
}

fn bold() -> iced::Font {
    iced::Font { weight: iced::font::Weight::Bold, ..iced::Font::DEFAULT }
}

/// An untrusted certificate: everything a person needs to decide, and the button to trust it
/// (for every server here that presented it).
fn certificate_view<'a>(endpoints: &[ServerEndpoint], c: &'a CertificateInfo) -> Element<'a, Message> {
    let hosts: Vec<String> = endpoints.iter().map(ToString::to_string).collect();
    let mut details = column![
        text(fl!("wizard-certificate-untrusted", host = hosts.join(", "))),
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
    container(
        details
            .push(text(fl!("wizard-certificate-compare")).size(theme::SMALL_SIZE))
            .push(button(text(fl!("wizard-certificate-trust"))).on_press(Message::AcceptCertificate)),
    )
    .padding(theme::PADDING)
    .style(theme::header_block)
    .into()
}

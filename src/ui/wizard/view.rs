//! How the wizard looks, as its own screen: what needs a decision first (a problem, a
//! certificate to trust, the test's result in short) so it is seen without scrolling on a
//! 768-pixel screen; then the address with a "Find settings" button always at hand, the server
//! table and the provider's advice. The test's and discovery's technical detail (capabilities,
//! what was probed) waits behind "Details".

use super::server_form::Role;
use super::{Message, Wizard, advice};
use crate::engine::api::{CertificateInfo, CheckReport};
use crate::fl;
use crate::model::{Protocol, ServerEndpoint};
use crate::ui::theme;
use iced::widget::{Column, button, checkbox, column, container, radio, row, text, text_input};
use iced::{Element, Length};

impl Wizard {
    pub fn view(&self) -> Element<'_, Message> {
        let title = if self.editing.is_some() { fl!("wizard-title-edit") } else { fl!("wizard-title-add") };
        let mut page = column![text(title).size(theme::TITLE_SIZE)].spacing(theme::SPACING);
        if let Some(problem) = &self.problem {
            page = page.push(container(text(problem.clone())).padding(theme::PADDING).style(theme::notice));
        }
        if let Some((endpoints, certificate)) = &self.certificate {
            page = page.push(certificate_view(endpoints, certificate));
        }
        if let Some(busy) = &self.busy {
            page = page.push(text(busy.clone()));
        }
        if let Some(report) = &self.report {
            page = page.push(report_view(report, self.details));
        }
        if self.offers_starttls() {
            page = page.push(button(text(fl!("wizard-use-starttls"))).on_press(Message::UseStarttls));
        }
        let mut email = row![
            text_input(&fl!("wizard-email-placeholder"), &self.email)
                .id("wizard-email")
                .on_input(Message::Email)
                .on_submit(Message::FindSettings)
        ]
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center);
        if self.editing.is_none() {
            email = email.push(button(text(fl!("wizard-find-settings"))).on_press(Message::FindSettings));
        }
        page = page
            .push(labelled(
                fl!("wizard-your-name"),
                text_input(&fl!("wizard-name-placeholder"), &self.name)
                    .id("wizard-name")
                    .on_input(Message::Name)
                    .into(),
            ))
            .push(labelled(fl!("wizard-email"), email.into()));
        // Signing in with the provider needs no password here.
        if self.oauth().is_none() {
            page = page.push(labelled(
                fl!("wizard-password"),
                text_input("", &self.password).id("wizard-password").secure(true).on_input(Message::Password).into(),
            ));
        }
        if self.protocol.is_none() {
            page = page.push(button(text(fl!("wizard-cancel"))).on_press(Message::Cancel));
        } else {
            page = page.push(self.settings_view());
        }
        crate::ui::settings::form_page(page)
    }

    fn settings_view(&self) -> Element<'_, Message> {
        let protocol = self.protocol.unwrap_or(Protocol::Imap);
        let mut table = column![
            self.found.as_ref().map_or_else(|| text(""), |found| text(found.clone()).style(theme::muted)),
            self.sign_in_view(),
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
        table = table.push(advice::view(&self.guidance));
        if self.details && !self.notes.is_empty() {
            table = table.push(self.notes.iter().fold(Column::new().spacing(2), |list, note| {
                list.push(text(note.as_str()).size(theme::SMALL_SIZE).style(theme::muted))
            }));
        }
        let test = (self.oauth().is_none()).then(|| button(text(fl!("wizard-test-and-save"))).on_press(Message::Test));
        table
            .push(
                row![
                    test,
                    button(text(fl!("wizard-cancel"))).on_press(Message::Cancel),
                    button(text(if self.details { fl!("wizard-hide-details") } else { fl!("wizard-details") }))
                        .style(button::text)
                        .on_press(Message::ToggleDetails),
                ]
                .spacing(theme::SPACING),
            )
            .into()
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

fn labelled<'a>(label: String, field: Element<'a, Message>) -> Element<'a, Message> {
    row![text(label).width(Length::Fixed(110.0)), field].spacing(theme::SPACING).align_y(iced::Alignment::Center).into()
}

/// The test in short: each server with whether it worked, and what went wrong in words. What it
/// found out on the way (the certificate, the capabilities) only with Details.
fn report_view(report: &CheckReport, details: bool) -> Element<'_, Message> {
    let mut list = Column::new().spacing(2);
    for step in &report.steps {
        let line = match &step.outcome {
            Ok(detail) if details => fl!(
                "wizard-step-ok",
                endpoint = step.endpoint.to_string(),
                stage = step.stage.to_string(),
                detail = detail.as_str()
            ),
            Ok(_) => fl!("wizard-step-ok-short", endpoint = step.endpoint.to_string(), stage = step.stage.to_string()),
            Err(problem) => fl!(
                "wizard-step-failed",
                endpoint = step.endpoint.to_string(),
                stage = step.stage.to_string(),
                problem = problem.to_string()
            ),
        };
        let failed = step.outcome.is_err();
        list = list.push(if failed { text(line) } else { text(line).size(theme::SMALL_SIZE).style(theme::muted) });
    }
    list.into()
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

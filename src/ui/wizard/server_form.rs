//! One server row of the wizard's table: host, port and security, editable, with the port
//! following the security choice (993/143, 995/110, 465/587) unless the person typed their own.

use crate::model::{Security, ServerEndpoint};
use iced::widget::{Column, column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Imap,
    Pop3,
    Smtp,
}

impl Role {
    fn ports(self) -> (u16, u16) {
        match self {
            Role::Imap => (993, 143),
            Role::Pop3 => (995, 110),
            Role::Smtp => (465, 587),
        }
    }

    /// The usual port for `security` (RFC 8314 implicit TLS, or STARTTLS/plain).
    fn default_port(self, security: Security) -> u16 {
        let (tls, plain) = self.ports();
        if security == Security::Ssl { tls } else { plain }
    }

    /// The ids of the host and port fields (for tests and focus).
    fn field_ids(self) -> (&'static str, &'static str) {
        match self {
            Role::Imap => ("wizard-imap-host", "wizard-imap-port"),
            Role::Pop3 => ("wizard-pop3-host", "wizard-pop3-port"),
            Role::Smtp => ("wizard-smtp-host", "wizard-smtp-port"),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Role::Imap => "IMAP",
            Role::Pop3 => "POP3",
            Role::Smtp => "SMTP",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ServerForm {
    pub host: String,
    pub port: String,
    pub security: Option<Security>,
    /// Why the last keystroke did not arrive (letters in the port), shown under the row.
    hint: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Host(String),
    Port(String),
    Security(Security),
    /// Enter in a field: the form's main action.
    Submit,
}

const SECURITIES: [Security; 3] = [Security::Ssl, Security::Starttls, Security::None];

impl ServerForm {
    pub fn from_endpoint(endpoint: Option<&ServerEndpoint>) -> ServerForm {
        match endpoint {
            Some(e) => {
                ServerForm { host: e.host.clone(), port: e.port.to_string(), security: Some(e.security), hint: None }
            }
            None => ServerForm { security: Some(Security::Ssl), ..ServerForm::default() },
        }
    }

    pub fn update(&mut self, role: Role, message: Message) {
        // The hint stays while the port is being typed (a flash would go unread), until it is
        // emptied or another part of the row changes.
        if !matches!(&message, Message::Port(port) if !port.is_empty()) {
            self.hint = None;
        }
        match message {
            Message::Host(host) => self.host = host.trim().to_string(),
            Message::Port(port) => {
                if port.chars().any(|c| !c.is_ascii_digit()) {
                    self.hint = Some(crate::fl!("wizard-port-digits-only"));
                }
                self.port = port.chars().filter(char::is_ascii_digit).take(5).collect();
            }
            // The wizard acts on it before it gets here.
            Message::Submit => {}
            Message::Security(security) => {
                let (ssl, plain) = role.ports();
                let typed_own = !self.port.is_empty() && self.port != ssl.to_string() && self.port != plain.to_string();
                if !typed_own {
                    self.port = if security == Security::Ssl { ssl } else { plain }.to_string();
                }
                self.security = Some(security);
            }
        }
    }

    /// The hint about the last keystroke is no longer news (a test was started).
    pub fn forget_hint(&mut self) {
        self.hint = None;
    }

    /// The endpoint, or what is missing in words.
    pub fn endpoint(&self, role: Role) -> Result<ServerEndpoint, String> {
        if self.host.is_empty() {
            return Err(crate::fl!("wizard-enter-host", server = role.label()));
        }
        let security = self.security.unwrap_or(Security::Ssl);
        // An empty port is the usual one for the security chosen.
        let port = if self.port.is_empty() { Some(role.default_port(security)) } else { self.port.parse::<u16>().ok() };
        let port = port.filter(|p| *p > 0).ok_or_else(|| crate::fl!("wizard-port-invalid", server = role.label()))?;
        Ok(ServerEndpoint { host: self.host.clone(), port, security })
    }

    pub fn view(&self, role: Role) -> Element<'_, Message> {
        let (host_id, port_id) = role.field_ids();
        let fields = row![
            text(role.label()).width(Length::Fixed(super::view::LABEL_WIDTH)),
            text_input(&crate::fl!("wizard-host-placeholder"), &self.host)
                .id(host_id)
                .on_input(Message::Host)
                .on_submit(Message::Submit)
                .width(Length::Fill),
            // An empty port is the usual one: the placeholder shows which.
            text_input(&role.default_port(self.security.unwrap_or(Security::Ssl)).to_string(), &self.port)
                .id(port_id)
                .on_input(Message::Port)
                .on_submit(Message::Submit)
                .width(Length::Fixed(70.0)),
            pick_list(SECURITIES, self.security, Message::Security),
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        // The hint's slot is always there: its coming and going must not move the fields.
        let hint = self.hint.as_ref().map(|hint| text(hint.as_str()).size(crate::ui::theme::SMALL_SIZE));
        column![fields, Column::new().push(hint)].spacing(2).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_follows_the_security_unless_typed() {
        let mut form = ServerForm::from_endpoint(None);
        form.update(Role::Smtp, Message::Security(Security::Starttls));
        assert_eq!(form.port, "587");
        form.update(Role::Smtp, Message::Security(Security::Ssl));
        assert_eq!(form.port, "465");
        form.update(Role::Smtp, Message::Port("2525".into()));
        form.update(Role::Smtp, Message::Security(Security::Starttls));
        assert_eq!(form.port, "2525", "a port the person typed stays");
    }

    #[test]
    fn missing_fields_are_named() {
        let form = ServerForm::from_endpoint(None);
        assert_eq!(form.endpoint(Role::Imap), Err("Enter the IMAP server's host name.".into()));
        let form = ServerForm { host: "imap.example.org".into(), port: "0".into(), security: None, hint: None };
        assert!(form.endpoint(Role::Imap).unwrap_err().contains("port"));
    }

    #[test]
    fn an_empty_port_is_the_usual_one_for_the_security() {
        let mut form = ServerForm { host: "smtp.example.org".into(), ..ServerForm::from_endpoint(None) };
        form.update(Role::Smtp, Message::Security(Security::Starttls));
        form.update(Role::Smtp, Message::Port(String::new()));
        assert_eq!(form.endpoint(Role::Smtp).map(|e| e.port), Ok(587));
        form.security = Some(Security::Ssl);
        assert_eq!(form.endpoint(Role::Smtp).map(|e| e.port), Ok(465));
        form.security = Some(Security::Ssl);
        assert_eq!(form.endpoint(Role::Imap).map(|e| e.port), Ok(993));
    }

    #[test]
    fn letters_in_the_port_are_left_out_and_the_row_says_why() {
        let mut form = ServerForm::from_endpoint(None);
        form.update(Role::Imap, Message::Port("99a3".into()));
        assert_eq!(form.port, "993");
        assert!(form.hint.as_deref().is_some_and(|h| h.contains("number")), "{:?}", form.hint);
        form.update(Role::Imap, Message::Port("9934".into()));
        assert!(form.hint.is_some(), "the hint stays while the port is typed");
        form.update(Role::Imap, Message::Host("imap.example.org".into()));
        assert_eq!(form.hint, None, "the hint goes when the row is edited elsewhere");
    }
}

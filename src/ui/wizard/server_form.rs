//! One server row of the wizard's table: host, port and security, editable, with the port
//! following the security choice (993/143, 995/110, 465/587) unless the person typed their own.

use crate::model::{Security, ServerEndpoint};
use iced::widget::{pick_list, row, text, text_input};
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
}

#[derive(Debug, Clone)]
pub enum Message {
    Host(String),
    Port(String),
    Security(Security),
}

const SECURITIES: [Security; 3] = [Security::Ssl, Security::Starttls, Security::None];

impl ServerForm {
    pub fn from_endpoint(endpoint: Option<&ServerEndpoint>) -> ServerForm {
        match endpoint {
            Some(e) => ServerForm { host: e.host.clone(), port: e.port.to_string(), security: Some(e.security) },
            None => ServerForm { security: Some(Security::Ssl), ..ServerForm::default() },
        }
    }

    pub fn update(&mut self, role: Role, message: Message) {
        match message {
            Message::Host(host) => self.host = host.trim().to_string(),
            Message::Port(port) => self.port = port.chars().filter(char::is_ascii_digit).take(5).collect(),
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

    /// The endpoint, or what is missing in words.
    pub fn endpoint(&self, role: Role) -> Result<ServerEndpoint, String> {
        if self.host.is_empty() {
            return Err(crate::fl!("wizard-enter-host", server = role.label()));
        }
        let port = self.port.parse::<u16>().ok().filter(|p| *p > 0);
        let port = port.ok_or_else(|| crate::fl!("wizard-port-invalid", server = role.label()))?;
        Ok(ServerEndpoint { host: self.host.clone(), port, security: self.security.unwrap_or(Security::Ssl) })
    }

    pub fn view(&self, role: Role) -> Element<'_, Message> {
        row![
            text(role.label()).width(Length::Fixed(60.0)),
            text_input(&crate::fl!("wizard-host-placeholder"), &self.host).on_input(Message::Host).width(Length::Fill),
            text_input(&crate::fl!("wizard-port-placeholder"), &self.port)
                .on_input(Message::Port)
                .width(Length::Fixed(70.0)),
            pick_list(SECURITIES, self.security, Message::Security),
        ]
        .spacing(6)
        .align_y(Alignment::Center)
        .into()
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
        assert_eq!(form.endpoint(Role::Imap), Err("enter the IMAP server's host name".into()));
        let form = ServerForm { host: "imap.example.org".into(), port: "0".into(), security: None };
        assert!(form.endpoint(Role::Imap).unwrap_err().contains("port"));
    }
}

//! The accounts screen: every account with Edit (the wizard, filled in), Signature and
//! addresses (who letters are from), and Remove, which first says what happens to the mail on
//! this computer and asks again.

mod roles;
mod senders;

use super::settings::form_page;
use super::theme;
use crate::model::Identity;
use crate::model::{AccountId, AccountSettings};
use iced::Element;
use iced::widget::{Column, button, column, container, row, text};
pub use senders::Senders;

#[derive(Debug, Default)]
pub struct Accounts {
    accounts: Vec<(AccountId, AccountSettings)>,
    /// The account about to be removed, with what that means.
    confirming: Option<(AccountId, String)>,
    /// The account whose signature and From addresses are being edited.
    senders: Option<Senders>,
    /// The account whose special folders are being chosen.
    roles: Option<roles::Roles>,
    /// The account whose rules are being edited (`ui::rules`).
    rules: Option<crate::ui::rules::RulesEditor>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Edit(AccountId),
    /// "Sign in again" on an account that signs in with its provider.
    SignInAgain(AccountId),
    EditSenders(AccountId),
    Senders(senders::Message),
    EditRoles(AccountId),
    Roles(roles::Message),
    EditRules(AccountId),
    Rules(crate::ui::rules::Message),
    AskRemove(AccountId),
    ConfirmRemove(AccountId),
    KeepIt,
    Import,
    Close,
}

/// What the window must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Edit(AccountId),
    /// The window gives the account's folders with [`Accounts::show_roles`].
    Roles(AccountId),
    SetRole {
        account: AccountId,
        role: crate::model::FolderRole,
        path: String,
    },
    /// Save the account's signature and identities; the window calls [`Accounts::senders_saved`]
    /// or [`Accounts::senders_failed`].
    SaveSenders {
        account: AccountId,
        signature: Option<String>,
        identities: Vec<Identity>,
    },
    /// Check and save the account's rules; the window calls [`Accounts::rules_saved`] or
    /// [`Accounts::rules_failed`].
    SaveRules {
        account: AccountId,
        rules: Vec<crate::model::Rule>,
    },
    /// The rules screen opened: the window gives the account's folders ("Run now" picks one)
    /// with [`Accounts::rules_folders`].
    RulesFolders(AccountId),
    /// Run the rules as shown on a folder now; the run's messages come back as
    /// `Message::Rules(rules::Message::Run(..))`.
    RunRules {
        folder: crate::model::FolderId,
        rules: Vec<crate::model::Rule>,
        control: crate::ui::rules::RunControl,
    },
    /// The window asks the engine what removal means and calls [`Accounts::confirm`].
    Consequence(AccountId),
    Remove(AccountId),
    /// Sign the account in with its provider again (OAuth 2.0) in the browser.
    SignInAgain(AccountId),
    /// Open the import screen.
    Import,
    Closed,
}

impl Accounts {
    pub fn new(accounts: Vec<(AccountId, AccountSettings)>) -> Accounts {
        Accounts { accounts, confirming: None, senders: None, roles: None, rules: None }
    }

    /// The account's folders, with the roles they have now, to choose from.
    pub fn show_roles(&mut self, account: AccountId, folders: Vec<crate::engine::api::FolderInfo>) {
        let email = self.address(account).to_string();
        self.roles = Some(roles::Roles::new(account, email, folders));
    }

    /// An account's address, for the screen's words ("" for one no longer listed).
    fn address(&self, account: AccountId) -> &str {
        self.accounts.iter().find(|(id, _)| *id == account).map_or("", |(_, settings)| settings.email.as_str())
    }

    fn settings(&self, account: AccountId) -> Option<&AccountSettings> {
        self.accounts.iter().find(|(id, _)| *id == account).map(|(_, settings)| settings)
    }

    /// The signature and identities are saved: back to the list, which shows them.
    pub fn senders_saved(&mut self, accounts: Vec<(AccountId, AccountSettings)>) {
        self.senders = None;
        self.accounts = accounts;
    }

    /// Whether the signature and addresses form is open (a failed save is shown in it).
    pub fn saving_senders(&self) -> bool {
        self.senders.is_some()
    }

    /// The screen opened on one account's rules with a new rule made from a letter at the end.
    pub fn with_new_rule(
        accounts: Vec<(AccountId, AccountSettings)>,
        account: AccountId,
        rule: crate::model::Rule,
    ) -> Accounts {
        let screen = Accounts::new(accounts);
        let editor = screen.settings(account).map(|a| crate::ui::rules::RulesEditor::with_new_rule(account, a, rule));
        Accounts { rules: editor, ..screen }
    }

    /// The rules are saved: back to the list.
    pub fn rules_saved(&mut self, accounts: Vec<(AccountId, AccountSettings)>) {
        self.close_rules();
        self.accounts = accounts;
    }

    /// The account's folders for the rules screen's "Run now".
    pub fn rules_folders(&mut self, account: AccountId, folders: &[crate::engine::api::FolderInfo]) {
        if let Some(rules) = self.rules.as_mut().filter(|rules| rules.account == account) {
            rules.set_folders(folders);
        }
    }

    /// Whether the rules screen is open (Alt+Up / Alt+Down move its current rule).
    pub fn editing_rules(&self) -> bool {
        self.rules.is_some()
    }

    fn close_rules(&mut self) {
        if let Some(rules) = self.rules.take() {
            rules.close();
        }
    }

    pub fn rules_failed(&mut self, problem: String) {
        if let Some(rules) = self.rules.as_mut() {
            rules.failed(problem);
        }
    }

    pub fn senders_failed(&mut self, problem: String) {
        if let Some(senders) = self.senders.as_mut() {
            senders.failed(problem);
        }
    }

    /// Shows what removing `account` does, with the buttons to go on or not.
    pub fn confirm(&mut self, account: AccountId, consequence: String) {
        self.confirming = Some((account, consequence));
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Edit(account) => Some(Event::Edit(account)),
            Message::SignInAgain(account) => Some(Event::SignInAgain(account)),
            Message::EditSenders(account) => {
                self.senders = self.settings(account).map(|settings| Senders::new(account, settings));
                None
            }
            Message::EditRoles(account) => Some(Event::Roles(account)),
            Message::Roles(roles::Message::Pick(role, path)) => {
                let account = self.roles.as_ref()?.account;
                Some(Event::SetRole { account, role, path })
            }
            Message::Roles(roles::Message::Close) => {
                self.roles = None;
                None
            }
            Message::Senders(message) => match self.senders.as_mut()?.update(message)? {
                senders::Outcome::Save { account, signature, identities } => {
                    Some(Event::SaveSenders { account, signature, identities })
                }
                senders::Outcome::Cancel => {
                    self.senders = None;
                    None
                }
            },
            Message::EditRules(account) => {
                self.rules =
                    self.settings(account).map(|settings| crate::ui::rules::RulesEditor::new(account, settings));
                self.rules.as_ref().map(|_| Event::RulesFolders(account))
            }
            Message::Rules(message) => match self.rules.as_mut()?.update(message)? {
                crate::ui::rules::Outcome::Save { account, rules } => Some(Event::SaveRules { account, rules }),
                crate::ui::rules::Outcome::Run { folder, rules, control } => {
                    Some(Event::RunRules { folder, rules, control })
                }
                crate::ui::rules::Outcome::Cancel => {
                    self.close_rules();
                    None
                }
            },
            Message::AskRemove(account) => Some(Event::Consequence(account)),
            Message::ConfirmRemove(account) => {
                self.confirming = None;
                Some(Event::Remove(account))
            }
            Message::KeepIt => {
                self.confirming = None;
                None
            }
            Message::Import => Some(Event::Import),
            Message::Close => Some(Event::Closed),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        if let Some(roles) = &self.roles {
            let form = roles.view().map(Message::Roles);
            return form_page(form);
        }
        if let Some(rules) = &self.rules {
            // Its own layout: the list scrolls, Save and "Run now" stay in view.
            return rules.view().map(Message::Rules);
        }
        if let Some(senders) = &self.senders {
            let form = senders.view().map(Message::Senders);
            return form_page(form);
        }
        let mut page = column![text(crate::fl!("app-accounts")).size(theme::TITLE_SIZE)].spacing(theme::SPACING);
        if let Some((account, consequence)) = &self.confirming {
            page = page.push(
                container(
                    column![
                        text(crate::fl!("accounts-remove-question", email = self.address(*account))),
                        text(consequence.clone()),
                        row![
                            button(text(crate::fl!("accounts-remove-for-good")))
                                .on_press(Message::ConfirmRemove(*account)),
                            button(text(crate::fl!("accounts-keep"))).on_press(Message::KeepIt),
                        ]
                        .spacing(theme::SPACING),
                    ]
                    .spacing(theme::SPACING),
                )
                .padding(theme::PADDING)
                .style(theme::notice),
            );
        }
        let list = self.accounts.iter().fold(Column::new().spacing(theme::SPACING), |list, (id, account)| {
            let id = *id;
            // The address on a line of its own and the buttons under it, wrapping on a narrow
            // window: side by side the address was squeezed into a column of broken lines.
            let protocol = match account.protocol {
                crate::model::Protocol::Local => crate::fl!("accounts-protocol-local"),
                other => other.to_string(),
            };
            list.push(
                column![
                    text(format!("{}  ({}, {})", account.email, protocol, account.incoming.host)),
                    row![
                        button(text(crate::fl!("accounts-edit"))).on_press(Message::Edit(id)),
                        button(text(crate::fl!("accounts-senders"))).on_press(Message::EditSenders(id)),
                        button(text(crate::fl!("accounts-roles"))).on_press(Message::EditRoles(id)),
                        button(text(crate::fl!("accounts-rules"))).on_press(Message::EditRules(id)),
                        button(text(crate::fl!("accounts-remove"))).on_press(Message::AskRemove(id)),
                        account.oauth.is_some().then(|| {
                            button(text(crate::fl!("attention-sign-in-again"))).on_press(Message::SignInAgain(id))
                        }),
                    ]
                    .spacing(theme::SPACING)
                    .wrap()
                    .vertical_spacing(theme::SPACING),
                ]
                .spacing(theme::SPACING / 2.0),
            )
        });
        let actions = row![
            button(text(crate::fl!("accounts-import-mail"))).on_press(Message::Import),
            button(text(crate::fl!("accounts-close"))).on_press(Message::Close),
        ]
        .spacing(theme::SPACING)
        .wrap()
        .vertical_spacing(theme::SPACING);
        page = page.push(list).push(actions);
        form_page(page)
    }
}

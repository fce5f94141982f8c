//! The Settings screen: the interface language (the system's, English, Russian), the theme
//! (the system's, light, dark), how often folders other than INBOX are checked, where replies
//! start, and whether new-mail notifications show who wrote and about what. Saving hands
//! the new preferences up; the window writes them and applies the language and theme at once.

use super::theme;
use crate::config::Settings as Preferences;
use crate::fl;
use iced::widget::{button, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length};
use std::fmt;

/// The interface language: "" follows the system, else a code from [`crate::i18n::LANGUAGES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageChoice(pub String);

impl fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Each language in its own name, so a person who cannot read the current one finds theirs.
        match crate::i18n::LANGUAGES.iter().find(|(code, _)| *code == self.0) {
            Some((_, name)) => f.write_str(name),
            None => f.write_str(&fl!("settings-language-system")),
        }
    }
}

/// The theme as saved in settings.toml: "system", "light" or "dark".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeChoice {
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn from_setting(value: &str) -> ThemeChoice {
        match value.trim().to_ascii_lowercase().as_str() {
            "light" => ThemeChoice::Light,
            "dark" => ThemeChoice::Dark,
            _ => ThemeChoice::System,
        }
    }

    fn as_setting(self) -> &'static str {
        match self {
            ThemeChoice::System => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    /// The iced theme: the system's preference, or the one chosen.
    pub fn theme(self) -> iced::Theme {
        match self {
            ThemeChoice::System => theme::from_environment(),
            ThemeChoice::Light => iced::Theme::Light,
            ThemeChoice::Dark => iced::Theme::Dark,
        }
    }
}

impl fmt::Display for ThemeChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            ThemeChoice::System => fl!("settings-theme-system"),
            ThemeChoice::Light => fl!("settings-theme-light"),
            ThemeChoice::Dark => fl!("settings-theme-dark"),
        })
    }
}

#[derive(Debug, Clone)]
pub struct SettingsScreen {
    /// The saved preferences, kept whole so fields this screen does not show survive a save.
    saved: Preferences,
    language: LanguageChoice,
    theme: ThemeChoice,
    poll_minutes: String,
    reply_above_quote: bool,
    notification_content: bool,
    problem: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Language(LanguageChoice),
    Theme(ThemeChoice),
    PollMinutes(String),
    ReplyAboveQuote(bool),
    NotificationContent(bool),
    Save,
    Cancel,
}

/// What the window must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Save(Box<Preferences>),
    Closed,
}

/// The widest a form page grows (Settings, Accounts, the wizard): on a wide window the labels
/// and their fields would drift a screen apart. (A layout token; theme.rs is its natural home.)
pub(crate) const FORM_MAX_WIDTH: f32 = 820.0;

/// A form page in place of the main window's panes: no wider than [`FORM_MAX_WIDTH`], scrolled
/// when taller than the window, and always the whole height, so the status line stays at the
/// window's bottom instead of floating under a short page. The scrollbar has its own strip
/// (it is not drawn over the fields' edges).
pub(crate) fn form_page<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    scrollable(container(content).padding(theme::PADDING).width(Length::Fill).max_width(FORM_MAX_WIDTH))
        .spacing(2)
        .height(Length::Fill)
        .into()
}

/// The longest poll interval offered: a day.
const MAX_POLL_MINUTES: u32 = 24 * 60;

impl SettingsScreen {
    pub fn new(saved: Preferences) -> SettingsScreen {
        SettingsScreen {
            language: LanguageChoice(saved.language.trim().to_string()),
            theme: ThemeChoice::from_setting(&saved.theme),
            poll_minutes: saved.poll_minutes.to_string(),
            reply_above_quote: saved.reply_above_quote,
            notification_content: saved.notification_content,
            problem: None,
            saved,
        }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Language(language) => self.language = language,
            Message::Theme(theme) => self.theme = theme,
            Message::PollMinutes(minutes) => self.poll_minutes = minutes,
            Message::ReplyAboveQuote(above) => self.reply_above_quote = above,
            Message::NotificationContent(shown) => self.notification_content = shown,
            Message::Save => return self.preferences().map(|p| Event::Save(Box::new(p))),
            Message::Cancel => return Some(Event::Closed),
        }
        None
    }

    /// The window could not write the file: say so and keep the form.
    pub fn failed(&mut self, problem: String) {
        self.problem = Some(problem);
    }

    fn preferences(&mut self) -> Option<Preferences> {
        let minutes = self.poll_minutes.trim().parse::<u32>().ok().filter(|m| (1..=MAX_POLL_MINUTES).contains(m));
        let Some(poll_minutes) = minutes else {
            self.problem = Some(fl!("settings-poll-invalid", max = MAX_POLL_MINUTES));
            return None;
        };
        self.problem = None;
        Some(Preferences {
            language: self.language.0.clone(),
            theme: self.theme.as_setting().to_string(),
            poll_minutes,
            reply_above_quote: self.reply_above_quote,
            notification_content: self.notification_content,
            ..self.saved.clone()
        })
    }

    pub fn view(&self) -> Element<'_, Message> {
        let languages: Vec<LanguageChoice> = std::iter::once(LanguageChoice(String::new()))
            .chain(crate::i18n::LANGUAGES.iter().map(|(code, _)| LanguageChoice(code.to_string())))
            .collect();
        let mut page = column![text(fl!("settings-title")).size(theme::TITLE_SIZE)].spacing(theme::SPACING);
        if let Some(problem) = &self.problem {
            page = page.push(container(text(problem.clone())).padding(theme::PADDING).style(theme::notice));
        }
        page = page
            .push(labelled(
                fl!("settings-language"),
                pick_list(languages, Some(self.language.clone()), Message::Language),
            ))
            .push(labelled(fl!("settings-theme"), pick_list(ThemeChoice::ALL, Some(self.theme), Message::Theme)))
            .push(labelled(
                fl!("settings-poll"),
                row![
                    text_input("5", &self.poll_minutes)
                        .id("settings-poll-minutes")
                        .on_input(Message::PollMinutes)
                        .width(Length::Fixed(80.0)),
                    text(fl!("settings-poll-unit")),
                ]
                .spacing(theme::SPACING)
                .align_y(iced::Alignment::Center),
            ))
            .push(text(fl!("settings-poll-note")).size(theme::SMALL_SIZE).style(theme::muted))
            .push(
                iced::widget::checkbox(self.reply_above_quote)
                    .label(fl!("settings-reply-above-quote"))
                    .on_toggle(Message::ReplyAboveQuote),
            )
            .push(
                iced::widget::checkbox(self.notification_content)
                    .label(fl!("settings-notification-content"))
                    .on_toggle(Message::NotificationContent),
            )
            .push(
                row![
                    button(text(fl!("settings-save"))).style(theme::primary_button).on_press(Message::Save),
                    button(text(fl!("settings-cancel"))).style(theme::secondary_button).on_press(Message::Cancel),
                ]
                .spacing(theme::SPACING),
            );
        form_page(page)
    }
}

fn labelled<'a>(label: String, field: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    row![text(label).width(Length::Fixed(260.0)), field.into()]
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center)
        .into()
}

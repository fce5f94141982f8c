//! Pochta as a desktop citizen: every window carries the app id the desktop entry names (so docks
//! group the windows with their launcher), the main window is fitted to the screen it opens on,
//! new mail is told in a desktop notification (who from and about what, grouped when several
//! arrive at once, or only how many when the settings hide the content), and a later `pochta`
//! start forwarded here brings the window to the front or opens a composer on a `mailto:` link.

use super::{App, Message};
use crate::engine::api::{EngineHandle, MessageSummary};
use crate::model::{AccountId, Flag, FolderRole};
use crate::platform::APP_ID;
use crate::platform::single_instance::Forwarded;
use iced::{Size, Task, window};

/// What the window manager's panels, docks and the title bar take at most off a screen's height,
/// and what is left free at the sides: winit tells the monitor's size, not its work area.
const PANELS_HEIGHT: f32 = 100.0;
const SIDE_MARGIN: f32 = 40.0;
/// A first window never grows past this on a large screen (a mail window, not a cinema).
const LARGEST_FIRST_SIZE: Size = Size::new(1600.0, 1000.0);
/// The smallest window the panes still make sense in.
pub(super) const SMALLEST: Size = Size::new(480.0, 360.0);

/// A window's settings with the app id (X11 WM_CLASS, Wayland app id), the icon, and the
/// smallest size its layout holds at.
pub(super) fn window_settings(size: Size) -> window::Settings {
    window::Settings {
        size,
        min_size: Some(SMALLEST),
        icon: crate::ui::theme::window_icon(),
        #[cfg(target_os = "linux")]
        platform_specific: window::settings::PlatformSpecific {
            application_id: APP_ID.to_string(),
            ..Default::default()
        },
        ..window::Settings::default()
    }
}

/// The main window's size on a monitor of `monitor` (logical pixels), starting from `size`:
/// shrunk to fit the screen less its panels; a first start (`remembered` false) also grows to
/// most of a large screen.
pub(super) fn fitted_size(size: Size, monitor: Size, remembered: bool) -> Size {
    let room = Size::new(
        (monitor.width - SIDE_MARGIN).max(SMALLEST.width),
        (monitor.height - PANELS_HEIGHT).max(SMALLEST.height),
    );
    let wanted = if remembered {
        size
    } else {
        Size::new(
            size.width.max(monitor.width * 0.8).min(LARGEST_FIRST_SIZE.width),
            size.height.max(monitor.height * 0.8).min(LARGEST_FIRST_SIZE.height),
        )
    };
    Size::new(wanted.width.min(room.width).round(), wanted.height.min(room.height).round())
}

impl App {
    pub(super) fn on_forwarded(&mut self, forwarded: Forwarded) -> Task<Message> {
        let front = self.windows.main.map_or_else(Task::none, bring_to_front);
        match forwarded {
            // Each letter has its own window, so one being written is never replaced.
            Forwarded::Compose(draft) => Task::batch([front, self.compose_mailto(draft)]),
            Forwarded::Raise => front,
        }
    }
}

/// Un-minimises and focuses the window (the window manager may only flash it instead).
fn bring_to_front(id: window::Id) -> Task<Message> {
    Task::batch([
        window::minimize(id, false),
        window::gain_focus(id),
        window::request_user_attention(id, Some(window::UserAttention::Informational)),
    ])
}

/// How many letters a notification names one by one; the rest are counted.
const NAMED_IN_NOTIFICATION: usize = 3;
/// How many senders the title of a grouped notification names.
const SENDERS_IN_TITLE: usize = 2;

/// A desktop notification's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Notification {
    pub summary: String,
    pub body: String,
}

/// What a notification says about `count` new letters of `account`: `letters` are the newest
/// unread of them (newest first; may be fewer than `count`, or none when they were not found);
/// with `show_content` false only how many and where, for a screen others can see.
pub(super) fn notification_words(
    account: &str,
    count: usize,
    letters: &[MessageSummary],
    show_content: bool,
) -> Notification {
    let count = count.max(letters.len());
    let sender = |letter: &MessageSummary| {
        let name = letter.from_name.trim();
        if name.is_empty() { letter.from_addr.trim().to_string() } else { name.to_string() }
    };
    let subject = |letter: &MessageSummary| match letter.subject.trim() {
        "" => crate::fl!("notice-desktop-no-subject"),
        subject => subject.to_string(),
    };
    match letters {
        _ if !show_content || letters.is_empty() => Notification {
            summary: crate::fl!("notice-desktop-new-mail-title"),
            body: crate::fl!("notice-desktop-new-mail-body", account = account.to_string(), count = count),
        },
        [letter] if count == 1 => Notification { summary: sender(letter), body: subject(letter) },
        _ => {
            let mut senders: Vec<String> = Vec::new();
            for name in letters.iter().map(sender) {
                if !senders.contains(&name) {
                    senders.push(name);
                }
            }
            let mut named = senders.iter().take(SENDERS_IN_TITLE).cloned().collect::<Vec<_>>().join(", ");
            if senders.len() > SENDERS_IN_TITLE || count > letters.len() {
                named.push('…');
            }
            let mut lines: Vec<String> = letters
                .iter()
                .take(NAMED_IN_NOTIFICATION)
                .map(|letter| {
                    crate::fl!("notice-desktop-letter-line", sender = sender(letter), subject = subject(letter))
                })
                .collect();
            let shown = letters.len().min(NAMED_IN_NOTIFICATION);
            if count > shown {
                lines.push(crate::fl!("notice-desktop-more", count = count.saturating_sub(shown)));
            }
            Notification {
                summary: crate::fl!("notice-desktop-grouped-title", count = count, senders = named),
                body: lines.join("\n"),
            }
        }
    }
}

/// Tells the desktop that `count` letters arrived for the account `email`: the newest unread of
/// its Inbox name who from and about what, unless the settings hide it. Runs as a task (the
/// cache is read here, off the window's thread); quietly nothing without a notification service
/// (a headless session, a minimal window manager): the status line says it anyway.
pub(super) async fn notify_new_mail(engine: EngineHandle, account: AccountId, email: String, count: usize) {
    let show_content = engine.settings().notification_content;
    let letters = if show_content { newest_unread(&engine, account, count) } else { Vec::new() };
    let words = notification_words(&email, count, &letters, show_content);
    let shown = notify_rust::Notification::new()
        .appname("Pochta")
        .icon(APP_ID)
        .summary(&words.summary)
        .body(&words.body)
        .show_async()
        .await;
    if let Err(err) = shown {
        tracing::debug!("no desktop notification: {err}");
    }
}

/// The newest unread letters of the account's Inbox, `count` at most (a few dozen are enough to
/// name the senders).
fn newest_unread(engine: &EngineHandle, account: AccountId, count: usize) -> Vec<MessageSummary> {
    let inbox = engine.folders(Some(account)).ok().and_then(|folders| {
        folders
            .into_iter()
            .find(|folder| folder.role == Some(FolderRole::Inbox) || folder.path.eq_ignore_ascii_case("INBOX"))
    });
    let Some(inbox) = inbox else { return Vec::new() };
    let page = engine.messages(inbox.id, 0, count.clamp(1, 50)).unwrap_or_default();
    page.into_iter().filter(|letter| !letter.flags.has_flag(Flag::Seen)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(from_name: &str, from_addr: &str, subject: &str) -> MessageSummary {
        MessageSummary {
            id: crate::model::MessageId(1),
            account: AccountId(1),
            folder: crate::model::FolderId(1),
            folder_path: "INBOX".into(),
            uid: None,
            uidl: None,
            message_id: None,
            date: None,
            from_name: from_name.into(),
            from_addr: from_addr.into(),
            to_addrs: String::new(),
            subject: subject.into(),
            flags: crate::model::Flags::default(),
            size: 0,
            has_attachments: false,
            has_body: false,
            thread: None,
            thread_size: 1,
        }
    }

    #[test]
    fn one_new_letter_is_told_by_its_sender_and_subject() {
        let words = notification_words("me@example.test", 1, &[letter("Anna Smirnova", "anna@x.test", "Dacha")], true);
        assert_eq!(words, Notification { summary: "Anna Smirnova".into(), body: "Dacha".into() });
        let nameless = notification_words("me@example.test", 1, &[letter("", "boris@x.test", " ")], true);
        assert_eq!(nameless, Notification { summary: "boris@x.test".into(), body: "(no subject)".into() });
    }

    #[test]
    fn many_new_letters_are_grouped_in_one_notification_naming_the_first_senders() {
        let letters = [
            letter("Anna", "a@x.test", "Tickets"),
            letter("Boris", "b@x.test", "Report"),
            letter("Anna", "a@x.test", "Tickets again"),
            letter("Vera", "v@x.test", "Dinner"),
        ];
        let words = notification_words("me@example.test", 5, &letters, true);
        assert_eq!(words.summary, "5 new messages from Anna, Boris…");
        assert_eq!(words.body, "Anna: Tickets\nBoris: Report\nAnna: Tickets again\nand 2 more");
    }

    #[test]
    fn the_letters_named_are_the_newest_unread_of_the_inbox() {
        let profile = tempfile::tempdir().unwrap();
        let engine = EngineHandle::open(crate::config::Paths::in_profile(profile.path())).unwrap();
        engine.load_demo_mailbox(&crate::engine::api::DemoLetters::Embedded).unwrap();
        let email = crate::engine::api::DEMO_ADDRESS;
        let account = engine.account_by_address(email).unwrap();
        let letters = newest_unread(&engine, account, 3);
        assert!(!letters.is_empty(), "the demo Inbox has unread letters");
        assert!(letters.iter().all(|l| l.folder_path == "INBOX" && !l.flags.has_flag(Flag::Seen)), "{letters:?}");
        let words = notification_words(email, 3, &letters, true);
        assert!(words.body.contains(&letters[0].subject), "{words:?}");
    }

    #[test]
    fn hidden_content_says_only_how_many_and_where() {
        let letters = [letter("Anna", "a@x.test", "Secret plans")];
        let words = notification_words("me@example.test", 1, &letters, false);
        assert_eq!(words.summary, "New mail");
        assert_eq!(words.body, "me@example.test: 1 new message");
        assert!(!format!("{words:?}").contains("Anna"));
    }

    #[test]
    fn the_first_window_fits_a_laptop_screen_less_its_panels() {
        let laptop = Size::new(1366.0, 768.0);
        let first = fitted_size(Size::new(1200.0, 680.0), laptop, false);
        assert!(first.height <= 668.0 && first.width <= 1326.0, "{first:?}");
        let small = fitted_size(Size::new(1200.0, 680.0), Size::new(1024.0, 600.0), false);
        assert_eq!(small, Size::new(984.0, 500.0));
    }

    #[test]
    fn a_first_window_grows_on_a_large_screen_and_a_remembered_one_keeps_its_size() {
        let full_hd = Size::new(1920.0, 1080.0);
        assert_eq!(fitted_size(Size::new(1200.0, 680.0), full_hd, false), Size::new(1536.0, 864.0));
        assert_eq!(fitted_size(Size::new(900.0, 600.0), full_hd, true), Size::new(900.0, 600.0));
        // A size remembered from a bigger screen is shrunk to this one.
        assert_eq!(fitted_size(Size::new(1800.0, 1000.0), Size::new(1366.0, 768.0), true), Size::new(1326.0, 668.0));
    }
}

//! The reader's bars: remote content blocked, a link whose words name another host, and a
//! long body shown only in part. Each bar is a wrapping row: its sentence takes the width it
//! needs (wrapping in a narrow pane) and the buttons follow it, or go under it when they do not
//! fit, so no label is squeezed and no button is drawn over words. The bars sit on the theme's
//! surface with its text colours, which reach WCAG AA in light and dark (theme::tokens).

use super::Message;
use crate::engine::api::reading::display_text;
use crate::ui::{format, theme};
use iced::widget::{Row, button, container, text};
use iced::{Alignment, Element, Length};

/// Addresses longer than this are shortened in the middle on a button.
const ADDRESS_SHOWN: usize = 40;

/// The bars' words; a word wider than a narrow pane (an address, a link) breaks between
/// letters instead of running past its box.
fn small<'a>(label: String) -> iced::widget::Text<'a> {
    text(label).size(theme::SMALL_SIZE).wrapping(text::Wrapping::WordOrGlyph)
}

/// A sentence and what can be done about it, wrapped to the pane's width.
fn bar<'a>(parts: Vec<Element<'a, Message>>) -> Element<'a, Message> {
    let line = Row::with_children(parts).spacing(theme::SPACING).align_y(Alignment::Center).wrap();
    container(line).padding(6).width(Length::Fill).style(theme::remote_bar).into()
}

/// Remote content blocked, with Load once and (for a verified sender) Always; a letter judged
/// junk gets the sentence only: its remote content does not load.
pub fn remote_bar<'a>(sender: &str, verified: bool, junk: bool) -> Element<'a, Message> {
    if junk {
        return bar(vec![small(crate::fl!("reader-remote-junk")).into()]);
    }
    let mut parts: Vec<Element<'a, Message>> = vec![
        small(crate::fl!("reader-remote-blocked")).into(),
        button(small(crate::fl!("reader-remote-load-once"))).on_press(Message::LoadRemoteOnce).into(),
    ];
    if sender.is_empty() {
        // Nobody to remember.
    } else if verified {
        parts.push(
            button(small(crate::fl!(
                "reader-remote-always",
                sender = format::ellipsize_middle(&display_text(sender), ADDRESS_SHOWN)
            )))
            .on_press(Message::LoadRemoteAlways)
            .into(),
        );
    } else {
        parts.push(small(crate::fl!("reader-remote-unverified")).style(theme::muted).into());
    }
    bar(parts)
}

/// "The link says www.bank.ru, but it leads to evil.test." with Open and Cancel.
pub fn misleading_link_bar<'a>(target: &str, claimed: &str) -> Element<'a, Message> {
    let target = format::ellipsize_middle(&display_text(target), 120);
    bar(vec![
        small(crate::fl!("reader-link-misleads", claimed = display_text(claimed), target = target.clone())).into(),
        button(small(crate::fl!("reader-link-open-anyway", target = target)))
            .on_press(Message::OpenMisleadingLink)
            .into(),
        button(small(crate::fl!("reader-cancel"))).on_press(Message::CancelMisleadingLink).into(),
    ])
}

/// Only the beginning of a long letter is shown: Show more, Show everything.
pub fn show_all_bar<'a>() -> Element<'a, Message> {
    bar(vec![
        small(crate::fl!("reader-body-cut")).into(),
        button(small(crate::fl!("reader-body-show-more"))).on_press(Message::ShowMore).into(),
        button(small(crate::fl!("reader-body-show-all"))).on_press(Message::ShowAll).into(),
    ])
}

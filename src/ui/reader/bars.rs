//! The reader's bars: remote content blocked, a link whose words name another host, and a
//! long body shown only in part.

use super::Message;
use crate::engine::api::reading::display_text;
use crate::ui::{format, theme};
use iced::widget::{button, container, row, text};
use iced::{Element, Length};

/// Remote content blocked, with Load once and (for a verified sender) Always; a letter judged
/// junk gets the sentence only: its remote content does not load.
pub fn remote_bar<'a>(sender: &str, verified: bool, junk: bool) -> Element<'a, Message> {
    let small = |label: String| text(label).size(theme::SMALL_SIZE);
    if junk {
        let bar = small(crate::fl!("reader-remote-junk")).width(Length::Fill);
        return container(bar).padding(6).width(Length::Fill).style(theme::remote_bar).into();
    }
    let mut bar = row![small(crate::fl!("reader-remote-blocked")).width(Length::Fill)]
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center)
        .push(button(small(crate::fl!("reader-remote-load-once"))).on_press(Message::LoadRemoteOnce));
    if sender.is_empty() {
        // Nobody to remember.
    } else if verified {
        bar = bar.push(
            button(small(crate::fl!("reader-remote-always", sender = display_text(sender))))
                .on_press(Message::LoadRemoteAlways),
        );
    } else {
        bar = bar.push(small(crate::fl!("reader-remote-unverified")).style(theme::muted));
    }
    container(bar).padding(6).width(Length::Fill).style(theme::remote_bar).into()
}

/// "The link says www.bank.ru, but it leads to evil.test." with Open and Cancel.
pub fn misleading_link_bar<'a>(target: &str, claimed: &str) -> Element<'a, Message> {
    let small = |label: String| text(label).size(theme::SMALL_SIZE);
    let target = format::ellipsize_middle(&display_text(target), 120);
    let bar = row![
        small(crate::fl!("reader-link-misleads", claimed = display_text(claimed), target = target.clone()))
            .width(Length::Fill),
        button(small(crate::fl!("reader-link-open-anyway", target = target))).on_press(Message::OpenMisleadingLink),
        button(small(crate::fl!("reader-cancel"))).on_press(Message::CancelMisleadingLink),
    ]
    .spacing(theme::SPACING)
    .align_y(iced::Alignment::Center);
    container(bar).padding(6).width(Length::Fill).style(theme::remote_bar).into()
}

pub fn show_all_bar<'a>() -> Element<'a, Message> {
    row![
        text(crate::fl!("reader-body-cut")).size(theme::SMALL_SIZE).style(theme::muted),
        button(text(crate::fl!("reader-body-show-more")).size(theme::SMALL_SIZE)).on_press(Message::ShowMore),
        button(text(crate::fl!("reader-body-show-all")).size(theme::SMALL_SIZE)).on_press(Message::ShowAll),
    ]
    .spacing(theme::SPACING)
    .align_y(iced::Alignment::Center)
    .into()
}

//! The provider's advice in the wizard: sentences at the normal reading size, and the web pages
//! they mention as links that open in the browser (an app-password page is no use as text that
//! cannot be clicked or even copied).

use super::Message;
use crate::ui::theme;
use iced::widget::{Column, button, column, text};
use iced::{Element, Theme};

/// One piece of advice and the pages it points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub text: String,
    pub links: Vec<String>,
}

impl Advice {
    /// `text` with its web addresses taken out into links (and `url`, when the text lacks it).
    pub fn new(text: &str, url: Option<&str>) -> Advice {
        let mut links: Vec<String> = Vec::new();
        let mut prose = Vec::new();
        for word in text.split(' ') {
            let bare = word.trim_start_matches(['(', '«', '"']).trim_end_matches([')', ',', ';', '»', '"', '.', ':']);
            if bare.starts_with("https://") || bare.starts_with("http://") {
                links.push(bare.to_string());
                let rest = word.replacen(bare, "", 1);
                let rest = rest.trim_matches(|c: char| matches!(c, '(' | ')' | '«' | '»' | '"'));
                if !rest.is_empty() {
                    prose.push(rest.to_string());
                }
            } else {
                prose.push(word.to_string());
            }
        }
        if let Some(url) = url
            && !links.iter().any(|l| l == url)
        {
            links.push(url.to_string());
        }
        let text = prose.join(" ").replace(" ,", ",").replace(" .", ".").replace(" :", ":");
        Advice { text: text.trim().trim_end_matches(':').trim_end().to_string(), links }
    }
}

/// Each piece of advice with its links under it.
pub fn view(advice: &[Advice]) -> Element<'_, Message> {
    advice
        .iter()
        .fold(Column::new().spacing(theme::SPACING), |list, item| {
            let links = item.links.iter().fold(Column::new().spacing(2), |links, url| {
                links.push(button(text(url.as_str())).padding(0).style(link).on_press(Message::OpenLink(url.clone())))
            });
            list.push(column![text(item.text.as_str()), links].spacing(2))
        })
        .into()
}

/// A link: coloured text, underlined when the pointer is on it.
fn link(theme: &Theme, status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    let color = if matches!(status, button::Status::Hovered | button::Status::Pressed) {
        palette.primary.strong.color
    } else {
        palette.primary.base.color
    };
    button::Style { background: None, text_color: color, ..button::Style::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_become_links_and_leave_the_sentence_readable() {
        let advice = Advice::new("Create an app password (https://id.yandex.ru/security/app-passwords).", None);
        assert_eq!(advice.links, ["https://id.yandex.ru/security/app-passwords"]);
        assert!(!advice.text.contains("https://"), "{}", advice.text);
        let advice = Advice::new("Switch IMAP on in the settings", Some("https://mail.example/settings"));
        assert_eq!(advice.text, "Switch IMAP on in the settings");
        assert_eq!(advice.links, ["https://mail.example/settings"]);
    }

    /// Every provider's advice, in both languages, with its links taken out, still reads as
    /// whole sentences: no "turn it on at, then", no dangling "Help", no "Create one" that
    /// points back at a sentence the wizard does not show.
    #[test]
    fn every_providers_advice_reads_whole_without_its_links() {
        let dangling = ["at", "Help", "на", "Справка", "Подробнее"];
        for provider in crate::engine::api::provider_presets() {
            let texts = [
                (&provider.enable_access, provider.enable_access_url.as_deref()),
                (&provider.app_password, provider.app_password_url.as_deref()),
            ];
            for (guidance, url) in texts {
                let Some(guidance) = guidance else { continue };
                for original in [&guidance.en, &guidance.ru] {
                    let advice = Advice::new(original, url);
                    let text = advice.text.as_str();
                    let at = format!("{}: {text:?}", provider.id);
                    assert!(!text.contains("http") && !text.contains("()") && !text.contains("  "), "{at}");
                    assert!(text.ends_with('.'), "a whole sentence at the end: {at}");
                    for piece in text.split([',', '.', ';', ':', ')', '(']) {
                        let last = piece.split_whitespace().last().unwrap_or_default();
                        assert!(!dangling.contains(&last), "a sentence broken where a link was: {last:?} in {at}");
                    }
                    assert!(!text.starts_with("Create one") && !text.starts_with("Создайте его"), "{at}");
                    assert!(advice.links.is_empty() != original.contains("https://"), "its pages are links: {at}");
                }
            }
        }
    }
}

//! Translations: the Fluent files in `i18n/{en,ru}/pochta.ftl`, embedded in the binary, and the
//! `fl!` macro every user-visible string goes through (GUI, wizard guidance, engine errors, CLI).
//!
//! The language follows the system locale (`LANG`, `LC_ALL`, `LC_MESSAGES`), unless the settings
//! override it. English is the fallback: a key missing in Russian shows in English, and a key missing
//! in English does not compile (`fl!` checks ids and arguments against `i18n/en`).

use std::sync::LazyLock;

use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use i18n_embed::{DesktopLanguageRequester, LanguageLoader};
use rust_embed::RustEmbed;

/// The translation files, compiled in so an installed binary needs nothing beside it.
#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Localizations;

/// The one loader; `fl!` reads from it. Starts in English so tests and early errors have text.
pub static LOADER: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
    let loader = fluent_language_loader!();
    if let Err(error) = loader.load_fallback_language(&Localizations) {
        tracing::error!("the English translation is broken: {error}");
    }
    // Unicode isolation marks around arguments render as boxes in iced (DESIGN §3). The setting
    // applies to the bundles loaded so far only: set again whenever languages are loaded.
    loader.set_use_isolating(false);
    loader
});

/// The languages Pochta has translations for, as (code, name in that language).
pub const LANGUAGES: &[(&str, &str)] = &[("en", "English"), ("ru", "Русский")];

/// Picks the language: `preferred` (the settings' override, e.g. "ru") when given, else the
/// system's. Unknown languages fall back to English.
pub fn select_language(preferred: Option<&str>) {
    let requested = match preferred.and_then(|code| code.parse().ok()) {
        Some(language) => vec![language],
        None => DesktopLanguageRequester::requested_languages(),
    };
    if let Err(error) = i18n_embed::select(&*LOADER, &Localizations, &requested) {
        tracing::warn!("could not load a translation: {error}");
    }
    LOADER.set_use_isolating(false);
}

/// The language in use now ("en", "ru").
pub fn current_language() -> String {
    LOADER.current_languages().first().map(|language| language.language.to_string()).unwrap_or_else(|| "en".into())
}

/// A translated string: `fl!("key")` or `fl!("key", name = value, ...)`.
#[macro_export]
macro_rules! fl {
    ($message_id:literal) => {{
        i18n_embed_fl::fl!($crate::i18n::LOADER, $message_id)
    }};
    ($message_id:literal, $($args:expr),* $(,)?) => {{
        i18n_embed_fl::fl!($crate::i18n::LOADER, $message_id, $($args),*)
    }};
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Message and term ids defined in a Fluent file (lines `id =` at the start of a line).
    fn ids(language: &str) -> BTreeSet<String> {
        let file = Localizations::get(&format!("{language}/pochta.ftl")).expect("translation file");
        let text = std::str::from_utf8(&file.data).expect("UTF-8");
        text.lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-'))
            .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_string()))
            .collect()
    }

    #[test]
    fn every_key_exists_in_every_language() {
        let english = ids("en");
        for (code, _) in LANGUAGES.iter().filter(|(code, _)| *code != "en") {
            let other = ids(code);
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(missing.is_empty(), "keys missing in {code}: {missing:?}");
            assert!(extra.is_empty(), "keys in {code} but not in en: {extra:?}");
        }
    }

    #[test]
    fn russian_is_chosen_by_override_and_unknown_languages_fall_back_to_english() {
        // A loader of its own: the shared one is global and other tests read it in parallel.
        let loader = fluent_language_loader!();
        loader.set_use_isolating(false);
        let pick = |code: &str| {
            let requested: Vec<_> = code.parse().into_iter().collect();
            i18n_embed::select(&loader, &Localizations, &requested).expect("select");
        };
        pick("ru");
        assert_eq!(i18n_embed_fl::fl!(loader, "app-title"), "Почта");
        pick("xx");
        assert_eq!(i18n_embed_fl::fl!(loader, "app-title"), "Pochta");
    }
}

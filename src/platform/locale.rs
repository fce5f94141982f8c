//! The user's language from the environment (LC_ALL, LC_MESSAGES, LANG), as "en" or "ru".

/// "ru" when the system locale is Russian, otherwise "en".
pub fn language() -> String {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(value) = std::env::var(var) {
            if value.is_empty() {
                continue;
            }
            return if value.to_ascii_lowercase().starts_with("ru") { "ru".into() } else { "en".into() };
        }
    }
    "en".into()
}

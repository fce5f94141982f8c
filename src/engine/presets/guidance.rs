//! What the wizard tells a person about a provider before and after the test: where to switch
//! mail programs on, where to create an app password, which login to type, and, where the
//! provider only accepts its own sign-in (OAuth2), that plainly, with a way forward.

use super::{AuthKind, Provider, describe_logins};

/// The provider's guidance in one language, for one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderGuidance<'a> {
    /// How to let mail programs in, and the page for it.
    pub enable_access: Option<&'a str>,
    pub enable_access_url: Option<&'a str>,
    /// Whether the usual password is refused and an app password is the way in.
    pub needs_app_password: bool,
    pub app_password: Option<&'a str>,
    pub app_password_url: Option<&'a str>,
    /// The login to type, described ("the full address (ivan@yandex.ru)").
    pub login: String,
    /// Set when the provider accepts no password at all, only its own sign-in (OAuth2), which
    /// this build of Pochta cannot do without a client id: what that means and what to do instead.
    pub oauth2_only: Option<String>,
    pub notes: Option<&'a str>,
}

impl Provider {
    /// The guidance for `email` in the current language (the provider's advice in Russian when the
    /// language is Russian, else English).
    pub fn guidance(&self, email: &str) -> ProviderGuidance<'_> {
        let lang = crate::i18n::current_language();
        ProviderGuidance {
            enable_access: self.enable_access.as_ref().map(|g| g.text(&lang)),
            enable_access_url: self.enable_access_url.as_deref(),
            needs_app_password: matches!(self.auth, AuthKind::AppPassword | AuthKind::AppPasswordOrOauth2),
            app_password: self.app_password.as_ref().map(|g| g.text(&lang)),
            app_password_url: self.app_password_url.as_deref(),
            login: describe_logins(self, email.trim()),
            oauth2_only: (self.auth == AuthKind::Oauth2)
                .then(|| crate::fl!("wizard-oauth2-only", provider = self.display_name())),
            notes: self.notes.as_ref().map(|g| g.text(&lang)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{find_by_id, providers};

    #[test]
    fn links_are_https_and_appear_in_both_texts_they_belong_to() {
        for provider in providers() {
            for (url, guidance) in [
                (&provider.enable_access_url, &provider.enable_access),
                (&provider.app_password_url, &provider.app_password),
            ] {
                let Some(url) = url else { continue };
                assert!(url.starts_with("https://"), "{}: {url}", provider.id);
                let guidance = guidance.as_ref().unwrap_or_else(|| panic!("{}: a link without a text", provider.id));
                assert!(guidance.en.contains(url.as_str()), "{}: {url} not in the English text", provider.id);
                assert!(guidance.ru.contains(url.as_str()), "{}: {url} not in the Russian text", provider.id);
            }
        }
    }

    #[test]
    fn providers_that_need_an_app_password_link_to_where_it_is_made() {
        for id in ["yandex", "mailru", "gmail", "yahoo", "icloud"] {
            let provider = find_by_id(id).unwrap();
            let guidance = provider.guidance("user@example.org");
            assert!(guidance.needs_app_password, "{id}");
            assert!(guidance.app_password_url.is_some_and(|u| u.starts_with("https://")), "{id}");
            let russian = provider.app_password.as_ref().map(|g| g.ru.to_lowercase());
            assert!(russian.is_some_and(|t| t.contains("парол")), "{id}: Russian text");
        }
    }

    #[test]
    fn providers_with_a_switch_link_to_it() {
        for id in ["yandex", "mailru", "gmail", "rambler", "outlook", "gmx", "gmx_com", "web_de", "zoho"] {
            let guidance = find_by_id(id).unwrap().guidance("user@example.org");
            assert!(guidance.enable_access_url.is_some(), "{id}");
            assert!(guidance.enable_access.is_some(), "{id}");
        }
    }

    #[test]
    fn outlook_states_plainly_that_only_oauth2_works_and_what_to_do() {
        let outlook = find_by_id("outlook").unwrap();
        let en = outlook.guidance("me@hotmail.com").oauth2_only.unwrap();
        assert!(en.contains("OAuth2") && en.contains("cannot do") && en.contains("forward"), "{en}");
        for provider in providers().iter().filter(|p| p.id != "outlook") {
            assert!(provider.guidance("a@b.c").oauth2_only.is_none(), "{}", provider.id);
        }
    }

    #[test]
    fn login_format_is_described_for_the_address() {
        let webde = find_by_id("web_de").unwrap().guidance("hans.m@web.de");
        assert_eq!(webde.login, "the part before @ (hans.m)");
        let yandex = find_by_id("yandex").unwrap().guidance("ivan@ya.ru");
        assert_eq!(yandex.login, "the full address (ivan@ya.ru)");
        let icloud = find_by_id("icloud").unwrap().guidance("emily@icloud.com");
        assert!(icloud.login.contains("IMAP: the part before @ (emily)"), "{}", icloud.login);
        assert!(icloud.login.contains("SMTP: the full address (emily@icloud.com)"), "{}", icloud.login);
    }
}

//! The bundled provider table: it parses, every promised domain finds its provider with the right
//! default servers, and every provider carries the guidance a person needs, in both languages.

use super::*;
use crate::model::Security::{self, Ssl, Starttls};

type Server = (&'static str, u16, Security);

/// What one provider must resolve to: its domains and the default servers (None: not offered).
struct Expected {
    id: &'static str,
    domains: &'static [&'static str],
    imap: Option<Server>,
    pop3: Option<Server>,
    smtp: Server,
}

const EXPECTED: &[Expected] = &[
    Expected {
        id: "yandex",
        domains: &["yandex.ru", "yandex.com", "yandex.by", "yandex.kz", "yandex.ua", "ya.ru", "narod.ru"],
        imap: Some(("imap.yandex.ru", 993, Ssl)),
        pop3: Some(("pop.yandex.ru", 995, Ssl)),
        smtp: ("smtp.yandex.ru", 465, Ssl),
    },
    Expected {
        id: "mailru",
        domains: &["mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru"],
        imap: Some(("imap.mail.ru", 993, Ssl)),
        pop3: Some(("pop.mail.ru", 995, Ssl)),
        smtp: ("smtp.mail.ru", 465, Ssl),
    },
    Expected {
        id: "gmail",
        domains: &["gmail.com", "googlemail.com"],
        imap: Some(("imap.gmail.com", 993, Ssl)),
        pop3: Some(("pop.gmail.com", 995, Ssl)),
        smtp: ("smtp.gmail.com", 465, Ssl),
    },
    Expected {
        id: "rambler",
        domains: &["rambler.ru", "lenta.ru", "ro.ru", "autorambler.ru", "myrambler.ru"],
        imap: Some(("imap.rambler.ru", 993, Ssl)),
        pop3: Some(("pop.rambler.ru", 995, Ssl)),
        smtp: ("smtp.rambler.ru", 465, Ssl),
    },
    Expected {
        id: "outlook",
        domains: &[
            "outlook.com",
            "hotmail.com",
            "live.com",
            "msn.com",
            "hotmail.co.uk",
            "hotmail.fr",
            "hotmail.de",
            "hotmail.it",
            "hotmail.es",
            "live.co.uk",
            "live.fr",
            "live.de",
            "live.ru",
            "outlook.de",
            "outlook.fr",
        ],
        imap: Some(("outlook.office365.com", 993, Ssl)),
        pop3: Some(("outlook.office365.com", 995, Ssl)),
        smtp: ("smtp-mail.outlook.com", 587, Starttls),
    },
    Expected {
        id: "yahoo",
        domains: &[
            "yahoo.com",
            "yahoo.co.uk",
            "yahoo.de",
            "yahoo.fr",
            "yahoo.it",
            "yahoo.es",
            "yahoo.com.br",
            "yahoo.co.in",
            "yahoo.com.au",
            "ymail.com",
        ],
        imap: Some(("imap.mail.yahoo.com", 993, Ssl)),
        pop3: Some(("pop.mail.yahoo.com", 995, Ssl)),
        smtp: ("smtp.mail.yahoo.com", 465, Ssl),
    },
    Expected {
        id: "icloud",
        domains: &["icloud.com", "me.com", "mac.com"],
        imap: Some(("imap.mail.me.com", 993, Ssl)),
        pop3: None,
        smtp: ("smtp.mail.me.com", 587, Starttls),
    },
    Expected {
        id: "gmx",
        domains: &["gmx.net", "gmx.de", "gmx.at", "gmx.ch"],
        imap: Some(("imap.gmx.net", 993, Ssl)),
        pop3: Some(("pop.gmx.net", 995, Ssl)),
        smtp: ("mail.gmx.net", 465, Ssl),
    },
    Expected {
        id: "gmx_com",
        domains: &["gmx.com"],
        imap: Some(("imap.gmx.com", 993, Ssl)),
        pop3: Some(("pop.gmx.com", 995, Ssl)),
        smtp: ("mail.gmx.com", 465, Ssl),
    },
    Expected {
        id: "web_de",
        domains: &["web.de"],
        imap: Some(("imap.web.de", 993, Ssl)),
        pop3: Some(("pop3.web.de", 995, Ssl)),
        smtp: ("smtp.web.de", 587, Starttls),
    },
    Expected {
        id: "zoho",
        domains: &["zoho.com", "zohomail.com"],
        imap: Some(("imap.zoho.com", 993, Ssl)),
        pop3: Some(("pop.zoho.com", 995, Ssl)),
        smtp: ("smtp.zoho.com", 465, Ssl),
    },
    Expected {
        id: "fastmail",
        domains: &["fastmail.com", "fastmail.fm"],
        imap: Some(("imap.fastmail.com", 993, Ssl)),
        pop3: Some(("pop.fastmail.com", 995, Ssl)),
        smtp: ("smtp.fastmail.com", 465, Ssl),
    },
];

fn server(endpoint: Option<&ServerEndpoint>) -> Option<(&str, u16, Security)> {
    endpoint.map(|e| (e.host.as_str(), e.port, e.security))
}

fn servers(list: &[ServerEndpoint]) -> Vec<(&str, u16, Security)> {
    list.iter().map(|e| (e.host.as_str(), e.port, e.security)).collect()
}

fn provider(id: &str) -> &'static Provider {
    find_by_id(id).unwrap_or_else(|| panic!("no preset {id}"))
}

#[test]
fn bundled_file_parses_with_unique_ids_and_domains() {
    let parsed = parse_providers(PROVIDERS_TOML).expect("assets/providers.toml parses");
    assert_eq!(parsed.len(), providers().len());
    let mut ids: Vec<&str> = parsed.iter().map(|p| p.id.as_str()).collect();
    let mut domains: Vec<&str> = parsed.iter().flat_map(|p| p.domains.iter().map(String::as_str)).collect();
    let (id_count, domain_count) = (ids.len(), domains.len());
    ids.sort_unstable();
    ids.dedup();
    domains.sort_unstable();
    domains.dedup();
    assert_eq!(ids.len(), id_count, "duplicate provider id");
    assert_eq!(domains.len(), domain_count, "a domain belongs to two providers");
}

#[test]
fn every_required_domain_resolves_to_its_provider_and_default_servers() {
    for expected in EXPECTED {
        for domain in expected.domains {
            let found = find_by_domain(domain).unwrap_or_else(|| panic!("{domain} has no preset"));
            assert_eq!(found.id, expected.id, "{domain}");
            assert_eq!(server(found.imap.first()), expected.imap, "{domain} IMAP");
            assert_eq!(server(found.pop3.first()), expected.pop3, "{domain} POP3");
            assert_eq!(server(found.smtp.first()), Some(expected.smtp), "{domain} SMTP");
            let by_address = find_for_address(&format!("Someone.Name@{}", domain.to_uppercase()));
            assert_eq!(by_address.map(|p| p.id.as_str()), Some(expected.id), "address at {domain}");
        }
    }
}

#[test]
fn domain_lookup_ignores_case_spaces_at_sign_and_trailing_dot() {
    for input in [" Mail.RU ", "@mail.ru", "mail.ru.", "MAIL.RU."] {
        assert_eq!(find_by_domain(input).map(|p| p.id.as_str()), Some("mailru"), "{input:?}");
    }
    assert_eq!(find_for_address(" <ivan@Yandex.Ru> ").map(|p| p.id.as_str()), Some("yandex"));
}

#[test]
fn internationalised_domains_are_lowercased_and_unknown_ones_find_nothing() {
    assert_eq!(normalize_domain("ПОЧТА.РФ."), "почта.рф");
    assert!(find_by_domain("ПОЧТА.РФ").is_none());
    assert!(find_for_address("иван@почта.рф").is_none());
}

#[test]
fn unknown_domains_and_malformed_addresses_find_no_provider() {
    for domain in ["example.org", "", "  ", "mail.ru.example.org", "notmail.ru", "ru"] {
        assert!(find_by_domain(domain).is_none(), "{domain:?}");
    }
    for address in ["no-at-sign", "", "user@", "user@example.org"] {
        assert!(find_for_address(address).is_none(), "{address:?}");
    }
    assert!(find_by_id("nonexistent").is_none());
    assert_eq!(find_by_id(" MailRu ").map(|p| p.id.as_str()), Some("mailru"));
}

#[test]
fn mailru_smtp_offers_465_ssl_then_587_and_2525_starttls() {
    assert_eq!(
        servers(&provider("mailru").smtp),
        [("smtp.mail.ru", 465, Ssl), ("smtp.mail.ru", 587, Starttls), ("smtp.mail.ru", 2525, Starttls)]
    );
}

#[test]
fn documented_alternatives_follow_the_defaults() {
    assert_eq!(servers(&provider("yandex").imap), [("imap.yandex.ru", 993, Ssl), ("imap.yandex.ru", 143, Starttls)]);
    assert_eq!(servers(&provider("yandex").smtp), [("smtp.yandex.ru", 465, Ssl), ("smtp.yandex.ru", 587, Starttls)]);
    assert_eq!(servers(&provider("gmail").smtp), [("smtp.gmail.com", 465, Ssl), ("smtp.gmail.com", 587, Starttls)]);
}

#[test]
fn no_preset_offers_an_unencrypted_server_or_port_zero() {
    for provider in providers() {
        for endpoint in provider.imap.iter().chain(&provider.pop3).chain(&provider.smtp) {
            assert_ne!(endpoint.security, Security::None, "{}: {endpoint}", provider.id);
            assert_ne!(endpoint.port, 0, "{}: {endpoint}", provider.id);
            assert!(!endpoint.host.trim().is_empty(), "{}", provider.id);
        }
        assert!(!provider.smtp.is_empty(), "{} has no SMTP server", provider.id);
        assert!(!provider.imap.is_empty() || !provider.pop3.is_empty(), "{} has no incoming server", provider.id);
    }
}

#[test]
fn icloud_imap_takes_the_local_part_and_smtp_the_full_address() {
    let icloud = provider("icloud");
    assert_eq!(icloud.login_for(Some(Protocol::Imap), " emily.parker@icloud.com "), "emily.parker");
    assert_eq!(icloud.login_for(None, "emily.parker@icloud.com"), "emily.parker@icloud.com");
    assert!(icloud.incoming(Protocol::Pop3).is_empty());
}

#[test]
fn logins_follow_the_provider_format() {
    assert_eq!(provider("gmail").login_for(Some(Protocol::Pop3), "a.b@gmail.com"), "a.b@gmail.com");
    assert_eq!(provider("yandex").login_for(None, "ivan@ya.ru"), "ivan@ya.ru");
    assert_eq!(provider("web_de").login_for(Some(Protocol::Imap), "hans@web.de"), "hans");
    assert_eq!(provider("mailru").incoming(Protocol::Pop3)[0].host, "pop.mail.ru");
}

#[test]
fn mx_lookup_matches_suffixes_on_a_dot_boundary_only() {
    let cases = [
        ("aspmx.l.google.com", Some("gmail")),
        ("ALT1.ASPMX.L.GOOGLE.COM.", Some("gmail")),
        ("aspmx2.googlemail.com", Some("gmail")),
        ("mx.yandex.net", Some("yandex")),
        ("mxs.mail.ru", Some("mailru")),
        ("emx.mail.ru", Some("mailru")),
        ("contoso-com.mail.protection.outlook.com", Some("outlook")),
        ("eur.olc.protection.outlook.com", Some("outlook")),
        ("mx01.mail.icloud.com", Some("icloud")),
        ("in1-smtp.messagingengine.com", Some("fastmail")),
        ("notgoogle.com", None),
        ("google.com.example.org", None),
        ("fakemx.yandex.net", None),
        ("mail.example.org", None),
        ("", None),
    ];
    for (host, expected) in cases {
        assert_eq!(find_by_mx(host).map(|p| p.id.as_str()), expected, "{host:?}");
    }
}

fn assert_bilingual(provider: &Provider, what: &str, guidance: Option<&Guidance>) {
    let guidance = guidance.unwrap_or_else(|| panic!("{}: {what} is missing", provider.id));
    assert!(!guidance.en.trim().is_empty(), "{}: {what} has no English text", provider.id);
    assert!(!guidance.ru.trim().is_empty(), "{}: {what} has no Russian text", provider.id);
    // Catches English pasted into the Russian field.
    assert!(
        guidance.ru.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))),
        "{}: {what} in Russian has no Cyrillic",
        provider.id
    );
}

#[test]
fn every_provider_has_the_guidance_its_rules_need_in_both_languages() {
    for provider in providers() {
        assert_bilingual(provider, "enable_access", provider.enable_access.as_ref());
        if matches!(provider.auth, AuthKind::AppPassword | AuthKind::AppPasswordOrOauth2) {
            assert_bilingual(provider, "app_password", provider.app_password.as_ref());
        } else if let Some(app_password) = &provider.app_password {
            assert_bilingual(provider, "app_password", Some(app_password));
        }
        if let Some(notes) = &provider.notes {
            assert_bilingual(provider, "notes", Some(notes));
        }
        let offers_pop3 = !provider.pop3.is_empty();
        assert_eq!(provider.pop3_dele.is_some(), offers_pop3, "{}: pop3_dele exactly with POP3", provider.id);
        assert_eq!(provider.pop3_dele_note.is_some(), offers_pop3, "{}: pop3_dele_note exactly with POP3", provider.id);
        if offers_pop3 {
            assert_bilingual(provider, "pop3_dele_note", provider.pop3_dele_note.as_ref());
        }
    }
}

#[test]
fn names_domains_and_dates_are_well_formed() {
    for provider in providers() {
        assert!(!provider.name.trim().is_empty(), "{}", provider.id);
        assert!(!provider.domains.is_empty(), "{}", provider.id);
        for name in provider.domains.iter().chain(&provider.mx_suffixes) {
            assert_eq!(*name, normalize_domain(name), "{}: {name:?} is not a normalised domain", provider.id);
            assert!(name.contains('.'), "{}: {name:?}", provider.id);
        }
        let date: Vec<&str> = provider.last_verified.split('-').collect();
        let well_formed = date.len() == 3
            && [4, 2, 2]
                .iter()
                .zip(&date)
                .all(|(len, part)| part.len() == *len && part.bytes().all(|b| b.is_ascii_digit()));
        assert!(well_formed, "{}: last_verified {:?} is not YYYY-MM-DD", provider.id, provider.last_verified);
    }
}

#[test]
fn provider_rules_that_change_client_behaviour() {
    assert!(provider("gmail").sent_copy_by_server);
    assert!(!provider("yandex").sent_copy_by_server);
    assert_eq!(provider("yandex").pop3_dele, Some(Pop3Dele::KeepsCopy));
    assert_eq!(provider("gmail").pop3_dele, Some(Pop3Dele::PerWebSettings));
    assert_eq!(provider("mailru").auth, AuthKind::AppPasswordOrOauth2);
    assert_eq!(provider("outlook").auth, AuthKind::Oauth2);
    assert!(provider("mailru").notes.as_ref().is_some_and(|n| n.en.contains("Application password is REQUIRED")));
    assert!(provider("gmail").app_password.as_ref().is_some_and(|g| g.en.contains("2-Step Verification")));
}

#[test]
fn guidance_text_picks_russian_for_russian_locales_and_falls_back_to_english() {
    let both = Guidance { en: "Open settings".into(), ru: "Откройте настройки".into() };
    assert_eq!(both.text("ru"), "Откройте настройки");
    assert_eq!(both.text("ru_RU.UTF-8"), "Откройте настройки");
    assert_eq!(both.text("RU-ru"), "Откройте настройки");
    assert_eq!(both.text("en"), "Open settings");
    assert_eq!(both.text("de_DE"), "Open settings");
    assert_eq!(both.text(""), "Open settings");
    let english_only = Guidance { en: "Open settings".into(), ru: " ".into() };
    assert_eq!(english_only.text("ru"), "Open settings");
}

#[test]
fn describe_shows_servers_alternatives_login_rules_and_date() {
    let mailru = provider("mailru");
    let english = describe(mailru);
    for expected in [
        "Mail.ru (mailru)",
        "inbox.ru",
        "smtp.mail.ru",
        "2525",
        "STARTTLS",
        "SSL/TLS",
        "alternative",
        "the full address (user@mail.ru)",
        "app password",
        "https://account.mail.ru/user/2-step-auth/passwords/",
        "deletes the message on the server",
        "Last verified",
        &mailru.last_verified,
    ] {
        assert!(english.contains(expected), "missing {expected:?} in:\n{english}");
    }
    assert!(english.lines().all(|line| line.chars().count() <= TEXT_WIDTH || !line.trim().contains(' ')));
}

#[test]
fn describe_names_missing_protocols_and_per_protocol_logins() {
    let icloud = describe(provider("icloud"));
    assert!(icloud.contains("POP3: not offered"), "{icloud}");
    assert!(icloud.contains("IMAP: the part before @ (user)"), "{icloud}");
    assert!(icloud.contains("SMTP: the full address (user@icloud.com)"), "{icloud}");
    assert!(!icloud.contains("POP3 delete"), "{icloud}");
}

#[test]
fn summary_table_has_a_header_and_one_line_per_provider() {
    let table = summary_table();
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("id") && lines[0].contains("IMAP") && lines[0].contains("SMTP"));
    for (line, provider) in lines[1..].iter().zip(providers()) {
        assert!(line.starts_with(&provider.id), "{line}");
        assert!(line.contains(&provider.smtp[0].host), "{line}");
    }
    assert!(table.contains("imap.mail.ru") && table.contains("+2 more"));
}

#[test]
fn wrapping_keeps_words_whole() {
    assert_eq!(wrap_words("aa bb cc", 5), ["aa bb", "cc"]);
    assert_eq!(wrap_words("https://a.very.long.example/url x", 10), ["https://a.very.long.example/url", "x"]);
    assert_eq!(wrap_words("", 10), [""]);
}

#[test]
fn a_hosted_domain_is_known_by_the_providers_servers() {
    let google = find_by_servers("imap.gmail.com", "smtp.gmail.com").map(|p| p.id.as_str());
    assert_eq!(google, Some("gmail"));
    assert!(google.and_then(find_by_id).is_some_and(|p| p.sent_copy_by_server));
    assert_eq!(find_by_servers("IMAP.GMAIL.COM.", "smtp.gmail.com").map(|p| p.id.as_str()), Some("gmail"));
    // Gmail's IMAP with another SMTP: Gmail does not see the letter, so nobody files it.
    assert!(find_by_servers("imap.gmail.com", "mail.example.org").is_none());
    assert!(find_by_servers("mail.example.org", "mail.example.org").is_none());
}

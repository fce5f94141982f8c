//! Names that cannot lie: file names of attachments and exports, folder names from servers and
//! senders' display names, as the user sees them. Invisible characters that reorder or hide text
//! (bidirectional controls such as U+202E RIGHT-TO-LEFT OVERRIDE, zero-width and other format
//! characters, Unicode category Cf) are taken out, so "invoice<U+202E>txt.exe" reads
//! "invoicetxt.exe", not "invoiceexe.txt"; Windows device names are never produced; a name whose
//! extension pretends to be another type is flagged; a display name that is itself an address,
//! or names another domain, is shown with the real address next to it.

/// Longest file name written, in bytes (file systems allow 255).
const MAX_FILE_NAME: usize = 200;

/// Whether `c` is drawn as nothing while changing what is around it: the bidirectional controls
/// (U+200E/F, U+202A-U+202E, U+2066-U+2069, U+061C), zero-width characters and every other
/// format character (Unicode 15 category Cf), and the few letters that render blank (Hangul
/// fillers, combining grapheme joiner, variation selectors).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Text from a letter or a server made safe to show on one line: invisible characters gone
/// (zero-width joiners between letters kept, Persian and emoji need them), control characters
/// and line breaks become spaces, runs of spaces one. The text cannot reorder what follows it.
pub fn display_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\u{200C}' | '\u{200D}') {
            out.push(c);
        } else if is_invisible(c) {
            continue;
        } else if c.is_control() || c.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    // A joiner left at either end joins nothing.
    out.trim_matches(|c: char| c == ' ' || c == '\u{200C}' || c == '\u{200D}').to_string()
}

/// A file name that cannot leave the folder it is saved in nor lie about its type: no path
/// separators, no "..", no control or invisible characters, no leading dots, no Windows device
/// names (with any extension); never empty; Cyrillic kept; at most 200 bytes, the extension kept.
pub fn sanitize_filename(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| {
            if c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else if c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim_end_matches(['.', ' ']).to_string();
    let mut safe =
        if trimmed.is_empty() || is_reserved_device_name(&trimmed) { format!("_{trimmed}") } else { trimmed };
    if safe == "_" {
        safe = "attachment".into();
    }
    shorten(safe, MAX_FILE_NAME)
}

/// CON, PRN, AUX, NUL, COM0-9 and LPT0-9 (also with the superscript digits Windows accepts),
/// with or without an extension and trailing spaces: names Windows opens as devices.
pub fn is_reserved_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").trim_end().to_uppercase();
    match stem.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => {
            let (port, digit) = if let Some(digit) = stem.strip_prefix("COM") {
                (true, digit)
            } else if let Some(digit) = stem.strip_prefix("LPT") {
                (true, digit)
            } else {
                (false, "")
            };
            port && matches!(digit, "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³")
        }
    }
}

/// At most `max` bytes, cutting the stem and keeping a short extension.
fn shorten(name: String, max: usize) -> String {
    if name.len() <= max {
        return name;
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 16 => (stem, format!(".{ext}")),
        _ => (name.as_str(), String::new()),
    };
    let mut end = max - extension.len();
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{extension}", &stem[..end])
}

/// Extensions that run something when the file is opened.
const RUNS_WHEN_OPENED: &[&str] = &[
    "exe", "scr", "com", "pif", "bat", "cmd", "msi", "msp", "cpl", "hta", "jar", "js", "jse", "vbs", "vbe", "wsf",
    "wsh", "ps1", "lnk", "reg", "sh", "run", "desktop", "appimage", "apk", "app", "dll", "iso",
];

/// Extensions people take for documents and pictures.
const LOOKS_HARMLESS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "rtf", "txt", "csv", "jpg", "jpeg", "png", "gif",
    "bmp", "webp", "mp3", "mp4", "avi", "mov", "zip", "rar", "7z", "html", "htm", "eml", "ics",
];

/// Why an attachment's name misleads about what it is, if it does: the real (last) extension
/// when the name also shows a harmless one before it ("invoice.pdf.exe", "photo.jpg     .scr"),
/// or when the sender's declared type is a document or picture but the name runs something.
/// None for honest names. `filename` is the name as saved (already sanitised).
pub fn misleading_extension(filename: &str, content_type: &str) -> Option<String> {
    let name = sanitize_filename(filename).to_lowercase();
    let mut parts = name.rsplit('.');
    let real = parts.next()?.trim().to_string();
    let shown = parts.next().map(|inner| inner.trim().rsplit(' ').next().unwrap_or("").to_string());
    if shown.is_none() || !RUNS_WHEN_OPENED.contains(&real.as_str()) {
        return None;
    }
    let double = shown.as_deref().is_some_and(|inner| LOOKS_HARMLESS.contains(&inner));
    let declared = content_type.to_ascii_lowercase();
    let declared_harmless = declared.starts_with("image/")
        || declared.starts_with("audio/")
        || declared.starts_with("video/")
        || declared.starts_with("text/")
        || matches!(declared.as_str(), "application/pdf" | "application/msword" | "application/rtf")
        || declared.starts_with("application/vnd.openxmlformats")
        || declared.starts_with("application/vnd.oasis");
    (double || declared_harmless).then_some(real)
}

/// A sender as a list shows them: the name if there is one, else the address; with the real
/// address too ("support@bank.ru <evil@x.test>") when the name hides it (see
/// [`name_hides_address`]). Invisible characters that could reorder the text are gone.
pub fn honest_sender(name: &str, address: &str) -> String {
    let shown = display_text(name);
    let address = display_text(address);
    if shown.is_empty() {
        address
    } else if name_hides_address(&shown, &address) {
        format!("{shown} <{address}>")
    } else {
        shown
    }
}

/// Whether a sender's display name needs the real address shown next to it: the name is (or
/// holds) an address, or names a web domain other than the address's own. Invisible characters
/// are ignored in the comparison, so "support@bank\u{200B}.ru" counts as an address.
pub fn name_hides_address(name: &str, address: &str) -> bool {
    let name: String = display_text(name).chars().filter(|c| !matches!(c, '\u{200C}' | '\u{200D}')).collect();
    let name = name.to_lowercase();
    if name.is_empty() {
        return false;
    }
    if name.contains('@') || name.contains('＠') || name.contains('﹫') {
        return true;
    }
    let address_domain = address.rsplit_once('@').map(|(_, domain)| domain.trim().to_lowercase()).unwrap_or_default();
    name.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map(|word| word.trim_matches('.'))
        .filter(|word| looks_like_domain(word))
        .any(|domain| !same_site(domain, &address_domain))
}

/// "bank.ru", "www.paypal.com": letters or digits in two or more dot-separated labels, the last
/// alphabetic (a name such as "Dr. Who" or "v2.0" is not a domain).
fn looks_like_domain(word: &str) -> bool {
    let labels: Vec<&str> = word.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| !label.is_empty())
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
        && labels.first().is_some_and(|first| first.chars().count() >= 2)
}

/// "www.bank.ru" and "mail.bank.ru" are one site; "bank.ru.evil.test" and "bank.ru" are not.
fn same_site(a: &str, b: &str) -> bool {
    let strip = |d: &str| d.strip_prefix("www.").unwrap_or(d).to_string();
    let (a, b) = (strip(a), strip(b));
    a == b || a.ends_with(&format!(".{b}")) || b.ends_with(&format!(".{a}"))
}

/// The host a link's words claim when they differ from where it really goes: "https://www.bank.ru/login"
/// over a link to evil.test gives Some("www.bank.ru"). Words that are not an address or a URL
/// ("Track it") claim nothing. A `mailto:` link is compared with the address its words show.
pub fn link_text_misleads(text: &str, href: &str) -> Option<String> {
    let words: String = display_text(text).chars().filter(|c| !matches!(c, '\u{200C}' | '\u{200D}')).collect();
    let words = words.trim().trim_end_matches(['.', ',', ';', ':', '!', '?', ')']).to_lowercase();
    if words.contains(char::is_whitespace) || words.is_empty() {
        return None;
    }
    let claimed = if let Some(address) =
        words.strip_prefix("mailto:").or(Some(words.as_str())).filter(|w| w.contains('@') && !w.contains("://"))
    {
        address.rsplit_once('@').map(|(_, domain)| domain.to_string())?
    } else {
        let rest = words.split_once("://").map(|(_, rest)| rest).unwrap_or(&words);
        url_host(rest)?
    };
    if !looks_like_domain(&claimed) && claimed.parse::<std::net::IpAddr>().is_err() {
        return None;
    }
    let target = href.trim().to_lowercase();
    let real = match target.strip_prefix("mailto:") {
        Some(address) => address.split(['?', ',']).next().unwrap_or("").rsplit_once('@').map(|(_, d)| d.to_string()),
        None => target.split_once("://").and_then(|(_, rest)| url_host(rest)),
    }
    .unwrap_or_default();
    (claimed != real && !same_site(&claimed, &real)).then_some(claimed)
}

/// "user@www.bank.ru:443/path?q" → "www.bank.ru": the host part of what follows "scheme://"
/// (the user part before an "@" is what fools people: "https://www.bank.ru@evil.test/").
pub fn url_host(rest: &str) -> Option<String> {
    let authority = rest.split(['/', '?', '#', '\\']).next()?;
    let host_port = authority.rsplit_once('@').map(|(_, host)| host).unwrap_or(authority);
    let host = if host_port.starts_with('[') {
        host_port.split(']').next()?.trim_start_matches('[')
    } else {
        host_port.split(':').next()?
    };
    let host = host.trim_end_matches('.').to_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_and_zero_width_characters_cannot_disguise_a_file_name() {
        assert_eq!(sanitize_filename("invoice\u{202E}txt.exe"), "invoicetxt.exe");
        assert_eq!(sanitize_filename("photo\u{2067}gpj.scr\u{2069}"), "photogpj.scr");
        assert_eq!(sanitize_filename("re\u{200B}port\u{FEFF}.pdf\u{200E}"), "report.pdf");
        assert_eq!(sanitize_filename("\u{202D}\u{202C}"), "attachment");
        assert_eq!(sanitize_filename("a\u{2028}b.txt"), "a b.txt");
        assert_eq!(sanitize_filename("Счёт №42.pdf"), "Счёт №42.pdf");
    }

    #[test]
    fn every_windows_device_name_is_refused_with_any_extension() {
        for name in ["CON", "prn.txt", "Aux.tar.gz", "nul", "COM1", "com5.log", "COM9", "LPT4", "lpt9.txt", "COM¹"] {
            assert!(sanitize_filename(name).starts_with('_'), "{name} → {}", sanitize_filename(name));
        }
        for name in ["CONTRACT.pdf", "COM10.txt", "console.log", "LPT.txt"] {
            assert_eq!(sanitize_filename(name), name, "{name} is an ordinary name");
        }
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.exe", "я".repeat(300));
        let safe = sanitize_filename(&long);
        assert!(safe.len() <= MAX_FILE_NAME && safe.ends_with(".exe"), "{safe}");
    }

    #[test]
    fn a_name_whose_shown_extension_is_not_the_real_one_is_flagged() {
        assert_eq!(misleading_extension("invoice.pdf.exe", "application/octet-stream").as_deref(), Some("exe"));
        assert_eq!(misleading_extension("photo.jpg          .scr", "image/jpeg").as_deref(), Some("scr"));
        assert_eq!(misleading_extension("invoicetxt.exe", "text/plain").as_deref(), Some("exe"));
        assert_eq!(misleading_extension("setup.exe", "application/x-msdownload"), None, "honest about what it is");
        assert_eq!(misleading_extension("report.pdf", "application/pdf"), None);
        assert_eq!(misleading_extension("archive.tar.gz", "application/gzip"), None);
    }

    #[test]
    fn a_display_name_that_is_an_address_or_another_domain_needs_the_real_address() {
        assert!(name_hides_address("support@bank.ru", "evil@x.test"));
        assert!(name_hides_address("support＠bank.ru", "evil@x.test"));
        assert!(name_hides_address("Bank.ru support", "evil@x.test"));
        assert!(name_hides_address("www.bank.ru", "noreply@x.test"));
        assert!(!name_hides_address("Bank.ru support", "noreply@mail.bank.ru"));
        assert!(!name_hides_address("Анна Петрова", "anna@example.org"));
        assert!(!name_hides_address("Dr. Who", "who@example.org"));
        assert!(!name_hides_address("", "who@example.org"));
    }

    #[test]
    fn link_words_that_name_another_host_are_caught() {
        let misleads = link_text_misleads;
        assert_eq!(misleads("https://www.bank.ru/login", "https://evil.test/x").as_deref(), Some("www.bank.ru"));
        assert_eq!(misleads("www.bank.ru", "https://www.bank.ru@evil.test/").as_deref(), Some("www.bank.ru"));
        assert_eq!(misleads("support@bank.ru", "mailto:phish@evil.test").as_deref(), Some("bank.ru"));
        assert_eq!(misleads("bank.ru.", "http://bank.ru.evil.test/").as_deref(), Some("bank.ru"));
        assert_eq!(misleads("https://www.bank.ru/login", "https://bank.ru/login?x=1"), None, "the same site");
        assert_eq!(misleads("Track it", "https://evil.test/"), None, "words that claim no host");
        assert_eq!(misleads("shop.example/track", "https://shop.example/track"), None);
        assert_eq!(misleads("mail me", "mailto:a@b.example"), None);
        assert_eq!(misleads("v2.0", "https://evil.test/"), None);
    }

    #[test]
    fn display_text_cannot_reverse_what_follows() {
        assert_eq!(display_text("Bank \u{202E}Support"), "Bank Support");
        assert_eq!(display_text("  Inbox\r\n\tNew "), "Inbox New");
        assert_eq!(display_text("👨\u{200D}👩"), "👨\u{200D}👩", "emoji joiners stay");
        assert_eq!(display_text("\u{200D}x\u{200C}"), "x");
    }
}

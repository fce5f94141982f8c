//! MIME parsing against fixtures named after the quirk they hold (tests/fixtures/mime).

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../../../tests/fixtures/mime/", $name))
    };
}

#[test]
fn subject_koi8r_encoded_word_and_body_decode() {
    let parsed = parse(fixture!("subject_koi8r_encoded_word.eml"));
    assert_eq!(parsed.subject, "Отчёт за ноябрь");
    assert_eq!(parsed.from.as_ref().unwrap().name, "Иван Петров");
    assert_eq!(parsed.message_id.as_deref(), Some("koi8@example.ru"));
    assert!(parsed.text.contains("Отчёт во вложении"), "{}", parsed.text);
    assert_eq!(parsed.date, Some(1_793_603_700));
}

#[test]
fn body_windows1251_8bit_decodes() {
    let parsed = parse(fixture!("body_windows1251_8bit.eml"));
    assert_eq!(parsed.subject, "Заказ");
    assert!(parsed.text.contains("Ваш заказ №42 отправлен"), "{}", parsed.text);
}

#[test]
fn attachment_name_rfc2231_cyrillic_is_decoded() {
    let parsed = parse(fixture!("attachment_name_rfc2231_cyrillic.eml"));
    assert_eq!(parsed.attachments.len(), 1);
    assert_eq!(parsed.attachments[0].filename, "Счёт №42.pdf");
    assert_eq!(parsed.attachments[0].content_type, "application/pdf");
    assert!(parsed.has_attachments);
}

#[test]
fn attachment_path_traversal_name_cannot_escape() {
    let parsed = parse(fixture!("attachment_path_traversal_name.eml"));
    assert_eq!(parsed.attachments[0].filename, "bashrc");
    for (hostile, safe) in [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("CON.txt", "_CON.txt"),
        ("...", "attachment"),
        ("", "attachment"),
        ("a\u{0}b", "a_b"),
    ] {
        assert_eq!(sanitize_filename(hostile), safe, "{hostile:?}");
    }
    assert!(sanitize_filename(&"я".repeat(500)).len() <= 200);
}

#[test]
fn html_only_becomes_text_without_scripts_or_styles() {
    let parsed = parse(fixture!("html_only_with_remote_images.eml"));
    assert!(parsed.text.contains("Hello & welcome"), "{}", parsed.text);
    assert!(parsed.text.contains("Second line"), "{:?}", parsed.text);
    assert!(!parsed.text.contains("alert") && !parsed.text.contains("color"), "{}", parsed.text);
    assert!(parsed.html.as_deref().unwrap().contains("tracker.example.com"));
}

#[test]
fn garbage_and_bare_messages_never_panic() {
    let _ = parse(fixture!("garbage_binary.eml"));
    let _ = parse_headers(fixture!("garbage_binary.eml"));
    let bare = parse(fixture!("no_date_no_message_id.eml"));
    assert_eq!((bare.date, bare.message_id.as_deref(), bare.subject.as_str()), (None, None, "bare"));
    let _ = parse(b"");
}

#[test]
fn hostile_sizes_stay_bounded() {
    let mut to = String::from("To: ");
    for i in 0..100_000 {
        to.push_str(&format!("u{i}@example.org, "));
    }
    let raw = format!("From: a@b.c\r\n{to}\r\nSubject: many\r\n\r\nx\r\n");
    let parsed = parse(raw.as_bytes());
    assert!(parsed.to.len() <= MAX_ADDRESSES);

    let mut parts = String::from("From: a@b.c\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n");
    for i in 0..20_000 {
        parts.push_str(&format!("--x\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=f{i}\r\n\r\nA\r\n"));
    }
    parts.push_str("--x--\r\n");
    assert!(parse(parts.as_bytes()).attachments.len() <= MAX_ATTACHMENTS);
}

macro_rules! hostile {
    ($name:literal) => {
        include_bytes!(concat!("../../../tests/fixtures/hostile/", $name))
    };
}

#[test]
fn attachment_name_rlo_reads_as_what_it_really_is() {
    let parsed = parse(hostile!("attachment_name_rlo.eml"));
    let names: Vec<&str> = parsed.attachments.iter().map(|a| a.filename.as_str()).collect();
    assert_eq!(names, ["invoicetxt.exe", "statement.pdf.exe", "_COM5.txt", "report.txt"]);
    let flagged: Vec<Option<String>> =
        parsed.attachments.iter().map(|a| names::misleading_extension(&a.filename, &a.content_type)).collect();
    assert_eq!(flagged, [Some("exe".into()), Some("exe".into()), None, None]);
}

#[test]
fn display_names_cannot_reverse_or_fake_the_address() {
    let rlo = parse(hostile!("from_display_name_rlo.eml")).from.unwrap();
    assert_eq!((rlo.name.as_str(), rlo.address.as_str()), ("Bank Support", "evil@x.test"));
    let fake = parse(hostile!("from_display_name_is_an_address.eml")).from.unwrap();
    assert_eq!(names::honest_sender(&fake.name, &fake.address), "support@bank.ru <evil@x.test>");
}

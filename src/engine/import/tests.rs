//! Import readers against fixtures named after what they hold (tests/fixtures/import): a
//! Thunderbird mbox with its status headers, an mboxrd with quoted "From " lines and CRLF, and
//! a small Maildir with flags in file names and Dovecot keywords.

use super::*;
use std::io::Cursor;
use std::path::Path;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn read_mbox(bytes: &[u8]) -> Vec<Result<ImportedMessage, ImportError>> {
    MboxReader::new(Cursor::new(bytes.to_vec()), Path::new("test.mbox")).collect()
}

fn subject(message: &ImportedMessage) -> String {
    header_values(&message.raw, "Subject").next().unwrap_or_default().to_string()
}

fn has_bare_lf(raw: &[u8]) -> bool {
    raw.windows(2).any(|pair| pair[1] == b'\n' && pair[0] != b'\r') || raw.first() == Some(&b'\n')
}

#[test]
fn thunderbird_mbox_statuses_become_flags_and_from_line_dates() {
    let messages: Vec<ImportedMessage> =
        MboxReader::open(&fixture_path("thunderbird_statuses.mbox")).unwrap().map(Result::unwrap).collect();
    let summary: Vec<(String, Vec<String>)> = messages.iter().map(|m| (subject(m), m.flags.names())).collect();
    let expect = |subject: &str, flags: &[&str]| (subject.to_string(), flags.iter().map(|f| f.to_string()).collect());
    assert_eq!(
        summary,
        vec![
            expect("Read message", &["\\Seen"]),
            expect("Read and starred, two labels", &["\\Seen", "\\Flagged", "$label1", "project-x"]),
            expect("Read and replied, no Date header", &["\\Seen", "\\Answered"]),
            expect("Deleted but not yet compacted", &["\\Seen", "\\Deleted"]),
            expect("Unread", &[]),
        ]
    );
    assert_eq!(messages[0].received_at, Some(1_793_614_500));
    assert_eq!(messages[2].received_at, Some(1_793_784_600));
    for message in &messages {
        assert!(!has_bare_lf(&message.raw), "{}", String::from_utf8_lossy(&message.raw));
        assert!(!message.raw.starts_with(b"From "), "the From_ line is the mbox's, not the message's");
        assert!(message.raw.ends_with(b"\r\n") && !message.raw.ends_with(b"\r\n\r\n"), "separator blank line kept");
    }
    let first = String::from_utf8(messages[0].raw.clone()).unwrap();
    assert!(first.contains("\r\n\r\nThunderbird escapes"), "{first}");
    assert!(first.ends_with("\r\nFrom now on, the reports are due on the 10th.\r\n"), "{first}");
    assert!(first.starts_with("X-Mozilla-Status: 0001\r\n"), "{first}");
}

#[test]
fn mboxrd_unquotes_one_level_and_keeps_unescaped_from_inside_a_paragraph() {
    let messages: Vec<ImportedMessage> = read_mbox(&std::fs::read(fixture_path("quoted_from.mboxrd")).unwrap())
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(messages.len(), 2, "a From inside a paragraph must not split the message");
    let body = String::from_utf8(messages[0].raw.clone()).unwrap();
    let body = body.split_once("\r\n\r\n").unwrap().1;
    assert_eq!(
        body,
        concat!(
            "From the start of a line (mboxrd added one '>').\r\n",
            ">From a line that was already quoted.\r\n",
            ">>From three deep.\r\n",
            "> From with a space is not a From line and keeps its quote.\r\n",
            "Some text\r\n",
            "From here on, a careless writer forgot to escape this line.\r\n",
        )
    );
    assert_eq!(messages[0].flags.names(), ["\\Seen", "\\Answered", "\\Flagged"]);
    assert_eq!(messages[0].received_at, Some(1_793_480_399), "the From_ line's +0300 zone");
    assert_eq!(messages[1].flags.names(), ["\\Draft"], "Status: O is not \\Seen");
    assert_eq!(messages[1].received_at, Some(1_793_491_201), "a space-padded day of month");
    assert!(messages[1].raw.ends_with(b"Unread draft.\r\n"));
}

#[test]
fn mbox_rejects_other_files_and_accepts_an_empty_one() {
    let errors = read_mbox(b"Subject: not an mbox\n\nhello\n");
    assert!(matches!(errors.as_slice(), [Err(ImportError::NotMbox { .. })]), "{errors:?}");
    assert!(read_mbox(b"").is_empty());
    assert!(read_mbox(b"\n\n").is_empty());
    let binary = read_mbox(&[0u8, 159, 146, 150, 10, 255]);
    assert!(matches!(binary.as_slice(), [Err(ImportError::NotMbox { .. })]));
}

#[test]
fn mbox_oversized_message_is_reported_and_the_next_one_still_read() {
    let mut mbox = b"From a Mon Nov  2 10:00:00 2026\nSubject: big\n\n".to_vec();
    mbox.extend(std::iter::repeat_n(b'x', 5000));
    mbox.extend(b"\n\nFrom b Mon Nov  2 11:00:00 2026\nSubject: small\n\nok\n");
    // A single line longer than the limit, without any newline, is cut while reading.
    mbox.extend(b"\nFrom c Mon Nov  2 12:00:00 2026\nSubject: endless\n\n");
    mbox.extend(std::iter::repeat_n(b'y', 100_000));
    let results: Vec<_> = MboxReader::with_limit(Cursor::new(mbox), Path::new("big.mbox"), 1000).collect();
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(matches!(results[0], Err(ImportError::TooLarge { index: 1, limit: 1000, .. })), "{:?}", results[0]);
    assert_eq!(subject(results[1].as_ref().unwrap()), "small");
    assert!(matches!(results[2], Err(ImportError::TooLarge { index: 3, .. })));
    let message = ImportError::TooLarge { path: "big.mbox".into(), index: 1, limit: 1000 }.to_string();
    assert_eq!(message, "message 1 in big.mbox is larger than 1000 bytes and was not imported");
}

#[test]
fn mbox_from_line_dates_tolerate_odd_spellings() {
    for (line, expected) in [
        ("From MAILER-DAEMON Fri Jul  8 12:08:34 2011", Some(1_310_126_914)),
        ("From - Sat Jan 03 01:05:34 1996", Some(820_631_134)),
        ("From user@host Sat Jan 03 01:05:34 1996 -0100", Some(820_634_734)),
        ("From user@host Sat Jan 03 01:05 1996", Some(820_631_100)),
        ("From user@host Sat Jan 03 25:05:34 1996", None),
        ("From user@host", None),
        ("From user@host Mon", None),
        ("From user@host Mon Foo 1 00:00:00 2020", None),
    ] {
        assert_eq!(mbox::separator_date(line.as_bytes()), expected, "{line}");
    }
}

#[test]
fn maildir_flags_from_info_keywords_and_name_dates() {
    let messages: Vec<ImportedMessage> =
        MaildirReader::open(&fixture_path("small_maildir")).unwrap().map(Result::unwrap).collect();
    let summary: Vec<(String, Vec<String>, Option<i64>)> =
        messages.iter().map(|m| (subject(m), m.flags.names(), m.received_at)).collect();
    let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        summary,
        vec![
            ("Seen and flagged".into(), strings(&["\\Seen", "\\Flagged"]), Some(1_793_527_200)),
            (
                "Replied, forwarded, keyword".into(),
                strings(&["\\Seen", "\\Answered", "$Forwarded", "project-x"]),
                Some(1_793_613_600)
            ),
            ("New, no Date header".into(), vec![], Some(1_793_700_000)),
        ]
    );
    for message in &messages {
        assert!(!has_bare_lf(&message.raw) && message.raw.ends_with(b"\r\n"));
    }
}

#[test]
fn maildir_rejects_a_plain_folder_and_reports_oversized_files() {
    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(MaildirReader::open(empty.path()), Err(ImportError::NotMaildir { .. })));
    let results: Vec<_> = MaildirReader::with_limit(&fixture_path("small_maildir"), 60).unwrap().collect();
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(|r| matches!(r, Err(ImportError::TooLarge { limit: 60, .. }))), "{results:?}");
}

#[test]
fn crlf_conversion_keeps_existing_crlf() {
    assert_eq!(to_crlf(b"a\nb\r\nc\n\n"), b"a\r\nb\r\nc\r\n\r\n");
    assert_eq!(to_crlf(b""), b"");
}

#[test]
fn mbox_of_ten_thousand_messages_yields_ten_thousand_with_their_flags() {
    let mut mbox = Vec::new();
    for n in 0..10_000 {
        let status = if n % 3 == 0 { "0001" } else { "0000" };
        mbox.extend(
            format!("From - Mon Nov  2 10:00:00 2026\nX-Mozilla-Status: {status}\nSubject: {n}\n\n").as_bytes(),
        );
        mbox.extend(b"Body line one.\n>From here, escaped..\n\n");
    }
    let messages: Vec<ImportedMessage> = read_mbox(&mbox).into_iter().map(Result::unwrap).collect();
    assert_eq!(messages.len(), 10_000);
    assert_eq!(messages.iter().filter(|m| m.flags.has(Flags::SEEN)).count(), 3334);
    assert_eq!(subject(&messages[9_999]), "9999");
}

#[test]
fn an_eml_file_is_kept_byte_for_byte_and_a_unix_one_gets_crlf() {
    let dir = tempfile::tempdir().unwrap();
    // Mixed line ends, as a server may hand out: kept as they are.
    let exact = b"Subject: exact\r\nX-Odd: bare\nlf\r\n\r\nFrom the top\r\n";
    std::fs::write(dir.path().join("exact.eml"), exact).unwrap();
    assert_eq!(read_eml(&dir.path().join("exact.eml")).unwrap().raw, exact);
    std::fs::write(dir.path().join("unix.eml"), b"Subject: unix\n\ntext\n").unwrap();
    assert_eq!(read_eml(&dir.path().join("unix.eml")).unwrap().raw, b"Subject: unix\r\n\r\ntext\r\n");
    assert!(matches!(
        read_eml_with_limit(&dir.path().join("exact.eml"), 10),
        Err(ImportError::TooLarge { limit: 10, .. })
    ));
    assert!(matches!(read_eml(&dir.path().join("missing.eml")), Err(ImportError::Io { .. })));
}

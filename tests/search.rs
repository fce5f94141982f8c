//! Search over mail synced from the real Dovecot: Russian and English letters (encoded subjects,
//! base64 and quoted-printable bodies, an attachment, flags set on the server, one letter in
//! another folder), and each query of the search box's language, through `pochta search --json`,
//! finds exactly the right letters, newest first, with a snippet of the matched text.

mod common;
mod support;

use common::Profile;
use common::imap::{add_imap_account, sync};
use std::collections::BTreeSet;
use support::mailstack;

/// The letters, delivered in this order (so UID n is the n-th): (subject, raw message).
fn letters(to: &str) -> Vec<(&'static str, String)> {
    let plain = |from: &str, subject: &str, date: &str, extra: &str, body: &str| {
        format!(
            "From: {from}\r\nTo: {to}\r\n{extra}Subject: {subject}\r\nDate: {date}\r\nMessage-ID: <{}@search.test>\r\n\
             MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n",
            date.len() + body.len() + subject.len()
        )
    };
    vec![
        (
            "Квартальные отчёты",
            format!(
                "From: =?utf-8?B?0JDQvdC90LA=?= <anna@example.ru>\r\nTo: {to}\r\nSubject: =?utf-8?B?0JrQstCw0YDRgtCw0LvRjNC90YvQtSDQvtGC0YfRkdGC0Ys=?=\r\n\
                 Date: Tue, 10 Nov 2026 10:00:00 +0300\r\nMessage-ID: <q3@search.test>\r\nMIME-Version: 1.0\r\n\
                 Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n\
                 Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                 =D0=92=D1=8B=D1=81=D1=8B=D0=BB=D0=B0=D1=8E =D0=BA=D0=B2=D0=B0=D1=80=D1=82=D0=B0=D0=BB=D1=8C=D0=BD=D1=8B=D0=B9 \
                 =D0=BE=D1=82=D1=87=D1=91=D1=82 =D0=B7=D0=B0 =D1=82=D1=80=D0=B5=D1=82=D0=B8=D0=B9 =D0=BA=D0=B2=D0=B0=D1=80=D1=82=D0=B0=D0=BB.\r\n\
                 --b1\r\nContent-Type: application/pdf; name=\"q3.pdf\"\r\nContent-Disposition: attachment; filename=\"q3.pdf\"\r\n\
                 Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n"
            ),
        ),
        (
            "Новости",
            plain(
                "Пётр <petr@example.ru>",
                "Новости",
                "Thu, 12 Nov 2026 09:00:00 +0300",
                "Cc: boss@example.ru\r\n",
                "Мы получили много писем от клиентов.",
            ),
        ),
        (
            "Договоры на подпись",
            plain(
                "Анна <anna@example.ru>",
                "Договоры на подпись",
                "Mon, 05 Oct 2026 12:00:00 +0300",
                "",
                "Договор с поставщиком готов к подписи.",
            ),
        ),
        (
            "One report",
            plain(
                "John Smith <john@example.com>",
                "One report",
                "Sun, 01 Nov 2026 15:00:00 +0000",
                "",
                "Please find the quarterly report attached.",
            ),
        ),
        (
            "Meeting tomorrow",
            plain(
                "John Smith <john@example.com>",
                "Meeting tomorrow",
                "Tue, 03 Nov 2026 15:00:00 +0000",
                "",
                "Let us meet at ten. Reports are due on Friday.",
            ),
        ),
        (
            "Ёлка в офисе",
            plain(
                "hr@example.ru",
                "Ёлка в офисе",
                "Fri, 20 Nov 2026 11:00:00 +0300",
                "",
                "Новогодняя ёлка будет в пятницу.",
            ),
        ),
        (
            "Счёт на оплату",
            format!(
                "From: buh@example.ru\r\nTo: {to}\r\nSubject: =?utf-8?B?0KHRh9GR0YIg0L3QsCDQvtC/0LvQsNGC0YM=?=\r\n\
                 Date: Sun, 15 Nov 2026 08:00:00 +0300\r\nMessage-ID: <bill@search.test>\r\nMIME-Version: 1.0\r\n\
                 Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\
                 0KHRh9GR0YIg4oSWMTUg0LfQsCDQvdC+0Y/QsdGA0Yw=\r\n"
            ),
        ),
    ]
}

fn found(profile: &Profile, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.push("--json");
    serde_json::from_str(&profile.ok(&all)).unwrap()
}

fn subjects(rows: &serde_json::Value) -> Vec<String> {
    rows.as_array().unwrap().iter().map(|row| row["subject"].as_str().unwrap().to_string()).collect()
}

#[test]
fn each_query_finds_exactly_its_russian_and_english_letters() {
    let stack = mailstack();
    let user = stack.fresh_user();
    for (_, raw) in letters(&user.email) {
        stack.deliver(&user, raw.as_bytes());
    }
    let login = user.login.as_str();
    stack.doveadm(&["mailbox", "create", "-u", login, "Archive"]);
    stack.doveadm(&["flags", "add", "-u", login, "\\Flagged", "mailbox", "INBOX", "uid", "2"]);
    stack.doveadm(&["flags", "add", "-u", login, "\\Seen", "mailbox", "INBOX", "uid", "4:5"]);
    stack.doveadm(&["flags", "add", "-u", login, "\\Answered", "mailbox", "INBOX", "uid", "5"]);
    stack.doveadm(&["move", "-u", login, "Archive", "mailbox", "INBOX", "uid", "3"]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);

    let (q3, news, contracts, report, meeting, tree, bill) = (
        "Квартальные отчёты",
        "Новости",
        "Договоры на подпись",
        "One report",
        "Meeting tomorrow",
        "Ёлка в офисе",
        "Счёт на оплату",
    );
    let cases: &[(&str, &[&str])] = &[
        // Word forms and ё, both ways.
        ("отчет", &[q3]),
        ("отчеты", &[q3]),
        ("ОТЧЁТОВ", &[q3]),
        ("письмо", &[news]),
        ("договор", &[contracts]),
        ("догов", &[contracts]),
        ("елка", &[tree]),
        ("ёлки", &[tree]),
        ("счет", &[bill]),
        ("ноябрь", &[bill]),
        ("reports", &[meeting, report]),
        ("report", &[meeting, report]),
        ("quarterly", &[report]),
        // Fields.
        ("from:anna", &[q3, contracts]),
        ("от:пётр", &[news]),
        ("from:john@example.com", &[meeting, report]),
        ("cc:boss", &[news]),
        ("subject:report", &[report]),
        ("body:report", &[meeting, report]),
        ("тема:отчёт", &[q3]),
        // Filters.
        ("folder:archive", &[contracts]),
        ("from:anna папка:входящие", &[q3]),
        ("has:attachment", &[q3]),
        ("is:flagged", &[news]),
        ("is:answered", &[meeting]),
        ("is:unread", &[tree, bill, news, q3, contracts]),
        ("after:2026-11-10", &[tree, bill, news, q3]),
        ("before:2026-11", &[contracts]),
        ("after:11/2026 before:2026-11-05", &[meeting, report]),
        // Phrases, unknown operators, nothing to search.
        ("\"quarterly report\"", &[report]),
        ("\"report quarterly\"", &[]),
        ("тема:\"на подпись\"", &[contracts]),
        ("квартал:отчёт", &[q3]),
        ("…!!!", &[]),
    ];
    for (query, expected) in cases {
        assert_eq!(subjects(&found(&profile, &[query])), *expected, "{query}");
    }

    // The command line's own scope and limit.
    assert_eq!(subjects(&found(&profile, &["is:flagged", "--account", &user.email])), [news]);
    // An address that is no account is said, as every command with --account says it.
    let unknown = profile.run(&["search", "is:flagged", "--account", "nobody@example.org", "--json"]);
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(!unknown.status.success() && said.contains("nobody@example.org"), "{said}");
    assert_eq!(subjects(&found(&profile, &["anna", "--folder", "Archive"])), [contracts]);
    assert_eq!(subjects(&found(&profile, &["from:anna", "--limit", "1"])), [q3]);

    // JSON: what each result says, with the text around the match.
    let rows = found(&profile, &["отчеты"]);
    let row = &rows[0];
    for key in ["id", "folder", "account", "date", "from", "subject", "snippet"] {
        assert!(!row[key].is_null(), "{key} in {row}");
    }
    assert_eq!(row["folder"], "INBOX");
    assert_eq!(row["account"], user.email.as_str());
    assert!(row["snippet"].as_str().unwrap().contains("квартальный отчёт"), "{row}");
    let unique: BTreeSet<i64> =
        found(&profile, &["is:unread"]).as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(unique.len(), 5);
}

//! `mailto:` parsing: the RFC 6068 examples, the links real pages contain, and hostile ones.

use super::*;

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn rfc6068_examples_parse() {
    let draft = parse("mailto:chris@example.com").unwrap();
    assert_eq!(draft, MailtoDraft { to: strings(&["chris@example.com"]), ..MailtoDraft::default() });

    let draft = parse("mailto:infobot@example.com?subject=current-issue").unwrap();
    assert_eq!(draft.subject.as_deref(), Some("current-issue"));

    let draft = parse("mailto:list@example.org?In-Reply-To=%3C3469A91.D10AF4C@example.com%3E").unwrap();
    assert_eq!(draft.in_reply_to.as_deref(), Some("3469A91.D10AF4C@example.com"));

    let draft = parse("mailto:joe@example.com?cc=bob@example.com&body=hello").unwrap();
    assert_eq!((draft.cc, draft.body.as_deref()), (strings(&["bob@example.com"]), Some("hello")));

    let draft = parse("mailto:?to=joe@example.com&cc=bob@example.com&body=hello").unwrap();
    assert_eq!(draft.to, strings(&["joe@example.com"]));

    let draft = parse("mailto:gorby%25kremvax@example.com").unwrap();
    assert_eq!(draft.to, strings(&["gorby%kremvax@example.com"]));

    let draft = parse("mailto:%22not%40me%22@example.org").unwrap();
    assert_eq!(draft.to, strings(&["\"not@me\"@example.org"]));

    let draft = parse("mailto:user@example.org?subject=caf%C3%A9&body=caf%C3%A9").unwrap();
    assert_eq!((draft.subject.as_deref(), draft.body.as_deref()), (Some("café"), Some("café")));
}

#[test]
fn multiple_addresses_from_path_and_fields_accumulate() {
    let link = "MAILTO:a@example.org,%20b@example.org?to=c@example.org%2Cd@example.org&CC=e@example.org&bcc=f@example.org&Bcc=g@example.org";
    let draft = parse(link).unwrap();
    assert_eq!(draft.to, strings(&["a@example.org", "b@example.org", "c@example.org", "d@example.org"]));
    assert_eq!(draft.cc, strings(&["e@example.org"]));
    assert_eq!(draft.bcc, strings(&["f@example.org", "g@example.org"]));
    let quoted = parse("mailto:%22Smith,%20John%22%20%3Cjohn@example.org%3E,x@example.org").unwrap();
    assert_eq!(quoted.to, strings(&["\"Smith, John\" <john@example.org>", "x@example.org"]));
}

#[test]
fn russian_subject_and_multiline_body_decode() {
    let link = "mailto:ivan@example.ru?subject=%D0%9E%D1%82%D1%87%D1%91%D1%82%20%D0%B7%D0%B0%20%D0%BD%D0%BE%D1%8F%D0%B1%D1%80%D1%8C\
                &body=%D0%94%D0%BE%D0%B1%D1%80%D1%8B%D0%B9%20%D0%B4%D0%B5%D0%BD%D1%8C!%0D%0A%0D%0A1+1=2%09ok";
    let draft = parse(link).unwrap();
    assert_eq!(draft.subject.as_deref(), Some("Отчёт за ноябрь"));
    assert_eq!(draft.body.as_deref(), Some("Добрый день!\n\n1+1=2\tok"), "+ is a plus sign, not a space");
    // Raw UTF-8 as some desktops pass it, unencoded.
    assert_eq!(parse("mailto:аня@почта.example?subject=Привет").unwrap().subject.as_deref(), Some("Привет"));
}

#[test]
fn hostile_links_cannot_inject_headers_or_set_the_sender() {
    let draft =
        parse("mailto:a@example.org?subject=Hi%0D%0ABcc:%20spy@evil.example&from=boss@example.org&X-Evil=1&from=x")
            .unwrap();
    assert_eq!(draft.subject.as_deref(), Some("Hi  Bcc: spy@evil.example"));
    assert!(draft.bcc.is_empty());
    assert_eq!(draft.ignored, strings(&["from", "x-evil"]));

    let draft = parse("mailto:a@example.org%0ABcc:spy@evil.example?in-reply-to=%3Cx%0D%0AFrom:y%3E").unwrap();
    assert_eq!(draft.to, strings(&["a@example.org Bcc:spy@evil.example"]));
    assert_eq!(draft.in_reply_to.as_deref(), Some("x  From:y"));

    let draft = parse("mailto:?body=a%00b%1Bc%0Dd").unwrap();
    assert_eq!(draft.body.as_deref(), Some("abc\nd"), "NUL and ESC dropped, a lone CR is a line break");
}

#[test]
fn malformed_and_oversized_links_fail_softly_or_clearly() {
    assert_eq!(parse("http://example.org"), Err(MailtoError::NotMailto));
    assert_eq!(parse("mailto"), Err(MailtoError::NotMailto));
    assert_eq!(parse(""), Err(MailtoError::NotMailto));
    assert_eq!(parse("maιlto:x"), Err(MailtoError::NotMailto), "non-ASCII scheme, no slicing panic");
    assert_eq!(parse(&format!("mailto:{}", "a".repeat(MAX_URI))), Err(MailtoError::TooLong));

    assert_eq!(parse("mailto:").unwrap(), MailtoDraft::default());
    assert_eq!(parse("mailto:?&&=&subject&body=").unwrap(), MailtoDraft::default());
    let draft = parse("mailto:a@example.org?subject=100%&body=%zz%4%+1%E2%82").unwrap();
    assert_eq!(draft.subject.as_deref(), Some("100%"));
    assert_eq!(draft.body.as_deref(), Some("%zz%4%+1\u{FFFD}"), "bad escapes kept, broken UTF-8 replaced");
    assert_eq!(parse("mailto:a@example.org#fragment?subject=x").unwrap().subject, None);

    let many = format!("mailto:{}", vec!["x@example.org"; 2000].join(","));
    assert_eq!(parse(&many).unwrap().to.len(), MAX_ADDRESSES);
    let names: String = (0..100).map(|n| format!("&h{n}=1")).collect();
    assert_eq!(parse(&format!("mailto:?{names}")).unwrap().ignored.len(), MAX_IGNORED);
}

#[test]
fn repeated_subject_keeps_the_first() {
    let draft = parse("mailto:?subject=one&subject=two&body=&body=b").unwrap();
    assert_eq!((draft.subject.as_deref(), draft.body.as_deref()), (Some("one"), Some("b")));
}

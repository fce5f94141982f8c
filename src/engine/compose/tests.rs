use super::*;
use crate::model::{AccountSettings, Identity, Protocol, Security, ServerEndpoint};
use mail_parser::{MessageParser, MimeHeaders};

fn account() -> AccountSettings {
    let endpoint = ServerEndpoint { host: "mail.example.org".into(), port: 993, security: Security::Ssl };
    AccountSettings {
        email: "alice@example.org".into(),
        name: "Алиса Иванова".into(),
        protocol: Protocol::Imap,
        incoming: endpoint.clone(),
        smtp: endpoint,
        login: "alice".into(),
        preset: None,
        password_command: None,
        oauth: None,
        ca_file: None,
        pop3: Default::default(),
        sync: Default::default(),
        signature: Some("Алиса\nотдел продаж".into()),
        identities: vec![Identity { email: "sales@example.org".into(), name: "Sales".into(), signature: None }],
        special_folders: Default::default(),
        junk_filter: true,
        rules: Vec::new(),
    }
}

fn letter() -> Composition {
    Composition {
        account: crate::model::AccountId(1),
        to: vec!["Боб <bob@example.org>".into()],
        cc: vec!["carol@example.org".into()],
        bcc: vec!["dave@example.org".into()],
        subject: "Отчёт за ноябрь".into(),
        body: "Привет!\nОтчёт во вложении.".into(),
        signature: true,
        attachments: vec![Attachment::from_file_name("Отчёт за ноябрь.pdf", b"%PDF-1.4 \x00\x01\x02 binary".to_vec())],
        ..Composition::default()
    }
}

#[test]
fn cyrillic_subject_names_and_attachment_round_trip() {
    let built = build(&letter(), &account(), None, 1_700_000_000).unwrap();
    let raw = String::from_utf8(built.raw.clone()).unwrap();
    assert!(raw.is_ascii(), "headers and bodies are encoded (RFC 2047/2231, base64/QP)");
    assert!(raw.contains("filename*"), "RFC 2231 parameter for the Cyrillic file name: {raw}");
    let parsed = MessageParser::default().parse(&built.raw).unwrap();
    assert_eq!(parsed.subject(), Some("Отчёт за ноябрь"));
    assert_eq!(parsed.from().unwrap().first().unwrap().name(), Some("Алиса Иванова"));
    assert_eq!(parsed.message_id(), Some(built.message_id.as_str()));
    let attachment = parsed.attachments().next().unwrap();
    assert_eq!(attachment.attachment_name(), Some("Отчёт за ноябрь.pdf"));
    assert_eq!(attachment.contents(), b"%PDF-1.4 \x00\x01\x02 binary");
    let text = parsed.body_text(0).unwrap();
    assert!(text.contains("Привет!\nОтчёт во вложении.\n\n-- \nАлиса\nотдел продаж"), "{text:?}");
    assert_eq!(built.envelope_from, "alice@example.org");
    assert_eq!(built.recipients, ["bob@example.org", "carol@example.org", "dave@example.org"]);
}

#[test]
fn a_utf8_text_attachment_says_its_charset() {
    let mut composition = letter();
    composition.attachments = vec![
        Attachment::from_file_name("заметки.txt", "Привет, мир".as_bytes().to_vec()),
        Attachment::from_file_name("old.txt", b"\xcf\xf0\xe8\xe2\xe5\xf2".to_vec()),
    ];
    let built = build(&composition, &account(), None, 1_700_000_000).unwrap();
    let parsed = MessageParser::default().parse(&built.raw).unwrap();
    let parts: Vec<_> = parsed.attachments().collect();
    let utf8 = parts[0].content_type().unwrap();
    assert_eq!(utf8.attribute("charset"), Some("utf-8"));
    assert_eq!(parts[0].text_contents(), Some("Привет, мир"));
    assert_eq!(parts[1].content_type().unwrap().attribute("charset"), None, "not UTF-8: not labelled so");
}

#[test]
fn the_smtp_copy_has_no_bcc_and_is_otherwise_identical() {
    let built = build(&letter(), &account(), None, 1_700_000_000).unwrap();
    let smtp = strip_bcc(&built.raw);
    let sent = MessageParser::default().parse(&built.raw).unwrap();
    assert_eq!(sent.bcc().unwrap().first().unwrap().address(), Some("dave@example.org"));
    let delivered = MessageParser::default().parse(&smtp).unwrap();
    assert!(delivered.bcc().is_none());
    assert!(!String::from_utf8_lossy(&smtp).to_ascii_lowercase().contains("dave@"));
    let removed = built.raw.len() - smtp.len();
    assert!(removed > 0 && removed < 100, "only the Bcc line goes ({removed} bytes)");
    let body_start = |raw: &[u8]| raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    assert_eq!(built.raw[body_start(&built.raw)..], smtp[body_start(&smtp)..], "bodies are identical");
}

#[test]
fn strip_bcc_removes_folded_lines_and_stops_at_the_body() {
    let raw = b"From: a@b.c\r\nBcc: x@y.z,\r\n  w@y.z\r\nSubject: s\r\n\r\nBcc: stays in the body\r\n";
    assert_eq!(strip_bcc(raw), b"From: a@b.c\r\nSubject: s\r\n\r\nBcc: stays in the body\r\n");
    assert_eq!(strip_bcc(b"BCC: a@b.c\nTo: d@e.f\n\nx"), b"To: d@e.f\n\nx");
}

#[test]
fn a_letter_needs_a_recipient_and_valid_addresses() {
    let mut empty = letter();
    empty.to.clear();
    empty.cc.clear();
    empty.bcc.clear();
    assert_eq!(build(&empty, &account(), None, 0).unwrap_err(), ComposeError::NoRecipients);
    let mut bad = letter();
    bad.to = vec!["bob at example".into()];
    assert!(matches!(build(&bad, &account(), None, 0), Err(ComposeError::BadAddress(_))));
}

#[test]
fn address_lists_split_on_commas_outside_quotes() {
    let list = parse_mailbox_list(&["\"Petrov, Ivan\" <ivan@example.org>; b@example.org, ".into()]).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0], Mailbox { name: "Petrov, Ivan".into(), email: "ivan@example.org".into() });
    assert_eq!(list[1].email, "b@example.org");
}

#[test]
fn html_alternative_is_escaped_and_quotes_become_blockquotes() {
    let mut composition = letter();
    composition.html_alternative = true;
    composition.body = "a <b> & c".into();
    composition.quoted = Some("Bob wrote:\n> hi\n>> older".into());
    let built = build(&composition, &account(), None, 0).unwrap();
    let parsed = MessageParser::default().parse(&built.raw).unwrap();
    let html = parsed.body_html(0).unwrap();
    assert!(html.contains("a &lt;b&gt; &amp; c"), "{html}");
    assert_eq!(html.matches("<blockquote").count(), 2, "{html}");
    assert!(parsed.body_text(0).unwrap().contains("> hi"));
}

const ORIGINAL: &[u8] = b"Message-ID: <orig@example.org>\r\n\
References: <root@example.org> <mid@example.org>\r\n\
In-Reply-To: <mid@example.org>\r\n\
From: Bob <bob@example.org>\r\n\
Reply-To: Bob Private <bob.private@example.org>\r\n\
To: alice@example.org, carol@example.org\r\n\
Cc: Sales <SALES@example.org>, dave@example.org\r\n\
Subject: =?utf-8?b?0J/Qu9Cw0L0=?=\r\n\
Date: Tue, 14 Nov 2023 10:00:00 +0000\r\n\
Content-Type: text/html; charset=utf-8\r\n\
\r\n\
<p>First line</p><p>Second line</p>\r\n";

#[test]
fn reply_threads_quotes_and_answers_reply_to() {
    let reply = reply(ORIGINAL, &account(), false, ReplyStyle::BelowQuote);
    assert_eq!(reply.to, ["Bob Private <bob.private@example.org>"]);
    assert!(reply.cc.is_empty());
    assert_eq!(reply.subject, "Re: План");
    assert_eq!(reply.in_reply_to.as_deref(), Some("orig@example.org"));
    assert_eq!(reply.references, ["root@example.org", "mid@example.org", "orig@example.org"]);
    let quoted = &reply.body;
    assert!(quoted.contains("Bob <bob@example.org> wrote:"), "the quote is in the editable text: {quoted}");
    assert!(quoted.contains("> First line"), "the HTML-only original is quoted as text: {quoted}");
    assert!(reply.caret_at_end && reply.signature, "bottom-posting: the answer and the signature below");
    let built = build(&reply, &account(), None, 0).unwrap();
    let parsed = MessageParser::default().parse(&built.raw).unwrap();
    assert_eq!(parsed.in_reply_to().as_text(), Some("orig@example.org"));
    assert_eq!(parsed.references().as_text_list().map(|l| l.len()), Some(3));
}

#[test]
fn reply_all_keeps_everyone_but_our_own_addresses() {
    let reply = reply(ORIGINAL, &account(), true, ReplyStyle::BelowQuote);
    assert_eq!(reply.to, ["Bob Private <bob.private@example.org>", "carol@example.org"]);
    assert_eq!(reply.cc, ["dave@example.org"], "alice and her alias SALES@ are ours");
    assert_eq!(reply.subject, "Re: План");
    let again = super::reply::reply(
        &build(&reply, &account(), None, 0).unwrap().raw,
        &account(),
        false,
        ReplyStyle::BelowQuote,
    );
    assert_eq!(again.subject, "Re: План", "no \"Re: Re:\"");
}

#[test]
fn forward_inline_and_as_attachment() {
    let inline = forward(ORIGINAL, &account(), false);
    assert_eq!(inline.subject, "Fwd: План");
    assert!(inline.to.is_empty());
    assert!(inline.body.contains("-------- Forwarded message --------"), "{}", inline.body);
    assert!(inline.body.contains("First line"));
    assert!(inline.body.starts_with("\n\n"), "room to write above the forwarded letter");
    assert_eq!(inline.references.last().map(String::as_str), Some("orig@example.org"));

    let mut attached = forward(ORIGINAL, &account(), true);
    assert_eq!(attached.attachments.len(), 1);
    assert_eq!(attached.attachments[0].content_type, "message/rfc822");
    attached.to = vec!["eve@example.org".into()];
    let built = build(&attached, &account(), None, 0).unwrap();
    let parsed = MessageParser::default().parse(&built.raw).unwrap();
    let part = parsed.attachments().next().unwrap();
    let inner = part.message().expect("a message/rfc822 part");
    assert_eq!(inner.message_id(), Some("orig@example.org"));
    assert_eq!(inner.raw_message(), ORIGINAL, "forwarded byte for byte");
}

#[test]
fn the_quote_leaves_out_the_senders_signature_and_top_posting_puts_ours_above_it() {
    const SIGNED: &[u8] = b"From: Bob <bob@example.org>\r\nSubject: hi\r\n\r\nSee you.\r\n-- \r\nBob, Acme Ltd\r\n";
    let below = reply(SIGNED, &account(), false, ReplyStyle::BelowQuote);
    assert!(below.body.contains("> See you."), "{}", below.body);
    assert!(!below.body.contains("Acme"), "the sender's signature is not quoted: {}", below.body);
    let mut signed = account();
    signed.signature = Some("Alice".into());
    let above = reply(SIGNED, &signed, false, ReplyStyle::AboveQuote);
    assert!(above.body.starts_with("\n\n-- \nAlice\n\nBob <bob@example.org> wrote:"), "{:?}", above.body);
    assert!(!above.signature && !above.caret_at_end, "the signature is in the text, the answer goes on top");
}

#[test]
fn message_ids_are_unique_and_use_the_senders_domain() {
    let a = new_message_id("alice@example.org");
    let b = new_message_id("alice@example.org");
    assert_ne!(a, b);
    assert!(a.ends_with("@example.org"), "{a}");
}

#[test]
fn drafts_serialise_attachments_as_base64() {
    let json = serde_json::to_string(&letter()).unwrap();
    assert!(!json.contains("\\u0000"));
    let back: Composition = serde_json::from_str(&json).unwrap();
    // The account is not in the fields: the draft's row keeps it.
    assert_eq!(Composition { account: letter().account, ..back }, letter());
}

#[test]
fn a_draft_saved_with_its_account_as_an_address_still_reads() {
    let saved = r#"{"account":"alice@example.org","to":["bob@example.org"],"subject":"Старый черновик"}"#;
    let back: Composition = serde_json::from_str(saved).unwrap();
    assert_eq!((back.to, back.subject.as_str()), (vec!["bob@example.org".to_string()], "Старый черновик"));
}

#[test]
fn a_built_letter_reopens_with_its_fields() {
    let mut original = letter();
    original.in_reply_to = Some("parent@example.org".into());
    original.references = vec!["parent@example.org".into()];
    let built = build(&original, &account(), None, 0).unwrap();
    let (reopened, message_id) = reopen(&built.raw, crate::model::AccountId(1));
    assert_eq!(message_id.as_deref(), Some(built.message_id.as_str()));
    assert_eq!(reopened.to, ["Боб <bob@example.org>"]);
    assert_eq!(reopened.cc, ["carol@example.org"]);
    assert_eq!(reopened.bcc, ["dave@example.org"]);
    assert_eq!(reopened.subject, original.subject);
    assert!(reopened.body.starts_with("Привет!"));
    assert_eq!(reopened.attachments, original.attachments);
    assert_eq!(reopened.in_reply_to.as_deref(), Some("parent@example.org"));
    let again = build(&reopened, &account(), message_id.as_deref(), 0).unwrap();
    assert_eq!(again.recipients, built.recipients);
}

#[test]
fn drafts_build_without_recipients_and_skip_half_typed_addresses() {
    let mut draft = letter();
    draft.to = vec!["bob@exa".into(), "carol@example.org".into()];
    draft.cc.clear();
    draft.bcc.clear();
    let built = build_draft(&draft, &account(), "d1@example.org", 0).unwrap();
    assert_eq!(built.recipients, ["carol@example.org"]);
    draft.to.clear();
    assert!(build_draft(&draft, &account(), "d1@example.org", 0).is_ok());
}

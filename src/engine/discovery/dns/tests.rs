//! MX answers built by hand the way resolvers send them: compressed names, other record types
//! mixed in, null MX, errors, and hostile messages (pointer loops, lengths past the end).

use super::*;

/// The question section as [`build_query`] writes it, for a response to copy.
fn question(domain: &str) -> Vec<u8> {
    build_query(0x1234, domain).unwrap()[12..].to_vec()
}

/// A response header for query 0x1234 with `flags` (QR set by the caller) and the counts.
fn header(flags: u16, answers: u16) -> Vec<u8> {
    let mut out = vec![0x12, 0x34];
    out.extend_from_slice(&flags.to_be_bytes());
    out.extend_from_slice(&[0, 1]);
    out.extend_from_slice(&answers.to_be_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out
}

/// An MX answer whose owner is a pointer to the question name (offset 12) and whose exchange is
/// `label` followed by a pointer to the question name as well ("mx1" + "example.org").
fn mx_answer(preference: u16, label: &str) -> Vec<u8> {
    let mut rdata = preference.to_be_bytes().to_vec();
    rdata.push(label.len() as u8);
    rdata.extend_from_slice(label.as_bytes());
    rdata.extend_from_slice(&[0xc0, 12]);
    let mut out = vec![0xc0, 12, 0, 15, 0, 1, 0, 0, 0x0e, 0x10];
    out.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
    out.extend_from_slice(&rdata);
    out
}

#[test]
fn query_has_one_question_for_mx_in_with_recursion_desired() {
    let query = build_query(0xbeef, "Example.org.").unwrap();
    assert_eq!(&query[..12], &[0xbe, 0xef, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
    assert_eq!(&query[12..], b"\x07Example\x03org\x00\x00\x0f\x00\x01");
}

#[test]
fn query_refuses_names_dns_cannot_carry() {
    assert!(build_query(1, "").is_err());
    assert!(build_query(1, "a..b").is_err());
    assert!(build_query(1, &format!("{}.org", "x".repeat(64))).is_err());
    assert!(build_query(1, "почта.рф").is_err());
}

#[test]
fn compressed_mx_answers_are_read_and_lowercased() {
    let mut message = header(0x8180, 2);
    message.extend(question("example.org"));
    message.extend(mx_answer(20, "MX2"));
    message.extend(mx_answer(10, "mx1"));
    let records = parse_mx_response(0x1234, &message).unwrap();
    assert_eq!(
        records,
        vec![
            MxRecord { preference: 20, exchange: "mx2.example.org".into() },
            MxRecord { preference: 10, exchange: "mx1.example.org".into() },
        ]
    );
}

#[test]
fn uncompressed_yandex_360_answer_is_read() {
    // Shaped like a resolver's answer for a Yandex 360 domain: one MX, 10 mx.yandex.net, the
    // exchange written out in full (no pointer), as many resolvers send it.
    let mut message = header(0x8180, 1);
    message.extend(question("example-360.ru"));
    message.extend_from_slice(&[0xc0, 0x0c, 0x00, 0x0f, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x11]);
    message.extend_from_slice(b"\x00\x0a\x02mx\x06yandex\x03net\x00");
    assert_eq!(
        parse_mx_response(0x1234, &message).unwrap(),
        vec![MxRecord { preference: 10, exchange: "mx.yandex.net".into() }]
    );
}

#[test]
fn other_record_types_are_skipped() {
    let mut message = header(0x8180, 2);
    message.extend(question("example.org"));
    // A CNAME the resolver followed: type 5, rdata a pointer.
    message.extend_from_slice(&[0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, 0xc0, 12]);
    message.extend(mx_answer(5, "mail"));
    assert_eq!(parse_mx_response(0x1234, &message).unwrap().len(), 1);
}

#[test]
fn null_mx_means_no_mail_servers() {
    // RFC 7505: preference 0, exchange ".".
    let mut message = header(0x8180, 1);
    message.extend(question("example.org"));
    message.extend_from_slice(&[0xc0, 12, 0, 15, 0, 1, 0, 0, 0, 60, 0, 3, 0, 0, 0]);
    assert_eq!(parse_mx_response(0x1234, &message).unwrap(), vec![]);
}

#[test]
fn nxdomain_and_server_failures_are_errors_with_the_name() {
    let mut message = header(0x8183, 0);
    message.extend(question("nowhere.example"));
    assert_eq!(parse_mx_response(0x1234, &message), Err(DnsError::NoSuchDomain("nowhere.example".into())));
    let mut message = header(0x8182, 0);
    message.extend(question("example.org"));
    assert_eq!(parse_mx_response(0x1234, &message), Err(DnsError::ServerError(2)));
}

#[test]
fn another_querys_answer_and_queries_are_not_taken() {
    let mut message = header(0x8180, 0);
    message.extend(question("example.org"));
    assert!(parse_mx_response(0x4321, &message).is_err());
    let mut query = header(0x0100, 0);
    query.extend(question("example.org"));
    assert_eq!(parse_mx_response(0x1234, &query), Err(DnsError::Malformed("not a response")));
}

#[test]
fn hostile_messages_fail_cleanly() {
    // A pointer to itself.
    let mut looped = header(0x8180, 1);
    looped.extend(question("example.org"));
    let at = looped.len() as u8;
    looped.extend_from_slice(&[0xc0, at]);
    assert!(parse_mx_response(0x1234, &looped).is_err());
    // Every prefix of a valid answer, and a record length past the end.
    let mut message = header(0x8180, 1);
    message.extend(question("example.org"));
    message.extend(mx_answer(10, "mx"));
    for cut in 0..message.len() {
        assert!(parse_mx_response(0x1234, &message[..cut]).is_err(), "prefix of {cut} bytes");
    }
    let rdlength_at = message.len() - 9;
    message[rdlength_at] = 0xff;
    assert!(parse_mx_response(0x1234, &message).is_err());
}

#[test]
fn first_nameserver_skips_comments_and_unparseable_lines() {
    let conf = "# generated\nsearch lan\nnameserver fe80::1%eth0\nnameserver 10.0.0.53\nnameserver 1.1.1.1\n";
    assert_eq!(first_nameserver(conf), "10.0.0.53".parse::<IpAddr>().unwrap());
    assert_eq!(first_nameserver(""), IpAddr::V4(Ipv4Addr::LOCALHOST));
}

#[test]
fn errors_are_worded_for_people_through_the_translations() {
    // The wizard shows these under Details and the command line in its notes: words from the
    // message catalogue (Russian in a Russian session), not English built in here.
    let said = DnsError::NoSuchDomain("nowhere.example".into()).to_string();
    assert_eq!(said, crate::fl!("wizard-dns-no-such-domain", domain = "nowhere.example"));
    assert!(said.contains("nowhere.example") && !said.contains("{"), "{said}");
    assert_eq!(DnsError::TimedOut.to_string(), crate::fl!("wizard-dns-timed-out"));
}

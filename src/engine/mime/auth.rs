//! Whether a letter's From domain is vouched for by the receiving mail system: the
//! `Authentication-Results` header (RFC 8601) its server added says DKIM (with a signing domain
//! aligned with From, RFC 7489 §3.1.1) or DMARC passed for that domain. Used to decide whether
//! "always load remote content for this sender" may apply: a From address alone is forged at
//! will.
//!
//! Anyone can write an `Authentication-Results` header into a letter, so only one is believed:
//! the topmost whose authentication service (its `authserv-id`) belongs to the receiving site,
//! found above the first `Received` header written outside that site (RFC 8601 §5: receiving
//! servers remove headers forged with their own id; the sender's own headers are always below
//! the receiving site's `Received` lines). The receiving site is the domain of the topmost
//! `Received` header's `by` host that is a domain name ("by mx.google.com", "by mail.example.org").

/// Headers read, at most: a letter's header block, not a hostile flood.
const MAX_HEADERS: usize = 500;

/// Whether the receiving server says `from_address`'s domain passed DKIM (aligned) or DMARC.
pub fn from_domain_verified(raw: &[u8], from_address: &str) -> bool {
    let Some((_, from_domain)) = from_address.trim().rsplit_once('@') else { return false };
    let from_domain = from_domain.trim_end_matches('>').to_ascii_lowercase();
    if from_domain.is_empty() {
        return false;
    }
    let headers = header_lines(raw);
    let Some(site) = receiving_site(&headers) else { return false };
    for (name, value) in &headers {
        if name.eq_ignore_ascii_case("Received") && by_host(value).is_some_and(|host| !in_site(&host, &site)) {
            return false; // below this line the sender wrote the headers
        }
        if name.eq_ignore_ascii_case("Authentication-Results") {
            let (authserv, results) = value.split_once(';').unwrap_or((value, ""));
            let authserv = authserv.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
            if in_site(&authserv, &site) {
                return results_pass(results, &from_domain);
            }
        }
    }
    false
}

/// The header block as (name, unfolded value) pairs, top to bottom.
fn header_lines(raw: &[u8]) -> Vec<(String, String)> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").or_else(|| raw.windows(2).position(|w| w == b"\n\n"));
    let block = String::from_utf8_lossy(&raw[..end.unwrap_or(raw.len())]);
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            if headers.len() >= MAX_HEADERS {
                break;
            }
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    headers
}

/// "from a.example (a.example [192.0.2.1]) by mx.b.example with ESMTPS id ..." → "mx.b.example",
/// if it is a domain name (hosts without a dot, like a local LMTP hop, or IP addresses are not).
fn by_host(received: &str) -> Option<String> {
    let mut words = received.split_whitespace();
    words.by_ref().find(|word| word.eq_ignore_ascii_case("by"))?;
    let host = words.next()?.trim_end_matches(';').to_ascii_lowercase();
    let is_domain = host.contains('.')
        && host.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    is_domain.then_some(host)
}

/// The registered domain of the first `Received` hop named by a domain.
fn receiving_site(headers: &[(String, String)]) -> Option<String> {
    let host =
        headers.iter().filter(|(name, _)| name.eq_ignore_ascii_case("Received")).find_map(|(_, v)| by_host(v))?;
    registered_domain(&host)
}

/// "mx.google.com" → "google.com", "mx.example.co.uk" → "example.co.uk": the last two labels, or
/// three under a country's generic second level (co.uk, com.au, ...), so that a whole public
/// suffix is never taken for one site.
fn registered_domain(host: &str) -> Option<String> {
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    let second_level = n >= 3
        && labels[n - 1].len() == 2
        && matches!(
            labels[n - 2],
            "co" | "com" | "net" | "org" | "ac" | "gov" | "edu" | "ne" | "or" | "go" | "mil" | "gob"
        );
    let keep = if second_level { 3 } else { 2 };
    (n >= keep).then(|| labels[n - keep..].join("."))
}

fn in_site(host: &str, site: &str) -> bool {
    host == site || host.ends_with(&format!(".{site}"))
}

/// Whether a result list says the From domain passed: `dmarc=pass header.from=<domain>`, or
/// `dkim=pass` with `header.d=` (or `header.i=@...`) the From domain or one it belongs to.
fn results_pass(results: &str, from_domain: &str) -> bool {
    // Comments (in parentheses) say nothing a machine should believe.
    let mut plain = String::with_capacity(results.len());
    let mut depth = 0usize;
    for c in results.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain.split(';').any(|result| {
        let words: Vec<String> = result.split_whitespace().map(|w| w.to_ascii_lowercase()).collect();
        let value = |key: &str| {
            words
                .iter()
                .find_map(|w| w.strip_prefix(key).map(|v| v.trim_matches('"').trim_start_matches('@').to_string()))
        };
        let aligned = |domain: Option<String>| {
            domain.is_some_and(|d| {
                let d = d.rsplit_once('@').map(|(_, d)| d.to_string()).unwrap_or(d);
                !d.is_empty() && (from_domain == d || from_domain.ends_with(&format!(".{d}")))
            })
        };
        match words.first().map(String::as_str) {
            Some("dmarc=pass") => value("header.from=").is_some_and(|d| d == from_domain),
            Some("dkim=pass") => aligned(value("header.d=").or_else(|| value("header.i="))),
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GMAIL: &str = "Delivered-To: me@gmail.com\r\n\
        Received: by 2002:a05:6a10:1234 with SMTP id abc;\r\n        Mon, 7 Dec 2026 06:00:00 -0800 (PST)\r\n\
        Return-Path: <bounce@bank.example>\r\n\
        Received: from mail.bank.example (mail.bank.example. [192.0.2.1])\r\n        by mx.google.com with ESMTPS id x;\r\n\
        Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@bank.example header.s=s1;\r\n\
        \x20      spf=pass smtp.mailfrom=bank.example;\r\n       dmarc=pass (p=REJECT) header.from=bank.example\r\n\
        Received: from app1 by mail.bank.example with SMTP;\r\n\
        Authentication-Results: mx.google.com; dkim=pass header.d=evil.example\r\n\
        From: Bank <news@bank.example>\r\n\r\nbody\r\n";

    #[test]
    fn the_receiving_servers_verdict_is_believed() {
        assert!(from_domain_verified(GMAIL.as_bytes(), "news@bank.example"));
        assert!(from_domain_verified(GMAIL.as_bytes(), "NEWS@Bank.Example"));
        assert!(!from_domain_verified(GMAIL.as_bytes(), "news@evil.example"), "another domain did not pass");
    }

    #[test]
    fn a_postfix_and_dovecot_delivery_with_a_milters_verdict_counts() {
        let raw = "Return-Path: <a@shop.example>\r\n\
            Received: from mx.home.example by mail.home.example (Dovecot) with LMTP id 1;\r\n\
            Authentication-Results: mx.home.example; dkim=pass (2048-bit key) header.d=shop.example\r\n\
            Received: from out.shop.example by mx.home.example (Postfix) with ESMTPS id 2;\r\n\
            From: <news@mail.shop.example>\r\n\r\n";
        assert!(from_domain_verified(raw.as_bytes(), "news@mail.shop.example"), "a parent's signature aligns");
    }

    #[test]
    fn a_public_suffix_is_not_one_site() {
        assert_eq!(registered_domain("mx.example.co.uk").as_deref(), Some("example.co.uk"));
        assert_eq!(registered_domain("mx.google.com").as_deref(), Some("google.com"));
        assert_eq!(registered_domain("mx.yandex.ru").as_deref(), Some("yandex.ru"));
        // A forger under the same public suffix is another site: its hop ends the trusted part.
        let forged = "Received: from evil.co.uk by mx.example.co.uk with ESMTP;\r\n\
            Received: from x by relay.evil.co.uk with SMTP;\r\n\
            Authentication-Results: relay.evil.co.uk; dmarc=pass header.from=bank.co.uk\r\n\r\n";
        assert!(!from_domain_verified(forged.as_bytes(), "support@bank.co.uk"));
    }

    #[test]
    fn a_verdict_the_sender_wrote_is_not_believed() {
        // Sent straight to the receiving server: its own Received line is on top, the forged
        // verdict (under the receiver's own id, or the sender's) sits below a foreign hop.
        let forged = "Received: from evil.example by mx.home.example with ESMTP;\r\n\
            Received: from localhost by relay.evil.example with SMTP;\r\n\
            Authentication-Results: mx.home.example; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example\r\n\
            From: Bank <support@bank.example>\r\n\r\n";
        assert!(!from_domain_verified(forged.as_bytes(), "support@bank.example"));
        let own_id = "Received: from x by mx.home.example with ESMTP;\r\n\
            Authentication-Results: relay.evil.example; dmarc=pass header.from=bank.example\r\n\r\n";
        assert!(!from_domain_verified(own_id.as_bytes(), "support@bank.example"), "not the receiving site's id");
        let failed = "Received: from x by mx.home.example with ESMTP;\r\n\
            Authentication-Results: mx.home.example; dkim=fail header.d=bank.example; dmarc=fail header.from=bank.example\r\n\r\n";
        assert!(!from_domain_verified(failed.as_bytes(), "support@bank.example"));
        let comment = "Received: from x by mx.home.example with ESMTP;\r\n\
            Authentication-Results: mx.home.example; dkim=none (dkim=pass header.d=bank.example)\r\n\r\n";
        assert!(!from_domain_verified(comment.as_bytes(), "support@bank.example"), "comments are not results");
        assert!(!from_domain_verified(b"From: a@b.example\r\n\r\n", "a@b.example"), "no verdict, no trust");
        assert!(!from_domain_verified(b"", ""));
    }
}

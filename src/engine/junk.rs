//! The junk filter's judgement: the tokens of a letter (header facts and words, Russian and
//! English, folded and stemmed as search does), and a score from what the user's Junk / Not junk
//! actions taught ([`TokenCounts`]). Pure: the store keeps the counts (`store::junk`), the API
//! trains and moves (`api::junk`), the IMAP sync scores new mail (`sync::imap::rules`).
//!
//! The method is Gary Robinson's ("A Statistical Approach to the Spam Problem", Linux Journal,
//! 2003), as SpamBayes and bogofilter use it: each token's junk probability from its counts,
//! shrunk towards a prior for tokens seen rarely, and the strongest tokens combined by Fisher's
//! chi-square method into one score in 0..1 that says "not sure" (near 0.5) when the evidence
//! disagrees, instead of a confident guess.
//!
//! A provider's own verdict header is a token too ([`provider_verdicts`]), with a strong prior:
//! before any training it is enough on its own to call a letter junk, and training can still
//! teach the filter how far to trust it.

use crate::engine::search::words;
use std::collections::BTreeSet;

/// The keyword that marks junk (the IANA IMAP keyword registry, RFC 5788).
pub const JUNK_KEYWORD: &str = "$Junk";
/// Its opposite in the same registry: the user says this letter is not junk.
pub const NOT_JUNK_KEYWORD: &str = "$NotJunk";

/// A letter at or above this score is junk (SpamBayes' default spam cutoff).
pub const JUNK_THRESHOLD: f64 = 0.9;
/// Robinson's s: how many messages' worth of weight the prior has for a rarely seen token.
const PRIOR_STRENGTH: f64 = 0.45;
/// The prior of a token the filter knows nothing about.
const UNKNOWN: f64 = 0.5;
/// Tokens closer to 0.5 than this say nothing and are left out.
const MIN_DEVIATION: f64 = 0.1;
/// At most this many of the strongest tokens are combined.
const MAX_CLUES: usize = 150;
/// Probabilities are kept inside this margin, so one token can never decide alone.
const CLAMP: f64 = 0.01;
/// Words longer than this (in bytes) are not tokens: base64 runs, long links.
const MAX_WORD_BYTES: usize = 40;
/// How many words of the text are read: enough to judge, bounded for huge letters.
const MAX_TEXT_WORDS: usize = 3_000;

/// What a letter offers the filter: its headers (raw, RFC 5322) and its text.
#[derive(Debug, Clone, Default)]
pub struct Letter<'a> {
    pub from_addr: &'a str,
    pub from_name: &'a str,
    pub subject: &'a str,
    pub raw_headers: &'a [u8],
    pub text: &'a str,
}

/// How often a token was seen in letters the user called junk and good, and how many letters
/// each side has: what the store keeps.
pub trait TokenCounts {
    /// (junk letters, good letters) trained.
    fn totals(&self) -> (u64, u64);
    /// (in junk letters, in good letters) for each token, in the same order (0, 0 when unseen).
    fn counts(&self, tokens: &[String]) -> Vec<(u64, u64)>;
}

/// A token and its junk probability, for "why junk".
#[derive(Debug, Clone, PartialEq)]
pub struct Clue {
    pub token: String,
    pub probability: f64,
}

/// The filter's judgement of one letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// 0 (surely good) .. 1 (surely junk); 0.5 is "no idea".
    pub score: f64,
    /// The strongest clues, most decisive first.
    pub clues: Vec<Clue>,
}

impl Verdict {
    pub fn is_junk(&self) -> bool {
        self.score >= JUNK_THRESHOLD
    }
}

/// Provider verdict headers, each with the token it becomes and that token's prior. Sources:
/// - `X-Spam-Flag: YES` and `X-Spam-Status: Yes, score=...`: SpamAssassin (its
///   Mail::SpamAssassin::Conf, `add_header` defaults), also written by Rspamd's milter and many
///   hosting providers.
/// - `X-Yandex-Spam: 4` junk, `1` clean: Yandex Mail's delivery header, as seen on delivered
///   mail (Yandex's help for mail administrators names the header; the values are observed).
/// - `X-Mras: Ok` clean, anything else (`Spam`, `Suspicious`): Mail.ru's anti-spam system
///   (MRAS) header on delivered mail, as seen on delivered mail.
pub fn provider_verdicts(raw_headers: &[u8]) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for (name, value) in header_fields(raw_headers) {
        let value = value.trim().to_ascii_lowercase();
        let verdict = match name.to_ascii_lowercase().as_str() {
            "x-spam-flag" => Some(value.starts_with("yes")),
            "x-spam-status" => Some(value.starts_with("yes")),
            "x-yandex-spam" => match value.as_str() {
                "4" => Some(true),
                "1" => Some(false),
                _ => None,
            },
            "x-mras" => Some(value != "ok"),
            _ => None,
        };
        if let Some(junk) = verdict {
            let name = name.to_ascii_lowercase();
            let token = format!("verdict:{name}:{}", if junk { "junk" } else { "good" });
            if !out.iter().any(|(known, _)| *known == token) {
                out.push((token, if junk { 0.95 } else { 0.2 }));
            }
        }
    }
    out
}

/// The letter's distinct tokens: the sender's address and domain, header facts, the subject's
/// words (marked as the subject's) and the text's words, folded and stemmed as search does
/// (so «Выигрыш», «выигрыша» and «выигрыш» are one token). Verdict headers are left out: see
/// [`provider_verdicts`].
pub fn tokens(letter: &Letter<'_>) -> Vec<String> {
    let mut out = BTreeSet::new();
    let from = letter.from_addr.trim().to_lowercase();
    if !from.is_empty() {
        if let Some((_, domain)) = from.rsplit_once('@') {
            out.insert(format!("from-domain:{domain}"));
        }
        out.insert(format!("from:{from}"));
    }
    for word in words::split(letter.from_name).take(8) {
        push_word(&mut out, "name:", word);
    }
    for word in words::split(letter.subject).take(40) {
        push_word(&mut out, "subject:", word);
    }
    for (name, value) in header_fields(letter.raw_headers) {
        let name = name.to_ascii_lowercase();
        match name.as_str() {
            "list-id" | "list-unsubscribe" | "precedence" | "x-mailer" | "reply-to" | "return-path" => {
                out.insert(format!("has:{name}"));
            }
            "content-type" => {
                let kind = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                out.insert(format!("content-type:{kind}"));
            }
            _ => {}
        }
    }
    let mut urls = 0;
    for word in letter.text.split_whitespace().filter(|w| w.starts_with("http://") || w.starts_with("https://")) {
        urls += 1;
        let host = word.split("//").nth(1).unwrap_or("").split(['/', '?', '#', '"', '>']).next().unwrap_or("");
        if !host.is_empty() && host.len() <= MAX_WORD_BYTES {
            out.insert(format!("url:{}", host.to_lowercase()));
        }
    }
    if urls > 0 {
        out.insert(format!("urls:{}", urls.min(10)));
    }
    for word in words::split(letter.text).take(MAX_TEXT_WORDS) {
        push_word(&mut out, "", word);
    }
    out.into_iter().collect()
}

fn push_word(out: &mut BTreeSet<String>, prefix: &str, word: &str) {
    if word.len() > MAX_WORD_BYTES {
        return;
    }
    let folded = words::fold(word);
    // Single characters and bare numbers say little and are many.
    if folded.chars().count() < 2 || folded.chars().all(|c| c.is_ascii_digit()) {
        return;
    }
    out.insert(format!("{prefix}{}", words::stem(&folded)));
}

/// The probability that a letter with this token is junk (Robinson's f(w)), from its counts.
fn probability(in_junk: u64, in_good: u64, (junk_total, good_total): (u64, u64), prior: f64) -> f64 {
    let seen = (in_junk + in_good) as f64;
    let learned = if junk_total == 0 || good_total == 0 || seen == 0.0 {
        prior
    } else {
        let junk_ratio = (in_junk as f64 / junk_total as f64).min(1.0);
        let good_ratio = (in_good as f64 / good_total as f64).min(1.0);
        junk_ratio / (junk_ratio + good_ratio)
    };
    let shrunk = (PRIOR_STRENGTH * prior + seen * learned) / (PRIOR_STRENGTH + seen);
    shrunk.clamp(CLAMP, 1.0 - CLAMP)
}

/// Scores a letter against what the filter has learned.
pub fn judge(letter: &Letter<'_>, counts: &dyn TokenCounts) -> Verdict {
    let mut tokens = tokens(letter);
    let verdicts = provider_verdicts(letter.raw_headers);
    let plain = tokens.len();
    tokens.extend(verdicts.iter().map(|(token, _)| token.clone()));
    let seen = counts.counts(&tokens);
    let totals = counts.totals();
    let mut clues: Vec<Clue> = tokens
        .into_iter()
        .zip(seen)
        .enumerate()
        .map(|(i, (token, (in_junk, in_good)))| {
            let prior = if i < plain { UNKNOWN } else { verdicts[i - plain].1 };
            Clue { probability: probability(in_junk, in_good, totals, prior), token }
        })
        .filter(|clue| (clue.probability - 0.5).abs() >= MIN_DEVIATION)
        .collect();
    clues.sort_by(|a, b| {
        (b.probability - 0.5).abs().total_cmp(&(a.probability - 0.5).abs()).then_with(|| a.token.cmp(&b.token))
    });
    clues.truncate(MAX_CLUES);
    Verdict { score: fisher(&clues), clues }
}

/// Fisher's method as SpamBayes combines clues: how unlikely the junk and the good
/// probabilities are under chance, each a chi-square test, and the difference of the two.
fn fisher(clues: &[Clue]) -> f64 {
    if clues.is_empty() {
        return UNKNOWN;
    }
    let n = clues.len();
    let good_sum: f64 = clues.iter().map(|clue| clue.probability.ln()).sum();
    let junk_sum: f64 = clues.iter().map(|clue| (1.0 - clue.probability).ln()).sum();
    let junk = 1.0 - chi2_q(-2.0 * junk_sum, 2 * n);
    let good = 1.0 - chi2_q(-2.0 * good_sum, 2 * n);
    ((junk - good + 1.0) / 2.0).clamp(0.0, 1.0)
}

/// The chi-square distribution's upper tail for an even number of degrees of freedom.
fn chi2_q(x2: f64, degrees: usize) -> f64 {
    let m = x2 / 2.0;
    let mut term = (-m).exp();
    let mut sum = term;
    for i in 1..degrees / 2 {
        term *= m / i as f64;
        sum += term;
    }
    sum.min(1.0)
}

/// The header fields of a raw header block (or a whole message: reading stops at the blank
/// line), unfolded (RFC 5322 §2.2.3), read as UTF-8 with losses replaced.
fn header_fields(raw: &[u8]) -> Vec<(String, String)> {
    let block = crate::engine::mime::header_block(raw);
    let text = String::from_utf8_lossy(block);
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in text.split('\n').map(|line| line.trim_end_matches('\r')) {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    fields
}

#[cfg(test)]
#[path = "junk_tests.rs"]
mod tests;

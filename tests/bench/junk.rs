//! Junk filter benchmark (not a timed test): trains Pochta's classifier on one half of a
//! labelled corpus and judges the other half, exactly as `tests/bench/junk.py` does with
//! bogofilter, and prints the false positives, false negatives and the time to score a letter.
//! Run through `tests/bench/junk.py`, or `cargo bench --bench junk -- CORPUS_DIR` with
//! `CORPUS_DIR/{train,test}/{junk,good}/*.eml` (UTF-8 headers and text).

use pochta::engine::api::{JunkLetter, JunkTokenCounts, judge_junk, junk_provider_verdicts, junk_tokens};
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

#[derive(Default)]
struct Counts {
    junk: u64,
    good: u64,
    tokens: HashMap<String, (u64, u64)>,
}

impl JunkTokenCounts for Counts {
    fn totals(&self) -> (u64, u64) {
        (self.junk, self.good)
    }
    fn counts(&self, tokens: &[String]) -> Vec<(u64, u64)> {
        tokens.iter().map(|t| self.tokens.get(t).copied().unwrap_or_default()).collect()
    }
}

/// A letter's From address, From name, subject, header block and text (plain UTF-8 files).
struct Parsed {
    from_addr: String,
    from_name: String,
    subject: String,
    headers: Vec<u8>,
    text: String,
}

fn parse(raw: &[u8]) -> Parsed {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").or_else(|| text.split_once("\n\n")).unwrap_or((&text, ""));
    let field = |name: &str| {
        head.lines()
            .find_map(|line| line.split_once(':').filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim()))
            .unwrap_or("")
            .to_string()
    };
    let from = field("From");
    let (from_name, from_addr) = match from.rsplit_once('<') {
        Some((name, addr)) => (name.trim().trim_matches('"').to_string(), addr.trim_end_matches('>').to_string()),
        None => (String::new(), from.clone()),
    };
    Parsed {
        from_addr,
        from_name,
        subject: field("Subject"),
        headers: head.as_bytes().to_vec(),
        text: body.to_string(),
    }
}

fn letters(dir: &Path) -> Vec<Parsed> {
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("corpus folder").map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|f| parse(&std::fs::read(f).unwrap())).collect()
}

fn letter(p: &Parsed) -> JunkLetter<'_> {
    JunkLetter {
        from_addr: &p.from_addr,
        from_name: &p.from_name,
        subject: &p.subject,
        raw_headers: &p.headers,
        text: &p.text,
    }
}

fn main() {
    let Some(corpus) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!(
            "junk benchmark: nothing measured (usage: tests/bench/junk.py, or cargo bench --bench junk -- CORPUS_DIR)"
        );
        return;
    };
    let corpus = Path::new(&corpus);
    let mut counts = Counts::default();
    for (kind, junk) in [("junk", true), ("good", false)] {
        for parsed in letters(&corpus.join("train").join(kind)) {
            let letter = letter(&parsed);
            let mut tokens = junk_tokens(&letter);
            tokens.extend(junk_provider_verdicts(letter.raw_headers).into_iter().map(|(t, _)| t));
            for token in tokens {
                let entry = counts.tokens.entry(token).or_default();
                if junk { entry.0 += 1 } else { entry.1 += 1 }
            }
            if junk { counts.junk += 1 } else { counts.good += 1 }
        }
    }
    let test_junk = letters(&corpus.join("test").join("junk"));
    let test_good = letters(&corpus.join("test").join("good"));
    let started = Instant::now();
    let false_negatives = test_junk.iter().filter(|p| !judge_junk(&letter(p), &counts).is_junk()).count();
    let false_positives = test_good.iter().filter(|p| judge_junk(&letter(p), &counts).is_junk()).count();
    let per_letter_ms = started.elapsed().as_secs_f64() * 1000.0 / (test_junk.len() + test_good.len()) as f64;
    println!(
        "{{\"junk\": {}, \"good\": {}, \"false_negatives\": {false_negatives}, \"false_positives\": {false_positives}, \"ms_per_letter\": {per_letter_ms:.4}}}",
        test_junk.len(),
        test_good.len()
    );
}

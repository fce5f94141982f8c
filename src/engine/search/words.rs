//! Words as search compares them, the same for the index and for a query.
//!
//! A word is a run of letters and digits (anything else separates words: "e-mail" is "e" and
//! "mail"). Each word is *folded* (lower case for every script, ё as е, stress marks and other
//! combining accents dropped except the breve of й, soft hyphens and zero-width characters
//! dropped, Latin-1 accents removed: "Café" is "cafe") and *stemmed* with Snowball's Russian
//! algorithm when it has Cyrillic letters, its English one when it is Latin: "отчёты" is
//! "отчеты" with the stem "отчет", "reports" has the stem "report". Words with digits are not
//! stemmed, nor words under three letters.
//!
//! The index keeps each word's folded form and, when it differs, its stem; a query word matches
//! a folded word it begins (typing "догов" finds "договоры") or a word with its stem (typing
//! "отчетов" finds "отчёты"). Snowball cannot see the dropped vowel of a few common words'
//! forms ("писем" of "письмо"); those forms are mapped to their stems by [`IRREGULAR`].

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::sync::LazyLock;

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Words shorter than this (in characters) are their own stem: Snowball would strip most of them.
const MIN_STEM_CHARS: usize = 3;

/// Russian forms whose stem Snowball gets wrong because the word drops or gains a vowel
/// (genitive plurals and "-ок"/"-ец" nouns common in mail), mapped to the stem of the other forms.
const IRREGULAR: &[(&str, &str)] = &[
    ("писем", "письм"),
    ("денег", "деньг"),
    ("окон", "окн"),
    ("сестер", "сестр"),
    ("звонок", "звонк"),
    ("подарок", "подарк"),
    ("отец", "отц"),
    ("конец", "конц"),
];

/// Characters that are part of the word around them but not of its folded form: combining
/// accents (a stress mark in "замо́к", the diaeresis of a decomposed ё), the soft hyphen and
/// zero-width spaces and joiners that word processors leave inside words.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Letters and digits (Russian and ASCII answered without Unicode's tables, which cost most of
/// the indexer's time per word), and the characters [`is_ignorable`] drops.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё') || c.is_alphanumeric() || is_ignorable(c)
}

/// The words of `text`, as written (fold them with [`fold_into`]).
pub fn split(text: &str) -> impl Iterator<Item = &str> {
    // A run of word characters is a word unless it is only characters that fold to nothing.
    text.split(|c: char| !is_word_char(c)).filter(|word| word.chars().any(|c| !is_ignorable(c)))
}

/// Latin-1 letters with accents, as their plain letters.
fn unaccented(c: char) -> char {
    match c {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Appends the folded form of `word` (one word of [`split`]) to `out`.
pub fn fold_into(word: &str, out: &mut String) {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    for c in word.chars() {
        match c {
            'a'..='z' | '0'..='9' | 'а'..='я' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            // А..Я and а..я are two runs of 32 in the same order.
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            // A decomposed й (и and a combining breve) stays й: й and и are different letters.
            '\u{0306}' if out.ends_with('и') => {
                out.pop();
                out.push('й');
            }
            c if is_ignorable(c) => {}
            'ё' | 'Ё' => out.push('е'),
            c if c.is_lowercase() || !c.is_alphabetic() => out.push(unaccented(c)),
            c => out.extend(c.to_lowercase().map(unaccented)),
        }
    }
}

/// The folded form of one word.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// The stem of a folded word: Russian for Cyrillic words, English for Latin ones, the word
/// itself for words with digits, short words and other scripts.
pub fn stem(folded: &str) -> Cow<'_, str> {
    let mut letters = 0;
    let mut cyrillic = false;
    for c in folded.chars() {
        match c {
            'а'..='я' => cyrillic = true,
            'a'..='z' => {}
            '\u{0400}'..='\u{04FF}' if c.is_alphabetic() => cyrillic = true,
            c if c.is_ascii() || !c.is_alphabetic() => return Cow::Borrowed(folded),
            _ => {}
        }
        letters += 1;
    }
    if letters < MIN_STEM_CHARS {
        Cow::Borrowed(folded)
    } else if cyrillic {
        if let Some((_, stem)) = IRREGULAR.iter().find(|(form, _)| *form == folded) {
            return Cow::Borrowed(stem);
        }
        RUSSIAN.stem(folded)
    } else if folded.is_ascii() {
        ENGLISH.stem(folded)
    } else {
        Cow::Borrowed(folded)
    }
}

/// One word as a query asks for it: its folded form (matched as a prefix) and its stem, when
/// that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    pub folded: String,
    pub stem: Option<String>,
}

impl QueryWord {
    pub fn new(word: &str) -> QueryWord {
        let folded = fold(word);
        let stem = match stem(&folded) {
            Cow::Owned(stem) if stem != folded => Some(stem),
            Cow::Borrowed(stem) if stem != folded => Some(stem.to_string()),
            _ => None,
        };
        QueryWord { folded, stem }
    }

    /// Whether a word of a text (its folded form and stem) is one the index would match for this
    /// query word: the same rule as [`fts_terms`](Self::fts_terms) on the words the index keeps.
    pub fn matches(&self, folded: &str, stem: &str) -> bool {
        folded.starts_with(&self.folded)
            || stem.starts_with(&self.folded)
            || self.stem.as_deref().is_some_and(|own| own == folded || own == stem)
    }

    /// The word as FTS5 terms: its folded form as a prefix, or its stem. Words hold only letters
    /// and digits, so the quotes cannot be closed early.
    pub fn fts_terms(&self) -> String {
        match &self.stem {
            Some(stem) => format!("(\"{}\"* OR \"{stem}\")", self.folded),
            None => format!("\"{}\"*", self.folded),
        }
    }
}

/// The words of a text as the index gets them: each word's folded form and, when it differs,
/// its stem, each once, separated by spaces (the index's tokenizer splits at spaces only).
/// Repeats cost only tokenising, and mail repeats a lot (quoted replies, signatures): with
/// `detail = column` the index records which words a column has, not how often.
#[derive(Default)]
pub struct IndexWords {
    /// 64-bit hashes of the terms of the text at hand, with a seed chosen per indexer: two
    /// different words of one message sharing a hash is a one-in-10^12 event, and no sender can
    /// arrange it. The set's memory is reused from one message to the next.
    seen: std::collections::HashSet<u64, foldhash::fast::FixedState>,
    seed: foldhash::fast::RandomState,
    /// Stems of words met before (`None`: the word is its own stem), across messages: mail
    /// repeats its vocabulary, and a stem costs ten times a lookup. Emptied when it gets big.
    stems: std::collections::HashMap<String, Option<String>, foldhash::fast::RandomState>,
    folded: String,
    terms: String,
}

/// Words whose stems [`IndexWords`] keeps at most (some 10 MB).
const STEM_CACHE_WORDS: usize = 100_000;

impl IndexWords {
    /// The terms of `text` (valid until the next call).
    pub fn of(&mut self, text: &str) -> &str {
        use std::hash::BuildHasher;
        self.seen.clear();
        self.terms.clear();
        // A one-off huge message does not keep its memory for the rest of the run.
        if self.terms.capacity() > 4 * 1024 * 1024 {
            self.terms.shrink_to(0);
            self.seen.shrink_to(0);
        }
        for word in split(text) {
            self.folded.clear();
            fold_into(word, &mut self.folded);
            if !self.seen.insert(self.seed.hash_one(&self.folded)) {
                continue;
            }
            push_term(&mut self.terms, &self.folded);
            if !self.stems.contains_key(self.folded.as_str()) {
                if self.stems.len() >= STEM_CACHE_WORDS {
                    self.stems.clear();
                }
                let own = stem(&self.folded);
                let own = (*own != *self.folded).then(|| own.into_owned());
                self.stems.insert(self.folded.clone(), own);
            }
            if let Some(Some(stem)) = self.stems.get(self.folded.as_str())
                && self.seen.insert(self.seed.hash_one(stem.as_str()))
            {
                push_term(&mut self.terms, stem);
            }
        }
        &self.terms
    }
}

fn push_term(terms: &mut String, term: &str) {
    if !terms.is_empty() {
        terms.push(' ');
    }
    terms.push_str(term);
}

/// Where the words matching any of `words` are in `text` (byte ranges, in order): what the
/// window highlights in a subject.
pub fn matched_ranges(text: &str, words: &[QueryWord]) -> Vec<std::ops::Range<usize>> {
    if words.is_empty() {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    let mut folded = String::new();
    for word in split(text) {
        folded.clear();
        fold_into(word, &mut folded);
        let stem = stem(&folded);
        if words.iter().any(|q| q.matches(&folded, &stem)) {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            ranges.push(start..start + word.len());
        }
    }
    ranges
}

/// Whether `text` has the words of a phrase one after another (each as a query word matches).
pub fn has_phrase(text: &str, phrase: &[QueryWord]) -> bool {
    if phrase.is_empty() {
        return true;
    }
    let forms: Vec<(String, String)> = split(text)
        .map(|word| {
            let folded = fold(word);
            let stem = stem(&folded).into_owned();
            (folded, stem)
        })
        .collect();
    forms
        .windows(phrase.len())
        .any(|window| window.iter().zip(phrase).all(|((folded, stem), q)| q.matches(folded, stem)))
}

/// About `width` characters of `text` around the first word that matches one of `words`, on one
/// line, with "…" where it was cut; `None` when no word matches.
pub fn snippet(text: &str, words: &[QueryWord], width: usize) -> Option<String> {
    let first = matched_ranges(text, words).into_iter().next()?;
    let before: Vec<(usize, char)> = text[..first.start].char_indices().rev().take(width / 3).collect();
    let start = before.last().map_or(first.start, |(at, _)| *at);
    let end = text[start..].char_indices().nth(width).map_or(text.len(), |(at, _)| start + at);
    let line: Vec<&str> = text[start..end].split_whitespace().collect();
    let mut snippet = line.join(" ");
    if start > 0 {
        snippet.insert(0, '…');
    }
    if end < text.len() {
        snippet.push('…');
    }
    Some(snippet)
}

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;

use super::*;
use std::collections::HashMap;

/// Counts kept in memory, trained as the store trains (each distinct token once per letter).
#[derive(Default)]
struct Memory {
    junk: u64,
    good: u64,
    tokens: HashMap<String, (u64, u64)>,
}

impl Memory {
    fn train(&mut self, letter: &Letter<'_>, junk: bool) {
        let mut all = tokens(letter);
        all.extend(provider_verdicts(letter.raw_headers).into_iter().map(|(token, _)| token));
        for token in all {
            let entry = self.tokens.entry(token).or_default();
            if junk { entry.0 += 1 } else { entry.1 += 1 }
        }
        if junk { self.junk += 1 } else { self.good += 1 }
    }
}

impl TokenCounts for Memory {
    fn totals(&self) -> (u64, u64) {
        (self.junk, self.good)
    }
    fn counts(&self, tokens: &[String]) -> Vec<(u64, u64)> {
        tokens.iter().map(|token| self.tokens.get(token).copied().unwrap_or_default()).collect()
    }
}

fn letter<'a>(from: &'a str, subject: &'a str, text: &'a str) -> Letter<'a> {
    Letter { from_addr: from, subject, text, ..Letter::default() }
}

const JUNK: &[(&str, &str, &str)] = &[
    (
        "prize@lottery-win.biz",
        "Вы выиграли миллион!",
        "Поздравляем! Ваш выигрыш ждёт. Перейдите по ссылке и получите приз бесплатно.",
    ),
    (
        "bonus@casino-top.ru",
        "Бесплатные бонусы казино",
        "Только сегодня бонус 200%! Играйте в казино и выигрывайте. Получите бонусы.",
    ),
    (
        "sale@cheap-pills.com",
        "Cheap pills, discount viagra",
        "Buy cheap pills now, best discount, free shipping, no prescription.",
    ),
    (
        "winner@lottery-win.biz",
        "You are a winner",
        "Claim your prize now! You won the lottery. Click to claim your free money.",
    ),
    (
        "credit@fast-money.ru",
        "Кредит без справок",
        "Деньги за 5 минут, кредит без отказа, займ без справок и поручителей.",
    ),
    (
        "offer@crypto-rich.io",
        "Earn money fast with crypto",
        "Guaranteed income, free bonus, earn money from home, click now.",
    ),
];

const GOOD: &[(&str, &str, &str)] = &[
    (
        "anna@corp.example.ru",
        "Квартальный отчёт",
        "Коллеги, направляю квартальный отчёт. Прошу проверить цифры до пятницы.",
    ),
    (
        "ivan@corp.example.ru",
        "Совещание по проекту",
        "Совещание по проекту переносится на вторник, презентацию подготовлю.",
    ),
    ("mary@example.com", "Contract review", "Please review the attached contract before our meeting on Monday."),
    (
        "john@example.com",
        "Quarterly report",
        "The quarterly report is ready, the budget figures are in the second section.",
    ),
    (
        "olga@corp.example.ru",
        "Договор поставки",
        "Высылаю договор поставки, подписали со своей стороны, ждём ваш экземпляр.",
    ),
    ("david@example.com", "Release schedule", "The release schedule moved, we discussed it at the meeting yesterday."),
];

fn trained() -> Memory {
    let mut memory = Memory::default();
    for (from, subject, text) in JUNK {
        memory.train(&letter(from, subject, text), true);
    }
    for (from, subject, text) in GOOD {
        memory.train(&letter(from, subject, text), false);
    }
    memory
}

#[test]
fn an_untrained_filter_has_no_opinion() {
    let verdict = judge(&letter("a@b.ru", "Выигрыш", "Получите приз"), &Memory::default());
    assert_eq!(verdict.score, 0.5);
    assert!(!verdict.is_junk());
    assert!(verdict.clues.is_empty());
}

#[test]
fn russian_junk_in_other_word_forms_is_junk_and_russian_work_mail_is_not() {
    let memory = trained();
    // Other forms of the trained words («выигрыша», «призы», «бонусов»), ё written as е.
    let junk = judge(
        &letter("promo@lottery-win.biz", "Ваш выигрыш и бонусы", "Получите призы и бонусов бесплатно, ждет выигрыш."),
        &memory,
    );
    assert!(junk.is_junk(), "{junk:?}");
    let good = judge(
        &letter(
            "anna@corp.example.ru",
            "Отчеты за квартал",
            "Направляю отчеты, прошу проверить договор и презентации.",
        ),
        &memory,
    );
    assert!(good.score < 0.2, "{good:?}");
}

#[test]
fn english_junk_is_junk_and_english_work_mail_is_not() {
    let memory = trained();
    let junk = judge(
        &letter("deals@cheap-pills.com", "Claim your free prize", "Winners claim cheap money now, click."),
        &memory,
    );
    assert!(junk.is_junk(), "{junk:?}");
    let good = judge(
        &letter("mary@example.com", "Reviewing the contracts", "I reviewed the contracts for the meeting."),
        &memory,
    );
    assert!(good.score < 0.2, "{good:?}");
}

#[test]
fn why_junk_names_the_strongest_tokens_first() {
    let verdict = judge(&letter("prize@lottery-win.biz", "Выигрыш", "Получите приз бесплатно"), &trained());
    assert!(verdict.is_junk());
    let first: Vec<&str> = verdict.clues.iter().take(3).map(|clue| clue.token.as_str()).collect();
    assert!(first.iter().any(|token| token.starts_with("from") || token.contains("выигр")), "{first:?}");
    let strengths: Vec<f64> = verdict.clues.iter().map(|clue| (clue.probability - 0.5).abs()).collect();
    assert!(strengths.windows(2).all(|pair| pair[0] >= pair[1]));
}

#[test]
fn a_provider_verdict_alone_makes_junk_and_a_clean_verdict_does_not() {
    let memory = Memory::default();
    let spam = b"X-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=9.1\r\nSubject: hi\r\n\r\n";
    let verdict = judge(&Letter { raw_headers: spam, ..letter("x@y.z", "hi", "") }, &memory);
    assert!(verdict.is_junk(), "{verdict:?}");
    for headers in [&b"X-Yandex-Spam: 4\r\n\r\n"[..], b"X-Mras: Spam\r\n\r\n"] {
        assert!(judge(&Letter { raw_headers: headers, ..letter("x@y.z", "hi", "") }, &memory).is_junk());
    }
    for headers in [&b"X-Yandex-Spam: 1\r\n\r\n"[..], b"X-Mras: Ok\r\n\r\n", b"X-Spam-Flag: NO\r\n\r\n"] {
        assert!(!judge(&Letter { raw_headers: headers, ..letter("x@y.z", "hi", "") }, &memory).is_junk());
    }
}

#[test]
fn training_a_letter_as_good_turns_the_next_verdict() {
    let mut memory = trained();
    let newsletter = letter("news@lottery-win.biz", "Новости клуба", "Новости клуба: бесплатно приз за участие.");
    assert!(judge(&newsletter, &memory).is_junk());
    for _ in 0..3 {
        memory.train(&newsletter, false);
    }
    assert!(!judge(&newsletter, &memory).is_junk());
}

#[test]
fn tokens_fold_and_stem_like_search_and_skip_noise() {
    let all = tokens(&Letter {
        from_addr: "Prize@Lottery.BIZ",
        subject: "ВЫИГРЫШ ждёт",
        text: "выигрыша 12345 a https://evil.example/x?y aGVsbG8gd29ybGQgdGhpcyBpcyBhIHZlcnkgbG9uZyBiYXNlNjQgc3RyaW5n",
        raw_headers: b"List-Id: <x.y>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
        ..Letter::default()
    });
    for want in ["from:prize@lottery.biz", "from-domain:lottery.biz", "subject:выигрыш", "subject:ждет", "выигрыш"]
    {
        assert!(all.iter().any(|token| token == want), "{want} missing from {all:?}");
    }
    for want in ["has:list-id", "content-type:text/html", "url:evil.example", "urls:1"] {
        assert!(all.contains(&want.to_string()), "{want} missing from {all:?}");
    }
    assert!(!all.iter().any(|token| token == "12345" || token == "a" || token.len() > 60), "{all:?}");
}

#[test]
fn hostile_headers_are_read_without_panicking() {
    for raw in [&b""[..], b":\r\n", b"\xff\xfe: \xff\r\n\tcontinued\r\n", b"X-Spam-Flag\r\n", b" folded first\r\n"] {
        let verdict = judge(&Letter { raw_headers: raw, ..Letter::default() }, &trained());
        assert!((0.0..=1.0).contains(&verdict.score));
    }
}

//! Table tests of rule matching, outcomes and validation (no store, no network).

use super::*;

fn record() -> MessageRecord {
    MessageRecord {
        subject: "Счёт №42 за октябрь".into(),
        from_name: "Бухгалтерия".into(),
        from_addr: "billing@shop.example".into(),
        to_addrs: "Иван <ivan@example.org>".into(),
        cc_addrs: "boss@example.org".into(),
        ..Default::default()
    }
}

const HEADERS: &[u8] =
    b"From: billing@shop.example\r\nList-Id: Shop news\r\n <news.shop.example>\r\nSubject: x\r\n\r\nList-Id: body\r\n";

fn holds_on(condition: Condition) -> bool {
    holds(&condition, &record(), HEADERS)
}

fn acting(condition: Condition) -> Rule {
    Rule { mark_read: true, ..Rule::when(condition) }
}

#[test]
fn each_field_and_test_matches_ignoring_case() {
    use RuleField::*;
    use RuleTest::*;
    assert!(holds_on(Condition::new(Subject, Contains, "СЧЁТ")));
    assert!(holds_on(Condition::new(From, Contains, "Billing@")));
    assert!(holds_on(Condition::new(To, Contains, "boss@")));
    assert!(!holds_on(Condition::new(To, Contains, "billing")));
    assert!(holds_on(Condition::new(From, Is, "BILLING@shop.example")), "is: the address");
    assert!(holds_on(Condition::new(From, Is, "бухгалтерия")), "is: the name");
    assert!(!holds_on(Condition::new(From, Is, "billing")), "is: the whole value");
    assert!(holds_on(Condition::new(To, Is, "ivan@example.org")), "is: a recipient's bare address");
    assert!(holds_on(Condition::new(Subject, StartsWith, "счёт №")));
    assert!(!holds_on(Condition::new(Subject, StartsWith, "№42")));
    assert!(holds_on(Condition::new(From, Matches, "*@shop.example")));
    assert!(holds_on(Condition::new(Subject, Matches, "Счёт №?? за *")));
    assert!(!holds_on(Condition::new(Subject, Matches, "Счёт №? за *")), "? is exactly one character");
    assert!(!holds_on(Condition::new(Subject, Matches, "октябрь")), "matches: the whole value");
    assert!(holds_on(Condition::header("list-id", Contains, "news.shop.example")), "folded header value");
    assert!(holds_on(Condition::header("List-Id", Matches, "shop news <*>")));
    assert!(!holds_on(Condition::header("List-Id", Contains, "body")), "the body is not a header");
    assert!(!holds_on(Condition::new(Subject, Contains, "  ")), "an empty condition holds for nothing");
}

#[test]
fn globs_walk_stars_and_never_blow_up() {
    assert!(glob("a*b*c", "axxbyyc"));
    assert!(glob("*", ""));
    assert!(!glob("a*b", "a"));
    assert!(glob("**x", "yyx"));
    // A pattern that is exponential for naive backtracking: bounded by pattern × text steps.
    let text = "a".repeat(20_000);
    assert!(!glob(&format!("{}b", "*a".repeat(90)), &text));
}

#[test]
fn all_needs_every_condition_and_any_needs_one() {
    let hit = Condition::new(RuleField::From, RuleTest::Contains, "shop");
    let miss = Condition::new(RuleField::Subject, RuleTest::Contains, "отпуск");
    let all = Rule { conditions: vec![hit.clone(), miss.clone()], ..acting(hit.clone()) };
    assert!(!matches(&all, &record(), HEADERS));
    let any = Rule { match_any: true, ..all };
    assert!(matches(&any, &record(), HEADERS));
}

#[test]
fn outcomes_add_up_the_first_move_wins_and_stop_ends_the_run() {
    let subject = Condition::new(RuleField::Subject, RuleTest::Contains, "счёт");
    let from = Condition::new(RuleField::From, RuleTest::Contains, "shop");
    let first = Rule {
        move_to: Some("Bills".into()),
        copy_to: Some("Archive".into()),
        tag: Some("$bills".into()),
        ..Rule::when(subject.clone())
    };
    let second = Rule { move_to: Some("Shops".into()), mark_read: true, ..Rule::when(from.clone()) };
    let disabled = Rule { enabled: false, flag: true, ..Rule::when(from.clone()) };
    let stopper = Rule { stop: true, tag: Some("seen-by-rules".into()), ..Rule::when(from.clone()) };
    let after_stop = Rule { delete: true, ..Rule::when(from) };
    let missing = Rule { flag: true, ..Rule::when(Condition::new(RuleField::Subject, RuleTest::Is, "счёт")) };
    let outcome = apply(&[first, second, disabled, missing, stopper, after_stop], &record(), HEADERS);
    assert_eq!(
        outcome,
        RuleOutcome {
            move_to: Some("Bills".into()),
            copy_to: vec!["Archive".into()],
            mark_read: true,
            flag: false,
            tags: vec!["$bills".into(), "seen-by-rules".into()],
            delete: false,
        }
    );
    assert_eq!(apply(&[], &record(), HEADERS), RuleOutcome::default());
}

#[test]
fn invalid_rules_are_refused_with_their_number_and_a_sentence() {
    let good = Rule {
        move_to: Some("Bills".into()),
        ..Rule::when(Condition::new(RuleField::Subject, RuleTest::Contains, "счёт"))
    };
    assert_eq!(validate(std::slice::from_ref(&good)), Ok(()));
    let refused = |rule: Rule| validate(&[good.clone(), rule]).unwrap_err();
    assert!(refused(Rule { conditions: Vec::new(), ..good.clone() }).contains('2'));
    let blank = Condition::new(RuleField::Subject, RuleTest::Contains, "  ");
    assert!(refused(Rule { conditions: vec![blank], ..good.clone() }).contains('2'));
    let only_stars = Condition::new(RuleField::Subject, RuleTest::Matches, "**");
    assert!(validate(&[Rule { conditions: vec![only_stars], ..good.clone() }]).is_err(), "matches everything");
    let long = Condition::new(RuleField::Subject, RuleTest::Matches, "x".repeat(MAX_PATTERN + 1));
    assert!(refused(Rule { conditions: vec![long], ..good.clone() }).contains(&MAX_PATTERN.to_string()));
    let nameless = Condition::header("List Id:", RuleTest::Contains, "x");
    assert!(validate(&[Rule { conditions: vec![nameless], ..good.clone() }]).is_err());
    let named = Condition::header("List-Id", RuleTest::Contains, "x");
    assert_eq!(validate(&[Rule { conditions: vec![named], ..good.clone() }]), Ok(()));
    assert!(validate(&[Rule { tag: Some("two words".into()), ..good.clone() }]).is_err());
    assert!(validate(&[Rule { tag: Some("\\Seen".into()), ..good.clone() }]).is_err());
    assert_eq!(validate(&[Rule { tag: Some("$label1".into()), ..good.clone() }]), Ok(()));
    assert!(validate(&[Rule { delete: true, ..good.clone() }]).is_err(), "move and delete at once");
    assert!(validate(&[Rule { move_to: Some(" ".into()), ..good.clone() }]).is_err(), "nothing to do");
    assert_eq!(validate(&[Rule { move_to: None, stop: true, ..good }]), Ok(()), "stop alone is an action");
}

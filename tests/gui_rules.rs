//! The rules screen, driven headless (iced_test simulator) with its save run for real: opened
//! from the accounts screen, it shows the account's rules; a rule with nothing to look for is
//! refused with the engine's sentence and nothing is written; removing a rule and saving writes
//! accounts.toml through the one settings writer and goes back to the accounts list.

mod common;
mod support;

use common::Profile;
use common::gui::{click, click_and_run, shows};
use common::pop3::add_pop3_account;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::model::{Condition, Rule, RuleField, RuleTest};
use pochta::ui::app::App;
use support::mailstack;

fn rule(contains: &str, move_to: &str) -> Rule {
    Rule { move_to: Some(move_to.into()), ..Rule::when(Condition::new(RuleField::From, RuleTest::Contains, contains)) }
}

#[test]
fn rules_are_shown_a_bad_one_is_refused_and_a_removal_is_saved() {
    pochta::i18n::select_language(Some("en"));
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &[]);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    engine
        .set_rules(
            engine.account_by_address(&user.email).unwrap(),
            vec![rule("billing@shop", "Bills"), rule("news@list", "Lists")],
        )
        .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (mut app, _) = App::new(engine.clone(), false);

    common::gui::open_more(&mut app);
    click_and_run(&mut app, "Accounts", &runtime);
    click(&mut app, "Rules");
    assert!(shows(&app, &format!("Rules of {}", user.email)), "the rules screen is open");
    assert!(shows(&app, "billing@shop") && shows(&app, "news@list"), "with the account's rules");

    click(&mut app, "Add a rule");
    click_and_run(&mut app, "Save", &runtime);
    assert!(shows(&app, "rule 3: say what to look for"), "the empty rule is refused with a sentence");
    assert_eq!(
        engine.account(engine.account_by_address(&user.email).unwrap()).unwrap().rules.len(),
        2,
        "nothing was written"
    );

    // The new rule goes, then the first one (the first Remove on the screen).
    click(&mut app, "Remove");
    click(&mut app, "Remove");
    click(&mut app, "Remove");
    click(&mut app, "Add a rule");
    click(&mut app, "Remove");
    assert!(shows(&app, "No rules yet."));
    click(&mut app, "Cancel");
    assert!(shows(&app, "Import mail…"), "Cancel goes back to the accounts list");
    assert_eq!(
        engine.account(engine.account_by_address(&user.email).unwrap()).unwrap().rules.len(),
        2,
        "Cancel writes nothing"
    );

    click(&mut app, "Rules");
    click(&mut app, "Remove");
    click_and_run(&mut app, "Save", &runtime);
    assert!(shows(&app, "Import mail…"), "saved: back to the accounts list");
    let rules = engine.account(engine.account_by_address(&user.email).unwrap()).unwrap().rules;
    assert_eq!(rules, vec![rule("news@list", "Lists")], "accounts.toml keeps the second rule");
}

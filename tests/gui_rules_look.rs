//! The rules screen's look, alone in its test binary (it switches the language, which is
//! global): two rules, one with two conditions and every field filled, laid out at the smoke
//! test's sizes in English and Russian with nothing drawn over anything, squeezed or cut off.

mod common;
mod support;

use common::Profile;
use common::gui::{click_and_run, shows};
use common::pop3::add_pop3_account;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::model::{Condition, Rule, RuleField, RuleTest};
use pochta::ui::app::App;
use support::mailstack;

fn rules_screen(rules: Vec<Rule>) -> (Profile, EngineHandle, App) {
    pochta::i18n::select_language(Some("en"));
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &[]);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    engine.set_rules(engine.account_by_address(&user.email).unwrap(), rules).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    common::gui::open_more(&mut app);
    click_and_run(&mut app, "Accounts", &runtime);
    click_and_run(&mut app, "Rules", &runtime);
    assert!(shows(&app, &format!("Rules of {}", user.email)), "the rules screen is open");
    (profile, engine, app)
}

fn from_is(address: &str) -> Rule {
    Rule { move_to: Some("Bills".into()), ..Rule::when(Condition::new(RuleField::From, RuleTest::Is, address)) }
}

#[test]
fn the_rules_screen_lays_out_without_overlaps_at_every_size_in_both_languages() {
    let list = Rule {
        name: "Рассылка разработчиков".into(),
        match_any: true,
        move_to: Some("Lists/Dev".into()),
        copy_to: Some("Archive".into()),
        tag: Some("$dev".into()),
        conditions: vec![
            Condition::header("List-Id", RuleTest::Matches, "*dev.lists.example*"),
            Condition::new(RuleField::To, RuleTest::StartsWith, "dev@"),
        ],
        ..Rule::default()
    };
    let (_profile, _engine, app) = rules_screen(vec![list, from_is("billing@shop.example")]);
    let mut problems = Vec::new();
    for language in ["en", "ru"] {
        pochta::i18n::select_language(Some(language));
        for (width, height) in [(640.0, 480.0), (1024.0, 768.0), (1366.0, 768.0), (1920.0, 1080.0)] {
            let screen = format!("rules ({language}) at {width}x{height}");
            // The list scrolls above the bar of buttons and "Run now", which end the page by
            // design: the "page reaches the status line" check does not apply.
            problems.extend(common::layout::problems(&screen, app.view(), iced::Size::new(width, height), false));
        }
    }
    pochta::i18n::select_language(Some("en"));
    assert!(problems.is_empty(), "{problems:#?}");
}

//! `pochta account add | list | remove` and `pochta presets`: the command-line contract
//! (DESIGN §2), the password in the keyring or a command and never in a file or a log.

mod common;
mod support;

use common::{Profile, describe, stderr, stdout};

#[test]
fn usage_errors_exit_2_and_errors_exit_1_with_one_line() {
    let profile = Profile::new();
    assert_eq!(profile.run(&["account", "add"]).status.code(), Some(2));
    assert_eq!(profile.run(&["no-such-command"]).status.code(), Some(2));
    let output = profile.run(&["account", "remove", "nobody@example.org"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nobody@example.org"), "{err}");
}

#[test]
fn accounts_are_added_listed_and_removed() {
    let profile = Profile::new();
    profile.ok(&[
        "account",
        "add",
        "--email",
        "ivan@example.org",
        "--name",
        "Иван",
        "--protocol",
        "pop3",
        "--incoming",
        "pop.example.org:995",
        "--incoming-security",
        "ssl",
        "--smtp",
        "smtp.example.org:587",
        "--smtp-security",
        "starttls",
        "--password-command",
        "echo pw",
        "--pop3-leave-on-server",
        "--pop3-delete-after-days",
        "14",
    ]);
    let list: serde_json::Value = serde_json::from_str(&profile.ok(&["account", "list", "--json"])).unwrap();
    assert_eq!(list[0]["email"], "ivan@example.org");
    assert_eq!(list[0]["protocol"], "pop3");
    assert_eq!(list[0]["incoming"], "pop.example.org:995");
    assert_eq!(list[0]["smtp_security"], "starttls");
    let config = std::fs::read_to_string(profile.path().join("config/accounts.toml")).unwrap();
    assert!(config.contains("delete_after_days = 14"), "{config}");

    let again = profile.run(&[
        "account",
        "add",
        "--email",
        "ivan@example.org",
        "--preset",
        "yandex",
        "--password-command",
        "x",
    ]);
    assert_eq!(again.status.code(), Some(1), "{}", describe(&again));
    assert!(stderr(&again).contains("exists already"));

    profile.ok(&["account", "remove", "ivan@example.org"]);
    assert_eq!(profile.ok(&["account", "list", "--json"]).trim(), "[]");
}

#[test]
fn bad_input_gets_a_clear_error() {
    let profile = Profile::new();
    let cases: [(&[&str], &str); 3] = [
        (&["--email", "not-an-address", "--preset", "yandex"], "is not an email address"),
        (
            &[
                "--email",
                "a@example.org",
                "--protocol",
                "imap",
                "--incoming",
                "imap.example.org",
                "--incoming-security",
                "ssl",
                "--smtp",
                "s:465",
                "--smtp-security",
                "ssl",
            ],
            "is not HOST:PORT",
        ),
        (&["--email", "a@example.org", "--preset", "no-such-provider"], "no preset"),
    ];
    for (args, expected) in cases {
        let mut full = vec!["account", "add", "--password-command", "echo pw"];
        full.extend_from_slice(args);
        let output = profile.run(&full);
        assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
        assert!(stderr(&output).contains(expected), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn presets_fill_in_the_servers() {
    let profile = Profile::new();
    profile.ok(&["account", "add", "--email", "ivan@yandex.ru", "--preset", "yandex", "--password-command", "echo pw"]);
    let list: serde_json::Value = serde_json::from_str(&profile.ok(&["account", "list", "--json"])).unwrap();
    assert_eq!(list[0]["incoming"], "imap.yandex.ru:993");
    assert_eq!(list[0]["incoming_security"], "ssl");
    assert_eq!(list[0]["smtp"], "smtp.yandex.ru:465");
    assert_eq!(list[0]["preset"], "yandex");
}

#[test]
fn presets_command_prints_the_table_and_one_provider() {
    let profile = Profile::new();
    let all = profile.ok(&["presets"]);
    for id in ["yandex", "mailru", "gmail", "rambler", "outlook", "yahoo", "icloud", "gmx"] {
        assert!(all.contains(id), "{id} missing from:\n{all}");
    }
    let mailru = profile.ok(&["presets", "ivan@bk.ru"]);
    assert!(mailru.contains("smtp.mail.ru") && mailru.contains("2525"), "{mailru}");
    let json: serde_json::Value = serde_json::from_str(&profile.ok(&["presets", "mail.ru", "--json"])).unwrap();
    assert_eq!(json["smtp"][0]["port"], 465);
    assert_eq!(profile.run(&["presets", "unknown.example"]).status.code(), Some(1));
}

#[test]
fn password_stdin_without_a_keyring_suggests_password_command() {
    let profile = Profile::new();
    let mut command =
        profile.command(&["account", "add", "--email", "a@example.org", "--preset", "yandex", "--password-stdin"]);
    command.env_remove("DBUS_SESSION_BUS_ADDRESS");
    command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"pw-without-keyring\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(stderr(&output).contains("--password-command"), "{}", stderr(&output));
    assert_eq!(profile.ok(&["account", "list", "--json"]).trim(), "[]", "no half-made account");
    profile.assert_secret_in_no_file("pw-without-keyring");
}

/// With a Secret Service (tests/run-all provides gnome-keyring): the password goes to the keyring,
/// appears in no file and no log, and `account test` logs in with it.
#[test]
fn password_stdin_goes_to_the_keyring_only() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        assert!(std::env::var_os("POCHTA_TEST_REQUIRE_KEYRING").is_none(), "tests/run-all must provide a keyring");
        eprintln!("skipped: no D-Bus session (tests/run-all provides one)");
        return;
    }
    let stack = support::mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    let args = common::account_add_args(
        stack,
        &user,
        "imap",
        (stack.imaps_port, "ssl"),
        (stack.smtps_port, "ssl"),
        true,
        &["--password-stdin"],
    );
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let add = profile.run_with_stdin(&refs, &format!("{}\n", user.password));
    assert!(add.status.success(), "{}", describe(&add));
    let test = profile.run(&["account", "test", &user.email]);
    assert!(test.status.success(), "{}", describe(&test));
    profile.assert_secret_in_no_file(&user.password);
    for output in [&add, &test] {
        assert!(!stderr(output).contains(&user.password) && !stdout(output).contains(&user.password));
    }
    profile.ok(&["account", "remove", &user.email]);
}

//! The integration suite's core against Cyrus IMAP 3.6 (tests/mailstack/start-cyrus.sh): a real
//! second server family with the `INBOX.` personal namespace and "." delimiter, special-use
//! attributes sent in lower case (`\trash`), LOGINDISABLED before STARTTLS, its own POP3.

mod common;
mod support;

use common::servers::cyrus;
use common::suite;

#[test]
fn cyrus_sync_both_ways_over_imaps_converges_with_cyrillic_folders_in_the_inbox_namespace() {
    suite::sync_both_ways(cyrus(support::mailstack()), "ssl");
}

#[test]
fn cyrus_sync_both_ways_over_starttls_after_logindisabled() {
    suite::sync_both_ways(cyrus(support::mailstack()), "starttls");
}

#[test]
fn cyrus_finds_late_mail_by_a_cyrillic_word_on_the_server() {
    suite::search_on_the_server(cyrus(support::mailstack()));
}

#[test]
fn cyrus_idle_brings_new_mail_and_flag_changes() {
    suite::idle_brings_new_mail_and_flag_changes(cyrus(support::mailstack()));
}

#[test]
fn cyrus_pop3s_downloads_byte_identical_and_empties_the_server() {
    suite::pop3_downloads_and_empties_the_server(cyrus(support::mailstack()), "ssl");
}

#[test]
fn cyrus_pop3_stls_downloads_byte_identical_and_empties_the_server() {
    suite::pop3_downloads_and_empties_the_server(cyrus(support::mailstack()), "starttls");
}

#[test]
fn cyrus_account_sends_and_files_one_sent_copy_in_inbox_sent() {
    suite::sending_files_one_sent_copy(cyrus(support::mailstack()));
}

/// Cyrus lists AUTH=PLAIN and SASL-IR after TLS: Pochta logs in with AUTHENTICATE PLAIN and the
/// initial response in the command (RFC 4959), never LOGIN. A TLS-terminating proxy reads the
/// commands.
#[test]
fn cyrus_login_is_authenticate_plain_with_an_initial_response() {
    use common::proxy::{At, Faults, Proxy};
    let stack = support::mailstack();
    let server = cyrus(stack);
    let user = server.fresh_user(stack);
    let proxy = Proxy::start_tls(server.imaps_port, &stack.dir.join("tls"));
    let profile = common::Profile::new();
    let mut args = server.imap_account_args(stack, &user, "ssl");
    let incoming = args.iter().position(|a| a == "--incoming").unwrap() + 1;
    args[incoming] = format!("127.0.0.1:{}", proxy.port);
    profile.add_account(&args);
    // Base64 of the PLAIN message starts with "A" (its first byte is NUL).
    let seen =
        |pattern: &str| Faults { from_client: At::stall(pattern, 0, std::time::Duration::ZERO), ..Faults::default() };
    proxy.set(seen("AUTHENTICATE PLAIN A"));
    common::imap::sync(&profile, &user.email);
    assert!(proxy.fired(), "AUTHENTICATE PLAIN with an initial response was sent");
    proxy.set(seen(" LOGIN "));
    common::imap::sync(&profile, &user.email);
    assert!(!proxy.fired(), "no LOGIN was sent");
}

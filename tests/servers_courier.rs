//! The integration suite's core against Courier-IMAP 5.0 (tests/mailstack/start-courier.sh): a
//! third server family with none of CONDSTORE, QRESYNC, MOVE or SPECIAL-USE, no `[UIDNEXT]` in
//! its SELECT answer, the `INBOX.` namespace with "." as delimiter, special folders known only by
//! their names, LOGINDISABLED before STARTTLS, and Courier's own POP3.

mod common;
mod support;

use common::servers::courier;
use common::suite;

#[test]
fn courier_sync_both_ways_over_imaps_converges_without_condstore_move_or_uidnext() {
    suite::sync_both_ways(courier(support::mailstack()), "ssl");
}

#[test]
fn courier_sync_both_ways_over_starttls_after_logindisabled() {
    suite::sync_both_ways(courier(support::mailstack()), "starttls");
}

#[test]
fn courier_finds_late_mail_by_a_cyrillic_word_on_the_server() {
    suite::search_on_the_server(courier(support::mailstack()));
}

#[test]
fn courier_idle_brings_new_mail_and_flag_changes() {
    suite::idle_brings_new_mail_and_flag_changes(courier(support::mailstack()));
}

#[test]
fn courier_pop3s_downloads_byte_identical_and_empties_the_server() {
    suite::pop3_downloads_and_empties_the_server(courier(support::mailstack()), "ssl");
}

#[test]
fn courier_pop3_stls_downloads_byte_identical_and_empties_the_server() {
    suite::pop3_downloads_and_empties_the_server(courier(support::mailstack()), "starttls");
}

#[test]
fn courier_account_sends_and_files_one_sent_copy_in_inbox_sent() {
    suite::sending_files_one_sent_copy(courier(support::mailstack()));
}

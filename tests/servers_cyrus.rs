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

//! The POP3 guarantee under crashes: `pochta sync` is SIGKILLed at random moments of a
//! download-and-delete, many times over, then one last sync runs to the end. Every message the
//! server had must be stored exactly once, byte for byte; none may be left on the server; and
//! the database must pass `PRAGMA integrity_check`.

mod common;
mod support;

use common::Profile;
use common::pop3::{add_pop3_account, integrity_check, local_raw_messages, local_uidl_counts, server_count, sync};
use std::collections::BTreeSet;
use std::process::Stdio;
use std::time::{Duration, Instant};
use support::mailstack;

const MESSAGES: usize = 1000;
const KILLS: usize = 20;
/// Messages delivered before each run.
const REFILL: usize = 15;

/// A small deterministic generator (xorshift): random enough for kill times, seeded per run and
/// printed so a failing run can be repeated.
struct Xorshift(u64);

impl Xorshift {
    fn next_below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

#[test]
fn sigkill_at_random_points_never_loses_or_duplicates_a_message() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &[]);
    // Everything the server ever held: the messages must all end up stored, once each.
    let mut expected = BTreeSet::new();
    // How long one small download-and-delete takes here (start-up included), to aim the kills.
    refill(stack, &user, "calibration", &mut expected);
    let started = Instant::now();
    sync(&profile, &user.email);
    let one_run = started.elapsed().as_millis() as u64;
    stack.populate(&user, MESSAGES, &["--no-folders"]);
    expected.extend(common::pop3::server_messages(stack, &user));
    let seed = std::env::var("POCHTA_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    eprintln!("kill schedule seed: {seed} (set POCHTA_CRASH_SEED to repeat)");
    let mut random = Xorshift(seed);
    let mut finished_early = 0;
    for round in 0..KILLS {
        // New mail keeps arriving, so every run has a download-and-delete to be killed in.
        refill(stack, &user, &round.to_string(), &mut expected);
        let mut child = profile
            .command(&["sync", "--account", &user.email])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let delay =
            Duration::from_millis(5 + random.next_below(if round == 0 { (one_run * 10).max(1000) } else { one_run }));
        let started = Instant::now();
        while started.elapsed() < delay {
            if let Some(status) = child.try_wait().unwrap() {
                let mut stderr = String::new();
                std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
                assert!(status.success(), "a sync failed on its own:\n{stderr}");
                finished_early += 1;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = child.kill(); // SIGKILL on Unix
        child.wait().unwrap();
        let local = local_uidl_counts(&profile);
        assert!(local.values().all(|n| *n == 1), "a message was stored twice");
        assert!(
            local.len() + server_count(stack, &user) >= expected.len(),
            "a message was deleted without being stored"
        );
    }
    eprintln!("{finished_early} of {KILLS} runs ended before their kill");
    assert!(finished_early <= KILLS * 3 / 4, "too few runs were killed mid-way to prove anything");
    let last = sync(&profile, &user.email);
    assert!(last["errors"].as_array().unwrap().is_empty(), "{last}");
    assert_eq!(server_count(stack, &user), 0, "messages were left on the server");
    let local = local_raw_messages(&profile);
    assert_eq!(local.len(), expected.len(), "each message exactly once");
    assert!(local == expected.into_iter().collect::<Vec<_>>(), "the stored bytes differ from what the server had");
    assert!(local_uidl_counts(&profile).values().all(|n| *n == 1));
    assert_eq!(integrity_check(&profile), "ok");
}

/// Delivers `REFILL` new messages and adds what the server now holds to `expected`.
fn refill(stack: &support::MailStack, user: &support::TestUser, round: &str, expected: &mut BTreeSet<Vec<u8>>) {
    for n in 0..REFILL {
        let raw = format!("From: a@example.test\r\nSubject: round {round} message {n}\r\n\r\n{}\r\n", "x".repeat(2000));
        stack.deliver(user, raw.as_bytes());
    }
    common::pop3::end_sessions(stack, user);
    expected.extend(common::pop3::server_messages(stack, user));
}

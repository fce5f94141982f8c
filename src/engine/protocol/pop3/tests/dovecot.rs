//! A sanity run against a real Dovecot POP3 server (tests/mailstack: plain port 20110, user alice
//! with password alicepass; `POCHTA_TEST_POP3_ADDR` picks another address). Ignored by default:
//! `cargo test pop3::tests::dovecot -- --ignored`. It never deletes anything (no DELE).

use super::*;
use tokio::net::TcpStream;

#[tokio::test]
#[ignore = "needs Dovecot POP3 on 127.0.0.1:20110 with user alice/alicepass"]
async fn dovecot_session_reads_the_maildrop_without_changing_it() {
    let addr = std::env::var("POCHTA_TEST_POP3_ADDR").unwrap_or_else(|_| "127.0.0.1:20110".into());
    let tcp = TcpStream::connect(&addr).await.expect("a Dovecot POP3 server");
    let (mut client, greeting) = Pop3Client::connect(tcp, Limits::default()).await.unwrap();
    assert!(!greeting.text.is_empty());
    let caps = client.capa().await.unwrap();
    assert!(caps.uidl && caps.top, "{caps:?}");
    authenticate(&mut client, &caps, "alice", "alicepass").await.unwrap();
    let (count, octets) = client.stat().await.unwrap();
    let list = client.list().await.unwrap();
    let uids = client.uidl().await.unwrap();
    assert_eq!(list.len(), count as usize);
    assert_eq!(uids.len(), count as usize);
    assert_eq!(list.iter().map(|(_, size)| size).sum::<u64>(), octets);
    let msgs: Vec<u32> = list.iter().map(|(msg, _)| *msg).collect();
    let first_whole = match msgs.first() {
        Some(&first) => Some((client.top(first, 0).await.unwrap(), client.retr(first).await.unwrap())),
        None => None,
    };
    if let Some((head, whole)) = first_whole {
        assert!(whole.starts_with(&head) && head.ends_with(b"\r\n\r\n"), "TOP 0 is the header and blank line");
    }
    let mut batch = client.retr_batch(&msgs, 16);
    let mut fetched = 0;
    while let Some(retrieved) = batch.next().await.unwrap() {
        match retrieved {
            Retrieved::Message { msg, bytes } => {
                // Dovecot's LIST size counts CRLF line endings, as RETR delivers them.
                let listed = list.iter().find(|(m, _)| *m == msg).map(|(_, size)| *size);
                assert_eq!(Some(bytes.len() as u64), listed, "message {msg}");
                fetched += 1;
            }
            Retrieved::Refused { msg, error } => panic!("message {msg}: {error}"),
        }
    }
    assert_eq!(fetched, count);
    client.quit().await.unwrap();
}

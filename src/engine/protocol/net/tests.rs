//! The TLS client checks what it must, against a TLS server made here with its own CA: the
//! chain (an unknown CA is refused), the host name (another name is refused), and a pinned
//! fingerprint mode that reads any certificate for the comparison done after the handshake.

use super::{HandshakeOutcome, tls_handshake};
use crate::engine::protocol::tls::Verification;
use openssl::asn1::Asn1Time;
use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::ssl::{Ssl, SslAcceptor, SslMethod};
use openssl::x509::extension::{BasicConstraints, SubjectAlternativeName};
use openssl::x509::{X509, X509NameBuilder};
use std::pin::Pin;
use tokio::net::{TcpListener, TcpStream};

fn certificate(name: &str, issuer: Option<(&X509, &PKey<Private>)>) -> (X509, PKey<Private>) {
    let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut subject = X509NameBuilder::new().unwrap();
    subject.append_entry_by_text("CN", name).unwrap();
    let subject = subject.build();
    let mut builder = X509::builder().unwrap();
    builder.set_version(2).unwrap();
    builder.set_subject_name(&subject).unwrap();
    builder.set_pubkey(&key).unwrap();
    builder.set_not_before(&Asn1Time::days_from_now(0).unwrap()).unwrap();
    builder.set_not_after(&Asn1Time::days_from_now(30).unwrap()).unwrap();
    match issuer {
        Some((ca, ca_key)) => {
            builder.set_issuer_name(ca.subject_name()).unwrap();
            let san = SubjectAlternativeName::new().dns(name).build(&builder.x509v3_context(Some(ca), None)).unwrap();
            builder.append_extension(san).unwrap();
            builder.sign(ca_key, MessageDigest::sha256()).unwrap();
        }
        None => {
            builder.set_issuer_name(&subject).unwrap();
            builder.append_extension(BasicConstraints::new().critical().ca().build().unwrap()).unwrap();
            builder.sign(&key, MessageDigest::sha256()).unwrap();
        }
    }
    (builder.build(), key)
}

/// A TLS server for one connection presenting `server`; returns its port.
async fn serve(server: (X509, PKey<Private>)) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).unwrap();
    acceptor.set_certificate(&server.0).unwrap();
    acceptor.set_private_key(&server.1).unwrap();
    let acceptor = acceptor.build();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let ssl = Ssl::new(acceptor.context()).unwrap();
            let mut stream = tokio_openssl::SslStream::new(ssl, tcp).unwrap();
            let _ = Pin::new(&mut stream).accept().await;
        }
    });
    port
}

async fn handshake(port: u16, host: &str, verification: Verification) -> Result<(), String> {
    let tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    match tls_handshake(host, tcp, verification).await {
        HandshakeOutcome::Secured { .. } => Ok(()),
        HandshakeOutcome::CertificateRefused(reason) => Err(reason),
        HandshakeOutcome::Failed(reason) => Err(format!("failed: {reason}")),
        HandshakeOutcome::Interrupted(reason) => Err(format!("interrupted: {reason}")),
    }
}

#[tokio::test]
async fn the_chain_and_the_host_name_are_checked() {
    let (ca, ca_key) = certificate("Pochta test CA", None);
    let port = serve(certificate("mail.example.org", Some((&ca, &ca_key)))).await;
    let trusting = || Verification::Verify { extra_roots: vec![ca.to_der().unwrap()] };

    assert_eq!(handshake(port, "mail.example.org", trusting()).await, Ok(()));
    let other_name = handshake(port, "imap.example.net", trusting()).await.unwrap_err();
    assert!(other_name.contains("hostname mismatch"), "{other_name}");
    let unknown_ca = handshake(port, "mail.example.org", Verification::Verify { extra_roots: Vec::new() }).await;
    assert!(unknown_ca.unwrap_err().contains("unable to get local issuer certificate"));
    // Pinning reads whatever the server presents; the fingerprint is compared afterwards.
    assert_eq!(handshake(port, "imap.example.net", Verification::AcceptAnyThenCheckPin).await, Ok(()));
}

/// Forwards one connection to `upstream`, passing only the first `limit` bytes the server sends,
/// then closing: a connection that breaks in the middle of the TLS handshake.
async fn cutting_proxy(upstream: u16, limit: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let Ok((client, _)) = listener.accept().await else { return };
        let server = TcpStream::connect(("127.0.0.1", upstream)).await.unwrap();
        let (mut client_read, mut client_write) = client.into_split();
        let (mut server_read, mut server_write) = server.into_split();
        tokio::spawn(async move { tokio::io::copy(&mut client_read, &mut server_write).await });
        let mut passed = 0;
        let mut buf = [0u8; 512];
        while passed < limit {
            let Ok(n) = server_read.read(&mut buf).await else { break };
            if n == 0 {
                break;
            }
            let n = n.min(limit - passed);
            if client_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
            passed += n;
        }
        let _ = client_write.shutdown().await;
    });
    port
}

#[tokio::test]
async fn a_handshake_cut_short_is_a_network_problem_and_never_blames_the_certificate() {
    let (ca, ca_key) = certificate("Pochta test CA", None);
    let port = serve(certificate("mail.example.org", Some((&ca, &ca_key)))).await;
    let trust_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(trust_file.path(), ca.to_pem().unwrap()).unwrap();
    let trust = crate::engine::protocol::tls::Trust { ca_file: Some(trust_file.path().into()), pinned_sha256: None };
    let mut interrupted = 0;
    for limit in [0, 1, 5, 40, 100, 300, 700, 1000, 1200, 1500, 2000] {
        let proxy = cutting_proxy(port, limit).await;
        let tcp = TcpStream::connect(("127.0.0.1", proxy)).await.unwrap();
        let reconnect = || async {
            TcpStream::connect(("127.0.0.1", port)).await.map_err(|e| super::NetFailure::Closed(e.to_string()))
        };
        match super::secure("mail.example.org", &trust, tcp, reconnect).await {
            Ok(_) => {}
            Err(super::NetFailure::HandshakeInterrupted { .. }) => interrupted += 1,
            Err(other) => panic!("cut after {limit} bytes: {other:?} ({other})"),
        }
    }
    assert!(interrupted >= 5, "most cuts fall inside the handshake: {interrupted}");
}

#[tokio::test]
async fn a_silent_server_fails_a_read_after_the_silence_limit_and_a_trickle_does_not() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        // First connection: silent. Second: one byte every 20 ms.
        let (_silent, _) = listener.accept().await.unwrap();
        let (mut trickling, _) = listener.accept().await.unwrap();
        for _ in 0..30 {
            if trickling.write_all(b"x").await.is_err() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        std::future::pending::<()>().await;
    });
    let limit = Some(std::time::Duration::from_millis(150));
    let mut silent = super::MailStream::plain(TcpStream::connect(("127.0.0.1", port)).await.unwrap());
    silent.set_silence_limit(limit);
    let mut byte = [0u8; 1];
    let err = silent.read(&mut byte).await.unwrap_err();
    assert_eq!(crate::engine::protocol::deadline::passed(&err).map(|p| p.seconds), Some(1), "{err}");

    let mut trickling = super::MailStream::plain(TcpStream::connect(("127.0.0.1", port)).await.unwrap());
    trickling.set_silence_limit(limit);
    for _ in 0..20 {
        assert_eq!(trickling.read(&mut byte).await.unwrap(), 1, "bytes keep coming: no silence");
    }
}

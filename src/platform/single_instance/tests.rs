//! The socket protocol between a second start and the running window, over real Unix sockets.

use super::*;
use std::os::unix::fs::PermissionsExt;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn first(socket: &Path) -> Listener {
    match claim(socket).unwrap() {
        Claim::First(listener) => listener,
        Claim::Running(_) => panic!("{} is claimed already", socket.display()),
    }
}

/// Sends raw bytes as a client would and gives the answer line. Connected before it returns, so
/// the window accepts it before any later client.
fn exchange(socket: &Path, bytes: Vec<u8>) -> std::thread::JoinHandle<String> {
    let mut stream = UnixStream::connect(socket).unwrap();
    std::thread::spawn(move || {
        // The window stops reading an over-long request early: the rest may not go through.
        let _ = stream.write_all(&bytes);
        let mut answer = String::new();
        let _ = BufReader::new(stream).read_line(&mut answer);
        answer
    })
}

#[test]
fn a_mailto_link_from_a_second_start_reaches_the_running_window() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("run").join("profile.sock");
    let listener = first(&socket);
    assert_eq!(std::fs::metadata(&socket).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(socket.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
    let Claim::Running(found) = claim(&socket).unwrap() else { panic!("a second claim must find the first") };

    let request =
        Request::Compose { mailto: "mailto:anna@example.org?subject=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82".into() };
    let client = std::thread::spawn(move || send(&found, &request));
    let forwarded = runtime().block_on(async { listener.incoming().unwrap().next().await });
    client.join().unwrap().expect("the window accepted the request");
    let Forwarded::Compose(draft) = forwarded else { panic!("{forwarded:?}") };
    assert_eq!((draft.to, draft.subject), (vec!["anna@example.org".to_string()], Some("Привет".to_string())));

    let client = std::thread::spawn(move || send(&socket, &Request::Raise));
    assert_eq!(runtime().block_on(async { listener.incoming().unwrap().next().await }), Forwarded::Raise);
    client.join().unwrap().unwrap();
}

#[test]
fn a_socket_left_by_a_crash_is_replaced_and_a_closed_window_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("profile.sock");
    // A crashed run leaves its socket file (and its lock file, unlocked) behind.
    drop(UnixListener::bind(&socket).unwrap());
    std::fs::write(socket.with_extension("lock"), b"").unwrap();
    assert!(UnixStream::connect(&socket).is_err(), "nobody answers on a stale socket");
    let listener = first(&socket);
    let client = {
        let socket = socket.clone();
        std::thread::spawn(move || send(&socket, &Request::Raise))
    };
    assert_eq!(runtime().block_on(async { listener.incoming().unwrap().next().await }), Forwarded::Raise);
    client.join().unwrap().unwrap();
    drop(listener);
    assert!(!socket.exists(), "a closed window removes its socket");
    drop(first(&socket));
}

#[test]
fn garbage_and_over_long_requests_are_refused_and_the_next_one_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("profile.sock");
    let listener = first(&socket);
    let runtime = runtime();
    let mut incoming = runtime.block_on(async { listener.incoming() }).unwrap();
    let hostile: Vec<Vec<u8>> = vec![
        b"hello\n".to_vec(),
        b"{\"request\":\"format_disk\"}\n".to_vec(),
        b"{\"request\":\"compose\"}\n".to_vec(),
        b"\n".to_vec(),
        b"{\"request\":\"compose\",\"mailto\":\"http://example.org\"}\n".to_vec(),
        vec![b'x'; MAX_REQUEST + 4096],
        b"\xff\xfe\n".to_vec(),
    ];
    for bytes in hostile {
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(60)]).into_owned();
        let refused = exchange(&socket, bytes);
        let good = std::thread::spawn({
            let socket = socket.clone();
            move || send(&socket, &Request::Raise)
        });
        assert_eq!(runtime.block_on(incoming.next()), Forwarded::Raise, "after {shown}");
        // The refusal may still be on its way: the listener writes it only while it is polled.
        let answer = runtime.block_on(async {
            let mut refusal = tokio::task::spawn_blocking(move || refused.join().unwrap());
            tokio::select! {
                answer = &mut refusal => answer.unwrap(),
                extra = incoming.next() => panic!("{shown}: forwarded instead of refused: {extra:?}"),
            }
        });
        assert!(answer.starts_with("{\"ok\":false,\"error\":"), "{shown}: {answer}");
        good.join().unwrap().unwrap();
    }
}

#[test]
fn a_silent_client_cannot_hold_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("profile.sock");
    let listener = first(&socket);
    let silent = UnixStream::connect(&socket).unwrap();
    let client = {
        let socket = socket.clone();
        std::thread::spawn(move || send(&socket, &Request::Raise))
    };
    let started = Instant::now();
    assert_eq!(runtime().block_on(async { listener.incoming().unwrap().next().await }), Forwarded::Raise);
    assert!(started.elapsed() < REQUEST_TIMEOUT + Duration::from_secs(2), "{:?}", started.elapsed());
    client.join().unwrap().unwrap();
    drop(silent);
}

#[test]
fn no_window_means_no_answer_and_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let error = send(&dir.path().join("nobody.sock"), &Request::Raise).unwrap_err();
    assert!(matches!(error, InstanceError::Io { .. }), "{error}");
}

#[test]
fn each_profile_has_its_own_socket_in_the_runtime_dir() {
    let runtime_dir = tempfile::tempdir().unwrap();
    let fallback = Path::new("/profile/run");
    let a = socket_path(Some(runtime_dir.path()), fallback, Path::new("/home/me/.local/share/pochta"));
    let b = socket_path(Some(runtime_dir.path()), fallback, Path::new("/tmp/other-profile/data"));
    assert_ne!(a, b);
    assert_eq!(a.parent().unwrap(), runtime_dir.path().join("pochta"));
    assert!(a.to_str().unwrap().ends_with(".sock"));
    let without = socket_path(None, fallback, Path::new("/tmp/other-profile/data"));
    assert_eq!(without.parent().unwrap(), fallback);
    assert_eq!(without.file_name(), b.file_name(), "the name depends on the profile only");
    let missing = socket_path(Some(Path::new("/nonexistent-runtime")), fallback, Path::new("/p"));
    assert_eq!(missing.parent().unwrap(), fallback);
}

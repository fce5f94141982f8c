//! Giving the memory of a big letter back to the system once the reader has left it.
//!
//! glibc's malloc keeps freed memory in its heaps for reuse: after an 8 MB letter or a 5 MB HTML
//! letter has been shown and left, hundreds of thousands of small freed blocks (text runs, spans,
//! shaped lines) sit between the few that live on (SQLite's page cache, caches of the text
//! system), and the heap cannot shrink past them. The window would keep 20 to 30 MB it no longer
//! uses for as long as it runs. `malloc_trim(0)` hands every whole free page of every arena back
//! (glibc 2.8+, madvise(MADV_DONTNEED)); it is cheap (1.3 to 3 ms after these letters, measured)
//! but not free, so it runs on a thread of its own, once, a moment after the last big letter was
//! left — by then the window has drawn the frame that dropped the letter's widgets.
//!
//! This is the crate's one `unsafe` item: a foreign function declaration. The call itself is safe
//! (`safe fn`): malloc_trim takes a plain integer, touches no memory of ours, and glibc makes it
//! thread-safe by locking each arena it trims.

use std::sync::OnceLock;
use std::sync::mpsc::{Sender, channel};
use std::time::Duration;

/// Letters at least this big (their raw size or laid-out text) are worth a trim when left.
pub const BIG_LETTER_BYTES: u64 = 1024 * 1024;

/// How long after the last request the trim runs: time for the window to redraw without the letter.
const SETTLE: Duration = Duration::from_millis(200);

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
mod glibc {
    // glibc's malloc.h: `int malloc_trim(size_t pad);` Returns 1 when memory was given back.
    unsafe extern "C" {
        pub safe fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
}

/// Gives freed memory back to the system now (on glibc; elsewhere the allocator decides).
pub fn give_back_now() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::malloc_trim(0);
}

/// Asks for freed memory to be given back shortly, off the calling thread: requests that come
/// while one is waiting are folded into it. Never blocks the caller.
pub fn give_back_soon() {
    static TRIMMER: OnceLock<Option<Sender<()>>> = OnceLock::new();
    let trimmer = TRIMMER.get_or_init(|| {
        let (requests, waiting) = channel::<()>();
        let spawned = std::thread::Builder::new().name("pochta-memory".into()).spawn(move || {
            while waiting.recv().is_ok() {
                // Fold a burst of requests (opening letter after letter) into one trim.
                while waiting.recv_timeout(SETTLE).is_ok() {}
                give_back_now();
            }
        });
        spawned.ok().map(|_| requests)
    });
    if let Some(requests) = trimmer {
        let _ = requests.send(());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn giving_back_is_safe_to_ask_for_at_any_time() {
        let freed: Vec<Vec<u8>> = (0..10_000).map(|i| vec![0u8; 64 + i % 512]).collect();
        drop(freed);
        give_back_now();
        give_back_soon();
        give_back_soon();
    }
}

//! Running the real binary on a private X server (Xvfb) for the GUI smoke tests: the server, the
//! app (killed on every way out of a test), key presses, and screenshots that have settled.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the window may take to appear (a debug build on a loaded 2-core machine).
pub const MAP_TIMEOUT: Duration = Duration::from_secs(20);
/// Fewer distinct colours than this is a blank or text-less window (anti-aliased text has hundreds).
pub const MIN_COLOURS: usize = 50;

/// Whether the GUI tests can run; without Xvfb they skip, unless POCHTA_TEST_REQUIRE_GUI is set.
pub fn gui_available() -> bool {
    if has_program("Xvfb") {
        return true;
    }
    if std::env::var_os("POCHTA_TEST_REQUIRE_GUI").is_some() {
        panic!("Xvfb is not installed and POCHTA_TEST_REQUIRE_GUI is set: packaging/system-packages test");
    }
    eprintln!("gui_smoke: skipped, Xvfb is not installed (packaging/system-packages test installs it)");
    false
}

pub fn assert_not_blank(path: &Path, app: &Running) {
    let colours: usize = identify(path, "%k").trim().parse().unwrap();
    assert!(colours > MIN_COLOURS, "{} looks blank: {colours} colours\n{}", path.display(), app.log_tail());
}

/// The running app; killed (SIGTERM, then SIGKILL) when dropped, a failed assert included.
pub struct Running {
    pub child: Child,
    pub log: PathBuf,
}

impl Running {
    /// The window's X id, once it is mapped; panics if the app exits or the time runs out.
    pub fn wait_for_window(&mut self, display: &Xvfb) -> String {
        let pid = self.child.id().to_string();
        let deadline = Instant::now() + MAP_TIMEOUT;
        loop {
            self.assert_alive("before its window appeared");
            let found = display.command("xdotool").args(["search", "--onlyvisible", "--pid", &pid]).output().unwrap();
            if let Some(window) = String::from_utf8_lossy(&found.stdout).lines().next() {
                return window.trim().to_string();
            }
            assert!(Instant::now() < deadline, "no window within {MAP_TIMEOUT:?}\n{}", self.log_tail());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A second window of the app (a composer), once it is mapped.
    pub fn wait_for_another_window(&mut self, display: &Xvfb, main: &str) -> String {
        let pid = self.child.id().to_string();
        let deadline = Instant::now() + MAP_TIMEOUT;
        loop {
            self.assert_alive("before the second window appeared");
            let found = display.command("xdotool").args(["search", "--onlyvisible", "--pid", &pid]).output().unwrap();
            if let Some(window) = String::from_utf8_lossy(&found.stdout).lines().map(str::trim).find(|w| *w != main) {
                return window.to_string();
            }
            assert!(Instant::now() < deadline, "no second window within {MAP_TIMEOUT:?}\n{}", self.log_tail());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn assert_alive(&mut self, when: &str) {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!("pochta exited ({status}) {when}\n{}", self.log_tail());
        }
    }

    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        format!("--- last lines of {}\n{}", self.log.display(), lines[lines.len().saturating_sub(30)..].join("\n"))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// A private X server on a display number it picks itself (-displayfd), stopped when dropped.
pub struct Xvfb {
    child: Child,
    pub name: String,
    /// Kept open: Xvfb wrote its display number here and may write again.
    _stdout: BufReader<ChildStdout>,
}

impl Xvfb {
    pub fn start() -> Xvfb {
        let mut child = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp", "-noreset"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        // The number arrives once the server accepts clients; a thread bounds the wait.
        let (sender, receiver) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut line = String::new();
            let _ = stdout.read_line(&mut line);
            let _ = sender.send(line);
            stdout
        });
        let number = match receiver.recv_timeout(Duration::from_secs(10)) {
            Ok(line) if !line.trim().is_empty() => line.trim().to_string(),
            _ => {
                stop(&mut child);
                panic!("Xvfb did not start (no display number within 10 s)");
            }
        };
        Xvfb { child, name: format!(":{number}"), _stdout: reader.join().unwrap() }
    }

    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("DISPLAY", &self.name).stdin(Stdio::null());
        command
    }

    pub fn xdotool(&self, args: &[&str]) -> String {
        let out = self.command("xdotool").args(args).output().unwrap();
        assert!(out.status.success(), "xdotool {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Screenshots the window until two in a row are the same picture (it has finished
    /// drawing), 5 s at most; the last one stays at `path`.
    pub fn settled_screenshot(&self, window: &str, path: &Path) {
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut previous = String::new();
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let out = self.command("import").args(["-window", window]).arg(path).output().unwrap();
            assert!(out.status.success(), "import: {}", String::from_utf8_lossy(&out.stderr));
            let signature = identify(path, "%#");
            if signature == previous || Instant::now() > deadline {
                return;
            }
            previous = signature;
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// SIGTERM, up to 3 s to exit, then SIGKILL; always reaped.
pub fn stop(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

pub fn identify(path: &Path, format: &str) -> String {
    let out = Command::new("identify").args(["-format", format]).arg(path).output().unwrap();
    assert!(out.status.success(), "identify {}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn has_program(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
}

/// target/smoke, beside the binary's profile directory (CARGO_TARGET_DIR respected).
pub fn smoke_dir() -> PathBuf {
    let binary = Path::new(env!("CARGO_BIN_EXE_pochta"));
    binary.parent().and_then(Path::parent).expect("target/<profile>/pochta").join("smoke")
}

//! The `pochta` binary: logging, arguments, then the GUI or one command-line command.

use pochta::cli::{self, Cli};
use pochta::config::{Paths, Settings};
use pochta::engine::api::{DemoLetters, EngineHandle};
use pochta::fl;
use pochta::platform::single_instance::{self, Claim, Listener, Request};
use std::process::ExitCode;

fn main() -> ExitCode {
    init_logging();
    // POCHTA_LANGUAGE or the system's language first, so `--help` and usage errors speak it ...
    let early = pochta::i18n::preferred_language("");
    pochta::i18n::select_language(early.as_deref());
    let cli = Cli::parse_with_mailto();
    // ... then the settings' choice, when the profile has one (POCHTA_LANGUAGE still wins).
    let settings = Settings::load(&Paths::resolve(cli.profile.as_deref()).settings_file());
    let chosen = pochta::i18n::preferred_language(&settings.language);
    if chosen != early {
        pochta::i18n::select_language(chosen.as_deref());
    }
    if cli.command.is_some() {
        end_quietly_on_closed_pipe();
    }
    match &cli.command {
        Some(command) => match cli::run(&cli, command) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("pochta: {err}");
                ExitCode::FAILURE
            }
        },
        None => run_gui(&cli),
    }
}

/// A big letter's text and layout are many allocations of 128 KB to a few MB; glibc's malloc
/// raises its mmap threshold as such blocks are freed and from then on keeps them in the heap,
/// which it never gives back: leaving an 8 MB letter left the window 30 MB larger for good. The
/// window runs itself once more with the threshold fixed at 128 KB (a documented glibc tunable),
/// so those blocks are mapped and returned when freed. Setting it needs no unsafe call this way;
/// a GLIBC_TUNABLES the user set is left alone, and if the exec fails the window runs as it is.
fn give_memory_back() {
    const TUNABLE: &str = "glibc.malloc.mmap_threshold=131072";
    if !cfg!(all(target_os = "linux", target_env = "gnu")) || std::env::var_os("GLIBC_TUNABLES").is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else { return };
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let failed =
            std::process::Command::new(exe).args(std::env::args_os().skip(1)).env("GLIBC_TUNABLES", TUNABLE).exec();
        tracing::debug!("running on without the malloc tunable: {failed}");
    }
}

/// `pochta list | head -1`: when the reader of stdout goes away, the command ends quietly, as a
/// Unix tool killed by SIGPIPE does (exit status 128 + 13), instead of panicking on the next
/// `println!` ("failed printing to stdout: Broken pipe"). Rust ignores SIGPIPE and the crate
/// forbids the unsafe call that would restore it, so the panic is caught here.
fn end_quietly_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info.payload_as_str().unwrap_or("");
        if text.starts_with("failed printing to stdout") && text.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

fn run_gui(cli: &Cli) -> ExitCode {
    give_memory_back();
    // --demo: a throw-away profile, removed when the window closes.
    let demo_dir = match cli.demo.then(tempfile_dir).transpose() {
        Ok(dir) => dir,
        Err(err) => {
            eprintln!("pochta: {}", fl!("error-demo-profile", detail = err.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let paths = match &demo_dir {
        Some(dir) => Paths::in_profile(dir),
        None => Paths::resolve(cli.profile.as_deref()),
    };
    // A mailto: link opens the composer on it; a broken link is said and the window opens anyway.
    let compose = cli.mailto.as_deref().and_then(|uri| match pochta::platform::mailto::parse(uri) {
        Ok(draft) => Some(draft),
        Err(err) => {
            eprintln!("pochta: {}", fl!("error-mailto-unusable", uri = uri, detail = err.to_string()));
            None
        }
    });
    // One window per profile: a second start hands its request to the first and ends here.
    let instance = match &demo_dir {
        Some(_) => None,
        None => match claim_window(&paths, cli.mailto.as_deref().filter(|_| compose.is_some())) {
            Ok(listener) => listener,
            Err(code) => return code,
        },
    };
    let engine = match EngineHandle::open(paths) {
        Ok(engine) => engine,
        Err(err) => {
            eprintln!("pochta: {err}");
            return ExitCode::FAILURE;
        }
    };
    // The letters written for the project, in a local account of the throw-away profile. A
    // failure is said in the window too: a person who started it from a launcher sees no stderr.
    let demo_failure = cli.demo.then(|| engine.load_demo_mailbox(&DemoLetters::find()).err()).flatten().map(|err| {
        let said = fl!("error-demo-not-loaded", detail = err.to_string());
        eprintln!("pochta: {said}");
        said
    });
    let result = pochta::ui::run(engine, cli.demo, demo_failure, compose, instance);
    if let Some(dir) = demo_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("pochta: {}", fl!("error-window", detail = err.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// Claims the profile's window for this process, or forwards `mailto` (or "raise") to the window
/// already running it: then the exit code to end with. Without a usable socket the window
/// opens all the same, only without forwarding.
fn claim_window(paths: &Paths, mailto: Option<&str>) -> Result<Option<Listener>, ExitCode> {
    // The socket's name comes from the profile's real path: make it exist first.
    if let Err(err) = paths.create_all() {
        tracing::warn!("the profile folders cannot be created: {err}");
    }
    let socket = single_instance::socket_for(paths);
    match single_instance::claim(&socket) {
        Ok(Claim::First(listener)) => Ok(Some(listener)),
        Ok(Claim::Running(socket)) => {
            let request = match mailto {
                Some(uri) => Request::Compose { mailto: uri.to_string() },
                None => Request::Raise,
            };
            match single_instance::send(&socket, &request) {
                Ok(()) => Err(ExitCode::SUCCESS),
                Err(err) => {
                    eprintln!("pochta: {}", pochta::fl!("cli-instance-no-answer", error = err.to_string()));
                    Err(ExitCode::FAILURE)
                }
            }
        }
        Err(err) => {
            tracing::warn!("later starts will open windows of their own: {err}");
            Ok(None)
        }
    }
}

fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("pochta-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Logs go to stderr, filtered by `POCHTA_LOG` (default: warnings). async-imap traces LOGIN with
/// the password through the `log` facade, which is not forwarded here, and its target is off.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("POCHTA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"))
        .add_directive("async_imap=off".parse().expect("static directive"));
    // Colour codes only for a person at a terminal, not in a log file or a pipe.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi).init();
}

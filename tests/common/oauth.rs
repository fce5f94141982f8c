//! The scripted OAuth 2.0 authorization server of the test harness (issue 20) and the Dovecot of
//! tests/mailstack/start-oauth.sh that trusts it, with the Postfix submission whose SASL it is. Endpoints: `/authorize` (consents, or answers
//! `access_denied` for a user told to refuse), `/token` (authorization code with its PKCE S256
//! verifier, RFC 7636 §4.6; refresh token, RFC 6749 §6), `/introspect` (RFC 7662, for Dovecot's
//! oauth2 passdb), `/tokeninfo` and `/revoke` (RFC 7009). Tokens carry their user, expiry and the
//! user's revocation generation under a MAC, and the settings (access token life, consent,
//! revocations) live in files under DIR/oauth/authz: whichever test process serves the port gives
//! the same answers. Every token request is logged (`log/<user>`) so tests can count refreshes.

use crate::support::{MailStack, TestUser};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Refresh tokens live in the keyring: without a D-Bus session the test is skipped, except under
/// tests/run-all, which provides one.
pub fn keyring_or_skip() -> bool {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        return true;
    }
    assert!(std::env::var_os("POCHTA_TEST_REQUIRE_KEYRING").is_none(), "tests/run-all must provide a keyring");
    eprintln!("skipped: no D-Bus session for the keyring (tests/run-all provides one)");
    false
}

pub struct OAuthStack {
    pub imap_port: u16,
    pub imaps_port: u16,
    pub pop3_port: u16,
    pub pop3s_port: u16,
    pub submission_port: u16,
    pub authz_port: u16,
    pub dovecot_log: PathBuf,
    /// The submission Postfix's log: `sasl_method=` and `SASL ... authentication failed` lines.
    pub postfix_log: PathBuf,
    state: PathBuf,
}

/// Starts (once, under a lock) the OAuth Dovecot beside the running stack and this process's
/// authorization server on its port.
pub fn oauth_stack(stack: &MailStack) -> &'static OAuthStack {
    static OAUTH: OnceLock<OAuthStack> = OnceLock::new();
    OAUTH.get_or_init(|| {
        let lock = std::fs::File::create(stack.dir.join("oauth.lock")).unwrap();
        lock.lock().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mailstack/start-oauth.sh");
        let out = Command::new("bash").arg(&script).arg(&stack.dir).output().unwrap();
        assert!(out.status.success(), "start-oauth.sh failed: {}", String::from_utf8_lossy(&out.stderr));
        let text = std::fs::read_to_string(stack.dir.join("oauth/env")).unwrap();
        let get = |key: &str| text.lines().find_map(|l| l.strip_prefix(&format!("{key}="))).unwrap().to_string();
        let state = stack.dir.join("oauth/authz");
        for sub in ["life", "deny", "generation", "access-generation", "log"] {
            std::fs::create_dir_all(state.join(sub)).unwrap();
        }
        let secret = state.join("secret");
        if !secret.exists() {
            std::fs::write(&secret, format!("{:?}{}", SystemTime::now(), std::process::id())).unwrap();
        }
        let oauth = OAuthStack {
            imap_port: get("OAUTH_IMAP_PORT").parse().unwrap(),
            imaps_port: get("OAUTH_IMAPS_PORT").parse().unwrap(),
            pop3_port: get("OAUTH_POP3_PORT").parse().unwrap(),
            pop3s_port: get("OAUTH_POP3S_PORT").parse().unwrap(),
            submission_port: get("OAUTH_SUBMISSION_PORT").parse().unwrap(),
            authz_port: get("OAUTH_AUTHORIZATION_PORT").parse().unwrap(),
            dovecot_log: PathBuf::from(get("OAUTH_DOVECOT_LOG")),
            postfix_log: PathBuf::from(get("OAUTH_POSTFIX_LOG")),
            state,
        };
        serve(oauth.authz_port, oauth.state.clone());
        oauth
    })
}

/// Binds the port (a test binary that ran before may still be exiting) and answers forever.
fn serve(port: u16, state: PathBuf) {
    let mut listener = None;
    for _ in 0..100 {
        match TcpListener::bind(("127.0.0.1", port)) {
            Ok(bound) => {
                listener = Some(bound);
                break;
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    let listener = listener.unwrap_or_else(|| panic!("the authorization server's port {port} stays taken"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let state = state.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &state);
            });
        }
    });
}

impl OAuthStack {
    /// A fresh pool user, with no index of this Dovecot left from an earlier test.
    pub fn fresh_user(&self, stack: &MailStack) -> TestUser {
        let user = stack.fresh_user();
        let conf = self.dovecot_log.parent().unwrap().parent().unwrap().join("dovecot.conf");
        let _ = Command::new("doveadm").arg("-c").arg(conf).args(["kick", &user.login]).output();
        let _ = std::fs::remove_dir_all(stack.dir.join("mail").join(&user.login).join("OAuthIndex"));
        self.set_consent(&user, true);
        let _ = std::fs::remove_file(self.state.join("life").join(&user.login));
        // The pool's users come round again: the token requests counted are this test's.
        let _ = std::fs::remove_file(self.state.join("log").join(&user.login));
        user
    }

    /// Makes every access token issued to `user` so far invalid (as if it expired early); the
    /// refresh tokens stay good.
    pub fn expire_access_tokens(&self, user: &TestUser) {
        let path = self.state.join("access-generation").join(&user.login);
        let next = read_number(&path) + 1;
        std::fs::write(path, next.to_string()).unwrap();
    }
    pub fn authorize_url(&self) -> String {
        format!("http://127.0.0.1:{}/authorize", self.authz_port)
    }

    pub fn token_url(&self) -> String {
        format!("http://127.0.0.1:{}/token", self.authz_port)
    }

    /// Access tokens issued for `user` from now on live this long.
    pub fn set_access_life(&self, user: &TestUser, life: Duration) {
        std::fs::write(self.state.join("life").join(&user.login), life.as_secs().to_string()).unwrap();
    }

    /// Whether `/authorize` consents for `user` (it does unless told otherwise).
    pub fn set_consent(&self, user: &TestUser, consent: bool) {
        let path = self.state.join("deny").join(&user.login);
        if consent {
            let _ = std::fs::remove_file(path);
        } else {
            std::fs::write(path, "").unwrap();
        }
    }

    /// Revokes every refresh and access token issued to `user` so far.
    pub fn revoke(&self, user: &TestUser) {
        let next = generation(&self.state, &user.login) + 1;
        std::fs::write(self.state.join("generation").join(&user.login), next.to_string()).unwrap();
    }

    /// Token requests of `user` since [`fresh_user`](Self::fresh_user), as "grant outcome"
    /// ("code ok", "refresh ok", "refresh refused", ...).
    pub fn token_requests(&self, user: &TestUser) -> Vec<String> {
        let log = std::fs::read_to_string(self.state.join("log").join(&user.login)).unwrap_or_default();
        log.lines().map(str::to_string).collect()
    }

    /// Dovecot's log from byte `from`: lines about `user`.
    pub fn dovecot_lines(&self, user: &TestUser, from: usize) -> Vec<String> {
        let log = std::fs::read(&self.dovecot_log).unwrap_or_default();
        let who = format!("user=<{}>", user.login);
        String::from_utf8_lossy(log.get(from..).unwrap_or_default())
            .lines()
            .filter(|l| l.contains(&who) || l.contains(&format!("({},", user.login)))
            .map(str::to_string)
            .collect()
    }

    pub fn dovecot_log_size(&self) -> usize {
        std::fs::metadata(&self.dovecot_log).map(|m| m.len() as usize).unwrap_or(0)
    }

    /// The submission Postfix's lines about `user`'s SASL logins from byte `from` on (Postfix ends
    /// both a login's and a refusal's line with `sasl_username=<login>`).
    pub fn postfix_lines(&self, user: &TestUser, from: usize) -> Vec<String> {
        let log = std::fs::read(&self.postfix_log).unwrap_or_default();
        let who = format!("sasl_username={}", user.login);
        String::from_utf8_lossy(log.get(from..).unwrap_or_default())
            .lines()
            .filter(|l| l.ends_with(&who))
            .map(str::to_string)
            .collect()
    }

    pub fn postfix_log_size(&self) -> usize {
        std::fs::metadata(&self.postfix_log).map(|m| m.len() as usize).unwrap_or(0)
    }

    /// The browser: opens the authorization URL and returns where the server redirects it
    /// (Pochta's loopback address with `code` and `state`, or `error`).
    pub fn authorize(&self, url: &str) -> String {
        let (status, headers, _) = http_get(url);
        assert_eq!(status, 302, "the authorization server did not redirect");
        headers.lines().find_map(|l| l.strip_prefix("Location: ")).expect("a Location").to_string()
    }

    /// The browser following a redirect to Pochta's loopback listener: the status and the page.
    pub fn follow(&self, location: &str) -> (u16, String) {
        let (status, _, body) = http_get(location);
        (status, body)
    }

    /// POSTs a form to the token endpoint, as any client (or an attacker) could.
    pub fn token_request(&self, fields: &[(&str, &str)]) -> (u16, String) {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        http_post(&self.token_url(), &body.join("&"))
    }
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

fn read_number(path: &Path) -> u64 {
    std::fs::read_to_string(path).ok().and_then(|t| t.trim().parse().ok()).unwrap_or(0)
}

fn generation(state: &Path, login: &str) -> u64 {
    read_number(&state.join("generation").join(login))
}

fn access_generation(state: &Path, login: &str) -> u64 {
    read_number(&state.join("access-generation").join(login))
}

fn mac(state: &Path, payload: &str) -> String {
    let secret = std::fs::read(state.join("secret")).unwrap_or_default();
    let digest = openssl::sha::sha256(&[secret.as_slice(), payload.as_bytes()].concat());
    B64.encode(&digest[..18])
}

fn seal(state: &Path, fields: &[&str]) -> String {
    let payload = fields.join(".");
    format!("{payload}.{}", mac(state, &payload))
}

/// The fields of a token whose MAC holds.
fn open(state: &Path, token: &str) -> Option<Vec<String>> {
    let (payload, tag) = token.rsplit_once('.')?;
    (mac(state, payload) == tag).then(|| payload.split('.').map(str::to_string).collect())
}

/// One token request of `login`, in its own log (`DIR/oauth/authz/log/<login>`).
fn log(state: &Path, login: &str, line: &str) {
    let path = state.join("log").join(login);
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).unwrap();
    writeln!(file, "{line}").unwrap();
}

/// Issues an access token (kind "a") and, with `refresh`, a refresh token ("r").
fn tokens(state: &Path, login: &str, refresh: bool) -> String {
    let life: u64 = std::fs::read_to_string(state.join("life").join(login))
        .ok()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(3600);
    let generation = generation(state, login).to_string();
    let nonce = format!("{:x}", SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos());
    let access_generation = access_generation(state, login).to_string();
    let access = seal(state, &["a", login, &generation, &access_generation, &(now() + life).to_string(), &nonce]);
    let mut json = format!(r#"{{"access_token":"{access}","token_type":"Bearer","expires_in":{life}"#);
    if refresh {
        let refresh = seal(state, &["r", login, &generation, &nonce]);
        json.push_str(&format!(r#","refresh_token":"{refresh}""#));
    }
    json.push('}');
    json
}

/// The user an access token belongs to, when it is valid now.
fn active_user(state: &Path, token: &str) -> Option<String> {
    let fields = open(state, token)?;
    let [kind, login, generation_text, access_text, expires, _nonce] = fields.as_slice() else { return None };
    let valid = kind == "a"
        && generation_text.parse::<u64>().ok() == Some(generation(state, login))
        && access_text.parse::<u64>().ok() == Some(access_generation(state, login))
        && expires.parse::<u64>().is_ok_and(|e| e > now());
    valid.then(|| login.clone())
}

struct Request {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
}

fn answer(stream: TcpStream, state: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("/").to_string());
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        if header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let request = Request {
        method,
        path: path.to_string(),
        query: parse_form(query),
        form: parse_form(&String::from_utf8_lossy(&body)),
    };
    let (status, headers, body) = route(&request, state);
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status}\r\n{headers}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    stream.flush()
}

fn route(request: &Request, state: &Path) -> (&'static str, String, String) {
    let query = |key: &str| request.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    let form = |key: &str| request.form.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    let refused = |what: &str| ("400 Bad Request", String::new(), format!(r#"{{"error":"{what}"}}"#));
    match (request.method.as_str(), request.path.as_str()) {
        ("GET", "/authorize") => {
            let login = query("login_hint").split('@').next().unwrap_or_default().to_string();
            let redirect = query("redirect_uri");
            let state_value = query("state");
            if query("code_challenge_method") != "S256" || query("response_type") != "code" {
                return refused("invalid_request");
            }
            let target = if state.join("deny").join(&login).exists() {
                format!("{redirect}?error=access_denied&state={}", encode(&state_value))
            } else {
                let code = seal(
                    state,
                    &["c", &login, &(now() + 60).to_string(), &query("code_challenge"), &B64.encode(&redirect)],
                );
                format!("{redirect}?code={}&state={}", encode(&code), encode(&state_value))
            };
            ("302 Found", format!("Location: {target}\r\n"), String::new())
        }
        ("POST", "/token") if form("grant_type") == "authorization_code" => {
            let Some(fields) = open(state, &form("code")) else { return refused("invalid_grant") };
            let [kind, login, expires, challenge, redirect] = fields.as_slice() else {
                return refused("invalid_grant");
            };
            let verifier = form("code_verifier");
            let proof = B64.encode(openssl::sha::sha256(verifier.as_bytes()));
            let good = kind == "c"
                && expires.parse::<u64>().is_ok_and(|e| e > now())
                && proof == *challenge
                && B64.encode(form("redirect_uri")) == *redirect;
            log(state, login, &format!("code {}", if good { "ok" } else { "refused" }));
            if !good {
                return refused("invalid_grant");
            }
            ("200 OK", String::new(), tokens(state, login, true))
        }
        ("POST", "/token") if form("grant_type") == "refresh_token" => {
            let fields = open(state, &form("refresh_token")).unwrap_or_default();
            let [kind, login, generation_text, _nonce] = fields.as_slice() else { return refused("invalid_grant") };
            let good = kind == "r" && generation_text.parse::<u64>().ok() == Some(generation(state, login));
            log(state, login, &format!("refresh {}", if good { "ok" } else { "refused" }));
            if !good {
                return refused("invalid_grant");
            }
            ("200 OK", String::new(), tokens(state, login, false))
        }
        ("POST", "/introspect") => match active_user(state, &form("token")) {
            Some(login) => ("200 OK", String::new(), format!(r#"{{"active":true,"username":"{login}"}}"#)),
            None => ("200 OK", String::new(), r#"{"active":false}"#.to_string()),
        },
        ("GET", "/tokeninfo") => match active_user(state, &query("access_token")) {
            Some(login) => ("200 OK", String::new(), format!(r#"{{"active":true,"username":"{login}"}}"#)),
            None => ("401 Unauthorized", String::new(), r#"{"error":"invalid_token"}"#.to_string()),
        },
        ("POST", "/revoke") => {
            if let Some(fields) = open(state, &form("token"))
                && let Some(login) = fields.get(1)
            {
                let next = generation(state, login) + 1;
                std::fs::write(state.join("generation").join(login), next.to_string()).unwrap();
            }
            ("200 OK", String::new(), "{}".to_string())
        }
        _ => ("404 Not Found", String::new(), "{}".to_string()),
    }
}

fn parse_form(text: &str) -> Vec<(String, String)> {
    text.split('&').filter_map(|pair| pair.split_once('=')).map(|(k, v)| (decode(k), decode(v))).collect()
}

pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let hex = bytes.get(at + 1..at + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (byte, hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                at += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                at += 1;
            }
            (other, _) => {
                out.push(other);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn split_url(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").expect("an http URL");
    match rest.find('/') {
        Some(at) => (rest[..at].to_string(), rest[at..].to_string()),
        None => (rest.to_string(), "/".to_string()),
    }
}

fn exchange(url: &str, request: String) -> (u16, String, String) {
    let (authority, _) = split_url(url);
    let mut stream = TcpStream::connect(&authority).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    let _ = stream.read_to_string(&mut raw);
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn http_get(url: &str) -> (u16, String, String) {
    let (authority, target) = split_url(url);
    exchange(url, format!("GET {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"))
}

fn http_post(url: &str, body: &str) -> (u16, String) {
    let (authority, target) = split_url(url);
    let request = format!(
        "POST {target} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (status, _, body) = exchange(url, request);
    (status, body)
}

//! What a server's refusal means for the person: reads the text of an IMAP NO/BAD, a POP3 -ERR or an
//! SMTP reply and names the cause ("app password required", "access switched off", ...). Pure text
//! matching against the phrases real servers send (Yandex, Mail.ru, Gmail, Rambler, Outlook.com,
//! Yahoo, iCloud, Dovecot, Postfix); no I/O. The account check and the outbox turn the hint into advice.

/// The cause behind a server's refusal, as far as its words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplyHint {
    /// The usual password is refused; the provider wants an app password for mail programs.
    AppPasswordRequired,
    /// IMAP or POP3 (or mail programs altogether) is switched off in the provider's web settings.
    AccessDisabled,
    /// The provider wants a browser sign-in first (a security check, a captcha).
    WebLoginRequired,
    /// Passwords are not accepted at all; only the provider's own sign-in (OAuth2) is.
    OAuthRequired,
    /// Wrong login or password (or a reply that does not say more).
    AuthFailed,
    /// The From address does not belong to the account that logged in.
    SenderNotOwned,
    /// The server will not pass mail on for this client (not authenticated, or not allowed to relay).
    RelayDenied,
    /// No such recipient.
    RecipientUnknown,
    MessageTooLarge,
    /// Too many connections, logins, letters or recipients, or the letters look like spam: wait.
    RateLimited,
    /// A mailbox (the recipient's, or ours on APPEND) is over its quota.
    MailboxFull,
    /// A temporary failure on the server's side: try again later.
    ServerBusy,
}

use ReplyHint::*;

/// Lowercase phrases and what they mean. The first match wins, so each phrase stands before the
/// vaguer ones it contains or that could appear beside it (a Gmail "Please log in via your web
/// browser" also carries "authentication failed" elsewhere; "sending quota exceeded" is a rate
/// limit, not a full mailbox). Where a phrase comes from one server, the comment says which.
const PHRASES: &[(&str, ReplyHint)] = &[
    // A browser sign-in or a captcha first.
    ("log in via your web browser", WebLoginRequired), // Gmail IMAP [ALERT], SMTP 534-5.7.14
    ("web login required", WebLoginRequired),          // Gmail POP3 -ERR [AUTH], IMAP [WEBALERT]
    ("login to your account via a web browser", WebLoginRequired), // Outlook.com "Account is blocked."
    ("prove you are not a robot", WebLoginRequired),   // Yandex SMTP 535 5.7.8
    ("use web for sending", WebLoginRequired),         // Yandex SMTP 535 5.7.8
    ("captcha", WebLoginRequired),
    // An app password instead of the usual one.
    ("application-specific password", AppPasswordRequired), // Gmail IMAP [ALERT], POP3, SMTP 534-5.7.9
    ("app-specific password", AppPasswordRequired),         // Apple's name for app passwords
    ("invalidsecondfactor", AppPasswordRequired),           // Gmail SMTP: the help link's p=InvalidSecondFactor
    ("application password is required", AppPasswordRequired), // Mail.ru
    ("aplication password is required", AppPasswordRequired), // Mail.ru, spelled so in 2025
    ("parol prilozheniya", AppPasswordRequired),            // Mail.ru "NEOBHODIM parol prilozheniya"
    // Passwords refused altogether.
    ("basic authentication is disabled", OAuthRequired), // Outlook.com IMAP NO, SMTP 535 5.7.139
    // Access switched off in the web settings. Before the generic authentication phrases, because
    // these replies also say "authentication failed".
    ("not enabled for imap", AccessDisabled), // Gmail "Your account is not enabled for IMAP use."
    ("not enabled for pop", AccessDisabled),  // Gmail, the POP3 counterpart
    ("does not have access rights to this service", AccessDisabled), // Yandex SMTP 535 5.7.8
    ("smtpclientauthentication is disabled", AccessDisabled), // Microsoft 365 535 5.7.139 (tenant)
    ("imap access is disabled", AccessDisabled),
    ("pop3 access is disabled", AccessDisabled),
    ("imap access disabled", AccessDisabled),
    ("pop3 access disabled", AccessDisabled),
    // Yandex's ambiguous refusals ("...or IMAP is disabled", "...or POP3 disabled") are most often a
    // wrong or non-app password, and the advice for that names the app password: AuthFailed.
    ("invalid credentials or imap is disabled", AuthFailed),
    ("login failure or pop3 disabled", AuthFailed),
    // The From address.
    ("sender address rejected: not owned", SenderNotOwned), // Postfix "by user", Yandex "by auth user"
    ("not local sender over smtp", SenderNotOwned),         // Mail.ru 550
    ("from address not verified", SenderNotOwned),          // Yahoo 553
    ("sendasdenied", SenderNotOwned),                       // Outlook.com 554 5.2.252 / STOREDRV
    ("permissions to send as this sender", SenderNotOwned), // Microsoft 365 550 5.7.60
    // Relaying.
    ("relay access denied", RelayDenied), // Postfix 554 5.7.1
    ("relaying denied", RelayDenied),     // Sendmail 550 5.7.1
    ("relay not permitted", RelayDenied), // Exim 550
    ("unable to relay", RelayDenied),     // Exchange 550 5.7.54
    // Recipients.
    ("user unknown", RecipientUnknown), // Postfix "User unknown in virtual mailbox table"
    ("unknown user", RecipientUnknown),
    ("no such user", RecipientUnknown), // Yandex "550 5.7.1 No such user!", Exim
    ("user not found", RecipientUnknown),
    ("recipient not found", RecipientUnknown), // Exchange 5.1.10 RecipientNotFound
    ("recipientnotfound", RecipientUnknown),
    ("invalid mailbox", RecipientUnknown), // Mail.ru "Message was not accepted -- invalid mailbox"
    ("account that you tried to reach does not exist", RecipientUnknown), // Gmail 550-5.1.1
    ("mailbox unavailable", RecipientUnknown),
    // Size.
    ("message size exceeds", MessageTooLarge), // Postfix, Yandex, Exchange 552 5.3.4
    ("message size limit", MessageTooLarge),   // Gmail "exceeded Google's message size limits"
    ("message too large", MessageTooLarge),
    ("message is too large", MessageTooLarge),
    ("message too big", MessageTooLarge),
    ("mail size is too large", MessageTooLarge), // Dovecot APPEND
    ("[toobig]", MessageTooLarge),               // RFC 7889 APPENDLIMIT
    // Sending limits, before the quota phrases: Gmail's "Daily user sending quota exceeded" is not
    // a full mailbox.
    ("sending quota", RateLimited),
    ("sending limit", RateLimited), // Gmail 550 5.4.5 "Daily user sending limit exceeded"
    // Full mailboxes.
    ("[overquota]", MailboxFull),          // Dovecot, RFC 5530
    ("quota exceeded", MailboxFull),       // Dovecot "Quota exceeded (mailbox for user is full)"
    ("over quota", MailboxFull),           // Gmail 552-5.2.2
    ("out of storage space", MailboxFull), // Gmail 552-5.2.2
    ("mailbox is full", MailboxFull),
    ("mailbox full", MailboxFull),
    // Rate limits, spam suspicion.
    ("too many", RateLimited), // Gmail, Postfix, Yahoo "(#AUTH005) Too many bad auth attempts"
    ("rate limit", RateLimited),
    ("ratelimit", RateLimited),
    ("bandwidth limit", RateLimited), // Gmail "Account exceeded command or bandwidth limits"
    ("limit exceeded", RateLimited),
    ("limit reached", RateLimited),
    ("maximum number of connections", RateLimited), // Dovecot mail_max_userip_connections
    ("spam", RateLimited), // Yandex "suspicion of SPAM", Mail.ru "spam message rejected", Outlook
    // Temporary trouble.
    ("try again later", ServerBusy), // Gmail 421-4.7.0, Rambler 452 4.7.1
    ("[unavailable]", ServerBusy),   // Dovecot, RFC 5530
    ("[in-use]", ServerBusy),        // POP3 maildrop locked, RFC 2449
    ("[sys/temp]", ServerBusy),      // POP3, RFC 3206
    ("temporary authentication failure", ServerBusy),
    ("temporary failure", ServerBusy),
    ("temporarily unavailable", ServerBusy),
    ("temporary system problem", ServerBusy), // Gmail 421-4.7.0
    ("service not available", ServerBusy),    // RFC 5321 421
    ("service unavailable", ServerBusy),
    ("server busy", ServerBusy),                 // Exchange 451 4.7.500
    ("insufficient system storage", ServerBusy), // Postfix 452 4.3.1
    ("local error in processing", ServerBusy),   // RFC 5321 451
    // Plain authentication failures, last: other replies say "authentication failed" too.
    ("[authenticationfailed]", AuthFailed), // RFC 5530: Dovecot, Gmail, Yandex, Mail.ru
    ("authentication failed", AuthFailed),  // Dovecot "Authentication failed.", Postfix 535 5.7.8
    ("authentication unsuccessful", AuthFailed), // Outlook.com 535 5.7.3
    ("authenticate failed", AuthFailed),    // Outlook.com IMAP "AUTHENTICATE failed."
    ("invalid credentials", AuthFailed),    // Gmail, Yahoo IMAP
    ("username and password not accepted", AuthFailed), // Gmail SMTP 535-5.7.8, POP3
    ("incorrect authentication data", AuthFailed), // Exim 535
    ("invalid login", AuthFailed),
    ("invalid password", AuthFailed),
    ("login failed", AuthFailed), // Outlook.com "LOGIN failed."
    ("login failure", AuthFailed),
    ("[auth]", AuthFailed), // POP3 response code, RFC 3206
];

/// Enhanced status codes (RFC 3463) whose meaning is unambiguous, for replies whose words are not in
/// [`PHRASES`]. Only codes at the start of a reply line count: a code-like number elsewhere (an IP
/// address, a version) says nothing.
const STATUS_CODES: &[(&str, ReplyHint)] = &[
    ("5.7.8", AuthFailed),       // authentication credentials invalid (RFC 4954)
    ("5.1.1", RecipientUnknown), // bad destination mailbox address
    ("5.2.2", MailboxFull),
    ("4.2.2", MailboxFull),
    ("5.3.4", MessageTooLarge),
    ("5.2.3", MessageTooLarge),
];

/// What `reply` (the text of an IMAP NO/BAD, a POP3 -ERR or a whole, possibly multi-line, SMTP
/// reply) means for the person; `None` when it says nothing recognisable.
pub fn classify(reply: &str) -> Option<ReplyHint> {
    let (text, status_codes) = normalize(reply);
    PHRASES
        .iter()
        .find(|(phrase, _)| text.contains(phrase))
        .map(|&(_, hint)| hint)
        .or_else(|| STATUS_CODES.iter().find(|(code, _)| status_codes.contains(code)).map(|&(_, hint)| hint))
}

/// The reply as one lowercase line with single spaces, SMTP reply codes ("534-", "535 ") and
/// enhanced status codes ("5.7.14") removed from the start of each line, so a phrase that Gmail
/// splits across "534-5.7.14" continuation lines still matches; plus the enhanced codes found.
fn normalize(reply: &str) -> (String, Vec<&str>) {
    let mut words = Vec::new();
    let mut status_codes = Vec::new();
    for line in reply.lines() {
        let mut rest = line.trim_start();
        if let Some(after_code) = strip_reply_code(rest) {
            rest = after_code;
        }
        if let Some((code, after)) = rest.split_once(char::is_whitespace).filter(|(code, _)| is_status_code(code)) {
            status_codes.push(code);
            rest = after;
        }
        words.extend(rest.split_whitespace());
    }
    (words.join(" ").to_lowercase(), status_codes)
}

/// "535 text" or "534-text" → "text".
fn strip_reply_code(line: &str) -> Option<&str> {
    let (code, rest) = line.split_at_checked(3)?;
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if rest.is_empty() { Some(rest) } else { rest.strip_prefix([' ', '-']) }
}

/// "5.7.8", "4.2.2", "5.7.139": class 2/4/5, then two numbers of one to three digits.
fn is_status_code(word: &str) -> bool {
    let mut parts = word.split('.');
    let class_ok = parts.next().is_some_and(|class| matches!(class, "2" | "4" | "5"));
    let numbers: Vec<&str> = parts.collect();
    class_ok
        && numbers.len() == 2
        && numbers.iter().all(|n| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real replies (from the seeds, public issue trackers and the servers' sources) and what they mean.
    const REAL_REPLIES: &[(&str, ReplyHint)] = &[
        // Mail.ru
        // thunderbird-android issue 9069 (2025), the IMAP login refusal as the app showed it.
        (
            "NEOBHODIM parol prilozheniya https://help.mail.ru/mail/security/protection/external / Aplication password is REQUIRED",
            AppPasswordRequired,
        ),
        ("550 not local sender over smtp", SenderNotOwned),
        ("550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id", RateLimited),
        ("550 Message was not accepted -- invalid mailbox. Local mailbox x@mail.ru is unavailable", RecipientUnknown),
        // Yandex
        (
            "NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials or IMAP is disabled sc=ebI8JB0ug4Y1_290737_53p",
            AuthFailed,
        ),
        ("-ERR [AUTH] login failure or POP3 disabled, try later. sc=Xb5f6", AuthFailed),
        (
            "535 5.7.8 Error: authentication failed: This user does not have access rights to this service",
            AccessDisabled,
        ),
        ("553 5.7.1 Sender address rejected: not owned by auth user.", SenderNotOwned),
        (
            "554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1631900360-h4Ajl35YEe",
            RateLimited,
        ),
        (
            "535 5.7.8 Error: authentication failed: Your message looks like spam. You need to use web for sending or prove you are not a robot using the following link http://ya.cc/",
            WebLoginRequired,
        ),
        ("535 5.7.8 Error: authentication failed: Invalid user or password!", AuthFailed),
        ("550 5.7.1 No such user!", RecipientUnknown),
        ("552 5.3.4 Message size exceeds fixed maximum message size", MessageTooLarge),
        // Gmail
        (
            "NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)",
            AppPasswordRequired,
        ),
        (
            "534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor d2sm1",
            AppPasswordRequired,
        ),
        (
            "NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)",
            WebLoginRequired,
        ),
        (
            "534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1> Please log in via your web browser and\n534-5.7.14 then try again.\n534 5.7.14 Learn more at https://support.google.com/mail/answer/78754",
            WebLoginRequired,
        ),
        ("-ERR [AUTH] Web login required: https://support.google.com/mail/answer/78754", WebLoginRequired),
        (
            "NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access. (Failure)",
            AccessDisabled,
        ),
        // The POP3 counterpart of the IMAP alert; its exact wording is not confirmed by a source.
        ("-ERR [SYS/PERM] Your account is not enabled for POP access.", AccessDisabled),
        ("NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)", AuthFailed),
        (
            "535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials",
            AuthFailed,
        ),
        ("-ERR [AUTH] Username and password not accepted.", AuthFailed),
        ("NO [ALERT] Too many simultaneous connections. (Failure)", RateLimited),
        ("NO [ALERT] Account exceeded command or bandwidth limits. (Failure)", RateLimited),
        ("454 4.7.0 Too many login attempts, please try again later.", RateLimited),
        ("550-5.4.5 Daily user sending limit exceeded. For more information on Gmail's sending limits", RateLimited),
        ("550 5.4.5 Daily user sending quota exceeded.", RateLimited),
        ("552-5.3.4 Your message exceeded Google's message size limits.", MessageTooLarge),
        ("552-5.2.2 The email account that you tried to reach is over quota.", MailboxFull),
        ("552-5.2.2 The recipient's inbox is out of storage space.", MailboxFull),
        ("550-5.1.1 The email account that you tried to reach does not exist. Please try", RecipientUnknown),
        ("421-4.7.0 Temporary System Problem.  Try again later (10). a1si2", ServerBusy),
        // Outlook.com / Microsoft 365
        ("NO Basic authentication is disabled.", OAuthRequired),
        (
            "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [PN0PR01CA0024.INDPRD01.PROD.OUTLOOK.COM]",
            OAuthRequired,
        ),
        (
            "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
            AccessDisabled,
        ),
        ("535 5.7.3 Authentication unsuccessful [AM0PR01CA0123.eurprd01.prod.exchangelabs.com]", AuthFailed),
        ("NO LOGIN failed.", AuthFailed),
        ("NO AUTHENTICATE failed.", AuthFailed),
        (
            "NO LOGIN failed. Account is blocked. Login to your account via a web browser to verify your identity.",
            WebLoginRequired,
        ),
        (
            "554 5.2.252 SendAsDenied; x@outlook.com not allowed to send as y@example.org; STOREDRV.Submission.Exception:SendAsDeniedException",
            SenderNotOwned,
        ),
        ("550 5.7.60 SMTP; Client does not have permissions to send as this sender", SenderNotOwned),
        (
            "554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception",
            RateLimited,
        ),
        ("451 4.7.500 Server busy. Please try again later from [203.0.113.5]", ServerBusy),
        ("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", RecipientUnknown),
        // Yahoo, iCloud
        ("NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials", AuthFailed),
        ("535 5.7.0 (#AUTH005) Too many bad auth attempts.", RateLimited),
        ("553 From address not verified - see https://help.yahoo.com/kb/SLN29219.html", SenderNotOwned),
        // Rambler
        ("452 4.7.1 Try again later", ServerBusy),
        // Dovecot
        ("NO [AUTHENTICATIONFAILED] Authentication failed.", AuthFailed),
        ("-ERR [AUTH] Authentication failed.", AuthFailed),
        ("NO [UNAVAILABLE] Temporary authentication failure. [host:2024-01-01 10:00:00]", ServerBusy),
        ("NO [OVERQUOTA] Quota exceeded (mailbox for user is full)", MailboxFull),
        ("NO [LIMIT] Mail size is too large", MessageTooLarge),
        ("-ERR [IN-USE] Couldn't open INBOX: Mailbox is locked", ServerBusy),
        ("-ERR [SYS/TEMP] Internal error occurred. Refer to server log for more information.", ServerBusy),
        ("-ERR Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)", RateLimited),
        ("552 5.2.2 <bob@example.org> Quota exceeded (mailbox for user is full)", MailboxFull),
        // Postfix
        ("553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user bob@example.org", SenderNotOwned),
        ("554 5.7.1 <carol@elsewhere.example>: Relay access denied", RelayDenied),
        (
            "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
            RecipientUnknown,
        ),
        ("552 5.3.4 Message size exceeds fixed limit", MessageTooLarge),
        ("452 4.5.3 Error: too many recipients", RateLimited),
        ("421 4.7.0 mail.example.org Error: too many connections from 203.0.113.5", RateLimited),
        ("452 4.3.1 Insufficient system storage", ServerBusy),
        ("535 5.7.8 Error: authentication failed: authentication failure", AuthFailed),
        ("535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6", AuthFailed),
        // Others
        ("550 5.7.1 Relaying denied", RelayDenied),
        ("550 relay not permitted", RelayDenied),
        ("535 Incorrect authentication data", AuthFailed),
        ("421 Service not available, closing transmission channel", ServerBusy),
        ("-ERR invalid password", AuthFailed),
    ];

    #[test]
    fn real_server_replies_get_the_right_hint() {
        for (reply, expected) in REAL_REPLIES {
            assert_eq!(classify(reply), Some(*expected), "{reply:?}");
        }
    }

    #[test]
    fn every_phrase_is_lowercase_and_matches_a_reply_containing_it() {
        for (phrase, hint) in PHRASES {
            assert_eq!(*phrase, phrase.to_lowercase(), "{phrase:?} must be lowercase to match");
            // A phrase shadowed by an earlier one would never decide anything.
            let reply = format!("NO {}", phrase.to_uppercase());
            assert_eq!(classify(&reply), Some(*hint), "{phrase:?} is shadowed by an earlier phrase");
        }
    }

    #[test]
    fn bare_enhanced_status_codes_decide_only_at_the_start_of_a_line() {
        assert_eq!(classify("550 5.1.1 <x@example.org>... nope"), Some(RecipientUnknown));
        assert_eq!(classify("552-5.2.2 Die Mailbox ist voll\n552 5.2.2 bitte später"), Some(MailboxFull));
        assert_eq!(classify("535 5.7.8 Nein"), Some(AuthFailed));
        assert_eq!(classify("554 5.3.4 zu groß"), Some(MessageTooLarge));
        assert_eq!(classify("550 rejected by 10.5.1.1 filter"), None);
        assert_eq!(classify("554 5.7.1 rejected by policy"), None);
    }

    #[test]
    fn unrecognised_or_empty_replies_give_no_hint() {
        for reply in ["", "   ", "NO [TRYCREATE] Mailbox doesn't exist: Archive", "-ERR no such message", "250 OK"] {
            assert_eq!(classify(reply), None, "{reply:?}");
        }
    }

    #[test]
    fn normalize_joins_smtp_continuation_lines_and_collects_status_codes() {
        let (text, codes) =
            normalize("534-5.7.14 Please log in via your web browser and\r\n534-5.7.14 then try again.");
        assert_eq!(text, "please log in via your web browser and then try again.");
        assert_eq!(codes, ["5.7.14", "5.7.14"]);
        assert_eq!(normalize("NO   [ALERT]\tToo   many").0, "no [alert] too many");
    }
}

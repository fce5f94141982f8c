//! The SASL messages that carry an access token: Google's XOAUTH2 and OAUTHBEARER (RFC 7628
//! §3.1, with the GS2 header of RFC 5801 §4), and the error report a server sends as a challenge
//! when it refuses one (RFC 7628 §3.2.2), decoded into what the user is told.

use crate::model::OAuthMechanism;

/// The client's first (and only) message for `mechanism`, before base64.
pub fn initial_response(mechanism: OAuthMechanism, user: &str, token: &str, host: &str, port: u16) -> Vec<u8> {
    match mechanism {
        OAuthMechanism::Xoauth2 => format!("user={user}\x01auth=Bearer {token}\x01\x01").into_bytes(),
        OAuthMechanism::Oauthbearer => {
            // RFC 5801 §4: ',' and '=' in the authorization identity are written =2C and =3D.
            let authzid = user.replace('=', "=3D").replace(',', "=2C");
            format!("n,a={authzid},\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01").into_bytes()
        }
    }
}

/// What the client answers to the error challenge (RFC 7628 §3.2.3: a single %x01 for
/// OAUTHBEARER; an empty response for XOAUTH2), after which the server sends its failure.
pub fn error_acknowledgement(mechanism: OAuthMechanism) -> &'static [u8] {
    match mechanism {
        OAuthMechanism::Xoauth2 => b"",
        OAuthMechanism::Oauthbearer => b"\x01",
    }
}

/// A user name or token that would break the message's framing (%x01 separates its fields).
pub fn unusable(user: &str, token: &str) -> bool {
    [user, token].iter().any(|part| part.is_empty() || part.bytes().any(|b| b == 0x01 || b.is_ascii_control()))
}

/// The server's refusal, from the JSON of RFC 7628 §3.2.2 (`status`, `scope`, `schemes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// `invalid_token`, `insufficient_scope`, `invalid_request`, or Google's HTTP-style "401".
    pub status: String,
    pub scope: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// The token is expired, revoked or not the account's: a refresh (then a new sign-in) helps.
    InvalidToken,
    /// The token does not grant mail access: sign in again and allow it.
    InsufficientScope,
    /// The message itself was wrong: a bug or an incompatible server.
    InvalidRequest,
}

impl Refusal {
    /// Reads the decoded challenge; `None` for anything that is not such a JSON object.
    pub fn parse(challenge: &[u8]) -> Option<Refusal> {
        let json: serde_json::Value = serde_json::from_slice(challenge).ok()?;
        let clean = |v: &serde_json::Value| -> Option<String> {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => return None,
            };
            Some(text.chars().filter(|c| !c.is_control()).take(200).collect())
        };
        let status = json.get("status").and_then(clean)?;
        let scope = json.get("scope").and_then(clean);
        Some(Refusal { status, scope })
    }

    pub fn kind(&self) -> RefusalKind {
        match self.status.as_str() {
            "insufficient_scope" | "403" => RefusalKind::InsufficientScope,
            "invalid_request" | "400" => RefusalKind::InvalidRequest,
            _ => RefusalKind::InvalidToken,
        }
    }

    /// One sentence for a person (en/ru), naming the server's status.
    pub fn explain(&self) -> String {
        let status = self.status.as_str();
        match self.kind() {
            RefusalKind::InvalidToken => crate::fl!("error-oauth-invalid-token", status = status),
            RefusalKind::InsufficientScope => crate::fl!(
                "error-oauth-insufficient-scope",
                status = status,
                scope = self.scope.clone().unwrap_or_default()
            ),
            RefusalKind::InvalidRequest => crate::fl!("error-oauth-invalid-request", status = status),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_follow_xoauth2_and_rfc_7628() {
        let x = initial_response(OAuthMechanism::Xoauth2, "a@b.org", "tok", "imap.b.org", 993);
        assert_eq!(x, b"user=a@b.org\x01auth=Bearer tok\x01\x01");
        // RFC 7628 §4.1's example, with the authorization identity as Pochta sends it.
        let o =
            initial_response(OAuthMechanism::Oauthbearer, "user@example.com", "vF9dft4qmT", "server.example.com", 143);
        assert_eq!(
            o,
            b"n,a=user@example.com,\x01host=server.example.com\x01port=143\x01auth=Bearer vF9dft4qmT\x01\x01"
        );
        let odd = initial_response(OAuthMechanism::Oauthbearer, "a,b=c", "t", "h", 1);
        assert!(odd.starts_with(b"n,a=a=2Cb=3Dc,"));
        assert!(unusable("a", "t\x01") && unusable("", "t") && !unusable("a@b", "ya29.x-y"));
    }

    #[test]
    fn error_reports_are_decoded_and_explained() {
        let google =
            Refusal::parse(br#"{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}"#).unwrap();
        assert_eq!(google.kind(), RefusalKind::InvalidToken);
        let rfc = Refusal::parse(br#"{"status":"insufficient_scope","scope":"mail"}"#).unwrap();
        assert_eq!(rfc.kind(), RefusalKind::InsufficientScope);
        assert!(rfc.explain().contains("insufficient_scope"));
        assert_eq!(Refusal::parse(b"not json"), None);
        assert_eq!(Refusal::parse(br#"{"scope":"x"}"#), None);
    }
}

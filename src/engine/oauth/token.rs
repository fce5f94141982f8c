//! The token endpoint: a code and its PKCE verifier exchanged for tokens (RFC 6749 §4.1.3, RFC
//! 7636 §4.5), a refresh token exchanged for a new access token (RFC 6749 §6), and the answers
//! read (§5.1 success, §5.2 error). Tokens are [`Password`]s: they never print.

use super::http;
use crate::engine::secrets::Password;
use crate::model::OAuthSettings;
use std::time::Duration;

/// What a successful answer brings.
#[derive(Debug)]
pub struct Tokens {
    pub access_token: Password,
    /// Absent on most refresh answers (the old one stays valid); present when the provider rotates it.
    pub refresh_token: Option<Password>,
    /// How long the access token lasts, when the provider says.
    pub expires_in: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// The provider refused the grant (RFC 6749 §5.2: `invalid_grant`, `invalid_client`, ...):
    /// the code or refresh token is dead, only a new sign-in helps.
    Refused { error: String, description: Option<String> },
    /// The endpoint could not be reached or failed on its side (5xx): try again later.
    Unreachable(String),
    /// An answer that is not what RFC 6749 §5 describes.
    Malformed(String),
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenError::Refused { error, description: Some(description) } => write!(f, "{error}: {description}"),
            TokenError::Refused { error, description: None } => f.write_str(error),
            TokenError::Unreachable(detail) | TokenError::Malformed(detail) => f.write_str(detail),
        }
    }
}

/// Authorization code → tokens (RFC 6749 §4.1.3 with RFC 7636 §4.5's `code_verifier`).
pub async fn exchange_code(
    settings: &OAuthSettings,
    code: &str,
    verifier: &str,
    redirect_uri: &str,
) -> Result<Tokens, TokenError> {
    let mut fields = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("client_id", settings.client_id.as_str()),
        ("code_verifier", verifier),
    ];
    if let Some(secret) = &settings.client_secret {
        fields.push(("client_secret", secret));
    }
    request(settings, &fields).await
}

/// Refresh token → a new access token (RFC 6749 §6).
pub async fn refresh(settings: &OAuthSettings, refresh_token: &Password) -> Result<Tokens, TokenError> {
    let mut fields = vec![
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token.expose()),
        ("client_id", settings.client_id.as_str()),
    ];
    if let Some(secret) = &settings.client_secret {
        fields.push(("client_secret", secret));
    }
    request(settings, &fields).await
}

async fn request(settings: &OAuthSettings, fields: &[(&str, &str)]) -> Result<Tokens, TokenError> {
    let reply = http::post_form(&settings.token_url, fields).await.map_err(TokenError::Unreachable)?;
    read_answer(reply.status, &reply.body)
}

/// RFC 6749 §5.1 (200 with `access_token`) and §5.2 (400/401 with `error`).
pub fn read_answer(status: u16, body: &[u8]) -> Result<Tokens, TokenError> {
    let json: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let text = |key: &str| json.as_ref().and_then(|j| j.get(key)).and_then(|v| v.as_str()).map(str::to_string);
    if status == 200 {
        let access_token = text("access_token")
            .filter(|t| !t.is_empty() && !t.contains(['\r', '\n', '\x01']))
            .ok_or_else(|| TokenError::Malformed("the token answer has no usable access_token".into()))?;
        let expires_in = json
            .as_ref()
            .and_then(|j| j.get("expires_in"))
            // Some providers send the number as a string.
            .and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok())))
            .map(Duration::from_secs);
        return Ok(Tokens {
            access_token: Password::new(access_token),
            refresh_token: text("refresh_token").filter(|t| !t.is_empty()).map(Password::new),
            expires_in,
        });
    }
    if let Some(error) = text("error").filter(|_| (400..500).contains(&status)) {
        let error: String = error.chars().filter(|c| !c.is_control()).take(100).collect();
        let description = text("error_description").map(|d| d.chars().filter(|c| !c.is_control()).take(300).collect());
        return Err(TokenError::Refused { error, description });
    }
    if status >= 500 || status == 429 {
        return Err(TokenError::Unreachable(format!("the sign-in server answered HTTP {status}")));
    }
    Err(TokenError::Malformed(format!("the sign-in server answered HTTP {status} without an OAuth error")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_success_gives_tokens_and_lifetime() {
        let body = br#"{"access_token":"ya29.a","token_type":"Bearer","expires_in":3599,"refresh_token":"1//r","scope":"https://mail.google.com/"}"#;
        let tokens = read_answer(200, body).unwrap();
        assert_eq!(tokens.access_token.expose(), "ya29.a");
        assert_eq!(tokens.refresh_token.unwrap().expose(), "1//r");
        assert_eq!(tokens.expires_in, Some(Duration::from_secs(3599)));
        let mailru = br#"{"access_token":"x","expires_in":"3600"}"#;
        assert_eq!(read_answer(200, mailru).unwrap().expires_in, Some(Duration::from_secs(3600)));
    }

    #[test]
    fn a_dead_grant_is_refused_and_a_server_failure_is_not() {
        let body = br#"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#;
        assert_eq!(
            read_answer(400, body).unwrap_err(),
            TokenError::Refused {
                error: "invalid_grant".into(),
                description: Some("Token has been expired or revoked.".into())
            }
        );
        assert!(matches!(read_answer(503, b"busy"), Err(TokenError::Unreachable(_))));
        assert!(matches!(read_answer(200, b"{}"), Err(TokenError::Malformed(_))));
        assert!(matches!(read_answer(200, br#"{"access_token":"a\r\nb"}"#), Err(TokenError::Malformed(_))));
    }
}

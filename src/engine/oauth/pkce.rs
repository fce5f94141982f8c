//! Proof Key for Code Exchange (RFC 7636) with the S256 method, and the `state` value that ties
//! the browser's answer to our request (RFC 6749 §10.12).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// A code verifier and its S256 challenge.
pub struct Pkce {
    /// 43 characters of base64url (RFC 7636 §4.1: 32 random octets), sent only to the token endpoint.
    pub verifier: String,
    /// BASE64URL(SHA256(verifier)) (RFC 7636 §4.2), sent in the authorization request.
    pub challenge: String,
}

impl Pkce {
    pub fn new() -> Result<Pkce, String> {
        let verifier = random_token(32)?;
        let challenge = challenge_for(&verifier);
        Ok(Pkce { verifier, challenge })
    }
}

/// The S256 code challenge for a verifier (RFC 7636 §4.2).
pub fn challenge_for(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(openssl::sha::sha256(verifier.as_bytes()))
}

/// `bytes` random octets from OpenSSL's CSPRNG, as base64url without padding. It fails only
/// without an entropy source, where no TLS would work either.
pub fn random_token(bytes: usize) -> Result<String, String> {
    let mut buffer = vec![0u8; bytes];
    openssl::rand::rand_bytes(&mut buffer).map_err(|err| format!("no random numbers: {err}"))?;
    Ok(URL_SAFE_NO_PAD.encode(&buffer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_challenge_matches_rfc_7636_appendix_b() {
        assert_eq!(
            challenge_for("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifiers_are_43_unreserved_characters_and_differ() {
        let a = Pkce::new().unwrap();
        let b = Pkce::new().unwrap();
        assert_eq!(a.verifier.len(), 43);
        assert!(a.verifier.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(a.verifier, b.verifier);
        assert_eq!(a.challenge, challenge_for(&a.verifier));
    }
}

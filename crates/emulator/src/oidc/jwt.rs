//! Compact RS256 JSON Web Tokens: signing with the emulator's key, verification against any RSA public key
//! (ours, or an external provider's from its JWKS).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, RsaPrivateKey, RsaPublicKey};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use thiserror::Error;

#[derive(Debug, Error, PartialEq)]
pub enum JwtError {
    #[error("the token is not a compact JWT")]
    Malformed,
    #[error("the token uses algorithm {0:?}; only RS256 is accepted")]
    UnsupportedAlgorithm(String),
    #[error("no key with the token's kid")]
    UnknownKey,
    #[error("the token signature is invalid")]
    BadSignature,
}

/// A token split into its parts, before any trust decision.
pub struct UnverifiedJwt {
    pub header: Value,
    pub claims: Value,
    signing_input: String,
    signature: Vec<u8>,
}

impl UnverifiedJwt {
    pub fn parse(token: &str) -> Result<UnverifiedJwt, JwtError> {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(JwtError::Malformed);
        };
        let decode_json = |part: &str| -> Result<Value, JwtError> {
            let bytes = URL_SAFE_NO_PAD
                .decode(part)
                .map_err(|_| JwtError::Malformed)?;
            serde_json::from_slice(&bytes).map_err(|_| JwtError::Malformed)
        };
        Ok(UnverifiedJwt {
            header: decode_json(header)?,
            claims: decode_json(payload)?,
            signing_input: format!("{header}.{payload}"),
            signature: URL_SAFE_NO_PAD
                .decode(signature)
                .map_err(|_| JwtError::Malformed)?,
        })
    }

    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }

    pub fn issuer(&self) -> Option<&str> {
        self.claims.get("iss").and_then(Value::as_str)
    }

    /// Checks the RS256 signature with `key`; returns the claims when it holds.
    pub fn verify_with(self, key: &RsaPublicKey) -> Result<Value, JwtError> {
        let algorithm = self.header.get("alg").and_then(Value::as_str).unwrap_or("");
        if algorithm != "RS256" {
            return Err(JwtError::UnsupportedAlgorithm(algorithm.to_string()));
        }
        let signature =
            Signature::try_from(self.signature.as_slice()).map_err(|_| JwtError::BadSignature)?;
        VerifyingKey::<Sha256>::new(key.clone())
            .verify(self.signing_input.as_bytes(), &signature)
            .map_err(|_| JwtError::BadSignature)?;
        Ok(self.claims)
    }
}

/// The emulator's token signing key (generated at start-up, so tokens never outlive the process).
pub struct SigningKeys {
    signer: SigningKey<Sha256>,
    public: RsaPublicKey,
    kid: String,
}

impl SigningKeys {
    pub fn generate() -> Result<SigningKeys, rsa::Error> {
        let private = RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048)?;
        let public = private.to_public_key();
        // Like Entra's kid/x5t, derived from the key so it is stable for the key's life.
        let digest = Sha256::digest(public.n().to_bytes_be());
        let kid = URL_SAFE_NO_PAD.encode(&digest[..15]);
        Ok(SigningKeys {
            signer: SigningKey::<Sha256>::new(private),
            public,
            kid,
        })
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn public_key(&self) -> &RsaPublicKey {
        &self.public
    }

    pub fn sign(&self, claims: &Value) -> String {
        let header = json!({ "typ": "JWT", "alg": "RS256", "kid": self.kid });
        let encode = |value: &Value| URL_SAFE_NO_PAD.encode(value.to_string().as_bytes());
        let signing_input = format!("{}.{}", encode(&header), encode(claims));
        let signature = self.signer.sign(signing_input.as_bytes()).to_bytes();
        format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    /// The public key as a JWK, the way Entra's `discovery/v2.0/keys` lists it.
    pub fn jwk(&self) -> Value {
        json!({
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": self.kid,
            "n": URL_SAFE_NO_PAD.encode(self.public.n().to_bytes_be()),
            "e": URL_SAFE_NO_PAD.encode(self.public.e().to_bytes_be()),
        })
    }
}

/// An RSA public key from a JWK (`kty` RSA with `n` and `e`); other key types are skipped.
pub fn public_key_from_jwk(jwk: &Value) -> Option<RsaPublicKey> {
    if jwk.get("kty").and_then(Value::as_str) != Some("RSA") {
        return None;
    }
    let decode = |name: &str| {
        jwk.get(name)
            .and_then(Value::as_str)
            .and_then(|text| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok())
    };
    let modulus = BigUint::from_bytes_be(&decode("n")?);
    let exponent = BigUint::from_bytes_be(&decode("e")?);
    RsaPublicKey::new(modulus, exponent).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn keys() -> &'static SigningKeys {
        static KEYS: OnceLock<SigningKeys> = OnceLock::new();
        KEYS.get_or_init(|| SigningKeys::generate().expect("key generation"))
    }

    #[test]
    fn signed_tokens_verify_and_tampering_is_detected() {
        let token = keys().sign(&json!({ "sub": "x", "n": 1 }));
        let parsed = UnverifiedJwt::parse(&token).unwrap();
        assert_eq!(parsed.kid(), Some(keys().kid()));
        assert_eq!(parsed.verify_with(keys().public_key()).unwrap()["n"], 1);

        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(br#"{"sub":"x","n":2}"#);
        parts[1] = &forged;
        let tampered = parts.join(".");
        let parsed = UnverifiedJwt::parse(&tampered).unwrap();
        assert_eq!(
            parsed.verify_with(keys().public_key()),
            Err(JwtError::BadSignature)
        );
    }

    #[test]
    fn jwk_round_trips_to_the_same_key() {
        let key = public_key_from_jwk(&keys().jwk()).unwrap();
        assert_eq!(&key, keys().public_key());
    }

    #[test]
    fn non_rs256_is_refused() {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#);
        let body = URL_SAFE_NO_PAD.encode(br#"{}"#);
        let parsed = UnverifiedJwt::parse(&format!("{header}.{body}.")).unwrap();
        assert!(matches!(
            parsed.verify_with(keys().public_key()),
            Err(JwtError::UnsupportedAlgorithm(_))
        ));
    }
}

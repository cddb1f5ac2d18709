//! Trusting access tokens from an external OpenID provider (`--trust-issuer ISSUER=JWKS`), so the portal
//! can be tried against a standard provider while Graph stays emulated. The JWKS is read from a local file
//! or fetched over plain `http://` at start-up (loopback providers such as a local Keycloak); for an https
//! provider, save its JWKS to a file first.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use rsa::RsaPublicKey;
use serde_json::Value;

use crate::config::ExternalIssuer;
use crate::oidc::jwt::{public_key_from_jwk, UnverifiedJwt};
use crate::oidc::scopes::GRAPH_RESOURCE;

/// An issuer's keys: (kid, key) pairs.
type KeySet = Vec<(Option<String>, RsaPublicKey)>;

#[derive(Default)]
pub struct ExternalTrust {
    issuers: Vec<ExternalIssuer>,
    /// issuer → (kid, key) pairs.
    keys: Arc<Mutex<HashMap<String, KeySet>>>,
}

impl ExternalTrust {
    pub fn new(issuers: Vec<ExternalIssuer>) -> ExternalTrust {
        ExternalTrust {
            issuers,
            keys: Arc::default(),
        }
    }

    pub fn trusts(&self, issuer: &str) -> bool {
        !issuer.is_empty() && self.issuers.iter().any(|known| known.issuer == issuer)
    }

    /// Installs a key set directly (tests, and the file/http loader).
    pub fn install_jwks(&self, issuer: &str, jwks: &Value) -> usize {
        let keys: KeySet = jwks
            .get("keys")
            .and_then(Value::as_array)
            .map(|keys| {
                keys.iter()
                    .filter_map(|jwk| {
                        let kid = jwk.get("kid").and_then(Value::as_str).map(str::to_string);
                        public_key_from_jwk(jwk).map(|key| (kid, key))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let count = keys.len();
        self.keys
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(issuer.to_string(), keys);
        count
    }

    pub fn verify(&self, token: UnverifiedJwt) -> Result<Value, String> {
        let issuer = token.issuer().unwrap_or("").to_string();
        let kid = token.kid().map(str::to_string);
        let key = {
            let keys = self
                .keys
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let candidates = keys
                .get(&issuer)
                .ok_or("The issuer's signing keys are not loaded.")?;
            candidates
                .iter()
                .find(|(candidate_kid, _)| kid.is_none() || candidate_kid == &kid)
                .map(|(_, key)| key.clone())
                .ok_or("No signing key matches the token's kid.")?
        };
        token.verify_with(&key).map_err(|error| error.to_string())
    }

    pub fn audience_ok(&self, issuer: &str, claims: &Value, client_id: &str) -> bool {
        let configured = self
            .issuers
            .iter()
            .find(|known| known.issuer == issuer)
            .and_then(|known| known.audience.clone());
        let accepted: Vec<String> = match configured {
            Some(audience) => vec![audience],
            None => vec![GRAPH_RESOURCE.to_string(), client_id.to_string()],
        };
        let matches = |aud: &str| accepted.iter().any(|wanted| wanted == aud);
        match claims.get("aud") {
            Some(Value::String(aud)) => matches(aud),
            Some(Value::Array(auds)) => auds.iter().filter_map(Value::as_str).any(matches),
            _ => false,
        }
    }

    /// Loads every configured JWKS once, without delaying start-up; failures are reported on stderr.
    pub fn refresh_in_background(self: &Arc<Self>) {
        for issuer in self.issuers.clone() {
            let trust = Arc::clone(self);
            tokio::spawn(async move {
                match load_jwks(&issuer.jwks_location).await {
                    Ok(jwks) => {
                        let count = trust.install_jwks(&issuer.issuer, &jwks);
                        eprintln!(
                            "qrbadge emulator: trusting {count} key(s) of {}",
                            issuer.issuer
                        );
                    }
                    Err(error) => eprintln!(
                        "qrbadge emulator: cannot load the JWKS of {}: {error}",
                        issuer.issuer
                    ),
                }
            });
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum JwksLoadError {
    #[error("cannot read {0}")]
    Io(#[from] std::io::Error),
    #[error("not a JSON document: {0}")]
    Json(#[from] serde_json::Error),
    #[error("https is not supported here; save the JWKS to a file and pass its path")]
    Https,
    #[error("bad URL {0}")]
    BadUrl(String),
    #[error("HTTP failure: {0}")]
    Http(String),
}

async fn load_jwks(location: &str) -> Result<Value, JwksLoadError> {
    if location.starts_with("https://") {
        return Err(JwksLoadError::Https);
    }
    let Some(rest) = location.strip_prefix("http://") else {
        let text = tokio::fs::read_to_string(location).await?;
        return Ok(serde_json::from_str(&text)?);
    };
    let (authority, path) = match rest.find('/') {
        Some(index) => (&rest[..index], &rest[index..]),
        None => (rest, "/"),
    };
    if authority.is_empty() {
        return Err(JwksLoadError::BadUrl(location.to_string()));
    }
    let address = if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let stream = tokio::net::TcpStream::connect(address).await?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .map_err(|error| JwksLoadError::Http(error.to_string()))?;
    tokio::spawn(connection);
    let request = hyper::Request::get(path)
        .header(hyper::header::HOST, authority)
        .body(Empty::<Bytes>::new())
        .map_err(|error| JwksLoadError::Http(error.to_string()))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|error| JwksLoadError::Http(error.to_string()))?;
    if !response.status().is_success() {
        return Err(JwksLoadError::Http(response.status().to_string()));
    }
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|error| JwksLoadError::Http(error.to_string()))?
        .to_bytes();
    Ok(serde_json::from_slice(&body)?)
}

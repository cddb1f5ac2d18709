//! Minting access and ID tokens with the claims Entra puts in them.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::jwt::SigningKeys;
use super::scopes::GRAPH_RESOURCE;
use crate::store::model::UserRecord;

/// Who a token is for and what it allows.
pub struct TokenSubject<'a> {
    pub user: &'a UserRecord,
    pub tenant_id: &'a str,
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub graph_scopes: &'a [String],
    pub auth_time: DateTime<Utc>,
}

impl TokenSubject<'_> {
    /// Entra's `sub` is pairwise (per application); derive it from the user and the client.
    fn pairwise_subject(&self) -> String {
        let digest = Sha256::digest(format!("{}|{}", self.user.id, self.client_id));
        URL_SAFE_NO_PAD.encode(&digest[..24])
    }

    fn identity_claims(
        &self,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> serde_json::Map<String, Value> {
        let mut claims = serde_json::Map::new();
        claims.insert("iss".into(), json!(self.issuer));
        claims.insert("iat".into(), json!(now.timestamp()));
        claims.insert("nbf".into(), json!(now.timestamp()));
        claims.insert("exp".into(), json!((now + lifetime).timestamp()));
        claims.insert("sub".into(), json!(self.pairwise_subject()));
        claims.insert("oid".into(), json!(self.user.id));
        claims.insert("tid".into(), json!(self.tenant_id));
        claims.insert("upn".into(), json!(self.user.user_principal_name));
        claims.insert(
            "preferred_username".into(),
            json!(self.user.user_principal_name),
        );
        claims.insert("name".into(), json!(self.user.display_name));
        if let Some(given) = &self.user.given_name {
            claims.insert("given_name".into(), json!(given));
        }
        if let Some(family) = &self.user.surname {
            claims.insert("family_name".into(), json!(family));
        }
        claims.insert("auth_time".into(), json!(self.auth_time.timestamp()));
        claims.insert("ver".into(), json!("2.0"));
        claims
    }
}

pub fn mint_access_token(
    keys: &SigningKeys,
    subject: &TokenSubject<'_>,
    now: DateTime<Utc>,
    lifetime: Duration,
) -> String {
    let mut claims = subject.identity_claims(now, lifetime);
    claims.insert("aud".into(), json!(GRAPH_RESOURCE));
    claims.insert("scp".into(), json!(subject.graph_scopes.join(" ")));
    claims.insert("wids".into(), json!(subject.user.role_template_ids()));
    claims.insert("azp".into(), json!(subject.client_id));
    claims.insert("appid".into(), json!(subject.client_id));
    claims.insert("idtyp".into(), json!("user"));
    claims.insert("uti".into(), json!(crate::ids::opaque_token(16)));
    keys.sign(&Value::Object(claims))
}

/// An ID token. `login_hint` is Entra's optional claim of that name: the value an app sends back as
/// `login_hint` (sign-in) or `logout_hint` (sign-out, to skip the account picker). Entra's is opaque;
/// the emulator's is the UPN, which its authorize and logout endpoints resolve.
pub fn mint_id_token(
    keys: &SigningKeys,
    subject: &TokenSubject<'_>,
    nonce: Option<&str>,
    login_hint: Option<&str>,
    now: DateTime<Utc>,
    lifetime: Duration,
) -> String {
    let mut claims = subject.identity_claims(now, lifetime);
    claims.insert("aud".into(), json!(subject.client_id));
    if let Some(nonce) = nonce {
        claims.insert("nonce".into(), json!(nonce));
    }
    if let Some(hint) = login_hint {
        claims.insert("login_hint".into(), json!(hint));
    }
    keys.sign(&Value::Object(claims))
}

/// MSAL's `client_info` (requested with `client_info=1`): base64url of `{"uid","utid"}`.
pub fn client_info(user_id: &str, tenant_id: &str) -> String {
    URL_SAFE_NO_PAD.encode(json!({ "uid": user_id, "utid": tenant_id }).to_string())
}

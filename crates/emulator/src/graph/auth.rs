//! Bearer token verification (signature, issuer, audience, lifetime) and the caller it identifies.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;

use super::permissions::{self, PRIVILEGED_WRITE_ROLES};
use crate::app::Emulator;
use crate::http::error::GraphError;
use crate::oidc::jwt::UnverifiedJwt;
use crate::oidc::scopes::GRAPH_RESOURCE;
use crate::store::model::{DirectoryRole, UserRecord};

/// Graph's own application id, named in its challenges.
const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// The claims challenge the portal must answer with an interactive sign-in (Entra's auth-context form).
pub const RECENT_SIGN_IN_CLAIMS: &str =
    r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#;

#[derive(Clone, Debug)]
pub struct Caller {
    pub user: UserRecord,
    pub scopes: Vec<String>,
    pub role_ids: Vec<String>,
    pub auth_time: DateTime<Utc>,
}

impl Caller {
    pub fn has_any_scope(&self, accepted: &[&str]) -> bool {
        self.scopes.iter().any(|held| {
            accepted
                .iter()
                .any(|wanted| held.eq_ignore_ascii_case(wanted))
        })
    }

    pub fn has_any_role(&self, accepted: &[DirectoryRole]) -> bool {
        self.role_ids
            .iter()
            .filter_map(|id| DirectoryRole::from_template_id(id))
            .any(|role| accepted.contains(&role))
    }

    pub fn is(&self, user: &UserRecord) -> bool {
        self.user.id == user.id
    }

    pub fn require_scope(&self, accepted: &[&str]) -> Result<(), GraphError> {
        if self.has_any_scope(accepted) {
            Ok(())
        } else {
            Err(GraphError::access_denied())
        }
    }

    pub fn require_role(&self, accepted: &[DirectoryRole]) -> Result<(), GraphError> {
        if self.has_any_role(accepted) {
            Ok(())
        } else {
            Err(GraphError::access_denied())
        }
    }

    /// Access to `target`'s QR code + PIN method. Self needs the self scopes; anyone else needs the `.All`
    /// scopes and an admin role in the token's `wids`, and only privileged roles may touch admins.
    pub fn require_method_access(
        &self,
        target: &UserRecord,
        access: MethodAccess,
    ) -> Result<(), GraphError> {
        let is_self = self.is(target);
        let scopes = match (access, is_self) {
            (MethodAccess::UpdatePin, _) => permissions::UPDATE_PIN,
            (MethodAccess::Read, true) => permissions::METHOD_READ_SELF,
            (MethodAccess::Write, true) => permissions::METHOD_WRITE_SELF,
            (MethodAccess::Read, false) => permissions::METHOD_READ_OTHERS,
            (MethodAccess::Write, false) => permissions::METHOD_WRITE_OTHERS,
        };
        self.require_scope(scopes)?;
        if is_self {
            return Ok(());
        }
        match access {
            MethodAccess::Read => self.require_role(permissions::READ_OTHERS_ROLES),
            MethodAccess::Write | MethodAccess::UpdatePin => {
                self.require_role(permissions::WRITE_OTHERS_ROLES)?;
                if !target.roles.is_empty() {
                    self.require_role(PRIVILEGED_WRITE_ROLES)?;
                }
                Ok(())
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodAccess {
    Read,
    Write,
    UpdatePin,
}

fn challenge(origin: &str, tenant: &str, extra: &str) -> String {
    format!(
        "Bearer realm=\"\", authorization_uri=\"{origin}/{tenant}/oauth2/v2.0/authorize\", client_id=\"{GRAPH_APP_ID}\"{extra}"
    )
}

fn invalid_token(
    emulator: &Emulator,
    origin: &str,
    message: &str,
    description: &str,
) -> GraphError {
    let extra = format!(", error=\"invalid_token\", error_description=\"{description}\"");
    GraphError::unauthenticated(
        message,
        challenge(origin, &emulator.config.tenant_id, &extra),
    )
}

/// 401 with `error="insufficient_claims"` for self-service writes more than the recent-auth window after
/// the sign-in that produced the token.
pub fn require_recent_sign_in(
    emulator: &Emulator,
    caller: &Caller,
    origin: &str,
) -> Result<(), GraphError> {
    let age = emulator.clock.now() - caller.auth_time;
    if age <= emulator.config.recent_auth_window {
        return Ok(());
    }
    let claims = STANDARD.encode(RECENT_SIGN_IN_CLAIMS);
    let extra = format!(", error=\"insufficient_claims\", claims=\"{claims}\"");
    Err(GraphError::unauthenticated(
        "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: MultiFactorAuthenticationRequired. Sign in again to manage your authentication methods (last sign-in was more than 10 minutes ago).",
        challenge(origin, &emulator.config.tenant_id, &extra),
    ))
}

pub fn authenticate(
    emulator: &Emulator,
    authorization: Option<&str>,
    origin: &str,
) -> Result<Caller, GraphError> {
    let token = authorization
        .and_then(|value| {
            let (scheme, token) = value.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        })
        .filter(|token| !token.is_empty());
    let Some(token) = token else {
        return Err(GraphError::unauthenticated(
            "Access token is empty.",
            challenge(origin, &emulator.config.tenant_id, ""),
        ));
    };
    let parsed = UnverifiedJwt::parse(token).map_err(|_| {
        invalid_token(
            emulator,
            origin,
            "IDX14100: JWT is not well formed.",
            "The access token is malformed",
        )
    })?;
    let issuer = parsed.issuer().unwrap_or("").to_string();
    let (claims, external) = if emulator.is_known_issuer(&issuer) {
        if parsed.kid() != Some(emulator.keys.kid()) {
            return Err(invalid_token(
                emulator,
                origin,
                "Access token validation failure. Invalid signature.",
                "The signing key is unknown",
            ));
        }
        let claims = parsed
            .verify_with(emulator.keys.public_key())
            .map_err(|_| {
                invalid_token(
                    emulator,
                    origin,
                    "Access token validation failure. Invalid signature.",
                    "The signature is invalid",
                )
            })?;
        (claims, false)
    } else if emulator.external.trusts(&issuer) {
        let claims = emulator.external.verify(parsed).map_err(|error| {
            invalid_token(
                emulator,
                origin,
                &format!("Access token validation failure. {error}"),
                "The token could not be verified",
            )
        })?;
        (claims, true)
    } else {
        return Err(invalid_token(
            emulator,
            origin,
            "Access token validation failure. Invalid issuer.",
            "The issuer is not trusted",
        ));
    };
    let audience_ok = if external {
        emulator
            .external
            .audience_ok(&issuer, &claims, &emulator.config.client_id)
    } else {
        audience_contains(&claims, GRAPH_RESOURCE)
            && claims.get("tid").and_then(Value::as_str) == Some(emulator.config.tenant_id.as_str())
    };
    if !audience_ok {
        return Err(invalid_token(
            emulator,
            origin,
            "Access token validation failure. Invalid audience.",
            "The audience is invalid",
        ));
    }
    let now = emulator.clock.now().timestamp();
    let exp = claims.get("exp").and_then(Value::as_i64).unwrap_or(0);
    let nbf = claims.get("nbf").and_then(Value::as_i64).unwrap_or(0);
    if now >= exp || now < nbf {
        return Err(invalid_token(
            emulator,
            origin,
            "Access token has expired or is not yet valid.",
            "The access token has expired",
        ));
    }
    let user = find_caller(emulator, &claims, external).ok_or_else(|| {
        invalid_token(
            emulator,
            origin,
            "The user named in the access token does not exist in this tenant.",
            "Unknown user",
        )
    })?;
    let scope_text = claims
        .get("scp")
        .or_else(|| claims.get("scope"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let scopes = scope_text
        .split_whitespace()
        .map(|scope| crate::oidc::scopes::strip_graph_prefix(scope).to_string())
        .collect();
    let role_ids = claims
        .get("wids")
        .and_then(Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let auth_time = claims
        .get("auth_time")
        .or_else(|| claims.get("iat"))
        .and_then(Value::as_i64)
        .and_then(|seconds| Utc.timestamp_opt(seconds, 0).single())
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    Ok(Caller {
        user,
        scopes,
        role_ids,
        auth_time,
    })
}

fn audience_contains(claims: &Value, wanted: &str) -> bool {
    match claims.get("aud") {
        Some(Value::String(aud)) => aud == wanted,
        Some(Value::Array(auds)) => auds.iter().any(|aud| aud.as_str() == Some(wanted)),
        _ => false,
    }
}

/// Our tokens name the user by `oid`; an external provider's user is matched to a seeded user by UPN,
/// `preferred_username` or `email`.
fn find_caller(emulator: &Emulator, claims: &Value, external: bool) -> Option<UserRecord> {
    let names: &[&str] = if external {
        &["upn", "preferred_username", "email"]
    } else {
        &["oid"]
    };
    names
        .iter()
        .filter_map(|name| claims.get(*name).and_then(Value::as_str))
        .find_map(|value| emulator.store.read(|d| d.find_user(value).cloned()))
}

//! Helpers shared by the integration tests: an in-process emulator (one RSA key for the whole test binary),
//! requests through the router with `oneshot`, and tokens minted the way the token endpoint mints them.

use std::sync::{Arc, OnceLock};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use chrono::{DateTime, Duration, Utc};
use qrbadge_emulator::app::{build_router, Emulator};
use qrbadge_emulator::config::EmulatorConfig;
use qrbadge_emulator::oidc::jwt::SigningKeys;
use qrbadge_emulator::oidc::scopes::ScopeRequest;
use qrbadge_emulator::oidc::tokens::{mint_access_token, TokenSubject};
use serde_json::Value;
use tower::ServiceExt;

pub const HOST: &str = "127.0.0.1:8080";
pub const ORIGIN: &str = "http://127.0.0.1:8080";
pub const ADELE: &str = "adele.vance@contoso.com";
pub const ALEX: &str = "alex.wilber@contoso.com";
pub const LYNNE: &str = "lynne.robbins@contoso.com";
pub const ISAIAH: &str = "isaiah.langer@contoso.com";
pub const GRADY: &str = "grady.archie@contoso.com";
pub const MEGAN: &str = "megan.bowen@contoso.com";
pub const PATTI: &str = "patti.fernandez@contoso.com";
pub const DIEGO: &str = "diego.siciliani@contoso.com";
pub const NESTOR: &str = "nestor.wilke@contoso.com";
pub const ADELE_PIN: &str = "58203914";
pub const LYNNE_PIN: &str = "73918265";
pub const TEAM_GROUP: &str = "9d3e6f10-7a2b-4c5d-9e8f-1a2b3c4d5e60";

pub fn shared_keys() -> Arc<SigningKeys> {
    static KEYS: OnceLock<Arc<SigningKeys>> = OnceLock::new();
    KEYS.get_or_init(|| Arc::new(SigningKeys::generate().expect("RSA key generation")))
        .clone()
}

pub fn test_config() -> EmulatorConfig {
    EmulatorConfig {
        test_control: true,
        ..EmulatorConfig::default()
    }
}

pub struct TestApp {
    pub emulator: Arc<Emulator>,
    pub router: Router,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| {
            panic!(
                "not JSON ({}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The Graph error code, asserting the Graph error shape on the way.
    pub fn error_code(&self) -> String {
        let body = self.json();
        let error = &body["error"];
        assert!(error["message"].is_string(), "message missing in {body}");
        let inner = &error["innerError"];
        let date = inner["date"].as_str().expect("innerError.date");
        assert_eq!(date.len(), 19, "innerError.date has no zone: {date}");
        assert!(!date.ends_with('Z'));
        assert!(inner["request-id"].is_string());
        assert!(inner["client-request-id"].is_string());
        error["code"].as_str().expect("error.code").to_string()
    }
}

impl TestApp {
    pub fn new() -> TestApp {
        TestApp::with_config(test_config())
    }

    pub fn with_config(config: EmulatorConfig) -> TestApp {
        let emulator = Arc::new(Emulator::new(config, shared_keys()).expect("emulator starts"));
        let router = build_router(emulator.clone());
        TestApp { emulator, router }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.emulator.clock.now()
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024)
            .await
            .expect("body");
        TestResponse {
            status,
            headers,
            body,
        }
    }

    /// A Graph-style call: JSON body, bearer token, Host set.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> TestResponse {
        let raw = body.map(|body| body.to_string());
        self.call_raw(method, path, token, raw.as_deref()).await
    }

    pub async fn call_raw(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> TestResponse {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header("host", HOST);
        if let Some(token) = token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        if body.is_some() {
            builder = builder.header("content-type", "application/json");
        }
        let request = builder
            .body(Body::from(body.unwrap_or("").to_string()))
            .expect("request");
        self.send(request).await
    }

    pub async fn get(&self, path: &str, token: &str) -> TestResponse {
        self.call("GET", path, Some(token), None).await
    }

    /// A token as the token endpoint would issue after signing in now with the portal's scopes.
    pub fn token(&self, upn: &str) -> String {
        self.token_with(upn, None, Duration::zero())
    }

    /// `scopes` = short Graph names (None = all consented); `signed_in_ago` sets `auth_time`.
    pub fn token_with(
        &self,
        upn: &str,
        scopes: Option<&[&str]>,
        signed_in_ago: Duration,
    ) -> String {
        let emulator = &self.emulator;
        let user = emulator
            .store
            .read(|d| d.find_user(upn).cloned())
            .expect("seeded user");
        let granted: Vec<String> = match scopes {
            Some(scopes) => scopes.iter().map(|s| s.to_string()).collect(),
            None => ScopeRequest {
                graph_default: true,
                ..ScopeRequest::default()
            }
            .grant(user.consented_scopes.as_deref()),
        };
        let issuer = emulator.issuer_for(ORIGIN);
        let now = emulator.clock.now();
        let subject = TokenSubject {
            user: &user,
            tenant_id: &emulator.config.tenant_id,
            issuer: &issuer,
            client_id: &emulator.config.client_id,
            graph_scopes: &granted,
            auth_time: now - signed_in_ago,
        };
        mint_access_token(
            &emulator.keys,
            &subject,
            now,
            emulator.config.access_token_lifetime,
        )
    }
}

/// RFC 3339 with whole seconds, as a client sends it.
pub fn iso(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub const ME_METHOD: &str = "/beta/me/authentication/qrCodePinMethod";

pub fn user_method(upn: &str) -> String {
    format!("/beta/users/{upn}/authentication/qrCodePinMethod")
}

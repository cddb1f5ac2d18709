//! `/_emulator/*` test control, only with `--test-control`: reset, seed, clock, faults, throttling, state
//! dump and direct token minting for scripts and benchmarks.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Duration;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::app::AppState;
use crate::faults::FaultSpec;
use crate::http::request_origin;
use crate::oidc::scopes::{token_response_scope, ScopeRequest};
use crate::oidc::tokens::{mint_access_token, TokenSubject};
use crate::store::seed::{resolve_time, SeedSpec};
use crate::throttle::ThrottleSettings;
use crate::timefmt::graph_timestamp;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/seed", post(replace_seed).get(current_seed))
        .route("/_emulator/clock", get(read_clock).post(change_clock))
        .route(
            "/_emulator/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route(
            "/_emulator/throttle",
            get(read_throttle).put(set_throttle).delete(clear_throttle),
        )
        .route("/_emulator/state", get(dump_state))
        .route("/_emulator/tokens", post(mint_token))
}

fn problem(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// Parses a JSON body ourselves so a bad request gets a readable message instead of axum's rejection.
fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, Box<Response>> {
    serde_json::from_slice(body)
        .map_err(|error| Box::new(problem(StatusCode::BAD_REQUEST, error.to_string())))
}

/// Back to the seed: directory, sessions, faults, throttling and the clock.
async fn reset(State(emulator): State<AppState>) -> Response {
    emulator.clock.reset();
    emulator.sign_in.clear();
    emulator.faults.clear();
    emulator.throttle.configure(None);
    match emulator.store.reset(emulator.clock.now()) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => problem(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()),
    }
}

async fn replace_seed(State(emulator): State<AppState>, body: axum::body::Bytes) -> Response {
    let spec = match SeedSpec::parse(&String::from_utf8_lossy(&body)) {
        Ok(spec) => spec,
        Err(error) => return problem(StatusCode::BAD_REQUEST, error.to_string()),
    };
    emulator.sign_in.clear();
    match emulator.store.replace_seed(spec, emulator.clock.now()) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => problem(StatusCode::BAD_REQUEST, error.to_string()),
    }
}

/// The seeded users with their clear-text PINs, so scripts need not hard-code them.
async fn current_seed(State(emulator): State<AppState>) -> Response {
    let seed = emulator.store.seed();
    let pins: serde_json::Map<String, Value> = seed
        .seeded_pins()
        .into_iter()
        .map(|(upn, pin)| (upn, json!(pin)))
        .collect();
    let users: Vec<Value> = seed
        .users
        .iter()
        .map(|user| json!({ "id": user.id, "userPrincipalName": user.user_principal_name, "displayName": user.display_name, "note": user.note }))
        .collect();
    Json(json!({ "users": users, "pins": pins })).into_response()
}

fn clock_state(emulator: &AppState) -> Value {
    json!({
        "now": graph_timestamp(emulator.clock.now()),
        "offsetSeconds": emulator.clock.offset().num_milliseconds() as f64 / 1000.0,
    })
}

async fn read_clock(State(emulator): State<AppState>) -> Response {
    Json(clock_state(&emulator)).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClockChange {
    #[serde(default)]
    advance_seconds: Option<f64>,
    #[serde(default)]
    now: Option<String>,
    #[serde(default)]
    reset: bool,
}

/// `{"advanceSeconds": 660}`, `{"now": "2026-01-01T08:00:00Z"}` or `{"reset": true}`.
async fn change_clock(State(emulator): State<AppState>, body: axum::body::Bytes) -> Response {
    let change: ClockChange = match parse(&body) {
        Ok(change) => change,
        Err(response) => return *response,
    };
    if change.reset {
        emulator.clock.reset();
    }
    if let Some(now) = change.now {
        match resolve_time(&now, emulator.clock.now()) {
            Ok(instant) => emulator.clock.set(instant),
            Err(error) => return problem(StatusCode::BAD_REQUEST, error.to_string()),
        }
    }
    if let Some(seconds) = change.advance_seconds {
        emulator
            .clock
            .advance(Duration::milliseconds((seconds * 1000.0) as i64));
    }
    Json(clock_state(&emulator)).into_response()
}

async fn list_faults(State(emulator): State<AppState>) -> Response {
    Json(json!({ "faults": emulator.faults.list() })).into_response()
}

async fn add_fault(State(emulator): State<AppState>, body: axum::body::Bytes) -> Response {
    match parse::<FaultSpec>(&body) {
        Ok(spec) => (StatusCode::CREATED, Json(emulator.faults.add(spec))).into_response(),
        Err(response) => *response,
    }
}

async fn clear_faults(State(emulator): State<AppState>) -> Response {
    emulator.faults.clear();
    StatusCode::NO_CONTENT.into_response()
}

async fn read_throttle(State(emulator): State<AppState>) -> Response {
    Json(json!({ "throttle": emulator.throttle.settings() })).into_response()
}

async fn set_throttle(State(emulator): State<AppState>, body: axum::body::Bytes) -> Response {
    match parse::<ThrottleSettings>(&body) {
        Ok(settings) => {
            emulator.throttle.configure(Some(settings.clone()));
            Json(json!({ "throttle": settings })).into_response()
        }
        Err(response) => *response,
    }
}

async fn clear_throttle(State(emulator): State<AppState>) -> Response {
    emulator.throttle.configure(None);
    StatusCode::NO_CONTENT.into_response()
}

async fn dump_state(State(emulator): State<AppState>) -> Response {
    let directory = emulator.store.read(|d| d.clone());
    Json(json!(directory)).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TokenRequest {
    /// UPN or object id.
    user: String,
    /// Short or full Graph scope names; default: everything the user's consent allows.
    #[serde(default)]
    scopes: Option<Vec<String>>,
    /// When the user "signed in": `"now"`, `"now-15m"`, RFC 3339 (default now).
    #[serde(default)]
    auth_time: Option<String>,
    #[serde(default)]
    lifetime_seconds: Option<i64>,
}

/// Mints an access token as if the user had signed in to the portal — for scripts, benchmarks and tests
/// that need a token without driving the sign-in page.
async fn mint_token(
    State(emulator): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let request: TokenRequest = match parse(&body) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let Some(user) = emulator.store.read(|d| d.find_user(&request.user).cloned()) else {
        return problem(StatusCode::NOT_FOUND, format!("no user {}", request.user));
    };
    let now = emulator.clock.now();
    let auth_time = match request
        .auth_time
        .as_deref()
        .map(|text| resolve_time(text, now))
        .transpose()
    {
        Ok(time) => time.unwrap_or(now),
        Err(error) => return problem(StatusCode::BAD_REQUEST, error.to_string()),
    };
    let scopes: Vec<String> = match request.scopes {
        Some(scopes) => ScopeRequest::parse(&scopes.join(" ")).graph,
        None => ScopeRequest {
            graph_default: true,
            ..ScopeRequest::default()
        }
        .grant(user.consented_scopes.as_deref()),
    };
    let issuer = emulator.issuer_for(&request_origin(&headers));
    let lifetime = request
        .lifetime_seconds
        .map(Duration::seconds)
        .unwrap_or(emulator.config.access_token_lifetime);
    let subject = TokenSubject {
        user: &user,
        tenant_id: &emulator.config.tenant_id,
        issuer: &issuer,
        client_id: &emulator.config.client_id,
        graph_scopes: &scopes,
        auth_time,
    };
    Json(json!({
        "access_token": mint_access_token(&emulator.keys, &subject, now, lifetime),
        "token_type": "Bearer",
        "expires_in": lifetime.num_seconds(),
        "scope": token_response_scope(&scopes, &[]),
    }))
    .into_response()
}

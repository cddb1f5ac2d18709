//! Microsoft Graph, emulated: `/beta/*` and `/v1.0/*`. One dispatcher serves direct HTTP calls and the
//! items of `$batch`.

pub mod auth;
pub mod batch;
pub mod body;
pub mod dispatch;
pub mod external;
pub mod methods;
pub mod permissions;
pub mod pin;
pub mod policy;
pub mod qr_codes;
pub mod render;
pub mod route;
pub mod users;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::{Extension, Router};
use serde_json::Value;

pub use qrpin::api::GraphVersion;

use crate::app::AppState;
use crate::http::error::GraphError;
use crate::http::request_id::RequestIds;
use crate::http::{header_text, request_origin};

/// Graph's JSON content type.
pub const GRAPH_JSON: &str = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
/// Graph refuses write bodies above 4 MB.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// One Graph request, from HTTP or from a `$batch` item.
#[derive(Clone, Debug)]
pub struct GraphCall {
    pub version: GraphVersion,
    pub method: Method,
    /// After the version segment, starting with `/`, without the query.
    pub path: String,
    pub query: Option<String>,
    pub authorization: Option<String>,
    pub body: Bytes,
    pub origin: String,
}

impl GraphCall {
    /// Decoded query parameters (`$filter`, `$top`, …).
    pub fn query_param(&self, name: &str) -> Option<String> {
        let query = self.query.as_deref()?;
        form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.into_owned())
    }
}

/// A successful Graph answer.
#[derive(Clone, Debug)]
pub struct GraphReply {
    pub status: StatusCode,
    pub body: Option<Value>,
    pub headers: Vec<(&'static str, String)>,
}

impl GraphReply {
    pub fn ok(body: Value) -> GraphReply {
        GraphReply {
            status: StatusCode::OK,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    pub fn created(body: Value, location: Option<String>) -> GraphReply {
        GraphReply {
            status: StatusCode::CREATED,
            body: Some(body),
            headers: location.map(|l| vec![("location", l)]).unwrap_or_default(),
        }
    }

    pub fn no_content() -> GraphReply {
        GraphReply {
            status: StatusCode::NO_CONTENT,
            body: None,
            headers: Vec::new(),
        }
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&version_root(GraphVersion::Beta), any(handle_beta))
        .route(&version_root(GraphVersion::V1), any(handle_v1))
}

/// `/beta/{*rest}` or `/v1.0/{*rest}`.
fn version_root(version: GraphVersion) -> String {
    format!("/{}/{{*rest}}", version.segment())
}

async fn handle_beta(
    state: State<AppState>,
    ids: Extension<RequestIds>,
    request: Request,
) -> Response {
    handle(state, ids, GraphVersion::Beta, request).await
}

async fn handle_v1(
    state: State<AppState>,
    ids: Extension<RequestIds>,
    request: Request,
) -> Response {
    handle(state, ids, GraphVersion::V1, request).await
}

async fn handle(
    State(emulator): State<AppState>,
    Extension(ids): Extension<RequestIds>,
    version: GraphVersion,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let now = emulator.clock.now();
    let body = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let error = GraphError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "RequestEntityTooLarge",
                "The request body is larger than 4 MB.",
            );
            return error_response(&error, &ids, now);
        }
    };
    let prefix_len = version.segment().len() + 1;
    let call = GraphCall {
        version,
        method: parts.method.clone(),
        path: parts
            .uri
            .path()
            .get(prefix_len..)
            .unwrap_or("/")
            .to_string(),
        query: parts.uri.query().map(str::to_string),
        authorization: header_text(&parts.headers, "authorization").map(str::to_string),
        body,
        origin: request_origin(&parts.headers),
    };
    let outcome = if matches!(route::parse(&call.path), Ok(route::GraphRoute::Batch)) {
        batch::execute(&emulator, &call, &ids).await
    } else {
        dispatch::dispatch(&emulator, &call)
    };
    match outcome {
        Ok(reply) => reply_response(reply),
        Err(error) => error_response(&error, &ids, emulator.clock.now()),
    }
}

pub fn reply_response(reply: GraphReply) -> Response {
    let mut response = match reply.body {
        Some(body) => (
            reply.status,
            [(header::CONTENT_TYPE, GRAPH_JSON)],
            body.to_string(),
        )
            .into_response(),
        None => reply.status.into_response(),
    };
    append_headers(response.headers_mut(), &reply.headers);
    response
}

pub fn error_response(
    error: &GraphError,
    ids: &RequestIds,
    now: chrono::DateTime<chrono::Utc>,
) -> Response {
    let mut response = Response::new(Body::from(error.body(ids, now).to_string()));
    *response.status_mut() = error.status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(GRAPH_JSON));
    append_headers(response.headers_mut(), &error.headers());
    response
}

fn append_headers(headers: &mut HeaderMap, extra: &[(&'static str, String)]) {
    for (name, value) in extra {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(*name, value);
        }
    }
}

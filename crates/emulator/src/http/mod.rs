//! HTTP plumbing shared by every surface: Graph-shaped errors, request ids, CORS, origin detection.

pub mod cors;
pub mod error;
pub mod request_id;

use axum::http::HeaderMap;

/// `http://<Host header>`: the emulator answers on whatever address the caller used, so issuers, redirect
/// checks and `/config.json` work on any port. Falls back to the loopback default when Host is missing.
pub fn request_origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|value| value.to_str().ok())
        .filter(|host| is_plausible_host(host))
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

/// Host headers end up in JSON and HTML; accept only host[:port] characters.
fn is_plausible_host(host: &str) -> bool {
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// Reads a header as UTF-8 text, `None` when absent or not text.
pub fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

//! HTTP plumbing shared by every surface: Graph-shaped errors, request ids, CORS, origin detection.

pub mod cors;
pub mod error;
pub mod request_id;

use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

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

/// Marks a response as an HTML page that is never cached, sniffed, framed by policy or leaks its URL as a
/// referrer, under the given Content-Security-Policy (the portal's page and the sign-in page differ only there).
pub fn html_page(mut response: Response, content_security_policy: &str) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(content_security_policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

//! `--dist DIR`: serves the built portal. `index.html` gets a fresh CSP nonce per response (Trunk's
//! `{{__TRUNK NONCE__}}` placeholder) and the portal's security headers; unknown paths that accept HTML
//! fall back to it so client-side routes survive a reload.

use std::path::{Component, Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::ids::csp_nonce;

const NONCE_PLACEHOLDER: &str = "{{__TRUNK NONCE__}}";

pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'"
    )
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Not found\n",
    )
        .into_response()
}

/// Maps a URL path to a file under `root`, refusing anything that could escape it.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = crate::graph::route::percent_decode(url_path);
    let mut path = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    Some(path)
}

fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

pub async fn serve(State(emulator): State<AppState>, request: Request) -> Response {
    let Some(root) = emulator.config.dist_dir.clone() else {
        return not_found();
    };
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return not_found();
    }
    let url_path = request.uri().path();
    let Some(mut file) = resolve(&root, url_path) else {
        return not_found();
    };
    if url_path.ends_with('/') || file == root {
        file = root.join("index.html");
    }
    let is_file = tokio::fs::metadata(&file)
        .await
        .map(|m| m.is_file())
        .unwrap_or(false);
    if !is_file {
        if accepts_html(request.headers()) {
            return index_html(&root).await;
        }
        return not_found();
    }
    if file == root.join("index.html") {
        return index_html(&root).await;
    }
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            let mime = match file.extension().and_then(|e| e.to_str()) {
                Some("wasm") => "application/wasm".to_string(),
                Some("js") => "text/javascript; charset=utf-8".to_string(),
                _ => mime_guess::from_path(&file)
                    .first_or_octet_stream()
                    .to_string(),
            };
            let mut response = bytes.into_response();
            if let Ok(value) = HeaderValue::from_str(&mime) {
                response.headers_mut().insert(header::CONTENT_TYPE, value);
            }
            response.headers_mut().insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            response
        }
        Err(_) => not_found(),
    }
}

async fn index_html(root: &Path) -> Response {
    let Ok(template) = tokio::fs::read_to_string(root.join("index.html")).await else {
        return not_found();
    };
    let nonce = csp_nonce();
    let html = template.replace(NONCE_PLACEHOLDER, &nonce);
    crate::http::html_page(html.into_response(), &content_security_policy(&nonce))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_root() {
        let root = Path::new("/srv/dist");
        assert_eq!(resolve(root, "/app.wasm"), Some(root.join("app.wasm")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/a/./b.js"), Some(root.join("a/b.js")));
    }
}

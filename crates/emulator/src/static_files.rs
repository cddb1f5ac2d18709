//! `--dist DIR`: serves the built portal the way `deploy/` configures a production host: `index.html` with
//! the portal's security headers and a Content-Security-Policy without inline script (the loader is a file
//! of its own), precompressed `.br`/`.gz` files chosen by `Accept-Encoding`, content-hashed files cached for
//! a year and everything else revalidated. Unknown paths that accept HTML fall back to the page of the
//! bundle that serves them, so client-side routes survive a reload: the portal is one bundle per audience
//! (`scripts/build-portal.sh`), each in the directory its path prefix is served from (`dist/kiosk/` for
//! `/kiosk…`, `dist/admin/` for `/admin…`, `dist/` for the rest), as `deploy/` routes them. Here the rule
//! is generic: the `index.html` of the deepest directory on the path that has one.

use std::path::{Component, Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;

/// The portal needs nothing but its own files, the sign-in endpoints and Graph (all on this origin here),
/// inline SVG (no `style` attributes) and `blob:` URLs for downloads. `'wasm-unsafe-eval'` lets it compile
/// its WebAssembly; nothing else is evaluated.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

/// `Permissions-Policy`: the kiosk keeps the screen on and may go full screen; nothing else is used.
pub const PERMISSIONS_POLICY: &str = "screen-wake-lock=(self), fullscreen=(self), camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), clipboard-read=(), display-capture=()";

/// Files trunk names after their content (`name-0123456789abcdef.ext`, `name-…_bg.wasm`) never change.
fn is_content_hashed(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The best precompressed variant the browser accepts: brotli, then gzip.
fn accepted_encodings(headers: &HeaderMap) -> (bool, bool) {
    let accept = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let has = |name: &str| {
        accept.split(',').any(|part| {
            let mut pieces = part.trim().split(';');
            pieces.next().is_some_and(|coding| coding.trim() == name)
                && !pieces.any(|p| p.trim().replace(' ', "") == "q=0")
        })
    };
    (has("br"), has("gzip"))
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
    let Some(file) = resolve(&root, url_path) else {
        return not_found();
    };
    match tokio::fs::metadata(&file).await {
        Ok(found) if found.is_file() => {
            if file.file_name().is_some_and(|name| name == "index.html") {
                index_html(&file, request.headers()).await
            } else {
                send_file(&file, request.headers(), false).await
            }
        }
        Ok(found) if found.is_dir() => {
            index_html(&bundle_page(&root, &file).await, request.headers()).await
        }
        _ if accepts_html(request.headers()) => {
            index_html(&bundle_page(&root, &file).await, request.headers()).await
        }
        _ => not_found(),
    }
}

/// The page of the bundle that serves `target` (a path under `root`): the `index.html` of the deepest
/// directory from `target` up to `root` that has one, else the root's.
async fn bundle_page(root: &Path, target: &Path) -> PathBuf {
    for dir in target.ancestors().take_while(|dir| dir.starts_with(root)) {
        let page = dir.join("index.html");
        if tokio::fs::metadata(&page)
            .await
            .is_ok_and(|found| found.is_file())
        {
            return page;
        }
    }
    root.join("index.html")
}

/// Sends `file`, or its `.br`/`.gz` sibling when the browser takes it, with type and caching headers.
async fn send_file(file: &Path, request_headers: &HeaderMap, is_page: bool) -> Response {
    let (brotli, gzip) = accepted_encodings(request_headers);
    let mut chosen = None;
    for (accepted, suffix, coding) in [(brotli, "br", "br"), (gzip, "gz", "gzip")] {
        if !accepted {
            continue;
        }
        let mut name = file.as_os_str().to_owned();
        name.push(".");
        name.push(suffix);
        if let Ok(bytes) = tokio::fs::read(&name).await {
            chosen = Some((bytes, Some(coding)));
            break;
        }
    }
    let (bytes, coding) = match chosen {
        Some(found) => found,
        None => match tokio::fs::read(file).await {
            Ok(bytes) => (bytes, None),
            Err(_) => return not_found(),
        },
    };
    // Serving a variant proves there is one; only a plain answer has to look for siblings.
    let has_variants = coding.is_some()
        || tokio::fs::metadata(format!("{}.br", file.display()))
            .await
            .is_ok()
        || tokio::fs::metadata(format!("{}.gz", file.display()))
            .await
            .is_ok();
    let mime = match file.extension().and_then(|e| e.to_str()) {
        Some("wasm") => "application/wasm".to_string(),
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8".to_string(),
        _ => mime_guess::from_path(file)
            .first_or_octet_stream()
            .to_string(),
    };
    let file_name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let cache = if !is_page && is_content_hashed(file_name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Some(coding) = coding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    if has_variants {
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

async fn index_html(page: &Path, request_headers: &HeaderMap) -> Response {
    let response = send_file(page, request_headers, true).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let mut response = crate::http::html_page(response, CONTENT_SECURITY_POLICY);
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    response
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

    #[test]
    fn only_content_hashed_names_are_immutable() {
        assert!(is_content_hashed("qrbadge-0123456789abcdef_bg.wasm"));
        assert!(is_content_hashed("qrbadge-0123456789abcdef.js"));
        assert!(is_content_hashed("app-fedcba9876543210.css"));
        assert!(!is_content_hashed("index.html"));
        assert!(!is_content_hashed("favicon.svg"));
        assert!(!is_content_hashed("config.json"));
        assert!(!is_content_hashed("my-app.js"));
    }

    #[test]
    fn encodings_follow_accept_encoding() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br"),
        );
        assert_eq!(accepted_encodings(&headers), (true, true));
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip;q=1, br;q=0"),
        );
        assert_eq!(accepted_encodings(&headers), (false, true));
        assert_eq!(accepted_encodings(&HeaderMap::new()), (false, false));
    }
}

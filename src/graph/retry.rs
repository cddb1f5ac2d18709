//! Throttling: wait for `Retry-After` (seconds, possibly fractional) and retry idempotent requests.

use gloo_net::http::Method;

/// Graph retries at most this many times before showing the error.
pub const MAX_RETRIES: u32 = 3;
/// When Graph throttles without saying how long to wait: 1 s, 2 s, 4 s.
const DEFAULT_BACKOFF_SECONDS: f64 = 1.0;
/// Never block a person for longer than this per attempt.
const MAX_WAIT_SECONDS: f64 = 30.0;

/// Only requests that can be sent twice without a different outcome are retried (POST and PATCH
/// could create a second code or double-submit a PIN change).
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::PUT | Method::DELETE | Method::HEAD
    )
}

pub fn is_retryable_status(status: u16) -> bool {
    status == 429 || status == 503
}

/// How long to wait before attempt `attempt` (0-based) given the `Retry-After` header, if any.
pub fn wait_seconds(retry_after: Option<&str>, attempt: u32) -> f64 {
    let fallback = DEFAULT_BACKOFF_SECONDS * f64::from(1u32 << attempt.min(5));
    retry_after
        .and_then(|value| value.trim().parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
        .unwrap_or(fallback)
        .min(MAX_WAIT_SECONDS)
}

/// Resolves after `seconds` using the browser's timer.
pub async fn sleep(seconds: f64) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                (seconds * 1000.0).round() as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractional_retry_after_is_honoured() {
        assert_eq!(wait_seconds(Some("2.128"), 0), 2.128);
        assert_eq!(wait_seconds(Some(" 3 "), 2), 3.0);
    }

    #[test]
    fn missing_or_bad_retry_after_backs_off_exponentially() {
        assert_eq!(wait_seconds(None, 0), 1.0);
        assert_eq!(wait_seconds(None, 2), 4.0);
        assert_eq!(wait_seconds(Some("soon"), 1), 2.0);
        assert_eq!(wait_seconds(Some("-1"), 0), 1.0);
    }

    #[test]
    fn waits_are_capped() {
        assert_eq!(wait_seconds(Some("3600"), 0), 30.0);
    }

    #[test]
    fn only_idempotent_requests_are_retried() {
        assert!(is_idempotent(&Method::GET));
        assert!(is_idempotent(&Method::PUT));
        assert!(is_idempotent(&Method::DELETE));
        assert!(!is_idempotent(&Method::POST));
        assert!(!is_idempotent(&Method::PATCH));
        assert!(is_retryable_status(429) && is_retryable_status(503));
        assert!(!is_retryable_status(500));
    }
}

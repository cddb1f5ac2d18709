//! Throttling: wait for `Retry-After` (seconds, possibly fractional) and retry idempotent requests.

use qrpin::http::retry_after_seconds;

/// Graph retries at most this many times before showing the error.
pub const MAX_RETRIES: u32 = 3;
/// When Graph throttles without saying how long to wait: 1 s, 2 s, 4 s.
const DEFAULT_BACKOFF_SECONDS: f64 = 1.0;
/// Never block a person for longer than this per attempt.
const MAX_WAIT_SECONDS: f64 = 30.0;

/// Whether a request may be sent again on its own after a throttled or unavailable answer. Each operation
/// chooses: reads and deletes may (a second DELETE finds nothing to delete); creates and PIN changes may not,
/// because a 503 can come after the change was made (setting up the method generates a PIN, so a second PUT
/// would answer "already exists" and the first answer, the only copy of the PIN and the QR code, is lost).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replay {
    Safe,
    Never,
}

/// The live "retrying" notice, worded where it is shown: whole seconds, rounded up, and "a moment" below
/// one second (a `Retry-After` of 0.2 must not read "0 s").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryNotice {
    InAMoment,
    InSeconds(u64),
}

pub fn retry_notice(seconds: f64) -> RetryNotice {
    if seconds < 1.0 {
        RetryNotice::InAMoment
    } else {
        RetryNotice::InSeconds(seconds.ceil() as u64)
    }
}

pub fn is_retryable_status(status: u16) -> bool {
    status == 429 || status == 503
}

/// How long to wait before attempt `attempt` (0-based) given the `Retry-After` header, if any.
pub fn wait_seconds(retry_after: Option<&str>, attempt: u32) -> f64 {
    let fallback = DEFAULT_BACKOFF_SECONDS * f64::from(1u32 << attempt.min(5));
    retry_after
        .and_then(retry_after_seconds)
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
    fn only_throttling_and_unavailability_are_retryable() {
        assert!(is_retryable_status(429) && is_retryable_status(503));
        assert!(!is_retryable_status(500));
    }

    #[test]
    fn the_retry_notice_never_says_zero_seconds() {
        assert_eq!(retry_notice(0.2), RetryNotice::InAMoment);
        assert_eq!(retry_notice(1.5), RetryNotice::InSeconds(2));
        assert_eq!(retry_notice(3.0), RetryNotice::InSeconds(3));
    }
}

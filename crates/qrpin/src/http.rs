//! HTTP details shared by the portal and the emulator.

/// `Retry-After` in seconds, possibly fractional (Graph sends `2.128`). Surrounding spaces are allowed. An HTTP
/// date, a negative or non-finite number, or anything else unreadable gives `None`: the caller picks its own wait.
pub fn retry_after_seconds(value: &str) -> Option<f64> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
}

#[cfg(test)]
mod tests {
    use super::retry_after_seconds;

    #[test]
    fn whole_and_fractional_seconds_are_read() {
        assert_eq!(retry_after_seconds("3"), Some(3.0));
        assert_eq!(retry_after_seconds("2.128"), Some(2.128));
        assert_eq!(retry_after_seconds(" 0.5 "), Some(0.5));
        assert_eq!(retry_after_seconds("0"), Some(0.0));
    }

    #[test]
    fn dates_and_garbage_are_not_seconds() {
        for value in [
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "",
            "soon",
            "-1",
            "NaN",
            "inf",
            "-0.5",
        ] {
            assert_eq!(retry_after_seconds(value), None, "{value:?}");
        }
    }
}

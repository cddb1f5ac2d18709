//! Graph's date-time spellings.

use chrono::{DateTime, SecondsFormat, Utc};

/// Service-generated timestamps carry seven fractional digits (`2025-03-05T00:03:11.1460378Z`);
/// client-supplied ones without a fraction are echoed without one (`2025-12-19T12:00:00Z`).
pub fn graph_timestamp(instant: DateTime<Utc>) -> String {
    let nanos = instant.timestamp_subsec_nanos();
    if nanos == 0 {
        instant.to_rfc3339_opts(SecondsFormat::Secs, true)
    } else {
        format!(
            "{}.{:07}Z",
            instant.format("%Y-%m-%dT%H:%M:%S"),
            (nanos % 1_000_000_000) / 100
        )
    }
}

/// `innerError.date` has no zone designator (`2025-07-09T10:08:57`).
pub fn inner_error_date(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Graph's "never used" marker for `lastUsedDateTime`.
pub const NEVER_USED: &str = "0001-01-01T00:00:00Z";

/// Entra token-error timestamps look like `2016-01-09 02:02:12Z`.
pub fn entra_error_timestamp(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%d %H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn whole_seconds_have_no_fraction() {
        let t = Utc.with_ymd_and_hms(2025, 12, 19, 12, 0, 0).unwrap();
        assert_eq!(graph_timestamp(t), "2025-12-19T12:00:00Z");
        assert_eq!(inner_error_date(t), "2025-12-19T12:00:00");
    }

    #[test]
    fn fractions_have_seven_digits() {
        let t = Utc.with_ymd_and_hms(2025, 3, 5, 0, 3, 11).unwrap()
            + chrono::Duration::nanoseconds(146_037_800);
        assert_eq!(graph_timestamp(t), "2025-03-05T00:03:11.1460378Z");
    }
}

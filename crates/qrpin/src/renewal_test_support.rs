//! What the renewal tests share: a fixed `now`, badges and methods built from dates.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;

pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 15, 12, 0, 0).unwrap()
}

pub(super) fn code(start: DateTime<Utc>, expire: DateTime<Utc>) -> QrCode {
    QrCode {
        id: "badge-1".into(),
        start_date_time: Some(start),
        expire_date_time: Some(expire),
        last_used_date_time: Some(start + Duration::hours(1)),
        ..QrCode::default()
    }
}

pub(super) fn method(standard: Option<QrCode>) -> QrCodePinMethod {
    QrCodePinMethod {
        standard_qr_code: standard,
        ..QrCodePinMethod::default()
    }
}

pub(super) fn assess_code(standard: QrCode) -> Assessment {
    assess_with(&method(Some(standard)), &RenewalSettings::default())
}

pub(super) fn assess_with(method: &QrCodePinMethod, settings: &RenewalSettings) -> Assessment {
    let window = new_badge_window(now(), settings).unwrap();
    assess(MethodLookup::Found(method), now(), settings, window)
}

pub(super) fn year_window() -> BadgeWindow {
    BadgeWindow {
        start: now(),
        expire: now() + Duration::days(365),
    }
}

/// A badge whose bound (start + 395 days) is `to_bound` after its expiry, which is `left` from now.
pub(super) fn expiring(left: Duration, to_bound: Duration) -> QrCode {
    let expire = now() + left;
    code(expire + to_bound - Duration::days(395), expire)
}

//! Lifetime windows at their boundaries, and the state of existing codes.

use chrono::{DateTime, Duration, TimeZone, Utc};
use qrpin::model::QrCode;
use qrpin::rules::{
    check_standard_window, check_temporary_window, code_state, CodeState, WindowProblem,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
}

fn temporary(lifetime: Duration) -> Result<(), WindowProblem> {
    check_temporary_window(now(), now() + lifetime, now())
}

fn standard(lifetime: Duration) -> Result<(), WindowProblem> {
    check_standard_window(now(), now() + lifetime, now())
}

#[test]
fn temporary_lifetime_is_1_to_12_hours_inclusive() {
    assert_eq!(
        temporary(Duration::minutes(59)),
        Err(WindowProblem::TemporaryTooShort { min_hours: 1 })
    );
    assert_eq!(temporary(Duration::hours(1)), Ok(()));
    assert_eq!(temporary(Duration::hours(12)), Ok(()));
    assert_eq!(
        temporary(Duration::hours(12) + Duration::seconds(1)),
        Err(WindowProblem::TemporaryTooLong { max_hours: 12 })
    );
}

#[test]
fn standard_lifetime_is_1_to_395_days_inclusive() {
    assert_eq!(
        standard(Duration::zero()),
        Err(WindowProblem::ExpireNotAfterStart)
    );
    assert_eq!(
        standard(Duration::days(1) - Duration::seconds(1)),
        Err(WindowProblem::StandardTooShort { min_days: 1 })
    );
    assert_eq!(standard(Duration::days(1)), Ok(()));
    assert_eq!(standard(Duration::days(365)), Ok(()));
    assert_eq!(standard(Duration::days(395)), Ok(()));
    assert_eq!(
        standard(Duration::days(395) + Duration::seconds(1)),
        Err(WindowProblem::StandardTooLong { max_days: 395 })
    );
}

#[test]
fn start_after_expire_is_refused() {
    let start = now() + Duration::days(10);
    let expire = now() + Duration::days(5);
    assert_eq!(
        check_standard_window(start, expire, now()),
        Err(WindowProblem::ExpireNotAfterStart)
    );
    assert_eq!(
        check_temporary_window(
            now() + Duration::hours(3),
            now() + Duration::hours(2),
            now()
        ),
        Err(WindowProblem::ExpireNotAfterStart)
    );
}

#[test]
fn expiry_in_the_past_is_refused() {
    let start = now() - Duration::days(30);
    assert_eq!(
        check_standard_window(start, now() - Duration::days(1), now()),
        Err(WindowProblem::ExpireInPast)
    );
    assert_eq!(
        check_standard_window(start, now(), now()),
        Err(WindowProblem::ExpireInPast),
        "expiring now is past"
    );
    assert_eq!(
        check_temporary_window(
            now() - Duration::hours(3),
            now() - Duration::hours(1),
            now()
        ),
        Err(WindowProblem::ExpireInPast)
    );
}

#[test]
fn start_in_the_past_or_future_is_allowed() {
    // Graph accepted a start two months before creation in its own example.
    assert_eq!(
        check_standard_window(
            now() - Duration::days(60),
            now() + Duration::days(300),
            now()
        ),
        Ok(())
    );
    assert_eq!(
        check_temporary_window(
            now() + Duration::days(1),
            now() + Duration::days(1) + Duration::hours(8),
            now()
        ),
        Ok(())
    );
}

fn code(start: Option<DateTime<Utc>>, expire: Option<DateTime<Utc>>) -> QrCode {
    QrCode {
        start_date_time: start,
        expire_date_time: expire,
        ..QrCode::default()
    }
}

#[test]
fn code_state_follows_start_and_expiry() {
    let start = now() - Duration::hours(1);
    let expire = now() + Duration::hours(1);
    assert_eq!(
        code_state(&code(Some(start), Some(expire)), now()),
        CodeState::Active
    );
    assert_eq!(
        code_state(&code(Some(start), Some(expire)), start),
        CodeState::Active,
        "start is inclusive"
    );
    assert_eq!(
        code_state(
            &code(Some(start), Some(expire)),
            start - Duration::seconds(1)
        ),
        CodeState::NotYetValid
    );
    assert_eq!(
        code_state(&code(Some(start), Some(expire)), expire),
        CodeState::Expired,
        "expiry is exclusive"
    );
    assert_eq!(
        code_state(&code(None, Some(expire)), now()),
        CodeState::Active
    );
    assert_eq!(
        code_state(&code(Some(start), None), now()),
        CodeState::Unknown
    );
}

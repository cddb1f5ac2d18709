use super::*;
use chrono::{Duration, TimeZone};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

fn code(start_days: i64, expire_days: i64) -> QrCode {
    serde_json::from_value(serde_json::json!({
        "id": "c1",
        "startDateTime": (now() + Duration::days(start_days)).to_rfc3339(),
        "expireDateTime": (now() + Duration::days(expire_days)).to_rfc3339(),
        "image": null
    }))
    .expect("valid qrCode")
}

#[test]
fn active_code_says_how_long_it_works() {
    let s = summarize_standard(Some(&code(-10, 200)), now(), Audience::Employee);
    assert_eq!(s.label, CodeLabel::Active);
    assert_eq!(s.state, Some(CodeState::Active));
    assert_eq!(s.tone, Tone::Good);
    assert_eq!(s.advice, Advice::WorksFor(Days(200), Audience::Employee));
}

#[test]
fn code_inside_thirty_days_warns() {
    let s = summarize_standard(Some(&code(-300, 29)), now(), Audience::Employee);
    assert_eq!(s.label, CodeLabel::ExpiresSoon);
    assert_eq!(s.state, Some(CodeState::Active));
    assert_eq!(s.tone, Tone::Warning);
    assert_eq!(s.advice, Advice::ExpiresSoon(Days(29), Audience::Employee));
    let at_limit = summarize_standard(Some(&code(-300, 30)), now(), Audience::Employee);
    assert_eq!(at_limit.label, CodeLabel::Active);
}

#[test]
fn a_code_ending_today_has_less_than_a_day() {
    let mut ending = code(-300, 0);
    ending.expire_date_time = Some(now() + Duration::hours(5));
    let s = summarize_standard(Some(&ending), now(), Audience::Employee);
    assert_eq!(s.advice, Advice::ExpiresSoon(Days(0), Audience::Employee));
}

#[test]
fn expired_and_future_codes_get_their_own_advice() {
    let expired = summarize_standard(Some(&code(-400, -1)), now(), Audience::Employee);
    assert_eq!(expired.label, CodeLabel::Expired);
    assert_eq!(expired.advice, Advice::Expired(Audience::Employee));
    let future = summarize_standard(Some(&code(2, 100)), now(), Audience::Employee);
    assert_eq!(future.label, CodeLabel::NotYetValid);
    assert_eq!(future.advice, Advice::NotYetValid(Audience::Employee));
    let none = summarize_standard(None, now(), Audience::Employee);
    assert_eq!(none.label, CodeLabel::NoCode);
    assert_eq!(none.state, None);
    assert_eq!(none.advice, Advice::NoCode(Audience::Employee));
}

#[test]
fn temporary_code_summary() {
    assert!(summarize_temporary(None, now(), Audience::Employee).is_none());
    let active =
        summarize_temporary(Some(&code(0, 1)), now(), Audience::Employee).expect("summary");
    assert_eq!(active.label, CodeLabel::Active);
    assert_eq!(active.advice, Advice::TemporaryActive(Audience::Employee));
    let old =
        summarize_temporary(Some(&code(-2, -1)), now(), Audience::Administrator).expect("summary");
    assert_eq!(
        (old.label, old.advice),
        (CodeLabel::Expired, Advice::TemporaryExpired)
    );
}

#[test]
fn pin_that_must_change_is_flagged() {
    let pin: QrPin = serde_json::from_value(serde_json::json!({
        "code": "", "forceChangePinNextSignIn": true
    }))
    .expect("valid pin");
    let s = summarize_pin(Some(&pin), Audience::Employee);
    assert!(s.must_change);
    assert_eq!(s.state, PinState::Temporary);
    assert_eq!(s.tone, Tone::Warning);
    let none = summarize_pin(None, Audience::Employee);
    assert_eq!(none.state, PinState::Missing);
    assert!(!none.must_change);
}

#[test]
fn administrators_get_advice_for_their_audience() {
    let admin = Audience::Administrator;
    assert_eq!(
        summarize_standard(None, now(), admin).advice,
        Advice::NoCode(admin)
    );
    assert_eq!(
        summarize_standard(Some(&code(-10, 200)), now(), admin).advice,
        Advice::WorksFor(Days(200), admin)
    );
    assert_eq!(
        summarize_standard(Some(&code(-300, 29)), now(), admin).advice,
        Advice::ExpiresSoon(Days(29), admin)
    );
    assert_eq!(
        summarize_standard(Some(&code(-400, -1)), now(), admin).advice,
        Advice::Expired(admin)
    );
    assert_eq!(summarize_pin(None, admin).audience, admin);
}

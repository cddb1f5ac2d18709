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
    assert_eq!(s.state_label, "Active");
    assert_eq!(s.tone, Tone::Good);
    assert!(s.advice.contains("200 days"), "{}", s.advice);
}

#[test]
fn code_inside_thirty_days_warns() {
    let s = summarize_standard(Some(&code(-300, 29)), now(), Audience::Employee);
    assert_eq!(s.state_label, "Expires soon");
    assert_eq!(s.tone, Tone::Warning);
    assert!(s.advice.contains("29 days"));
    let at_limit = summarize_standard(Some(&code(-300, 30)), now(), Audience::Employee);
    assert_eq!(at_limit.state_label, "Active");
}

#[test]
fn expired_and_future_codes_get_their_own_advice() {
    assert_eq!(
        summarize_standard(Some(&code(-400, -1)), now(), Audience::Employee).state_label,
        "Expired"
    );
    assert_eq!(
        summarize_standard(Some(&code(2, 100)), now(), Audience::Employee).state_label,
        "Not yet valid"
    );
    assert_eq!(
        summarize_standard(None, now(), Audience::Employee).state_label,
        "No badge code"
    );
}

#[test]
fn temporary_code_summary() {
    assert!(summarize_temporary(None, now(), Audience::Employee).is_none());
    let active =
        summarize_temporary(Some(&code(0, 1)), now(), Audience::Employee).expect("summary");
    assert!(active.advice.contains("Revoke"));
}

#[test]
fn pin_that_must_change_is_flagged() {
    let pin: QrPin = serde_json::from_value(serde_json::json!({
        "code": "", "forceChangePinNextSignIn": true
    }))
    .expect("valid pin");
    let s = summarize_pin(Some(&pin), Audience::Employee);
    assert!(s.must_change);
    assert_eq!(s.state_label, "Temporary PIN");
    assert_eq!(
        summarize_pin(None, Audience::Employee).state_label,
        "No PIN"
    );
}

#[test]
fn administrators_read_about_the_person_in_the_third_person() {
    let admin = Audience::Administrator;
    for advice in [
        summarize_standard(None, now(), admin).advice,
        summarize_standard(Some(&code(-10, 200)), now(), admin).advice,
        summarize_standard(Some(&code(-300, 29)), now(), admin).advice,
        summarize_standard(Some(&code(-400, -1)), now(), admin).advice,
        summarize_pin(None, admin).advice.to_string(),
    ] {
        assert!(
            !advice.contains("You ") && !advice.contains("Your "),
            "{advice}"
        );
    }
}

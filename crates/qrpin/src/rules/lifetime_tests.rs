use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::model::QrCode;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, day, 12, 0, 0).unwrap()
}

fn badge(start: DateTime<Utc>, expire: DateTime<Utc>) -> QrCode {
    QrCode {
        start_date_time: Some(start),
        expire_date_time: Some(expire),
        ..QrCode::default()
    }
}

#[test]
fn typed_days_are_whole_numbers_within_bounds() {
    use LifetimeInputProblem::*;
    assert_eq!(parse_lifetime("365", LifetimeUnit::Days), Ok(365));
    assert_eq!(parse_lifetime(" 1 ", LifetimeUnit::Days), Ok(1));
    assert_eq!(parse_lifetime("0395", LifetimeUnit::Days), Ok(395));
    for bad in [
        "", " ", "-1", "+5", "abc", "1e9", "1.5", "1,5", "٣", "10 0", "0x10",
    ] {
        assert_eq!(
            parse_lifetime(bad, LifetimeUnit::Days),
            Err(NotWholeNumber),
            "{bad:?}"
        );
    }
    assert_eq!(parse_lifetime("0", LifetimeUnit::Days), Err(TooShort));
    assert_eq!(parse_lifetime("396", LifetimeUnit::Days), Err(TooLong));
    assert_eq!(
        parse_lifetime("100000000", LifetimeUnit::Days),
        Err(TooLong)
    );
    assert_eq!(
        parse_lifetime("99999999999999999999999999", LifetimeUnit::Days),
        Err(TooLong)
    );
    assert_eq!(parse_lifetime("13", LifetimeUnit::Hours), Err(TooLong));
    assert_eq!(parse_lifetime("12", LifetimeUnit::Hours), Ok(12));
}

#[test]
fn expiries_never_overflow() {
    let start = at(1);
    assert_eq!(
        expiry_after(start, 395, LifetimeUnit::Days),
        Ok(start + Duration::days(395))
    );
    assert_eq!(
        expiry_after(start, 100_000_000, LifetimeUnit::Days),
        Err(LifetimeInputProblem::TooLong)
    );
    assert_eq!(
        expiry_after(start, u32::MAX, LifetimeUnit::Hours),
        Err(LifetimeInputProblem::TooLong)
    );
    assert_eq!(
        expiry_after(start, 0, LifetimeUnit::Hours),
        Err(LifetimeInputProblem::TooShort)
    );
    // The latest instant chrono can hold: adding a day must be refused, not panic.
    assert!(expiry_after(DateTime::<Utc>::MAX_UTC, 1, LifetimeUnit::Days).is_err());
}

#[test]
fn every_offered_hour_choice_is_accepted_by_graph_rules() {
    assert!(TEMPORARY_HOUR_CHOICES.contains(&DEFAULT_TEMPORARY_HOURS));
    for hours in TEMPORARY_HOUR_CHOICES {
        assert!(
            expiry_after(at(1), hours, LifetimeUnit::Hours).is_ok(),
            "{hours}"
        );
    }
}

#[test]
fn an_extension_must_lengthen_the_badge() {
    let code = badge(at(1), at(1) + Duration::days(100));
    let now = at(10);
    let range = extension_range(&code, now).unwrap();
    assert_eq!(range.latest, at(1) + Duration::days(395));
    assert_eq!(
        check_extension(&code, at(1) + Duration::days(50), now),
        Err(ExtendProblem::NotLater {
            current: at(1) + Duration::days(100)
        })
    );
    assert_eq!(
        check_extension(&code, at(1) + Duration::days(100), now),
        Err(ExtendProblem::NotLater {
            current: at(1) + Duration::days(100)
        })
    );
    assert_eq!(
        check_extension(&code, at(1) + Duration::days(396), now),
        Err(ExtendProblem::TooLate {
            latest: at(1) + Duration::days(395)
        })
    );
    assert!(check_extension(&code, at(1) + Duration::days(395), now).is_ok());
}

#[test]
fn expired_or_maxed_badges_cannot_be_extended() {
    let expired = badge(at(1), at(2));
    assert_eq!(
        extension_range(&expired, at(3)),
        Err(ExtendProblem::Expired)
    );
    let maxed = badge(at(1), at(1) + Duration::days(395));
    assert_eq!(
        extension_range(&maxed, at(3)),
        Err(ExtendProblem::AlreadyLatest)
    );
    assert_eq!(
        extension_range(&QrCode::default(), at(3)),
        Err(ExtendProblem::DatesUnknown)
    );
    let no_start = QrCode {
        start_date_time: None,
        ..badge(at(1), at(1) + Duration::days(300))
    };
    assert_eq!(
        extension_range(&no_start, at(3)),
        Err(ExtendProblem::DatesUnknown),
        "the bound is start + 395 days: an unknown start allows no extension"
    );
}

/// Hostile text in every numeric field must come back as a value in range or a problem, never a panic.
#[test]
fn fuzzed_lifetime_text_never_panics_and_never_leaves_the_bounds() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let alphabet: Vec<char> = "0123456789 -+.,eE\u{663}\u{200f}x9".chars().collect();
    for _ in 0..20_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 24) as usize;
        let text: String = (0..len)
            .map(|i| alphabet[((seed >> (i % 60)) as usize) % alphabet.len()])
            .collect();
        for unit in [LifetimeUnit::Days, LifetimeUnit::Hours] {
            if let Ok(value) = parse_lifetime(&text, unit) {
                let (min, max) = unit.bounds();
                assert!((min..=max).contains(&value), "{text:?} → {value}");
                assert!(expiry_after(at(1), value, unit).is_ok());
            }
        }
    }
}

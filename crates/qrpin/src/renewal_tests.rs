use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::model::parse_entity;
use crate::rules::{check_extension, check_standard_window};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 15, 12, 0, 0).unwrap()
}

fn code(start: DateTime<Utc>, expire: DateTime<Utc>) -> QrCode {
    QrCode {
        id: "badge-1".into(),
        start_date_time: Some(start),
        expire_date_time: Some(expire),
        last_used_date_time: Some(start + Duration::hours(1)),
        ..QrCode::default()
    }
}

fn method(standard: Option<QrCode>) -> QrCodePinMethod {
    QrCodePinMethod {
        standard_qr_code: standard,
        ..QrCodePinMethod::default()
    }
}

fn assess_code(standard: QrCode) -> Assessment {
    assess_with(&method(Some(standard)), &RenewalSettings::default())
}

fn assess_with(method: &QrCodePinMethod, settings: &RenewalSettings) -> Assessment {
    let window = new_badge_window(now(), settings).unwrap();
    assess(MethodLookup::Found(method), now(), settings, window)
}

fn year_window() -> BadgeWindow {
    BadgeWindow {
        start: now(),
        expire: now() + Duration::days(365),
    }
}

/// A badge whose bound (start + 395 days) is `to_bound` after its expiry, which is `left` from now.
fn expiring(left: Duration, to_bound: Duration) -> QrCode {
    let expire = now() + left;
    code(expire + to_bound - Duration::days(395), expire)
}

#[test]
fn a_badge_at_its_bound_is_replaced_and_the_old_card_deleted_first() {
    let at_bound = assess_code(expiring(Duration::days(10), Duration::zero()));
    assert_eq!(at_bound.standing, Standing::ExpiresSoon { days_left: 10 });
    assert_eq!(
        at_bound.proposal,
        Some(Proposal::Replace {
            reason: ReplaceReason::AtLatest,
            window: year_window()
        })
    );
    assert!(ReplaceReason::AtLatest.deletes_current_code());
    for to_bound in [Duration::seconds(1), -Duration::seconds(1)] {
        let near = assess_code(expiring(Duration::days(10), to_bound));
        assert_eq!(
            near.proposal.map(|p| p.kind()),
            Some(ProposalKind::Replace),
            "one second {to_bound} from the bound"
        );
    }
}

#[test]
fn an_extension_needs_a_whole_day_of_room_and_goes_to_the_bound() {
    let short = assess_code(expiring(
        Duration::days(10),
        Duration::days(1) - Duration::seconds(1),
    ));
    assert_eq!(
        short.proposal.map(|p| p.kind()),
        Some(ProposalKind::Replace)
    );

    let badge = expiring(Duration::days(10), Duration::days(1));
    let one_day = assess_code(badge.clone());
    let Some(Proposal::Extend(extension)) = one_day.proposal else {
        panic!("expected an extension, got {:?}", one_day.proposal);
    };
    let latest = badge.start_date_time.unwrap() + Duration::days(395);
    assert_eq!(extension.range.current, now() + Duration::days(10));
    assert_eq!(extension.range.latest, latest);
    assert_eq!(extension.proposed, latest);
    assert_eq!(one_day.proposal.unwrap().create_via(), None);
}

#[test]
fn the_proposed_extension_is_what_a_new_badge_gets_capped_by_the_bound() {
    // A 30-day tenant: a 30-day badge started 25 days ago may go far, but a new one would get 30 days.
    let settings = RenewalSettings {
        new_badge_days: 30,
        ..RenewalSettings::default()
    };
    let badge = code(now() - Duration::days(25), now() + Duration::days(5));
    let assessment = assess_with(&method(Some(badge)), &settings);
    let Some(Proposal::Extend(extension)) = assessment.proposal else {
        panic!("expected an extension, got {:?}", assessment.proposal);
    };
    assert_eq!(extension.proposed, now() + Duration::days(30));

    // Every proposal is an extension Graph's rules accept: later than today's expiry, within start + 395 days.
    for days_to_bound in 1..=60 {
        for left_hours in [1, 23, 24, 25, 24 * 29, 24 * 30] {
            let badge = expiring(Duration::hours(left_hours), Duration::days(days_to_bound));
            let Some(Proposal::Extend(extension)) = assess_code(badge.clone()).proposal else {
                panic!("{days_to_bound} days of room must allow an extension");
            };
            assert_eq!(
                check_extension(&badge, extension.proposed, now()),
                Ok(extension.proposed)
            );
            let start = badge.start_date_time.unwrap();
            assert_eq!(
                check_standard_window(start, extension.proposed, now()),
                Ok(())
            );
        }
    }
}

#[test]
fn an_expired_badge_is_replaced_over_the_old_code() {
    let just = assess_code(code(now() - Duration::days(365), now()));
    assert_eq!(just.standing, Standing::Expired { days_ago: 0 });
    let old = assess_code(code(
        now() - Duration::days(400),
        now() - Duration::days(3) - Duration::seconds(1),
    ));
    assert_eq!(old.standing, Standing::Expired { days_ago: 3 });
    let proposal = old.proposal.unwrap();
    assert_eq!(
        proposal,
        Proposal::Replace {
            reason: ReplaceReason::Expired,
            window: year_window()
        }
    );
    assert_eq!(proposal.create_via(), Some(CreateVia::PatchStandardCode));
    assert!(!ReplaceReason::Expired.deletes_current_code());
}

#[test]
fn a_badge_not_yet_valid_is_judged_by_its_expiry_and_never_counts_as_unused() {
    let start = now() + Duration::days(2);
    let mut soon = code(start, now() + Duration::days(20));
    soon.last_used_date_time = None;
    let assessment = assess_code(soon);
    assert_eq!(assessment.standing, Standing::ExpiresSoon { days_left: 20 });
    let Some(Proposal::Extend(extension)) = assessment.proposal else {
        panic!("a not yet valid badge can be extended");
    };
    assert_eq!(extension.range.latest, start + Duration::days(395));
    assert_eq!(extension.proposed, now() + Duration::days(365));

    let mut later = code(start, start + Duration::days(365));
    later.last_used_date_time = None;
    let settings = RenewalSettings {
        unused_after_days: 0,
        ..RenewalSettings::default()
    };
    assert_eq!(
        assess_with(&method(Some(later)), &settings).standing,
        Standing::Fine
    );
}

#[test]
fn unknown_or_unreadable_dates_mean_replace() {
    let mut no_expiry = code(now() - Duration::days(300), now());
    no_expiry.expire_date_time = None;
    let assessment = assess_code(no_expiry);
    assert_eq!(assessment.standing, Standing::DatesUnknown);
    assert_eq!(
        assessment.proposal,
        Some(Proposal::Replace {
            reason: ReplaceReason::DatesUnknown,
            window: year_window()
        })
    );
    assert!(ReplaceReason::DatesUnknown.deletes_current_code());

    let unreadable: QrCodePinMethod = parse_entity(
        r#"{"id":"m","standardQRCode":{"id":"c","startDateTime":"2025-06-01T00:00:00Z",
            "expireDateTime":"next June","lastUsedDateTime":"0001-01-01T00:00:00Z"}}"#,
    )
    .unwrap();
    let assessment = assess_with(&unreadable, &RenewalSettings::default());
    assert_eq!(assessment.standing, Standing::DatesUnknown);
    assert!(assessment.never_used);

    // The expiry is near but the start (which the bound counts from) is unknown: no extension can be checked.
    let mut no_start = code(now(), now() + Duration::days(3));
    no_start.start_date_time = None;
    let assessment = assess_code(no_start);
    assert_eq!(assessment.standing, Standing::ExpiresSoon { days_left: 3 });
    assert_eq!(
        assessment.proposal.map(|p| p.kind()),
        Some(ProposalKind::Replace)
    );
}

#[test]
fn temporary_codes_change_nothing() {
    let temporary = code(now() - Duration::hours(1), now() + Duration::hours(7));
    let expired_temporary = code(
        now() - Duration::days(2),
        now() - Duration::days(2) + Duration::hours(8),
    );
    for standard in [
        None,
        Some(code(now() - Duration::days(400), now() - Duration::days(5))),
        Some(expiring(Duration::days(10), Duration::days(30))),
        Some(code(
            now() - Duration::days(10),
            now() + Duration::days(355),
        )),
    ] {
        let without = assess_with(&method(standard.clone()), &RenewalSettings::default());
        for temporary in [&temporary, &expired_temporary] {
            let with = QrCodePinMethod {
                temporary_qr_code: Some(temporary.clone()),
                ..method(standard.clone())
            };
            assert_eq!(assess_with(&with, &RenewalSettings::default()), without);
        }
    }
    let only_temporary = QrCodePinMethod {
        temporary_qr_code: Some(temporary),
        ..method(None)
    };
    let assessment = assess_with(&only_temporary, &RenewalSettings::default());
    assert_eq!(assessment.standing, Standing::NoBadgeCode);
    assert_eq!(
        assessment.proposal,
        Some(Proposal::Replace {
            reason: ReplaceReason::NoBadgeCode,
            window: year_window()
        })
    );
}

#[test]
fn never_used_counts_from_exactly_m_days_after_the_start() {
    let unused = |age: Duration| QrCode {
        last_used_date_time: None,
        ..code(now() - age, now() - age + Duration::days(365))
    };
    let at_m = assess_code(unused(Duration::days(30)));
    assert_eq!(
        at_m.standing,
        Standing::NeverUsed {
            days_since_start: 30
        }
    );
    assert_eq!(at_m.proposal, None, "a working card is not voided in bulk");
    assert!(at_m.needs_attention());
    let just_under = assess_code(unused(Duration::days(30) - Duration::seconds(1)));
    assert_eq!(just_under.standing, Standing::Fine);
    assert!(just_under.never_used);
    assert!(!just_under.needs_attention());
    let used = assess_code(code(
        now() - Duration::days(200),
        now() + Duration::days(165),
    ));
    assert_eq!(used.standing, Standing::Fine);
    assert!(!used.never_used);

    // Without a start, the code's creation tells its age.
    let created_only = QrCode {
        start_date_time: None,
        created_date_time: Some(now() - Duration::days(45)),
        ..unused(Duration::days(45))
    };
    assert_eq!(
        assess_code(created_only).standing,
        Standing::NeverUsed {
            days_since_start: 45
        }
    );
}

#[test]
fn the_n_day_window_includes_its_last_second() {
    let with_left =
        |left: Duration| assess_code(code(now() - Duration::days(300), now() + left)).standing;
    assert_eq!(
        with_left(Duration::days(30)),
        Standing::ExpiresSoon { days_left: 30 }
    );
    assert_eq!(
        with_left(Duration::days(30) + Duration::seconds(1)),
        Standing::Fine
    );
    assert_eq!(
        with_left(Duration::seconds(1)),
        Standing::ExpiresSoon { days_left: 0 }
    );
    assert_eq!(
        with_left(Duration::zero()),
        Standing::Expired { days_ago: 0 }
    );
    let settings = RenewalSettings {
        expiring_within_days: 90,
        ..RenewalSettings::default()
    };
    let badge = code(now() - Duration::days(300), now() + Duration::days(90));
    assert_eq!(
        assess_with(&method(Some(badge)), &settings).standing,
        Standing::ExpiresSoon { days_left: 90 }
    );
}

#[test]
fn people_without_a_method_get_one_and_failed_lookups_get_nothing() {
    let window = year_window();
    let settings = RenewalSettings::default();
    let none = assess(MethodLookup::NoMethod, now(), &settings, window);
    assert_eq!(none.standing, Standing::NoMethod);
    assert_eq!(none.proposal, Some(Proposal::Create { window }));
    assert_eq!(
        none.proposal.unwrap().create_via(),
        Some(CreateVia::PutMethod)
    );
    let failed = assess(MethodLookup::Failed, now(), &settings, window);
    assert_eq!(failed.standing, Standing::LookupFailed);
    assert_eq!(failed.proposal, None);
}

#[test]
fn the_list_is_sorted_by_urgency_then_by_expiry() {
    let unused = QrCode {
        last_used_date_time: None,
        ..code(now() - Duration::days(40), now() + Duration::days(325))
    };
    let older_unused = QrCode {
        last_used_date_time: None,
        ..code(now() - Duration::days(90), now() + Duration::days(275))
    };
    let methods = [
        (
            "fine",
            method(Some(code(
                now() - Duration::days(10),
                now() + Duration::days(355),
            ))),
        ),
        (
            "soon-20",
            method(Some(expiring(Duration::days(20), Duration::days(30)))),
        ),
        ("unused-40", method(Some(unused))),
        (
            "expired-2",
            method(Some(code(
                now() - Duration::days(380),
                now() - Duration::days(2),
            ))),
        ),
        ("no-badge", method(None)),
        (
            "soon-3",
            method(Some(expiring(Duration::days(3), Duration::zero()))),
        ),
        (
            "expired-9",
            method(Some(code(
                now() - Duration::days(380),
                now() - Duration::days(9),
            ))),
        ),
        ("unused-90", method(Some(older_unused))),
    ];
    let mut people: Vec<(&str, MethodLookup)> = methods
        .iter()
        .map(|(name, method)| (*name, MethodLookup::Found(method)))
        .collect();
    people.insert(2, ("nobody-a", MethodLookup::NoMethod));
    people.push(("failed", MethodLookup::Failed));
    people.push(("nobody-b", MethodLookup::NoMethod));
    let plan = plan_renewals(people, now(), &RenewalSettings::default()).unwrap();
    let order: Vec<&str> = plan.iter().map(|renewal| renewal.person).collect();
    assert_eq!(
        order,
        [
            "expired-9",
            "expired-2",
            "no-badge",
            "soon-3",
            "soon-20",
            "failed",
            "unused-90",
            "unused-40",
            "nobody-a",
            "nobody-b",
            "fine"
        ]
    );
    let kinds: Vec<StandingKind> = plan.iter().map(|r| r.assessment.standing.kind()).collect();
    assert!(kinds.windows(2).all(|pair| pair[0] <= pair[1]));
}

#[test]
fn a_lifetime_graph_refuses_plans_nothing() {
    for new_badge_days in [0, 396] {
        let settings = RenewalSettings {
            new_badge_days,
            ..RenewalSettings::default()
        };
        assert!(plan_renewals(Vec::<((), MethodLookup)>::new(), now(), &settings).is_err());
    }
    let extreme = RenewalSettings {
        expiring_within_days: u32::MAX,
        unused_after_days: u32::MAX,
        ..RenewalSettings::default()
    };
    let badge = method(Some(code(
        now() - Duration::days(1),
        now() + Duration::days(300),
    )));
    assert_eq!(
        assess_with(&badge, &extreme).standing,
        Standing::ExpiresSoon { days_left: 300 }
    );
}

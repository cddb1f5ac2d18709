//! Who is listed, under which standing, in which order.

use chrono::Duration;

use super::test_support::*;
use super::*;
use crate::batch::{CreateVia, Decision};

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
        none.proposal.unwrap().decision(),
        Decision::Create {
            via: CreateVia::PutMethod,
            window
        }
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

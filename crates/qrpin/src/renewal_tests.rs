//! What is proposed for each badge, at every boundary of Graph's rules.

use chrono::Duration;

use super::test_support::*;
use super::*;
use crate::batch::{CreateVia, Decision};
use crate::model::parse_entity;
use crate::rules::{check_extension, check_standard_window};

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
    assert_eq!(
        one_day.proposal.unwrap().decision(),
        Decision::Extend { expire: latest }
    );
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
    assert_eq!(
        proposal.decision(),
        Decision::Create {
            via: CreateVia::ReplaceStandardCode {
                delete_first: false
            },
            window: year_window()
        }
    );
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

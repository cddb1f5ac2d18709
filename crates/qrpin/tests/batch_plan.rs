//! Planning a team badge run: who gets a PUT, who a PATCH, who is left alone and why.

use chrono::{DateTime, Duration, TimeZone, Utc};
use qrpin::batch::{
    plan, BadgeWindow, CreateVia, Decision, KnownMethod, PlanError, SkipReason, TeamMember,
};
use qrpin::model::{QrCode, QrCodePinMethod};
use qrpin::rules::WindowProblem;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 5, 9, 0, 0).unwrap()
}

fn window() -> BadgeWindow {
    BadgeWindow {
        start: now(),
        expire: now() + Duration::days(365),
    }
}

fn member(id: &str, upn: &str, method: KnownMethod) -> TeamMember {
    TeamMember {
        id: id.into(),
        upn: upn.into(),
        display_name: upn.split('@').next().unwrap_or_default().into(),
        method,
    }
}

fn decisions(users: &[TeamMember]) -> Vec<Decision> {
    plan(users, window(), now())
        .unwrap()
        .into_iter()
        .map(|planned| planned.decision)
        .collect()
}

fn create(via: CreateVia) -> Decision {
    Decision::Create {
        via,
        window: window(),
    }
}

#[test]
fn the_known_method_decides_the_call() {
    let users = [
        member("1", "adele@contoso.com", KnownMethod::NoMethod),
        member("2", "alex@contoso.com", KnownMethod::NoActiveStandardCode),
        member("3", "diego@contoso.com", KnownMethod::ActiveStandardCode),
        member("4", "grady@contoso.com", KnownMethod::Unknown),
    ];
    assert_eq!(
        decisions(&users),
        [
            create(CreateVia::PutMethod),
            create(CreateVia::PatchStandardCode),
            Decision::Skip(SkipReason::HasActiveCode),
            Decision::Skip(SkipReason::MethodUnknown),
        ]
    );
}

#[test]
fn duplicates_and_empty_upns_are_skipped_in_order() {
    let users = [
        member("1", "Adele@Contoso.com", KnownMethod::NoMethod),
        member("2", " adele@contoso.com ", KnownMethod::NoMethod),
        member("", "   ", KnownMethod::NoMethod),
        member("1", "adele.vance@contoso.com", KnownMethod::NoMethod),
        member("5", "lee@contoso.com", KnownMethod::ActiveStandardCode),
        member("6", "LEE@contoso.com", KnownMethod::NoMethod),
        member("", "megan@contoso.com", KnownMethod::NoActiveStandardCode),
    ];
    assert_eq!(
        decisions(&users),
        [
            create(CreateVia::PutMethod),
            Decision::Skip(SkipReason::Duplicate),
            Decision::Skip(SkipReason::EmptyUpn),
            Decision::Skip(SkipReason::Duplicate),
            Decision::Skip(SkipReason::HasActiveCode),
            Decision::Skip(SkipReason::Duplicate),
            create(CreateVia::PatchStandardCode),
        ]
    );
}

#[test]
fn a_skipped_duplicate_does_not_shadow_a_later_user() {
    // Entry 2 repeats entry 1's UPN under id "9"; entry 3 is a different person with id "9"… only the UPN of the
    // skipped entry is a duplicate, its id must not be remembered.
    let users = [
        member("1", "adele@contoso.com", KnownMethod::NoMethod),
        member("9", "adele@contoso.com", KnownMethod::NoMethod),
        member("9", "nestor@contoso.com", KnownMethod::NoMethod),
    ];
    assert_eq!(
        decisions(&users),
        [
            create(CreateVia::PutMethod),
            Decision::Skip(SkipReason::Duplicate),
            create(CreateVia::PutMethod),
        ]
    );
}

#[test]
fn the_plan_keeps_every_user_and_their_details() {
    let users = [
        member("1", "adele@contoso.com", KnownMethod::NoMethod),
        member("2", "", KnownMethod::NoMethod),
    ];
    let planned = plan(&users, window(), now()).unwrap();
    assert_eq!(planned.len(), 2);
    assert_eq!(planned[0].member, users[0]);
    assert_eq!(planned[1].member, users[1]);
    assert!(planned[0].gets_request() && !planned[1].gets_request());
    assert!(plan(&[], window(), now()).unwrap().is_empty());
}

#[test]
fn skip_reasons_are_typed_for_the_portal_to_word() {
    // qrpin holds no sentences for people: the portal words each reason in the administrator's language.
    assert_eq!(SkipReason::ALL.len(), 4);
    let distinct: std::collections::BTreeSet<String> =
        SkipReason::ALL.iter().map(|r| format!("{r:?}")).collect();
    assert_eq!(distinct.len(), SkipReason::ALL.len());
}

#[test]
fn a_window_graph_would_refuse_stops_the_whole_plan() {
    let users = [member("1", "adele@contoso.com", KnownMethod::NoMethod)];
    let cases = [
        (
            now() - Duration::days(10),
            now() - Duration::days(1),
            WindowProblem::ExpireInPast,
        ),
        (
            now(),
            now() - Duration::hours(1),
            WindowProblem::ExpireNotAfterStart,
        ),
        (
            now(),
            now() + Duration::days(396),
            WindowProblem::StandardTooLong { max_days: 395 },
        ),
        (
            now(),
            now() + Duration::hours(5),
            WindowProblem::StandardTooShort { min_days: 1 },
        ),
    ];
    for (start, expire, problem) in cases {
        assert_eq!(
            plan(&users, BadgeWindow { start, expire }, now()),
            Err(PlanError::Window(problem))
        );
    }
    let error = plan(
        &users,
        BadgeWindow {
            start: now(),
            expire: now() - Duration::hours(1),
        },
        now(),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        WindowProblem::ExpireNotAfterStart.to_string()
    );
}

fn code(start: Option<DateTime<Utc>>, expire: Option<DateTime<Utc>>) -> QrCode {
    QrCode {
        id: "44f2f040-ea9d-4283-9e7b-b63ddae391a9".into(),
        start_date_time: start,
        expire_date_time: expire,
        ..QrCode::default()
    }
}

fn method_with(standard: Option<QrCode>) -> QrCodePinMethod {
    QrCodePinMethod {
        id: "d29518d4-b99a-4c88-b40c-92fd12959724".into(),
        standard_qr_code: standard,
        ..QrCodePinMethod::default()
    }
}

#[test]
fn a_lookup_is_classified_by_the_standard_code() {
    let past = now() - Duration::days(30);
    let future = now() + Duration::days(30);
    let cases = [
        (None, KnownMethod::NoMethod),
        (Some(method_with(None)), KnownMethod::NoActiveStandardCode),
        (
            Some(method_with(Some(code(Some(past), Some(future))))),
            KnownMethod::ActiveStandardCode,
        ),
        (
            // Not yet valid still blocks: a PATCH would only move its expiry.
            Some(method_with(Some(code(
                Some(future),
                Some(future + Duration::days(1)),
            )))),
            KnownMethod::ActiveStandardCode,
        ),
        (
            Some(method_with(Some(code(
                Some(past - Duration::days(1)),
                Some(past),
            )))),
            KnownMethod::NoActiveStandardCode,
        ),
        (
            Some(method_with(Some(code(Some(past), None)))),
            KnownMethod::Unknown,
        ),
    ];
    for (method, expected) in cases {
        assert_eq!(
            KnownMethod::from_lookup(method.as_ref(), now()),
            expected,
            "{method:?}"
        );
    }
}

#[test]
fn the_graph_key_falls_back_to_the_upn() {
    assert_eq!(
        member(" 7c4999f7 ", "a@contoso.com", KnownMethod::NoMethod).graph_key(),
        "7c4999f7"
    );
    assert_eq!(
        member("", " a@contoso.com ", KnownMethod::NoMethod).graph_key(),
        "a@contoso.com"
    );
}

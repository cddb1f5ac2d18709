//! A renewal run through `$batch`: extensions PATCH the expiry alone, replacements that may meet a valid code
//! delete it in a batch of their own first, and the report tells extended, replaced, created and unfinished apart.

use chrono::{DateTime, Duration, TimeZone, Utc};
use qrpin::batch::{
    batches, deletions, read_batch_response, BadgeWindow, CreateVia, Decision, EntryState,
    ItemOutcome, KnownMethod, PlannedUser, RunReport, TeamMember,
};
use qrpin::csv::{ReportOutcome, ReportRow};
use serde_json::{json, Value};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
}

fn window() -> BadgeWindow {
    BadgeWindow {
        start: now(),
        expire: now() + Duration::days(365),
    }
}

fn person(n: usize, decision: Decision) -> PlannedUser {
    PlannedUser {
        member: TeamMember {
            id: format!("id-{n}"),
            upn: format!("worker{n}@contoso.com"),
            display_name: format!("Worker {n}"),
            method: KnownMethod::ActiveStandardCode,
        },
        decision,
    }
}

fn extend(n: usize) -> PlannedUser {
    person(
        n,
        Decision::Extend {
            expire: now() + Duration::days(40),
        },
    )
}

fn replace(n: usize, delete_first: bool) -> PlannedUser {
    person(
        n,
        Decision::Create {
            via: CreateVia::ReplaceStandardCode { delete_first },
            window: window(),
        },
    )
}

fn body_of(request: &qrpin::batch::BatchRequest) -> Value {
    serde_json::to_value(request).unwrap()
}

#[test]
fn an_extension_patches_the_expiry_alone_and_a_replacement_the_whole_window() {
    let people = [extend(1), replace(2, true), replace(3, false)];
    let built = batches(&people, 20);
    let body = body_of(&built[0]);
    let items = body["requests"].as_array().unwrap();
    assert_eq!(items.len(), 3, "every person gets their PATCH");
    assert_eq!(items[0]["method"], "PATCH");
    assert_eq!(
        items[0]["url"],
        "/users/id-1/authentication/qrCodePinMethod/standardQRCode"
    );
    assert_eq!(
        items[0]["body"],
        json!({"@odata.type": "#microsoft.graph.qrCode", "expireDateTime": "2026-04-10T09:00:00Z"})
    );
    assert_eq!(items[0]["headers"]["Content-Type"], "application/json");
    for item in &items[1..] {
        assert_eq!(item["method"], "PATCH");
        assert_eq!(item["body"]["startDateTime"], "2026-03-01T09:00:00Z");
        assert_eq!(item["body"]["expireDateTime"], "2027-03-01T09:00:00Z");
        assert!(item.get("dependsOn").is_none(), "no batch mixes sequencing");
    }
}

#[test]
fn only_replacements_that_may_meet_a_valid_code_delete_it_first_without_a_body() {
    let people = [
        extend(1),
        replace(2, true),
        replace(3, false),
        replace(4, true),
    ];
    let built = deletions(&people, 20);
    assert_eq!(built.len(), 1);
    let body = body_of(&built[0]);
    let items = body["requests"].as_array().unwrap();
    let urls: Vec<&str> = items.iter().map(|i| i["url"].as_str().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "/users/id-2/authentication/qrCodePinMethod/standardQRCode",
            "/users/id-4/authentication/qrCodePinMethod/standardQRCode"
        ]
    );
    for item in items {
        assert_eq!(item["method"], "DELETE");
        assert!(
            item.get("body").is_none() && item.get("headers").is_none(),
            "{item}"
        );
    }
    assert!(deletions(&[extend(1), replace(3, false)], 20).is_empty());
    assert_eq!(
        deletions(&(0..45).map(|n| replace(n, true)).collect::<Vec<_>>(), 20).len(),
        3
    );
}

#[test]
fn a_deleted_or_already_missing_code_is_gone_and_a_refused_delete_is_a_failure() {
    let people = [
        replace(1, true),
        replace(2, true),
        replace(3, true),
        replace(4, true),
    ];
    let built = &deletions(&people, 20)[0];
    let answer = json!({"responses": [
        {"id": "1", "status": 204},
        {"id": "2", "status": 404, "body": {"error": {"code": "itemNotFound", "message": "gone"}}},
        {"id": "3", "status": 403, "body": {"error": {"code": "accessDenied", "message": "no",
            "innerError": {"request-id": "r-3"}}}},
        {"id": "4", "status": 429, "headers": {"Retry-After": "2"}}
    ]});
    let outcomes = read_batch_response(&answer.to_string(), built);
    assert_eq!(outcomes[0], ItemOutcome::Deleted);
    assert_eq!(outcomes[1], ItemOutcome::Deleted);
    assert!(
        matches!(&outcomes[2], ItemOutcome::Failed { status: Some(403), request_id: Some(id), retriable: false, .. } if id == "r-3")
    );
    assert_eq!(
        outcomes[3],
        ItemOutcome::Throttled {
            retry_after_seconds: 2.0
        }
    );
}

#[test]
fn an_accepted_extension_reads_the_new_expiry_and_a_code_made_instead_is_a_new_badge() {
    let people = [extend(1), extend(2), extend(3)];
    let built = &batches(&people, 20)[0];
    let answer = json!({"responses": [
        {"id": "1", "status": 200, "body": {"id": "c1", "startDateTime": "2025-04-01T00:00:00Z",
            "expireDateTime": "2026-04-10T09:00:00Z", "image": null}},
        {"id": "2", "status": 201, "body": {"id": "c2", "startDateTime": "2026-03-01T09:00:00Z",
            "expireDateTime": "2026-04-10T09:00:00Z",
            "image": {"binaryValue": "PHN2Zz48L3N2Zz4=", "version": 1, "errorCorrectionLevel": "l", "rawContent": "x"}}},
        {"id": "3", "status": 204}
    ]});
    let outcomes = read_batch_response(&answer.to_string(), built);
    assert_eq!(
        outcomes[0],
        ItemOutcome::Extended {
            expires: now() + Duration::days(40)
        }
    );
    assert!(
        matches!(&outcomes[1], ItemOutcome::Created { code, pin: None } if code.image.is_some())
    );
    assert_eq!(
        outcomes[2],
        ItemOutcome::Extended {
            expires: now() + Duration::days(40)
        },
        "accepted without a body: the date asked for"
    );
}

#[test]
fn the_report_counts_extensions_keeps_successes_and_resumes_what_is_unfinished() {
    let people = [
        extend(1),
        replace(2, true),
        replace(3, false),
        extend(4),
        extend(5),
    ];
    let mut report = RunReport::new(&people);
    let main = &batches(&people, 20)[0];
    let answer = json!({"responses": [
        {"id": "1", "status": 200, "body": {"id": "c1", "expireDateTime": "2026-04-10T09:00:00Z"}},
        {"id": "2", "status": 429, "headers": {"Retry-After": "1"}},
        {"id": "4", "status": 400, "body": {"error": {"code": "badRequest", "message": "too late"}}},
        {"id": "5", "status": 503}
    ]});
    report.record(main, &read_batch_response(&answer.to_string(), main));
    let states: Vec<EntryState> = report.entries().iter().map(|e| e.state()).collect();
    assert_eq!(
        states,
        [
            EntryState::Extended,
            EntryState::WaitingToRetry,
            EntryState::WaitingToRetry,
            EntryState::Failed,
            EntryState::WaitingToRetry
        ],
        "item 3 had no response: asked again"
    );
    assert_eq!(report.counts().extended, 1);

    // The delete before person 2's replacement went through: a resumed run only PATCHes.
    let after = report.code_deleted(&people[1]).unwrap();
    assert_eq!(
        after.decision,
        Decision::Create {
            via: CreateVia::ReplaceStandardCode {
                delete_first: false
            },
            window: window()
        }
    );
    // Cancelled: retries stop, and what may still succeed is what a resume sends.
    report.stop_retrying();
    let resumed: Vec<String> = report
        .unfinished()
        .iter()
        .map(|p| p.member.upn.clone())
        .collect();
    assert_eq!(
        resumed,
        [
            "worker2@contoso.com",
            "worker3@contoso.com",
            "worker5@contoso.com"
        ]
    );
    assert!(
        deletions(&report.unfinished(), 20).is_empty(),
        "no second delete"
    );

    // A later failure never hides a success.
    report.record_outcome(&people[0], ItemOutcome::Deleted);
    assert_eq!(report.entries()[0].state(), EntryState::Extended);
    let refused = ItemOutcome::Failed {
        status: Some(403),
        code: "accessDenied".into(),
        message: String::new(),
        request_id: Some("r".into()),
        retriable: false,
    };
    report.record_outcome(&people[2], refused.clone());
    assert_eq!(report.entries()[2].last_outcome, Some(refused));
    assert_eq!(report.entries()[2].state(), EntryState::Failed);
}

#[test]
fn the_csv_says_replaced_for_a_renewal_replacement_and_created_for_a_new_method() {
    let code = serde_json::from_value(json!({"id": "c", "image": {"binaryValue": "x"}})).unwrap();
    let new_method = person(
        9,
        Decision::Create {
            via: CreateVia::PutMethod,
            window: window(),
        },
    );
    let people = [replace(2, false), new_method, extend(1)];
    let mut report = RunReport::new(&people);
    report.record_outcome(
        &people[0],
        ItemOutcome::Created {
            code: qrpin::model::QrCode { ..code },
            pin: None,
        },
    );
    let created: qrpin::model::QrCode =
        serde_json::from_value(json!({"id": "d", "image": {"binaryValue": "y"}})).unwrap();
    report.record_outcome(
        &people[1],
        ItemOutcome::Created {
            code: created,
            pin: Some("41852937".into()),
        },
    );
    report.record_outcome(
        &people[2],
        ItemOutcome::Extended {
            expires: now() + Duration::days(40),
        },
    );
    let outcomes: Vec<ReportOutcome> = report
        .entries()
        .iter()
        .map(|entry| ReportRow::from_team_entry(entry, String::new()).outcome)
        .collect();
    assert_eq!(
        outcomes,
        [
            ReportOutcome::Replaced,
            ReportOutcome::Created,
            ReportOutcome::Extended
        ]
    );
}

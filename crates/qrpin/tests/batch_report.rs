//! The run report across batches and retries: counts, the retry list, waits, and created badges never lost.

mod support;

use qrpin::batch::{
    batches, plan, read_batch_response, BatchRequest, EntryState, ItemOutcome, KnownMethod,
    RunCounts, RunReport, TeamMember, DEFAULT_RETRY_AFTER_SECONDS,
};
use serde_json::json;
use support::{mixed_response, now, planned, team, the_batch, window};

#[test]
fn the_report_counts_a_round_and_lists_the_retries() {
    let planned = planned();
    let mut report = RunReport::new(&planned);
    assert_eq!(
        report.counts(),
        RunCounts {
            not_sent: 8,
            ..RunCounts::default()
        }
    );
    let batch = the_batch();
    report.record(&batch, &read_batch_response(&mixed_response(), &batch));
    assert_eq!(
        report.counts(),
        RunCounts {
            created: 2,
            extended: 0,
            skipped: 0,
            failed: 2,
            waiting_to_retry: 4,
            not_sent: 0,
            retried: 0,
        }
    );
    let retry: Vec<String> = report
        .retry_list()
        .iter()
        .map(|user| user.member.upn.clone())
        .collect();
    assert_eq!(
        retry,
        [
            "adele@contoso.com",
            "isaiah@contoso.com",
            "johanna@contoso.com",
            "lee@contoso.com"
        ]
    );
    // The longest wait among the throttled users.
    assert_eq!(report.retry_after_seconds(), Some(7.0));
    assert!(!report.is_finished());
}

#[test]
fn retries_are_counted_and_a_created_badge_is_never_lost() {
    let planned = planned();
    let mut report = RunReport::new(&planned);
    let first = the_batch();
    report.record(&first, &read_batch_response(&mixed_response(), &first));

    let second = batches(&report.retry_list(), 20).remove(0);
    assert_eq!(second.requests.len(), 4);
    // Round two: adele and lee are created, isaiah is throttled again without a header, johanna's first request
    // had gone through after all, so Graph now says the method exists.
    let created = json!({
        "@odata.type": "#microsoft.graph.qrCode",
        "id": "c0ffee00-0000-4000-8000-000000000001",
        "image": { "rawContent": "bXMtcXJwaW46djF8", "version": 3, "errorCorrectionLevel": "m" }
    });
    let created_method = json!({
        "id": "m1",
        "standardQRCode": created,
        "pin": { "code": "48150263" }
    });
    let body = json!({ "responses": [
        { "id": "4", "status": 201, "body": created_method },
        { "id": "2", "status": 429 },
        { "id": "3", "status": 400, "body": { "error": { "code": "badRequest", "message": "exists" } } },
        { "id": "1", "status": 201, "body": created_method },
    ]})
    .to_string();
    let outcomes = read_batch_response(&body, &second);
    assert!(matches!(outcomes[0], ItemOutcome::Created { .. }));
    report.record(&second, &outcomes);
    assert_eq!(
        report.counts(),
        RunCounts {
            created: 4,
            extended: 0,
            skipped: 0,
            failed: 3,
            waiting_to_retry: 1,
            not_sent: 0,
            retried: 4,
        }
    );
    assert_eq!(
        report.retry_after_seconds(),
        Some(DEFAULT_RETRY_AFTER_SECONDS)
    );

    // Recording diego (created in round one) again with a failure must not hide his code and PIN.
    let diego = BatchRequest {
        requests: first.requests.iter().skip(2).take(1).cloned().collect(),
    };
    report.record(
        &diego,
        &read_batch_response(r#"{"responses":[{"id":"3","status":400}]}"#, &diego),
    );
    let entry = &report.entries()[2];
    assert_eq!(entry.state(), EntryState::Created);
    assert_eq!(entry.attempts, 1);
    match &entry.last_outcome {
        Some(ItemOutcome::Created { pin, .. }) => assert_eq!(pin.as_deref(), Some("09599786")),
        other => panic!("{other:?}"),
    }

    // Giving up: isaiah's retriable throttle becomes a final failure; nothing is left to send.
    report.stop_retrying();
    assert!(report.retry_list().is_empty());
    assert_eq!(report.retry_after_seconds(), None);
    assert_eq!(report.counts().failed, 4);
    assert!(report.is_finished());
}

#[test]
fn skipped_users_are_in_the_report_but_never_retried() {
    let mut users = team();
    users[1].method = KnownMethod::ActiveStandardCode;
    users.push(TeamMember {
        upn: "ADELE@contoso.com".into(),
        id: "other".into(),
        ..users[0].clone()
    });
    let planned = plan(&users, window(), now()).unwrap();
    let report = RunReport::new(&planned);
    let counts = report.counts();
    assert_eq!((counts.skipped, counts.not_sent), (2, 7));
    assert_eq!(report.entries().len(), 9);
    assert_eq!(report.entries()[1].state(), EntryState::Skipped);
    assert!(report.retry_list().is_empty());
    assert!(!report.is_finished());
    assert!(RunReport::new(&[]).is_finished());
}

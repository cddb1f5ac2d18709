//! Reading `$batch` answers: any order, per-item throttling, missing items, odd headers, unreadable bodies.

mod support;

use base64::Engine;
use qrpin::batch::{
    read_batch_failure, read_batch_response, BatchRequest, ItemOutcome, ItemProblem,
    DEFAULT_RETRY_AFTER_SECONDS, NO_IMAGE_CODE, NO_RESPONSE_CODE, UNREADABLE_RESPONSE_CODE,
};
use serde_json::{json, Value};
use support::{fixture, mixed_response, the_batch};

#[test]
fn the_fixture_throttling_item_carries_graphs_documented_429_body() {
    let batch: Value = serde_json::from_str(&mixed_response()).unwrap();
    let throttled = batch["responses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|response| response["status"] == 429)
        .unwrap();
    let documented: Value = serde_json::from_str(&fixture(
        "../../tests/fixtures/graph/graph-throttling-429-response.json",
    ))
    .unwrap();
    assert_eq!(throttled["body"], documented);
}

#[test]
fn every_request_gets_an_outcome_in_batch_order() {
    let batch = the_batch();
    let outcomes = read_batch_response(&mixed_response(), &batch);
    assert_eq!(outcomes.len(), batch.requests.len());

    assert_eq!(
        outcomes[0],
        ItemOutcome::Throttled {
            retry_after_seconds: 2.128
        }
    );
    match &outcomes[1] {
        ItemOutcome::Created { code, pin } => {
            assert_eq!(code.id, "44f2f040-ea9d-4283-9e7b-b63ddae391a9");
            assert!(code.image.is_some());
            assert_eq!(*pin, None, "a PATCH keeps the user's PIN");
        }
        other => panic!("{other:?}"),
    }
    match &outcomes[2] {
        ItemOutcome::Created { code, pin } => {
            let image = code.image.as_ref().unwrap();
            assert_eq!(image.raw_content, "SGVsbG9Xb3JsZCEyTXlSYXdDb250ZW50");
            assert_eq!(pin.as_deref(), Some("09599786"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        outcomes[3],
        ItemOutcome::Failed {
            status: Some(400),
            code: "badRequest".into(),
            message: "A QR code authentication method already exists for this user.".into(),
            request_id: Some("b7d4f0e2-3c1a-4e8f-9a6b-5d2c1e0f3a47".into()),
            retriable: false,
        }
    );
    // Lower-case `retry-after` on a 503.
    assert_eq!(
        outcomes[4],
        ItemOutcome::Throttled {
            retry_after_seconds: 7.0
        }
    );
    match &outcomes[5] {
        ItemOutcome::Failed {
            status: None,
            code,
            retriable: true,
            ..
        } => assert_eq!(code, NO_RESPONSE_CODE),
        other => panic!("{other:?}"),
    }
    // The request id comes from the item's header when the body has none.
    assert_eq!(
        outcomes[6],
        ItemOutcome::Failed {
            status: Some(500),
            code: "generalException".into(),
            message: "An unexpected error occurred.".into(),
            request_id: Some("e0f1a2b3-c4d5-4e6f-8a9b-0c1d2e3f4a5b".into()),
            retriable: true,
        }
    );
    // A 200 without an image: Graph changed an existing code instead of creating one.
    match &outcomes[7] {
        ItemOutcome::Failed {
            status: Some(200),
            code,
            retriable: false,
            ..
        } => assert_eq!(code, NO_IMAGE_CODE),
        other => panic!("{other:?}"),
    }
    // qrpin's own findings are typed for the portal to word; Graph's errors are not.
    assert_eq!(outcomes[5].problem(), Some(ItemProblem::NoResponse));
    assert_eq!(outcomes[7].problem(), Some(ItemProblem::NoImage));
    assert_eq!(outcomes[6].problem(), None);
}

fn single_item_batch(response: Value) -> ItemOutcome {
    let batch = BatchRequest {
        requests: the_batch().requests.into_iter().take(1).collect(),
    };
    let mut response = response;
    response["id"] = json!("1");
    let body = json!({ "responses": [response] }).to_string();
    read_batch_response(&body, &batch).remove(0)
}

#[test]
fn throttling_without_a_usable_retry_after_waits_the_default() {
    for headers in [
        json!({}),
        json!({ "Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT" }),
        json!({ "Retry-After": "-3" }),
        json!({ "Retry-After": "NaN" }),
        json!(null),
    ] {
        assert_eq!(
            single_item_batch(json!({ "status": 429, "headers": headers })),
            ItemOutcome::Throttled {
                retry_after_seconds: DEFAULT_RETRY_AFTER_SECONDS
            },
            "{headers}"
        );
    }
    assert_eq!(
        single_item_batch(json!({ "status": 429, "headers": { "RETRY-AFTER": 3 } })),
        ItemOutcome::Throttled {
            retry_after_seconds: 3.0
        }
    );
}

#[test]
fn statuses_decide_what_may_be_retried() {
    let retriable = |status: u16, code: &str| {
        single_item_batch(json!({
            "status": status,
            "body": { "error": { "code": code, "message": "m" } }
        }))
        .is_retriable()
    };
    for status in [408, 424, 500, 502, 504] {
        assert!(retriable(status, "x"), "{status}");
    }
    for status in [400, 401, 403, 404, 405, 409, 412, 422] {
        assert!(!retriable(status, "badRequest"), "{status}");
    }
    assert!(retriable(409, "Directory_ConcurrencyViolation"));
    assert!(retriable(429, "TooManyRequests") && retriable(503, "serviceNotAvailable"));
}

#[test]
fn odd_but_readable_items_are_tolerated() {
    // Status as text, body base64-encoded as Graph does for non-JSON content types.
    let body = base64::engine::general_purpose::STANDARD
        .encode(json!({ "error": { "code": "accessDenied", "message": "no" } }).to_string());
    match single_item_batch(json!({ "status": "403", "body": body })) {
        ItemOutcome::Failed {
            status: Some(403),
            code,
            retriable: false,
            ..
        } => assert_eq!(code, "accessDenied"),
        other => panic!("{other:?}"),
    }
    // An error body that is not Graph's shape still gives the status.
    match single_item_batch(json!({ "status": 404, "body": "<html>gone</html>" })) {
        ItemOutcome::Failed {
            status: Some(404),
            code,
            ..
        } => assert_eq!(code, ""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unreadable_items_are_failures_never_panics() {
    match single_item_batch(json!({ "headers": {} })) {
        ItemOutcome::Failed {
            status: None,
            code,
            retriable: true,
            ..
        } => assert_eq!(code, UNREADABLE_RESPONSE_CODE),
        other => panic!("{other:?}"),
    }
    for status in [json!(70000), json!(-1), json!(true)] {
        assert!(matches!(
            single_item_batch(json!({ "status": status })),
            ItemOutcome::Failed { status: None, .. }
        ));
    }
    assert_eq!(
        single_item_batch(json!({ "headers": {} })).problem(),
        Some(ItemProblem::Unreadable)
    );
    assert_eq!(
        single_item_batch(json!({ "status": 201, "body": [1, 2] })).problem(),
        Some(ItemProblem::AcceptedButUnreadable)
    );
    // A 201 whose body is not a method: the code may exist, but nothing can be printed; not retried.
    match single_item_batch(json!({ "status": 201, "body": [1, 2] })) {
        ItemOutcome::Failed {
            status: Some(201),
            code,
            retriable: false,
            ..
        } => assert_eq!(code, UNREADABLE_RESPONSE_CODE),
        other => panic!("{other:?}"),
    }
}

#[test]
fn responses_for_unknown_or_repeated_ids_are_ignored() {
    let batch = BatchRequest {
        requests: the_batch().requests.into_iter().take(1).collect(),
    };
    let body = json!({ "responses": [
        { "id": "99", "status": 201 },
        { "id": "1", "status": 429, "headers": { "Retry-After": "1" } },
        { "id": "1", "status": 500 },
    ]})
    .to_string();
    assert_eq!(
        read_batch_response(&body, &batch),
        [ItemOutcome::Throttled {
            retry_after_seconds: 1.0
        }]
    );
}

#[test]
fn an_unreadable_batch_answer_fails_every_item_retriably() {
    let batch = the_batch();
    for body in ["", "<html>502 Bad Gateway</html>", "{\"value\": []}", "[]"] {
        let outcomes = read_batch_response(body, &batch);
        assert_eq!(outcomes.len(), 8);
        assert!(outcomes.iter().all(ItemOutcome::is_retriable), "{body}");
    }
    // A Graph error instead of `responses` keeps its code and request id.
    let error = fixture("../../tests/fixtures/graph/graph-error-shape-response.json");
    match &read_batch_response(&error, &batch)[0] {
        ItemOutcome::Failed {
            code, request_id, ..
        } => {
            assert_eq!(code, "invalidRange");
            assert_eq!(request_id.as_deref(), Some("request-id"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_throttled_batch_throttles_every_item() {
    let batch = the_batch();
    let body = fixture("../../tests/fixtures/graph/graph-throttling-429-response.json");
    let outcomes = read_batch_failure(Some(429), Some("2.128"), &body, &batch);
    assert_eq!(outcomes.len(), 8);
    assert!(outcomes.iter().all(|outcome| *outcome
        == ItemOutcome::Throttled {
            retry_after_seconds: 2.128
        }));
    match &read_batch_failure(Some(400), None, "{}", &batch)[0] {
        ItemOutcome::Failed {
            status: Some(400),
            retriable: false,
            ..
        } => {}
        other => panic!("{other:?}"),
    }
}

//! `$batch` bodies: at most 20 requests, relative URLs with encoded ids, Graph-shaped bodies, skipped users absent.

use chrono::{DateTime, TimeZone, Utc};
use qrpin::batch::{
    batches, plan, BadgeWindow, KnownMethod, PlannedUser, TeamMember, BATCH_PATH, MAX_BATCH_SIZE,
};
use serde_json::{json, Value};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap()
}

fn window() -> BadgeWindow {
    BadgeWindow {
        start: now(),
        expire: Utc.with_ymd_and_hms(2025, 12, 19, 12, 0, 0).unwrap(),
    }
}

fn member(id: &str, upn: &str, method: KnownMethod) -> TeamMember {
    TeamMember {
        id: id.into(),
        upn: upn.into(),
        display_name: "Someone".into(),
        method,
    }
}

fn planned(users: &[TeamMember]) -> Vec<PlannedUser> {
    plan(users, window(), now()).unwrap()
}

fn team(size: usize) -> Vec<TeamMember> {
    (0..size)
        .map(|index| {
            let method = if index % 3 == 0 {
                KnownMethod::NoActiveStandardCode
            } else {
                KnownMethod::NoMethod
            };
            member(
                &format!("00000000-0000-0000-0000-{index:012}"),
                &format!("worker{index}@contoso.com"),
                method,
            )
        })
        .collect()
}

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn put_and_patch_items_are_graph_shaped() {
    let users = [
        member(
            "7c4999f7-9c25-4f8e-8b84-766eb28a1b49",
            "adele@contoso.com",
            KnownMethod::NoMethod,
        ),
        member(
            "0b5c3c2e-58a4-4d8e-9f4a-2f0b6c1d7e90",
            "alex@contoso.com",
            KnownMethod::NoActiveStandardCode,
        ),
    ];
    let built = batches(&planned(&users), MAX_BATCH_SIZE);
    assert_eq!(built.len(), 1);
    assert_eq!(
        to_value(&built[0]),
        json!({
            "requests": [
                {
                    "id": "1",
                    "method": "PUT",
                    "url": "/users/7c4999f7-9c25-4f8e-8b84-766eb28a1b49/authentication/qrCodePinMethod",
                    "headers": { "Content-Type": "application/json" },
                    "body": {
                        "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethod",
                        "standardQRCode": {
                            "startDateTime": "2025-01-01T12:00:00Z",
                            "expireDateTime": "2025-12-19T12:00:00Z"
                        },
                        "pin": {}
                    }
                },
                {
                    "id": "2",
                    "method": "PATCH",
                    "url": "/users/0b5c3c2e-58a4-4d8e-9f4a-2f0b6c1d7e90/authentication/qrCodePinMethod/standardQRCode",
                    "headers": { "Content-Type": "application/json" },
                    "body": {
                        "@odata.type": "#microsoft.graph.qrCode",
                        "startDateTime": "2025-01-01T12:00:00Z",
                        "expireDateTime": "2025-12-19T12:00:00Z"
                    }
                }
            ]
        })
    );
    assert_eq!(BATCH_PATH, "/$batch");
}

#[test]
fn the_put_body_reads_back_as_the_create_request_the_emulator_expects() {
    let users = [member("1", "adele@contoso.com", KnownMethod::NoMethod)];
    let built = batches(&planned(&users), 20);
    let body = to_value(&built[0].requests[0].body).to_string();
    let request: qrpin::model::CreateMethodRequest = serde_json::from_str(&body).unwrap();
    assert_eq!(
        request.standard_qr_code.start_date_time,
        Some(window().start)
    );
    assert_eq!(
        request.standard_qr_code.expire_date_time,
        Some(window().expire)
    );
    // Entra generates the PIN: a pin object without a code.
    assert_eq!(request.pin.and_then(|pin| pin.code), None);
}

#[test]
fn at_most_twenty_requests_per_batch_with_ids_unique_across_the_run() {
    let planned = planned(&team(45));
    let built = batches(&planned, MAX_BATCH_SIZE);
    let sizes: Vec<usize> = built.iter().map(|batch| batch.requests.len()).collect();
    assert_eq!(sizes, [20, 20, 5]);
    let ids: Vec<String> = built
        .iter()
        .flat_map(|batch| batch.requests.iter().map(|item| item.id.clone()))
        .collect();
    let expected: Vec<String> = (1..=45).map(|n| n.to_string()).collect();
    assert_eq!(ids, expected);
    // Plan order is kept, and each item knows its user.
    let upns: Vec<&str> = built
        .iter()
        .flat_map(|batch| {
            batch
                .requests
                .iter()
                .map(|item| item.user.member.upn.as_str())
        })
        .collect();
    let planned_upns: Vec<&str> = planned.iter().map(|p| p.member.upn.as_str()).collect();
    assert_eq!(upns, planned_upns);
    assert_eq!(MAX_BATCH_SIZE, 20);
}

#[test]
fn the_batch_size_is_clamped_to_what_graph_accepts() {
    let planned = planned(&team(45));
    assert_eq!(batches(&planned, 100).len(), 3);
    assert_eq!(batches(&planned, 0).len(), 45);
    assert_eq!(batches(&planned, 7).len(), 7);
    assert!(batches(&[], 20).is_empty());
}

#[test]
fn skipped_users_send_nothing() {
    let users = [
        member("1", "adele@contoso.com", KnownMethod::ActiveStandardCode),
        member("2", "", KnownMethod::NoMethod),
        member("3", "alex@contoso.com", KnownMethod::Unknown),
        member("4", "diego@contoso.com", KnownMethod::NoMethod),
        member("5", "DIEGO@contoso.com", KnownMethod::NoMethod),
    ];
    let built = batches(&planned(&users), 20);
    assert_eq!(built.len(), 1);
    assert_eq!(built[0].requests.len(), 1);
    assert_eq!(built[0].requests[0].user.member.id, "4");
    assert!(batches(&planned(&users[..3]), 20).is_empty());
}

#[test]
fn ids_and_upns_stay_one_path_segment() {
    let users = [
        member("", "o'neil#1@contoso.com", KnownMethod::NoMethod),
        member("a/b c", "x@contoso.com", KnownMethod::NoActiveStandardCode),
        member("", "zoë@contoso.com", KnownMethod::NoMethod),
    ];
    let built = batches(&planned(&users), 20);
    let urls: Vec<&str> = built[0]
        .requests
        .iter()
        .map(|item| item.url.as_str())
        .collect();
    assert_eq!(
        urls,
        [
            "/users/o%27neil%231%40contoso.com/authentication/qrCodePinMethod",
            "/users/a%2Fb%20c/authentication/qrCodePinMethod/standardQRCode",
            "/users/zo%C3%AB%40contoso.com/authentication/qrCodePinMethod",
        ]
    );
}

#[test]
fn the_user_is_not_sent_to_graph() {
    let users = [member("1", "adele@contoso.com", KnownMethod::NoMethod)];
    let built = batches(&planned(&users), 20);
    let item = to_value(&built[0].requests[0]);
    let mut keys: Vec<&str> = item
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["body", "headers", "id", "method", "url"]);
    assert!(built[0].item("1").is_some() && built[0].item("2").is_none());
}

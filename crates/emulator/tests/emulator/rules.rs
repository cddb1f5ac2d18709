//! Every rule with its boundary values: lifetimes (1 day / 395 days, 1 h / 12 h), dates, PIN length (policy
//! minimum and 20), PIN patterns, cardinality and malformed bodies.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::common::*;

async fn create_standard(app: &TestApp, start: DateTime<Utc>, expire: DateTime<Utc>) -> u16 {
    // Alex has no method, so PUT exercises the standard-code rules at creation.
    let body = json!({ "standardQRCode": { "startDateTime": iso(start), "expireDateTime": iso(expire) }, "pin": { "code": "40617293" } });
    let response = app
        .call(
            "PUT",
            &user_method(ALEX),
            Some(&app.token(MEGAN)),
            Some(body),
        )
        .await;
    if response.status != 201 {
        assert_eq!(response.error_code(), "badRequest");
    }
    response.status.as_u16()
}

#[tokio::test]
async fn standard_lifetime_is_1_to_395_days() {
    let cases = [
        (Duration::days(1) - Duration::seconds(1), 400),
        (Duration::days(1), 201),
        (Duration::days(395), 201),
        (Duration::days(395) + Duration::seconds(1), 400),
    ];
    for (lifetime, expected) in cases {
        let app = TestApp::new();
        let start = app.now() + Duration::minutes(5);
        assert_eq!(
            create_standard(&app, start, start + lifetime).await,
            expected,
            "lifetime {lifetime}"
        );
    }
}

#[tokio::test]
async fn start_must_precede_expiry_and_expiry_must_be_future() {
    let app = TestApp::new();
    let now = app.now();
    assert_eq!(
        create_standard(&app, now + Duration::days(2), now + Duration::days(2)).await,
        400
    );
    assert_eq!(
        create_standard(&app, now + Duration::days(3), now + Duration::days(2)).await,
        400
    );
    // A start in the past is accepted (the reference example does it) as long as expiry is ahead.
    assert_eq!(
        create_standard(&app, now - Duration::days(30), now - Duration::seconds(1)).await,
        400
    );
    assert_eq!(
        create_standard(&app, now - Duration::days(30), now + Duration::days(30)).await,
        201
    );
}

#[tokio::test]
async fn standard_expiry_update_is_bounded_from_the_original_start() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let path = format!("{ME_METHOD}/standardQRCode");
    let current = app.get(&path, &token).await.json();
    let start = DateTime::parse_from_rfc3339(current["startDateTime"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc);
    let patch = |expire: DateTime<Utc>| json!({ "expireDateTime": expire.to_rfc3339() });
    let over = app
        .call(
            "PATCH",
            &path,
            Some(&token),
            Some(patch(start + Duration::days(395) + Duration::seconds(1))),
        )
        .await;
    assert_eq!(over.status, 400);
    let at = app
        .call(
            "PATCH",
            &path,
            Some(&token),
            Some(patch(start + Duration::days(395))),
        )
        .await;
    assert_eq!(at.status, 200, "{}", at.text());
    let past = app
        .call(
            "PATCH",
            &path,
            Some(&token),
            Some(patch(app.now() - Duration::seconds(1))),
        )
        .await;
    assert_eq!(past.status, 400);
    let moved_start = app
        .call("PATCH", &path, Some(&token), Some(json!({ "startDateTime": iso(app.now()), "expireDateTime": iso(app.now() + Duration::days(10)) })))
        .await;
    assert_eq!(moved_start.status, 400, "only expireDateTime may change");
}

/// A renewal run extends badges through `$batch`: each item meets the same bound as a direct PATCH.
#[tokio::test]
async fn standard_expiry_update_in_a_batch_is_bounded_the_same_way() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let current = app
        .get(&format!("{ME_METHOD}/standardQRCode"), &token)
        .await
        .json();
    let start = DateTime::parse_from_rfc3339(current["startDateTime"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc);
    let extend = |id: &str, expire: DateTime<Utc>| {
        json!({ "id": id, "method": "PATCH", "url": "/me/authentication/qrCodePinMethod/standardQRCode",
                "headers": { "Content-Type": "application/json" }, "body": { "expireDateTime": iso(expire) } })
    };
    let first_answer = |requests: Vec<Value>| {
        let app = &app;
        let token = &token;
        async move {
            let answer = app
                .call(
                    "POST",
                    "/beta/$batch",
                    Some(token),
                    Some(json!({ "requests": requests })),
                )
                .await;
            assert_eq!(answer.status, 200, "{}", answer.text());
            answer.json()["responses"][0].clone()
        }
    };
    let over = first_answer(vec![extend(
        "1",
        start + Duration::days(395) + Duration::seconds(1),
    )])
    .await;
    assert_eq!(over["status"], 400, "{over}");
    let at = first_answer(vec![extend("2", start + Duration::days(395))]).await;
    assert_eq!(at["status"], 200, "{at}");
    // The PATCH carried whole seconds (`iso`), so the stored expiry reads back as that text.
    let stored = app
        .get(&format!("{ME_METHOD}/standardQRCode"), &token)
        .await
        .json();
    let stored = DateTime::parse_from_rfc3339(stored["expireDateTime"].as_str().unwrap()).unwrap();
    assert_eq!(
        iso(stored.with_timezone(&Utc)),
        iso(start + Duration::days(395))
    );
}

#[tokio::test]
async fn temporary_lifetime_is_1_to_12_hours() {
    let cases = [
        (Duration::hours(1) - Duration::seconds(1), 400),
        (Duration::hours(1), 201),
        (Duration::hours(12), 201),
        (Duration::hours(12) + Duration::seconds(1), 400),
    ];
    for (lifetime, expected) in cases {
        let app = TestApp::new();
        let start = app.now() + Duration::minutes(1);
        let body = json!({ "startDateTime": iso(start), "expireDateTime": iso(start + lifetime) });
        let response = app
            .call(
                "PATCH",
                &format!("{ME_METHOD}/temporaryQRCode"),
                Some(&app.token(ADELE)),
                Some(body),
            )
            .await;
        assert_eq!(
            response.status.as_u16(),
            expected,
            "lifetime {lifetime}: {}",
            response.text()
        );
    }
}

async fn update_pin(app: &TestApp, new_pin: &str) -> (u16, String) {
    let body = json!({ "currentPin": ADELE_PIN, "newPin": new_pin });
    let response = app
        .call(
            "POST",
            &format!("{ME_METHOD}/pin/updatePin"),
            Some(&app.token(ADELE)),
            Some(body),
        )
        .await;
    let message = if response.status == 204 {
        String::new()
    } else {
        response.json()["error"]["message"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    (response.status.as_u16(), message)
}

#[tokio::test]
async fn pin_length_is_8_to_20_digits() {
    let cases = [
        ("5820391", 400),
        ("47392018", 204),
        ("58203914736182950471", 204),
        ("582039147361829504713", 400),
    ];
    for (pin, expected) in cases {
        let app = TestApp::new();
        assert_eq!(update_pin(&app, pin).await.0, expected, "{pin}");
    }
}

#[tokio::test]
async fn pin_patterns_are_refused() {
    let cases = [
        ("4729a018", "digits"),
        ("4729 0183", "digits"),
        ("40123456789", "0123456789"),
        ("49876543210", "9876543210"),
        ("47121212", "repeat"),
        ("48123123", "repeat"),
        ("34234251", "repeat"),
    ];
    for (pin, reason) in cases {
        let app = TestApp::new();
        let (status, message) = update_pin(&app, pin).await;
        assert_eq!(status, 400, "{pin}");
        assert!(
            message.starts_with("Invalid PIN."),
            "{pin}: {message} ({reason})"
        );
    }
    // Near misses are fine: a 9-digit run, a 2-digit group twice, a 3-digit group once.
    for pin in ["01234567", "12124789", "12348123"] {
        let app = TestApp::new();
        assert_eq!(update_pin(&app, pin).await.0, 204, "{pin}");
    }
}

#[tokio::test]
async fn policy_pin_length_raises_the_minimum() {
    let app = TestApp::new();
    app.emulator
        .store
        .write(|d| {
            d.policy.pin_length = 10;
            Ok::<(), ()>(())
        })
        .unwrap();
    assert_eq!(update_pin(&app, "472930185").await.0, 400);
    assert_eq!(update_pin(&app, "4729301856").await.0, 204);
    let reset = app
        .call(
            "PATCH",
            &format!("{}/pin", user_method(ISAIAH)),
            Some(&app.token(MEGAN)),
            None,
        )
        .await;
    assert_eq!(reset.json()["code"].as_str().unwrap().len(), 10);
}

#[tokio::test]
async fn new_pin_must_differ_and_be_valid_in_put() {
    let app = TestApp::new();
    assert_eq!(update_pin(&app, ADELE_PIN).await.0, 400);
    let body = json!({ "standardQRCode": { "startDateTime": iso(app.now()), "expireDateTime": iso(app.now() + Duration::days(5)) }, "pin": { "code": "1212121212" } });
    let response = app
        .call(
            "PUT",
            &user_method(ALEX),
            Some(&app.token(MEGAN)),
            Some(body),
        )
        .await;
    assert_eq!(response.status, 400);
}

#[tokio::test]
async fn one_method_per_user_and_one_active_code_of_each_kind() {
    let app = TestApp::new();
    let admin = app.token(MEGAN);
    let now = app.now();
    let body = json!({ "standardQRCode": { "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(10)) } });
    let conflict = app
        .call("PUT", &user_method(ADELE), Some(&admin), Some(body.clone()))
        .await;
    assert_eq!(conflict.status, 400);
    assert!(conflict.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("already"));
    // Lynne's badge expired but her temporary code is active: the method is still usable.
    assert_eq!(
        app.call("PUT", &user_method(LYNNE), Some(&admin), Some(body.clone()))
            .await
            .status,
        400
    );
    // Once every code has expired a new method may be added.
    app.emulator.clock.advance(Duration::hours(8));
    let admin = app.token(MEGAN);
    let now = app.now();
    let body = json!({ "standardQRCode": { "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(10)) } });
    assert_eq!(
        app.call("PUT", &user_method(LYNNE), Some(&admin), Some(body))
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn disabled_policy_blocks_creation_but_not_reads() {
    let app = TestApp::new();
    app.emulator
        .store
        .write(|d| {
            d.policy.state = "disabled".into();
            Ok::<(), ()>(())
        })
        .unwrap();
    let admin = app.token(MEGAN);
    let now = app.now();
    let body = json!({ "standardQRCode": { "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(10)) } });
    assert_eq!(
        app.call("PUT", &user_method(ALEX), Some(&admin), Some(body))
            .await
            .status,
        400
    );
    assert_eq!(app.get(&user_method(ADELE), &admin).await.status, 200);
}

#[tokio::test]
async fn malformed_bodies_are_400() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let temporary = format!("{ME_METHOD}/temporaryQRCode");
    let now = app.now();
    let cases: Vec<(String, &str)> = vec![
        ("{\"startDateTime\": ".to_string(), "truncated JSON"),
        (format!("{{\"startDateTime\":\"{}\",\"expireDateTime\":\"{}\",}}", iso(now), iso(now + Duration::hours(2))), "trailing comma"),
        ("[]".to_string(), "not an object"),
        (json!({ "startDateTime": iso(now), "expireDateTime": iso(now + Duration::hours(2)), "colour": "red" }).to_string(), "unknown property"),
        (json!({ "startDateTime": iso(now), "expireDateTime": iso(now + Duration::hours(2)), "id": "x" }).to_string(), "read-only property"),
        (json!({ "startDateTime": 12, "expireDateTime": iso(now + Duration::hours(2)) }).to_string(), "wrong type"),
        (json!({ "startDateTime": "tomorrow", "expireDateTime": iso(now + Duration::hours(2)) }).to_string(), "bad date"),
        (json!({ "@odata.type": "#microsoft.graph.qrPin", "startDateTime": iso(now), "expireDateTime": iso(now + Duration::hours(2)) }).to_string(), "wrong @odata.type"),
        (json!({ "expireDateTime": iso(now + Duration::hours(2)) }).to_string(), "missing start on create"),
    ];
    for (body, what) in cases {
        let response = app
            .call_raw("PATCH", &temporary, Some(&token), Some(&body))
            .await;
        assert_eq!(response.status, 400, "{what}: {}", response.text());
        let code = response.error_code();
        assert!(
            code == "badRequest" || code == "BadRequest",
            "{what}: {code}"
        );
    }
    let update = format!("{ME_METHOD}/pin/updatePin");
    for body in [
        json!({ "currentPin": ADELE_PIN }),
        json!({ "currentPin": 58203914, "newPin": "47392018" }),
        json!({ "currentPin": ADELE_PIN, "newPin": "47392018", "extra": 1 }),
    ] {
        let response = app
            .call("POST", &update, Some(&token), Some(body.clone()))
            .await;
        assert_eq!(response.status, 400, "{body}");
    }
    let put_temporary: Value = json!({ "standardQRCode": { "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(2)) }, "temporaryQRCode": {} });
    assert_eq!(
        app.call(
            "PUT",
            &user_method(ALEX),
            Some(&app.token(MEGAN)),
            Some(put_temporary)
        )
        .await
        .status,
        400
    );
}

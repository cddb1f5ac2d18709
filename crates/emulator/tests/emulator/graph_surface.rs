//! Every Graph operation's happy path and response shape.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::Duration;
use qrpin::model::{ErrorCorrectionLevel, QrCodeImage};
use serde_json::{json, Value};

use crate::common::*;

#[tokio::test]
async fn me_and_users_by_id_or_upn() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let me = app.get("/beta/me", &token).await;
    assert_eq!(me.status, 200);
    let me = me.json();
    assert_eq!(me["userPrincipalName"], ADELE);
    assert_eq!(me["jobTitle"], "Retail Associate");
    let id = me["id"].as_str().unwrap().to_string();
    let by_id = app.get(&format!("/v1.0/users/{id}"), &token).await;
    assert_eq!(by_id.json()["displayName"], "Adele Vance");
    let admin = app.token(MEGAN);
    let by_upn = app
        .get(
            &format!("/v1.0/users/{}", "Adele.Vance%40contoso.com"),
            &admin,
        )
        .await;
    assert_eq!(by_upn.status, 200);
    assert_eq!(by_upn.json()["id"], id);
    let missing = app.get("/beta/users/nobody@contoso.com", &admin).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.error_code(), "Request_ResourceNotFound");
}

#[tokio::test]
async fn get_method_inlines_children_without_secrets() {
    let app = TestApp::new();
    let response = app.get(ME_METHOD, &app.token(ADELE)).await;
    assert_eq!(response.status, 200);
    let method = response.json();
    assert_eq!(
        method["@odata.type"],
        "#microsoft.graph.qrCodePinAuthenticationMethod"
    );
    assert!(method["@odata.context"]
        .as_str()
        .unwrap()
        .contains("/beta/$metadata#users('"));
    assert!(method["standardQRCode"]["image"].is_null());
    assert!(method["temporaryQRCode"].is_null());
    assert!(method["pin"]["code"].is_null());
    assert_eq!(method["pin"]["forceChangePinNextSignIn"], true);
    assert_eq!(
        method["standardQRCode"]["lastUsedDateTime"],
        "0001-01-01T00:00:00Z"
    );
    // v1.0's authenticationMethod has no lastUsedDateTime.
    let v1 = app
        .get("/v1.0/me/authentication/qrCodePinMethod", &app.token(ADELE))
        .await
        .json();
    assert!(v1.get("lastUsedDateTime").is_none());
    let lynne = app.get(ME_METHOD, &app.token(LYNNE)).await.json();
    assert!(lynne["temporaryQRCode"]["id"].is_string());
    assert!(lynne["temporaryQRCode"]["image"].is_null());
}

#[tokio::test]
async fn missing_method_and_code_are_item_not_found() {
    let app = TestApp::new();
    let response = app.get(ME_METHOD, &app.token(ALEX)).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.error_code(), "itemNotFound");
    let temporary = app
        .get(&format!("{ME_METHOD}/temporaryQRCode"), &app.token(ADELE))
        .await;
    assert_eq!(temporary.status, 404);
    assert_eq!(temporary.error_code(), "itemNotFound");
}

fn decode(text: &str) -> Vec<u8> {
    STANDARD.decode(text).expect("base64")
}

/// The image follows the documented payload, and its version/level are the ones really used.
fn assert_real_qr(image: &Value, upn: &str, code_id: &str) {
    let raw = String::from_utf8(decode(image["rawContent"].as_str().unwrap())).unwrap();
    let prefix = format!("ms-qrpin:v1|{upn}|{code_id}|");
    assert!(raw.starts_with(&prefix), "{raw}");
    assert!(raw.len() > prefix.len() + 30, "secret present");
    assert_eq!(image["errorCorrectionLevel"], "m");
    let version = image["version"].as_i64().unwrap() as i16;
    let smallest = qrpin::qr::smallest_version(raw.as_bytes(), ErrorCorrectionLevel::M, 1).unwrap();
    assert_eq!(version, smallest);
    let svg = String::from_utf8(decode(image["binaryValue"].as_str().unwrap())).unwrap();
    assert!(svg.starts_with("<svg"), "{svg}");
    let details = QrCodeImage {
        binary_value: None,
        error_correction_level: ErrorCorrectionLevel::M,
        raw_content: image["rawContent"].as_str().unwrap().to_string(),
        version: Some(i32::from(version)),
    };
    let matrix = qrpin::qr::matrix_from_image(&details).expect("decodable");
    assert!(
        svg.contains(&qrpin::qr::svg_path_data(&matrix)),
        "SVG draws the same symbol"
    );
}

#[tokio::test]
async fn put_creates_method_with_image_and_pin_once() {
    let app = TestApp::new();
    let admin = app.token(MEGAN);
    let now = app.now();
    let body = json!({
        "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethod",
        "standardQRCode": { "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(365)) },
        "pin": { "code": "40617293" }
    });
    let response = app
        .call("PUT", &user_method(ALEX), Some(&admin), Some(body))
        .await;
    assert_eq!(response.status, 201, "{}", response.text());
    assert!(response
        .header("location")
        .unwrap()
        .ends_with("/authentication/qrCodePinMethod"));
    let created = response.json();
    assert_eq!(created["pin"]["code"], "40617293");
    assert_eq!(created["pin"]["forceChangePinNextSignIn"], true);
    assert!(created["temporaryQRCode"].is_null());
    let standard = &created["standardQRCode"];
    assert_real_qr(&standard["image"], ALEX, standard["id"].as_str().unwrap());
    // Afterwards neither secret is returned again.
    let again = app.get(&user_method(ALEX), &admin).await.json();
    assert!(again["standardQRCode"]["image"].is_null());
    assert!(again["pin"]["code"].is_null());
    assert_eq!(again["id"], created["id"]);
}

#[tokio::test]
async fn put_without_pin_code_generates_a_valid_pin_of_policy_length() {
    let app = TestApp::new();
    let now = app.now();
    let body = json!({ "standardQRCode": { "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(30)) } });
    let response = app
        .call(
            "PUT",
            &user_method(ALEX),
            Some(&app.token(MEGAN)),
            Some(body),
        )
        .await;
    assert_eq!(response.status, 201);
    let code = response.json()["pin"]["code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 8);
    assert!(qrpin::rules::check_pin(&code, 8).is_empty(), "{code}");
}

#[tokio::test]
async fn delete_method_then_get_is_404() {
    let app = TestApp::new();
    let admin = app.token(MEGAN);
    assert_eq!(
        app.call("DELETE", &user_method(ADELE), Some(&admin), None)
            .await
            .status,
        204
    );
    assert_eq!(app.get(&user_method(ADELE), &admin).await.status, 404);
    assert_eq!(
        app.call("DELETE", &user_method(ADELE), Some(&admin), None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn standard_code_get_update_delete_create() {
    let app = TestApp::new();
    let admin = app.token(MEGAN);
    let path = format!("{}/standardQRCode", user_method(ADELE));
    let current = app.get(&path, &admin).await;
    assert_eq!(current.status, 200);
    let current = current.json();
    assert!(current["@odata.context"].is_string());
    assert!(current.get("value").is_none(), "unwrapped entity");
    let new_expiry = app.now() + Duration::days(100);
    let updated = app
        .call("PATCH", &path, Some(&admin), Some(json!({ "@odata.type": "#microsoft.graph.qrCode", "expireDateTime": iso(new_expiry) })))
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text());
    let updated = updated.json();
    assert_eq!(updated["expireDateTime"], iso(new_expiry));
    assert_eq!(updated["id"], current["id"]);
    assert!(updated["image"].is_null());
    assert_eq!(
        app.call("DELETE", &path, Some(&admin), None).await.status,
        204
    );
    assert_eq!(app.get(&path, &admin).await.status, 404);
    let now = app.now();
    let created = app
        .call("PATCH", &path, Some(&admin), Some(json!({ "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(365)) })))
        .await;
    assert_eq!(created.status, 201);
    let created = created.json();
    assert_ne!(created["id"], current["id"]);
    assert_real_qr(&created["image"], ADELE, created["id"].as_str().unwrap());
    // The PIN survives replacing the badge.
    let method = app.get(&user_method(ADELE), &admin).await.json();
    assert_eq!(method["pin"]["forceChangePinNextSignIn"], true);
}

#[tokio::test]
async fn expired_standard_code_is_replaced_by_patch() {
    let app = TestApp::new();
    let token = app.token(LYNNE);
    let path = format!("{ME_METHOD}/standardQRCode");
    let old = app.get(&path, &token).await.json();
    let now = app.now();
    let response = app
        .call("PATCH", &path, Some(&token), Some(json!({ "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(200)) })))
        .await;
    assert_eq!(response.status, 201, "{}", response.text());
    assert_ne!(response.json()["id"], old["id"]);
}

#[tokio::test]
async fn temporary_code_lifecycle() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let path = format!("{ME_METHOD}/temporaryQRCode");
    let now = app.now();
    let window = json!({ "@odata.type": "#microsoft.graph.qrCode", "startDateTime": iso(now), "expireDateTime": iso(now + Duration::hours(8)) });
    let created = app
        .call("PATCH", &path, Some(&token), Some(window.clone()))
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let created = created.json();
    assert_real_qr(&created["image"], ADELE, created["id"].as_str().unwrap());
    assert!(created["@odata.context"]
        .as_str()
        .unwrap()
        .ends_with("/temporaryQRCode/$entity"));
    let fetched = app.get(&path, &token).await.json();
    assert_eq!(fetched["id"], created["id"]);
    assert!(fetched["image"].is_null());
    // Temporary codes cannot be edited or doubled.
    let again = app
        .call("PATCH", &path, Some(&token), Some(window.clone()))
        .await;
    assert_eq!(again.status, 400);
    assert_eq!(again.error_code(), "badRequest");
    let edit = app
        .call(
            "PATCH",
            &path,
            Some(&token),
            Some(json!({ "expireDateTime": iso(now + Duration::hours(2)) })),
        )
        .await;
    assert_eq!(edit.status, 400);
    assert_eq!(
        app.call("DELETE", &path, Some(&token), None).await.status,
        204
    );
    assert_eq!(
        app.call("PATCH", &path, Some(&token), Some(window))
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn expired_temporary_code_can_be_replaced() {
    let app = TestApp::new();
    let path = format!("{ME_METHOD}/temporaryQRCode");
    app.emulator.clock.advance(Duration::hours(8));
    let token = app.token(LYNNE);
    let now = app.now();
    let response = app
        .call("PATCH", &path, Some(&token), Some(json!({ "startDateTime": iso(now), "expireDateTime": iso(now + Duration::hours(1)) })))
        .await;
    assert_eq!(response.status, 201, "{}", response.text());
}

#[tokio::test]
async fn admin_pin_reset_returns_a_new_temporary_pin() {
    let app = TestApp::new();
    let admin = app.token(MEGAN);
    let path = format!("{}/pin", user_method(ISAIAH));
    let response = app
        .call(
            "PATCH",
            &path,
            Some(&admin),
            Some(json!({ "@odata.type": "#microsoft.graph.qrPin" })),
        )
        .await;
    assert_eq!(response.status, 201, "{}", response.text());
    let pin = response.json();
    let code = pin["code"].as_str().unwrap();
    assert!(qrpin::rules::check_pin(code, 8).is_empty());
    assert_eq!(pin["forceChangePinNextSignIn"], true);
    let get = app.get(&path, &admin).await.json();
    assert!(get["code"].is_null());
    assert_eq!(get["forceChangePinNextSignIn"], true);
    // An empty body (as in the Entra how-to) is accepted too.
    let empty = app.call_raw("PATCH", &path, Some(&admin), None).await;
    assert_eq!(empty.status, 201);
}

#[tokio::test]
async fn update_pin_accepts_post_and_patch_and_clears_force_change() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let path = format!("{ME_METHOD}/pin/updatePin");
    let response = app
        .call(
            "POST",
            &path,
            Some(&token),
            Some(json!({ "currentPin": ADELE_PIN, "newPin": "47392018" })),
        )
        .await;
    assert_eq!(response.status, 204, "{}", response.text());
    assert!(response.body.is_empty());
    let method = app.get(ME_METHOD, &token).await.json();
    assert_eq!(method["pin"]["forceChangePinNextSignIn"], false);
    let patch = app
        .call(
            "PATCH",
            &path,
            Some(&token),
            Some(json!({ "currentPin": "47392018", "newPin": "95017362" })),
        )
        .await;
    assert_eq!(patch.status, 204);
    let wrong = app
        .call(
            "POST",
            &path,
            Some(&token),
            Some(json!({ "currentPin": "47392018", "newPin": "61839205" })),
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.error_code(), "badRequest");
    assert!(wrong.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("current PIN"));
}

#[tokio::test]
async fn not_yet_valid_badge_counts_as_live() {
    // Grady's badge starts tomorrow: PATCH updates its expiry rather than creating a second standard code.
    let app = TestApp::new();
    let token = app.token(GRADY);
    let path = format!("{ME_METHOD}/standardQRCode");
    let current = app.get(&path, &token).await.json();
    let start =
        chrono::DateTime::parse_from_rfc3339(current["startDateTime"].as_str().unwrap()).unwrap();
    let expire = start + Duration::days(30);
    let response = app
        .call(
            "PATCH",
            &path,
            Some(&token),
            Some(json!({ "expireDateTime": expire.to_rfc3339() })),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.json()["id"], current["id"]);
}

#[tokio::test]
async fn lynne_changes_her_pin_with_the_seeded_one() {
    let app = TestApp::new();
    let body = json!({ "currentPin": LYNNE_PIN, "newPin": "61839205" });
    let response = app
        .call(
            "POST",
            &format!("{ME_METHOD}/pin/updatePin"),
            Some(&app.token(LYNNE)),
            Some(body),
        )
        .await;
    assert_eq!(response.status, 204);
}

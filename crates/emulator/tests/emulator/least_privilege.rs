//! Least privilege: what an employee's sign-in token (the self-service scopes only) may do, what the
//! scopes added later on `/pin` and `/admin` open, and incremental consent through `/authorize`.

use axum::body::Body;
use axum::http::Request;
use chrono::Duration;
use serde_json::{json, Value};

use crate::common::*;
use crate::oidc_flow::*;

const SELF_SERVICE: &[&str] = &["User.Read", "UserAuthMethod-QR.ReadWrite"];
const PIN: &str = "Directory.AccessAsUser.All";
const ADMIN: &[&str] = &[
    "UserAuthMethod-QR.ReadWrite.All",
    "User.Read.All",
    "GroupMember.Read.All",
    "Policy.Read.AuthenticationMethod",
];
const SIGN_IN: &str = "openid profile offline_access https://graph.microsoft.com/User.Read https://graph.microsoft.com/UserAuthMethod-QR.ReadWrite";
const ADMIN_FULL: &str = "https://graph.microsoft.com/UserAuthMethod-QR.ReadWrite.All https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/GroupMember.Read.All https://graph.microsoft.com/Policy.Read.AuthenticationMethod";

fn with(base: &[&'static str], extra: &[&'static str]) -> Vec<&'static str> {
    base.iter().chain(extra).copied().collect()
}

fn create_body(app: &TestApp) -> Value {
    let now = app.now();
    json!({ "standardQRCode": { "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(30)) } })
}

/// The Graph requests only an administrator's token may make (another person, search, groups).
fn others_requests() -> Vec<String> {
    vec![
        format!("/beta/users/{ALEX}"),
        "/beta/users?$filter=startswith(displayName,'A')".to_string(),
        "/beta/groups?$filter=startswith(displayName,'Store')".to_string(),
        format!("/beta/groups/{TEAM_GROUP}/members"),
        user_method(ALEX),
    ]
}

#[tokio::test]
async fn an_employees_sign_in_token_reaches_only_the_employee() {
    let app = TestApp::new();
    let token = app.token_with(MEGAN, Some(SELF_SERVICE), Duration::zero());
    for path in others_requests() {
        let refused = app.get(&path, &token).await;
        assert_eq!(refused.status, 403, "{path}: {}", refused.text());
        assert_eq!(
            refused.error_code(),
            "Authorization_RequestDenied",
            "{path}"
        );
    }
    let write = app
        .call(
            "PUT",
            &user_method(ALEX),
            Some(&token),
            Some(create_body(&app)),
        )
        .await;
    assert_eq!(write.status, 403);
    // Their own profile and method work.
    assert_eq!(app.get("/beta/me", &token).await.status, 200);
    let adele = app.token_with(ADELE, Some(SELF_SERVICE), Duration::zero());
    assert_eq!(app.get(ME_METHOD, &adele).await.status, 200);
    // Changing the PIN needs the scope the portal adds on /pin.
    let update = app
        .call(
            "POST",
            &format!("{ME_METHOD}/pin/updatePin"),
            Some(&adele),
            Some(json!({ "currentPin": ADELE_PIN, "newPin": "47392018" })),
        )
        .await;
    assert_eq!(update.status, 403);
}

#[tokio::test]
async fn batch_writes_for_others_need_the_all_scopes() {
    let app = TestApp::new();
    let body = json!({ "requests": [
        { "id": "1", "method": "PUT", "url": format!("/users/{ALEX}/authentication/qrCodePinMethod"),
          "headers": { "Content-Type": "application/json" }, "body": create_body(&app) },
        { "id": "2", "method": "GET", "url": format!("/users/{ADELE}/authentication/qrCodePinMethod") },
    ]});
    let statuses = |response: &TestResponse| -> Vec<(String, u64, Value)> {
        let mut items: Vec<(String, u64, Value)> = response.json()["responses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let id = r["id"].as_str().unwrap().to_string();
                (id, r["status"].as_u64().unwrap(), r["body"].clone())
            })
            .collect();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        items
    };
    // Megan holds the role, but her employee token lacks the scopes: Graph says no.
    let employee = app.token_with(MEGAN, Some(SELF_SERVICE), Duration::zero());
    let refused = app
        .call("POST", "/beta/$batch", Some(&employee), Some(body.clone()))
        .await;
    assert_eq!(refused.status, 200);
    for (id, status, body) in statuses(&refused) {
        assert_eq!(status, 403, "item {id}");
        assert_eq!(body["error"]["code"], "Authorization_RequestDenied");
    }
    let admin = app.token_with(MEGAN, Some(&with(SELF_SERVICE, ADMIN)), Duration::zero());
    let done = app
        .call("POST", "/beta/$batch", Some(&admin), Some(body))
        .await;
    let items = statuses(&done);
    assert_eq!(items[0].1, 201, "{:?}", items[0].2);
    assert_eq!(items[1].1, 200);
}

#[tokio::test]
async fn the_pin_scope_reads_the_directory_but_not_other_peoples_methods() {
    let app = TestApp::new();
    let token = app.token_with(ISAIAH, Some(&with(SELF_SERVICE, &[PIN])), Duration::zero());
    // Graph's own semantics: Directory.AccessAsUser.All acts as the person, who may read users.
    assert_eq!(
        app.get(&format!("/beta/users/{ALEX}"), &token).await.status,
        200
    );
    let method = app.get(&user_method(ALEX), &token).await;
    assert_eq!(method.status, 403);
    let write = app
        .call(
            "PUT",
            &user_method(ALEX),
            Some(&token),
            Some(create_body(&app)),
        )
        .await;
    assert_eq!(write.status, 403);
}

/// A silent (`prompt=none`) authorization for `upn` asking for `scope`; the token response.
async fn silent_with_scope(app: &TestApp, upn: &str, scope: &str) -> Value {
    let response = authorize(
        app,
        &[("prompt", "none"), ("login_hint", upn), ("scope", scope)],
        None,
    )
    .await;
    let code = param(&redirect_params(&response), "code").expect("code");
    redeem(app, &code).await.json()
}

fn scp(tokens: &Value) -> Vec<String> {
    claims(tokens["access_token"].as_str().unwrap())["scp"]
        .as_str()
        .unwrap()
        .split(' ')
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn incremental_consent_grants_what_the_second_round_trip_asks_for() {
    let app = TestApp::new();
    let first = silent_with_scope(&app, MEGAN, SIGN_IN).await;
    assert_eq!(scp(&first), SELF_SERVICE);
    let second = silent_with_scope(&app, MEGAN, &format!("{SIGN_IN} {ADMIN_FULL}")).await;
    assert_eq!(scp(&second), with(SELF_SERVICE, ADMIN));
    assert!(second["scope"]
        .as_str()
        .unwrap()
        .contains("https://graph.microsoft.com/User.Read.All"));
    // The refresh token keeps the grant when the renewal asks for the same scopes.
    let renewed = token_request(
        &app,
        &[
            ("client_id", CLIENT),
            ("grant_type", "refresh_token"),
            ("refresh_token", second["refresh_token"].as_str().unwrap()),
            ("scope", &format!("{SIGN_IN} {ADMIN_FULL}")),
        ],
        true,
    )
    .await
    .json();
    assert_eq!(scp(&renewed), with(SELF_SERVICE, ADMIN));
    let admin_token = renewed["access_token"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/beta/users/{ALEX}"), admin_token)
            .await
            .status,
        200
    );
    // Consent still bounds the grant: Diego's covers User.Read only.
    let diego = silent_with_scope(&app, DIEGO, &format!("{SIGN_IN} {ADMIN_FULL}")).await;
    assert_eq!(scp(&diego), ["User.Read"]);
}

#[tokio::test]
async fn config_json_offers_the_sign_in_admin_and_pin_scopes_apart() {
    let app = TestApp::new();
    let request = Request::get("/config.json")
        .header("host", HOST)
        .body(Body::empty())
        .unwrap();
    let config = app.send(request).await.json();
    let listed = |field: &str| -> Vec<String> {
        config["auth"][field]
            .as_array()
            .unwrap_or_else(|| panic!("{field} is a list"))
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(listed("scopes").join(" "), SIGN_IN);
    assert_eq!(listed("adminScopes").join(" "), ADMIN_FULL);
    assert_eq!(
        listed("pinScopes"),
        ["https://graph.microsoft.com/Directory.AccessAsUser.All"]
    );
}

//! Directory reads, the tenant policy, `$batch` and routing errors.

use chrono::Duration;
use serde_json::{json, Value};

use crate::common::*;

#[tokio::test]
async fn authentication_methods_lists_the_qr_method() {
    let app = TestApp::new();
    let list = app
        .get("/beta/me/authentication/methods", &app.token(ADELE))
        .await;
    assert_eq!(list.status, 200);
    let list = list.json();
    let types: Vec<&str> = list["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["@odata.type"].as_str().unwrap())
        .collect();
    assert!(types.contains(&"#microsoft.graph.qrCodePinAuthenticationMethod"));
    let alex = app
        .get("/beta/me/authentication/methods", &app.token(ALEX))
        .await
        .json();
    assert_eq!(alex["value"].as_array().unwrap().len(), 1, "password only");
}

#[tokio::test]
async fn groups_are_found_by_name_prefix() {
    let app = TestApp::new();
    let admin = app.token(MEGAN);
    let found = app
        .get(
            "/beta/groups?$filter=startswith(displayName,'store%201042')",
            &admin,
        )
        .await;
    assert_eq!(found.status, 200);
    let found = found.json();
    assert_eq!(found["value"].as_array().unwrap().len(), 1);
    assert_eq!(found["value"][0]["id"], TEAM_GROUP);
    let none = app
        .get(
            "/beta/groups?$filter=startswith(displayName,'nothing')",
            &admin,
        )
        .await
        .json();
    assert_eq!(none["value"].as_array().unwrap().len(), 0);
    let unsupported = app
        .get("/beta/groups?$filter=startswith(mail,'x')", &admin)
        .await;
    assert_eq!(unsupported.status, 400);
    let without_consent = app.get("/beta/groups", &app.token(DIEGO)).await;
    assert_eq!(
        without_consent.status, 403,
        "listing groups needs the directory scope"
    );
}

#[tokio::test]
async fn user_search_and_team_members() {
    let app = TestApp::new();
    let admin = app.token(MEGAN);
    let found = app
        .get("/beta/users?$filter=startswith(displayName,'ad')", &admin)
        .await;
    assert_eq!(found.status, 200);
    let names: Vec<String> = found.json()["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["displayName"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, vec!["Adele Vance".to_string()]);
    let by_upn = app
        .get(
            "/beta/users?$filter=userPrincipalName%20eq%20'lynne.robbins%40contoso.com'",
            &admin,
        )
        .await
        .json();
    assert_eq!(by_upn["value"][0]["displayName"], "Lynne Robbins");
    let either = app
        .get("/beta/users?$filter=startswith(displayName,'Meg')%20or%20startswith(userPrincipalName,'alex')", &admin)
        .await
        .json();
    assert_eq!(either["value"].as_array().unwrap().len(), 2);
    let bad = app
        .get("/beta/users?$filter=jobTitle%20ne%20'x'", &admin)
        .await;
    assert_eq!(bad.status, 400);
    let members = app
        .get(&format!("/beta/groups/{TEAM_GROUP}/members"), &admin)
        .await;
    assert_eq!(members.status, 200);
    let members = members.json();
    let members = members["value"].as_array().unwrap();
    assert_eq!(members.len(), 5);
    assert_eq!(members[0]["@odata.type"], "#microsoft.graph.user");
    assert_eq!(
        app.get(
            "/beta/groups/00000000-0000-0000-0000-000000000000/members",
            &admin
        )
        .await
        .status,
        404
    );
}

#[tokio::test]
async fn policy_get_patch_delete_per_version() {
    let app = TestApp::new();
    let patti = app.token_with(
        PATTI,
        Some(&["Policy.ReadWrite.AuthenticationMethod"]),
        Duration::zero(),
    );
    let path = "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin";
    let get = app.get(&format!("/v1.0{path}"), &patti).await;
    assert_eq!(get.status, 200, "{}", get.text());
    let policy = get.json();
    assert_eq!(policy["pinLength"], 8);
    assert_eq!(policy["standardQRCodeLifetimeInDays"], 365);
    assert_eq!(policy["includeTargets"][0]["id"], "all_users");
    let body = json!({ "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethodConfiguration", "pinLength": 10, "standardQRCodeLifetimeInDays": 180 });
    let v1 = app
        .call(
            "PATCH",
            &format!("/v1.0{path}"),
            Some(&patti),
            Some(body.clone()),
        )
        .await;
    assert_eq!(v1.status, 200);
    assert_eq!(v1.json()["pinLength"], 10);
    let beta = app
        .call(
            "PATCH",
            &format!("/beta{}", path.to_lowercase()),
            Some(&patti),
            Some(body),
        )
        .await;
    assert_eq!(beta.status, 204);
    let no_type = app
        .call(
            "PATCH",
            &format!("/beta{path}"),
            Some(&patti),
            Some(json!({ "pinLength": 9 })),
        )
        .await;
    assert_eq!(no_type.status, 400);
    assert_eq!(
        app.call("DELETE", &format!("/beta{path}"), Some(&patti), None)
            .await
            .status,
        204
    );
    assert_eq!(
        app.get(&format!("/beta{path}"), &patti).await.json()["pinLength"],
        8
    );
}

#[tokio::test]
async fn batch_answers_each_request_on_its_own() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let body = json!({ "requests": [
        { "id": "1", "method": "GET", "url": "/me" },
        { "id": "2", "method": "GET", "url": "/me/authentication/qrCodePinMethod" },
        { "id": "3", "method": "GET", "url": "/me/authentication/qrCodePinMethod/temporaryQRCode" },
        { "id": "4", "method": "GET", "url": "/me", "dependsOn": ["3"] },
        { "id": "5", "method": "POST", "url": "/me/authentication/qrCodePinMethod/pin/updatePin",
          "headers": { "Content-Type": "application/json" }, "body": { "currentPin": ADELE_PIN, "newPin": "47392018" } }
    ]});
    let response = app
        .call("POST", "/beta/$batch", Some(&token), Some(body))
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    let responses = response.json()["responses"].as_array().unwrap().clone();
    let status = |id: &str| {
        responses.iter().find(|r| r["id"] == id).unwrap()["status"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(status("1"), 200);
    assert_eq!(status("2"), 200);
    assert_eq!(status("3"), 404);
    assert_eq!(status("4"), 424);
    assert_eq!(status("5"), 204);
    let first = responses.iter().find(|r| r["id"] == "1").unwrap();
    assert_eq!(first["body"]["userPrincipalName"], ADELE);
    let too_many: Vec<Value> = (0..21)
        .map(|i| json!({ "id": i.to_string(), "method": "GET", "url": "/me" }))
        .collect();
    let rejected = app
        .call(
            "POST",
            "/beta/$batch",
            Some(&token),
            Some(json!({ "requests": too_many })),
        )
        .await;
    assert_eq!(rejected.status, 400);
    let malformed = app
        .call_raw(
            "POST",
            "/beta/$batch",
            Some(&token),
            Some("{\"requests\": ["),
        )
        .await;
    assert_eq!(malformed.status, 400);
}

#[tokio::test]
async fn unknown_segments_and_methods() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let unknown = app
        .get("/beta/me/authentication/qrCodePinMethod/updatePin", &token)
        .await;
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.error_code(), "BadRequest");
    let not_allowed = app
        .call("POST", ME_METHOD, Some(&token), Some(json!({})))
        .await;
    assert_eq!(not_allowed.status, 405);
}

#[tokio::test]
async fn v1_strict_mode_reproduces_the_metadata_gap() {
    let mut config = test_config();
    config.v1_without_qr_method = true;
    let app = TestApp::with_config(config);
    let token = app.token(ADELE);
    let v1 = app
        .get("/v1.0/me/authentication/qrCodePinMethod", &token)
        .await;
    assert_eq!(v1.status, 400);
    assert_eq!(v1.error_code(), "BadRequest");
    assert_eq!(app.get(ME_METHOD, &token).await.status, 200);
    assert_eq!(app.get("/v1.0/me", &token).await.status, 200);
}

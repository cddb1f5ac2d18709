//! Writing is Graph-shaped: the emulator answers with these types and the portal sends these request bodies.

use chrono::{Duration, TimeZone, Utc};
use qrpin::model::{
    parse_entity, CreateMethodRequest, ErrorCorrectionLevel, GraphErrorBody, NewPin, QrCode,
    QrCodeImage, QrCodePinMethod, QrCodeWindow, QrPin, UpdatePinRequest,
};
use serde_json::{json, Value};

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serializes")
}

fn created_method() -> QrCodePinMethod {
    let created =
        Utc.with_ymd_and_hms(2025, 3, 5, 0, 3, 11).unwrap() + Duration::nanoseconds(146_037_800);
    QrCodePinMethod {
        id: "d29518d4-b99a-4c88-b40c-92fd12959724".into(),
        created_date_time: Some(created),
        last_used_date_time: None,
        standard_qr_code: Some(QrCode {
            id: "1a253da5-3f9a-457d-bd9c-de1aab9a2e59".into(),
            created_date_time: Some(created),
            start_date_time: Some(Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap()),
            expire_date_time: Some(Utc.with_ymd_and_hms(2025, 12, 19, 12, 0, 0).unwrap()),
            last_used_date_time: None,
            image: Some(QrCodeImage {
                binary_value: None,
                error_correction_level: ErrorCorrectionLevel::M,
                raw_content: "SGVsbG9Xb3JsZCEyTXlSYXdDb250ZW50".into(),
                version: Some(3),
            }),
        }),
        temporary_qr_code: None,
        pin: Some(QrPin {
            id: None,
            code: None,
            force_change_pin_next_sign_in: true,
            created_date_time: Some(created),
            updated_date_time: None,
        }),
    }
}

#[test]
fn method_serializes_with_graph_names_dates_and_nulls() {
    let value = to_json(&created_method());
    assert_eq!(value["id"], "d29518d4-b99a-4c88-b40c-92fd12959724");
    assert_eq!(value["createdDateTime"], "2025-03-05T00:03:11.146037800Z");
    assert_eq!(value["temporaryQRCode"], Value::Null);
    assert!(
        value
            .as_object()
            .expect("object")
            .contains_key("temporaryQRCode"),
        "null present, as Graph sends"
    );
    let standard = &value["standardQRCode"];
    assert_eq!(standard["startDateTime"], "2025-01-01T12:00:00Z");
    assert_eq!(
        standard["lastUsedDateTime"], "0001-01-01T00:00:00Z",
        "Graph's never-used value"
    );
    assert_eq!(standard["image"]["errorCorrectionLevel"], "m");
    assert_eq!(standard["image"]["version"], 3);
    assert_eq!(standard["image"]["binaryValue"], Value::Null);
    let pin = &value["pin"];
    assert!(pin.as_object().expect("object").contains_key("code"));
    assert_eq!(pin["code"], Value::Null);
    assert_eq!(pin["forceChangePinNextSignIn"], true);
    assert_eq!(pin["updatedDateTime"], Value::Null);
    assert!(
        !pin.as_object().expect("object").contains_key("id"),
        "no id when there is none"
    );
}

#[test]
fn serialized_method_reads_back_identically() {
    let method = created_method();
    let text = serde_json::to_string(&method).expect("serializes");
    assert_eq!(parse_entity::<QrCodePinMethod>(&text), Ok(method));
}

#[test]
fn image_is_null_when_not_returned() {
    let code = QrCode {
        id: "c".into(),
        ..QrCode::default()
    };
    let value = to_json(&code);
    assert_eq!(value["image"], Value::Null);
    assert!(value.as_object().expect("object").contains_key("image"));
}

#[test]
fn create_request_matches_graphs_example_body() {
    let request = CreateMethodRequest {
        standard_qr_code: QrCodeWindow {
            start_date_time: Some(Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap()),
            expire_date_time: Some(Utc.with_ymd_and_hms(2025, 12, 19, 12, 0, 0).unwrap()),
        },
        pin: Some(NewPin {
            code: Some("09599786".into()),
        }),
    };
    let example: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/graph/v1-put-qrcodepinmethod-request.json"
    ))
    .expect("example is JSON");
    assert_eq!(to_json(&request), example);
    // And the emulator reads the example body back into the same request.
    assert_eq!(
        serde_json::from_value::<CreateMethodRequest>(example).expect("reads"),
        request
    );
}

#[test]
fn create_request_without_pin_lets_entra_generate_one() {
    let window = QrCodeWindow {
        start_date_time: Some(Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap()),
        expire_date_time: Some(Utc.with_ymd_and_hms(2025, 2, 1, 12, 0, 0).unwrap()),
    };
    let value = to_json(&CreateMethodRequest {
        standard_qr_code: window,
        pin: None,
    });
    assert_eq!(
        value["@odata.type"],
        "#microsoft.graph.qrCodePinAuthenticationMethod"
    );
    assert!(value.get("pin").is_none());
}

#[test]
fn window_bodies_carry_the_qr_code_type_and_only_the_dates_given() {
    let expire_only = QrCodeWindow {
        start_date_time: None,
        expire_date_time: Some(Utc.with_ymd_and_hms(2025, 12, 1, 12, 0, 0).unwrap()),
    };
    assert_eq!(
        to_json(&expire_only),
        json!({"@odata.type": "#microsoft.graph.qrCode", "expireDateTime": "2025-12-01T12:00:00Z"})
    );
    let temporary = QrCodeWindow {
        start_date_time: Some(Utc.with_ymd_and_hms(2026, 1, 30, 8, 0, 0).unwrap()),
        expire_date_time: Some(Utc.with_ymd_and_hms(2026, 1, 30, 18, 0, 0).unwrap()),
    };
    assert_eq!(
        to_json(&temporary),
        json!({"@odata.type": "#microsoft.graph.qrCode", "startDateTime": "2026-01-30T08:00:00Z",
               "expireDateTime": "2026-01-30T18:00:00Z"})
    );
}

#[test]
fn request_dates_that_cannot_be_read_are_rejected() {
    // A request is the emulator's input: a date it cannot read must be a 400, not "no date".
    let result = serde_json::from_str::<QrCodeWindow>(
        r#"{"startDateTime": "soon", "expireDateTime": "2025-12-01T12:00:00Z"}"#,
    );
    assert!(result.is_err());
}

#[test]
fn pin_bodies_match_graphs_examples() {
    assert_eq!(
        to_json(&NewPin {
            code: Some("09599786".into())
        }),
        json!({"@odata.type": "#microsoft.graph.qrPin", "code": "09599786"})
    );
    let update = UpdatePinRequest {
        current_pin: "09599786".into(),
        new_pin: "56745755".into(),
    };
    let example: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/graph/v1-updatepin-request.json"
    ))
    .expect("example is JSON");
    assert_eq!(to_json(&update), example);
}

#[test]
fn graph_error_body_has_graphs_shape() {
    let body = GraphErrorBody::new("itemNotFound", "The QR code was not found.");
    assert_eq!(
        to_json(&body),
        json!({"error": {"code": "itemNotFound", "message": "The QR code was not found."}})
    );
    let mut with_ids = body;
    with_ids.error.inner_error = Some(qrpin::model::InnerError {
        date: Some("2025-07-09T10:08:57".into()),
        request_id: Some("r".into()),
        client_request_id: Some("c".into()),
    });
    let value = to_json(&with_ids);
    assert_eq!(
        value["error"]["innerError"],
        json!({"date": "2025-07-09T10:08:57", "request-id": "r", "client-request-id": "c"})
    );
}

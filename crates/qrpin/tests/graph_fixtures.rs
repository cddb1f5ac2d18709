//! Every documented Graph example response in `tests/fixtures/graph` parses into the type the portal expects.
//! The copies with documentation bugs (invalid JSON) must fail cleanly, never panic.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use qrpin::model::{
    parse_entity, ErrorCorrectionLevel, GraphErrorBody, ParseError, QrCode, QrCodePinMethod,
    QrCodePinPolicy, QrPin,
};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/graph")
}

fn fixture(name: &str) -> String {
    let path = fixtures_dir().join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// What a response fixture should parse into, chosen from its vector name.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expected {
    Method,
    Code,
    Pin,
    Policy,
    GraphError,
    /// Entra token endpoint bodies: not a Graph resource, nothing in `qrpin` reads them.
    NotGraph,
}

fn expected_type(vector: &str) -> Expected {
    if vector.starts_with("entra-token") {
        Expected::NotGraph
    } else if vector.ends_with("qrcodepinmethod") {
        Expected::Method
    } else if vector.ends_with("standardqrcode") {
        Expected::Code
    } else if vector.ends_with("reset-pin") {
        Expected::Pin
    } else if vector.ends_with("policy") {
        Expected::Policy
    } else if vector.starts_with("graph-") {
        Expected::GraphError
    } else {
        panic!("no expected type for vector {vector}")
    }
}

fn parse_as(expected: Expected, json: &str) -> Result<(), ParseError> {
    match expected {
        Expected::Method => parse_entity::<QrCodePinMethod>(json).map(drop),
        Expected::Code => parse_entity::<QrCode>(json).map(drop),
        Expected::Pin => parse_entity::<QrPin>(json).map(drop),
        Expected::Policy => parse_entity::<QrCodePinPolicy>(json).map(drop),
        Expected::GraphError => parse_entity::<GraphErrorBody>(json).map(drop),
        Expected::NotGraph => Ok(()),
    }
}

#[test]
fn every_valid_response_fixture_parses_into_its_type_and_invalid_ones_fail_cleanly() {
    let index: Value = serde_json::from_str(&fixture("index.json")).expect("index.json is JSON");
    let vectors = index["vectors"].as_array().expect("index has vectors");
    let mut parsed = 0;
    for vector in vectors {
        let name = vector["name"].as_str().expect("vector name");
        let Some(file) = vector["files"]["response_json"].as_str() else {
            continue;
        };
        let expected = expected_type(name);
        let result = parse_as(expected, &fixture(file));
        if vector["response_body_is_valid_json"] == Value::Bool(true) {
            assert_eq!(result, Ok(()), "{file} should parse as {expected:?}");
            parsed += 1;
        }
        // Otherwise a documentation copy with a syntax error: an error result is fine, a panic is not.
    }
    assert!(parsed >= 20, "only {parsed} response fixtures parsed");
}

#[test]
fn invalid_request_fixtures_are_reported_as_invalid_json_not_panics() {
    let index: Value = serde_json::from_str(&fixture("index.json")).expect("index.json is JSON");
    let mut seen = 0;
    for vector in index["vectors"].as_array().expect("vectors") {
        if vector["request_body_is_valid_json"] != Value::Bool(false) {
            continue;
        }
        let Some(file) = vector["files"]["request_json"].as_str() else {
            continue;
        };
        let result = parse_entity::<QrCode>(&fixture(file));
        assert!(
            matches!(result, Err(ParseError::InvalidJson(_))),
            "{file}: {result:?}"
        );
        seen += 1;
    }
    assert!(
        seen >= 4,
        "expected the trailing-comma request examples, saw {seen}"
    );
}

#[test]
fn v1_get_method_reads_both_codes_and_a_pin_without_code() {
    let method: QrCodePinMethod =
        parse_entity(&fixture("v1-get-qrcodepinmethod-response.json")).expect("parses");
    assert_eq!(method.id, "6C2F8B36-B6F0-46FA-9548-1EBA48BEBBDE");
    assert_eq!(
        method.created_date_time,
        Some(Utc.with_ymd_and_hms(2026, 1, 27, 12, 0, 0).unwrap())
    );
    let standard = method.standard_qr_code.expect("standard code");
    assert_eq!(
        standard.expire_date_time,
        Some(Utc.with_ymd_and_hms(2027, 1, 27, 12, 0, 0).unwrap())
    );
    assert_eq!(
        standard.last_used_date_time,
        Some(Utc.with_ymd_and_hms(2026, 1, 30, 8, 15, 0).unwrap())
    );
    assert_eq!(standard.image, None);
    let temporary = method.temporary_qr_code.expect("temporary code");
    assert_eq!(temporary.id, "8DF9D1B6-B4BD-4EF8-8E90-2CC63C549C80");
    let pin = method.pin.expect("pin");
    assert_eq!(pin.id, None);
    assert_eq!(pin.code, None);
    assert!(!pin.force_change_pin_next_sign_in);
    assert_eq!(
        pin.updated_date_time,
        Some(Utc.with_ymd_and_hms(2026, 1, 28, 9, 30, 0).unwrap())
    );
}

#[test]
fn put_method_response_carries_the_image_and_the_new_pin() {
    for file in [
        "v1-put-qrcodepinmethod-response.json",
        "beta-put-qrcodepinmethod-response.json",
    ] {
        let method: QrCodePinMethod = parse_entity(&fixture(file)).expect("parses");
        assert_eq!(method.temporary_qr_code, None, "{file}");
        let standard = method.standard_qr_code.expect("standard code");
        assert_eq!(
            standard.last_used_date_time, None,
            "{file}: year-1 sentinel means never used"
        );
        let created = Utc.with_ymd_and_hms(2025, 3, 5, 0, 3, 11).unwrap()
            + chrono::Duration::nanoseconds(146_037_800);
        assert_eq!(
            standard.created_date_time,
            Some(created),
            "{file}: 7 fractional digits"
        );
        let image = standard.image.expect("image on create");
        assert_eq!(image.error_correction_level, ErrorCorrectionLevel::L);
        assert_eq!(image.version, Some(1));
        assert_eq!(image.raw_content, "SGVsbG9Xb3JsZCEyTXlSYXdDb250ZW50");
        assert_eq!(image.binary_value.as_deref(), Some("SGVsbG9Xb3JsZCE="));
        let pin = method.pin.expect("pin");
        assert_eq!(pin.code.as_deref(), Some("09599786"));
        assert!(pin.force_change_pin_next_sign_in);
    }
}

#[test]
fn beta_get_method_reads_empty_pin_code_as_not_returned() {
    let method: QrCodePinMethod =
        parse_entity(&fixture("beta-get-qrcodepinmethod-response.json")).expect("parses");
    assert_eq!(
        method.last_used_date_time,
        Some(Utc.with_ymd_and_hms(2022, 11, 6, 23, 16, 12).unwrap())
    );
    assert_eq!(method.created_date_time, None);
    assert_eq!(method.pin.expect("pin").code, None);
}

#[test]
fn wrapped_qr_code_get_is_unwrapped() {
    for file in [
        "v1-get-standardqrcode-response.json",
        "beta-get-standardqrcode-response.json",
    ] {
        let code: QrCode = parse_entity(&fixture(file)).expect("parses");
        assert_eq!(code.id, "cb960eac-7a22-1979-ec68-1ec73264ae8d", "{file}");
        assert_eq!(
            code.start_date_time,
            Some(Utc.with_ymd_and_hms(2024, 2, 1, 0, 0, 0).unwrap())
        );
        assert_eq!(code.last_used_date_time, None);
    }
}

#[test]
fn policies_read_pin_length_and_lifetime_wrapped_or_not() {
    let v1: QrCodePinPolicy =
        parse_entity(&fixture("v1-update-policy-response.json")).expect("parses");
    assert_eq!(
        (v1.pin_length, v1.standard_qr_code_lifetime_in_days),
        (Some(10), Some(180))
    );
    assert_eq!(v1.min_pin_length(), 10);
    assert!(v1.is_enabled());
    let beta: QrCodePinPolicy =
        parse_entity(&fixture("beta-get-policy-response.json")).expect("parses");
    assert_eq!(beta.id.as_deref(), Some("QRCodePin"));
    assert!(!beta.is_enabled());
    assert_eq!(beta.standard_lifetime_days(), 365);
}

#[test]
fn graph_errors_expose_code_and_request_ids() {
    let throttled: GraphErrorBody =
        parse_entity(&fixture("graph-throttling-429-response.json")).expect("parses");
    assert_eq!(throttled.error.code, "TooManyRequests");
    let inner = throttled.error.inner_error.expect("inner error");
    assert_eq!(
        inner.request_id.as_deref(),
        Some("94fb3b52-452a-4535-a601-69e0a90e3aa2")
    );
    assert_eq!(inner.date.as_deref(), Some("2020-08-18T12:51:51"));
}

#[test]
fn entra_token_errors_are_not_mistaken_for_graph_errors() {
    // `error` is a string there; reading it as a Graph error must fail rather than invent an empty code.
    let result = parse_entity::<GraphErrorBody>(&fixture("entra-token-error-response.json"));
    assert!(
        matches!(result, Err(ParseError::UnexpectedShape(_))),
        "{result:?}"
    );
}

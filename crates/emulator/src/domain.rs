//! The emulator's use of the `qrpin` domain crate: PIN and lifetime rules, PIN generation and the QR
//! symbol (payload → matrix → SVG). Nothing here re-implements a rule; it adapts qrpin's answers to
//! Graph-shaped errors and emulator records.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chrono::{DateTime, Utc};
use qrpin::model::ErrorCorrectionLevel;
use qrpin::rules::{self, PinProblem};
use rand::RngCore;

use crate::graph::render::QrImage;
use crate::http::error::GraphError;
use qrpin::api::CodeKind;

/// Graph's wording is a generic "Invalid PIN"; the emulator adds qrpin's precise reasons after it.
pub fn check_pin(pin: &str, policy_min_len: u32) -> Result<(), GraphError> {
    let problems: Vec<PinProblem> = rules::check_pin(pin, policy_min_len as usize);
    if problems.is_empty() {
        return Ok(());
    }
    let reasons: Vec<String> = problems.iter().map(PinProblem::message).collect();
    Err(GraphError::bad_request(format!(
        "Invalid PIN. {}",
        reasons.join(" ")
    )))
}

pub fn check_window(
    kind: CodeKind,
    start: DateTime<Utc>,
    expire: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), GraphError> {
    let outcome = match kind {
        CodeKind::Standard => rules::check_standard_window(start, expire, now),
        CodeKind::Temporary => rules::check_temporary_window(start, expire, now),
    };
    outcome.map_err(|problem| GraphError::bad_request(problem.message()))
}

/// A random PIN of the policy's length that the PIN rules accept.
pub fn generate_pin(policy_len: u32) -> String {
    let mut rng = rand::rngs::OsRng;
    rules::generate_pin(policy_len as usize, || (rng.next_u32() % 250) as u8)
}

/// The QR code of a new code: `ms-qrpin:v1|<upn>|<qrCodeId>|<secret>` in one byte segment, at the smallest
/// version (not below `min_version`) that holds it, drawn as an SVG document.
pub fn render_qr(
    upn: &str,
    code_id: &str,
    level: &ErrorCorrectionLevel,
    min_version: i16,
) -> Result<QrImage, GraphError> {
    let secret = URL_SAFE_NO_PAD.encode(crate::ids::random_bytes(32));
    let payload = format!("ms-qrpin:v1|{upn}|{code_id}|{secret}");
    let failed = |error: qrpin::qr::QrError| {
        GraphError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "generalException",
            format!("Cannot draw the QR code: {error}"),
        )
    };
    let version = qrpin::qr::smallest_version(payload.as_bytes(), level.clone(), min_version)
        .map_err(failed)?;
    let matrix = qrpin::qr::encode_byte_segment(payload.as_bytes(), version, level.clone())
        .map_err(failed)?;
    let svg = qrpin::qr::svg_document(&matrix, &format!("QR code for {upn}"));
    Ok(QrImage {
        binary_value: STANDARD.encode(svg.as_bytes()),
        error_correction_level: level.as_str().to_string(),
        raw_content: STANDARD.encode(payload.as_bytes()),
        version,
    })
}

//! The emulator's use of the `qrpin` domain crate: PIN and lifetime rules, PIN generation and the QR
//! symbol (payload → matrix → SVG). Nothing here re-implements a rule; it adapts qrpin's answers to
//! Graph-shaped errors and emulator records.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chrono::{DateTime, Utc};
use qrpin::model::ErrorCorrectionLevel;
use qrpin::rules::{self, PinProblem, WindowProblem};
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
    let reasons: Vec<String> = problems.iter().map(|p| pin_reason(*p)).collect();
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
    outcome.map_err(|problem| GraphError::bad_request(window_reason(problem)))
}

/// The emulator's English for a PIN qrpin refuses (Graph answers in English; qrpin holds no words).
fn pin_reason(problem: PinProblem) -> String {
    match problem {
        PinProblem::Empty => "Enter a PIN.".into(),
        PinProblem::NotDigits => {
            "Use only the digits 0 to 9: no letters, spaces or symbols.".into()
        }
        PinProblem::TooShort { min } => format!("Use at least {min} digits."),
        PinProblem::TooLong { max } => format!("Use no more than {max} digits."),
        PinProblem::Sequence => "Don't include the run 0123456789 or 9876543210.".into(),
        PinProblem::RepeatedGroup => {
            "Don't repeat a group of 2 or 3 digits back to back, like 121212 or 123123.".into()
        }
    }
}

/// The emulator's English for a validity window qrpin refuses.
fn window_reason(problem: WindowProblem) -> String {
    match problem {
        WindowProblem::ExpireNotAfterStart => "The expiry must be later than the start.".into(),
        WindowProblem::ExpireInPast => "The expiry is in the past. Choose a later expiry.".into(),
        WindowProblem::StandardTooShort { min_days } => format!(
            "A badge QR code must stay valid for at least {min_days} day. Choose a later expiry."
        ),
        WindowProblem::StandardTooLong { max_days } => format!(
            "A badge QR code can stay valid for at most {max_days} days (13 months). Choose an earlier expiry."
        ),
        WindowProblem::TemporaryTooShort { min_hours } => format!(
            "A temporary QR code must stay valid for at least {min_hours} hour. Choose a later expiry."
        ),
        WindowProblem::TemporaryTooLong { max_hours } => format!(
            "A temporary QR code can stay valid for at most {max_hours} hours. Choose an earlier expiry."
        ),
    }
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

//! qrpin's QR encoder and SVG output behind wasm-bindgen, so `bench/qr-page` can time them in Chromium next to
//! the npm `qrcode` package. Every export takes the payload as a JS string and returns a JS value, so the
//! timings include crossing the JS/wasm boundary, as they would in the portal.

use qrpin::model::ErrorCorrectionLevel;
use qrpin::qr::{self, QrMatrix};
use wasm_bindgen::prelude::*;

/// The fixed part of a Graph-style payload: `ms-qrpin:v1|<upn>|<qrCodeId>|<secret>` (see the emulator README).
const PAYLOAD_PREFIX: &str =
    "ms-qrpin:v1|adele.vance@contoso.com|3b8c5f0e-4a7d-4e21-9c6b-2f1d8a7e5c40|";
const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn matrix(payload: &str, version: i16, level: &str) -> Result<QrMatrix, JsError> {
    Ok(qr::encode_byte_segment(
        payload.as_bytes(),
        version,
        ErrorCorrectionLevel::parse(level),
    )?)
}

/// Bytes one byte segment holds at `version` and `level` (`"l"`, `"m"`, `"q"` or `"h"`).
#[wasm_bindgen]
pub fn capacity(version: i16, level: &str) -> Result<usize, JsError> {
    Ok(qr::byte_capacity(
        version,
        &ErrorCorrectionLevel::parse(level),
    )?)
}

/// The largest `ms-qrpin:v1|upn|guid|secret` payload that fits one byte segment at `version` and `level`: the
/// secret is deterministic base64url text, as long as the symbol allows.
#[wasm_bindgen]
pub fn payload(version: i16, level: &str) -> Result<String, JsError> {
    let capacity = capacity(version, level)?;
    let mut text = String::from(PAYLOAD_PREFIX);
    let mut state: u32 = 0x9e37_79b9;
    while text.len() < capacity {
        // xorshift32: the same secret on every run and every machine.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        text.push(char::from(BASE64URL[(state % 64) as usize]));
    }
    text.truncate(capacity);
    Ok(text)
}

/// Encode only; returns the modules per side so the work cannot be optimised away.
#[wasm_bindgen]
pub fn encode_only(payload: &str, version: i16, level: &str) -> Result<usize, JsError> {
    Ok(matrix(payload, version, level)?.size())
}

/// Encode, then the run-merged path data (`qrpin::qr::svg_path_data`), as the portal draws a code.
#[wasm_bindgen]
pub fn encode_svg_path(payload: &str, version: i16, level: &str) -> Result<String, JsError> {
    Ok(qr::svg_path_data(&matrix(payload, version, level)?))
}

/// Encode, then the standalone SVG document (`qrpin::qr::svg_document`), as the portal's download offers it.
#[wasm_bindgen]
pub fn encode_svg_document(
    payload: &str,
    version: i16,
    level: &str,
    title: &str,
) -> Result<String, JsError> {
    Ok(qr::svg_document(&matrix(payload, version, level)?, title))
}

/// The symbol's modules row by row (1 = dark), quiet zone excluded, for checking it against the npm package's.
#[wasm_bindgen]
pub fn modules(payload: &str, version: i16, level: &str) -> Result<Vec<u8>, JsError> {
    let matrix = matrix(payload, version, level)?;
    let size = matrix.size();
    Ok((0..size * size)
        .map(|i| u8::from(matrix.is_dark(i % size, i / size)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_fills_the_symbol_exactly() {
        for (version, level, expected) in [(10, "m", 213), (40, "h", 1273)] {
            let text = payload(version, level).unwrap();
            assert_eq!(text.len(), expected);
            assert!(text.starts_with(PAYLOAD_PREFIX));
            assert!(text.is_ascii());
            assert_eq!(
                encode_only(&text, version, level).unwrap(),
                17 + 4 * version as usize
            );
        }
    }
}

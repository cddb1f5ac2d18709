//! Turning a Graph QR payload into the exact symbol Graph describes: one byte segment, at Graph's version and
//! error-correction level.
//!
//! The `qrcode` crate's convenience constructors (`QrCode::new`, `with_version`, `with_error_correction_level`) run
//! an optimiser that splits the payload into numeric/alphanumeric/byte (even Kanji) segments and may pick another
//! version. Scanners would still read that, but it is not the symbol Graph specified, so this module builds the bit
//! stream by hand and never falls back to a bigger symbol (`tests/qr_roundtrip.rs` checks version, level and segment).
//! The crate then draws the symbol, except that `mask.rs` chooses the mask (the crate's choice, found faster).

mod mask;
#[cfg(test)]
mod mask_tests;
mod svg;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use qrcode::bits::Bits;
use qrcode::types::{Color, QrError as EncoderError};
use qrcode::{EcLevel, Version};

use crate::model::{ErrorCorrectionLevel, QrCodeImage};

pub use svg::{svg_document, svg_path_data};

/// Light modules drawn around the symbol; ISO/IEC 18004 requires 4 for reliable scanning.
pub const QUIET_ZONE: usize = 4;
/// Smallest QR version.
pub const MIN_VERSION: i16 = 1;
/// Largest QR version.
pub const MAX_VERSION: i16 = 40;

/// Why a payload could not be turned into a QR symbol.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    #[error("the QR code content from Microsoft Graph is not valid base64")]
    InvalidBase64,
    #[error("the QR code content from Microsoft Graph is empty")]
    EmptyContent,
    #[error("unsupported error correction level \"{0}\" (expected l, m, q or h)")]
    UnsupportedLevel(String),
    #[error("Microsoft Graph did not say which QR code version to draw")]
    MissingVersion,
    #[error("QR code version {0} does not exist (versions are 1 to 40)")]
    InvalidVersion(i32),
    #[error(
        "{len} bytes do not fit in a version {version} QR code at error correction level {level}"
    )]
    DataTooLong {
        version: i16,
        level: ErrorCorrectionLevel,
        len: usize,
    },
}

/// A QR symbol as a square of dark/light modules, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    size: usize,
    dark: Vec<bool>,
    version: i16,
    level: ErrorCorrectionLevel,
}

impl QrMatrix {
    /// Modules per side (21 for version 1, 4 more per version), quiet zone not included.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Whether the module at column `x`, row `y` is dark. Outside the symbol (the quiet zone) is light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark.get(y * self.size + x).copied().unwrap_or(false)
    }

    /// The QR version (1..=40).
    pub fn version(&self) -> i16 {
        self.version
    }

    /// The error-correction level (never `Unknown`).
    pub fn level(&self) -> ErrorCorrectionLevel {
        self.level.clone()
    }
}

/// Maps Graph's level to the encoder's; `Unknown` (e.g. `unknownFutureValue`) cannot be drawn.
fn encoder_level(level: &ErrorCorrectionLevel) -> Result<EcLevel, QrError> {
    match level {
        ErrorCorrectionLevel::L => Ok(EcLevel::L),
        ErrorCorrectionLevel::M => Ok(EcLevel::M),
        ErrorCorrectionLevel::Q => Ok(EcLevel::Q),
        ErrorCorrectionLevel::H => Ok(EcLevel::H),
        ErrorCorrectionLevel::Unknown(other) => Err(QrError::UnsupportedLevel(other.clone())),
    }
}

fn check_version(version: i16) -> Result<(), QrError> {
    if (MIN_VERSION..=MAX_VERSION).contains(&version) {
        Ok(())
    } else {
        Err(QrError::InvalidVersion(i32::from(version)))
    }
}

/// How many bytes one byte segment can carry at `version` and `level`.
pub fn byte_capacity(version: i16, level: &ErrorCorrectionLevel) -> Result<usize, QrError> {
    check_version(version)?;
    let ec = encoder_level(level)?;
    let data_bits = Bits::new(Version::Normal(version))
        .max_len(ec)
        .map_err(|_| QrError::InvalidVersion(i32::from(version)))?;
    // Byte mode header: 4-bit mode indicator, then an 8-bit (versions 1-9) or 16-bit (10-40) length.
    let header_bits = 4 + if version <= 9 { 8 } else { 16 };
    Ok(data_bits.saturating_sub(header_bits) / 8)
}

/// Encodes `data` as a single byte segment at exactly `version` and `level`.
///
/// Data that does not fit is [`QrError::DataTooLong`], never a bigger symbol: Graph named the version, and a silently
/// different symbol would hide a problem in the payload.
pub fn encode_byte_segment(
    data: &[u8],
    version: i16,
    level: ErrorCorrectionLevel,
) -> Result<QrMatrix, QrError> {
    let ec = encoder_level(&level)?;
    let capacity = byte_capacity(version, &level)?;
    let too_long = || QrError::DataTooLong {
        version,
        level: level.clone(),
        len: data.len(),
    };
    // Checked up front so an oversized payload costs nothing, whatever its size.
    if data.len() > capacity {
        return Err(too_long());
    }
    let mut bits = Bits::new(Version::Normal(version));
    bits.push_byte_data(data).map_err(|_| too_long())?;
    bits.push_terminator(ec).map_err(|_| too_long())?;
    let colors = mask::symbol_from_bits(bits, ec).map_err(|err| match err {
        EncoderError::DataTooLong => too_long(),
        _ => QrError::InvalidVersion(i32::from(version)),
    })?;
    let dark = colors
        .into_iter()
        .map(|color| color == Color::Dark)
        .collect();
    Ok(QrMatrix {
        size: usize::from(Version::Normal(version).width().unsigned_abs()),
        dark,
        version,
        level,
    })
}

/// The smallest version, not below `min_version`, whose single byte segment holds `data` at `level`.
/// Used by the emulator to choose the version it reports to the portal.
pub fn smallest_version(
    data: &[u8],
    level: ErrorCorrectionLevel,
    min_version: i16,
) -> Result<i16, QrError> {
    check_version(min_version)?;
    for version in min_version..=MAX_VERSION {
        if data.len() <= byte_capacity(version, &level)? {
            return Ok(version);
        }
    }
    Err(QrError::DataTooLong {
        version: MAX_VERSION,
        level,
        len: data.len(),
    })
}

/// Standard base64 as Graph sends `Edm.Binary`; padding optional, because a missing `=` is no reason to refuse a badge.
const GRAPH_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Draws the symbol Graph describes in `image`: `rawContent` decoded from base64, at Graph's version and level.
pub fn matrix_from_image(image: &QrCodeImage) -> Result<QrMatrix, QrError> {
    encoder_level(&image.error_correction_level)?;
    let version = image.version.ok_or(QrError::MissingVersion)?;
    let version = i16::try_from(version).map_err(|_| QrError::InvalidVersion(version))?;
    check_version(version)?;
    let compact: String = image
        .raw_content
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let data = GRAPH_BASE64
        .decode(compact)
        .map_err(|_| QrError::InvalidBase64)?;
    if data.is_empty() {
        return Err(QrError::EmptyContent);
    }
    encode_byte_segment(&data, version, image.error_correction_level.clone())
}

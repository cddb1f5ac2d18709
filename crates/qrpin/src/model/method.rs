//! The QR code + PIN authentication method and its parts, as Graph returns them.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::serde_helpers::{
    deserialize_bool_or_false, deserialize_date, deserialize_lenient_i32,
    deserialize_lenient_string, deserialize_non_empty_string, deserialize_string_or_empty,
    graph_date, serialize_date_or_never,
};

/// `qrCodePinAuthenticationMethod`: a user's QR code + PIN sign-in method.
///
/// Graph returns the three children (`standardQRCode`, `temporaryQRCode`, `pin`) inline, so they are plain fields
/// here; a missing child is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrCodePinMethod {
    #[serde(default, deserialize_with = "deserialize_string_or_empty")]
    pub id: String,
    #[serde(default, with = "graph_date")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(default, with = "graph_date")]
    pub last_used_date_time: Option<DateTime<Utc>>,
    #[serde(rename = "standardQRCode", default)]
    pub standard_qr_code: Option<QrCode>,
    #[serde(rename = "temporaryQRCode", default)]
    pub temporary_qr_code: Option<QrCode>,
    #[serde(default)]
    pub pin: Option<QrPin>,
}

/// `qrCode`: one standard (badge) or temporary QR code credential.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrCode {
    #[serde(default, deserialize_with = "deserialize_string_or_empty")]
    pub id: String,
    #[serde(default, with = "graph_date")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(default, with = "graph_date")]
    pub start_date_time: Option<DateTime<Utc>>,
    #[serde(default, with = "graph_date")]
    pub expire_date_time: Option<DateTime<Utc>>,
    /// `None` = never used. Serialized as Graph's `0001-01-01T00:00:00Z` so emulator responses look like Graph's.
    #[serde(
        default,
        deserialize_with = "deserialize_date",
        serialize_with = "serialize_date_or_never"
    )]
    pub last_used_date_time: Option<DateTime<Utc>>,
    /// Only present in the response that created the code: the secret inside is not stored by Entra.
    #[serde(default)]
    pub image: Option<QrCodeImage>,
}

/// `qrCodeImageDetails`: what to draw. `raw_content` is the payload (base64), the rest says how to draw it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrCodeImage {
    /// Base64 of an image (SVG in practice) of the code; the portal redraws from `raw_content` instead.
    #[serde(default, deserialize_with = "deserialize_lenient_string")]
    pub binary_value: Option<String>,
    #[serde(default)]
    pub error_correction_level: ErrorCorrectionLevel,
    /// Base64 of the exact bytes to put in the QR code.
    #[serde(default, deserialize_with = "deserialize_string_or_empty")]
    pub raw_content: String,
    #[serde(default, deserialize_with = "deserialize_lenient_i32")]
    pub version: Option<i32>,
}

/// Graph's `errorCorrectionLevel` enum. Parsing ignores case (the Entra how-to sends `"H"`); anything else, including
/// `unknownFutureValue`, is kept verbatim in `Unknown` so the portal can say what it could not draw.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ErrorCorrectionLevel {
    L,
    M,
    Q,
    H,
    Unknown(String),
}

impl ErrorCorrectionLevel {
    /// The four levels a QR code can actually use, lowest redundancy first.
    pub const ALL: [ErrorCorrectionLevel; 4] = [Self::L, Self::M, Self::Q, Self::H];

    /// Graph's spelling: `"l"`, `"m"`, `"q"`, `"h"`, or the unknown value as received.
    pub fn as_str(&self) -> &str {
        match self {
            Self::L => "l",
            Self::M => "m",
            Self::Q => "q",
            Self::H => "h",
            Self::Unknown(other) => other,
        }
    }

    /// Reads Graph's spelling in any case.
    pub fn parse(text: &str) -> Self {
        match text.trim().to_ascii_lowercase().as_str() {
            "l" => Self::L,
            "m" => Self::M,
            "q" => Self::Q,
            "h" => Self::H,
            _ => Self::Unknown(text.to_owned()),
        }
    }

    /// Roughly how much of the symbol may be damaged and still scan, for help text.
    pub fn recovery_percent(&self) -> Option<u8> {
        match self {
            Self::L => Some(7),
            Self::M => Some(15),
            Self::Q => Some(25),
            Self::H => Some(30),
            Self::Unknown(_) => None,
        }
    }
}

/// Missing from a response means Graph did not say; that is not a level we can draw.
impl Default for ErrorCorrectionLevel {
    fn default() -> Self {
        Self::Unknown(String::new())
    }
}

impl fmt::Display for ErrorCorrectionLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCorrectionLevel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCorrectionLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserialize_lenient_string(deserializer)?;
        Ok(text.map(|text| Self::parse(&text)).unwrap_or_default())
    }
}

/// `qrPin`: the PIN that goes with the QR codes. The code itself is only returned when an admin creates or resets it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrPin {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "deserialize_lenient_string"
    )]
    pub id: Option<String>,
    /// `None` when Graph did not return the PIN (`null` on v1.0, `""` on beta).
    #[serde(default, deserialize_with = "deserialize_non_empty_string")]
    pub code: Option<String>,
    /// `isForcePinChangeRequired` is the older name used in the Entra how-to.
    #[serde(
        default,
        alias = "isForcePinChangeRequired",
        deserialize_with = "deserialize_bool_or_false"
    )]
    pub force_change_pin_next_sign_in: bool,
    #[serde(default, with = "graph_date")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(default, with = "graph_date")]
    pub updated_date_time: Option<DateTime<Utc>>,
}

//! Microsoft Graph resources for QR code + PIN sign-in.
//!
//! Reading is tolerant (Graph's examples and responses disagree in small ways, see `tests/model_tolerance.rs`); writing is Graph-shaped
//! (camelCase, RFC 3339 UTC dates with `Z`, `null` where Graph sends `null`) because the emulator answers with the
//! same types the portal reads.

mod directory;
mod graph_error;
mod loose;
mod method;
mod requests;
mod serde_helpers;

pub use directory::{Collection, QrCodePinPolicy, User};
pub use graph_error::{parse_entity, GraphErrorBody, GraphErrorDetail, InnerError, ParseError};
pub use method::{ErrorCorrectionLevel, QrCode, QrCodeImage, QrCodePinMethod, QrPin};
pub use requests::{
    CreateMethodRequest, NewPin, QrCodeWindow, UpdatePinRequest, METHOD_ODATA_TYPE,
    QR_CODE_ODATA_TYPE, QR_PIN_ODATA_TYPE,
};
pub use serde_helpers::{format_graph_date, parse_graph_date};

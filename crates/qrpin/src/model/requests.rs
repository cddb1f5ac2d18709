//! Request bodies the portal sends and the emulator reads.
//!
//! Serialization writes the `@odata.type` Graph's examples put on a top-level body (nested objects carry none, as in
//! the examples). Deserialization is strict about dates (a request with an unreadable date must be rejected, not
//! read as "no date") and ignores `@odata.*` and unknown properties.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize, Serializer};

use super::serde_helpers::format_graph_date;

/// `@odata.type` of the method resource.
pub const METHOD_ODATA_TYPE: &str = "#microsoft.graph.qrCodePinAuthenticationMethod";
/// `@odata.type` of a QR code resource.
pub const QR_CODE_ODATA_TYPE: &str = "#microsoft.graph.qrCode";
/// `@odata.type` of the PIN resource.
pub const QR_PIN_ODATA_TYPE: &str = "#microsoft.graph.qrPin";

/// `PUT /users/{id}/authentication/qrCodePinMethod`: create the method with its badge code and, optionally, a PIN.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateMethodRequest {
    #[serde(rename = "standardQRCode")]
    pub standard_qr_code: QrCodeWindow,
    /// `None` (or `code: None`) lets Entra generate the PIN.
    #[serde(default)]
    pub pin: Option<NewPin>,
}

/// Validity window of a QR code: body of `PATCH …/standardQRCode` and `…/temporaryQRCode`.
///
/// Both dates are required to create a code; changing a badge code's expiry sends `expire_date_time` alone.
/// Absent dates are left out of the JSON, not sent as `null`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrCodeWindow {
    #[serde(default)]
    pub start_date_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub expire_date_time: Option<DateTime<Utc>>,
}

/// A PIN chosen by the admin (body of `PATCH …/pin`, or the `pin` of a create). `code: None` = let Entra generate one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewPin {
    #[serde(default)]
    pub code: Option<String>,
}

/// `PATCH /me/authentication/qrCodePinMethod/pin/updatePin`: the user replaces their PIN.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePinRequest {
    pub current_pin: String,
    pub new_pin: String,
}

/// The JSON shape shared by a top-level window body and the nested one in a create.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WindowBody {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    odata_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expire_date_time: Option<String>,
}

impl QrCodeWindow {
    fn body(&self, odata_type: Option<&'static str>) -> WindowBody {
        WindowBody {
            odata_type,
            start_date_time: self.start_date_time.as_ref().map(format_graph_date),
            expire_date_time: self.expire_date_time.as_ref().map(format_graph_date),
        }
    }
}

impl Serialize for QrCodeWindow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body(Some(QR_CODE_ODATA_TYPE)).serialize(serializer)
    }
}

#[derive(Serialize)]
struct PinBody<'a> {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    odata_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
}

impl NewPin {
    fn body(&self, odata_type: Option<&'static str>) -> PinBody<'_> {
        PinBody {
            odata_type,
            code: self.code.as_deref(),
        }
    }
}

impl Serialize for NewPin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body(Some(QR_PIN_ODATA_TYPE)).serialize(serializer)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateMethodBody<'a> {
    #[serde(rename = "@odata.type")]
    odata_type: &'static str,
    #[serde(rename = "standardQRCode")]
    standard_qr_code: WindowBody,
    #[serde(skip_serializing_if = "Option::is_none")]
    pin: Option<PinBody<'a>>,
}

impl Serialize for CreateMethodRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        CreateMethodBody {
            odata_type: METHOD_ODATA_TYPE,
            standard_qr_code: self.standard_qr_code.body(None),
            pin: self.pin.as_ref().map(|pin| pin.body(None)),
        }
        .serialize(serializer)
    }
}

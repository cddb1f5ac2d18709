//! Where the QR code + PIN method lives in Microsoft Graph: the API version and the paths under a user, written
//! once for the portal (which builds them) and the emulator (which routes them).
//!
//! Paths are relative to the version root and to the user (`/me` or `/users/{id}`), e.g.
//! `/me` + [`METHOD_PATH`] = `/me/authentication/qrCodePinMethod`.

use serde::{Deserialize, Serialize};

/// The navigation segment of the method under `authentication`.
pub const METHOD_SEGMENT: &str = "qrCodePinMethod";
/// The badge code's segment under the method.
pub const STANDARD_CODE_SEGMENT: &str = "standardQRCode";
/// The temporary code's segment under the method.
pub const TEMPORARY_CODE_SEGMENT: &str = "temporaryQRCode";
/// The PIN's segment under the method.
pub const PIN_SEGMENT: &str = "pin";
/// The self-service PIN change action under the PIN.
pub const UPDATE_PIN_SEGMENT: &str = "updatePin";

/// `…/authentication/qrCodePinMethod`: GET, PUT (create), DELETE.
pub const METHOD_PATH: &str = "/authentication/qrCodePinMethod";
/// `…/qrCodePinMethod/pin`: GET, PATCH (an administrator's reset).
pub const PIN_PATH: &str = "/authentication/qrCodePinMethod/pin";
/// `…/qrCodePinMethod/pin/updatePin`: the person's own PIN change.
pub const UPDATE_PIN_PATH: &str = "/authentication/qrCodePinMethod/pin/updatePin";
/// The tenant's QR code + PIN policy, relative to the version root.
pub const POLICY_PATH: &str =
    "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin";

/// The two codes of a method: the printed badge and the short-lived temporary code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Standard,
    Temporary,
}

impl CodeKind {
    /// `standardQRCode` or `temporaryQRCode`.
    pub fn segment(self) -> &'static str {
        match self {
            CodeKind::Standard => STANDARD_CODE_SEGMENT,
            CodeKind::Temporary => TEMPORARY_CODE_SEGMENT,
        }
    }

    /// `/authentication/qrCodePinMethod/{standardQRCode|temporaryQRCode}`.
    pub fn path(self) -> &'static str {
        match self {
            CodeKind::Standard => "/authentication/qrCodePinMethod/standardQRCode",
            CodeKind::Temporary => "/authentication/qrCodePinMethod/temporaryQRCode",
        }
    }
}

/// The Graph API version. Beta is the default: the QR code + PIN navigation is missing from v1.0's metadata.
/// Written `"beta"` and `"v1.0"` in configuration, as in the URL.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum GraphVersion {
    #[default]
    #[serde(rename = "beta")]
    Beta,
    #[serde(rename = "v1.0")]
    V1,
}

impl GraphVersion {
    /// The URL segment: `beta` or `v1.0`.
    pub fn segment(self) -> &'static str {
        match self {
            GraphVersion::Beta => "beta",
            GraphVersion::V1 => "v1.0",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_built_from_the_segments() {
        let method = format!("/authentication/{METHOD_SEGMENT}");
        assert_eq!(METHOD_PATH, method);
        assert_eq!(PIN_PATH, format!("{method}/{PIN_SEGMENT}"));
        assert_eq!(
            UPDATE_PIN_PATH,
            format!("{method}/{PIN_SEGMENT}/{UPDATE_PIN_SEGMENT}")
        );
        for kind in [CodeKind::Standard, CodeKind::Temporary] {
            assert_eq!(kind.path(), format!("{method}/{}", kind.segment()));
        }
    }

    #[test]
    fn versions_read_and_write_as_in_the_url() {
        for version in [GraphVersion::Beta, GraphVersion::V1] {
            let json = serde_json::to_string(&version).unwrap();
            assert_eq!(json, format!("\"{}\"", version.segment()));
            assert_eq!(
                serde_json::from_str::<GraphVersion>(&json).unwrap(),
                version
            );
        }
        assert_eq!(GraphVersion::default(), GraphVersion::Beta);
        assert!(serde_json::from_str::<GraphVersion>("\"v1\"").is_err());
    }
}

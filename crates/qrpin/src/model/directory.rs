//! The signed-in user, the tenant's QR code + PIN policy, and Graph's collection envelope.

use serde::{Deserialize, Serialize};

use super::serde_helpers::{
    deserialize_lenient_string, deserialize_lenient_u32, deserialize_string_or_empty,
};
use crate::rules::{PIN_MAX_LEN, PIN_MIN_LEN};

/// The slice of Graph's `user` the portal shows (badge name, job title, department …).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(default, deserialize_with = "deserialize_string_or_empty")]
    pub id: String,
    #[serde(default, deserialize_with = "deserialize_lenient_string")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "deserialize_lenient_string")]
    pub user_principal_name: Option<String>,
    #[serde(default, deserialize_with = "deserialize_lenient_string")]
    pub mail: Option<String>,
    #[serde(default, deserialize_with = "deserialize_lenient_string")]
    pub job_title: Option<String>,
    #[serde(default, deserialize_with = "deserialize_lenient_string")]
    pub department: Option<String>,
    #[serde(default, deserialize_with = "deserialize_lenient_string")]
    pub office_location: Option<String>,
}

/// `qrCodePinAuthenticationMethodConfiguration`: the tenant policy. Only the fields the portal needs are kept.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrCodePinPolicy {
    #[serde(default, deserialize_with = "deserialize_lenient_string")]
    pub id: Option<String>,
    /// `"enabled"` or `"disabled"` (kept as text so a future value does not break parsing).
    #[serde(default, deserialize_with = "deserialize_lenient_string")]
    pub state: Option<String>,
    /// The *minimum* PIN length users must choose (Graph allows 8 to 20).
    #[serde(default, deserialize_with = "deserialize_lenient_u32")]
    pub pin_length: Option<u32>,
    /// The *default* lifetime of a new badge code; admins may choose another per user (1 to 395 days).
    #[serde(
        rename = "standardQRCodeLifetimeInDays",
        default,
        deserialize_with = "deserialize_lenient_u32"
    )]
    pub standard_qr_code_lifetime_in_days: Option<u32>,
}

impl QrCodePinPolicy {
    /// Default when the policy does not say (Graph's documented default).
    pub const DEFAULT_LIFETIME_DAYS: u32 = 365;
    /// Longest lifetime Graph accepts for a standard QR code.
    pub const MAX_LIFETIME_DAYS: u32 = 395;

    /// Minimum PIN length to enforce: the policy's `pinLength`, kept within Graph's 8..=20 range.
    pub fn min_pin_length(&self) -> usize {
        self.pin_length
            .map_or(PIN_MIN_LEN, |len| {
                usize::try_from(len).unwrap_or(PIN_MAX_LEN)
            })
            .clamp(PIN_MIN_LEN, PIN_MAX_LEN)
    }

    /// Default badge lifetime in days: the policy's value, kept within Graph's 1..=395 range.
    pub fn standard_lifetime_days(&self) -> u32 {
        self.standard_qr_code_lifetime_in_days
            .unwrap_or(Self::DEFAULT_LIFETIME_DAYS)
            .clamp(1, Self::MAX_LIFETIME_DAYS)
    }

    /// Whether the tenant has switched QR code + PIN sign-in on. Unknown counts as off (Graph's default is disabled).
    pub fn is_enabled(&self) -> bool {
        self.state
            .as_deref()
            .is_some_and(|state| state.eq_ignore_ascii_case("enabled"))
    }
}

/// Graph's collection envelope: `{"value": [...], "@odata.nextLink": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
pub struct Collection<T> {
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Self {
            value: Vec::new(),
            next_link: None,
        }
    }
}

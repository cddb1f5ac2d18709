//! What the emulator remembers: users, groups, the tenant's QR code + PIN policy and each user's method.
//! Serialisable so `--state FILE` can keep it across restarts.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Entra directory roles the emulator knows; the template ids are what Entra puts in a token's `wids`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DirectoryRole {
    AuthenticationAdministrator,
    PrivilegedAuthenticationAdministrator,
    AuthenticationPolicyAdministrator,
    GlobalReader,
    GlobalAdministrator,
}

/// Every member user carries the "User" role template in `wids`.
pub const MEMBER_USER_ROLE_TEMPLATE: &str = "b79fbf4d-3ef9-4689-8143-76b194e85509";

impl DirectoryRole {
    pub fn template_id(self) -> &'static str {
        match self {
            DirectoryRole::AuthenticationAdministrator => "c4e39bd9-1100-46d3-8c65-fb160da0071f",
            DirectoryRole::PrivilegedAuthenticationAdministrator => {
                "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
            }
            DirectoryRole::AuthenticationPolicyAdministrator => {
                "0526716b-113d-4c15-b2c8-68e3c22b9f80"
            }
            DirectoryRole::GlobalReader => "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
            DirectoryRole::GlobalAdministrator => "62e90394-69f5-4237-9190-012177145e10",
        }
    }

    pub fn from_template_id(id: &str) -> Option<DirectoryRole> {
        [
            DirectoryRole::AuthenticationAdministrator,
            DirectoryRole::PrivilegedAuthenticationAdministrator,
            DirectoryRole::AuthenticationPolicyAdministrator,
            DirectoryRole::GlobalReader,
            DirectoryRole::GlobalAdministrator,
        ]
        .into_iter()
        .find(|role| role.template_id().eq_ignore_ascii_case(id))
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UserRecord {
    pub id: String,
    pub user_principal_name: String,
    pub display_name: String,
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub surname: Option<String>,
    #[serde(default)]
    pub mail: Option<String>,
    #[serde(default)]
    pub job_title: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub office_location: Option<String>,
    #[serde(default)]
    pub roles: Vec<DirectoryRole>,
    /// Short Graph scope names the tenant consented to for this user; `None` = everything the portal asks for.
    #[serde(default)]
    pub consented_scopes: Option<Vec<String>>,
}

impl UserRecord {
    pub fn role_template_ids(&self) -> Vec<String> {
        let mut ids = vec![MEMBER_USER_ROLE_TEMPLATE.to_string()];
        ids.extend(self.roles.iter().map(|role| role.template_id().to_string()));
        ids
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GroupRecord {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub member_ids: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct QrCodeRecord {
    pub id: String,
    pub created_date_time: DateTime<Utc>,
    pub start_date_time: DateTime<Utc>,
    pub expire_date_time: DateTime<Utc>,
    #[serde(default)]
    pub last_used_date_time: Option<DateTime<Utc>>,
}

impl QrCodeRecord {
    /// Expired codes no longer block creating a new one ("a new … can be added if an existing one expires").
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.expire_date_time <= now
    }
}

/// The PIN is kept only as a salted hash: like Entra, the emulator can verify it but never show it again.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PinRecord {
    pub id: String,
    pub salt: String,
    pub hash: String,
    pub force_change_pin_next_sign_in: bool,
    pub created_date_time: DateTime<Utc>,
    pub updated_date_time: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MethodRecord {
    pub id: String,
    pub created_date_time: DateTime<Utc>,
    #[serde(default)]
    pub last_used_date_time: Option<DateTime<Utc>>,
    #[serde(rename = "standardQRCode")]
    pub standard_qr_code: Option<QrCodeRecord>,
    #[serde(rename = "temporaryQRCode")]
    pub temporary_qr_code: Option<QrCodeRecord>,
    pub pin: PinRecord,
}

impl MethodRecord {
    /// A method blocks a new PUT while any of its codes can still be used now or later.
    pub fn is_usable(&self, now: DateTime<Utc>) -> bool {
        [&self.standard_qr_code, &self.temporary_qr_code]
            .into_iter()
            .flatten()
            .any(|code| !code.is_expired(now))
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PolicyRecord {
    pub state: String,
    pub pin_length: u32,
    #[serde(rename = "standardQRCodeLifetimeInDays")]
    pub standard_qr_code_lifetime_in_days: u32,
    #[serde(default)]
    pub include_targets: Vec<serde_json::Value>,
    #[serde(default)]
    pub exclude_targets: Vec<serde_json::Value>,
}

impl Default for PolicyRecord {
    /// The documented defaults: PIN length 8, standard lifetime 365 days, targeting all users.
    fn default() -> Self {
        PolicyRecord {
            state: "enabled".to_string(),
            pin_length: 8,
            standard_qr_code_lifetime_in_days: 365,
            include_targets: vec![serde_json::json!({
                "targetType": "group", "id": "all_users", "isRegistrationRequired": false
            })],
            exclude_targets: Vec::new(),
        }
    }
}

impl PolicyRecord {
    pub fn is_enabled(&self) -> bool {
        self.state.eq_ignore_ascii_case("enabled")
    }
}

/// The whole tenant as the emulator sees it.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Directory {
    pub users: Vec<UserRecord>,
    pub groups: Vec<GroupRecord>,
    pub policy: PolicyRecord,
    /// Keyed by user object id.
    pub methods: BTreeMap<String, MethodRecord>,
}

impl Directory {
    /// Finds a user by object id or by user principal name (both case-insensitive, as Graph does).
    pub fn find_user(&self, id_or_upn: &str) -> Option<&UserRecord> {
        self.users.iter().find(|user| {
            user.id.eq_ignore_ascii_case(id_or_upn)
                || user.user_principal_name.eq_ignore_ascii_case(id_or_upn)
        })
    }

    pub fn find_group(&self, id: &str) -> Option<&GroupRecord> {
        self.groups
            .iter()
            .find(|group| group.id.eq_ignore_ascii_case(id))
    }
}

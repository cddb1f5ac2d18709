//! The seed: the tenant the emulator starts with and returns to on reset. The built-in seed is
//! `seed/default-seed.json`; `--seed FILE` replaces it with a file of the same shape.
//!
//! Times in a seed are relative to the moment it is applied (`"now"`, `"now-30d"`, `"now+8h"`) or
//! absolute RFC 3339, so "active", "expired" and "not yet valid" stay true whenever the seed is loaded.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use thiserror::Error;

use super::model::{
    Directory, DirectoryRole, GroupRecord, MethodRecord, PinRecord, PolicyRecord, QrCodeRecord,
    UserRecord,
};
use super::pin_hash::{hash_pin, new_salt};
use crate::ids;

pub const DEFAULT_SEED_JSON: &str = include_str!("../../seed/default-seed.json");

#[derive(Debug, Error)]
pub enum SeedError {
    #[error("the seed is not valid JSON for the seed format: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot read the seed file: {0}")]
    Io(#[from] std::io::Error),
    #[error("bad time {0:?} in the seed: use \"now\", \"now-30d\", \"now+8h\" or RFC 3339")]
    Time(String),
    #[error("group {group:?} lists an unknown member {member:?}")]
    UnknownMember { group: String, member: String },
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedSpec {
    #[serde(default)]
    pub policy: Option<PolicyRecord>,
    pub users: Vec<SeedUser>,
    #[serde(default)]
    pub groups: Vec<SeedGroup>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedUser {
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
    #[serde(default)]
    pub consented_scopes: Option<Vec<String>>,
    /// What this user demonstrates; shown on the sign-in page and in the README, not served by Graph.
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub qr_code_pin_method: Option<SeedMethod>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedMethod {
    #[serde(default)]
    pub id: Option<String>,
    pub created_date_time: String,
    #[serde(default, rename = "standardQRCode")]
    pub standard_qr_code: Option<SeedQrCode>,
    #[serde(default, rename = "temporaryQRCode")]
    pub temporary_qr_code: Option<SeedQrCode>,
    pub pin: SeedPin,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedQrCode {
    #[serde(default)]
    pub id: Option<String>,
    pub start_date_time: String,
    pub expire_date_time: String,
    #[serde(default)]
    pub last_used_date_time: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedPin {
    /// The PIN in clear so scripts know it; stored hashed.
    pub code: String,
    pub force_change_pin_next_sign_in: bool,
    #[serde(default)]
    pub updated_date_time: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedGroup {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Member UPNs or object ids.
    pub members: Vec<String>,
}

impl SeedSpec {
    pub fn parse(json: &str) -> Result<SeedSpec, SeedError> {
        Ok(serde_json::from_str(json)?)
    }

    pub fn built_in() -> Result<SeedSpec, SeedError> {
        SeedSpec::parse(DEFAULT_SEED_JSON)
    }

    pub fn from_file(path: &std::path::Path) -> Result<SeedSpec, SeedError> {
        SeedSpec::parse(&std::fs::read_to_string(path)?)
    }

    /// Turns the spec into a directory, resolving relative times against `now`.
    pub fn materialize(&self, now: DateTime<Utc>) -> Result<Directory, SeedError> {
        let mut directory = Directory {
            policy: self.policy.clone().unwrap_or_default(),
            ..Directory::default()
        };
        for seed_user in &self.users {
            directory.users.push(UserRecord {
                id: seed_user.id.clone(),
                user_principal_name: seed_user.user_principal_name.clone(),
                display_name: seed_user.display_name.clone(),
                given_name: seed_user.given_name.clone(),
                surname: seed_user.surname.clone(),
                mail: seed_user
                    .mail
                    .clone()
                    .or_else(|| Some(seed_user.user_principal_name.clone())),
                job_title: seed_user.job_title.clone(),
                department: seed_user.department.clone(),
                office_location: seed_user.office_location.clone(),
                roles: seed_user.roles.clone(),
                consented_scopes: seed_user.consented_scopes.clone(),
            });
            if let Some(method) = &seed_user.qr_code_pin_method {
                directory
                    .methods
                    .insert(seed_user.id.clone(), materialize_method(method, now)?);
            }
        }
        for seed_group in &self.groups {
            let mut member_ids = Vec::new();
            for member in &seed_group.members {
                let user = directory
                    .find_user(member)
                    .ok_or_else(|| SeedError::UnknownMember {
                        group: seed_group.display_name.clone(),
                        member: member.clone(),
                    })?;
                member_ids.push(user.id.clone());
            }
            directory.groups.push(GroupRecord {
                id: seed_group.id.clone(),
                display_name: seed_group.display_name.clone(),
                description: seed_group.description.clone(),
                member_ids,
            });
        }
        Ok(directory)
    }

    /// Clear-text PINs of seeded users, for the README and test scripts (UPN → PIN).
    pub fn seeded_pins(&self) -> Vec<(String, String)> {
        self.users
            .iter()
            .filter_map(|user| {
                user.qr_code_pin_method
                    .as_ref()
                    .map(|method| (user.user_principal_name.clone(), method.pin.code.clone()))
            })
            .collect()
    }

    pub fn note_for(&self, user_id: &str) -> Option<&str> {
        self.users
            .iter()
            .find(|user| user.id == user_id)
            .and_then(|user| user.note.as_deref())
    }
}

fn materialize_method(method: &SeedMethod, now: DateTime<Utc>) -> Result<MethodRecord, SeedError> {
    let created = resolve_time(&method.created_date_time, now)?;
    let code = |spec: &Option<SeedQrCode>| -> Result<Option<QrCodeRecord>, SeedError> {
        spec.as_ref()
            .map(|code| {
                let start = resolve_time(&code.start_date_time, now)?;
                Ok(QrCodeRecord {
                    id: code.id.clone().unwrap_or_else(ids::new_guid),
                    created_date_time: start.min(now),
                    start_date_time: start,
                    expire_date_time: resolve_time(&code.expire_date_time, now)?,
                    last_used_date_time: code
                        .last_used_date_time
                        .as_deref()
                        .map(|text| resolve_time(text, now))
                        .transpose()?,
                })
            })
            .transpose()
    };
    let salt = new_salt();
    let pin_updated = method
        .pin
        .updated_date_time
        .as_deref()
        .map(|text| resolve_time(text, now))
        .transpose()?
        .unwrap_or(created);
    Ok(MethodRecord {
        id: method.id.clone().unwrap_or_else(ids::new_guid),
        created_date_time: created,
        last_used_date_time: None,
        standard_qr_code: code(&method.standard_qr_code)?,
        temporary_qr_code: code(&method.temporary_qr_code)?,
        pin: PinRecord {
            id: ids::new_guid(),
            hash: hash_pin(&salt, &method.pin.code),
            salt,
            force_change_pin_next_sign_in: method.pin.force_change_pin_next_sign_in,
            created_date_time: created,
            updated_date_time: pin_updated,
        },
    })
}

/// `"now"`, `"now-30d"`, `"now+8h"`, `"now-90m"`, `"now+15s"` or an RFC 3339 instant.
pub fn resolve_time(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, SeedError> {
    let bad = || SeedError::Time(text.to_string());
    let trimmed = text.trim();
    let Some(relative) = trimmed.strip_prefix("now") else {
        return DateTime::parse_from_rfc3339(trimmed)
            .map(|instant| instant.with_timezone(&Utc))
            .map_err(|_| bad());
    };
    if relative.is_empty() {
        return Ok(now);
    }
    let (sign, rest) = match relative.split_at(1) {
        ("+", rest) => (1i64, rest),
        ("-", rest) => (-1i64, rest),
        _ => return Err(bad()),
    };
    let (number, unit) = rest.split_at(rest.len().saturating_sub(1));
    let amount: i64 = number.parse().map_err(|_| bad())?;
    let step = match unit {
        "d" => Duration::days(amount),
        "h" => Duration::hours(amount),
        "m" => Duration::minutes(amount),
        "s" => Duration::seconds(amount),
        _ => return Err(bad()),
    };
    Ok(if sign > 0 { now + step } else { now - step })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_resolve_against_now() {
        let now = Utc::now();
        assert_eq!(resolve_time("now", now).unwrap(), now);
        assert_eq!(
            resolve_time("now-30d", now).unwrap(),
            now - Duration::days(30)
        );
        assert_eq!(
            resolve_time("now+8h", now).unwrap(),
            now + Duration::hours(8)
        );
        assert!(resolve_time("yesterday", now).is_err());
        assert!(resolve_time("now*3d", now).is_err());
        assert_eq!(
            resolve_time("2025-01-01T12:00:00Z", now)
                .unwrap()
                .to_rfc3339(),
            "2025-01-01T12:00:00+00:00"
        );
    }

    #[test]
    fn built_in_seed_materializes() {
        let spec = SeedSpec::built_in().expect("built-in seed parses");
        let directory = spec
            .materialize(Utc::now())
            .expect("built-in seed resolves");
        assert!(directory.users.len() >= 6);
        assert!(!directory.groups.is_empty());
        assert!(directory.find_user("adele.vance@contoso.com").is_some());
    }
}

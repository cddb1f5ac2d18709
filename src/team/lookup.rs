//! Step one of a team run: what each member has today, asked 20 at a time through `$batch`.

use chrono::{DateTime, Utc};
use qrpin::api::METHOD_PATH;
use qrpin::batch::{KnownMethod, TeamMember, DEFAULT_RETRY_AFTER_SECONDS, MAX_BATCH_SIZE};
use qrpin::http::retry_after_seconds;
use qrpin::model::{QrCodePinMethod, User};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::protocol::percent_encode;

/// The Graph key of a user: the object id, or the UPN when the id is unknown.
fn key(user: &User) -> String {
    if user.id.trim().is_empty() {
        user.user_principal_name.clone().unwrap_or_default()
    } else {
        user.id.trim().to_string()
    }
}

pub fn to_member(user: &User, method: KnownMethod) -> TeamMember {
    TeamMember {
        id: user.id.clone(),
        upn: user.user_principal_name.clone().unwrap_or_default(),
        display_name: user
            .display_name
            .clone()
            .or_else(|| user.user_principal_name.clone())
            .unwrap_or_default(),
        method,
    }
}

/// `$batch` bodies that GET each user's method; item ids are the users' indexes.
pub fn lookup_batches(users: &[User]) -> Vec<(Vec<usize>, String)> {
    let indexes: Vec<usize> = (0..users.len()).collect();
    indexes
        .chunks(MAX_BATCH_SIZE)
        .map(|chunk| {
            let requests: Vec<Value> = chunk
                .iter()
                .map(|&i| {
                    json!({
                        "id": i.to_string(),
                        "method": "GET",
                        "url": format!("/users/{}{METHOD_PATH}", percent_encode(&key(&users[i]))),
                    })
                })
                .collect();
            (chunk.to_vec(), json!({ "requests": requests }).to_string())
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    Known(KnownMethod),
    /// Ask again after this many seconds.
    Throttled(f64),
    /// Graph could not say; the user is skipped with this code.
    Failed(String),
}

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    responses: Vec<ItemAnswer>,
}

#[derive(Deserialize)]
struct ItemAnswer {
    id: String,
    #[serde(default)]
    status: Value,
    #[serde(default)]
    headers: serde_json::Map<String, Value>,
    #[serde(default)]
    body: Value,
}

fn header(headers: &serde_json::Map<String, Value>, name: &str) -> Option<String> {
    headers.iter().find_map(|(k, v)| {
        k.eq_ignore_ascii_case(name).then(|| {
            v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string())
        })
    })
}

/// Reads a lookup `$batch` answer; `ids` are the users' indexes that were asked about.
pub fn read_lookup(body: &str, ids: &[usize], now: DateTime<Utc>) -> Vec<(usize, Lookup)> {
    let answers = serde_json::from_str::<Answer>(body)
        .map(|a| a.responses)
        .unwrap_or_default();
    ids.iter()
        .map(|&index| {
            let answer = answers.iter().find(|a| a.id == index.to_string());
            let lookup = match answer {
                None => Lookup::Throttled(DEFAULT_RETRY_AFTER_SECONDS),
                Some(a) => {
                    let status = a
                        .status
                        .as_u64()
                        .or_else(|| a.status.as_str().and_then(|s| s.parse().ok()))
                        .unwrap_or(0);
                    match status {
                        200 => match serde_json::from_value::<QrCodePinMethod>(a.body.clone()) {
                            Ok(method) => {
                                Lookup::Known(KnownMethod::from_lookup(Some(&method), now))
                            }
                            Err(_) => Lookup::Known(KnownMethod::Unknown),
                        },
                        404 => Lookup::Known(KnownMethod::from_lookup(None, now)),
                        429 | 503 => Lookup::Throttled(
                            header(&a.headers, "retry-after")
                                .as_deref()
                                .and_then(retry_after_seconds)
                                .unwrap_or(DEFAULT_RETRY_AFTER_SECONDS),
                        ),
                        _ => Lookup::Failed(
                            a.body["error"]["code"]
                                .as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| format!("http{status}")),
                        ),
                    }
                }
            };
            (index, lookup)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, upn: &str) -> User {
        serde_json::from_value(json!({"id": id, "userPrincipalName": upn, "displayName": upn}))
            .expect("user")
    }

    #[test]
    fn lookups_go_twenty_at_a_time_by_id_or_upn() {
        let users: Vec<User> = (0..45)
            .map(|i| user(&format!("id-{i}"), "x@contoso.com"))
            .collect();
        let batches = lookup_batches(&users);
        assert_eq!(batches.len(), 3);
        assert_eq!(batches[2].0, (40..45).collect::<Vec<_>>());
        let first: Value = serde_json::from_str(&batches[0].1).expect("json");
        assert_eq!(first["requests"].as_array().map(Vec::len), Some(20));
        assert_eq!(
            first["requests"][3]["url"],
            "/users/id-3/authentication/qrCodePinMethod"
        );
        let by_upn = lookup_batches(&[user("", "o'neil@contoso.com")]);
        assert!(by_upn[0].1.contains("/users/o%27neil%40contoso.com/"));
    }

    #[test]
    fn answers_become_known_methods_throttles_and_failures() {
        let now = Utc::now();
        let future = (now + chrono::Duration::days(100)).to_rfc3339();
        let body = json!({"responses": [
            {"id": "2", "status": 404, "body": {"error": {"code": "itemNotFound"}}},
            {"id": "0", "status": 200, "body": {"id": "m", "standardQRCode": {"id": "s",
                "startDateTime": now.to_rfc3339(), "expireDateTime": future}}},
            {"id": "1", "status": 429, "headers": {"Retry-After": "2.5"}, "body": {}},
            {"id": "3", "status": "403", "body": {"error": {"code": "Authorization_RequestDenied"}}}
        ]})
        .to_string();
        let read = read_lookup(&body, &[0, 1, 2, 3, 4], now);
        assert_eq!(read[0], (0, Lookup::Known(KnownMethod::ActiveStandardCode)));
        assert_eq!(read[1], (1, Lookup::Throttled(2.5)));
        assert_eq!(read[2], (2, Lookup::Known(KnownMethod::NoMethod)));
        assert_eq!(
            read[3],
            (3, Lookup::Failed("Authorization_RequestDenied".into()))
        );
        assert_eq!(
            read[4],
            (4, Lookup::Throttled(DEFAULT_RETRY_AFTER_SECONDS)),
            "no answer: ask again"
        );
    }
}

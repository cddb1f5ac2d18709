//! Step one of a team run: what each member has today, asked 20 at a time through `$batch`, and what each
//! answer says about each member: a known method, or a failure that `qrpin::retry` decides about.

use chrono::{DateTime, Utc};
use qrpin::api::METHOD_PATH;
use qrpin::batch::{decode_body, KnownMethod, TeamMember, MAX_BATCH_SIZE};
use qrpin::model::{parse_entity, QrCodePinMethod, User};
use qrpin::renewal::MethodLookup;
use qrpin::retry::{Failure, GaveUp};
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

/// `$batch` bodies that GET the method of `users[i]` for each `i` of `indexes`; item ids are those indexes.
pub fn lookup_batches(users: &[User], indexes: &[usize]) -> Vec<(Vec<usize>, String)> {
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

/// What one lookup found out.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    /// 404: the member has no method.
    NoMethod,
    /// The method as Graph returned it.
    Found(Box<QrCodePinMethod>),
    /// No usable answer; `qrpin::retry` decides whether to ask again.
    Failed(Failure),
}

/// What a run knows about one member's method once the lookups are over.
#[derive(Clone, Debug, PartialEq)]
pub enum MethodAnswer {
    /// 404: no method.
    NoMethod,
    /// The method as Graph returned it.
    Found(Box<QrCodePinMethod>),
    /// The lookup was given up (refused, or transient failures until the attempts ran out).
    GaveUp(GaveUp),
}

impl MethodAnswer {
    /// What a team run plans with.
    pub fn known_method(&self, now: DateTime<Utc>) -> KnownMethod {
        match self {
            MethodAnswer::NoMethod => KnownMethod::from_lookup(None, now),
            MethodAnswer::Found(method) => KnownMethod::from_lookup(Some(method), now),
            MethodAnswer::GaveUp(gave_up) => KnownMethod::LookupFailed(*gave_up),
        }
    }

    /// What a renewal assesses.
    pub fn renewal_lookup(&self) -> MethodLookup<'_> {
        match self {
            MethodAnswer::NoMethod => MethodLookup::NoMethod,
            MethodAnswer::Found(method) => MethodLookup::Found(method),
            MethodAnswer::GaveUp(_) => MethodLookup::Failed,
        }
    }
}

/// The outer answer to one lookup `$batch` POST.
pub enum Answer<'a> {
    /// Graph answered with this status, `Retry-After` and body.
    Http {
        status: u16,
        retry_after: Option<&'a str>,
        body: &'a str,
    },
    /// No answer came (connection failed, cut or timed out).
    NoAnswer,
}

#[derive(Deserialize)]
struct Responses {
    responses: Vec<ItemAnswer>,
}

#[derive(Deserialize)]
struct ItemAnswer {
    id: Value,
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

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.trim().to_string()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Reads the answer to a lookup `$batch`; `ids` are the users' indexes that were asked about, and every one of
/// them gets a result. A whole answer that failed or cannot be read is the same failure for each of them.
pub fn read_lookup(answer: Answer, ids: &[usize]) -> Vec<(usize, Lookup)> {
    let everyone = |failure: Failure| {
        ids.iter()
            .map(|&index| (index, Lookup::Failed(failure)))
            .collect()
    };
    let (status, retry_after, body) = match answer {
        Answer::NoAnswer => return everyone(Failure::Network),
        Answer::Http {
            status,
            retry_after,
            body,
        } => (status, retry_after, body),
    };
    if status != 200 {
        return everyone(Failure::status(status, retry_after));
    }
    let Ok(answers) = serde_json::from_str::<Responses>(body).map(|a| a.responses) else {
        return everyone(Failure::Unreadable);
    };
    ids.iter()
        .map(|&index| {
            let wanted = index.to_string();
            let lookup = match answers
                .iter()
                .find(|a| text_of(&a.id).as_deref() == Some(wanted.as_str()))
            {
                None => Lookup::Failed(Failure::NoResponse),
                Some(item) => read_item(item),
            };
            (index, lookup)
        })
        .collect()
}

fn read_item(item: &ItemAnswer) -> Lookup {
    let Some(status) = text_of(&item.status).and_then(|s| s.parse::<u16>().ok()) else {
        return Lookup::Failed(Failure::Unreadable);
    };
    match status {
        // Read as tolerantly as every other Graph answer (`parse_entity`), base64 bodies included.
        200 => match parse_entity::<QrCodePinMethod>(&decode_body(&item.body).to_string()) {
            Ok(method) => Lookup::Found(Box::new(method)),
            Err(_) => Lookup::Failed(Failure::Unreadable),
        },
        404 => Lookup::NoMethod,
        other => Lookup::Failed(Failure::status(
            other,
            header(&item.headers, "retry-after").as_deref(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, upn: &str) -> User {
        serde_json::from_value(json!({"id": id, "userPrincipalName": upn, "displayName": upn}))
            .expect("user")
    }

    /// What the team run makes of a lookup, as the tests before full methods were kept read it.
    fn known(lookup: Lookup, now: chrono::DateTime<chrono::Utc>) -> Result<KnownMethod, Failure> {
        match lookup {
            Lookup::NoMethod => Ok(KnownMethod::from_lookup(None, now)),
            Lookup::Found(method) => Ok(KnownMethod::from_lookup(Some(&method), now)),
            Lookup::Failed(failure) => Err(failure),
        }
    }

    fn ok(body: &str) -> Answer<'_> {
        Answer::Http {
            status: 200,
            retry_after: None,
            body,
        }
    }

    #[test]
    fn lookups_go_twenty_at_a_time_by_id_or_upn() {
        let users: Vec<User> = (0..45)
            .map(|i| user(&format!("id-{i}"), "x@contoso.com"))
            .collect();
        let all: Vec<usize> = (0..45).collect();
        let batches = lookup_batches(&users, &all);
        assert_eq!(batches.len(), 3);
        assert_eq!(batches[2].0, (40..45).collect::<Vec<_>>());
        let first: Value = serde_json::from_str(&batches[0].1).expect("json");
        assert_eq!(first["requests"].as_array().map(Vec::len), Some(20));
        assert_eq!(
            first["requests"][3]["url"],
            "/users/id-3/authentication/qrCodePinMethod"
        );
        let again = lookup_batches(&users, &[7, 30]);
        assert_eq!(again[0].0, vec![7, 30]);
        assert!(again[0].1.contains("/users/id-30/"));
        let by_upn = lookup_batches(&[user("", "o'neil@contoso.com")], &[0]);
        assert!(by_upn[0].1.contains("/users/o%27neil%40contoso.com/"));
    }

    #[test]
    fn answers_become_known_methods_or_failures() {
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
        let read: Vec<_> = read_lookup(ok(&body), &[0, 1, 2, 3, 4])
            .into_iter()
            .map(|(index, lookup)| (index, known(lookup, now)))
            .collect();
        assert_eq!(read[0], (0, Ok(KnownMethod::ActiveStandardCode)));
        assert_eq!(read[1], (1, Err(Failure::status(429, Some("2.5")))));
        assert_eq!(read[2], (2, Ok(KnownMethod::NoMethod)));
        assert_eq!(read[3], (3, Err(Failure::status(403, None))));
        assert_eq!(read[4], (4, Err(Failure::NoResponse)));
        let Lookup::Found(method) = &read_lookup(ok(&body), &[0])[0].1 else {
            panic!("the method is kept");
        };
        assert_eq!(
            method
                .standard_qr_code
                .as_ref()
                .and_then(|c| c.expire_date_time)
                .map(|d| d.timestamp()),
            Some((now + chrono::Duration::days(100)).timestamp())
        );
    }

    #[test]
    fn an_unreadable_success_is_a_failure_not_an_unknown_method() {
        let body = json!({"responses": [
            {"id": "0", "status": 200, "body": "{\"id\": \"trunc"},
            {"id": "1", "status": 200},
            {"id": "2", "status": 200, "body": [1, 2]},
            {"id": "3", "body": {}}
        ]})
        .to_string();
        for (index, lookup) in read_lookup(ok(&body), &[0, 1, 2, 3]) {
            assert_eq!(lookup, Lookup::Failed(Failure::Unreadable), "item {index}");
        }
    }

    #[test]
    fn base64_bodies_and_numeric_ids_are_read() {
        use base64::Engine;
        let now = Utc::now();
        let method = json!({"id": "m", "standardQRCode": null}).to_string();
        let encoded = base64::engine::general_purpose::STANDARD.encode(method);
        let body = json!({"responses": [{"id": 0, "status": 200, "body": encoded}]}).to_string();
        let [(0, lookup)] = &read_lookup(ok(&body), &[0])[..] else {
            panic!("one answer");
        };
        assert_eq!(
            known(lookup.clone(), now),
            Ok(KnownMethod::NoActiveStandardCode)
        );
    }

    #[test]
    fn a_failed_or_unreadable_batch_is_the_same_failure_for_everyone() {
        let throttled = Answer::Http {
            status: 429,
            retry_after: Some("3"),
            body: "",
        };
        assert_eq!(
            read_lookup(throttled, &[4, 5]),
            vec![
                (4, Lookup::Failed(Failure::status(429, Some("3")))),
                (5, Lookup::Failed(Failure::status(429, Some("3"))))
            ]
        );
        assert_eq!(
            read_lookup(ok("{\"responses\": [{\"id\""), &[1]),
            vec![(1, Lookup::Failed(Failure::Unreadable))]
        );
        assert_eq!(
            read_lookup(Answer::NoAnswer, &[1]),
            vec![(1, Lookup::Failed(Failure::Network))]
        );
    }
}

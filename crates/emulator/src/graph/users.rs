//! Directory reads the portal needs: the signed-in user, a user by id or UPN, a filtered user search (admin
//! mode), a team's members (badge sheets), and the list of a user's authentication methods.

use serde_json::{json, Value};

use super::auth::{Caller, MethodAccess};
use super::dispatch::resolve_subject;
use super::permissions::{GROUP_MEMBERS_READ, USER_READ_OTHERS, USER_READ_SELF};
use super::render;
use super::route::Subject;
use super::{GraphCall, GraphReply};
use crate::app::Emulator;
use crate::http::error::GraphError;
use crate::store::model::UserRecord;
use crate::timefmt::graph_timestamp;

pub fn get_user(
    emulator: &Emulator,
    call: &GraphCall,
    caller: &Caller,
    subject: &Subject,
) -> Result<GraphReply, GraphError> {
    let user = resolve_subject(emulator, caller, subject)?;
    caller.require_scope(if caller.is(&user) {
        USER_READ_SELF
    } else {
        USER_READ_OTHERS
    })?;
    let context = render::context(&call.origin, call.version, "users/$entity");
    Ok(GraphReply::ok(render::with_context(
        context,
        render::user(&user),
    )))
}

/// One clause of the supported `$filter` subset.
enum Clause {
    StartsWith(String, String),
    Equals(String, String),
}

const FILTERABLE: &[&str] = &[
    "displayName",
    "userPrincipalName",
    "mail",
    "givenName",
    "surname",
    "id",
];

/// `'it''s'` → `it's`.
fn literal(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix('\'')?.strip_suffix('\'')?;
    Some(inner.replace("''", "'"))
}

fn field(name: &str) -> Option<String> {
    FILTERABLE
        .iter()
        .find(|known| known.eq_ignore_ascii_case(name.trim()))
        .map(|known| known.to_string())
}

/// Graph's answer to a `$filter` it cannot evaluate.
fn unsupported_filter(filter: &str) -> GraphError {
    GraphError::new(
        axum::http::StatusCode::BAD_REQUEST,
        "Request_UnsupportedQuery",
        format!("Unsupported or invalid query filter clause specified: {filter}"),
    )
}

/// Parses `startswith(displayName,'Ad') or userPrincipalName eq 'x@contoso.com'`.
fn parse_filter(filter: &str) -> Result<Vec<Clause>, GraphError> {
    let invalid = || unsupported_filter(filter);
    let lower = filter.to_ascii_lowercase();
    let mut clauses = Vec::new();
    let mut start = 0;
    let mut pieces = Vec::new();
    while let Some(offset) = lower[start..].find(" or ") {
        pieces.push(&filter[start..start + offset]);
        start += offset + 4;
    }
    pieces.push(&filter[start..]);
    for piece in pieces {
        let piece = piece.trim();
        let piece_lower = piece.to_ascii_lowercase();
        if piece_lower.starts_with("startswith(") && piece.ends_with(')') {
            let inside = &piece["startswith(".len()..piece.len() - 1];
            let (name, value) = inside.split_once(',').ok_or_else(invalid)?;
            clauses.push(Clause::StartsWith(
                field(name).ok_or_else(invalid)?,
                literal(value).ok_or_else(invalid)?,
            ));
        } else if let Some(index) = piece_lower.find(" eq ") {
            let (name, value) = (&piece[..index], &piece[index + 4..]);
            clauses.push(Clause::Equals(
                field(name).ok_or_else(invalid)?,
                literal(value).ok_or_else(invalid)?,
            ));
        } else {
            return Err(invalid());
        }
    }
    Ok(clauses)
}

fn property(user: &UserRecord, name: &str) -> Option<String> {
    match name {
        "displayName" => Some(user.display_name.clone()),
        "userPrincipalName" => Some(user.user_principal_name.clone()),
        "mail" => user.mail.clone(),
        "givenName" => user.given_name.clone(),
        "surname" => user.surname.clone(),
        "id" => Some(user.id.clone()),
        _ => None,
    }
}

fn matches(user: &UserRecord, clauses: &[Clause]) -> bool {
    clauses.iter().any(|clause| match clause {
        Clause::StartsWith(name, prefix) => property(user, name)
            .is_some_and(|value| value.to_lowercase().starts_with(&prefix.to_lowercase())),
        Clause::Equals(name, wanted) => {
            property(user, name).is_some_and(|value| value.eq_ignore_ascii_case(wanted))
        }
    })
}

pub fn list_users(
    emulator: &Emulator,
    call: &GraphCall,
    caller: &Caller,
) -> Result<GraphReply, GraphError> {
    caller.require_scope(USER_READ_OTHERS)?;
    let clauses = match call.query_param("$filter") {
        Some(filter) if !filter.trim().is_empty() => Some(parse_filter(&filter)?),
        _ => None,
    };
    let top = match call.query_param("$top") {
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|top| (1..=999).contains(top))
            .ok_or_else(|| {
                GraphError::bad_request(format!(
                    "Invalid page size specified: '{text}'. Must be between 1 and 999 inclusive."
                ))
            })?,
        None => 100,
    };
    let users: Vec<Value> = emulator.store.read(|d| {
        d.users
            .iter()
            .filter(|user| {
                clauses
                    .as_ref()
                    .is_none_or(|clauses| matches(user, clauses))
            })
            .take(top)
            .map(render::user)
            .collect()
    });
    Ok(GraphReply::ok(render::collection(call, "users", users)))
}

/// `GET /groups?$filter=startswith(displayName,'…')`: how an administrator finds a team.
pub fn list_groups(
    emulator: &Emulator,
    call: &GraphCall,
    caller: &Caller,
) -> Result<GraphReply, GraphError> {
    caller.require_scope(GROUP_MEMBERS_READ)?;
    let prefix = match call.query_param("$filter") {
        Some(filter) if !filter.trim().is_empty() => match parse_filter(&filter)?.as_slice() {
            [Clause::StartsWith(field, prefix)] if field == "displayName" => {
                Some(prefix.to_lowercase())
            }
            _ => return Err(unsupported_filter(&filter)),
        },
        _ => None,
    };
    let groups: Vec<Value> = emulator.store.read(|d| {
        d.groups
            .iter()
            .filter(|group| {
                prefix
                    .as_ref()
                    .is_none_or(|p| group.display_name.to_lowercase().starts_with(p))
            })
            .map(|group| {
                json!({
                    "id": group.id,
                    "displayName": group.display_name,
                    "description": group.description,
                })
            })
            .collect()
    });
    Ok(GraphReply::ok(render::collection(call, "groups", groups)))
}

pub fn group_members(
    emulator: &Emulator,
    call: &GraphCall,
    caller: &Caller,
    group_id: &str,
) -> Result<GraphReply, GraphError> {
    caller.require_scope(GROUP_MEMBERS_READ)?;
    let members = emulator.store.read(|d| {
        d.find_group(group_id).map(|group| {
            group
                .member_ids
                .iter()
                .filter_map(|id| d.find_user(id))
                .map(|user| {
                    let mut entry = json!({ "@odata.type": "#microsoft.graph.user" });
                    if let (Value::Object(entry), Value::Object(fields)) =
                        (&mut entry, render::user(user))
                    {
                        entry.extend(fields);
                    }
                    entry
                })
                .collect::<Vec<Value>>()
        })
    });
    let members = members.ok_or_else(|| GraphError::resource_not_found(group_id))?;
    Ok(GraphReply::ok(render::collection(
        call,
        "directoryObjects",
        members,
    )))
}

/// Every user has a password; the QR code + PIN method is listed with its `@odata.type` when present.
pub fn authentication_methods(
    emulator: &Emulator,
    call: &GraphCall,
    caller: &Caller,
    subject: &Subject,
) -> Result<GraphReply, GraphError> {
    let user = resolve_subject(emulator, caller, subject)?;
    caller.require_method_access(&user, MethodAccess::Read)?;
    let method = emulator.store.read(|d| d.methods.get(&user.id).cloned());
    let mut value = vec![json!({
        "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
        "id": "28c10230-6103-485e-b985-444c60001490",
        "password": null,
        "createdDateTime": method.as_ref().map(|m| graph_timestamp(m.created_date_time)),
    })];
    if let Some(method) = method {
        value.push(render::method_summary(&method));
    }
    Ok(GraphReply::ok(render::collection(
        call,
        &format!("users('{}')/authentication/methods", user.id),
        value,
    )))
}

//! Routes a [`GraphCall`] to its operation after authenticating the caller and applying per-user throttling.

use axum::http::Method;

use super::auth::{authenticate, Caller};
use super::route::{self, GraphRoute, MethodPart, Subject};
use super::{methods, pin, policy, qr_codes, users, GraphCall, GraphReply, GraphVersion};
use crate::app::Emulator;
use crate::http::error::GraphError;
use crate::store::model::UserRecord;

pub fn dispatch(emulator: &Emulator, call: &GraphCall) -> Result<GraphReply, GraphError> {
    let route = route::parse(&call.path)?;
    if emulator.config.v1_without_qr_method
        && call.version == GraphVersion::V1
        && matches!(route, GraphRoute::QrCodePinMethod(..))
    {
        return Err(GraphError::unknown_segment(qrpin::api::METHOD_SEGMENT));
    }
    let caller = authenticate(emulator, call.authorization.as_deref(), &call.origin)?;
    let is_write = call.method != Method::GET && call.method != Method::HEAD;
    emulator
        .throttle
        .check(&caller.user.id, is_write, emulator.clock.now())
        .map_err(GraphError::throttled)?;
    match (&route, &call.method) {
        (GraphRoute::User(subject), &Method::GET) => {
            users::get_user(emulator, call, &caller, subject)
        }
        (GraphRoute::UserCollection, &Method::GET) => users::list_users(emulator, call, &caller),
        (GraphRoute::GroupCollection, &Method::GET) => users::list_groups(emulator, call, &caller),
        (GraphRoute::GroupMembers(group_id), &Method::GET) => {
            users::group_members(emulator, call, &caller, group_id)
        }
        (GraphRoute::AuthenticationMethods(subject), &Method::GET) => {
            users::authentication_methods(emulator, call, &caller, subject)
        }
        (GraphRoute::QrCodePinPolicy, method) => policy::handle(emulator, call, &caller, method),
        (GraphRoute::QrCodePinMethod(subject, part), method) => {
            let target = resolve_subject(emulator, &caller, subject)?;
            method_operation(emulator, call, &caller, &target, *part, method)
        }
        (GraphRoute::Batch, _) => Err(GraphError::bad_request("$batch requests cannot be nested.")),
        _ => Err(GraphError::method_not_allowed()),
    }
}

fn method_operation(
    emulator: &Emulator,
    call: &GraphCall,
    caller: &Caller,
    target: &UserRecord,
    part: MethodPart,
    method: &Method,
) -> Result<GraphReply, GraphError> {
    let ctx = methods::OperationContext {
        emulator,
        call,
        caller,
        target,
    };
    match (part, method.as_str()) {
        (MethodPart::Whole, "GET") => methods::get_method(&ctx),
        (MethodPart::Whole, "PUT") => methods::create_method(&ctx),
        (MethodPart::Whole, "DELETE") => methods::delete_method(&ctx),
        (MethodPart::Code(kind), "GET") => qr_codes::get_code(&ctx, kind),
        (MethodPart::Code(kind), "PATCH") => qr_codes::patch_code(&ctx, kind),
        (MethodPart::Code(kind), "DELETE") => qr_codes::delete_code(&ctx, kind),
        (MethodPart::Pin, "GET") => pin::get_pin(&ctx),
        (MethodPart::Pin, "PATCH") => pin::reset_pin(&ctx),
        // Docs say PATCH, the metadata says POST (an OData action): both are accepted.
        (MethodPart::UpdatePin, "POST" | "PATCH") => pin::update_pin(&ctx),
        _ => Err(GraphError::method_not_allowed()),
    }
}

/// `/me` is the caller; `/users/{id|upn}` must exist (404 `Request_ResourceNotFound` otherwise).
pub fn resolve_subject(
    emulator: &Emulator,
    caller: &Caller,
    subject: &Subject,
) -> Result<UserRecord, GraphError> {
    match subject {
        Subject::Me => Ok(caller.user.clone()),
        Subject::User(id) => emulator
            .store
            .read(|d| d.find_user(id).cloned())
            .ok_or_else(|| GraphError::resource_not_found(id)),
    }
}

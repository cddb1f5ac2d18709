//! The PIN: GET (code always null), PATCH = admin reset to a generated temporary PIN, and `updatePin`
//! where users change their own PIN (`currentPin` must match).

use super::auth::MethodAccess;
use super::body::{self, Shape};
use super::methods::{method_not_found, OperationContext, PIN_SHAPE};
use super::render;
use super::GraphReply;
use crate::domain;
use crate::http::error::GraphError;
use crate::store::pin_hash::{hash_pin, new_salt, pin_matches};
use qrpin::api::PIN_SEGMENT;

pub fn get_pin(ctx: &OperationContext) -> Result<GraphReply, GraphError> {
    ctx.authorize(MethodAccess::Read)?;
    let pin = ctx
        .emulator
        .store
        .read(|d| {
            d.methods
                .get(&ctx.target.id)
                .map(|method| method.pin.clone())
        })
        .ok_or_else(method_not_found)?;
    Ok(GraphReply::ok(render::with_context(
        ctx.context(&format!("/{PIN_SEGMENT}")),
        render::pin(&pin, None),
    )))
}

/// Admin reset: a new generated PIN of the policy's length, to be changed at next sign-in.
/// Self-service reset is not supported by the service, so acting on oneself is refused.
pub fn reset_pin(ctx: &OperationContext) -> Result<GraphReply, GraphError> {
    if ctx.caller.is(ctx.target) {
        return Err(GraphError::new(
            axum::http::StatusCode::FORBIDDEN,
            "accessDenied",
            "Self-service PIN reset isn't supported. Ask an administrator to reset your PIN, or change it with updatePin.",
        ));
    }
    ctx.authorize(MethodAccess::Write)?;
    let request = body::parse_object(&ctx.call.body)?;
    PIN_SHAPE.check(&request)?;
    body::string(&request, "code")?;
    let now = ctx.now();
    let user_id = ctx.target.id.clone();
    let (pin, code) = ctx.emulator.store.write(|directory| {
        let pin_length = directory.policy.pin_length;
        let method = directory
            .methods
            .get_mut(&user_id)
            .ok_or_else(method_not_found)?;
        let code = domain::generate_pin(pin_length);
        let salt = new_salt();
        method.pin.hash = hash_pin(&salt, &code);
        method.pin.salt = salt;
        method.pin.force_change_pin_next_sign_in = true;
        method.pin.updated_date_time = now;
        Ok::<_, GraphError>((method.pin.clone(), code))
    })?;
    Ok(GraphReply::created(
        render::with_context(
            ctx.context(&format!("/{PIN_SEGMENT}")),
            render::pin(&pin, Some(&code)),
        ),
        None,
    ))
}

const UPDATE_SHAPE: Shape = Shape {
    type_name: "microsoft.graph.qrPin",
    writable: &["currentPin", "newPin"],
    read_only: &[],
};

pub fn update_pin(ctx: &OperationContext) -> Result<GraphReply, GraphError> {
    ctx.authorize(MethodAccess::UpdatePin)?;
    let request = body::parse_object(&ctx.call.body)?;
    UPDATE_SHAPE.check(&request)?;
    let current = body::required("currentPin", body::string(&request, "currentPin")?)?;
    let new = body::required("newPin", body::string(&request, "newPin")?)?;
    let now = ctx.now();
    let user_id = ctx.target.id.clone();
    ctx.emulator.store.write(|directory| {
        let pin_length = directory.policy.pin_length;
        let method = directory
            .methods
            .get_mut(&user_id)
            .ok_or_else(method_not_found)?;
        if !pin_matches(&method.pin, &current) {
            return Err(GraphError::bad_request(
                "Invalid PIN. The current PIN is incorrect.",
            ));
        }
        domain::check_pin(&new, pin_length)?;
        if new == current {
            return Err(GraphError::bad_request(
                "Invalid PIN. The new PIN must be different from the current PIN.",
            ));
        }
        let salt = new_salt();
        method.pin.hash = hash_pin(&salt, &new);
        method.pin.salt = salt;
        method.pin.force_change_pin_next_sign_in = false;
        method.pin.updated_date_time = now;
        Ok(())
    })?;
    Ok(GraphReply::no_content())
}

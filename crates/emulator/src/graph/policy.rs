//! `/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin`: GET, PATCH
//! (v1.0 answers 200 with the policy, beta 204 — as documented) and DELETE (restore defaults).

use axum::http::Method;
use serde_json::json;

use super::auth::Caller;
use super::body::{self, Shape};
use super::permissions::{POLICY_READ, POLICY_READ_ROLES, POLICY_WRITE, POLICY_WRITE_ROLES};
use super::render;
use super::{GraphCall, GraphReply, GraphVersion};
use crate::app::Emulator;
use crate::http::error::GraphError;
use crate::store::model::PolicyRecord;

const POLICY_SHAPE: Shape = Shape {
    type_name: "microsoft.graph.qrCodePinAuthenticationMethodConfiguration",
    writable: &[
        "state",
        "pinLength",
        "standardQRCodeLifetimeInDays",
        "includeTargets",
        "excludeTargets",
    ],
    read_only: &["id"],
};

pub fn handle(
    emulator: &Emulator,
    call: &GraphCall,
    caller: &Caller,
    method: &Method,
) -> Result<GraphReply, GraphError> {
    let context = render::context(
        &call.origin,
        call.version,
        "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity",
    );
    match method.as_str() {
        "GET" => {
            caller.require_scope(POLICY_READ)?;
            caller.require_role(POLICY_READ_ROLES)?;
            let policy = emulator.store.read(|d| d.policy.clone());
            let mut body = render::with_context(context, render::policy(&policy, true));
            body["includeTargets@odata.context"] = json!(render::context(
                &call.origin,
                call.version,
                "policies/authenticationMethodsPolicy/authenticationMethodConfigurations('qrCodePin')/microsoft.graph.qrCodePinAuthenticationMethodConfiguration/includeTargets",
            ));
            Ok(GraphReply::ok(body))
        }
        "PATCH" => {
            caller.require_scope(POLICY_WRITE)?;
            caller.require_role(POLICY_WRITE_ROLES)?;
            let request = body::parse_object(&call.body)?;
            if !request.contains_key("@odata.type") {
                return Err(GraphError::bad_request(
                    "The request body must include '@odata.type' with the value '#microsoft.graph.qrCodePinAuthenticationMethodConfiguration'.",
                ));
            }
            POLICY_SHAPE.check(&request)?;
            let state = body::string(&request, "state")?;
            if let Some(state) = &state {
                if state != "enabled" && state != "disabled" {
                    return Err(GraphError::bad_request(format!(
                        "Requested value '{state}' was not found for the property 'state'."
                    )));
                }
            }
            let pin_length = body::integer(&request, "pinLength")?;
            if pin_length.is_some_and(|len| !(8..=20).contains(&len)) {
                return Err(GraphError::bad_request(
                    "pinLength must be between 8 and 20.",
                ));
            }
            let lifetime = body::integer(&request, "standardQRCodeLifetimeInDays")?;
            if lifetime.is_some_and(|days| !(1..=395).contains(&days)) {
                return Err(GraphError::bad_request(
                    "standardQRCodeLifetimeInDays must be between 1 and 395.",
                ));
            }
            let include = body::array(
                &request,
                "includeTargets",
                "Collection(microsoft.graph.authenticationMethodTarget)",
            )?
            .cloned();
            let exclude = body::array(
                &request,
                "excludeTargets",
                "Collection(microsoft.graph.excludeTarget)",
            )?
            .cloned();
            let updated = emulator.store.write(|directory| {
                let policy = &mut directory.policy;
                if let Some(state) = state {
                    policy.state = state;
                }
                if let Some(len) = pin_length {
                    policy.pin_length = len as u32;
                }
                if let Some(days) = lifetime {
                    policy.standard_qr_code_lifetime_in_days = days as u32;
                }
                if let Some(include) = include {
                    policy.include_targets = include;
                }
                if let Some(exclude) = exclude {
                    policy.exclude_targets = exclude;
                }
                Ok::<_, GraphError>(policy.clone())
            })?;
            match call.version {
                GraphVersion::V1 => Ok(GraphReply::ok(render::with_context(
                    context,
                    render::policy(&updated, false),
                ))),
                GraphVersion::Beta => Ok(GraphReply::no_content()),
            }
        }
        "DELETE" => {
            caller.require_scope(POLICY_WRITE)?;
            caller.require_role(POLICY_WRITE_ROLES)?;
            emulator.store.write(|directory| {
                directory.policy = PolicyRecord::default();
                Ok::<_, GraphError>(())
            })?;
            Ok(GraphReply::no_content())
        }
        _ => Err(GraphError::method_not_allowed()),
    }
}

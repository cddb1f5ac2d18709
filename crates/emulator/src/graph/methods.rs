//! The method itself: GET, PUT (create with a standard QR code and a PIN), DELETE.

use super::auth::{require_recent_sign_in, Caller, MethodAccess};
use super::body::{self, Shape};
use super::render::{self, QrImage};
use super::{GraphCall, GraphReply};
use crate::app::Emulator;
use crate::domain;
use crate::http::error::GraphError;
use crate::ids::new_guid;
use crate::store::model::{MethodRecord, PinRecord, QrCodeRecord, UserRecord};
use crate::store::pin_hash::{hash_pin, new_salt};
use qrpin::api::{CodeKind, METHOD_PATH};

/// Everything an operation on a user's method needs.
pub struct OperationContext<'a> {
    pub emulator: &'a Emulator,
    pub call: &'a GraphCall,
    pub caller: &'a Caller,
    pub target: &'a UserRecord,
}

impl OperationContext<'_> {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.emulator.clock.now()
    }

    /// Permission check, plus the 10-minute rule when users change their own method.
    pub fn authorize(&self, access: MethodAccess) -> Result<(), GraphError> {
        self.caller.require_method_access(self.target, access)?;
        if access != MethodAccess::Read && self.caller.is(self.target) {
            require_recent_sign_in(self.emulator, self.caller, &self.call.origin)?;
        }
        Ok(())
    }

    pub fn context(&self, suffix: &str) -> String {
        render::method_context(
            &self.call.origin,
            self.call.version,
            &self.target.id,
            suffix,
        )
    }

    pub fn method_location(&self) -> String {
        format!(
            "/{}/users/{}{METHOD_PATH}",
            self.call.version.segment(),
            self.target.id
        )
    }

    /// A new standard or temporary code: ids, window and (once only) the image.
    pub fn new_code(
        &self,
        start: chrono::DateTime<chrono::Utc>,
        expire: chrono::DateTime<chrono::Utc>,
    ) -> Result<(QrCodeRecord, QrImage), GraphError> {
        let id = new_guid();
        let config = &self.emulator.config;
        let image = domain::render_qr(
            &self.target.user_principal_name,
            &id,
            &config.qr_level,
            config.qr_min_version,
        )?;
        let record = QrCodeRecord {
            id,
            created_date_time: self.now(),
            start_date_time: start,
            expire_date_time: expire,
            last_used_date_time: None,
        };
        Ok((record, image))
    }
}

pub fn method_not_found() -> GraphError {
    GraphError::item_not_found("The user has no QR code authentication method.")
}

pub fn policy_disabled() -> GraphError {
    GraphError::bad_request("The QR code authentication method is disabled by the tenant's authentication methods policy.")
}

pub fn get_method(ctx: &OperationContext) -> Result<GraphReply, GraphError> {
    ctx.authorize(MethodAccess::Read)?;
    let record = ctx
        .emulator
        .store
        .read(|d| d.methods.get(&ctx.target.id).cloned())
        .ok_or_else(method_not_found)?;
    let entity = render::method(&record, ctx.call.version, None);
    Ok(GraphReply::ok(render::with_context(
        ctx.context(""),
        entity,
    )))
}

const METHOD_SHAPE: Shape = Shape {
    type_name: "microsoft.graph.qrCodePinAuthenticationMethod",
    writable: &["standardQRCode", "pin"],
    read_only: &[
        "id",
        "createdDateTime",
        "lastUsedDateTime",
        "temporaryQRCode",
        "isUsable",
        "methodUsabilityReason",
    ],
};
const CREATE_CODE_SHAPE: Shape = Shape {
    type_name: "microsoft.graph.qrCode",
    writable: &["startDateTime", "expireDateTime"],
    read_only: &["id", "createdDateTime", "lastUsedDateTime", "image"],
};
/// A `qrPin` body, on create and on reset: only `code` may be sent. (On reset "this code is auto-generated", so
/// the reference example's `code` is accepted and ignored.)
pub(super) const PIN_SHAPE: Shape = Shape {
    type_name: "microsoft.graph.qrPin",
    writable: &["code"],
    read_only: &[
        "id",
        "createdDateTime",
        "updatedDateTime",
        "forceChangePinNextSignIn",
    ],
};

/// PUT: creates the method with a standard QR code and a temporary PIN (custom or generated). Refused while
/// the user still has a usable method ("you must first delete existing respective objects").
pub fn create_method(ctx: &OperationContext) -> Result<GraphReply, GraphError> {
    ctx.authorize(MethodAccess::Write)?;
    let request = body::parse_object(&ctx.call.body)?;
    METHOD_SHAPE.check(&request)?;
    let standard = body::required(
        "standardQRCode",
        body::object(&request, "standardQRCode", "microsoft.graph.qrCode")?,
    )?;
    CREATE_CODE_SHAPE.check(standard)?;
    let pin_request = body::object(&request, "pin", "microsoft.graph.qrPin")?;
    if let Some(pin_request) = pin_request {
        PIN_SHAPE.check(pin_request)?;
    }
    let custom_pin = match pin_request {
        Some(pin_request) => body::string(pin_request, "code")?.filter(|code| !code.is_empty()),
        None => None,
    };
    let (pin_length, lifetime_days) = ctx.emulator.store.read(|d| {
        (
            d.policy.pin_length,
            d.policy.standard_qr_code_lifetime_in_days,
        )
    });
    let now = ctx.now();
    let start = body::required("startDateTime", body::date_time(standard, "startDateTime")?)?;
    let expire = body::date_time(standard, "expireDateTime")?
        .unwrap_or(start + chrono::Duration::days(i64::from(lifetime_days)));
    domain::check_window(CodeKind::Standard, start, expire, now)?;
    let pin_code = match custom_pin {
        Some(code) => {
            domain::check_pin(&code, pin_length)?;
            code
        }
        None => domain::generate_pin(pin_length),
    };
    let (code, image) = ctx.new_code(start, expire)?;
    let salt = new_salt();
    let record = MethodRecord {
        id: new_guid(),
        created_date_time: now,
        last_used_date_time: None,
        standard_qr_code: Some(code),
        temporary_qr_code: None,
        pin: PinRecord {
            id: new_guid(),
            hash: hash_pin(&salt, &pin_code),
            salt,
            force_change_pin_next_sign_in: true,
            created_date_time: now,
            updated_date_time: now,
        },
    };
    let user_id = ctx.target.id.clone();
    ctx.emulator.store.write(|directory| {
        if !directory.policy.is_enabled() {
            return Err(policy_disabled());
        }
        if directory.methods.get(&user_id).is_some_and(|existing| existing.is_usable(now)) {
            return Err(GraphError::bad_request(
                "The user already has an active QR code authentication method. Delete it before creating a new one.",
            ));
        }
        directory.methods.insert(user_id.clone(), record.clone());
        Ok(())
    })?;
    let entity = render::method(&record, ctx.call.version, Some((&image, &pin_code)));
    Ok(GraphReply::created(
        render::with_context(ctx.context(""), entity),
        Some(ctx.method_location()),
    ))
}

/// DELETE: removes the method with both codes and the PIN.
pub fn delete_method(ctx: &OperationContext) -> Result<GraphReply, GraphError> {
    ctx.authorize(MethodAccess::Write)?;
    let user_id = ctx.target.id.clone();
    ctx.emulator.store.write(|directory| {
        directory
            .methods
            .remove(&user_id)
            .map(|_| ())
            .ok_or_else(method_not_found)
    })?;
    Ok(GraphReply::no_content())
}

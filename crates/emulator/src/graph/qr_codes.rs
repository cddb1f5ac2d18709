//! `standardQRCode` and `temporaryQRCode`: GET, PATCH (create when none is active, or change a standard
//! code's expiry) and DELETE.

use super::auth::MethodAccess;
use super::body::{self, Shape};
use super::methods::{method_not_found, policy_disabled, OperationContext};
use super::render;
use super::GraphReply;
use crate::domain;
use crate::http::error::GraphError;
use crate::store::model::{MethodRecord, QrCodeRecord};
use qrpin::api::CodeKind;

fn slot(method: &mut MethodRecord, kind: CodeKind) -> &mut Option<QrCodeRecord> {
    match kind {
        CodeKind::Standard => &mut method.standard_qr_code,
        CodeKind::Temporary => &mut method.temporary_qr_code,
    }
}

/// `/standardQRCode` or `/temporaryQRCode`, after the method in `@odata.context`.
fn suffix(kind: CodeKind) -> String {
    format!("/{}", kind.segment())
}

fn code_not_found(kind: CodeKind) -> GraphError {
    GraphError::item_not_found(match kind {
        CodeKind::Standard => "The user has no standard QR code.",
        CodeKind::Temporary => "The user has no temporary QR code.",
    })
}

pub fn get_code(ctx: &OperationContext, kind: CodeKind) -> Result<GraphReply, GraphError> {
    ctx.authorize(MethodAccess::Read)?;
    let mut method = ctx
        .emulator
        .store
        .read(|d| d.methods.get(&ctx.target.id).cloned())
        .ok_or_else(method_not_found)?;
    let code = slot(&mut method, kind)
        .clone()
        .ok_or_else(|| code_not_found(kind))?;
    Ok(GraphReply::ok(render::with_context(
        ctx.context(&suffix(kind)),
        render::qr_code(&code, None),
    )))
}

const PATCH_SHAPE: Shape = Shape {
    type_name: "microsoft.graph.qrCode",
    writable: &["startDateTime", "expireDateTime"],
    read_only: &["id", "createdDateTime", "lastUsedDateTime", "image"],
};

enum PatchOutcome {
    Created(QrCodeRecord),
    Updated(QrCodeRecord),
}

/// An active (or not yet valid) standard code is updated (expiry only); otherwise a new code is created,
/// replacing an expired one. A temporary code cannot be edited: PATCH over an active one fails.
pub fn patch_code(ctx: &OperationContext, kind: CodeKind) -> Result<GraphReply, GraphError> {
    ctx.authorize(MethodAccess::Write)?;
    let request = body::parse_object(&ctx.call.body)?;
    PATCH_SHAPE.check(&request)?;
    let start = body::date_time(&request, "startDateTime")?;
    let expire = body::date_time(&request, "expireDateTime")?;
    let now = ctx.now();
    let lifetime_days = ctx
        .emulator
        .store
        .read(|d| d.policy.standard_qr_code_lifetime_in_days);
    // Drawing the symbol is the slow part; do it before taking the store lock, and only if it may be needed.
    let prepared = match start {
        Some(start) => {
            let expire = match (kind, expire) {
                (_, Some(expire)) => expire,
                (CodeKind::Standard, None) => {
                    start + chrono::Duration::days(i64::from(lifetime_days))
                }
                (CodeKind::Temporary, None) => return Err(body::missing("expireDateTime")),
            };
            Some(ctx.new_code(start, expire)?)
        }
        None => None,
    };
    let user_id = ctx.target.id.clone();
    let outcome = ctx.emulator.store.write(|directory| {
        let method = directory.methods.get_mut(&user_id).ok_or_else(method_not_found)?;
        let current = slot(method, kind);
        let live = current.as_ref().filter(|code| !code.is_expired(now)).cloned();
        match (kind, live) {
            (CodeKind::Temporary, Some(_)) => Err(GraphError::bad_request(
                "The user already has an active temporary QR code; it cannot be edited. Delete it before creating a new one.",
            )),
            (CodeKind::Standard, Some(existing)) => {
                if start.is_some_and(|start| start != existing.start_date_time) {
                    return Err(GraphError::bad_request(
                        "Only expireDateTime can be updated for an existing standard QR code. Delete it to create a new one.",
                    ));
                }
                let expire = body::required("expireDateTime", expire)?;
                domain::check_window(kind, existing.start_date_time, expire, now)?;
                let updated = QrCodeRecord { expire_date_time: expire, ..existing };
                *current = Some(updated.clone());
                Ok(PatchOutcome::Updated(updated))
            }
            (_, None) => {
                if !directory.policy.is_enabled() {
                    return Err(policy_disabled());
                }
                let (code, _) = prepared.as_ref().ok_or_else(|| {
                    GraphError::bad_request("The property 'startDateTime' is required to create a QR code.")
                })?;
                domain::check_window(kind, code.start_date_time, code.expire_date_time, now)?;
                *current = Some(code.clone());
                Ok(PatchOutcome::Created(code.clone()))
            }
        }
    });
    match outcome? {
        PatchOutcome::Updated(code) => Ok(GraphReply::ok(render::with_context(
            ctx.context(&suffix(kind)),
            render::qr_code(&code, None),
        ))),
        PatchOutcome::Created(code) => {
            let image = prepared.map(|(_, image)| image);
            Ok(GraphReply::created(
                render::with_context(
                    ctx.context(&suffix(kind)),
                    render::qr_code(&code, image.as_ref()),
                ),
                Some(format!("{}{}", ctx.method_location(), suffix(kind))),
            ))
        }
    }
}

pub fn delete_code(ctx: &OperationContext, kind: CodeKind) -> Result<GraphReply, GraphError> {
    ctx.authorize(MethodAccess::Write)?;
    let user_id = ctx.target.id.clone();
    ctx.emulator.store.write(|directory| {
        let method = directory
            .methods
            .get_mut(&user_id)
            .ok_or_else(method_not_found)?;
        slot(method, kind)
            .take()
            .map(|_| ())
            .ok_or_else(|| code_not_found(kind))
    })?;
    Ok(GraphReply::no_content())
}

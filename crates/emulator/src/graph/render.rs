//! Graph-shaped JSON for the emulator's records: `@odata.context`/`@odata.type`, children inline, `image`
//! only on create, `pin.code` only on create/reset, "never used" as `0001-01-01T00:00:00Z`.

use serde_json::{json, Map, Value};

use super::{GraphCall, GraphVersion};
use crate::store::model::{MethodRecord, PinRecord, PolicyRecord, QrCodeRecord, UserRecord};
use crate::timefmt::{graph_timestamp, NEVER_USED};
use qrpin::api::METHOD_PATH;

pub const METHOD_TYPE: &str = "#microsoft.graph.qrCodePinAuthenticationMethod";
pub const QR_CODE_TYPE: &str = "#microsoft.graph.qrCode";
pub const QR_PIN_TYPE: &str = "#microsoft.graph.qrPin";
pub const IMAGE_TYPE: &str = "#microsoft.graph.qrCodeImageDetails";
pub const POLICY_TYPE: &str = "#microsoft.graph.qrCodePinAuthenticationMethodConfiguration";

/// What the QR symbol of a freshly created code looks like (returned once).
#[derive(Clone, Debug)]
pub struct QrImage {
    pub binary_value: String,
    pub error_correction_level: String,
    pub raw_content: String,
    pub version: i16,
}

pub fn context(origin: &str, version: GraphVersion, fragment: &str) -> String {
    format!("{origin}/{}/$metadata#{fragment}", version.segment())
}

/// An OData collection response to `call`: `@odata.context` and `value`.
pub fn collection(call: &GraphCall, fragment: &str, value: Vec<Value>) -> Value {
    json!({
        "@odata.context": context(&call.origin, call.version, fragment),
        "value": value,
    })
}

/// The OData path of a user's method for `@odata.context`.
pub fn method_context(origin: &str, version: GraphVersion, user_id: &str, suffix: &str) -> String {
    context(
        origin,
        version,
        &format!("users('{user_id}'){METHOD_PATH}{suffix}/$entity"),
    )
}

fn last_used(value: &Option<chrono::DateTime<chrono::Utc>>) -> Value {
    json!(value
        .map(graph_timestamp)
        .unwrap_or_else(|| NEVER_USED.to_string()))
}

pub fn qr_code(code: &QrCodeRecord, image: Option<&QrImage>) -> Value {
    let image = match image {
        Some(image) => json!({
            "@odata.type": IMAGE_TYPE,
            "binaryValue": image.binary_value,
            "version": image.version,
            "errorCorrectionLevel": image.error_correction_level,
            "rawContent": image.raw_content,
        }),
        None => Value::Null,
    };
    json!({
        "@odata.type": QR_CODE_TYPE,
        "id": code.id,
        "expireDateTime": graph_timestamp(code.expire_date_time),
        "startDateTime": graph_timestamp(code.start_date_time),
        "createdDateTime": graph_timestamp(code.created_date_time),
        "lastUsedDateTime": last_used(&code.last_used_date_time),
        "image": image,
    })
}

/// `code` is the clear PIN only right after creation or reset; `null` otherwise.
pub fn pin(record: &PinRecord, code: Option<&str>) -> Value {
    json!({
        "@odata.type": QR_PIN_TYPE,
        "id": record.id,
        "code": code,
        "forceChangePinNextSignIn": record.force_change_pin_next_sign_in,
        "createdDateTime": graph_timestamp(record.created_date_time),
        "updatedDateTime": graph_timestamp(record.updated_date_time),
    })
}

/// The whole method. `fresh` carries what only a create response shows (standard image, PIN code).
pub fn method(
    record: &MethodRecord,
    version: GraphVersion,
    fresh: Option<(&QrImage, &str)>,
) -> Value {
    let mut body = Map::new();
    body.insert("@odata.type".into(), json!(METHOD_TYPE));
    body.insert("id".into(), json!(record.id));
    body.insert(
        "createdDateTime".into(),
        json!(graph_timestamp(record.created_date_time)),
    );
    // v1.0's authenticationMethod has no lastUsedDateTime; beta's does.
    if version == GraphVersion::Beta {
        body.insert(
            "lastUsedDateTime".into(),
            last_used(&record.last_used_date_time),
        );
    }
    body.insert(
        "standardQRCode".into(),
        record
            .standard_qr_code
            .as_ref()
            .map_or(Value::Null, |code| {
                qr_code(code, fresh.map(|(image, _)| image))
            }),
    );
    body.insert(
        "temporaryQRCode".into(),
        record
            .temporary_qr_code
            .as_ref()
            .map_or(Value::Null, |code| qr_code(code, None)),
    );
    body.insert("pin".into(), pin(&record.pin, fresh.map(|(_, code)| code)));
    Value::Object(body)
}

/// The entry of `GET …/authentication/methods`.
pub fn method_summary(record: &MethodRecord) -> Value {
    json!({
        "@odata.type": METHOD_TYPE,
        "id": record.id,
        "createdDateTime": graph_timestamp(record.created_date_time),
    })
}

/// The default `$select` of a user, plus `department` which the portal shows.
pub fn user(record: &UserRecord) -> Value {
    json!({
        "id": record.id,
        "businessPhones": [],
        "displayName": record.display_name,
        "givenName": record.given_name,
        "jobTitle": record.job_title,
        "mail": record.mail,
        "mobilePhone": null,
        "officeLocation": record.office_location,
        "preferredLanguage": "en-US",
        "surname": record.surname,
        "userPrincipalName": record.user_principal_name,
        "department": record.department,
    })
}

pub fn policy(record: &PolicyRecord, include_targets: bool) -> Value {
    let mut body = json!({
        "@odata.type": POLICY_TYPE,
        "id": "qrCodePin",
        "state": record.state,
        "standardQRCodeLifetimeInDays": record.standard_qr_code_lifetime_in_days,
        "pinLength": record.pin_length,
        "excludeTargets": record.exclude_targets,
    });
    if include_targets {
        body["includeTargets"] = json!(record.include_targets);
    }
    body
}

/// Adds `@odata.context` in front of an entity.
pub fn with_context(context: String, entity: Value) -> Value {
    let mut body = Map::new();
    body.insert("@odata.context".into(), json!(context));
    if let Value::Object(members) = entity {
        body.extend(members);
    }
    Value::Object(body)
}

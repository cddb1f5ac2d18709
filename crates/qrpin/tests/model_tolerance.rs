//! Reading is tolerant of every variation Graph's documentation shows: unknown properties and annotations, `null`,
//! missing or year-one dates, dates with offsets or no zone, `pin.code` `null` or `""`, an older property name,
//! `{"value": {...}}` wrappers, and out-of-range policy values.

use chrono::{TimeZone, Utc};
use qrpin::model::{
    parse_entity, Collection, ErrorCorrectionLevel, ParseError, QrCode, QrCodeImage,
    QrCodePinMethod, QrCodePinPolicy, QrPin, User,
};

#[test]
fn unknown_properties_and_odata_annotations_are_ignored() {
    let json = r##"{
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#users('x')/authentication/qrCodePinMethod/$entity",
        "@odata.type": "microsoft.graph.qrCodePinAuthenticationMethod",
        "id": "m1", "isUsable": true, "methodUsabilityReason": "EnabledByPolicy",
        "somethingNew": {"nested": [1, 2, 3]},
        "standardQRCode": {"@odata.type": "#microsoft.graph.qrCode", "id": "s1", "futureField": 7}
    }"##;
    let method: QrCodePinMethod = parse_entity(json).expect("parses");
    assert_eq!(method.id, "m1");
    assert_eq!(
        method.standard_qr_code.map(|code| code.id).as_deref(),
        Some("s1")
    );
    assert_eq!(method.temporary_qr_code, None);
    assert_eq!(method.pin, None);
}

#[test]
fn null_missing_and_year_one_dates_are_none() {
    let json = r#"{"id": "c", "createdDateTime": null, "lastUsedDateTime": "0001-01-01T00:00:00Z",
                   "startDateTime": "2025-01-01T12:00:00Z"}"#;
    let code: QrCode = parse_entity(json).expect("parses");
    assert_eq!(code.created_date_time, None);
    assert_eq!(code.last_used_date_time, None);
    assert_eq!(code.expire_date_time, None, "missing");
    assert_eq!(
        code.start_date_time,
        Some(Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap())
    );
}

#[test]
fn dates_with_offsets_fractions_or_no_zone_are_read_as_utc() {
    let json = r#"{"id": "c", "startDateTime": "2025-01-01T13:00:00+01:00",
                   "expireDateTime": "2025-12-19T12:00:00.1234567Z", "createdDateTime": "2025-03-04T21:27:46",
                   "lastUsedDateTime": "yesterday"}"#;
    let code: QrCode = parse_entity(json).expect("parses");
    assert_eq!(
        code.start_date_time,
        Some(Utc.with_ymd_and_hms(2025, 1, 1, 12, 0, 0).unwrap())
    );
    let expire = Utc.with_ymd_and_hms(2025, 12, 19, 12, 0, 0).unwrap()
        + chrono::Duration::nanoseconds(123_456_700);
    assert_eq!(code.expire_date_time, Some(expire));
    assert_eq!(
        code.created_date_time,
        Some(Utc.with_ymd_and_hms(2025, 3, 4, 21, 27, 46).unwrap())
    );
    assert_eq!(
        code.last_used_date_time, None,
        "an unreadable date is unknown, not an error"
    );
}

#[test]
fn error_correction_level_ignores_case_and_keeps_unknown_values() {
    let level = |text: &str| -> ErrorCorrectionLevel {
        let image: QrCodeImage = parse_entity(&format!(
            r#"{{"rawContent": "", "errorCorrectionLevel": {text}}}"#
        ))
        .expect("parses");
        image.error_correction_level
    };
    assert_eq!(level(r#""l""#), ErrorCorrectionLevel::L);
    assert_eq!(level(r#""L""#), ErrorCorrectionLevel::L);
    assert_eq!(level(r#""m""#), ErrorCorrectionLevel::M);
    assert_eq!(level(r#""Q""#), ErrorCorrectionLevel::Q);
    assert_eq!(
        level(r#""H""#),
        ErrorCorrectionLevel::H,
        "Entra how-to spelling"
    );
    assert_eq!(
        level(r#""unknownFutureValue""#),
        ErrorCorrectionLevel::Unknown("unknownFutureValue".into())
    );
    assert_eq!(
        level(r#""ultra""#),
        ErrorCorrectionLevel::Unknown("ultra".into())
    );
    assert_eq!(level("null"), ErrorCorrectionLevel::Unknown(String::new()));
    assert_eq!(level("3"), ErrorCorrectionLevel::Unknown(String::new()));
}

#[test]
fn empty_or_null_pin_code_is_none() {
    let empty: QrPin = parse_entity(r#"{"code": ""}"#).expect("parses");
    assert_eq!(empty.code, None);
    let null: QrPin = parse_entity(r#"{"code": null}"#).expect("parses");
    assert_eq!(null.code, None);
    let set: QrPin = parse_entity(r#"{"code": "09599786"}"#).expect("parses");
    assert_eq!(set.code.as_deref(), Some("09599786"));
}

#[test]
fn old_force_change_name_is_accepted() {
    // Entra how-to: isForcePinChangeRequired, updatedDateTime null right after creation.
    let json = r#"{"pin": {"code": "12394584", "isForcePinChangeRequired": true,
                           "createdDateTime": "2024-10-18T04:47:34.8513307Z", "updatedDateTime": null}}"#;
    let method: QrCodePinMethod = parse_entity(json).expect("parses");
    let pin = method.pin.expect("pin");
    assert!(pin.force_change_pin_next_sign_in);
    assert_eq!(pin.updated_date_time, None);
    let null_flag: QrPin = parse_entity(r#"{"forceChangePinNextSignIn": null}"#).expect("parses");
    assert!(!null_flag.force_change_pin_next_sign_in);
}

#[test]
fn value_wrapping_is_accepted_for_single_entities_only() {
    let wrapped: QrCode =
        parse_entity(r#"{"@odata.context": "x", "value": {"id": "w"}}"#).expect("parses");
    assert_eq!(wrapped.id, "w");
    let users: Collection<User> = parse_entity(
        r#"{"value": [{"id": "u1", "displayName": "Ada"}, {"id": "u2"}], "@odata.nextLink": "https://next"}"#,
    )
    .expect("parses");
    assert_eq!(users.value.len(), 2);
    assert_eq!(users.value[0].display_name.as_deref(), Some("Ada"));
    assert_eq!(users.next_link.as_deref(), Some("https://next"));
}

#[test]
fn policy_defaults_apply_when_values_are_missing_or_out_of_range() {
    let empty: QrCodePinPolicy = parse_entity("{}").expect("parses");
    assert_eq!(
        (empty.min_pin_length(), empty.standard_lifetime_days()),
        (8, 365)
    );
    assert!(!empty.is_enabled());
    let odd: QrCodePinPolicy = parse_entity(
        r#"{"pinLength": 4, "standardQRCodeLifetimeInDays": 1000, "state": "Enabled"}"#,
    )
    .expect("parses");
    assert_eq!(
        (odd.min_pin_length(), odd.standard_lifetime_days()),
        (8, 395)
    );
    assert!(odd.is_enabled());
    let negative: QrCodePinPolicy =
        parse_entity(r#"{"pinLength": -1, "standardQRCodeLifetimeInDays": 0}"#).expect("parses");
    assert_eq!(
        (
            negative.pin_length,
            negative.min_pin_length(),
            negative.standard_lifetime_days()
        ),
        (None, 8, 1)
    );
}

#[test]
fn user_profile_fields_are_read() {
    let user: User = parse_entity(
        r#"{"id": "u", "displayName": "Flo Kreg", "userPrincipalName": "flokreg@contoso.com", "mail": null,
            "jobTitle": "Picker", "department": "Warehouse", "officeLocation": "Hall 3", "businessPhones": []}"#,
    )
    .expect("parses");
    assert_eq!(
        user.user_principal_name.as_deref(),
        Some("flokreg@contoso.com")
    );
    assert_eq!(user.mail, None);
    assert_eq!(user.office_location.as_deref(), Some("Hall 3"));
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    for body in [
        "",
        "<html>502 Bad Gateway</html>",
        "{",
        "null",
        "[1,2]",
        "\"text\"",
        "{\"id\": 5",
    ] {
        let result = parse_entity::<QrCodePinMethod>(body);
        assert!(result.is_err(), "{body:?} gave {result:?}");
    }
    assert!(matches!(
        parse_entity::<QrCode>("<html>"),
        Err(ParseError::InvalidJson(_))
    ));
    assert!(matches!(
        parse_entity::<QrCode>("[]"),
        Err(ParseError::UnexpectedShape(_))
    ));
    // Wrong kinds inside a known field do not panic either.
    let odd: QrCodePinMethod =
        parse_entity(r#"{"id": 12, "createdDateTime": 5, "pin": {"forceChangePinNextSignIn": "yes", "code": 7}}"#)
            .expect("tolerated");
    assert_eq!(odd.id, "12");
    assert_eq!(odd.created_date_time, None);
}

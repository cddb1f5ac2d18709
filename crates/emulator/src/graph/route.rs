//! Graph paths the emulator knows, matched case-insensitively like Graph's OData router
//! (`/policies/authenticationmethodspolicy/...` in the beta examples is lower-case).

use qrpin::api::{
    CodeKind, METHOD_SEGMENT, PIN_SEGMENT, POLICY_PATH, STANDARD_CODE_SEGMENT,
    TEMPORARY_CODE_SEGMENT, UPDATE_PIN_SEGMENT,
};

use super::super::http::error::GraphError;

/// Whose authentication data a request is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Me,
    /// Object id or user principal name, as written in the path.
    User(String),
}

/// The parts of `authentication/qrCodePinMethod`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodPart {
    Whole,
    /// `standardQRCode` or `temporaryQRCode`.
    Code(CodeKind),
    Pin,
    UpdatePin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GraphRoute {
    User(Subject),
    UserCollection,
    AuthenticationMethods(Subject),
    QrCodePinMethod(Subject, MethodPart),
    GroupCollection,
    GroupMembers(String),
    QrCodePinPolicy,
    Batch,
}

/// Decodes `%xx` escapes in a path segment (UPNs may arrive as `adele.vance%40contoso.com`).
pub fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[index], hex(index + 1), hex(index + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                index += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `path` is what follows `/beta` or `/v1.0`, e.g. `/me/authentication/qrCodePinMethod/pin/updatePin`.
pub fn parse(path: &str) -> Result<GraphRoute, GraphError> {
    let trimmed = path.trim_matches('/');
    let segments: Vec<&str> = if trimmed.is_empty() {
        Vec::new()
    } else {
        trimmed.split('/').collect()
    };
    let lower: Vec<String> = segments.iter().map(|s| s.to_ascii_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    let unknown =
        |index: usize| GraphError::unknown_segment(segments.get(index).copied().unwrap_or(""));
    match lower.as_slice() {
        [] => Err(GraphError::unknown_segment("")),
        ["$batch"] => Ok(GraphRoute::Batch),
        ["users"] => Ok(GraphRoute::UserCollection),
        ["groups"] => Ok(GraphRoute::GroupCollection),
        ["groups", _, "members"] => Ok(GraphRoute::GroupMembers(percent_decode(segments[1]))),
        _ if same_segments(&lower, POLICY_PATH) => Ok(GraphRoute::QrCodePinPolicy),
        ["me", rest @ ..] => user_route(Subject::Me, rest, 1, &unknown),
        ["users", _, rest @ ..] if !segments[1].is_empty() => user_route(
            Subject::User(percent_decode(segments[1])),
            rest,
            2,
            &unknown,
        ),
        _ => Err(unknown(0)),
    }
}

fn user_route(
    subject: Subject,
    rest: &[&str],
    offset: usize,
    unknown: &dyn Fn(usize) -> GraphError,
) -> Result<GraphRoute, GraphError> {
    let is = |segment: &str, name: &str| segment.eq_ignore_ascii_case(name);
    let method_rest = match rest {
        [] => return Ok(GraphRoute::User(subject)),
        ["authentication", "methods"] => return Ok(GraphRoute::AuthenticationMethods(subject)),
        ["authentication", method, tail @ ..] if is(method, METHOD_SEGMENT) => tail,
        ["authentication", ..] => return Err(unknown(offset + 1)),
        _ => return Err(unknown(offset)),
    };
    let part = match method_rest {
        [] => MethodPart::Whole,
        [code] if is(code, STANDARD_CODE_SEGMENT) => MethodPart::Code(CodeKind::Standard),
        [code] if is(code, TEMPORARY_CODE_SEGMENT) => MethodPart::Code(CodeKind::Temporary),
        [pin] if is(pin, PIN_SEGMENT) => MethodPart::Pin,
        [pin, update] if is(pin, PIN_SEGMENT) && is(update, UPDATE_PIN_SEGMENT) => {
            MethodPart::UpdatePin
        }
        _ => return Err(unknown(offset + 2)),
    };
    Ok(GraphRoute::QrCodePinMethod(subject, part))
}

/// Whether the (lower-cased) segments spell `path`, in any case.
fn same_segments(lower: &[&str], path: &str) -> bool {
    let expected: Vec<&str> = path.trim_matches('/').split('/').collect();
    lower.len() == expected.len()
        && lower
            .iter()
            .zip(&expected)
            .all(|(segment, name)| segment.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_case_insensitively() {
        assert_eq!(
            parse("/policies/authenticationmethodspolicy/authenticationmethodconfigurations/qrcodepin").unwrap(),
            GraphRoute::QrCodePinPolicy
        );
        assert_eq!(
            parse("/users/Adele.Vance%40contoso.com/authentication/QRCodePinMethod/Pin/UpdatePin")
                .unwrap(),
            GraphRoute::QrCodePinMethod(
                Subject::User("Adele.Vance@contoso.com".into()),
                MethodPart::UpdatePin
            )
        );
        assert_eq!(parse("/me").unwrap(), GraphRoute::User(Subject::Me));
        assert_eq!(parse("/$batch").unwrap(), GraphRoute::Batch);
    }

    #[test]
    fn unknown_segments_are_named() {
        let error = parse("/me/authentication/qrCodePinMethod/updatePin").unwrap_err();
        assert_eq!(
            error.message,
            "Resource not found for the segment 'updatePin'."
        );
        assert!(parse("/beta/policies").is_err());
    }
}

//! Reading Graph's `$batch` answer: `{"responses":[{"id","status","headers","body"}]}`, in any order.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::plan::{CreateVia, Decision};
use super::request::{BatchItem, BatchRequest};
use crate::http::retry_after_seconds;
use crate::model::{parse_entity, GraphErrorBody, QrCode, QrCodePinMethod};

/// Wait used when a throttled answer has no usable `Retry-After`. Graph then asks for exponential back-off: this
/// is the first step, and the caller may lengthen it on later rounds.
pub const DEFAULT_RETRY_AFTER_SECONDS: f64 = 5.0;

/// `code` of a failure for a request that has no response in the batch answer: its outcome is unknown.
pub const NO_RESPONSE_CODE: &str = "noResponse";
/// `code` of a failure whose answer could not be read (not JSON, no status, or a success body of the wrong shape).
pub const UNREADABLE_RESPONSE_CODE: &str = "unreadableResponse";
/// `code` of a success without a QR code image: Graph updated an existing code instead of creating one.
pub const NO_IMAGE_CODE: &str = "noImageReturned";

/// What happened to one request of a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemOutcome {
    /// The badge code exists; `code.image` is present (Graph returns a code's image only in the answer that created
    /// it). `pin` is the PIN Entra generated when the method was created; `None` when a code was added to an existing method (the user keeps
    /// their PIN) or when Graph did not return it.
    Created { code: QrCode, pin: Option<String> },
    /// A renewal's extension was accepted: the badge now expires at `expires` (Graph's answer, else the date
    /// asked for), and the printed card keeps working.
    Extended { expires: DateTime<Utc> },
    /// The badge code a replacement removes first is gone (204, or 404: nothing was left to delete).
    Deleted,
    /// 429, or 503: send it again after `retry_after_seconds` (the item's own `Retry-After`, possibly fractional).
    Throttled { retry_after_seconds: f64 },
    /// Anything else. `status` is `None` when the batch answer had no usable response for the request. `code`,
    /// `message` and `request_id` come from Graph's error body and are what an admin quotes to support; when
    /// qrpin itself found the problem, `code` is one of this module's `*_CODE` constants, `message` is empty or
    /// a technical detail, and [`ItemOutcome::problem`] says what it was (the portal words it).
    Failed {
        status: Option<u16>,
        code: String,
        message: String,
        request_id: Option<String>,
        retriable: bool,
    },
}

/// A failure qrpin found itself (not Graph's error), as a typed reason the portal words for the administrator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemProblem {
    /// The batch answer had no response for this request: its outcome is unknown.
    NoResponse,
    /// The answer (or the whole batch answer) could not be read, or had no status.
    Unreadable,
    /// Graph accepted the request but returned no QR code image: the user probably already had a badge code,
    /// which is replaced individually.
    NoImage,
    /// Graph accepted the request but its answer could not be read: the code may exist without a printable
    /// image; the user is checked individually.
    AcceptedButUnreadable,
}

impl ItemProblem {
    /// Every problem, for checks that each one is worded.
    pub const ALL: [ItemProblem; 4] = [
        ItemProblem::NoResponse,
        ItemProblem::Unreadable,
        ItemProblem::NoImage,
        ItemProblem::AcceptedButUnreadable,
    ];
}

impl ItemOutcome {
    /// What qrpin itself found wrong, for a failure with one of this module's `*_CODE` constants; `None` for
    /// successes, throttling and Graph's own errors (whose `message` is shown as Graph wrote it).
    pub fn problem(&self) -> Option<ItemProblem> {
        let ItemOutcome::Failed { status, code, .. } = self else {
            return None;
        };
        match code.as_str() {
            NO_RESPONSE_CODE => Some(ItemProblem::NoResponse),
            NO_IMAGE_CODE => Some(ItemProblem::NoImage),
            UNREADABLE_RESPONSE_CODE if status.is_some_and(|s| (200..300).contains(&s)) => {
                Some(ItemProblem::AcceptedButUnreadable)
            }
            UNREADABLE_RESPONSE_CODE => Some(ItemProblem::Unreadable),
            _ => None,
        }
    }

    /// Whether sending the same request again may succeed.
    pub fn is_retriable(&self) -> bool {
        match self {
            ItemOutcome::Created { .. } | ItemOutcome::Extended { .. } | ItemOutcome::Deleted => {
                false
            }
            ItemOutcome::Throttled { .. } => true,
            ItemOutcome::Failed { retriable, .. } => *retriable,
        }
    }
}

/// Reads the body of a `200` answer to a `$batch` POST: one outcome per request of `batch`, in the batch's order
/// (`outcomes[i]` belongs to `batch.requests[i]`), whatever order Graph answered in.
///
/// A request without a response, or an answer that cannot be read at all, is a retriable failure: the outcome is
/// unknown, and the run report will look at it again. Header names are matched in any case (`Retry-After`,
/// `retry-after`).
pub fn read_batch_response(json: &str, batch: &BatchRequest) -> Vec<ItemOutcome> {
    let parsed: Option<Value> = serde_json::from_str(json).ok();
    let Some(responses) = parsed
        .as_ref()
        .and_then(|value| value.get("responses"))
        .and_then(Value::as_array)
    else {
        return read_batch_failure(None, None, json, batch);
    };
    let mut by_id: BTreeMap<&str, &Value> = BTreeMap::new();
    for response in responses {
        if let Some(id) = response.get("id").and_then(Value::as_str) {
            // The first answer for an id counts; Graph never repeats one, so a repeat is noise.
            by_id.entry(id).or_insert(response);
        }
    }
    batch
        .requests
        .iter()
        .map(|item| match by_id.get(item.id.as_str()) {
            Some(response) => read_item(item, response),
            None => ItemOutcome::Failed {
                status: None,
                code: NO_RESPONSE_CODE.to_owned(),
                message: String::new(),
                request_id: None,
                retriable: true,
            },
        })
        .collect()
}

/// The same outcome for every request when the `$batch` POST itself failed (e.g. 429 with `Retry-After` for the
/// whole batch, 503, or a body without `responses`). `status` and `retry_after` are the outer answer's, when known.
pub fn read_batch_failure(
    status: Option<u16>,
    retry_after: Option<&str>,
    body: &str,
    batch: &BatchRequest,
) -> Vec<ItemOutcome> {
    let body: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let outcome = match status {
        Some(status) => classify_failure(status, retry_after, None, &body),
        None => {
            let error = graph_error(&body);
            ItemOutcome::Failed {
                status: None,
                code: error
                    .as_ref()
                    .map(|error| error.error.code.clone())
                    .filter(|code| !code.is_empty())
                    .unwrap_or_else(|| UNREADABLE_RESPONSE_CODE.to_owned()),
                message: error
                    .as_ref()
                    .map(|error| error.error.message.clone())
                    .unwrap_or_default(),
                request_id: error.and_then(request_id_of),
                retriable: true,
            }
        }
    };
    vec![outcome; batch.requests.len()]
}

fn read_item(item: &BatchItem, response: &Value) -> ItemOutcome {
    let headers = response.get("headers").and_then(Value::as_object);
    let header = |name: &str| {
        headers.and_then(|headers| {
            headers
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .and_then(|(_, value)| match value {
                    Value::String(text) => Some(text.clone()),
                    Value::Number(number) => Some(number.to_string()),
                    _ => None,
                })
        })
    };
    let body = response.get("body").map(decode_body).unwrap_or(Value::Null);
    let Some(status) = response.get("status").and_then(lenient_status) else {
        return ItemOutcome::Failed {
            status: None,
            code: UNREADABLE_RESPONSE_CODE.to_owned(),
            message: String::new(),
            request_id: header("request-id"),
            retriable: true,
        };
    };
    if item.method == "DELETE" && ((200..300).contains(&status) || status == 404) {
        return ItemOutcome::Deleted;
    }
    if (200..300).contains(&status) {
        return match item.user.decision {
            Decision::Extend { expire } => read_extended(expire, &body),
            _ => read_created(item, status, &body),
        };
    }
    classify_failure(
        status,
        header("retry-after").as_deref(),
        header("request-id"),
        &body,
    )
}

/// A 2xx: the created method (PUT) or code (PATCH), which must carry the image.
fn read_created(item: &BatchItem, status: u16, body: &Value) -> ItemOutcome {
    let via = match item.user.decision {
        Decision::Create { via, .. } => via,
        // Only creates reach here; a skipped user means the caller mixed batches up. Read it as a PUT answer.
        Decision::Skip(_) | Decision::Extend { .. } => CreateVia::PutMethod,
    };
    let text = body.to_string();
    let created = match via {
        CreateVia::PutMethod => parse_entity::<QrCodePinMethod>(&text).map(|method| {
            let pin = method.pin.and_then(|pin| pin.code);
            (method.standard_qr_code, pin)
        }),
        CreateVia::PatchStandardCode | CreateVia::ReplaceStandardCode { .. } => {
            parse_entity::<QrCode>(&text).map(|code| (Some(code), None))
        }
    };
    match created {
        Ok((Some(code), pin)) if code.image.is_some() => ItemOutcome::Created { code, pin },
        Ok(_) => ItemOutcome::Failed {
            status: Some(status),
            code: NO_IMAGE_CODE.to_owned(),
            message: String::new(),
            request_id: None,
            // Sending it again cannot bring the image back.
            retriable: false,
        },
        Err(error) => ItemOutcome::Failed {
            status: Some(status),
            code: UNREADABLE_RESPONSE_CODE.to_owned(),
            // A technical detail for support; ItemProblem::AcceptedButUnreadable is what the admin reads.
            message: error.to_string(),
            request_id: None,
            // The code was probably created: a second create would fail, so this needs a person.
            retriable: false,
        },
    }
}

/// A 2xx to an extension. Graph answers with the code (no image); should the code have expired in the meantime,
/// the PATCH created a new one, image included, which is then a new badge to print.
fn read_extended(asked: DateTime<Utc>, body: &Value) -> ItemOutcome {
    match parse_entity::<QrCode>(&body.to_string()) {
        Ok(code) if code.image.is_some() => ItemOutcome::Created { code, pin: None },
        Ok(code) => ItemOutcome::Extended {
            expires: code.expire_date_time.unwrap_or(asked),
        },
        // Accepted (2xx) with an answer that does not read: the expiry asked for is what Graph applied.
        Err(_) => ItemOutcome::Extended { expires: asked },
    }
}

/// A non-2xx answer: throttling or a failure.
fn classify_failure(
    status: u16,
    retry_after: Option<&str>,
    header_request_id: Option<String>,
    body: &Value,
) -> ItemOutcome {
    if status == 429 || status == 503 {
        return ItemOutcome::Throttled {
            retry_after_seconds: retry_after
                .and_then(retry_after_seconds)
                .unwrap_or(DEFAULT_RETRY_AFTER_SECONDS),
        };
    }
    let error = graph_error(body);
    let code = error
        .as_ref()
        .map(|error| error.error.code.clone())
        .unwrap_or_default();
    let message = error
        .as_ref()
        .map(|error| error.error.message.clone())
        .unwrap_or_default();
    let request_id = error.and_then(request_id_of).or(header_request_id);
    let retriable = is_retriable(status, &code);
    ItemOutcome::Failed {
        status: Some(status),
        code,
        message,
        request_id,
        retriable,
    }
}

/// Timeouts and server errors may succeed later; so may a directory write that lost a race (409
/// `Directory_ConcurrencyViolation`). 424 is a failed dependency, which this run never declares but Graph may send.
/// Client errors (400, 401, 403, 404 …) will fail the same way again.
fn is_retriable(status: u16, code: &str) -> bool {
    match status {
        408 | 424 | 500 | 502 | 504 => true,
        409 => code.to_ascii_lowercase().contains("concurrencyviolation"),
        _ => false,
    }
}

fn lenient_status(value: &Value) -> Option<u16> {
    match value {
        Value::Number(number) => number
            .as_u64()
            .and_then(|status| u16::try_from(status).ok()),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// Graph base64-encodes `$batch` item bodies that are not JSON; decode them when they hold JSON after all.
pub fn decode_body(body: &Value) -> Value {
    match body {
        Value::String(text) => STANDARD
            .decode(text.trim())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .or_else(|| serde_json::from_str(text).ok())
            .unwrap_or(Value::Null),
        other => other.clone(),
    }
}

fn graph_error(body: &Value) -> Option<GraphErrorBody> {
    body.get("error")?;
    serde_json::from_value(body.clone()).ok()
}

fn request_id_of(error: GraphErrorBody) -> Option<String> {
    error.error.inner_error.and_then(|inner| inner.request_id)
}

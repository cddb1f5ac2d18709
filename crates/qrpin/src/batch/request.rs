//! Graph `$batch` request bodies: `{"requests":[{"id","method","url","headers","body"}]}`.

use serde::Serialize;

use super::plan::{BadgeWindow, CreateVia, Decision, PlannedUser};
use crate::api::{CodeKind, METHOD_PATH};
use crate::model::{CreateMethodRequest, NewPin, QrCodeWindow};

/// Graph refuses a `$batch` with more than 20 requests.
pub const MAX_BATCH_SIZE: usize = 20;

/// Path of the batch endpoint after the version segment: POST to `{baseUrl}/{v1.0|beta}/$batch`.
pub const BATCH_PATH: &str = "/$batch";

/// One `$batch` body. Serializes to exactly what Graph expects; the users stay beside it for reading the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchRequest {
    pub requests: Vec<BatchItem>,
}

/// One request inside a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchItem {
    /// Unique within the batch; the answer for this request carries the same id.
    pub id: String,
    /// `"PUT"`, `"PATCH"` or `"DELETE"`.
    pub method: &'static str,
    /// Relative to the version, e.g. `/users/{id}/authentication/qrCodePinMethod`.
    pub url: String,
    /// Graph requires `Content-Type` on every item that has a body; a DELETE has neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers: Option<JsonContentType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<BatchItemBody>,
    /// Who this request is for; not sent.
    #[serde(skip)]
    pub user: PlannedUser,
}

/// `{"Content-Type": "application/json"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JsonContentType {
    #[serde(rename = "Content-Type")]
    pub content_type: &'static str,
}

impl Default for JsonContentType {
    fn default() -> Self {
        Self {
            content_type: "application/json",
        }
    }
}

/// The JSON body of one item: the same request bodies the portal sends one at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum BatchItemBody {
    /// PUT the method; `pin: {}` lets Entra generate the PIN, as the portal does for a single user.
    CreateMethod(CreateMethodRequest),
    /// PATCH the standard code with its window (a new code), or with its new expiry alone (an extension).
    StandardCode(QrCodeWindow),
}

impl BatchRequest {
    /// The request for the item with this `id`.
    pub fn item(&self, id: &str) -> Option<&BatchItem> {
        self.requests.iter().find(|item| item.id == id)
    }
}

/// Packs every planned request (creates, replacements and extensions) into `$batch` bodies of at most
/// `max_per_batch` requests (clamped to 1..=20), in plan order. Skipped users send nothing. Item ids count the
/// run's requests from `"1"`, so they are unique within each batch and easy to find in logs.
///
/// A [`CreateVia::ReplaceStandardCode`] user gets the PATCH only (with `delete_first`, the DELETE goes first, in [`deletions`]).
pub fn batches(planned: &[PlannedUser], max_per_batch: usize) -> Vec<BatchRequest> {
    let items = planned
        .iter()
        .filter_map(|user| {
            let key = percent_encode(user.member.graph_key());
            let (method, url, body) = match user.decision {
                Decision::Skip(_) => return None,
                Decision::Create {
                    via: CreateVia::PutMethod,
                    window,
                } => (
                    "PUT",
                    format!("/users/{key}{METHOD_PATH}"),
                    BatchItemBody::CreateMethod(CreateMethodRequest {
                        standard_qr_code: full_window(window),
                        pin: Some(NewPin { code: None }),
                    }),
                ),
                Decision::Create {
                    via: CreateVia::PatchStandardCode | CreateVia::ReplaceStandardCode { .. },
                    window,
                } => (
                    "PATCH",
                    format!("/users/{key}{}", CodeKind::Standard.path()),
                    BatchItemBody::StandardCode(full_window(window)),
                ),
                Decision::Extend { expire } => (
                    "PATCH",
                    format!("/users/{key}{}", CodeKind::Standard.path()),
                    BatchItemBody::StandardCode(QrCodeWindow {
                        start_date_time: None,
                        expire_date_time: Some(expire),
                    }),
                ),
            };
            Some((user, method, url, Some(body)))
        })
        .collect();
    pack(items, max_per_batch)
}

/// The DELETEs of the badge codes that replacements with `delete_first` ([`CreateVia::ReplaceStandardCode`]) remove first, packed
/// like [`batches`]. A 204 or a 404 (nothing left to delete) both read as [`super::ItemOutcome::Deleted`].
pub fn deletions(planned: &[PlannedUser], max_per_batch: usize) -> Vec<BatchRequest> {
    let items = planned
        .iter()
        .filter(|user| {
            matches!(
                user.decision,
                Decision::Create {
                    via: CreateVia::ReplaceStandardCode { delete_first: true },
                    ..
                }
            )
        })
        .map(|user| {
            let key = percent_encode(user.member.graph_key());
            let url = format!("/users/{key}{}", CodeKind::Standard.path());
            (user, "DELETE", url, None)
        })
        .collect();
    pack(items, max_per_batch)
}

type ItemParts<'a> = (&'a PlannedUser, &'static str, String, Option<BatchItemBody>);

fn pack(items: Vec<ItemParts<'_>>, max_per_batch: usize) -> Vec<BatchRequest> {
    let size = max_per_batch.clamp(1, MAX_BATCH_SIZE);
    let items: Vec<BatchItem> = items
        .into_iter()
        .enumerate()
        .map(|(index, (user, method, url, body))| BatchItem {
            id: (index + 1).to_string(),
            method,
            url,
            headers: body.as_ref().map(|_| JsonContentType::default()),
            body,
            user: user.clone(),
        })
        .collect();
    items
        .chunks(size)
        .map(|chunk| BatchRequest {
            requests: chunk.to_vec(),
        })
        .collect()
}

fn full_window(window: BadgeWindow) -> QrCodeWindow {
    QrCodeWindow {
        start_date_time: Some(window.start),
        expire_date_time: Some(window.expire),
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so an id or UPN (`@`, `#`, `/`, `'`, `$` …) stays
/// one path segment.
fn percent_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

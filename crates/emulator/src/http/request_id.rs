//! Every response carries a `request-id`; a caller's `client-request-id` is echoed (Graph echoes its own
//! request id there when the caller sent none).

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

use crate::ids::new_guid;

#[derive(Clone, Debug)]
pub struct RequestIds {
    pub request_id: String,
    pub client_request_id: Option<String>,
}

impl RequestIds {
    pub fn fresh(client_request_id: Option<String>) -> RequestIds {
        RequestIds {
            request_id: new_guid(),
            client_request_id,
        }
    }

    pub fn client_request_id_or_own(&self) -> &str {
        self.client_request_id
            .as_deref()
            .unwrap_or(&self.request_id)
    }
}

pub async fn assign_request_ids(mut request: Request, next: Next) -> Response {
    let client_request_id = request
        .headers()
        .get("client-request-id")
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.is_empty() && value.len() <= 200)
        .map(str::to_string);
    let ids = RequestIds::fresh(client_request_id);
    request.extensions_mut().insert(ids.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&ids.request_id) {
        headers.entry("request-id").or_insert(value);
    }
    if let Ok(value) = HeaderValue::from_str(ids.client_request_id_or_own()) {
        headers.entry("client-request-id").or_insert(value);
    }
    response
}

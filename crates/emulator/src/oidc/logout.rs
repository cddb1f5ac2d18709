//! `/{tenant}/oauth2/v2.0/logout`: ends the emulator session and returns to `post_logout_redirect_uri`
//! when it is an allowed address.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::sessions::{clear_session_cookie, session_cookie};
use super::signin_page::{error_page, signed_out_page};
use crate::app::AppState;
use crate::http::request_origin;

pub async fn logout(
    State(emulator): State<AppState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if !emulator.is_our_tenant(&tenant) {
        return error_page(
            StatusCode::BAD_REQUEST,
            90002,
            &format!("Tenant '{tenant}' not found."),
        );
    }
    if let Some(cookie) = session_cookie(&headers) {
        emulator.sign_in.end_session(&cookie);
    }
    let origin = request_origin(&headers);
    let target = params
        .get("post_logout_redirect_uri")
        .filter(|uri| emulator.redirect_uri_allowed(uri, &origin));
    let mut response = match target {
        Some(uri) => {
            let location = match params.get("state") {
                Some(state) => {
                    let separator = if uri.contains('?') { '&' } else { '?' };
                    let encoded: String = form_urlencoded::Serializer::new(String::new())
                        .append_pair("state", state)
                        .finish();
                    format!("{uri}{separator}{encoded}")
                }
                None => uri.clone(),
            };
            (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
        }
        None => signed_out_page(),
    };
    if let Ok(value) = HeaderValue::from_str(&clear_session_cookie()) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

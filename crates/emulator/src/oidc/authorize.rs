//! `/{tenant}/oauth2/v2.0/authorize`: validates the request like Entra, shows the account picker (GET) or
//! signs the picked account in (POST from the picker), and redirects back with a one-time code.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;

use super::params::AuthorizeParams;
use super::scopes::ScopeRequest;
use super::sessions::{self, AuthorizationCode, BrowserSession};
use super::signin_page;
use super::tokens::client_info;
use crate::app::{AppState, Emulator};
use crate::http::request_origin;
use crate::store::model::UserRecord;

/// Where (and how) to send the browser back to the app.
struct ReplyTarget {
    redirect_uri: String,
    fragment: bool,
    state: Option<String>,
}

impl ReplyTarget {
    fn url(&self, pairs: &[(&str, &str)]) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in pairs {
            serializer.append_pair(name, value);
        }
        if let Some(state) = &self.state {
            serializer.append_pair("state", state);
        }
        let encoded = serializer.finish();
        if self.fragment {
            format!("{}#{encoded}", self.redirect_uri)
        } else if self.redirect_uri.contains('?') {
            format!("{}&{encoded}", self.redirect_uri)
        } else {
            format!("{}?{encoded}", self.redirect_uri)
        }
    }

    fn error(&self, error: &str, code: u32, description: &str) -> Response {
        let description = format!("AADSTS{code}: {description}");
        redirect(
            &self.url(&[("error", error), ("error_description", &description)]),
            StatusCode::FOUND,
            None,
        )
    }
}

fn redirect(location: &str, status: StatusCode, set_cookie: Option<String>) -> Response {
    let mut response = (status, [(header::LOCATION, location.to_string())]).into_response();
    if let Some(cookie) = set_cookie {
        if let Ok(value) = header::HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

pub async fn authorize_get(
    State(emulator): State<AppState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Query(params): Query<AuthorizeParams>,
) -> Response {
    let origin = request_origin(&headers);
    let target = match validate(&emulator, &tenant, &origin, &params) {
        Ok(target) => target,
        Err(response) => return *response,
    };
    let wants_interaction = params.prompt_is("login")
        || params.prompt_is("select_account")
        || params.prompt_is("consent")
        || params.claims.is_some();
    if !params.prompt_is("none") {
        return signin_page::page_response(&emulator, &tenant, &origin, &params);
    }
    if wants_interaction {
        return target.error(
            "interaction_required",
            50076,
            "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.",
        );
    }
    // prompt=none: the session's user, or (for scripted tests) the login_hint user, or login_required.
    let session = sessions::session_cookie(&headers)
        .and_then(|cookie| emulator.sign_in.session(&cookie).map(|s| (cookie, s)));
    let hinted = params
        .login_hint
        .as_deref()
        .and_then(|hint| emulator.store.read(|d| d.find_user(hint).cloned()));
    let now = emulator.clock.now();
    match (session, hinted) {
        (Some((_, session)), hint)
            if hint.as_ref().is_none_or(|user| user.id == session.user_id) =>
        {
            issue_code_redirect(
                &emulator,
                &params,
                &target,
                &session.user_id,
                session.auth_time,
                None,
            )
        }
        (_, Some(user)) => {
            let cookie = emulator.sign_in.start_session(BrowserSession {
                user_id: user.id.clone(),
                auth_time: now,
            });
            issue_code_redirect(
                &emulator,
                &params,
                &target,
                &user.id,
                now,
                Some(sessions::set_session_cookie(&cookie)),
            )
        }
        _ => target.error(
            "login_required",
            50058,
            "A silent sign-in request was sent but no user is signed in.",
        ),
    }
}

/// The account picker posts here with the original parameters plus `user_id`.
pub async fn authorize_post(
    State(emulator): State<AppState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(params): Form<AuthorizeParams>,
) -> Response {
    let origin = request_origin(&headers);
    let target = match validate(&emulator, &tenant, &origin, &params) {
        Ok(target) => target,
        Err(response) => return *response,
    };
    let user: Option<UserRecord> = params
        .user_id
        .as_deref()
        .and_then(|id| emulator.store.read(|d| d.find_user(id).cloned()));
    let Some(user) = user else {
        return signin_page::page_response(&emulator, &tenant, &origin, &params);
    };
    let now = emulator.clock.now();
    if let Some(old) = sessions::session_cookie(&headers) {
        emulator.sign_in.end_session(&old);
    }
    let cookie = emulator.sign_in.start_session(BrowserSession {
        user_id: user.id.clone(),
        auth_time: now,
    });
    let mut response = issue_code_redirect(
        &emulator,
        &params,
        &target,
        &user.id,
        now,
        Some(sessions::set_session_cookie(&cookie)),
    );
    // After a form POST the redirect must turn into a GET.
    if response.status() == StatusCode::FOUND {
        *response.status_mut() = StatusCode::SEE_OTHER;
    }
    response
}

/// Client, redirect URI and tenant problems cannot be sent back to the app (the redirect target is not
/// trusted), so they get an error page; protocol problems are redirected back as `error=…`.
fn validate(
    emulator: &Emulator,
    tenant: &str,
    origin: &str,
    params: &AuthorizeParams,
) -> Result<ReplyTarget, Box<Response>> {
    let page = |code: u32, message: String| {
        Err(Box::new(signin_page::error_page(
            StatusCode::BAD_REQUEST,
            code,
            &message,
        )))
    };
    if !emulator.is_our_tenant(tenant) {
        return page(90002, format!("Tenant '{tenant}' not found."));
    }
    let client_id = params.client_id.as_deref().unwrap_or("");
    if client_id.is_empty() {
        return page(
            900144,
            "The request body must contain the following parameter: 'client_id'.".into(),
        );
    }
    if client_id != emulator.config.client_id {
        return page(
            700016,
            format!("Application with identifier '{client_id}' was not found in the directory."),
        );
    }
    let redirect_uri = params.redirect_uri.as_deref().unwrap_or("");
    if !emulator.redirect_uri_allowed(redirect_uri, origin) {
        return page(50011, format!("The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{client_id}'."));
    }
    let target = ReplyTarget {
        redirect_uri: redirect_uri.to_string(),
        fragment: params.uses_fragment(),
        state: params.state.clone(),
    };
    if params.response_type.as_deref() != Some("code") {
        return Err(Box::new(target.error(
            "unsupported_response_type",
            700054,
            "response_type must be 'code' for this application (authorization code flow with PKCE).",
        )));
    }
    if !matches!(
        params.response_mode.as_deref(),
        None | Some("query") | Some("fragment")
    ) {
        return Err(Box::new(target.error(
            "invalid_request",
            900144,
            "response_mode must be 'query' or 'fragment'.",
        )));
    }
    if params
        .scope
        .as_deref()
        .is_none_or(|scope| scope.trim().is_empty())
    {
        return Err(Box::new(target.error(
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'scope'.",
        )));
    }
    if params.code_challenge.as_deref().is_none_or(str::is_empty) {
        return Err(Box::new(target.error("invalid_request", 9002325, "Proof Key for Code Exchange is required for cross-origin authorization code redemption.")));
    }
    if params.code_challenge_method.as_deref() != Some("S256") {
        return Err(Box::new(target.error(
            "invalid_request",
            501491,
            "Invalid code_challenge_method: only 'S256' is supported.",
        )));
    }
    Ok(target)
}

fn issue_code_redirect(
    emulator: &Emulator,
    params: &AuthorizeParams,
    target: &ReplyTarget,
    user_id: &str,
    auth_time: chrono::DateTime<chrono::Utc>,
    set_cookie: Option<String>,
) -> Response {
    let consented = emulator.store.read(|d| {
        d.find_user(user_id)
            .map(|user| user.consented_scopes.clone())
    });
    let Some(consented) = consented else {
        return target.error(
            "login_required",
            50058,
            "The signed-in user no longer exists.",
        );
    };
    let requested = ScopeRequest::parse(params.scope.as_deref().unwrap_or(""));
    let granted = ScopeRequest {
        oidc: requested.oidc.clone(),
        graph: requested.grant(consented.as_deref()),
        graph_default: false,
    };
    let now = emulator.clock.now();
    let code = emulator.sign_in.issue_code(
        AuthorizationCode {
            user_id: user_id.to_string(),
            client_id: emulator.config.client_id.clone(),
            redirect_uri: params.redirect_uri.clone().unwrap_or_default(),
            code_challenge: params.code_challenge.clone().unwrap_or_default(),
            scopes: granted,
            nonce: params.nonce.clone(),
            auth_time,
            expires_at: now + emulator.config.authorization_code_lifetime,
            wants_client_info: params.client_info.as_deref() == Some("1"),
        },
        now,
    );
    let info = client_info(user_id, &emulator.config.tenant_id);
    let session_state = crate::ids::new_guid();
    let mut pairs: Vec<(&str, &str)> = vec![("code", &code)];
    if params.client_info.as_deref() == Some("1") {
        pairs.push(("client_info", &info));
    }
    pairs.push(("session_state", &session_state));
    redirect(&target.url(&pairs), StatusCode::FOUND, set_cookie)
}

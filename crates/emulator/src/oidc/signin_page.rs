//! The server-rendered account pickers (sign-in and sign-out), error and signed-out pages. No script
//! at all (the strict CSP forbids it) and no external assets; the stylesheet is served by the emulator.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::params::AuthorizeParams;
use crate::app::Emulator;
use crate::store::model::UserRecord;

pub const STYLESHEET_PATH: &str = "/_signin/signin.css";
const STYLESHEET: &str = include_str!("../../assets/signin.css");

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        STYLESHEET,
    )
        .into_response()
}

pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// `scheme://host[:port]` of an absolute http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    Some(format!("{scheme}://{authority}").to_ascii_lowercase())
}

fn with_page_headers(response: Response, form_target_origin: Option<&str>) -> Response {
    let form_action = match form_target_origin {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".to_string(),
    };
    let policy = format!(
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action {form_action}; frame-ancestors 'none'; base-uri 'none'"
    );
    crate::http::html_page(response, &policy)
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|part| part.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase()
}

pub fn page_response(
    emulator: &Emulator,
    tenant: &str,
    origin: &str,
    params: &AuthorizeParams,
) -> Response {
    let users = emulator.store.read(|d| d.users.clone());
    let seed = emulator.store.seed();
    let hint = params.login_hint.as_deref().unwrap_or("");
    let mut hidden = String::new();
    for (name, value) in params.carried_fields() {
        hidden.push_str(&format!(
            "<input type=\"hidden\" name=\"{name}\" value=\"{}\">\n",
            escape_html(value)
        ));
    }
    let mut accounts = String::new();
    for user in &users {
        let is_hinted = !hint.is_empty() && user.user_principal_name.eq_ignore_ascii_case(hint);
        let detail = [user.job_title.as_deref(), seed.note_for(&user.id)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        accounts.push_str(&format!(
            "<li><button type=\"submit\" name=\"user_id\" value=\"{id}\" class=\"account{hinted}\"{autofocus}>\
<span class=\"avatar\" aria-hidden=\"true\">{initials}</span>\
<span class=\"name\">{name}</span><span class=\"upn\">{upn}</span><span class=\"detail\">{detail}</span></button></li>\n",
            id = escape_html(&user.id),
            hinted = if is_hinted { " hinted" } else { "" },
            autofocus = if is_hinted { " autofocus" } else { "" },
            initials = escape_html(&initials(&user.display_name)),
            name = escape_html(&user.display_name),
            upn = escape_html(&user.user_principal_name),
            detail = escape_html(&detail),
        ));
    }
    let organization = escape_html(&emulator.config.organization_name);
    let action = format!("/{}/oauth2/v2.0/authorize", escape_html(tenant));
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Sign in to your account – {organization}</title>\n\
<link rel=\"stylesheet\" href=\"{STYLESHEET_PATH}\">\n</head>\n<body>\n\
<main class=\"card\" aria-labelledby=\"heading\">\n\
<p class=\"brand\"><span class=\"brand-mark\" aria-hidden=\"true\"><span></span><span></span><span></span><span></span></span>{organization}</p>\n\
<h1 id=\"heading\">Pick an account</h1>\n\
<p class=\"lead\">to continue to the QR badge portal</p>\n\
<p class=\"notice\" role=\"note\">Local sign-in emulator at {origin}: no password is asked. Choose a seeded account.</p>\n\
<form method=\"post\" action=\"{action}\">\n{hidden}\
<ul class=\"accounts\" aria-label=\"Accounts\">\n{accounts}</ul>\n</form>\n\
<p class=\"footer\">Signing in sets a session cookie for this emulator only.</p>\n\
</main>\n</body>\n</html>\n",
        origin = escape_html(origin),
    );
    let redirect_origin = params.redirect_uri.as_deref().and_then(origin_of);
    with_page_headers(html.into_response(), redirect_origin.as_deref())
}

/// Shown when the request is too broken to redirect back (unknown client, redirect URI, tenant).
pub fn error_page(status: StatusCode, code: u32, message: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Sign in – error</title>\n<link rel=\"stylesheet\" href=\"{STYLESHEET_PATH}\">\n</head>\n<body>\n\
<main class=\"card\" aria-labelledby=\"heading\">\n\
<h1 id=\"heading\">Sorry, but we’re having trouble signing you in.</h1>\n\
<p class=\"error-code\">AADSTS{code}: {}</p>\n</main>\n</body>\n</html>\n",
        escape_html(message)
    );
    with_page_headers((status, html).into_response(), None)
}

/// A neutral page after sign-out when the request named no allowed return address, or did not say
/// which application it came from (neither a valid `id_token_hint` nor a `client_id`).
pub fn signed_out_page() -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Signed out</title>\n<link rel=\"stylesheet\" href=\"{STYLESHEET_PATH}\">\n</head>\n<body>\n\
<main class=\"card\" aria-labelledby=\"heading\">\n<h1 id=\"heading\">You signed out of your account</h1>\n\
<p class=\"lead\">It’s a good idea to close all browser windows.</p>\n</main>\n</body>\n</html>\n"
    );
    with_page_headers(html.into_response(), None)
}

/// Entra's "Pick an account to sign out" step, shown when a sign-out names no account (`logout_hint`).
/// Choosing the account repeats the request with that account as `logout_hint`; `fields` are the
/// request's other parameters, carried as hidden fields.
pub fn sign_out_picker_page(
    tenant: &str,
    fields: &[(String, String)],
    user: &UserRecord,
    organization: &str,
) -> Response {
    let mut hidden = String::new();
    for (name, value) in fields.iter().filter(|(name, _)| name != "logout_hint") {
        hidden.push_str(&format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">\n",
            escape_html(name),
            escape_html(value)
        ));
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Sign out – {organization}</title>\n\
<link rel=\"stylesheet\" href=\"{STYLESHEET_PATH}\">\n</head>\n<body>\n\
<main class=\"card\" aria-labelledby=\"heading\">\n\
<h1 id=\"heading\">Pick an account to sign out</h1>\n\
<p class=\"notice\" role=\"note\">The app did not say which account to sign out (no <code>logout_hint</code>).</p>\n\
<form method=\"get\" action=\"/{tenant}/oauth2/v2.0/logout\">\n{hidden}\
<ul class=\"accounts\" aria-label=\"Accounts\">\n\
<li><button type=\"submit\" name=\"logout_hint\" value=\"{upn}\" class=\"account\">\
<span class=\"avatar\" aria-hidden=\"true\">{initials}</span>\
<span class=\"name\">{name}</span><span class=\"upn\">{upn}</span></button></li>\n\
</ul>\n</form>\n</main>\n</body>\n</html>\n",
        organization = escape_html(organization),
        tenant = escape_html(tenant),
        initials = escape_html(&initials(&user.display_name)),
        name = escape_html(&user.display_name),
        upn = escape_html(&user.user_principal_name),
    );
    with_page_headers(html.into_response(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_extracted_strictly() {
        assert_eq!(
            origin_of("http://127.0.0.1:8080/x?y#z").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin_of("https://Portal.Contoso.com").as_deref(),
            Some("https://portal.contoso.com")
        );
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(origin_of("http://evil@127.0.0.1/"), None);
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}

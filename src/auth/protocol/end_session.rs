//! OpenID Connect RP-Initiated Logout 1.0: the request that ends the session at the authority and
//! brings the person back to the portal.
//!
//! A provider honours `post_logout_redirect_uri` only when the request says which client it comes
//! from: `id_token_hint` (the ID token of this sign-in, which proves it) and `client_id`. Entra also
//! asks which account to sign out unless `logout_hint` names it; its value is the ID token's
//! optional `login_hint` claim, sent only when the token has one.

use super::{decode_jwt_claims, encode_form, IdTokenClaims};

pub struct EndSessionRequest<'a> {
    pub end_session_endpoint: &'a str,
    pub client_id: &'a str,
    pub post_logout_redirect_uri: &'a str,
    /// The raw ID token of this tab's sign-in, from memory.
    pub id_token: Option<&'a str>,
}

impl EndSessionRequest<'_> {
    pub fn url(&self) -> String {
        let logout_hint = self.id_token.and_then(logout_hint_of);
        let mut params: Vec<(&str, &str)> = Vec::with_capacity(4);
        if let Some(id_token) = self.id_token {
            params.push(("id_token_hint", id_token));
        }
        params.push(("client_id", self.client_id));
        params.push(("post_logout_redirect_uri", self.post_logout_redirect_uri));
        if let Some(hint) = logout_hint.as_deref() {
            params.push(("logout_hint", hint));
        }
        let separator = if self.end_session_endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        format!(
            "{}{separator}{}",
            self.end_session_endpoint,
            encode_form(params)
        )
    }
}

/// The ID token's `login_hint` claim, the only value Entra accepts as `logout_hint`. A username is
/// not sent in its place: it is not what the parameter means.
pub fn logout_hint_of(id_token: &str) -> Option<String> {
    let claims: IdTokenClaims = decode_jwt_claims(id_token).ok()?;
    claims
        .login_hint
        .map(|hint| hint.trim().to_string())
        .filter(|hint| !hint.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn jwt(claims: &str) -> String {
        format!(
            "eyJhbGciOiJSUzI1NiJ9.{}.c2ln",
            URL_SAFE_NO_PAD.encode(claims.as_bytes())
        )
    }

    fn query_of(url: &str) -> Vec<(String, String)> {
        let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| {
                (
                    k.to_string(),
                    v.replace("%3A", ":")
                        .replace("%2F", "/")
                        .replace("%40", "@"),
                )
            })
            .collect()
    }

    #[test]
    fn the_request_names_the_client_the_token_and_the_account() {
        let id_token = jwt(r#"{"aud":"client-1","login_hint":"O.hint@x"}"#);
        let url = EndSessionRequest {
            end_session_endpoint: "https://login.example/t/oauth2/v2.0/logout",
            client_id: "client-1",
            post_logout_redirect_uri: "https://badges.example/kiosk",
            id_token: Some(&id_token),
        }
        .url();
        assert!(url.starts_with("https://login.example/t/oauth2/v2.0/logout?id_token_hint="));
        let params = query_of(&url);
        let names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "id_token_hint",
                "client_id",
                "post_logout_redirect_uri",
                "logout_hint"
            ]
        );
        assert_eq!(params[0].1, id_token);
        assert_eq!(params[1].1, "client-1");
        assert_eq!(params[2].1, "https://badges.example/kiosk");
        assert_eq!(params[3].1, "O.hint@x");
    }

    #[test]
    fn without_a_login_hint_claim_no_logout_hint_is_sent() {
        let id_token = jwt(r#"{"aud":"client-1","preferred_username":"a@b.c"}"#);
        let url = EndSessionRequest {
            end_session_endpoint: "https://op.example/logout?x=1",
            client_id: "client-1",
            post_logout_redirect_uri: "https://badges.example/",
            id_token: Some(&id_token),
        }
        .url();
        assert!(url.starts_with("https://op.example/logout?x=1&id_token_hint="));
        assert!(!url.contains("logout_hint"));
        assert_eq!(logout_hint_of(&jwt(r#"{"login_hint":"  "}"#)), None);
        assert_eq!(logout_hint_of("not a token"), None);
    }

    #[test]
    fn without_an_id_token_the_client_id_still_identifies_the_client() {
        let url = EndSessionRequest {
            end_session_endpoint: "https://op.example/logout",
            client_id: "client-1",
            post_logout_redirect_uri: "https://badges.example/",
            id_token: None,
        }
        .url();
        assert_eq!(
            url,
            "https://op.example/logout?client_id=client-1&post_logout_redirect_uri=https%3A%2F%2Fbadges.example%2F"
        );
    }
}

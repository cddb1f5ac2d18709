//! The parameters of an authorization request, shared by the GET (from the app) and the POST (from our
//! own sign-in page, which carries them back as hidden fields).

use serde::Deserialize;

/// Every field is optional so a bad request can be answered the way Entra does, not with a 422.
/// Unknown parameters (MSAL's `x-client-*`, `client-request-id`, …) are ignored.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct AuthorizeParams {
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub response_type: Option<String>,
    pub response_mode: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub prompt: Option<String>,
    pub login_hint: Option<String>,
    pub domain_hint: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub client_info: Option<String>,
    pub claims: Option<String>,
    /// Only on the POST from the sign-in page: the account the person picked.
    pub user_id: Option<String>,
}

impl AuthorizeParams {
    /// Parameters the sign-in page must carry through, as (name, value) pairs.
    pub fn carried_fields(&self) -> Vec<(&'static str, &str)> {
        let fields: [(&'static str, &Option<String>); 13] = [
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("response_type", &self.response_type),
            ("response_mode", &self.response_mode),
            ("scope", &self.scope),
            ("state", &self.state),
            ("nonce", &self.nonce),
            ("prompt", &self.prompt),
            ("login_hint", &self.login_hint),
            ("domain_hint", &self.domain_hint),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
            ("client_info", &self.client_info),
        ];
        fields
            .into_iter()
            .filter_map(|(name, value)| value.as_deref().map(|value| (name, value)))
            .collect()
    }

    pub fn prompt_is(&self, wanted: &str) -> bool {
        self.prompt
            .as_deref()
            .is_some_and(|prompt| prompt.split_whitespace().any(|p| p == wanted))
    }

    pub fn uses_fragment(&self) -> bool {
        self.response_mode.as_deref() == Some("fragment")
    }
}

//! What came back on the redirect URI, and what this tab may do with it.
//!
//! Anyone can send a person a link to the portal with `?error=…&error_description=…` or
//! `?code=…&state=…` in it. Only an answer whose `state` equals the one this tab sent to the
//! authority (kept in sessionStorage for the round trip) is the authority's; nothing of any other
//! answer is redeemed or shown.

use super::{AuthorityFailure, PendingSignIn, Purpose};

/// What came back on the redirect URI.
#[derive(Debug, PartialEq, Eq)]
pub enum RedirectResult {
    Code {
        code: String,
        state: String,
    },
    Error {
        error: String,
        description: Option<String>,
        state: Option<String>,
    },
    NotARedirect,
}

pub fn parse_redirect_query(query: &str) -> RedirectResult {
    let mut code = None;
    let mut state = None;
    let mut error = None;
    let mut description = None;
    for pair in query.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "code" => code = Some(value),
            "state" => state = Some(value),
            "error" => error = Some(value),
            "error_description" => description = Some(value),
            _ => {}
        }
    }
    match (code, error, state) {
        (_, Some(error), state) => RedirectResult::Error {
            error,
            description,
            state,
        },
        (Some(code), None, Some(state)) => RedirectResult::Code { code, state },
        _ => RedirectResult::NotARedirect,
    }
}

/// The errors a silent (`prompt=none`) sign-in answers with when it would need the person: the
/// authority has no usable session for this tab's account (signed out, expired, another account).
pub const SILENT_SIGN_IN_ENDED: [&str; 4] = [
    "login_required",
    "interaction_required",
    "consent_required",
    "account_selection_required",
];

/// What to do with a sign-in answer, given the sign-in this tab started (if any).
#[derive(Debug, PartialEq, Eq)]
pub enum RedirectAction {
    /// No sign-in answer in the address.
    NotARedirect,
    /// The authorization code for the sign-in this tab started: redeem it with `pending`.
    Redeem {
        code: String,
        pending: PendingSignIn,
    },
    /// This tab's silent sign-in found no session for its account at the authority.
    SessionEnded { return_path: String },
    /// This tab's silent request for more scopes needs the person (consent, a new sign-in): ask
    /// again for the same scopes with the authority's pages shown, as MSAL falls back from
    /// `acquireTokenSilent` to `acquireTokenRedirect`.
    AskInteractively { pending: PendingSignIn },
    /// The authority answered this tab's sign-in with an error; its words may be shown,
    /// attributed to it, because only the authority knew this tab's `state`.
    Failed {
        failure: AuthorityFailure,
        return_path: String,
    },
    /// A code for no sign-in started here (forged, replayed, or this tab's request is gone).
    StateMismatch,
    /// An error for no sign-in started here: anyone can write one, so none of it is shown and it
    /// changes nothing (it must not sign the tab out either).
    Ignored,
}

impl RedirectAction {
    /// Where the address bar goes before anything else happens: this tab's own return path for
    /// its own sign-in, else the current path; never with the answer's query.
    pub fn clean_path<'a>(&'a self, current_path: &'a str) -> &'a str {
        match self {
            RedirectAction::Redeem { pending, .. }
            | RedirectAction::AskInteractively { pending } => &pending.return_path,
            RedirectAction::SessionEnded { return_path }
            | RedirectAction::Failed { return_path, .. } => return_path,
            RedirectAction::NotARedirect
            | RedirectAction::StateMismatch
            | RedirectAction::Ignored => current_path,
        }
    }
}

/// Decides what a redirect answer means. `pending` is this tab's one-shot sign-in request, taken
/// out of storage whatever the answer is.
pub fn decide_redirect(result: RedirectResult, pending: Option<PendingSignIn>) -> RedirectAction {
    match (result, pending) {
        (RedirectResult::NotARedirect, _) => RedirectAction::NotARedirect,
        (RedirectResult::Code { code, state }, Some(pending)) if state == pending.state => {
            RedirectAction::Redeem { code, pending }
        }
        (RedirectResult::Code { .. }, _) => RedirectAction::StateMismatch,
        (
            RedirectResult::Error {
                error,
                description,
                state: Some(state),
            },
            Some(pending),
        ) if state == pending.state => {
            let needs_person = SILENT_SIGN_IN_ENDED.contains(&error.as_str());
            match (needs_person, pending.purpose) {
                (true, Purpose::AddScopesSilently) => RedirectAction::AskInteractively { pending },
                (true, Purpose::SignIn) => RedirectAction::SessionEnded {
                    return_path: pending.return_path,
                },
                // Said to a sign-in the person saw (or any other error): the authority's words.
                (true, Purpose::AddScopesInteractively) | (false, _) => RedirectAction::Failed {
                    failure: AuthorityFailure::from_oauth_error(error, description),
                    return_path: pending.return_path,
                },
            }
        }
        (RedirectResult::Error { .. }, _) => RedirectAction::Ignored,
    }
}

fn percent_decode(value: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&hi), Some(&lo)) => hex(hi).zip(hex(lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, b) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(purpose: Purpose) -> PendingSignIn {
        PendingSignIn::from_random(&[7u8; 96], "/admin?tab=team")
            .asking(vec!["openid".into(), "User.Read.All".into()], purpose)
    }

    fn answer(error: &str, state: &str) -> RedirectResult {
        RedirectResult::Error {
            error: error.into(),
            description: Some("AADSTS65001: consent needed.".into()),
            state: Some(state.into()),
        }
    }

    #[test]
    fn a_silent_request_for_more_scopes_falls_back_to_an_interactive_one() {
        for error in SILENT_SIGN_IN_ENDED {
            let p = pending(Purpose::AddScopesSilently);
            let action = decide_redirect(answer(error, &p.state), Some(p.clone()));
            assert_eq!(action.clean_path("/"), "/admin?tab=team");
            assert_eq!(
                action,
                RedirectAction::AskInteractively { pending: p },
                "{error}"
            );
        }
    }

    #[test]
    fn an_interactive_request_for_more_scopes_reports_the_authoritys_answer() {
        let p = pending(Purpose::AddScopesInteractively);
        let action = decide_redirect(answer("consent_required", &p.state), Some(p));
        assert!(matches!(
            action,
            RedirectAction::Failed { failure: AuthorityFailure::Refused { ref error, .. }, ref return_path }
                if error == "consent_required" && return_path == "/admin?tab=team"
        ));
    }

    #[test]
    fn someone_elses_answer_never_triggers_a_round_trip() {
        let p = pending(Purpose::AddScopesSilently);
        assert_eq!(
            decide_redirect(answer("consent_required", "guessed"), Some(p)),
            RedirectAction::Ignored
        );
    }

    #[test]
    fn a_request_written_before_scopes_were_kept_still_reads() {
        let old = r#"{"state":"s","nonce":"n","code_verifier":"v","return_path":"/"}"#;
        let read: PendingSignIn = serde_json::from_str(old).expect("old pending request");
        assert!(read.scopes.is_empty());
        assert_eq!(read.purpose, Purpose::SignIn);
    }
}

//! Incremental consent: a page that needs more than the sign-in scopes (the administrator pages,
//! the PIN change) asks for them when it is opened, as MSAL's `acquireTokenSilent` and then
//! `acquireTokenRedirect` do. An employee's sign-in therefore carries no `.All` scope.
//!
//! The round trip asks for the sign-in scopes, the extra scopes this tab already asked for, and
//! the page's; silently first (`prompt=none` with the tab's account as `login_hint`), and with the
//! authority's pages shown when it needs the person (`redirect.rs`). It comes back to the exact
//! page (path and query) that asked. The tab then remembers the extra scopes by name, so a reload
//! asks for them again and the page needs no second round trip.

use super::protocol::{merge_scopes, scope_status, Prompt, Purpose, ScopeStatus};
use super::session::{
    session_storage, sign_in_scopes, stored_extra_scopes, AuthError, HistoryMode, RoundTrip,
};
use super::tokens;
use crate::config::PortalConfig;

/// What `require_scopes` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeCheck {
    /// The token already carries the scopes: nothing happened.
    Held,
    /// This tab asked before and the authority granted less: the page goes on, Graph decides.
    NotGranted,
    /// The page is on its way to the authority and will come back here.
    Redirecting,
}

/// Where this tab stands with `extra`, without any request.
pub fn scopes_status(extra: &[String]) -> ScopeStatus {
    let held = tokens::granted_scopes().unwrap_or_default();
    let asked = session_storage()
        .map(|storage| stored_extra_scopes(&storage))
        .unwrap_or_default();
    scope_status(extra, &held, &asked)
}

/// Makes sure the access token carries `extra`; otherwise sends the page through an
/// authorization round trip that adds them and comes back to `return_path`.
pub async fn require_scopes(
    config: &PortalConfig,
    extra: &[String],
    return_path: &str,
) -> Result<ScopeCheck, AuthError> {
    match scopes_status(extra) {
        ScopeStatus::Held => return Ok(ScopeCheck::Held),
        ScopeStatus::Refused => return Ok(ScopeCheck::NotGranted),
        ScopeStatus::Missing => {}
    }
    let storage = session_storage()?;
    let scopes = merge_scopes(&sign_in_scopes(config, &storage), extra);
    ask_for_scopes(config, scopes, return_path, Purpose::AddScopesSilently).await?;
    Ok(ScopeCheck::Redirecting)
}

/// Sends the page to the authority for `scopes`: silently, or with its pages shown. The page's
/// history entry is replaced, so Back does not land on the authority's address.
pub(super) async fn ask_for_scopes(
    config: &PortalConfig,
    scopes: Vec<String>,
    return_path: &str,
    purpose: Purpose,
) -> Result<(), AuthError> {
    let prompt = match purpose {
        Purpose::AddScopesSilently => Prompt::None,
        Purpose::AddScopesInteractively | Purpose::SignIn => Prompt::Default,
    };
    RoundTrip {
        prompt,
        return_path,
        claims: None,
        history: HistoryMode::Replace,
        scopes,
        purpose,
    }
    .start(config)
    .await
}

//! Start-up: finishing the redirect back from the authority, or resuming this tab's session
//! silently after a reload.

use wasm_bindgen::JsValue;

use super::protocol::{
    account_switch, decide_redirect, decode_jwt_claims, encode_form, parse_redirect_query,
    scopes_beyond, AccessTokenClaims, AccountSwitch, IdTokenClaims, PendingSignIn, Prompt, Purpose,
    RedirectAction, RedirectResult, TabAccount, TokenResponse,
};
use super::scopes::ask_for_scopes;
use super::session::{
    discover, forget_account, js_err, location, post_token, remember_account,
    remember_extra_scopes, session_storage, sign_in_scopes, sign_in_with, stored_account, Account,
    AuthError, AuthState, HistoryMode, HAD_SESSION_KEY, PENDING_KEY,
};
use super::tokens;
use crate::config::PortalConfig;

/// What start-up found.
#[derive(Clone, Debug, PartialEq)]
pub struct Startup {
    pub state: AuthState,
    /// The authority came back with another account than the one this tab had.
    pub switched: Option<AccountSwitch>,
}

impl Startup {
    fn signed_out() -> Self {
        Self {
            state: AuthState::SignedOut { notice: None },
            switched: None,
        }
    }
}

/// Runs once at start-up: finishes a redirect from the authority, or silently resumes a session
/// this tab had before a reload, or reports that nobody is signed in.
///
/// Whatever happens, a sign-in answer (`code`, `state`, `error`) is out of the address bar before
/// anything else is done with it, and an answer this tab did not ask for changes nothing.
pub async fn complete_or_resume(config: &PortalConfig) -> Result<Startup, AuthError> {
    let location = location()?;
    let path = location.pathname().map_err(js_err)?;
    let query = location.search().map_err(js_err)?;
    let parsed = parse_redirect_query(&query);
    if parsed == RedirectResult::NotARedirect {
        return resume(config, &format!("{path}{query}")).await;
    }
    // The request is one-shot: gone whatever the answer, so nothing can be redeemed twice. A
    // storage failure leaves no request, which makes any answer one this tab did not ask for.
    let pending = session_storage()
        .ok()
        .and_then(|storage| take_pending(&storage));
    let action = decide_redirect(parsed, pending);
    replace_url(action.clean_path(&path))?;
    match action {
        RedirectAction::Redeem { code, pending } => redeem(config, &code, &pending).await,
        RedirectAction::AskInteractively { pending } => {
            ask_for_scopes(
                config,
                pending.scopes,
                &pending.return_path,
                Purpose::AddScopesInteractively,
            )
            .await?;
            Ok(Startup {
                state: AuthState::Starting,
                switched: None,
            })
        }
        RedirectAction::SessionEnded { .. } => match forget_account(&session_storage()?)? {
            Some(account) => Err(AuthError::SessionEnded {
                username: account.username,
            }),
            None => Ok(Startup::signed_out()),
        },
        RedirectAction::Failed { failure, .. } => Err(failure.into()),
        RedirectAction::StateMismatch => Err(AuthError::StateMismatch),
        // Someone else's words: dropped unseen, and the tab carries on as if they were never there.
        RedirectAction::Ignored | RedirectAction::NotARedirect => resume(config, &path).await,
    }
}

/// Redeems this tab's authorization code and checks the ID token belongs to this sign-in.
async fn redeem(
    config: &PortalConfig,
    code: &str,
    pending: &PendingSignIn,
) -> Result<Startup, AuthError> {
    let discovery = discover(config).await?;
    let storage = session_storage()?;
    // Exactly what the authorization request asked for (a request from an older build kept none).
    let requested = if pending.scopes.is_empty() {
        sign_in_scopes(config, &storage)
    } else {
        pending.scopes.clone()
    };
    let scopes = requested.join(" ");
    let body = encode_form([
        ("client_id", config.auth.client_id.as_str()),
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", config.auth.redirect_uri.as_str()),
        ("code_verifier", pending.code_verifier.as_str()),
        ("scope", scopes.as_str()),
    ]);
    let response = post_token(&discovery.token_endpoint, body).await?;
    let id_claims: IdTokenClaims = response
        .id_token
        .as_deref()
        .map(decode_jwt_claims)
        .transpose()
        .map_err(|_| AuthError::NonceMismatch)?
        .unwrap_or_default();
    if id_claims.nonce.as_deref() != Some(pending.nonce.as_str()) {
        return Err(AuthError::NonceMismatch);
    }
    tokens::store(&response, &discovery.token_endpoint, &requested);
    let before = stored_account(&storage);
    let now = TabAccount::from_claims(&id_claims);
    remember_account(&storage, now.as_ref())?;
    // Asked for, granted or not: a page whose scopes the authority withheld does not ask again.
    remember_extra_scopes(&storage, &scopes_beyond(&requested, &config.auth.scopes))?;
    Ok(Startup {
        state: AuthState::SignedIn(account_from(&response, &id_claims)),
        switched: account_switch(before.as_ref(), now.as_ref()),
    })
}

/// After a reload, or a page of another bundle: a tab that had a session signs in again silently
/// (as the same account). The round trip replaces this page's history entry: it shows the person
/// nothing, so Back goes to the page before, not to this page signing in again.
async fn resume(config: &PortalConfig, here: &str) -> Result<Startup, AuthError> {
    let storage = session_storage()?;
    if storage.get_item(HAD_SESSION_KEY).map_err(js_err)?.is_none() {
        return Ok(Startup::signed_out());
    }
    sign_in_with(config, Prompt::None, here, None, HistoryMode::Replace).await?;
    Ok(Startup {
        state: AuthState::Starting,
        switched: None,
    })
}

fn account_from(response: &TokenResponse, id: &IdTokenClaims) -> Account {
    let access: AccessTokenClaims = decode_jwt_claims(&response.access_token).unwrap_or_default();
    Account {
        name: id.name.clone().unwrap_or_default(),
        username: id.preferred_username.clone().unwrap_or_default(),
        is_authentication_admin: access.is_authentication_admin(),
        granted_scopes: response.granted_scopes(),
    }
}

/// Whether this page load is finishing a round trip that adds scopes for a page, so start-up
/// can say "Getting permission…" rather than "Signing you in…". Reads without taking.
pub fn adding_scopes() -> bool {
    session_storage()
        .ok()
        .and_then(|storage| storage.get_item(PENDING_KEY).ok().flatten())
        .and_then(|raw| serde_json::from_str::<PendingSignIn>(&raw).ok())
        .is_some_and(|pending| pending.purpose.adds_scopes())
}

fn take_pending(storage: &web_sys::Storage) -> Option<PendingSignIn> {
    let raw = storage.get_item(PENDING_KEY).ok().flatten();
    let _ = storage.remove_item(PENDING_KEY);
    raw.and_then(|json| serde_json::from_str(&json).ok())
}

fn replace_url(path: &str) -> Result<(), AuthError> {
    let history = web_sys::window()
        .ok_or_else(|| AuthError::Browser("no window".into()))?
        .history()
        .map_err(js_err)?;
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .map_err(js_err)
}

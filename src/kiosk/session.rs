//! Sign-in and sign-out as a shared screen needs them.
//!
//! A kiosk session is always started here with `prompt=login` (the previous person's session is
//! never reused silently) and always ended with a page replacement back to `/kiosk` (a full page
//! load, so nothing survives in memory, and no history entry to go back to).
//!
//! A session the kiosk did not start (a reload that signed in again silently, or a portal
//! session in the same tab) is ended at once: a one-shot marker in sessionStorage, written just
//! before the redirect and removed on return, tells the two apart.
//!
//! The language a person chose on the start screen survives their sign-in round trip the same way:
//! one-shot, for this tab only, and never past the end of the session (sign-out forgets every
//! `session_key!`, and the next page load starts in the kiosk's language).

use std::cell::Cell;

use crate::auth::protocol::Prompt;
use crate::auth::{end_session, sign_in_with, AuthError, HistoryMode};
use crate::browser::session_key;
use crate::config::PortalConfig;
use crate::locale::Language;

pub const KIOSK_PATH: &str = "/kiosk";
const STARTED_HERE_KEY: &str = session_key!("kiosk.signin");
const LANGUAGE_KEY: &str = session_key!("kiosk.language");

thread_local! {
    /// Read once per page load: whether this load finished a sign-in the kiosk started.
    static STARTED_HERE: Cell<Option<bool>> = const { Cell::new(None) };
    /// Read once per page load: the language the person chose before the sign-in round trip.
    static CHOSEN_LANGUAGE: Cell<Option<Option<Language>>> = const { Cell::new(None) };
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Sends the page to the authority's sign-in page, replacing the kiosk's history entry.
/// `claims` answers a claims challenge (Graph wants a fresh sign-in before a change); `language`
/// is the one the person reads now, kept for when the page comes back.
pub async fn start_sign_in(
    config: &PortalConfig,
    claims: Option<&str>,
    language: Language,
) -> Result<(), AuthError> {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(STARTED_HERE_KEY, "1");
        let _ = storage.set_item(LANGUAGE_KEY, language.tag());
    }
    sign_in_with(
        config,
        Prompt::Login,
        KIOSK_PATH,
        claims,
        HistoryMode::Replace,
    )
    .await
}

/// Whether the signed-in session of this page load was started by the kiosk's own Sign in.
pub fn started_here() -> bool {
    STARTED_HERE.with(|cell| {
        if let Some(known) = cell.get() {
            return known;
        }
        let known = session_storage().is_some_and(|storage| {
            let found = storage.get_item(STARTED_HERE_KEY).ok().flatten().is_some();
            let _ = storage.remove_item(STARTED_HERE_KEY);
            found
        });
        cell.set(Some(known));
        known
    })
}

/// The language chosen before this page load's sign-in round trip, if any (read once, then gone).
pub fn chosen_language() -> Option<Language> {
    CHOSEN_LANGUAGE.with(|cell| {
        if let Some(known) = cell.get() {
            return known;
        }
        let known = session_storage().and_then(|storage| {
            let found = storage.get_item(LANGUAGE_KEY).ok().flatten();
            let _ = storage.remove_item(LANGUAGE_KEY);
            found.as_deref().and_then(Language::from_tag)
        });
        cell.set(Some(known));
        known
    })
}

/// Whether `path` is the kiosk's (its start screen and anything under it).
pub fn is_kiosk_path(path: &str) -> bool {
    path == KIOSK_PATH
        || path
            .strip_prefix(KIOSK_PATH)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Drops the tokens and sign-in markers, ends the session at the authority and comes back to the
/// start screen with a full page load that replaces this history entry.
pub async fn finish(config: &PortalConfig) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(STARTED_HERE_KEY);
        let _ = storage.remove_item(LANGUAGE_KEY);
    }
    if end_session(config, Some(KIOSK_PATH), HistoryMode::Replace)
        .await
        .is_err()
    {
        // The authority could not be reached: the tokens are gone already; reload the start
        // screen anyway so nothing stays in this page's memory.
        if let Some(window) = web_sys::window() {
            let _ = window.location().replace(KIOSK_PATH);
        }
    }
}

//! The first thing every bundle does on a page load (`crate::start`): a sign-in answer that came
//! back to this page for a page another bundle serves is sent on to that page, before anything of
//! this bundle starts (the decision is `protocol::hand_over_to`).

use super::protocol::{hand_over_to, PendingSignIn};
use super::session::{session_storage, PENDING_KEY};

/// Replaces this page with the page the answer belongs to; `served_here` says which paths this
/// bundle serves. Returns whether the page is going away. The pending request stays in storage
/// for the page that asked, which redeems the code as if it had come back there directly.
pub fn hand_over_answer(served_here: impl Fn(&str) -> bool) -> bool {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return false;
    };
    let (Ok(path), Ok(query)) = (location.pathname(), location.search()) else {
        return false;
    };
    let pending = session_storage()
        .ok()
        .and_then(|storage| storage.get_item(PENDING_KEY).ok().flatten())
        .and_then(|raw| serde_json::from_str::<PendingSignIn>(&raw).ok());
    match hand_over_to(&path, &query, pending.as_ref(), served_here) {
        // Replace, not assign: the answer's address must not stay behind the Back button.
        Some(page) => location.replace(&page).is_ok(),
        None => false,
    }
}

//! Which account a tab was signed in with, so a reload signs the same account in again.
//!
//! Tokens live in each tab's memory, but the authority's session cookie is shared by every tab:
//! a silent sign-in without a hint gets whoever signed in last, in any tab. The tab therefore
//! keeps its account's hint (a username or the authority's opaque hint, never a token) in
//! sessionStorage, asks for that account with `login_hint`, and says so when another came back.

use serde::{Deserialize, Serialize};

use super::IdTokenClaims;

/// The account a tab was signed in with. Not a secret: the person's own sign-in name and the
/// hint the authority issues to be sent back.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct TabAccount {
    /// Sent as `login_hint` on this tab's next sign-in.
    pub login_hint: String,
    /// Shown to the person.
    pub username: String,
    /// The directory object id: tells accounts apart even when a username was renamed.
    #[serde(default)]
    pub oid: Option<String>,
}

impl TabAccount {
    /// The account an ID token names; `None` when it names none the authority could be asked for.
    pub fn from_claims(id: &IdTokenClaims) -> Option<Self> {
        let login_hint = choose_login_hint(id)?.to_string();
        let username = non_empty(id.preferred_username.as_deref())
            .or(non_empty(id.name.as_deref()))
            .unwrap_or(&login_hint)
            .to_string();
        Some(Self {
            login_hint,
            username,
            oid: non_empty(id.oid.as_deref()).map(str::to_string),
        })
    }

    pub fn is_same_account(&self, other: &TabAccount) -> bool {
        match (&self.oid, &other.oid) {
            (Some(mine), Some(theirs)) => mine.eq_ignore_ascii_case(theirs),
            _ => self.username.eq_ignore_ascii_case(&other.username),
        }
    }
}

/// The hint for signing this account in again: the ID token's `login_hint` claim (made for
/// exactly this, and stable when a username changes) when present, else `preferred_username`.
pub fn choose_login_hint(id: &IdTokenClaims) -> Option<&str> {
    non_empty(id.login_hint.as_deref()).or(non_empty(id.preferred_username.as_deref()))
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// A sign-in came back with another account than the one this tab had (the view says so, naming
/// both usernames).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountSwitch {
    pub now: String,
    pub before: String,
}

/// Whether a sign-in that came back as `now` switched this tab away from `before`. Unknown on
/// either side means nothing to compare, so nothing to say.
pub fn account_switch(
    before: Option<&TabAccount>,
    now: Option<&TabAccount>,
) -> Option<AccountSwitch> {
    match (before, now) {
        (Some(before), Some(now)) if !before.is_same_account(now) => Some(AccountSwitch {
            now: now.username.clone(),
            before: before.username.clone(),
        }),
        _ => None,
    }
}

//! Sign-in: the one module that talks to the authority (Entra or the emulator).
//!
//! Authorization code + PKCE (S256) with state and nonce, like MSAL.js. Tokens live in memory only
//! (a page reload signs in again silently with `prompt=none`, asking for the tab's own account);
//! the one-shot PKCE request survives the redirect in sessionStorage and is deleted on return.
//! Sign-in asks for the self-service scopes only; a page needing more adds them with a second
//! round trip when it is opened (`RequireScopes`, incremental consent).

mod guard;
mod handover;
pub mod protocol;
mod redirect;
mod scopes;
mod session;
mod sign_out;
mod tokens;

pub use guard::RequireScopes;
pub use handover::hand_over_answer;
pub use redirect::{adding_scopes, complete_or_resume, Startup};
pub use scopes::{require_scopes, scopes_status, ScopeCheck};
pub use session::{sign_in, sign_in_with, AccessToken, Account, AuthError, AuthState, HistoryMode};
pub use sign_out::{end_session, sign_out};
pub use tokens::{access_token, renew_access_token};

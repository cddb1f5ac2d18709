//! Sign-in: the one module that talks to the authority (Entra or the emulator).
//!
//! Authorization code + PKCE (S256) with state and nonce, like MSAL.js. Tokens live in memory only
//! (a page reload signs in again silently with `prompt=none`, asking for the tab's own account);
//! the one-shot PKCE request survives the redirect in sessionStorage and is deleted on return.

pub mod protocol;
mod redirect;
mod session;
mod tokens;

pub use redirect::{complete_or_resume, Startup};
pub use session::{
    end_session, sign_in, sign_in_with, sign_out, AccessToken, Account, AuthError, AuthState,
    HistoryMode,
};
pub use tokens::{access_token, renew_access_token};

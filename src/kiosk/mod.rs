//! The kiosk: a temporary QR code on a shared screen (a tablet at the site entrance, a phone held
//! up to a shared device's camera). `pages::Kiosk` composes these pieces:
//!
//! * `idle` — when to warn and when to clear (pure);
//! * `dom` — listeners, page visibility, fullscreen, Screen Wake Lock;
//! * `session` — sign-in with `prompt=login` and sign-out that replace the history entry;
//! * `IdleGuard` and `KioskDisplay` — the warning dialog and the code on screen; `forget_after_idle` — the
//!   start screen back in the kiosk language for whoever comes next;
//! * `words` — minutes and seconds in the person's language.

mod display;
pub mod dom;
pub mod idle;
mod idle_guard;
pub mod session;
pub mod words;

pub use display::KioskDisplay;
pub use idle::{IdlePhase, IdlePolicy};
pub use idle_guard::{forget_after_idle, IdleGuard};

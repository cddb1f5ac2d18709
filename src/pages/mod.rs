//! One module per route.

mod admin;
mod badge;
mod create;
mod kiosk;
mod not_found;
mod overview;
mod pin;
mod print;
mod temporary;
mod welcome;

pub use admin::{AdminHome, BadgeRenewals, PrintPinSlips, TeamSheet};
pub use badge::ManageBadge;
pub use create::CreateMethod;
pub use kiosk::Kiosk;
pub use not_found::NotFound;
pub use overview::Overview;
pub use pin::ChangePin;
pub use print::PrintBadges;
pub use temporary::TemporaryCode;
pub use welcome::Welcome;

use leptos::prelude::*;

use crate::auth::AuthState;

/// The signed-in person's display name, for labels on their own codes.
fn account_name() -> String {
    match use_context::<RwSignal<AuthState>>().map(|auth| auth.get_untracked()) {
        Some(AuthState::SignedIn(account)) if !account.name.is_empty() => account.name,
        Some(AuthState::SignedIn(account)) => account.username,
        _ => String::new(),
    }
}

/// The signed-in person's user principal name.
fn account_upn() -> String {
    match use_context::<RwSignal<AuthState>>().map(|auth| auth.get_untracked()) {
        Some(AuthState::SignedIn(account)) => account.username,
        _ => String::new(),
    }
}

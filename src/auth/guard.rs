//! `<RequireScopes extra=…>`: the router's guard for pages that need more than the sign-in scopes.
//! The pages themselves stay free of sign-in logic.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use super::protocol::ScopeStatus;
use super::scopes::{require_scopes, scopes_status, ScopeCheck};
use super::session::{AuthError, AuthState};
use crate::components::{Alert, SignInNotice};
use crate::config::{ExtraScopes, PortalConfig};
use crate::locale::{t, use_i18n};

/// Whether this person's page needs the extra scopes at all: the administrator scopes only for
/// someone holding an administrator role (everyone else is told the page is for administrators,
/// with no round trip), the PIN scopes for everyone.
fn needed_for(extra: ExtraScopes, auth: &AuthState) -> bool {
    match extra {
        ExtraScopes::Admin => {
            matches!(auth, AuthState::SignedIn(account) if account.is_authentication_admin)
        }
        ExtraScopes::Pin => matches!(auth, AuthState::SignedIn(_)),
    }
}

/// The page being opened, path and query. Read from the router: during an in-app navigation the
/// route renders before the address bar changes.
fn page_being_opened() -> String {
    let location = use_location();
    let search = location.search.get_untracked();
    let path = location.pathname.get_untracked();
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

/// Renders `children` once the access token carries `extra` (see `auth::require_scopes`); until
/// then a "Getting permission…" status while the page goes to the authority and comes back.
#[component]
pub fn RequireScopes(extra: ExtraScopes, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<PortalConfig>();
    let auth = expect_context::<RwSignal<AuthState>>();
    let wanted = config.auth.extra_scopes(extra).to_vec();
    let ready = RwSignal::new(
        wanted.is_empty()
            || !needed_for(extra, &auth.get_untracked())
            || scopes_status(&wanted) != ScopeStatus::Missing,
    );
    let problem = RwSignal::new(None::<AuthError>);
    if !ready.get_untracked() {
        let here = page_being_opened();
        spawn_local(async move {
            match require_scopes(&config, &wanted, &here).await {
                Ok(ScopeCheck::Redirecting) => {}
                Ok(ScopeCheck::Held | ScopeCheck::NotGranted) => ready.set(true),
                Err(error) => problem.set(Some(error)),
            }
        });
    }
    move || match (ready.get(), problem.get()) {
        (true, _) => children().into_any(),
        (false, Some(notice)) => view! {
            <Alert>
                <p>
                    <SignInNotice notice />
                </p>
            </Alert>
        }
        .into_any(),
        (false, None) => view! {
            <p class="loading" role="status">
                {t!(i18n, common.getting_permission)}
            </p>
        }
        .into_any(),
    }
}

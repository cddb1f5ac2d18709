//! Every page of the portal, in one table grouped by audience. Each audience is its own bundle (one
//! wasm, its own trunk entry: `src/main.rs` for employees, `src/bin/qrbadge-kiosk.rs`,
//! `src/bin/qrbadge-admin.rs`), which mounts its group only, so no one downloads pages they never
//! open. The hosting configurations (`deploy/`, the emulator's `--dist`) send each path prefix to
//! its bundle's `index.html`, by the same prefixes as [`Bundle::of_path`].
//!
//! A link to another bundle's page is a full page load (`rel="external"`, [`link_rel`]); the tab
//! then signs in again silently, as after a reload, and lands on that page.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::auth::protocol::AccountSwitch;
use crate::auth::{AuthState, RequireScopes};
use crate::components::switched_words;
use crate::config::ExtraScopes;
use crate::locale::{t, use_i18n};
use crate::pages::{
    AdminHome, BadgeRenewals, ChangePin, CreateMethod, Kiosk, ManageBadge, NotFound, Overview,
    PrintBadges, PrintPinSlips, TeamSheet, TemporaryCode,
};
use crate::team::TeamRun;
use crate::{startup_words, StartupStep};

/// Which bundle serves a page. The path prefixes are the deployment's contract: `deploy/`'s
/// nginx, Caddy and Static Web Apps configurations route `/kiosk` and `/admin` (and everything
/// under them) to `kiosk/index.html` and `admin/index.html`, everything else to `index.html`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// `/`: the employee's own pages (overview, set-up, temporary code, PIN, badge, printing).
    Employee,
    /// `/kiosk`: the shared screen.
    Kiosk,
    /// `/admin`: acting for other people, the team badge sheet and its printing.
    Administrator,
}

impl Bundle {
    pub fn of_path(path: &str) -> Bundle {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let under = |prefix: &str| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if under("/kiosk") {
            Bundle::Kiosk
        } else if under("/admin") {
            Bundle::Administrator
        } else {
            Bundle::Employee
        }
    }

    /// The bundle's first page.
    pub fn home(self) -> &'static str {
        match self {
            Bundle::Employee => "/",
            Bundle::Kiosk => "/kiosk",
            Bundle::Administrator => "/admin",
        }
    }

    /// Where codes just created in this bundle are printed: the print queue lives in this page's
    /// memory, so printing stays in the bundle that created them.
    pub fn print_page(self) -> &'static str {
        match self {
            Bundle::Administrator => "/admin/print",
            Bundle::Employee | Bundle::Kiosk => "/print",
        }
    }
}

/// What a bundle's binary starts: which bundle it is, and its group of the route table.
#[derive(Clone, Copy)]
pub struct Audience {
    pub bundle: Bundle,
    pub routes: fn() -> AnyView,
}

pub const EMPLOYEE: Audience = Audience {
    bundle: Bundle::Employee,
    routes: employee_routes,
};
pub const KIOSK: Audience = Audience {
    bundle: Bundle::Kiosk,
    routes: kiosk_routes,
};
pub const ADMINISTRATOR: Audience = Audience {
    bundle: Bundle::Administrator,
    routes: administrator_routes,
};

fn employee_routes() -> AnyView {
    view! {
        <Routes fallback=|| view! { <Unmatched here=Bundle::Employee /> }>
            <ParentRoute path=path!("") view=SignedInOutlet>
                <Route path=path!("/") view=Overview />
                <Route path=path!("/temporary") view=TemporaryCode />
                <Route
                    path=path!("/pin")
                    view=|| {
                        view! {
                            <RequireScopes extra=ExtraScopes::Pin>
                                <ChangePin />
                            </RequireScopes>
                        }
                    }
                />
                <Route path=path!("/badge") view=ManageBadge />
                <Route path=path!("/create") view=CreateMethod />
                <Route path=path!("/print") view=PrintBadges />
            </ParentRoute>
        </Routes>
    }
    .into_any()
}

/// The kiosk has its own start screen and sign-in, and is never behind `Welcome`.
fn kiosk_routes() -> AnyView {
    view! {
        <Routes fallback=|| view! { <Unmatched here=Bundle::Kiosk /> }>
            <Route path=path!("/kiosk") view=Kiosk />
            <Route path=path!("/kiosk/*any") view=Kiosk />
        </Routes>
    }
    .into_any()
}

fn administrator_routes() -> AnyView {
    // One team run for the bundle, in memory: its report and PINs outlive a visit to the print
    // pages, so the badge sheet, the PIN slips and the CSV can each be had after the others.
    provide_context(TeamRun::new());
    view! {
        <Routes fallback=|| view! { <Unmatched here=Bundle::Administrator /> }>
            <ParentRoute path=path!("") view=SignedInOutlet>
                <Route
                    path=path!("/admin")
                    view=|| {
                        view! {
                            <RequireScopes extra=ExtraScopes::Admin>
                                <AdminHome />
                            </RequireScopes>
                        }
                    }
                />
                <Route
                    path=path!("/admin/team")
                    view=|| {
                        view! {
                            <RequireScopes extra=ExtraScopes::Admin>
                                <TeamSheet />
                            </RequireScopes>
                        }
                    }
                />
                <Route
                    path=path!("/admin/renewals")
                    view=|| {
                        view! {
                            <RequireScopes extra=ExtraScopes::Admin>
                                <BadgeRenewals />
                            </RequireScopes>
                        }
                    }
                />
                <Route path=path!("/admin/print") view=PrintBadges />
                <Route path=path!("/admin/slips") view=PrintPinSlips />
            </ParentRoute>
        </Routes>
    }
    .into_any()
}

/// `rel="external"` for a link to a page of another bundle, so the router leaves it to the browser
/// (a full page load); `None` for a page of this bundle, which the router shows in place.
pub fn link_rel(href: &str) -> Option<&'static str> {
    let here = use_context::<Bundle>()?;
    (Bundle::of_path(href) != here).then_some("external")
}

/// This bundle's print page (see [`Bundle::print_page`]).
pub fn print_page() -> &'static str {
    use_context::<Bundle>()
        .unwrap_or(Bundle::Employee)
        .print_page()
}

/// This bundle's first page.
pub fn home_page() -> &'static str {
    use_context::<Bundle>().unwrap_or(Bundle::Employee).home()
}

/// The path this page was loaded at, before any in-app navigation; `crate::start` notes it.
pub(crate) fn note_loaded_path() {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    LOADED_PATH.with(|loaded| *loaded.borrow_mut() = Some(path));
}

thread_local! {
    static LOADED_PATH: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// No route of this bundle matches. A page of another bundle that a link without
/// `rel="external"` opened in place is loaded in full; on the page this document was loaded for
/// (a host that served the wrong bundle there) that would loop, so it is "not found" instead.
#[component]
fn Unmatched(here: Bundle) -> impl IntoView {
    let location = use_location();
    move || {
        let path = location.pathname.get();
        let loaded_here = LOADED_PATH.with(|loaded| loaded.borrow().as_deref() == Some(&path));
        if Bundle::of_path(&path) != here && !loaded_here {
            let search = location.search.get_untracked();
            let target = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            // After the router has written the address (a replacement must not be undone by it).
            set_timeout(
                move || {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().replace(&target);
                    }
                },
                std::time::Duration::ZERO,
            );
            return ().into_any();
        }
        match here {
            Bundle::Kiosk => view! { <NotFound /> }.into_any(),
            Bundle::Employee | Bundle::Administrator => view! {
                <SignedInOnly>
                    <NotFound />
                </SignedInOnly>
            }
            .into_any(),
        }
    }
}

/// Told once, after a sign-in came back as another account than the one this tab had; provided by
/// the shell that finishes start-up's sign-in.
#[derive(Clone, Copy)]
pub struct SwitchedNotice(pub RwSignal<Option<AccountSwitch>>);

#[component]
fn SignedInOutlet() -> impl IntoView {
    view! {
        <SignedInOnly>
            <Outlet />
        </SignedInOnly>
    }
}

/// The portal's pages: "Signing you in…" while start-up signs in, `Welcome` when signed out, and
/// `children` (the page of the route) once signed in, under the notice of an account switch.
#[component]
fn SignedInOnly(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<RwSignal<AuthState>>();
    let SwitchedNotice(switched_notice) = expect_context::<SwitchedNotice>();
    move || match auth.get() {
        AuthState::Starting => view! {
            <p class="loading" role="status">
                {move || startup_words(i18n, StartupStep::SigningIn)}
            </p>
        }
        .into_any(),
        AuthState::SignedOut { notice } => view! { <crate::pages::Welcome notice /> }.into_any(),
        AuthState::SignedIn(_) => view! {
            {move || {
                switched_notice
                    .get()
                    .map(|switch| {
                        view! {
                            <div class="notice account-switched" role="alert">
                                <p>{move || switched_words(i18n, &switch)}</p>
                                <button
                                    class="button secondary"
                                    on:click=move |_| switched_notice.set(None)
                                >
                                    {t!(i18n, common.ok)}
                                </button>
                            </div>
                        }
                    })
            }}
            {children()}
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::Bundle;

    #[test]
    fn each_path_prefix_has_its_bundle() {
        for path in ["/kiosk", "/kiosk/", "/kiosk/anything", "/kiosk?lang=de"] {
            assert_eq!(Bundle::of_path(path), Bundle::Kiosk, "{path}");
        }
        for path in [
            "/admin",
            "/admin/team",
            "/admin/renewals",
            "/admin/print",
            "/admin?from=link",
        ] {
            assert_eq!(Bundle::of_path(path), Bundle::Administrator, "{path}");
        }
        for path in [
            "/",
            "",
            "/pin",
            "/print",
            "/kiosks",
            "/administrator",
            "/x/admin",
        ] {
            assert_eq!(Bundle::of_path(path), Bundle::Employee, "{path}");
        }
    }

    #[test]
    fn each_bundle_starts_and_prints_on_its_own_pages() {
        for bundle in [Bundle::Employee, Bundle::Kiosk, Bundle::Administrator] {
            assert_eq!(Bundle::of_path(bundle.home()), bundle);
        }
        assert_eq!(
            Bundle::of_path(Bundle::Administrator.print_page()),
            Bundle::Administrator
        );
        assert_eq!(
            Bundle::of_path(Bundle::Employee.print_page()),
            Bundle::Employee
        );
    }
}

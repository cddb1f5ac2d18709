//! qrbadge: a self-service portal over Microsoft Graph's QR code + PIN sign-in method.
//!
//! `auth` owns sign-in, `graph` owns every Graph request, `status` turns Graph's answers into
//! advice, `components` and `pages` only render. The QR rules and encoding live in `qrpin`.

pub mod auth;
pub mod browser;
pub mod commands;
pub mod components;
pub mod config;
pub mod format;
pub mod graph;
pub mod kiosk;
pub mod pages;
pub mod pin_form;
pub mod print;
pub mod status;
pub mod team;

use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use leptos_router::NavigateOptions;

use auth::{adding_scopes, complete_or_resume, AuthState, RequireScopes};
use components::AppHeader;
use config::{ExtraScopes, PortalConfig};
use graph::GraphClient;
use pages::{
    AdminHome, ChangePin, CreateMethod, Kiosk, ManageBadge, NotFound, Overview, PrintBadges,
    TeamSheet, TemporaryCode, Welcome,
};
use print::queue::PrintQueue;

async fn load_config() -> Result<PortalConfig, String> {
    let response = Request::get("/config.json")
        .send()
        .await
        .map_err(|e| format!("the portal's configuration could not be loaded ({e})"))?;
    if !response.ok() {
        return Err(format!(
            "the portal's configuration could not be loaded (HTTP {})",
            response.status()
        ));
    }
    let text = response.text().await.map_err(|e| e.to_string())?;
    PortalConfig::parse(&text).map_err(|e| format!("config.json is not valid: {e}"))
}

#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(load_config);
    view! {
        <Suspense fallback=|| {
            view! {
                <p class="loading" role="status">
                    {startup_words("Starting…")}
                </p>
            }
        }>
            {move || Suspend::new(async move {
                match config.await {
                    Ok(config) => view! { <Portal config /> }.into_any(),
                    Err(problem) => {
                        view! {
                            <main class="main">
                                <div class="error-panel" role="alert">
                                    <p>"qrbadge cannot start: " {problem} "."</p>
                                </div>
                            </main>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The portal once its configuration is known: sign-in state, header and routes.
#[component]
pub fn Portal(config: PortalConfig) -> impl IntoView {
    provide_context(config.clone());
    let retry_notice = RwSignal::new(None::<String>);
    provide_context(GraphClient::new(config.clone(), retry_notice));
    let auth = RwSignal::new(AuthState::Starting);
    provide_context(auth);
    provide_context(PrintQueue::new());
    view! {
        <Router>
            <Shell config auth retry_notice />
        </Router>
    }
}

/// Everything inside the router, so finishing sign-in can re-route to where the person was.
#[component]
fn Shell(
    config: PortalConfig,
    auth: RwSignal<AuthState>,
    retry_notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let navigate = use_navigate();
    // Told once, after a sign-in came back as another account than the one this tab had.
    let switched_notice = RwSignal::new(None::<String>);
    spawn_local(async move {
        let (state, switched) = match complete_or_resume(&config).await {
            Ok(startup) => (startup.state, startup.switched),
            Err(error) => (
                AuthState::SignedOut {
                    notice: Some(error.to_string()),
                },
                None,
            ),
        };
        switched_notice.set(switched.map(|switch| switch.to_string()));
        let starting = matches!(state, AuthState::Starting);
        auth.set(state);
        if !starting {
            // Finishing a redirect put a clean path in the address bar (the resumed page on
            // success, the page the sign-in started from on failure) with history.replaceState,
            // which the router does not observe.
            if let Some(location) = web_sys::window().map(|w| w.location()) {
                let path = format!(
                    "{}{}",
                    location.pathname().unwrap_or_default(),
                    location.search().unwrap_or_default()
                );
                navigate(
                    &path,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        }
    });
    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <AppHeader auth />
        <main id="main" class="main" tabindex="-1">
            <Routes fallback=move || {
                view! {
                    <SignedInOnly auth switched_notice>
                        <NotFound />
                    </SignedInOnly>
                }
            }>
                // The kiosk has its own start screen and sign-in, and is never behind Welcome.
                <Route path=path!("/kiosk") view=Kiosk />
                <Route path=path!("/kiosk/*any") view=Kiosk />
                <ParentRoute
                    path=path!("")
                    view=move || {
                        view! {
                            <SignedInOnly auth switched_notice>
                                <Outlet />
                            </SignedInOnly>
                        }
                    }
                >
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
                </ParentRoute>
            </Routes>
        </main>
        <p class="retry-notice" role="status" aria-live="polite">
            {move || retry_notice.get()}
        </p>
        <footer class="app-footer">
            <p>
                "QR code + PIN sign-in works on shared phones and tablets (Teams, Managed Home Screen), not in desktop browsers."
            </p>
        </footer>
    }
}

/// The portal's pages: "Signing you in…" while start-up signs in, `Welcome` when signed out, and
/// `children` (the page of the route) once signed in, under the notice of an account switch.
#[component]
fn SignedInOnly(
    auth: RwSignal<AuthState>,
    switched_notice: RwSignal<Option<String>>,
    children: ChildrenFn,
) -> impl IntoView {
    move || match auth.get() {
        AuthState::Starting => view! {
            <p class="loading" role="status">
                {startup_words("Signing you in…")}
            </p>
        }
        .into_any(),
        AuthState::SignedOut { notice } => view! { <Welcome notice /> }.into_any(),
        AuthState::SignedIn(_) => view! {
            {move || {
                switched_notice
                    .get()
                    .map(|text| {
                        view! {
                            <div class="notice account-switched" role="alert">
                                <p>{text}</p>
                                <button
                                    class="button secondary"
                                    on:click=move |_| switched_notice.set(None)
                                >
                                    "OK"
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

/// While a page load finishes a round trip that adds permissions for a page, start-up says so
/// instead of `otherwise`, so the person sees one "Getting permission…" status throughout.
fn startup_words(otherwise: &'static str) -> &'static str {
    if adding_scopes() {
        "Getting permission…"
    } else {
        otherwise
    }
}

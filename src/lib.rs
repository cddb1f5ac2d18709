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
pub mod locale;
pub mod pages;
pub mod pin_form;
pub mod print;
pub mod routes;
pub mod status;
pub mod team;

use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Router;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use auth::protocol::AccountSwitch;
use auth::{adding_scopes, complete_or_resume, AuthState};
use components::{Alert, AppHeader};
use config::PortalConfig;
use graph::GraphClient;
use leptos_i18n::I18nContext;
use locale::{t, t_string, use_i18n, I18nContextProvider, LanguageSettings, Locale};
use print::queue::PrintQueue;
use routes::{Audience, Bundle, SwitchedNotice};

/// Why `/config.json` could not be used; worded by `ConfigProblem::words`.
#[derive(Clone, Debug)]
enum ConfigProblem {
    Unreachable,
    Http(u16),
    /// The parser's own description (technical, not translated: it names the field to fix).
    Invalid(String),
}

impl ConfigProblem {
    fn words(&self, i18n: I18nContext<Locale>) -> String {
        match self {
            ConfigProblem::Unreachable => t_string!(i18n, common.config_unreachable).to_string(),
            ConfigProblem::Http(status) => {
                t_string!(i18n, common.config_http, status = *status).to_string()
            }
            ConfigProblem::Invalid(detail) => {
                t_string!(i18n, common.config_invalid, detail = detail.clone()).to_string()
            }
        }
    }
}

async fn load_config() -> Result<PortalConfig, ConfigProblem> {
    let response = Request::get("/config.json")
        .send()
        .await
        .map_err(|_| ConfigProblem::Unreachable)?;
    if !response.ok() {
        return Err(ConfigProblem::Http(response.status()));
    }
    let text = response
        .text()
        .await
        .map_err(|_| ConfigProblem::Unreachable)?;
    PortalConfig::parse(&text).map_err(|e| ConfigProblem::Invalid(e.to_string()))
}

/// Starts one bundle (`src/main.rs`, `src/bin/*.rs`): a page load that only carries a sign-in answer
/// for another bundle's page hands it over (`auth::hand_over_answer`); any other mounts the portal
/// with this bundle's routes.
pub fn start(audience: Audience) {
    console_error_panic_hook::set_once();
    if auth::hand_over_answer(|path| Bundle::of_path(path) == audience.bundle) {
        return;
    }
    routes::note_loaded_path();
    leptos::mount::mount_to_body(move || view! { <App audience /> });
}

/// The translations (they also keep `<html lang>` on the language shown) around the portal.
#[component]
pub fn App(audience: Audience) -> impl IntoView {
    provide_context(audience);
    provide_context(audience.bundle);
    view! {
        <I18nContextProvider>
            <Startup />
        </I18nContextProvider>
    }
}

/// Loads `/config.json`, in the person's language from the first word on.
#[component]
fn Startup() -> impl IntoView {
    let i18n = use_i18n();
    // Until config.json says which languages the organisation offers, all of them are.
    let first = LanguageSettings::default().choose(
        remembered_here().as_deref(),
        &locale::choice::browser_languages(),
    );
    locale::loaded::keep_words_on_screen(i18n);
    locale::loaded::show(i18n, first);
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(t_string!(i18n, common.title));
        }
    });
    let config = LocalResource::new(move || load_config_and_words(first));
    view! {
        <Suspense fallback=move || {
            view! {
                <p class="loading" role="status">
                    {move || startup_words(i18n, StartupStep::Starting)}
                </p>
            }
        }>
            {move || Suspend::new(async move {
                match config.await {
                    Ok(config) => view! { <Portal config /> }.into_any(),
                    Err(problem) => {
                        view! {
                            <main class="main">
                                <Alert>
                                    <p>
                                        {move || {
                                            t_string!(
                                                i18n, common.cannot_start, problem = problem.words(i18n)
                                            )
                                        }}
                                    </p>
                                </Alert>
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
    // The organisation may offer fewer languages, or another default, than start-up assumed.
    let i18n = use_i18n();
    let language = config.languages.choose(
        remembered_here().as_deref(),
        &locale::choice::browser_languages(),
    );
    locale::loaded::show(i18n, language);
    provide_context(config.clone());
    let retry_notice = RwSignal::new(None::<graph::RetryNotice>);
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
    retry_notice: RwSignal<Option<graph::RetryNotice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    // Told once, after a sign-in came back as another account than the one this tab had.
    let switched_notice = RwSignal::new(None::<AccountSwitch>);
    provide_context(SwitchedNotice(switched_notice));
    spawn_local(async move {
        let (state, switched) = match complete_or_resume(&config).await {
            Ok(startup) => (startup.state, startup.switched),
            Err(error) => (
                AuthState::SignedOut {
                    notice: Some(error),
                },
                None,
            ),
        };
        switched_notice.set(switched);
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
            {t!(i18n, common.skip_to_content)}
        </a>
        <AppHeader auth />
        <main id="main" class="main" tabindex="-1">
            {(expect_context::<Audience>().routes)()}
        </main>
        <p class="retry-notice" role="status" aria-live="polite">
            {move || retry_notice.get().map(|notice| components::retry_words(i18n, notice))}
        </p>
        <footer class="app-footer">
            <p>{t!(i18n, common.footer)}</p>
        </footer>
    }
}

#[derive(Clone, Copy)]
pub(crate) enum StartupStep {
    Starting,
    SigningIn,
}

/// While a page load finishes a round trip that adds permissions for a page, start-up says so
/// instead of the step, so the person sees one "Getting permission…" status throughout.
pub(crate) fn startup_words(i18n: I18nContext<Locale>, step: StartupStep) -> &'static str {
    if adding_scopes() {
        t_string!(i18n, common.getting_permission)
    } else {
        match step {
            StartupStep::Starting => t_string!(i18n, common.starting),
            StartupStep::SigningIn => t_string!(i18n, common.signing_in),
        }
    }
}

/// The configuration, and the words of the languages the first page shows, so it appears in its language at
/// once: the start-up guess while config.json is on its way, then the organisation's choice (and the kiosk's).
async fn load_config_and_words(first: locale::Language) -> Result<PortalConfig, ConfigProblem> {
    let (config, _) =
        futures_util::future::join(load_config(), locale::loaded::ensure(first)).await;
    if let Ok(config) = &config {
        let remembered = remembered_here();
        let portal = config
            .languages
            .choose(remembered.as_deref(), &locale::choice::browser_languages());
        let kiosk = on_kiosk().then(|| config.kiosk_language());
        for language in std::iter::once(portal).chain(kiosk) {
            if let Err(problem) = locale::loaded::ensure(language).await {
                leptos::logging::warn!("{}: {problem}", language.tag());
            }
        }
    }
    config
}

fn on_kiosk() -> bool {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|path| path == "/kiosk" || path.starts_with("/kiosk/"))
}

/// The person's remembered language, except on the kiosk: a shared screen starts every person in the
/// organisation's kiosk language (`pages/kiosk.rs`), whatever someone chose on this browser before.
fn remembered_here() -> Option<String> {
    if on_kiosk() {
        None
    } else {
        locale::choice::remembered()
    }
}

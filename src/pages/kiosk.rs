//! `/kiosk`: a temporary QR code on a shared screen.
//!
//! Start screen → sign-in (`prompt=login`, replacing history) → choose how long → the code, full
//! screen → "Done" or the idle timeout: the code is cleared, the session ended and the page
//! replaced by a fresh start screen (see `crate::kiosk::session`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use qrpin::model::QrCode;
use qrpin::rules::{code_state, CodeState, DEFAULT_TEMPORARY_HOURS};

use crate::auth::{Account, AuthState};
use crate::commands::{use_commands, Commands, Failure, Outcome, Reauth};
use crate::components::{create_temporary, CommandReport, ErrorPanel, HoursSelect};
use crate::config::PortalConfig;
use crate::format::{now, optional_date_time};
use crate::graph::{ApiError, CodeKind, Target};
use crate::kiosk::idle::duration_words;
use crate::kiosk::{session, IdleGuard, IdlePolicy, KioskDisplay};

#[component]
pub fn Kiosk() -> impl IntoView {
    let config = expect_context::<PortalConfig>();
    let auth = expect_context::<RwSignal<AuthState>>();
    let policy = IdlePolicy::from_config(config.kiosk.idle_timeout_seconds);
    view! {
        <div class="kiosk">
            {move || match auth.get() {
                AuthState::Starting => {
                    view! {
                        <p class="loading kiosk-status" role="status">
                            "Starting…"
                        </p>
                    }
                        .into_any()
                }
                AuthState::SignedOut { notice } => view! { <KioskStart notice policy /> }.into_any(),
                AuthState::SignedIn(account) if session::started_here() => {
                    view! { <KioskSession account policy /> }.into_any()
                }
                AuthState::SignedIn(_) => view! { <EndOtherSession /> }.into_any(),
            }}
        </div>
    }
}

/// "Forgot your badge?" and one button.
#[component]
fn KioskStart(notice: Option<String>, policy: IdlePolicy) -> impl IntoView {
    let config = expect_context::<PortalConfig>();
    let org = config.organization_name().map(str::to_string).unwrap_or_default();
    let (problem, set_problem) = signal(notice);
    let (pending, set_pending) = signal(false);
    let on_sign_in = move |_| {
        let config = config.clone();
        set_pending.set(true);
        spawn_local(async move {
            if let Err(error) = session::start_sign_in(&config, None).await {
                set_problem.set(Some(error.to_string()));
                set_pending.set(false);
            }
        });
    };
    view! {
        <section class="kiosk-panel kiosk-start" aria-labelledby="kiosk-start-title">
            <p class="kiosk-org">{org}</p>
            <h1 id="kiosk-start-title">"Forgot your badge?"</h1>
            <p class="kiosk-lead">"Show a temporary QR code on this screen."</p>
            {move || {
                problem
                    .get()
                    .map(|p| {
                        view! {
                            <div class="error-panel" role="alert">
                                <p>{p}</p>
                            </div>
                        }
                    })
            }}
            <button
                class="button primary kiosk-button kiosk-main-action"
                disabled=move || pending.get()
                on:click=on_sign_in
            >
                "Sign in"
            </button>
            <p class="kiosk-note">
                "Sign in with your work account. Your code is shown on this screen only. Everything is cleared when you press Done, or after "
                {duration_words(policy.timeout_seconds())} " without a tap or key press."
            </p>
        </section>
    }
}

/// A session this kiosk did not start (a reload signed in again silently, or a portal session in
/// the same tab) is never offered to whoever stands at the screen.
#[component]
fn EndOtherSession() -> impl IntoView {
    let config = expect_context::<PortalConfig>();
    spawn_local(async move { session::finish(&config).await });
    view! {
        <p class="loading kiosk-status" role="status">
            "Signing out the previous session…"
        </p>
    }
}

/// The code being shown, and whose it is. The only place the code lives.
#[derive(Clone)]
struct Shown {
    code: QrCode,
    holder: String,
}

/// Signed in: choose how long, then the code; idle timeout throughout.
#[component]
fn KioskSession(account: Account, policy: IdlePolicy) -> impl IntoView {
    let config = expect_context::<PortalConfig>();
    let shown = RwSignal::new(None::<Shown>);
    let clearing = RwSignal::new(false);
    let clear = Callback::new(move |_: ()| {
        shown.set(None);
        clearing.set(true);
        let config = config.clone();
        spawn_local(async move { session::finish(&config).await });
    });
    let holder = if account.name.is_empty() {
        account.username.clone()
    } else {
        account.name.clone()
    };
    view! {
        <IdleGuard policy on_timeout=clear />
        {move || {
            if clearing.get() {
                return view! {
                    <p class="loading kiosk-status" role="status">
                        "Clearing…"
                    </p>
                }
                    .into_any();
            }
            match shown.get() {
                Some(Shown { code, holder }) => {
                    view! { <KioskDisplay code holder on_done=clear /> }.into_any()
                }
                None => view! { <KioskChoose holder=holder.clone() shown clear /> }.into_any(),
            }
        }}
    }
}

/// How long, and whether an active temporary code has to be replaced first.
#[component]
fn KioskChoose(
    holder: String,
    shown: RwSignal<Option<Shown>>,
    clear: Callback<()>,
) -> impl IntoView {
    let config = expect_context::<PortalConfig>();
    // The kiosk has its own sign-in for a fresh session: nothing is resumed across it.
    let commands = use_commands(Target::Me, Reauth::Report);
    let method = commands.method;
    let hours = RwSignal::new(DEFAULT_TEMPORARY_HOURS.to_string());
    let report = commands.report();
    let (problem, set_problem) = signal(None::<ApiError>);
    let shown_holder = holder.clone();
    Effect::new(move |_| match report.get() {
        Some(Ok(Outcome::CodeCreated {
            code,
            kind: CodeKind::Temporary,
        })) => {
            shown.set(Some(Shown {
                code,
                holder: shown_holder.clone(),
            }));
        }
        Some(Err(Failure::NeedsSignIn { claims, .. })) => {
            // Graph wants a fresh sign-in before a change: sign in again, come back here.
            let config = config.clone();
            spawn_local(async move {
                if let Err(error) = session::start_sign_in(&config, claims.as_deref()).await {
                    set_problem.set(Some(ApiError::Auth(error)));
                }
            });
        }
        _ => {}
    });
    let busy = commands.pending();
    view! {
        <section class="kiosk-panel" aria-labelledby="kiosk-choose-title">
            <p class="kiosk-org">"Signed in as " <strong>{holder.clone()}</strong></p>
            <h1 id="kiosk-choose-title">"Show a temporary QR code"</h1>
            <p class="kiosk-lead">
                "It signs you in with your usual PIN on shared phones and tablets until the time you choose."
            </p>
            {move || problem.get().map(|error| view! { <KioskError error clear /> })}
            <CommandReport report />
            <Suspense fallback=|| {
                view! {
                    <p class="loading" role="status">
                        "Checking your QR code sign-in…"
                    </p>
                }
            }>
                {move || Suspend::new(async move {
                    match method.await {
                        Err(error) => view! { <KioskError error clear /> }.into_any(),
                        Ok(None) => {
                            view! {
                                <div class="kiosk-notice" role="note">
                                    <p>
                                        "You don't have QR code sign-in yet, so there is no PIN to go with a temporary code. Ask your manager to set it up for you."
                                    </p>
                                </div>
                                <div class="kiosk-actions">
                                    <button
                                        class="button primary kiosk-button"
                                        on:click=move |_| clear.run(())
                                    >
                                        "Sign out"
                                    </button>
                                </div>
                            }
                                .into_any()
                        }
                        Ok(Some(method)) => {
                            let live = method
                                .temporary_qr_code
                                .filter(|code| {
                                    matches!(
                                        code_state(code, now()),
                                        CodeState::Active | CodeState::NotYetValid
                                    )
                                });
                            view! { <ChooseForm live hours busy commands clear /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ChooseForm(
    /// An active (or not yet valid) temporary code that has to be replaced.
    live: Option<QrCode>,
    hours: RwSignal<String>,
    busy: Signal<bool>,
    commands: Commands,
    clear: Callback<()>,
) -> impl IntoView {
    let replace = live.is_some();
    let (field_problem, set_field_problem) = signal(None::<String>);
    view! {
        {live
            .map(|code| {
                view! {
                    <div class="kiosk-notice" role="note">
                        <p>
                            <strong>"You already have a temporary QR code"</strong>
                            ", valid until "
                            {optional_date_time(code.expire_date_time, "not reported")}
                            "."
                        </p>
                        <p>
                            "Microsoft shows a code's image only once, when it is created, so this screen cannot show that one. Replace it: the old code stops working at once and the new one appears here."
                        </p>
                    </div>
                }
            })}
        <div class="kiosk-field">
            <HoursSelect id="kiosk-hours" label="How long should it work?" chosen=hours />
        </div>
        <div class="kiosk-actions">
            <button
                class="button primary kiosk-button kiosk-main-action"
                disabled=move || busy.get()
                on:click=move |_| create_temporary(
                    commands,
                    &hours.get(),
                    replace,
                    set_field_problem,
                )
            >
                {if replace { "Replace it" } else { "Show temporary QR code" }}
            </button>
            <button class="button secondary kiosk-button" on:click=move |_| clear.run(())>
                "Cancel and sign out"
            </button>
        </div>
        <p class="kiosk-status-line" role="status">
            {move || {
                field_problem.get().or_else(|| busy.get().then(|| "Creating your code…".into()))
            }}
        </p>
    }
}

/// A Graph error in words; one that needs a new sign-in offers to start again.
#[component]
fn KioskError(error: ApiError, clear: Callback<()>) -> impl IntoView {
    let needs_sign_in = matches!(error, ApiError::Auth(_) | ApiError::Unauthorized);
    view! {
        <ErrorPanel error />
        {needs_sign_in
            .then(|| {
                view! {
                    <div class="kiosk-actions">
                        <button class="button primary kiosk-button" on:click=move |_| clear.run(())>
                            "Start again"
                        </button>
                    </div>
                }
            })}
    }
}

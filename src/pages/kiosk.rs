//! `/kiosk`: a temporary QR code on a shared screen.
//!
//! Start screen → sign-in (`prompt=login`, replacing history) → choose how long → the code, full
//! screen → "Done" or the idle timeout: the code is cleared, the session ended and the page
//! replaced by a fresh start screen (see `crate::kiosk::session`).
//!
//! Language: every new person starts in the organisation's kiosk language
//! (`PortalConfig::kiosk_language`, never a choice remembered in this browser) and may switch on the
//! start screen; that switcher does not remember the choice, because the screen is shared. The choice
//! is carried through the person's own sign-in round trip only (`session::chosen_language`), and the
//! end of the session (Done, Cancel, the idle timeout, a session the kiosk did not start) reloads the
//! start screen in the kiosk language. A choice left on the start screen without a session returns to
//! the kiosk language after the idle timeout, with any notice left there. The header (hidden on the
//! kiosk) renders no switcher of its own on `/kiosk`, so nothing on this screen remembers a language.

use leptos::prelude::*;
use leptos::task::spawn_local;
use qrpin::model::QrCode;
use qrpin::rules::{
    code_state, CodeState, LifetimeInputProblem, LifetimeUnit, DEFAULT_TEMPORARY_HOURS,
};

use crate::auth::{Account, AuthError, AuthState};
use crate::commands::{use_commands, Commands, Failure, Outcome, Reauth};
use crate::components::{
    lifetime_words, start_temporary, Alert, CommandReport, ErrorPanel, HoursSelect,
    LanguageSwitcher, SignInNotice,
};
use crate::config::PortalConfig;
use crate::format::now;
use crate::graph::{ApiError, CodeKind, Target};
use crate::kiosk::{forget_after_idle, session, words, IdleGuard, IdlePolicy, KioskDisplay};
use crate::locale::intl::date_time;
use crate::locale::{t, t_string, use_i18n, Language};

#[component]
pub fn Kiosk() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<PortalConfig>();
    let auth = expect_context::<RwSignal<AuthState>>();
    let policy = IdlePolicy::from_config(config.kiosk.idle_timeout_seconds);
    let offered = config.languages.offered();
    let language = session::chosen_language()
        .filter(|chosen| offered.contains(chosen))
        .unwrap_or_else(|| config.kiosk_language());
    crate::locale::loaded::show(i18n, language);
    view! {
        <div class="kiosk">
            {move || match auth.get() {
                AuthState::Starting => {
                    view! {
                        <p class="loading kiosk-status" role="status">
                            {t!(i18n, common.starting)}
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

/// "Forgot your badge?", the language menu and one button.
#[component]
fn KioskStart(notice: Option<AuthError>, policy: IdlePolicy) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<PortalConfig>();
    let org = config.organization_name().map(str::to_string);
    let kiosk_language = config.kiosk_language();
    let (problem, set_problem) = signal(notice);
    let (pending, set_pending) = signal(false);
    forget_after_idle(policy, kiosk_language, set_problem);
    let on_sign_in = move |_| {
        let config = config.clone();
        let language = Language::of(i18n.get_locale_untracked());
        set_pending.set(true);
        spawn_local(async move {
            if let Err(error) = session::start_sign_in(&config, None, language).await {
                set_problem.set(Some(error));
                set_pending.set(false);
            }
        });
    };
    view! {
        <section class="kiosk-panel kiosk-start" aria-labelledby="kiosk-start-title">
            <div class="kiosk-start-top">
                <p class="kiosk-org">
                    {match org {
                        Some(org) => org.into_any(),
                        None => t!(i18n, common.organisation_fallback).into_any(),
                    }}
                </p>
                <LanguageSwitcher remember_choice=false />
            </div>
            <h1 id="kiosk-start-title">{t!(i18n, kiosk.start.title)}</h1>
            <p class="kiosk-lead">{t!(i18n, kiosk.start.lead)}</p>
            {move || {
                problem
                    .get()
                    .map(|notice| {
                        view! {
                            <Alert>
                                <p>
                                    <SignInNotice notice />
                                </p>
                            </Alert>
                        }
                    })
            }}
            <button
                class="button primary kiosk-button kiosk-main-action"
                disabled=move || pending.get()
                on:click=on_sign_in
            >
                {t!(i18n, kiosk.start.sign_in)}
            </button>
            <p class="kiosk-note">
                {t!(
                    i18n, kiosk.start.note, timeout = move || words::timeout(i18n, policy.timeout_seconds())
                )}
            </p>
        </section>
    }
}

/// A session this kiosk did not start (a reload signed in again silently, or a portal session in
/// the same tab) is never offered to whoever stands at the screen.
#[component]
fn EndOtherSession() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<PortalConfig>();
    spawn_local(async move { session::finish(&config).await });
    view! {
        <p class="loading kiosk-status" role="status">
            {t!(i18n, kiosk.ending_other_session)}
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
    let i18n = use_i18n();
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
                        {t!(i18n, kiosk.clearing)}
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
    let i18n = use_i18n();
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
            let language = Language::of(i18n.get_locale_untracked());
            spawn_local(async move {
                if let Err(error) =
                    session::start_sign_in(&config, claims.as_deref(), language).await
                {
                    set_problem.set(Some(ApiError::Auth(error)));
                }
            });
        }
        _ => {}
    });
    let busy = commands.pending();
    view! {
        <section class="kiosk-panel" aria-labelledby="kiosk-choose-title">
            <p class="kiosk-org">
                {t!(i18n, kiosk.choose.signed_in_as, name = holder.clone(), <b> = <strong />)}
            </p>
            <h1 id="kiosk-choose-title">{t!(i18n, kiosk.choose.title)}</h1>
            <p class="kiosk-lead">{t!(i18n, kiosk.choose.lead)}</p>
            {move || problem.get().map(|error| view! { <KioskError error clear /> })}
            <CommandReport report />
            <Suspense fallback=move || {
                view! {
                    <p class="loading" role="status">
                        {t!(i18n, kiosk.choose.checking)}
                    </p>
                }
            }>
                {move || Suspend::new(async move {
                    match method.await {
                        Err(error) => view! { <KioskError error clear /> }.into_any(),
                        Ok(None) => {
                            view! {
                                <div class="kiosk-notice" role="note">
                                    <p>{t!(i18n, kiosk.choose.no_method)}</p>
                                </div>
                                <div class="kiosk-actions">
                                    <button
                                        class="button primary kiosk-button"
                                        on:click=move |_| clear.run(())
                                    >
                                        {t!(i18n, kiosk.choose.sign_out)}
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
    let i18n = use_i18n();
    let replace = live.is_some();
    let (field_problem, set_field_problem) = signal(None::<LifetimeInputProblem>);
    view! {
        {live
            .map(|code| {
                view! {
                    <div class="kiosk-notice" role="note">
                        <p>
                            {t!(
                                i18n, kiosk.choose.already, until = move || match code.expire_date_time {
                                    Some(until) => date_time(until, Language::of(i18n.get_locale())),
                                    None => t_string!(i18n, kiosk.choose.not_reported).to_string(),
                                }, <b> = <strong />
                            )}
                        </p>
                        <p>{t!(i18n, kiosk.choose.image_once)}</p>
                    </div>
                }
            })}
        <div class="kiosk-field">
            // The kiosk's language cannot change during a session (the menu is on the start screen).
            <HoursSelect
                id="kiosk-hours"
                label=t_string!(i18n, kiosk.choose.how_long)
                chosen=hours
            />
        </div>
        <div class="kiosk-actions">
            <button
                class="button primary kiosk-button kiosk-main-action"
                disabled=move || busy.get()
                on:click=move |_| start_temporary(
                    commands,
                    &hours.get(),
                    replace,
                    set_field_problem,
                )
            >
                {if replace {
                    t!(i18n, kiosk.choose.replace).into_any()
                } else {
                    t!(i18n, kiosk.choose.show).into_any()
                }}
            </button>
            <button class="button secondary kiosk-button" on:click=move |_| clear.run(())>
                {t!(i18n, kiosk.choose.cancel)}
            </button>
        </div>
        <p class="kiosk-status-line" role="status">
            {move || {
                field_problem
                    .get()
                    .map(|problem| lifetime_words(i18n.get_locale(), problem, LifetimeUnit::Hours))
                    .or_else(|| {
                        busy.get().then(|| t_string!(i18n, kiosk.choose.creating).to_string())
                    })
            }}
        </p>
    }
}

/// A Graph error in words; one that needs a new sign-in offers to start again.
#[component]
fn KioskError(error: ApiError, clear: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let needs_sign_in = matches!(error, ApiError::Auth(_) | ApiError::Unauthorized);
    view! {
        <ErrorPanel error />
        {needs_sign_in
            .then(|| {
                view! {
                    <div class="kiosk-actions">
                        <button class="button primary kiosk-button" on:click=move |_| clear.run(())>
                            {t!(i18n, kiosk.choose.start_again)}
                        </button>
                    </div>
                }
            })}
    }
}

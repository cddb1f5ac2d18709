//! The code on the shared screen: the QR as large as the screen allows, the holder's name, the
//! validity and a live countdown. The QR is hidden whenever the page is hidden or loses focus,
//! and gone at expiry. The screen is kept on (Screen Wake Lock) while the code is shown.

use std::time::Duration;

use leptos::prelude::*;
use qrpin::model::QrCode;
use qrpin::qr::matrix_from_image;

use super::dom::{
    enter_fullscreen, exit_fullscreen, fullscreen_supported, is_fullscreen, page_hidden, Listener,
    ScreenWakeLock,
};
use crate::components::{Alert, QrSvg};
use crate::format::now;
use crate::locale::intl::{date_time, duration};
use crate::locale::{t, t_string, td, use_i18n, Language};

/// Releases the wake lock when the display goes away.
struct ReleaseOnDrop(ScreenWakeLock);

impl Drop for ReleaseOnDrop {
    fn drop(&mut self) {
        self.0.release();
    }
}

#[component]
pub fn KioskDisplay(
    /// A temporary code just created (its image exists only now).
    code: QrCode,
    /// The display name of the person it signs in.
    holder: String,
    /// "Done": clear everything now.
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let language = move || Language::of(i18n.get_locale());
    let expires = code.expire_date_time;
    let valid_until = move || match expires {
        Some(until) => date_time(until, language()),
        None => t_string!(i18n, kiosk.display.no_expiry).to_string(),
    };
    let label_holder = holder.clone();
    let label = move || {
        t_string!(
            i18n,
            kiosk.display.qr_label,
            name = label_holder.clone(),
            until = valid_until()
        )
        .to_string()
    };
    let matrix = code.image.as_ref().map(matrix_from_image);

    let clock = RwSignal::new(now());
    if let Ok(handle) = set_interval_with_handle(move || clock.set(now()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let expired = Memo::new(move |_| expires.is_some_and(|until| clock.get() >= until));
    let concealed = RwSignal::new(page_hidden());
    let fullscreen = RwSignal::new(is_fullscreen());
    let (fullscreen_refused, set_fullscreen_refused) = signal(false);

    let wake_lock = ScreenWakeLock::default();
    if !page_hidden() {
        wake_lock.acquire();
    }
    let reveal = move || {
        if concealed.get_untracked() && !page_hidden() {
            concealed.set(false);
            true
        } else {
            false
        }
    };
    let visibility_lock = wake_lock.clone();
    let listeners: Vec<Listener> = [
        Listener::on_window_blur(move || concealed.set(true)),
        Listener::on_document("visibilitychange", move |_| {
            if page_hidden() {
                concealed.set(true);
                visibility_lock.release();
            } else if !expired.get_untracked() {
                visibility_lock.acquire();
            }
        }),
        Listener::on_window("pointerdown", move |_| {
            reveal();
        }),
        Listener::on_window("keydown", move |event| {
            // The key that shows the code again does nothing else (e.g. not "Done").
            if reveal() {
                event.prevent_default();
            }
        }),
        Listener::on_document("fullscreenchange", move |_| fullscreen.set(is_fullscreen())),
    ]
    .into_iter()
    .flatten()
    .collect();
    StoredValue::new_local(listeners);
    let expiry_lock = wake_lock.clone();
    Effect::new(move |_| {
        if expired.get() {
            expiry_lock.release();
        }
    });
    StoredValue::new_local(ReleaseOnDrop(wake_lock));

    // Focus the name, so a screen reader says whose code this is and Tab reaches the buttons.
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });

    // Built from plain values like the idle warning (see `IdleGuard`): the code is hidden and shown
    // again many times in one session, and nothing reactive may be created and dropped with it.
    let qr_area = move || {
        let locale = i18n.get_locale();
        if expired.get() {
            return view! {
                <div class="kiosk-qr-placeholder" role="status">
                    <p class="kiosk-placeholder-title">
                        {td!(locale, kiosk.display.expired_title)}
                    </p>
                    <p>{td!(locale, kiosk.display.expired_hint)}</p>
                </div>
            }
            .into_any();
        }
        if concealed.get() {
            return view! {
                <button
                    class="kiosk-qr-placeholder kiosk-reveal"
                    on:click=move |_| {
                        reveal();
                    }
                >
                    <span class="kiosk-placeholder-title">
                        {td!(locale, kiosk.display.hidden_title)}
                    </span>
                    <span>{td!(locale, kiosk.display.hidden_hint)}</span>
                </button>
            }
            .into_any();
        }
        match &matrix {
            Some(Ok(matrix)) => view! {
                <div class="kiosk-qr">
                    <QrSvg matrix=matrix.clone() label=label() />
                </div>
            }
            .into_any(),
            Some(Err(problem)) => {
                // `Alert` takes `'static` children: they get their own copy of the reason.
                let problem = problem.clone();
                view! {
                    <Alert extra_class="kiosk-qr-placeholder">
                        // qrpin's technical reason, like Graph's own messages: not translated.
                        <p>
                            {td!(locale, kiosk.display.cannot_draw, problem = problem.to_string())}
                        </p>
                    </Alert>
                }
                .into_any()
            }
            None => view! {
                <Alert extra_class="kiosk-qr-placeholder">
                    <p>{td!(locale, kiosk.display.no_image)}</p>
                </Alert>
            }
            .into_any(),
        }
    };
    let countdown = move || {
        let Some(until) = expires else {
            return String::new();
        };
        match (until - clock.get()).num_seconds() {
            left @ 1.. => {
                t_string!(i18n, kiosk.display.left, time = duration(left, language())).to_string()
            }
            _ => t_string!(i18n, kiosk.display.expired).to_string(),
        }
    };
    let toggle_fullscreen = move |_| {
        if is_fullscreen() {
            exit_fullscreen();
        } else {
            set_fullscreen_refused.set(enter_fullscreen().is_err());
        }
    };

    view! {
        <section class="kiosk-display" aria-labelledby="kiosk-holder">
            <div class="kiosk-qr-area">{qr_area}</div>
            <div class="kiosk-info">
                <p class="kiosk-kind">{t!(i18n, kiosk.display.kind)}</p>
                <h1 id="kiosk-holder" class="kiosk-name" tabindex="-1" node_ref=heading>
                    {holder.clone()}
                </h1>
                <p class="kiosk-valid">
                    {t!(
                        i18n, kiosk.display.valid_until, until = valid_until, <date> = <span class="kiosk-valid-date" />
                    )}
                </p>
                <p class="kiosk-countdown" role="timer">
                    {countdown}
                </p>
                <p class="kiosk-instructions">{t!(i18n, kiosk.display.instructions)}</p>
                <div class="kiosk-actions">
                    {fullscreen_supported()
                        .then(|| {
                            view! {
                                <button
                                    class="button secondary kiosk-button"
                                    aria-pressed=move || fullscreen.get().to_string()
                                    on:click=toggle_fullscreen
                                >
                                    {t!(i18n, kiosk.display.full_screen)}
                                </button>
                            }
                        })}
                    <button class="button primary kiosk-button" on:click=move |_| on_done.run(())>
                        {t!(i18n, kiosk.display.done)}
                    </button>
                </div>
                {move || {
                    fullscreen_refused
                        .get()
                        .then(|| {
                            view! {
                                <Alert>
                                    <p>{t!(i18n, kiosk.display.full_screen_refused)}</p>
                                </Alert>
                            }
                        })
                }}
            </div>
        </section>
    }
}

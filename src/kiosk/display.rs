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
use crate::components::{remaining_text, QrSvg};
use crate::format::{now, optional_date_time};

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
    let expires = code.expire_date_time;
    let valid_until = optional_date_time(expires, "no expiry date");
    let label = format!("Temporary QR code for {holder}, valid until {valid_until}");
    let matrix = code.image.as_ref().map(matrix_from_image);

    let clock = RwSignal::new(now());
    if let Ok(handle) = set_interval_with_handle(move || clock.set(now()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let expired = Memo::new(move |_| expires.is_some_and(|until| clock.get() >= until));
    let concealed = RwSignal::new(page_hidden());
    let fullscreen = RwSignal::new(is_fullscreen());
    let (fullscreen_problem, set_fullscreen_problem) = signal(None::<String>);

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

    let qr_area = move || {
        if expired.get() {
            return view! {
                <div class="kiosk-qr-placeholder" role="status">
                    <p class="kiosk-placeholder-title">"This code has expired"</p>
                    <p>"Press Done, then sign in again for a new one."</p>
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
                    <span class="kiosk-placeholder-title">"QR code hidden"</span>
                    <span>"Tap or press any key to show it again"</span>
                </button>
            }
            .into_any();
        }
        match &matrix {
            Some(Ok(matrix)) => view! {
                <div class="kiosk-qr">
                    <QrSvg matrix=matrix.clone() label=label.clone() />
                </div>
            }
            .into_any(),
            Some(Err(problem)) => view! {
                <div class="kiosk-qr-placeholder error-panel" role="alert">
                    <p>"This QR code cannot be drawn: " {problem.to_string()} "."</p>
                </div>
            }
            .into_any(),
            None => view! {
                <div class="kiosk-qr-placeholder error-panel" role="alert">
                    <p>
                        "Microsoft Graph created the code but did not return its image. Press Done and try again."
                    </p>
                </div>
            }
            .into_any(),
        }
    };
    let countdown = move || match expires.and_then(|until| remaining_text(until, clock.get())) {
        Some(left) => format!("{left} left"),
        None if expires.is_some() => "Expired".to_string(),
        None => String::new(),
    };
    let toggle_fullscreen = move |_| {
        if is_fullscreen() {
            exit_fullscreen();
        } else {
            set_fullscreen_problem.set(enter_fullscreen().err());
        }
    };

    view! {
        <section class="kiosk-display" aria-labelledby="kiosk-holder">
            <div class="kiosk-qr-area">{qr_area}</div>
            <div class="kiosk-info">
                <p class="kiosk-kind">"Temporary QR code"</p>
                <h1 id="kiosk-holder" class="kiosk-name" tabindex="-1" node_ref=heading>
                    {holder.clone()}
                </h1>
                <p class="kiosk-valid">
                    "Valid until " <span class="kiosk-valid-date">{valid_until.clone()}</span>
                </p>
                <p class="kiosk-countdown" role="timer">
                    {countdown}
                </p>
                <p class="kiosk-instructions">
                    "Scan it with the shared phone or tablet, then type your PIN."
                </p>
                <div class="kiosk-actions">
                    {fullscreen_supported()
                        .then(|| {
                            view! {
                                <button
                                    class="button secondary kiosk-button"
                                    aria-pressed=move || fullscreen.get().to_string()
                                    on:click=toggle_fullscreen
                                >
                                    "Full screen"
                                </button>
                            }
                        })}
                    <button class="button primary kiosk-button" on:click=move |_| on_done.run(())>
                        "Done"
                    </button>
                </div>
                {move || {
                    fullscreen_problem
                        .get()
                        .map(|problem| {
                            view! {
                                <p class="error-panel" role="alert">
                                    {problem}
                                </p>
                            }
                        })
                }}
            </div>
        </section>
    }
}

//! A QR code right after Graph created it: the only moment its image exists. Drawn from
//! `image.rawContent` at Graph's version and level, with download and print.

use leptos::prelude::*;
use qrpin::model::{QrCode, QrCodePinMethod};
use qrpin::qr::matrix_from_image;

use super::{Countdown, OneTimePin, QrSvg};
use crate::browser::{download_png, download_svg, warn_before_leaving};
use crate::format::optional_date_time;
use crate::print::queue::{BadgeToPrint, PrintQueue};
use crate::status::Audience;

#[component]
pub fn CreatedCode(
    code: QrCode,
    /// Display name of the person the code signs in.
    holder: String,
    /// Their user principal name (printed on the badge).
    upn: String,
    /// Temporary codes show a live countdown.
    temporary: bool,
    /// Whose code it is, for the heading ("Your new…" or the holder's name).
    #[prop(optional)]
    audience: Audience,
) -> impl IntoView {
    let kind = if temporary {
        "Temporary QR code"
    } else {
        "Badge QR code"
    };
    let expires = optional_date_time(code.expire_date_time, "no expiry date");
    let Some(image) = code.image.clone() else {
        return view! {
            <div class="error-panel" role="alert">
                <p>
                    "Microsoft Graph created the code but did not return its image, so it cannot be shown. Replace the code to get a new one."
                </p>
            </div>
        }
        .into_any();
    };
    let matrix = match matrix_from_image(&image) {
        Ok(matrix) => matrix,
        Err(problem) => {
            return view! {
                <div class="error-panel" role="alert">
                    <p>"This QR code cannot be drawn: " {problem.to_string()} "."</p>
                    <p>"Replace the code to get a new one."</p>
                </div>
            }
            .into_any()
        }
    };
    warn_before_leaving();
    let label = format!("{kind} for {holder}, valid until {expires}");
    let heading = match (audience, temporary) {
        (Audience::Employee, true) => "Your new temporary QR code".to_string(),
        (Audience::Employee, false) => "Your new badge QR code".to_string(),
        (Audience::Administrator, true) => format!("New temporary QR code for {holder}"),
        (Audience::Administrator, false) => format!("New badge QR code for {holder}"),
    };
    let file_stem = if temporary {
        "temporary-qr-code"
    } else {
        "badge-qr-code"
    };
    let (problem, set_problem) = signal(None::<String>);
    let svg_matrix = matrix.clone();
    let png_matrix = matrix.clone();
    let svg_title = label.clone();
    let report = move |result: Result<(), String>| set_problem.set(result.err());
    // The print page reads the queue (memory only); the router keeps it across the navigation.
    let queue = use_context::<PrintQueue>();
    let badge = BadgeToPrint {
        holder: holder.clone(),
        upn,
        code: code.clone(),
        temporary,
    };
    let queue_for_print = Callback::new(move |_: ()| {
        if let Some(queue) = queue {
            queue.set(vec![badge.clone()]);
        }
    });
    view! {
        <section class="card created-code" aria-labelledby="created-title">
            <h2 id="created-title">
                <bdi>{heading}</bdi>
            </h2>
            <p class="once-warning" role="note">
                <strong>"This is the only time this QR code can be shown."</strong>
                " Microsoft does not keep the image: download or print it now. Later you can only replace it."
            </p>
            <div class="created-body">
                <div class="qr-frame">
                    <QrSvg matrix label=label.clone() />
                </div>
                <div class="created-facts">
                    <p class="holder">
                        <bdi>{holder.clone()}</bdi>
                    </p>
                    <dl class="facts">
                        <dt>"Valid from"</dt>
                        <dd>{optional_date_time(code.start_date_time, "now")}</dd>
                        <dt>"Valid until"</dt>
                        <dd>{expires.clone()}</dd>
                    </dl>
                    {code
                        .expire_date_time
                        .filter(|_| temporary)
                        .map(|until| {
                            view! {
                                <p class="big-countdown">
                                    <Countdown until />
                                </p>
                            }
                        })}
                    <div class="actions">
                        <button
                            class="button secondary"
                            on:click=move |_| report(
                                download_svg(&svg_matrix, &svg_title, &format!("{file_stem}.svg")),
                            )
                        >
                            "Download SVG"
                        </button>
                        <button
                            class="button secondary"
                            on:click=move |_| report(
                                download_png(&png_matrix, &format!("{file_stem}.png")),
                            )
                        >
                            "Download PNG"
                        </button>
                        <a
                            class="button primary"
                            href="/print"
                            on:click=move |_| queue_for_print.run(())
                        >
                            "Print badge"
                        </a>
                    </div>
                    {move || {
                        problem
                            .get()
                            .map(|p| {
                                view! {
                                    <p class="error-panel" role="alert">
                                        {p}
                                    </p>
                                }
                            })
                    }}
                </div>
            </div>
        </section>
    }
    .into_any()
}

/// A method Graph just created: the generated PIN (when Graph made one) and the badge code, each shown once.
#[component]
pub fn CreatedMethod(
    method: QrCodePinMethod,
    /// Display name of the person the method signs in.
    holder: String,
    /// Their user principal name (printed on the badge).
    upn: String,
    #[prop(optional)] audience: Audience,
) -> impl IntoView {
    let generated_pin = method.pin.and_then(|pin| pin.code);
    view! {
        {generated_pin.map(|pin| view! { <OneTimePin pin /> })}
        {method
            .standard_qr_code
            .map(|code| view! { <CreatedCode code holder upn temporary=false audience /> })}
    }
}

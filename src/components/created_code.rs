//! A QR code right after Graph created it: the only moment its image exists. Drawn from
//! `image.rawContent` at Graph's version and level, with download and print.

use leptos::prelude::*;
use qrpin::model::{QrCode, QrCodePinMethod};
use qrpin::qr::matrix_from_image;

use super::{Alert, Countdown, OneTimePin, QrSvg, ReminderDownload};
use crate::browser::{download_png, download_svg, warn_before_leaving, BrowserProblem};
use crate::format::now;
use crate::locale::{intl, t, t_string, td_string, use_i18n, Language, Locale};
use crate::print::queue::{BadgeToPrint, PrintQueue};
use crate::routes::print_page;
use crate::status::Audience;

/// Why a download did not happen, in words; the browser's own message is shown as it came.
pub fn save_problem_words(problem: &BrowserProblem, locale: Locale) -> String {
    match problem {
        BrowserProblem::Unsupported => {
            td_string!(locale, selfservice.created.save_unsupported).to_string()
        }
        BrowserProblem::Refused(None) => {
            td_string!(locale, selfservice.created.save_refused).to_string()
        }
        BrowserProblem::Refused(Some(detail)) => td_string!(
            locale,
            selfservice.created.save_refused_detail,
            detail = detail
        )
        .to_string(),
    }
}

/// What a screen reader announces for the symbol, and the downloaded SVG's `<title>`: whose code and until
/// when, never the payload.
fn symbol_label(
    temporary: bool,
    holder: &str,
    expires: Option<chrono::DateTime<chrono::Utc>>,
    locale: Locale,
) -> String {
    let until = match expires {
        Some(expires) => intl::date_time(expires, Language::of(locale)),
        None => td_string!(locale, selfservice.created.no_expiry).to_string(),
    };
    if temporary {
        td_string!(
            locale,
            selfservice.created.label_temporary,
            holder = holder,
            until = until
        )
        .to_string()
    } else {
        td_string!(
            locale,
            selfservice.created.label_badge,
            holder = holder,
            until = until
        )
        .to_string()
    }
}

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
    let i18n = use_i18n();
    let expire = code.expire_date_time;
    let start = code.start_date_time;
    let Some(image) = code.image.clone() else {
        return view! {
            <Alert>
                <p>{t!(i18n, selfservice.created.no_image)}</p>
            </Alert>
        }
        .into_any();
    };
    let matrix =
        match matrix_from_image(&image) {
            Ok(matrix) => matrix,
            Err(problem) => return view! {
                <Alert>
                    <p>
                        {t!(i18n, selfservice.created.cannot_draw, problem = problem.to_string())}
                    </p>
                    <p>{t!(i18n, selfservice.created.replace_to_renew)}</p>
                </Alert>
            }
            .into_any(),
        };
    warn_before_leaving();
    let label_holder = holder.clone();
    let label =
        Signal::derive(move || symbol_label(temporary, &label_holder, expire, i18n.get_locale()));
    let heading_holder = holder.clone();
    let heading = move || match (audience, temporary) {
        (Audience::Employee, true) => {
            t_string!(i18n, selfservice.created.heading_own_temporary).to_string()
        }
        (Audience::Employee, false) => {
            t_string!(i18n, selfservice.created.heading_own_badge).to_string()
        }
        (Audience::Administrator, true) => t_string!(
            i18n,
            selfservice.created.heading_for_temporary,
            holder = heading_holder.as_str()
        )
        .to_string(),
        (Audience::Administrator, false) => t_string!(
            i18n,
            selfservice.created.heading_for_badge,
            holder = heading_holder.as_str()
        )
        .to_string(),
    };
    // The suggested file name, in the language shown when the button is pressed.
    let file_name = move |extension: &str| {
        let stem = if temporary {
            t_string!(i18n, selfservice.created.file_temporary)
        } else {
            t_string!(i18n, selfservice.created.file_badge)
        };
        format!("{stem}.{extension}")
    };
    let (problem, set_problem) = signal(None::<BrowserProblem>);
    let svg_matrix = matrix.clone();
    let png_matrix = matrix.clone();
    let report = move |result: Result<(), BrowserProblem>| set_problem.set(result.err());
    // The print page reads the queue (memory only); the router keeps it across the navigation.
    let queue = use_context::<PrintQueue>();
    let badge = BadgeToPrint {
        holder: holder.clone(),
        upn,
        code: code.clone(),
        temporary,
    };
    // A new badge's expiry goes into the employee's own calendar; an administrator's copy offers none.
    let reminder = (!temporary && audience == Audience::Employee).then(|| code.clone());
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
                {t!(i18n, selfservice.created.only_once, <b> = <strong />)}
            </p>
            <div class="created-body">
                <div class="qr-frame">
                    <QrSvg matrix label=label />
                </div>
                <div class="created-facts">
                    <p class="holder">
                        <bdi>{holder.clone()}</bdi>
                    </p>
                    <dl class="facts">
                        <dt>{t!(i18n, selfservice.created.valid_from)}</dt>
                        <dd>
                            {move || match start {
                                Some(start) => {
                                    intl::date_time(start, Language::of(i18n.get_locale()))
                                }
                                None => {
                                    t_string!(i18n, selfservice.created.valid_from_now).to_string()
                                }
                            }}
                        </dd>
                        <dt>{t!(i18n, selfservice.created.valid_until)}</dt>
                        <dd>
                            {move || match expire {
                                Some(expire) => {
                                    intl::date_time(expire, Language::of(i18n.get_locale()))
                                }
                                None => t_string!(i18n, selfservice.created.no_expiry).to_string(),
                            }}
                        </dd>
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
                                download_svg(&svg_matrix, &label.get_untracked(), &file_name("svg")),
                            )
                        >
                            {t!(i18n, selfservice.created.download_svg)}
                        </button>
                        <button
                            class="button secondary"
                            on:click=move |_| report(download_png(&png_matrix, &file_name("png")))
                        >
                            {t!(i18n, selfservice.created.download_png)}
                        </button>
                        <a
                            class="button primary"
                            href=print_page()
                            on:click=move |_| queue_for_print.run(())
                        >
                            {t!(i18n, selfservice.created.print)}
                        </a>
                    </div>
                    {reminder.map(|code| view! { <ReminderDownload code now=now() /> })}
                    {move || {
                        let locale = i18n.get_locale();
                        problem
                            .get()
                            .map(|p| {
                                view! {
                                    <Alert>
                                        <p>{save_problem_words(&p, locale)}</p>
                                    </Alert>
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::choice::ALL_LANGUAGES;

    #[test]
    fn the_symbol_label_names_the_holder_and_the_expiry_never_the_payload() {
        let until = chrono::DateTime::from_timestamp(1_800_000_000, 0);
        assert_eq!(
            symbol_label(true, "Adele Vance", until, Locale::en),
            "Temporary QR code for Adele Vance, valid until 2027-01-15 08:00 UTC"
        );
        assert_eq!(
            symbol_label(false, "Alex Wilber", None, Locale::en),
            "Badge QR code for Alex Wilber, valid until no expiry date"
        );
        for language in ALL_LANGUAGES {
            let label = symbol_label(false, "Alex Wilber", until, language.locale());
            assert!(label.contains("Alex Wilber"), "{label}");
        }
    }

    #[test]
    fn save_problems_keep_the_browsers_own_message() {
        for language in ALL_LANGUAGES {
            let locale = language.locale();
            assert!(!save_problem_words(&BrowserProblem::Unsupported, locale).is_empty());
            assert!(!save_problem_words(&BrowserProblem::Refused(None), locale).is_empty());
            let detail = BrowserProblem::Refused(Some("QuotaExceededError".into()));
            assert!(save_problem_words(&detail, locale).contains("QuotaExceededError"));
        }
    }
}

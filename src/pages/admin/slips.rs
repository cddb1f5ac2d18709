//! `/admin/slips`: the temporary PINs of the team run that just finished, printed on slips to hand
//! out (`print::slips` lays them out, `components::PinSlipSheets` draws them).
//!
//! The PINs come from the run's report in memory (the `TeamRun` the administrator's routes share,
//! `src/routes.rs`), never from storage or the address: a reload loses them, as it loses the report.
//! A slip never carries a QR code and the badge sheet never a PIN; the two are separate pages and
//! separate print runs.

use leptos::prelude::*;
use qrpin::badge::PaperSize;

use crate::browser::{print, warn_before_leaving, BrowserProblem};
use crate::components::{Alert, PinSlipSheets};
use crate::locale::intl::{number, plural};
use crate::locale::{t, t_string, use_i18n, Language, Plural};
use crate::print::choice::paper_for_language;
use crate::print::slips::{pages_for, pin_page_url, slips_of, PinSlip, SlipText};
use crate::print::words::{count_words, paper_name, Counted};
use crate::routes::link_rel;
use crate::team::TeamRun;

/// The team badge sheet, where slips come from and go back to.
const TEAM_PAGE: &str = "/admin/team";

#[component]
pub fn PrintPinSlips() -> impl IntoView {
    let i18n = use_i18n();
    let run = use_context::<TeamRun>();
    let slips = Memo::new(move |_| {
        run.and_then(|run| {
            run.report
                .with(|report| report.as_ref().map(|report| slips_of(report.entries())))
        })
        .unwrap_or_default()
    });
    if slips.with_untracked(Vec::is_empty) {
        return view! { <NoSlips /> }.into_any();
    }
    // The slips show PINs that exist nowhere else: closing or reloading the tab asks first.
    warn_before_leaving();
    let region = web_sys::window().and_then(|window| window.navigator().language());
    let paper = RwSignal::new(paper_for_language(region.as_deref()));
    let pin_url = pin_page_url(
        &web_sys::window()
            .and_then(|window| window.location().origin().ok())
            .unwrap_or_default(),
    );
    let (print_problem, set_print_problem) = signal(None::<BrowserProblem>);
    // Worded in the language shown: a switch re-words the slips before they are printed.
    let texts = Memo::new(move |_| {
        slips
            .get()
            .into_iter()
            .map(|PinSlip { name, upn, pin }| SlipText {
                name,
                upn,
                pin_label: t_string!(i18n, print.slips.pin_label).to_string(),
                pin,
                instructions: t_string!(i18n, print.slips.instructions).to_string(),
                url: pin_url.clone(),
            })
            .collect::<Vec<_>>()
    });
    let summary = move || {
        let count = slips.with(Vec::len);
        let language = Language::of(i18n.get_locale());
        let shown = number(count as i64, language);
        let slips_words = match plural(count as i64, language) {
            Plural::One => t_string!(i18n, print.slips.count.one, count = shown).to_string(),
            Plural::Other => t_string!(i18n, print.slips.count.other, count = shown).to_string(),
        };
        t_string!(
            i18n,
            print.slips.summary,
            slips = slips_words,
            sheets = count_words(i18n, Counted::Sheets, pages_for(count)),
            paper = paper_name(i18n, paper.get())
        )
        .to_string()
    };
    let papers = PaperSize::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name="slip-paper"
                        value=choice.css_size()
                        prop:checked=move || paper.get() == choice
                        on:change=move |_| paper.set(choice)
                    />
                    <span>{move || paper_name(i18n, choice)}</span>
                </label>
            }
        })
        .collect_view();
    let sheets = move || {
        view! {
            <PinSlipSheets
                paper=paper.get()
                slips=texts.get()
                caption=t_string!(i18n, print.slips.caption).to_string()
            />
        }
    };
    view! {
        <div class="page print-page slips-page">
            <div class="print-controls">
                <h1>{t!(i18n, print.slips.title)}</h1>
                <p class="once-warning" role="note">
                    {t!(i18n, print.slips.only_copy, <b> = <strong />)}
                </p>
                <div class="card form-card">
                    <fieldset>
                        <legend>{t!(i18n, print.slips.paper)}</legend>
                        {papers}
                    </fieldset>
                    <section class="print-guidance" aria-labelledby="slips-guidance-title">
                        <h2 id="slips-guidance-title">{t!(i18n, print.guidance.title)}</h2>
                        <ol>
                            <li>{t!(i18n, print.slips.guidance.scale, <b> = <strong />)}</li>
                            <li>{t!(i18n, print.slips.guidance.cut)}</li>
                            <li>{t!(i18n, print.slips.guidance.hand_out)}</li>
                            <li>{t!(i18n, print.slips.guidance.pdf)}</li>
                        </ol>
                    </section>
                    <div class="actions">
                        <button
                            class="button primary"
                            on:click=move |_| set_print_problem.set(print().err())
                        >
                            {t!(i18n, print.print)}
                        </button>
                        <a class="button secondary" href=TEAM_PAGE rel=link_rel(TEAM_PAGE)>
                            {t!(i18n, print.slips.back)}
                        </a>
                    </div>
                    {move || {
                        print_problem
                            .get()
                            .map(|problem| {
                                let problem = match problem {
                                    BrowserProblem::Refused(Some(message)) => message,
                                    _ => {
                                        t_string!(i18n, selfservice.created.print_failed)
                                            .to_string()
                                    }
                                };
                                view! {
                                    <Alert>
                                        <p>
                                            {t!(i18n, print.dialog_failed, problem = problem.clone())}
                                        </p>
                                    </Alert>
                                }
                            })
                    }}
                </div>
            </div>
            <section class="print-preview" aria-labelledby="slips-preview-title">
                <h2 id="slips-preview-title">{t!(i18n, print.preview)}</h2>
                <p class="muted preview-summary" aria-live="polite">
                    {summary}
                </p>
                <div class="sheets">{sheets}</div>
            </section>
        </div>
    }
    .into_any()
}

#[component]
fn NoSlips() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card empty-state">
            <h1>{t!(i18n, print.slips.title)}</h1>
            <p>{t!(i18n, print.slips.nothing.text)}</p>
            <a class="button primary" href=TEAM_PAGE rel=link_rel(TEAM_PAGE)>
                {t!(i18n, print.slips.nothing.go)}
            </a>
        </section>
    }
}

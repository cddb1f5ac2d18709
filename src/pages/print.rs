//! Printing badges right after their codes were created: Graph returns a code's image only in the answer that
//! created it and Microsoft keeps no QR image, so the sheet is printed from the in-memory print queue and is the
//! only copy of each credential.
//!
//! There is deliberately no "copies" option: a badge is a credential, and a second printed copy is
//! a second credential to lose ("replace QR codes that are lost or stolen"). A misprint is
//! reprinted from this page while it is open; a sheet of several badges comes from the codes
//! created together (the queue holds them all).

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use qrpin::badge::LabelPreset;

use crate::browser::{print, BrowserProblem};
use crate::components::{Alert, BadgeSheets, PrintProblem, SheetBadge};
use crate::config::PortalConfig;
use crate::locale::{t, t_string, use_i18n, Locale};
use crate::print::choice::{default_preset, label_position};
use crate::print::queue::PrintQueue;
use crate::print::words::{count_words, paper_name, position_words, preset_name, Counted};
use crate::routes::{home_page, link_rel};

#[component]
pub fn PrintBadges() -> impl IntoView {
    let i18n = use_i18n();
    let queued = use_context::<PrintQueue>()
        .map(|queue| queue.0.get_untracked())
        .unwrap_or_default();
    if queued.is_empty() {
        return view! { <NothingToPrint /> }.into_any();
    }
    let config = expect_context::<PortalConfig>();
    // A badge names the organisation only when config.json does: no placeholder is ever printed.
    let organisation = config.organization_name().map(str::to_string);
    let logo_url = config
        .organization
        .logo_url
        .clone()
        .filter(|url| !url.trim().is_empty());
    // Worded in the language shown: a switch re-words the sheets before they are printed.
    let prepared = Memo::new(move |_| {
        let mut badges = Vec::new();
        let mut problems = Vec::new();
        for badge in &queued {
            match SheetBadge::from_queue(i18n, badge, organisation.as_deref()) {
                Ok(ready) => badges.push(ready),
                Err(problem) => problems.push(problem),
            }
        }
        (badges, problems)
    });
    let count = prepared.with_untracked(|(badges, _)| badges.len());
    // The paper follows the browser's region (en-US prints on Letter), not the language shown.
    let region = web_sys::window().and_then(|window| window.navigator().language());
    let preset = RwSignal::new(default_preset(region.as_deref(), count));
    let first_label = RwSignal::new(0usize);
    let (print_problem, set_print_problem) = signal(None::<BrowserProblem>);
    let summary = move || {
        let preset = preset.get();
        let sheets = preset.pages_for_starting_at(count, first_label.get());
        t_string!(
            i18n,
            print.summary,
            badges = count_words(i18n, Counted::Badges, count),
            sheets = count_words(i18n, Counted::Sheets, sheets),
            paper = paper_name(i18n, preset.paper)
        )
        .to_string()
    };
    let sheets = move || {
        view! {
            <BadgeSheets
                preset=preset.get()
                badges=prepared.get().0
                first_slot=first_label.get()
                logo_url=logo_url.clone()
            />
        }
    };
    let problems = move || {
        let problems = prepared.get().1;
        (!problems.is_empty()).then(|| {
            view! {
                <Alert>
                    <p>{t!(i18n, print.cannot_print_some)}</p>
                    <ul>
                        {problems
                            .into_iter()
                            .map(|problem| view! { <li>{problem_words(i18n, &problem)}</li> })
                            .collect_view()}
                    </ul>
                </Alert>
            }
        })
    };
    view! {
        <div class="page print-page">
            <div class="print-controls">
                <h1>{t!(i18n, print.title)}</h1>
                <p class="once-warning" role="note">
                    {t!(i18n, print.only_copy, <b> = <strong />, <pin> = <strong />)}
                </p>
                {problems}
                <div class="card form-card">
                    <LayoutChoice preset first_label />
                    <section class="print-guidance" aria-labelledby="guidance-title">
                        <h2 id="guidance-title">{t!(i18n, print.guidance.title)}</h2>
                        <ol>
                            <li>{t!(i18n, print.guidance.scale, <b> = <strong />)}</li>
                            <li>
                                {t!(
                                    i18n, print.guidance.paper, paper = move || paper_name(i18n, preset.get().paper)
                                )}
                            </li>
                            <li>{t!(i18n, print.guidance.check)}</li>
                            <li>{t!(i18n, print.guidance.pdf)}</li>
                        </ol>
                    </section>
                    <div class="actions">
                        <button
                            class="button primary"
                            on:click=move |_| set_print_problem.set(print().err())
                        >
                            {t!(i18n, print.print)}
                        </button>
                        <a class="button secondary" href=home_page()>
                            {t!(i18n, print.back)}
                        </a>
                    </div>
                    {move || {
                        print_problem
                            .get()
                            .map(|problem| {
                                view! {
                                    <Alert>
                                        <p>
                                            {move || {
                                                let problem = match &problem {
                                                    BrowserProblem::Refused(Some(message)) => message.clone(),
                                                    _ => {
                                                        t_string!(i18n, selfservice.created.print_failed)
                                                            .to_string()
                                                    }
                                                };
                                                t_string!(i18n, print.dialog_failed, problem = problem)
                                                    .to_string()
                                            }}
                                        </p>
                                    </Alert>
                                }
                            })
                    }}
                </div>
            </div>
            <section class="print-preview" aria-labelledby="preview-title">
                <h2 id="preview-title">{t!(i18n, print.preview)}</h2>
                <p class="muted preview-summary" aria-live="polite">
                    {summary}
                </p>
                <div class="sheets">{sheets}</div>
            </section>
        </div>
    }
    .into_any()
}

fn problem_words(i18n: I18nContext<Locale>, problem: &PrintProblem) -> String {
    match problem {
        PrintProblem::NoImage { holder } => {
            t_string!(i18n, print.no_image, name = holder.clone()).to_string()
        }
        PrintProblem::CannotDraw { holder, reason } => t_string!(
            i18n,
            print.cannot_draw,
            name = holder.clone(),
            problem = reason.clone()
        )
        .to_string(),
    }
}

/// The layout radio group and, for sheets of several labels, where to start on a partly used one.
#[component]
fn LayoutChoice(preset: RwSignal<LabelPreset>, first_label: RwSignal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let choices = LabelPreset::all()
        .into_iter()
        .map(|choice| {
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name="layout"
                        value=choice.key
                        prop:checked=move || preset.get().key == choice.key
                        on:change=move |_| {
                            preset.set(choice);
                            first_label.set(0);
                        }
                    />
                    <span>{move || preset_name(i18n, &choice)}</span>
                </label>
            }
        })
        .collect_view();
    // Only the sheet's grid (and the language) re-renders the select, so choosing a label keeps
    // focus on it.
    let grid = Memo::new(move |_| preset.with(|p| (p.per_page(), p.columns)));
    let start = move || {
        let (per_page, columns) = grid.get();
        (per_page > 1).then(|| {
            let options = (0..per_page)
                .map(|slot| {
                    view! {
                        <option value=slot.to_string() selected=first_label.get_untracked() == slot>
                            {move || position_words(i18n, label_position(slot, columns))}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <label for="first-label">{t!(i18n, print.start_at)}</label>
                <select
                    id="first-label"
                    aria-describedby="first-label-help"
                    on:change=move |ev| {
                        first_label.set(event_target_value(&ev).parse().unwrap_or(0));
                    }
                >
                    {options}
                </select>
                <p class="muted small" id="first-label-help">
                    {t!(i18n, print.start_help)}
                </p>
            }
        })
    };
    view! {
        <fieldset>
            <legend>{t!(i18n, print.layout)}</legend>
            {choices}
        </fieldset>
        {start}
    }
}

#[component]
fn NothingToPrint() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card empty-state">
            <h1>{t!(i18n, print.title)}</h1>
            <p>{t!(i18n, print.nothing.text)}</p>
            <p>{t!(i18n, print.nothing.how, <b> = <strong />)}</p>
            <a class="button primary" href="/" rel=link_rel("/")>
                {t!(i18n, print.nothing.go)}
            </a>
        </section>
    }
}

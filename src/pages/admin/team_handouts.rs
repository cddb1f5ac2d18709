//! What the administrator takes away from a finished team run, next to the badge sheet: the PIN
//! slips to print (`/admin/slips`) and the run's report as a CSV file.
//!
//! The temporary PINs live only in the run's report in memory. The page says so plainly, asks
//! before the tab is closed or reloaded while they are there, and keeps them out of the CSV unless
//! the administrator ticks the box next to the warning (unticked on every visit, never remembered).

use leptos::prelude::*;
use qrpin::csv::PinColumn;

use super::team_csv::{report_file_name, team_report_csv, CSV_TYPE};
use crate::browser::{download_text, warn_before_leaving, BrowserProblem};
use crate::components::Alert;
use crate::locale::intl::{number, plural};
use crate::locale::{t, t_string, use_i18n, Language, Plural};
use crate::print::slips::slips_of;
use crate::routes::link_rel;
use crate::team::{Phase, TeamRun};

/// Where the slips are printed (the administrator's route table, `src/routes.rs`).
const SLIPS_PAGE: &str = "/admin/slips";

#[component]
pub fn RunHandouts(run: TeamRun) -> impl IntoView {
    let finished = move || {
        run.report.with(Option::is_some)
            && !matches!(
                run.phase.get(),
                Phase::LookingUp | Phase::Creating | Phase::Waiting(_)
            )
    };
    let pins = Memo::new(move |_| {
        run.report
            .with(|report| report.as_ref().map_or(0, |r| slips_of(r.entries()).len()))
    });
    view! {
        <Show when=finished>
            <Handouts run pins />
        </Show>
    }
}

#[component]
fn Handouts(run: TeamRun, pins: Memo<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let include_pins = RwSignal::new(false);
    let (save_problem, set_save_problem) = signal(None::<BrowserProblem>);
    let download = move |_| {
        let columns = if pins.get_untracked() > 0 && include_pins.get_untracked() {
            PinColumn::Include
        } else {
            PinColumn::Omit
        };
        let text = run.report.with_untracked(|report| {
            report
                .as_ref()
                .map(|report| team_report_csv(i18n, report.entries(), columns))
        });
        if let Some(text) = text {
            set_save_problem.set(
                download_text(
                    &text,
                    CSV_TYPE,
                    &report_file_name(i18n, run.kind.get_untracked()),
                )
                .err(),
            );
        }
    };
    let count_words = move |count: usize| number(count as i64, Language::of(i18n.get_locale()));
    let slips = move || {
        let count = pins.get();
        (count > 0).then(|| {
            let language = Language::of(i18n.get_locale());
            let once = match plural(count as i64, language) {
                Plural::One => t!(
                    i18n, admin.handouts.pins_once.one, count = move || count_words(count), <b> = <strong />
                )
                .into_any(),
                Plural::Other => t!(
                    i18n, admin.handouts.pins_once.other, count = move || count_words(count), <b> = <strong />
                )
                .into_any(),
            };
            view! {
                <LeaveWarning />
                <p class="once-warning" role="note">
                    {once}
                </p>
                <div class="actions">
                    <a class="button primary" href=SLIPS_PAGE rel=link_rel(SLIPS_PAGE)>
                        {t!(i18n, admin.handouts.print_slips, count = move || count_words(count))}
                    </a>
                </div>
            }
        })
    };
    let pin_choice = move || {
        (pins.get() > 0).then(|| {
            view! {
                <label class="choice">
                    <input
                        type="checkbox"
                        aria-describedby="csv-pins-warning"
                        prop:checked=include_pins
                        on:change:target=move |ev| include_pins.set(ev.target().checked())
                    />
                    <span>{t!(i18n, admin.handouts.include_pins)}</span>
                </label>
                <p id="csv-pins-warning" class="notice small">
                    {t!(i18n, admin.handouts.include_pins_warning)}
                </p>
            }
        })
    };
    let problem = move || {
        save_problem.get().map(|problem| {
            let words = move || match &problem {
                BrowserProblem::Unsupported => {
                    t_string!(i18n, admin.handouts.save_unsupported).to_string()
                }
                BrowserProblem::Refused(None) => {
                    t_string!(i18n, admin.handouts.save_refused).to_string()
                }
                BrowserProblem::Refused(Some(detail)) => t_string!(
                    i18n,
                    admin.handouts.save_refused_detail,
                    detail = detail.clone()
                )
                .to_string(),
            };
            view! {
                <Alert>
                    <p>{words}</p>
                </Alert>
            }
        })
    };
    view! {
        <section class="card form-card run-handouts" aria-labelledby="handouts-title">
            <h2 id="handouts-title">{t!(i18n, admin.handouts.title)}</h2>
            {slips}
            {pin_choice}
            <div class="actions">
                <button class="button secondary" type="button" on:click=download>
                    {t!(i18n, admin.handouts.download_csv)}
                </button>
            </div>
            {problem}
        </section>
    }
}

/// Mounted while PINs are on offer: closing or reloading the tab asks first.
#[component]
fn LeaveWarning() -> impl IntoView {
    warn_before_leaving();
}

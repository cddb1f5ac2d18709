//! What a run leaves the administrator, on the page of its kind (team sheet or renewals): the
//! per-person report, the badge sheet of the codes it made, the PIN slips and the CSV.

use leptos::prelude::*;
use qrpin::batch::{ItemOutcome, RunEntry};

use super::team_handouts::RunHandouts;
use super::team_report::RunReportTable;
use crate::locale::intl::number;
use crate::locale::{t, use_i18n, Language};
use crate::print::queue::{BadgeToPrint, PrintQueue};
use crate::routes::print_page;
use crate::team::{RunKind, TeamRun};

/// A number of days typed into a field of its own, kept within `min..=max`; anything that is not a
/// whole number leaves the value as it was.
#[component]
pub fn DaysInput(
    id: &'static str,
    value: RwSignal<u32>,
    min: u32,
    max: u32,
    /// The label's words.
    children: Children,
) -> impl IntoView {
    view! {
        <label for=id>{children()}</label>
        <input
            id=id
            type="number"
            min=min.to_string()
            max=max.to_string()
            prop:value=move || value.get().to_string()
            on:change:target=move |ev| {
                if let Ok(days) = ev.target().value().trim().parse::<u32>() {
                    value.set(days.clamp(min, max));
                }
            }
        />
    }
}

/// The run's report, the link to print the badges it made (once it is over) and the hand-outs, when
/// the shared run is of `kind`.
#[component]
pub fn RunResults(run: TeamRun, kind: RunKind) -> impl IntoView {
    let i18n = use_i18n();
    let queue = expect_context::<PrintQueue>();
    let ours = move || run.kind.get() == kind;
    let new_badges = move || -> Vec<BadgeToPrint> {
        if !ours() {
            return Vec::new();
        }
        run.report
            .get()
            .map(|report| report.entries().iter().filter_map(badge_of).collect())
            .unwrap_or_default()
    };
    view! {
        <Show when=ours>
            <RunReportTable run />
        </Show>
        {move || {
            let badges = new_badges();
            (!badges.is_empty() && !run.is_running())
                .then(|| {
                    let count = badges.len();
                    view! {
                        <a
                            class="button primary"
                            href=print_page()
                            on:click=move |_| queue.set(badges.clone())
                        >
                            {t!(
                                i18n, admin.team.print_sheet, count = move || number(count as i64, Language::of(i18n.get_locale()))
                            )}
                        </a>
                    }
                })
        }}
        <Show when=ours>
            <RunHandouts run />
        </Show>
    }
}

/// A code the run made, ready for the badge sheet.
fn badge_of(entry: &RunEntry) -> Option<BadgeToPrint> {
    match &entry.last_outcome {
        Some(ItemOutcome::Created { code, .. }) => Some(BadgeToPrint {
            holder: entry.planned.member.display_name.clone(),
            upn: entry.planned.member.upn.clone(),
            code: code.clone(),
            temporary: false,
        }),
        _ => None,
    }
}

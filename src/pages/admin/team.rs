//! The team badge sheet: pick a group (or paste email addresses), create badge codes for everyone
//! without an active one through `$batch`, follow the progress, then print the codes just created.

use chrono::Duration;
use leptos::prelude::*;
use leptos::task::spawn_local;
use qrpin::batch::{BadgeWindow, ItemOutcome, RunEntry};
use qrpin::model::QrCodePinPolicy;

use super::team_handouts::RunHandouts;
use super::team_people::{people_heading, ChosenPeople, PeoplePicker};
use super::team_report::{RunProgress, RunReportTable};
use super::{is_admin, NeedsAdminRole};
use crate::format::now;
use crate::graph::GraphClient;
use crate::locale::intl::number;
use crate::locale::{t, use_i18n, Language};
use crate::print::queue::{BadgeToPrint, PrintQueue};
use crate::routes::print_page;
use crate::team::{Phase, RunKind, TeamRun};

#[component]
pub fn TeamSheet() -> impl IntoView {
    let i18n = use_i18n();
    if !is_admin() {
        return view! {
            <div class="page">
                <h1>{t!(i18n, admin.team.title)}</h1>
                <NeedsAdminRole />
            </div>
        }
        .into_any();
    }
    let graph = expect_context::<GraphClient>();
    let queue = expect_context::<PrintQueue>();
    // The administrator's routes share one run (`src/routes.rs`), so its report, PINs included, is
    // still here after printing the badges or the PIN slips; memory only.
    let run = use_context::<TeamRun>().unwrap_or_default();
    let chosen = ChosenPeople::new();
    let people = chosen.people;
    let (days, set_days) = signal(QrCodePinPolicy::DEFAULT_LIFETIME_DAYS);
    let start = move |_| {
        let graph = graph.clone();
        let start = now();
        let window = BadgeWindow {
            start,
            expire: start + Duration::days(i64::from(days.get().clamp(1, 395))),
        };
        let users = people.get();
        spawn_local(run.run(graph, users, window));
    };
    let running = move || {
        matches!(
            run.phase.get(),
            Phase::LookingUp | Phase::Creating | Phase::Waiting(_)
        )
    };
    let created_badges = move || -> Vec<BadgeToPrint> {
        if run.kind.get() != RunKind::Team {
            return Vec::new();
        }
        run.report
            .get()
            .map(|report| report.entries().iter().filter_map(badge_of).collect())
            .unwrap_or_default()
    };

    view! {
        <div class="page">
            <h1>{t!(i18n, admin.team.title)}</h1>
            <p class="lead">{t!(i18n, admin.team.lead)}</p>
            <PeoplePicker chosen />
            <Show when=move || !people.get().is_empty()>
                <section class="card form-card" aria-labelledby="run-title">
                    <h2 id="run-title">{move || people_heading(i18n, chosen)}</h2>
                    <label for="team-days">{t!(i18n, admin.team.days)}</label>
                    <input
                        id="team-days"
                        type="number"
                        min="1"
                        max="395"
                        prop:value=move || days.get().to_string()
                        on:input:target=move |ev| {
                            if let Ok(d) = ev.target().value().parse() {
                                set_days.set(d);
                            }
                        }
                    />
                    <div class="actions">
                        <button
                            class="button primary"
                            type="button"
                            disabled=running
                            on:click=start.clone()
                        >
                            {t!(i18n, admin.team.create_codes)}
                        </button>
                        <Show when=running>
                            <button
                                class="button secondary"
                                type="button"
                                on:click=move |_| run.cancel_requested.set(true)
                            >
                                {t!(i18n, admin.team.cancel)}
                            </button>
                        </Show>
                    </div>
                    <RunProgress run />
                </section>
            </Show>
            <Show when=move || run.kind.get() == RunKind::Team>
                <RunReportTable run />
            </Show>
            {move || {
                let badges = created_badges();
                (!badges.is_empty() && !running())
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
            <Show when=move || run.kind.get() == RunKind::Team>
                <RunHandouts run />
            </Show>
        </div>
    }
    .into_any()
}

pub(super) fn badge_of(entry: &RunEntry) -> Option<BadgeToPrint> {
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

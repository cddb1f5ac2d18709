//! The team badge sheet: pick a group (or paste email addresses), create badge codes for everyone
//! without an active one through `$batch`, follow the progress, then print the codes just created.

use chrono::Duration;
use leptos::prelude::*;
use leptos::task::spawn_local;
use qrpin::batch::BadgeWindow;
use qrpin::model::QrCodePinPolicy;

use super::team_people::{people_heading, ChosenPeople, PeoplePicker};
use super::team_report::RunProgress;
use super::team_results::{DaysInput, RunResults};
use super::{is_admin, NeedsAdminRole};
use crate::format::now;
use crate::graph::GraphClient;
use crate::locale::{t, use_i18n};
use crate::team::{RunKind, TeamRun};

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
    // The administrator's routes share one run (`src/routes.rs`), so its report, PINs included, is
    // still here after printing the badges or the PIN slips; memory only.
    let run = use_context::<TeamRun>().unwrap_or_default();
    let chosen = ChosenPeople::new();
    let people = chosen.people;
    let days = RwSignal::new(QrCodePinPolicy::DEFAULT_LIFETIME_DAYS);
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
    let running = move || run.is_running();

    view! {
        <div class="page">
            <h1>{t!(i18n, admin.team.title)}</h1>
            <p class="lead">{t!(i18n, admin.team.lead)}</p>
            <PeoplePicker chosen />
            <Show when=move || !people.get().is_empty()>
                <section class="card form-card" aria-labelledby="run-title">
                    <h2 id="run-title">{move || people_heading(i18n, chosen)}</h2>
                    <DaysInput id="team-days" value=days min=1 max=395>
                        {t!(i18n, admin.team.days)}
                    </DaysInput>
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
            <RunResults run kind=RunKind::Team />
        </div>
    }
    .into_any()
}

//! Badge renewals: choose a team, read everyone's method through `$batch`, list the badges that need
//! attention by urgency with what `qrpin::renewal` proposes, and carry out the selected proposals in
//! one run (extend, replace, set up), with the team run's pacing, cancel, resume, report, badge sheet,
//! PIN slips and CSV.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use qrpin::batch::PlannedUser;
use qrpin::model::QrCodePinPolicy;
use qrpin::renewal::{plan_renewals, RenewalSettings};

use super::renewals_list::{RenewalList, Renewals};
use super::team_people::{people_heading, ChosenPeople, PeoplePicker};
use super::team_report::RunProgress;
use super::team_results::{DaysInput, RunResults};
use super::{is_admin, NeedsAdminRole};
use crate::format::now;
use crate::graph::GraphClient;
use crate::locale::intl::number;
use crate::locale::{t, use_i18n, Language};
use crate::team::{distinct_users, to_member, Phase, RunKind, TeamRun};

#[component]
pub fn BadgeRenewals() -> impl IntoView {
    let i18n = use_i18n();
    if !is_admin() {
        return view! {
            <div class="page">
                <h1>{t!(i18n, admin.renewals.title)}</h1>
                <NeedsAdminRole />
            </div>
        }
        .into_any();
    }
    let graph = expect_context::<GraphClient>();
    let run = use_context::<TeamRun>().unwrap_or_default();
    let chosen = ChosenPeople::new();
    let defaults = RenewalSettings::default();
    let expiring_within = RwSignal::new(defaults.expiring_within_days);
    let unused_after = RwSignal::new(defaults.unused_after_days);
    let new_badge_days = RwSignal::new(QrCodePinPolicy::DEFAULT_LIFETIME_DAYS);
    let renewals: RwSignal<Option<Renewals>> = RwSignal::new(None);
    let carried_out = RwSignal::new(false);
    let selected: RwSignal<BTreeSet<usize>> = RwSignal::new(BTreeSet::new());
    let running = move || run.is_running();

    let check = {
        let graph = graph.clone();
        move |_| {
            let graph = graph.clone();
            let users = distinct_users(chosen.people.get_untracked());
            let settings = RenewalSettings {
                expiring_within_days: expiring_within.get_untracked(),
                unused_after_days: unused_after.get_untracked(),
                new_badge_days: new_badge_days.get_untracked(),
            };
            renewals.set(None);
            carried_out.set(false);
            spawn_local(async move {
                let Some(answers) = run.check(graph, users.clone()).await else {
                    return;
                };
                let at = now();
                let people = users.iter().zip(&answers).map(|(user, answer)| {
                    let member = to_member(user, answer.known_method(at));
                    ((member, answer.clone()), answer.renewal_lookup())
                });
                // The settings were kept within Graph's bounds by their fields, so this cannot fail.
                let Ok(list) = plan_renewals(people, at, &settings) else {
                    return;
                };
                let list: Renewals = list
                    .into_iter()
                    .filter(|renewal| renewal.assessment.needs_attention())
                    .collect();
                selected.set(
                    list.iter()
                        .enumerate()
                        .filter(|(_, renewal)| renewal.assessment.proposal.is_some())
                        .map(|(index, _)| index)
                        .collect(),
                );
                renewals.set(Some(list));
            });
        }
    };

    let renew = {
        let graph = graph.clone();
        move |_| {
            let planned: Vec<PlannedUser> = renewals.with_untracked(|list| {
                let chosen = selected.get_untracked();
                list.iter()
                    .flatten()
                    .enumerate()
                    .filter(|(index, _)| chosen.contains(index))
                    .filter_map(|(_, renewal)| {
                        let proposal = renewal.assessment.proposal?;
                        Some(PlannedUser {
                            member: renewal.person.0.clone(),
                            decision: proposal.decision(),
                        })
                    })
                    .collect()
            });
            if !planned.is_empty() {
                // The list now describes badges as they were: sending it again would replace the
                // badges just made. A new check gives a new list.
                carried_out.set(true);
                spawn_local(run.renew(graph.clone(), planned));
            }
        }
    };
    let resume = move |_| spawn_local(run.resume(graph.clone()));
    let can_resume = move || {
        !running()
            && run.kind.get() == RunKind::Renewal
            && run
                .report
                .with(|r| r.as_ref().is_some_and(|r| !r.unfinished().is_empty()))
    };
    let selected_count = move || selected.with(BTreeSet::len);
    let language = move || Language::of(i18n.get_locale());

    view! {
        <div class="page">
            <h1>{t!(i18n, admin.renewals.title)}</h1>
            <p class="lead">{t!(i18n, admin.renewals.lead)}</p>
            <PeoplePicker chosen />
            <Show when=move || !chosen.people.with(Vec::is_empty)>
                <section class="card form-card" aria-labelledby="renewal-people">
                    <h2 id="renewal-people">{move || people_heading(i18n, chosen)}</h2>
                    <DaysInput id="expiring-within" value=expiring_within min=0 max=395>
                        {t!(i18n, admin.renewals.expiring_within)}
                    </DaysInput>
                    <DaysInput id="unused-after" value=unused_after min=0 max=395>
                        {t!(i18n, admin.renewals.unused_after)}
                    </DaysInput>
                    <DaysInput id="new-badge-days" value=new_badge_days min=1 max=395>
                        {t!(i18n, admin.renewals.new_badge_days)}
                    </DaysInput>
                    <div class="actions">
                        <button
                            class="button primary"
                            type="button"
                            disabled=running
                            on:click=check.clone()
                        >
                            {t!(i18n, admin.renewals.check)}
                        </button>
                    </div>
                </section>
            </Show>
            {move || {
                let (renew, resume) = (renew.clone(), resume.clone());
                renewals
                    .get()
                    .map(move |list| {
                        view! {
                            <section class="card" aria-labelledby="renewal-list-title">
                                <h2 id="renewal-list-title">
                                    {t!(i18n, admin.renewals.list_title)}
                                </h2>
                                <RenewalList list selected />
                                <Show when=move || carried_out.get()>
                                    <p class="notice" role="note">
                                        {t!(i18n, admin.renewals.carried_out)}
                                    </p>
                                </Show>
                                <div class="actions">
                                    <button
                                        class="button primary"
                                        type="button"
                                        disabled=move || {
                                            running() || carried_out.get() || selected_count() == 0
                                        }
                                        on:click=renew.clone()
                                    >
                                        {t!(
                                            i18n, admin.renewals.renew_selected, count = move || number(selected_count() as i64, language())
                                        )}
                                    </button>
                                    <Show when=can_resume>
                                        <button
                                            class="button secondary"
                                            type="button"
                                            on:click=resume.clone()
                                        >
                                            {t!(i18n, admin.renewals.resume)}
                                        </button>
                                    </Show>
                                </div>
                            </section>
                        }
                    })
            }}
            <Show when=move || {
                run.kind.get() == RunKind::Renewal && !matches!(run.phase.get(), Phase::Idle)
            }>
                <section
                    class="card"
                    aria-label=move || crate::locale::t_string!(i18n, admin.run.progress)
                >
                    <RunProgress run />
                    <Show when=running>
                        <button
                            class="button secondary"
                            type="button"
                            on:click=move |_| run.cancel_requested.set(true)
                        >
                            {t!(i18n, admin.team.cancel)}
                        </button>
                    </Show>
                </section>
            </Show>
            <RunResults run kind=RunKind::Renewal />
        </div>
    }
    .into_any()
}

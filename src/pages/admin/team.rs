//! The team badge sheet: pick a group (or paste email addresses), create badge codes for everyone
//! without an active one through `$batch`, follow the progress, then print the codes just created.

use chrono::Duration;
use leptos::prelude::*;
use leptos::task::spawn_local;
use qrpin::batch::{BadgeWindow, ItemOutcome, RunEntry};
use qrpin::model::{QrCodePinPolicy, User};

use super::team_handouts::RunHandouts;
use super::team_report::{RunProgress, RunReportTable};
use super::{is_admin, AdminError, NeedsAdminRole};
use crate::format::now;
use crate::graph::{GraphClient, Group};
use crate::locale::intl::{number, plural};
use crate::locale::{t, t_string, use_i18n, Language, Plural};
use crate::print::queue::{BadgeToPrint, PrintQueue};
use crate::routes::print_page;
use crate::team::{Phase, TeamRun};

/// Where the people of a run came from: the heading words it.
#[derive(Clone, Debug, PartialEq)]
enum PeopleSource {
    Group(String),
    PastedList,
}

/// One email address per line (or separated by commas/semicolons) → users keyed by UPN.
pub fn users_from_list(text: &str) -> Vec<User> {
    text.split(['\n', ',', ';'])
        .map(str::trim)
        .filter(|upn| !upn.is_empty())
        .map(|upn| User {
            user_principal_name: Some(upn.to_string()),
            display_name: Some(upn.to_string()),
            ..User::default()
        })
        .collect()
}

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
    let (group_query, set_group_query) = signal(String::new());
    let (pasted, set_pasted) = signal(String::new());
    let (people, set_people) = signal(Vec::<User>::new());
    let (source, set_source) = signal(PeopleSource::PastedList);
    let (days, set_days) = signal(QrCodePinPolicy::DEFAULT_LIFETIME_DAYS);
    let find_groups = {
        let graph = graph.clone();
        Action::new_local(move |query: &String| {
            let (graph, query) = (graph.clone(), query.clone());
            async move { graph.find_groups(&query).await }
        })
    };
    let load_members = {
        let graph = graph.clone();
        Action::new_local(move |group: &Group| {
            let (graph, group) = (graph.clone(), group.clone());
            async move {
                let members = graph.group_members(&group.id).await?;
                set_source.set(PeopleSource::Group(group.display_name.unwrap_or(group.id)));
                set_people.set(members);
                Ok::<_, crate::graph::ApiError>(())
            }
        })
    };
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
        run.report
            .get()
            .map(|report| report.entries().iter().filter_map(badge_of).collect())
            .unwrap_or_default()
    };

    // "5 people from Store 1042", in the chosen language.
    let people_heading = move || {
        let language = Language::of(i18n.get_locale());
        let n = people.get().len() as i64;
        let count = number(n, language);
        match (source.get(), plural(n, language)) {
            (PeopleSource::Group(group), Plural::One) => {
                t_string!(i18n, admin.team.people_from_group.one, count, group)
            }
            (PeopleSource::Group(group), Plural::Other) => {
                t_string!(i18n, admin.team.people_from_group.other, count, group)
            }
            (PeopleSource::PastedList, Plural::One) => {
                t_string!(i18n, admin.team.people_from_list.one, count)
            }
            (PeopleSource::PastedList, Plural::Other) => {
                t_string!(i18n, admin.team.people_from_list.other, count)
            }
        }
    };

    view! {
        <div class="page">
            <h1>{t!(i18n, admin.team.title)}</h1>
            <p class="lead">{t!(i18n, admin.team.lead)}</p>
            <div class="card-grid">
                <form
                    class="card form-card"
                    role="search"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        find_groups.dispatch(group_query.get());
                    }
                >
                    <label for="group-query">{t!(i18n, admin.team.find_group)}</label>
                    <input
                        id="group-query"
                        type="search"
                        prop:value=group_query
                        on:input:target=move |ev| set_group_query.set(ev.target().value())
                    />
                    <button class="button secondary" type="submit">
                        {t!(i18n, admin.team.find_group_button)}
                    </button>
                    {move || {
                        find_groups
                            .value()
                            .get()
                            .map(|found| match found {
                                Err(error) => view! { <AdminError error /> }.into_any(),
                                Ok(groups) => {
                                    view! {
                                        <ul
                                            class="people"
                                            aria-label=move || t_string!(i18n, admin.team.groups_found)
                                        >
                                            {groups
                                                .into_iter()
                                                .map(|group| {
                                                    let label = group
                                                        .display_name
                                                        .clone()
                                                        .unwrap_or_else(|| group.id.clone());
                                                    view! {
                                                        <li>
                                                            <button
                                                                type="button"
                                                                class="person"
                                                                on:click=move |_| {
                                                                    load_members.dispatch(group.clone());
                                                                }
                                                            >
                                                                {t!(i18n, admin.team.use_group, name = label.clone())}
                                                            </button>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }
                            })
                    }}
                    {move || {
                        load_members
                            .value()
                            .get()
                            .and_then(Result::err)
                            .map(|error| view! { <AdminError error /> })
                    }}
                </form>
                <form
                    class="card form-card"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        set_source.set(PeopleSource::PastedList);
                        set_people.set(users_from_list(&pasted.get()));
                    }
                >
                    <label for="pasted-upns">{t!(i18n, admin.team.paste_label)}</label>
                    <textarea
                        id="pasted-upns"
                        rows="4"
                        prop:value=pasted
                        on:input:target=move |ev| set_pasted.set(ev.target().value())
                    ></textarea>
                    <button class="button secondary" type="submit">
                        {t!(i18n, admin.team.use_list)}
                    </button>
                </form>
            </div>
            <Show when=move || !people.get().is_empty()>
                <section class="card form-card" aria-labelledby="run-title">
                    <h2 id="run-title">{people_heading}</h2>
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
            <RunReportTable run />
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
            <RunHandouts run />
        </div>
    }
    .into_any()
}

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

#[cfg(test)]
mod tests {
    use super::users_from_list;

    #[test]
    fn pasted_lists_accept_lines_commas_and_semicolons() {
        let users = users_from_list("a@contoso.com\n b@contoso.com ;c@contoso.com,\n\n");
        let upns: Vec<_> = users
            .iter()
            .filter_map(|u| u.user_principal_name.clone())
            .collect();
        assert_eq!(upns, ["a@contoso.com", "b@contoso.com", "c@contoso.com"]);
        assert!(users.iter().all(|u| u.id.is_empty()), "keyed by UPN");
    }
}

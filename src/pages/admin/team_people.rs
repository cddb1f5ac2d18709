//! Choosing a team: a group found by name, or pasted email addresses. The team badge sheet and the
//! renewals page both start here.

use leptos::prelude::*;
use qrpin::model::User;

use super::AdminError;
use crate::graph::{ApiError, GraphClient, Group};
use crate::locale::intl::{number, plural};
use crate::locale::{t, t_string, use_i18n, Language, Locale, Plural};
use leptos_i18n::I18nContext;

/// Where the people came from: the heading words it.
#[derive(Clone, Debug, PartialEq)]
pub enum PeopleSource {
    Group(String),
    PastedList,
}

/// The people chosen, and where from.
#[derive(Clone, Copy)]
pub struct ChosenPeople {
    pub people: RwSignal<Vec<User>>,
    pub source: RwSignal<PeopleSource>,
}

impl ChosenPeople {
    pub fn new() -> Self {
        Self {
            people: RwSignal::new(Vec::new()),
            source: RwSignal::new(PeopleSource::PastedList),
        }
    }
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

/// "5 people from Store 1042", in the chosen language.
pub fn people_heading(i18n: I18nContext<Locale>, chosen: ChosenPeople) -> String {
    let language = Language::of(i18n.get_locale());
    let n = chosen.people.with(Vec::len) as i64;
    let count = number(n, language);
    match (chosen.source.get(), plural(n, language)) {
        (PeopleSource::Group(group), Plural::One) => {
            t_string!(i18n, admin.team.people_from_group.one, count, group).to_string()
        }
        (PeopleSource::Group(group), Plural::Other) => {
            t_string!(i18n, admin.team.people_from_group.other, count, group).to_string()
        }
        (PeopleSource::PastedList, Plural::One) => {
            t_string!(i18n, admin.team.people_from_list.one, count).to_string()
        }
        (PeopleSource::PastedList, Plural::Other) => {
            t_string!(i18n, admin.team.people_from_list.other, count).to_string()
        }
    }
}

/// The two ways to choose: find a group and use its members, or paste addresses.
#[component]
pub fn PeoplePicker(chosen: ChosenPeople) -> impl IntoView {
    let i18n = use_i18n();
    let graph = expect_context::<GraphClient>();
    let (group_query, set_group_query) = signal(String::new());
    let (pasted, set_pasted) = signal(String::new());
    let find_groups = {
        let graph = graph.clone();
        Action::new_local(move |query: &String| {
            let (graph, query) = (graph.clone(), query.clone());
            async move { graph.find_groups(&query).await }
        })
    };
    let load_members = Action::new_local(move |group: &Group| {
        let (graph, group) = (graph.clone(), group.clone());
        async move {
            let members = graph.group_members(&group.id).await?;
            chosen
                .source
                .set(PeopleSource::Group(group.display_name.unwrap_or(group.id)));
            chosen.people.set(members);
            Ok::<_, ApiError>(())
        }
    });
    view! {
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
                    chosen.source.set(PeopleSource::PastedList);
                    chosen.people.set(users_from_list(&pasted.get()));
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

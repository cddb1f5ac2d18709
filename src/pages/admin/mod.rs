//! The administrator's view: act for other people (`/users/{id}`) and print a team's badges.
//! Shown to Authentication Administrators; Graph remains the judge (a 403 is explained).

mod person;
mod renewals;
mod renewals_list;
mod slips;
mod team;
mod team_csv;
mod team_handouts;
mod team_people;
mod team_report;
mod team_results;

use leptos::prelude::*;
use leptos_router::components::A;
use qrpin::model::User;

use crate::auth::AuthState;
use crate::components::ErrorPanel;
use crate::graph::{ApiError, GraphClient};
use crate::locale::{t, t_string, use_i18n};
pub use person::AdminPerson;
pub use renewals::BadgeRenewals;
pub use slips::PrintPinSlips;
pub use team::TeamSheet;

/// Whether the signed-in person holds a role that may manage others' methods.
pub fn is_admin() -> bool {
    matches!(
        use_context::<RwSignal<AuthState>>().map(|a| a.get_untracked()),
        Some(AuthState::SignedIn(account)) if account.is_authentication_admin
    )
}

/// Said instead of the view when the role is missing, and next to any 403.
#[component]
pub fn NeedsAdminRole() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card notice-card" role="note">
            <h2>{t!(i18n, admin.needs_role.title)}</h2>
            <p>{t!(i18n, admin.needs_role.body)}</p>
        </section>
    }
}

#[component]
pub fn AdminHome() -> impl IntoView {
    let i18n = use_i18n();
    if !is_admin() {
        return view! {
            <div class="page">
                <h1>{t!(i18n, admin.title)}</h1>
                <NeedsAdminRole />
            </div>
        }
        .into_any();
    }
    let graph = expect_context::<GraphClient>();
    let (query, set_query) = signal(String::new());
    let (selected, set_selected) = signal(None::<User>);
    let search = Action::new_local(move |query: &String| {
        let (graph, query) = (graph.clone(), query.clone());
        async move { graph.find_users(&query).await }
    });
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = query.get();
        if !q.trim().is_empty() {
            set_selected.set(None);
            search.dispatch(q);
        }
    };
    view! {
        <div class="page">
            <h1>{t!(i18n, admin.title)}</h1>
            <nav class="quick-actions" aria-label=move || t_string!(i18n, admin.title)>
                <A href="/admin/team" attr:class="button secondary">
                    {t!(i18n, admin.home.team_sheet)}
                </A>
                <A href="/admin/renewals" attr:class="button secondary">
                    {t!(i18n, admin.home.renewals)}
                </A>
            </nav>
            <form class="card form-card" role="search" on:submit=on_search>
                <label for="person-query">{t!(i18n, admin.home.find_person)}</label>
                <input
                    id="person-query"
                    type="search"
                    autocomplete="off"
                    prop:value=query
                    on:input:target=move |ev| set_query.set(ev.target().value())
                />
                <button class="button primary" type="submit">
                    {t!(i18n, admin.home.search)}
                </button>
            </form>
            {move || {
                search
                    .value()
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <AdminError error /> }.into_any(),
                        Ok(users) if users.is_empty() => {
                            view! { <p role="status">{t!(i18n, admin.home.nobody_found)}</p> }
                                .into_any()
                        }
                        Ok(users) => {
                            view! {
                                <ul
                                    class="people"
                                    aria-label=move || t_string!(i18n, admin.home.results)
                                >
                                    {users
                                        .into_iter()
                                        .map(|user| {
                                            let name = user.display_name.clone().unwrap_or_default();
                                            let upn = user
                                                .user_principal_name
                                                .clone()
                                                .unwrap_or_default();
                                            let pick = user.clone();
                                            view! {
                                                <li>
                                                    <button
                                                        class="person"
                                                        aria-pressed=move || {
                                                            selected.get().is_some_and(|s| s.id == pick.id).to_string()
                                                        }
                                                        on:click=move |_| set_selected.set(Some(user.clone()))
                                                    >
                                                        <bdi class="person-name">{name}</bdi>
                                                        <span class="visually-hidden">", "</span>
                                                        <bdi class="person-upn">{upn}</bdi>
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
            {move || selected.get().map(|user| view! { <AdminPerson user /> })}
        </div>
    }
    .into_any()
}

/// A Graph error in the admin views: a 403 also says which role is missing.
#[component]
pub fn AdminError(error: ApiError) -> impl IntoView {
    let forbidden = error.status() == Some(403);
    view! {
        {forbidden.then(|| view! { <NeedsAdminRole /> })}
        <ErrorPanel error />
    }
}

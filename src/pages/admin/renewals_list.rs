//! The renewal list: one row per person who needs attention, most urgent first, with where the badge
//! stands, when it expires and what is proposed, and a box to include the person in the run.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use qrpin::batch::TeamMember;
use qrpin::renewal::{Proposal, Renewal, ReplaceReason, Standing};

use crate::locale::intl::{date, number, plural};
use crate::locale::{t, t_string, use_i18n, Language, Locale, Plural};
use crate::team::{lookup_failed_words, MethodAnswer};

/// The people assessed, in urgency order, each with what their lookup answered.
pub type Renewals = Vec<Renewal<(TeamMember, MethodAnswer)>>;

#[component]
pub fn RenewalList(list: Renewals, selected: RwSignal<BTreeSet<usize>>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p role="status">{t!(i18n, admin.renewals.none)}</p> }.into_any();
    }
    let proposed: BTreeSet<usize> = list
        .iter()
        .enumerate()
        .filter(|(_, renewal)| renewal.assessment.proposal.is_some())
        .map(|(index, _)| index)
        .collect();
    let all = proposed.clone();
    let rows = list
        .into_iter()
        .enumerate()
        .map(|(index, renewal)| row(i18n, index, renewal, selected))
        .collect_view();
    view! {
        <div class="actions">
            <button
                class="button secondary"
                type="button"
                on:click=move |_| selected.set(all.clone())
            >
                {t!(i18n, admin.renewals.select_all)}
            </button>
            <button
                class="button secondary"
                type="button"
                on:click=move |_| selected.set(BTreeSet::new())
            >
                {t!(i18n, admin.renewals.select_none)}
            </button>
        </div>
        <p class="muted small" role="status">
            {move || {
                let language = Language::of(i18n.get_locale());
                t_string!(
                    i18n,
                    admin.renewals.summary,
                    listed = number(proposed.len() as i64, language),
                    selected = number(selected.with(BTreeSet::len) as i64, language)
                )
            }}
        </p>
        <table class="report renewals">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, admin.renewals.columns.renew)}</th>
                    <th scope="col">{t!(i18n, admin.report.name)}</th>
                    <th scope="col">{t!(i18n, admin.report.email)}</th>
                    <th scope="col">{t!(i18n, admin.renewals.columns.standing)}</th>
                    <th scope="col">{t!(i18n, admin.renewals.columns.proposal)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

fn row(
    i18n: I18nContext<Locale>,
    index: usize,
    renewal: Renewal<(TeamMember, MethodAnswer)>,
    selected: RwSignal<BTreeSet<usize>>,
) -> impl IntoView {
    let (member, answer) = renewal.person;
    let assessment = renewal.assessment;
    let name = member.display_name.clone();
    let box_id = format!("renew-{index}");
    let checkbox = assessment.proposal.map(|_| {
        let label = name.clone();
        view! {
            <input
                id=box_id
                type="checkbox"
                prop:checked=move || selected.with(|s| s.contains(&index))
                aria-label=move || t_string!(i18n, admin.renewals.include, name = label.clone())
                on:change:target=move |ev| {
                    let on = ev.target().checked();
                    selected
                        .update(|s| {
                            if on {
                                s.insert(index);
                            } else {
                                s.remove(&index);
                            }
                        });
                }
            />
        }
    });
    let standing = move || {
        let language = Language::of(i18n.get_locale());
        let mut words = standing_words(i18n, assessment.standing, language);
        if let (Standing::LookupFailed, MethodAnswer::GaveUp(gave_up)) =
            (assessment.standing, &answer)
        {
            words = format!("{words}: {}", lookup_failed_words(i18n, *gave_up));
        }
        if let (Some(expires), Standing::Expired { .. } | Standing::ExpiresSoon { .. }) =
            (assessment.expires, assessment.standing)
        {
            let when = date(expires, language);
            words =
                t_string!(i18n, admin.renewals.with_date, words = words, date = when).to_string();
        }
        words
    };
    let proposal = move || proposal_words(i18n, assessment.proposal);
    view! {
        <tr>
            <td>{checkbox}</td>
            <td>
                <bdi>{name}</bdi>
            </td>
            <td>
                <bdi>{member.upn.clone()}</bdi>
            </td>
            <td>{standing}</td>
            <td>{proposal}</td>
        </tr>
    }
}

fn standing_words(i18n: I18nContext<Locale>, standing: Standing, language: Language) -> String {
    let count = |n: i64| number(n, language);
    let one = |n: i64| plural(n, language) == Plural::One;
    match standing {
        Standing::Expired { days_ago: 0 } => {
            t_string!(i18n, admin.renewals.standing.expired_today).to_string()
        }
        Standing::Expired { days_ago } if one(days_ago) => t_string!(
            i18n,
            admin.renewals.standing.expired.one,
            count = count(days_ago)
        )
        .to_string(),
        Standing::Expired { days_ago } => t_string!(
            i18n,
            admin.renewals.standing.expired.other,
            count = count(days_ago)
        )
        .to_string(),
        Standing::NoBadgeCode => t_string!(i18n, admin.renewals.standing.no_badge_code).to_string(),
        Standing::ExpiresSoon { days_left: 0 } => {
            t_string!(i18n, admin.renewals.standing.expires_today).to_string()
        }
        Standing::ExpiresSoon { days_left } if one(days_left) => t_string!(
            i18n,
            admin.renewals.standing.expires_in.one,
            count = count(days_left)
        )
        .to_string(),
        Standing::ExpiresSoon { days_left } => t_string!(
            i18n,
            admin.renewals.standing.expires_in.other,
            count = count(days_left)
        )
        .to_string(),
        Standing::DatesUnknown => {
            t_string!(i18n, admin.renewals.standing.dates_unknown).to_string()
        }
        Standing::LookupFailed => {
            t_string!(i18n, admin.renewals.standing.lookup_failed).to_string()
        }
        Standing::NeverUsed { days_since_start } if one(days_since_start) => t_string!(
            i18n,
            admin.renewals.standing.never_used.one,
            count = count(days_since_start)
        )
        .to_string(),
        Standing::NeverUsed { days_since_start } => t_string!(
            i18n,
            admin.renewals.standing.never_used.other,
            count = count(days_since_start)
        )
        .to_string(),
        Standing::NoMethod => t_string!(i18n, admin.renewals.standing.no_method).to_string(),
        Standing::Fine => t_string!(i18n, admin.renewals.standing.fine).to_string(),
    }
}

fn proposal_words(i18n: I18nContext<Locale>, proposal: Option<Proposal>) -> String {
    let language = Language::of(i18n.get_locale());
    match proposal {
        None => t_string!(i18n, admin.renewals.proposal.nothing).to_string(),
        Some(Proposal::Extend(extension)) if extension.proposed == extension.range.latest => {
            t_string!(
                i18n,
                admin.renewals.proposal.extend_to_latest,
                date = date(extension.proposed, language)
            )
            .to_string()
        }
        Some(Proposal::Extend(extension)) => t_string!(
            i18n,
            admin.renewals.proposal.extend,
            date = date(extension.proposed, language),
            latest = date(extension.range.latest, language)
        )
        .to_string(),
        Some(Proposal::Replace { reason, .. }) => t_string!(
            i18n,
            admin.renewals.proposal.replace,
            reason = replace_reason_words(i18n, reason)
        )
        .to_string(),
        Some(Proposal::Create { .. }) => {
            t_string!(i18n, admin.renewals.proposal.create).to_string()
        }
    }
}

fn replace_reason_words(i18n: I18nContext<Locale>, reason: ReplaceReason) -> &'static str {
    match reason {
        ReplaceReason::Expired => t_string!(i18n, admin.renewals.reason.expired),
        ReplaceReason::NoBadgeCode => t_string!(i18n, admin.renewals.reason.no_badge_code),
        ReplaceReason::AtLatest => t_string!(i18n, admin.renewals.reason.at_latest),
        ReplaceReason::DatesUnknown => t_string!(i18n, admin.renewals.reason.dates_unknown),
    }
}

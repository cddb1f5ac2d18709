//! One person's method, managed by an administrator: create it (PIN shown once), reset the PIN,
//! temporary codes, a new badge code, delete.

use leptos::prelude::*;
use qrpin::model::User;
use qrpin::rules::{LifetimeInputProblem, LifetimeUnit, DEFAULT_TEMPORARY_HOURS};

use crate::commands::{use_commands, Command, Outcome, Reauth};
use crate::components::{
    lifetime_words, start_temporary, CommandReport, ConfirmAction, CreatedCode, CreatedMethod,
    HoursSelect, LoadingBoundary, MethodSummary, OneTimePin,
};
use crate::format::now;
use crate::graph::{CodeKind, Target};
use crate::locale::{t, t_string, use_i18n, Locale};
use crate::status::Audience;
use leptos_i18n::I18nContext;

/// Said after a write that leaves nothing to show but a sentence (reactive: call it in a reactive closure).
fn done_words(i18n: I18nContext<Locale>, outcome: &Outcome) -> Option<&'static str> {
    match outcome {
        Outcome::Revoked => Some(t_string!(i18n, admin.person.revoked)),
        Outcome::MethodDeleted => Some(t_string!(i18n, admin.person.deleted)),
        Outcome::BadgeExtended { .. } => Some(t_string!(i18n, admin.person.extended)),
        _ => None,
    }
}

#[component]
pub fn AdminPerson(user: User) -> impl IntoView {
    let i18n = use_i18n();
    let target = Target::User(user.id.clone());
    let name = user.display_name.clone().unwrap_or_default();
    let upn = user.user_principal_name.clone().unwrap_or_default();
    let commands = use_commands(target, Reauth::Report);
    let method = commands.method;
    let report = commands.report();
    let busy = commands.pending();
    let hours = RwSignal::new(DEFAULT_TEMPORARY_HOURS.to_string());
    let (field_problem, set_field_problem) = signal(None::<LifetimeInputProblem>);
    let confirm = move |command: Command| {
        Callback::new(move |_| {
            commands.run(command.clone());
        })
    };
    let (shown_name, shown_upn) = (name.clone(), upn.clone());
    let audience = Audience::Administrator;
    view! {
        <section class="admin-person" aria-labelledby="person-title">
            // Name and UPN are separate lines for sighted readers and a pause for screen readers.
            <h2 id="person-title" class="person-title">
                <bdi class="person-name">{name.clone()}</bdi>
                <span class="visually-hidden">", "</span>
                <bdi class="person-upn">{upn.clone()}</bdi>
            </h2>
            <CommandReport report audience />
            {move || {
                let outcome = report.get()?.ok()?;
                Some(
                    match outcome {
                        Outcome::PinReset(pin) => {
                            view! { <OneTimePin pin=pin.expose().to_string() /> }.into_any()
                        }
                        Outcome::CodeCreated { code, kind } => {
                            view! {
                                <CreatedCode
                                    code
                                    holder=shown_name.clone()
                                    upn=shown_upn.clone()
                                    temporary=kind == CodeKind::Temporary
                                    audience
                                />
                            }
                                .into_any()
                        }
                        Outcome::MethodCreated(method) => {
                            view! {
                                <CreatedMethod
                                    method=*method
                                    holder=shown_name.clone()
                                    upn=shown_upn.clone()
                                    audience
                                />
                            }
                                .into_any()
                        }
                        other => {
                            let words = done_words(i18n, &other)?;
                            view! {
                                <p class="notice" role="status">
                                    {words}
                                </p>
                            }
                                .into_any()
                        }
                    },
                )
            }}
            <LoadingBoundary>
                {move || Suspend::new(async move {
                    method
                        .await
                        .map(|found| {
                            let has_method = found.is_some();
                            let has_temporary = found
                                .as_ref()
                                .is_some_and(|m| m.temporary_qr_code.is_some());
                            view! {
                                <MethodSummary method=found now=now() audience />
                                <div class="card admin-actions">
                                    <h3>{t!(i18n, admin.person.actions)}</h3>
                                    <Show when=move || !has_method>
                                        <button
                                            class="button primary"
                                            disabled=move || busy.get()
                                            on:click=move |_| {
                                                commands
                                                    .run(Command::CreateMethod {
                                                        days: qrpin::model::QrCodePinPolicy::DEFAULT_LIFETIME_DAYS,
                                                        pin: None,
                                                    });
                                            }
                                        >
                                            {t!(i18n, admin.person.create_method)}
                                        </button>
                                    </Show>
                                    <Show when=move || has_method>
                                        <div class="actions">
                                            <HoursSelect
                                                id="admin-hours"
                                                label=move || t_string!(i18n, admin.person.temporary_for)
                                                chosen=hours
                                            />
                                            <button
                                                class="button secondary"
                                                disabled=move || busy.get() || has_temporary
                                                on:click=move |_| start_temporary(
                                                    commands,
                                                    &hours.get(),
                                                    false,
                                                    set_field_problem,
                                                )
                                            >
                                                {t!(i18n, admin.person.create_temporary)}
                                            </button>
                                            <p class="field-message" role="status">
                                                {move || {
                                                    field_problem
                                                        .get()
                                                        .map(|problem| {
                                                            lifetime_words(
                                                                i18n.get_locale(),
                                                                problem,
                                                                LifetimeUnit::Hours,
                                                            )
                                                        })
                                                }}
                                            </p>
                                        </div>
                                        {has_temporary
                                            .then(|| {
                                                view! {
                                                    <ConfirmAction
                                                        label=move || t_string!(i18n, admin.person.revoke.label)
                                                        consequence=Signal::derive(move || {
                                                            t_string!(i18n, admin.person.revoke.consequence).to_string()
                                                        })
                                                        confirm_label=move || {
                                                            t_string!(i18n, admin.person.revoke.confirm)
                                                        }
                                                        pending=busy
                                                        on_confirm=confirm(Command::RevokeTemporary)
                                                    />
                                                }
                                            })}
                                        <ConfirmAction
                                            label=move || t_string!(i18n, admin.person.reset.label)
                                            consequence=Signal::derive(move || {
                                                t_string!(i18n, admin.person.reset.consequence).to_string()
                                            })
                                            confirm_label=move || {
                                                t_string!(i18n, admin.person.reset.confirm)
                                            }
                                            pending=busy
                                            on_confirm=confirm(Command::ResetPin)
                                        />
                                        <ConfirmAction
                                            label=move || t_string!(i18n, admin.person.replace.label)
                                            consequence=Signal::derive(move || {
                                                t_string!(i18n, admin.person.replace.consequence)
                                                    .to_string()
                                            })
                                            confirm_label=move || {
                                                t_string!(i18n, admin.person.replace.confirm)
                                            }
                                            pending=busy
                                            on_confirm=confirm(Command::ReplaceBadge)
                                        />
                                        <ConfirmAction
                                            label=move || t_string!(i18n, admin.person.delete.label)
                                            consequence=Signal::derive(move || {
                                                t_string!(i18n, admin.person.delete.consequence).to_string()
                                            })
                                            confirm_label=move || {
                                                t_string!(i18n, admin.person.delete.confirm)
                                            }
                                            pending=busy
                                            on_confirm=confirm(Command::DeleteMethod)
                                        />
                                    </Show>
                                </div>
                            }
                        })
                })}
            </LoadingBoundary>
        </section>
    }
}

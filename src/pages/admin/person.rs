//! One person's method, managed by an administrator: create it (PIN shown once), reset the PIN,
//! temporary codes, a new badge code, delete.

use leptos::prelude::*;
use qrpin::model::User;
use qrpin::rules::DEFAULT_TEMPORARY_HOURS;

use crate::commands::{use_commands, Command, Outcome, Reauth};
use crate::components::{
    create_temporary, CommandReport, ConfirmAction, CreatedCode, CreatedMethod, HoursSelect,
    LoadingBoundary, MethodSummary, OneTimePin,
};
use crate::format::now;
use crate::graph::{CodeKind, Target};
use crate::status::Audience;

/// Said after a write that leaves nothing to show but a sentence.
fn done_words(outcome: &Outcome) -> Option<&'static str> {
    match outcome {
        Outcome::Revoked => Some("The temporary QR code was revoked."),
        Outcome::MethodDeleted => Some("QR code sign-in was deleted for this person."),
        Outcome::BadgeExtended { .. } => Some("The badge was extended."),
        _ => None,
    }
}

#[component]
pub fn AdminPerson(user: User) -> impl IntoView {
    let target = Target::User(user.id.clone());
    let name = user.display_name.clone().unwrap_or_default();
    let upn = user.user_principal_name.clone().unwrap_or_default();
    let commands = use_commands(target, Reauth::Report);
    let method = commands.method;
    let report = commands.report();
    let busy = commands.pending();
    let hours = RwSignal::new(DEFAULT_TEMPORARY_HOURS.to_string());
    let (field_problem, set_field_problem) = signal(None::<String>);
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
                            let words = done_words(&other)?;
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
                                    <h3>"Actions"</h3>
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
                                            "Create QR code sign-in"
                                        </button>
                                    </Show>
                                    <Show when=move || has_method>
                                        <div class="actions">
                                            <HoursSelect
                                                id="admin-hours"
                                                label="Temporary code for"
                                                chosen=hours
                                            />
                                            <button
                                                class="button secondary"
                                                disabled=move || busy.get() || has_temporary
                                                on:click=move |_| create_temporary(
                                                    commands,
                                                    &hours.get(),
                                                    false,
                                                    set_field_problem,
                                                )
                                            >
                                                "Create temporary QR code"
                                            </button>
                                            <p class="field-message" role="status">
                                                {move || field_problem.get()}
                                            </p>
                                        </div>
                                        {has_temporary
                                            .then(|| {
                                                view! {
                                                    <ConfirmAction
                                                        label="Revoke temporary QR code"
                                                        consequence="Their temporary QR code stops working at once."
                                                            .into()
                                                        confirm_label="Yes, revoke it"
                                                        pending=busy
                                                        on_confirm=confirm(Command::RevokeTemporary)
                                                    />
                                                }
                                            })}
                                        <ConfirmAction
                                            label="Reset PIN"
                                            consequence="Their current PIN stops working. Microsoft generates a temporary PIN, shown once here; they must change it at their next sign-in."
                                                .into()
                                            confirm_label="Yes, reset the PIN"
                                            pending=busy
                                            on_confirm=confirm(Command::ResetPin)
                                        />
                                        <ConfirmAction
                                            label="Issue a new badge"
                                            consequence="Their current badge stops working immediately. A new badge QR code is shown once, to print now. The PIN does not change."
                                                .into()
                                            confirm_label="Yes, issue a new badge"
                                            pending=busy
                                            on_confirm=confirm(Command::ReplaceBadge)
                                        />
                                        <ConfirmAction
                                            label="Delete QR code sign-in"
                                            consequence="Their badge, temporary code and PIN stop working at once."
                                                .into()
                                            confirm_label="Yes, delete it"
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

//! One person's method, managed by an administrator: create it (PIN shown once), reset the PIN,
//! temporary codes, a new badge code, delete.

use chrono::Duration;
use leptos::prelude::*;
use qrpin::model::{QrCode, QrCodePinMethod, QrCodePinPolicy, User};

use super::AdminError;
use crate::components::{
    ConfirmAction, CreatedCode, CreatedMethod, LoadingBoundary, MethodSummary, OneTimePin,
};
use crate::format::now;
use crate::graph::{ApiError, CodeKind, GraphClient, Target};

/// What the last action produced, shown until the next one.
#[derive(Clone, Debug, PartialEq)]
enum Produced {
    Method(Box<QrCodePinMethod>),
    Code { code: QrCode, temporary: bool },
    Pin(String),
    Done(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
enum Command {
    CreateMethod,
    ResetPin,
    CreateTemporary(u32),
    RevokeTemporary,
    ReplaceBadge,
    DeleteMethod,
}

async fn execute(
    graph: &GraphClient,
    target: &Target,
    command: Command,
) -> Result<Produced, ApiError> {
    let lifetime = || async {
        graph
            .qr_policy()
            .await
            .map(|p| p.standard_lifetime_days())
            .unwrap_or(QrCodePinPolicy::DEFAULT_LIFETIME_DAYS)
    };
    match command {
        Command::CreateMethod => {
            let start = now();
            let expire = start + Duration::days(i64::from(lifetime().await));
            graph
                .create_method(target, start, expire, None)
                .await
                .map(|method| Produced::Method(Box::new(method)))
        }
        Command::ResetPin => {
            let pin = graph.reset_pin(target).await?;
            Ok(Produced::Pin(pin.code.unwrap_or_default()))
        }
        Command::CreateTemporary(hours) => {
            let start = now();
            let expire = start + Duration::hours(i64::from(hours));
            let code = graph
                .create_code(target, CodeKind::Temporary, start, expire)
                .await?;
            Ok(Produced::Code {
                code,
                temporary: true,
            })
        }
        Command::RevokeTemporary => {
            graph.delete_code(target, CodeKind::Temporary).await?;
            Ok(Produced::Done("The temporary QR code was revoked."))
        }
        Command::ReplaceBadge => {
            match graph.delete_code(target, CodeKind::Standard).await {
                Ok(()) | Err(ApiError::Graph { status: 404, .. }) => {}
                Err(error) => return Err(error),
            }
            let start = now();
            let expire = start + Duration::days(i64::from(lifetime().await));
            let code = graph
                .create_code(target, CodeKind::Standard, start, expire)
                .await?;
            Ok(Produced::Code {
                code,
                temporary: false,
            })
        }
        Command::DeleteMethod => {
            graph.delete_method(target).await?;
            Ok(Produced::Done(
                "QR code sign-in was deleted for this person.",
            ))
        }
    }
}

#[component]
pub fn AdminPerson(user: User) -> impl IntoView {
    let graph = expect_context::<GraphClient>();
    let target = Target::User(user.id.clone());
    let name = user.display_name.clone().unwrap_or_default();
    let upn = user.user_principal_name.clone().unwrap_or_default();
    let method = graph.qr_method_resource(target.clone());
    let act = Action::new_local(move |command: &Command| {
        let (graph, target, command) = (graph.clone(), target.clone(), command.clone());
        async move {
            let result = execute(&graph, &target, command).await;
            method.refetch();
            result
        }
    });
    let (hours, set_hours) = signal(8u32);
    let busy = Signal::derive(move || act.pending().get());
    let confirm = move |command: Command| {
        Callback::new(move |_| {
            act.dispatch(command.clone());
        })
    };
    let (shown_name, shown_upn) = (name.clone(), upn.clone());
    view! {
        <section class="admin-person" aria-labelledby="person-title">
            <h2 id="person-title" class="person-title">
                {name.clone()}
                <span class="person-upn">{upn.clone()}</span>
            </h2>
            {move || {
                act.value()
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <AdminError error /> }.into_any(),
                        Ok(Produced::Pin(pin)) => view! { <OneTimePin pin /> }.into_any(),
                        Ok(Produced::Done(message)) => {
                            view! {
                                <p class="notice" role="status">
                                    {message}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(Produced::Code { code, temporary }) => {
                            view! {
                                <CreatedCode
                                    code
                                    holder=shown_name.clone()
                                    upn=shown_upn.clone()
                                    temporary
                                />
                            }
                                .into_any()
                        }
                        Ok(Produced::Method(method)) => {
                            view! {
                                <CreatedMethod
                                    method=*method
                                    holder=shown_name.clone()
                                    upn=shown_upn.clone()
                                />
                            }
                                .into_any()
                        }
                    })
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
                                <MethodSummary method=found now=now() />
                                <div class="card admin-actions">
                                    <h3>"Actions"</h3>
                                    <Show when=move || !has_method>
                                        <button
                                            class="button primary"
                                            disabled=move || busy.get()
                                            on:click=move |_| {
                                                act.dispatch(Command::CreateMethod);
                                            }
                                        >
                                            "Create QR code sign-in"
                                        </button>
                                    </Show>
                                    <Show when=move || has_method>
                                        <div class="actions">
                                            <label for="admin-hours">"Temporary code for"</label>
                                            <select
                                                id="admin-hours"
                                                on:change:target=move |ev| {
                                                    if let Ok(h) = ev.target().value().parse() {
                                                        set_hours.set(h);
                                                    }
                                                }
                                            >
                                                {[1u32, 2, 4, 8, 12]
                                                    .into_iter()
                                                    .map(|h| {
                                                        view! {
                                                            <option
                                                                value=h.to_string()
                                                                selected=move || hours.get() == h
                                                            >
                                                                {format!("{h} h")}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                            <button
                                                class="button secondary"
                                                disabled=move || busy.get() || has_temporary
                                                on:click=move |_| {
                                                    act.dispatch(Command::CreateTemporary(hours.get()));
                                                }
                                            >
                                                "Create temporary QR code"
                                            </button>
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

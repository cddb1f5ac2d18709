//! Managing the badge (standard) QR code: extend it, replace a lost one (PIN kept), or delete the
//! whole method.

use chrono::Duration;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use qrpin::model::QrCode;
use qrpin::rules::{check_extension, extension_range};

use super::{account_name, account_upn};
use crate::commands::{use_commands, Command, Commands, Outcome, Reauth};
use crate::components::{
    extend_problem, CommandReport, ConfirmAction, CreatedCode, LoadingBoundary, MethodSummary,
};
use crate::format::{date_time, end_of_local_day, local_date_input, now};
use crate::graph::{CodeKind, Target};

#[component]
pub fn ManageBadge() -> impl IntoView {
    let holder = account_name();
    let upn = account_upn();
    let commands = use_commands(Target::Me, Reauth::ResumeHere);
    let method = commands.method;
    let report = commands.report();
    let busy = commands.pending();
    let navigate = use_navigate();
    // A deleted method leaves nothing to manage here: back to the overview, which explains.
    Effect::new(move |_| {
        if matches!(
            report.get(),
            Some(Ok(Outcome::MethodDeleted))
                | Some(Ok(Outcome::AlreadyGone(crate::commands::Subject::Method)))
        ) {
            navigate("/", Default::default());
        }
    });
    let on_replace = Callback::new(move |_| {
        commands.run(Command::ReplaceBadge);
    });
    let on_delete = Callback::new(move |_| {
        commands.run(Command::DeleteMethod);
    });

    view! {
        <div class="page">
            <h1>"Manage my badge"</h1>
            <CommandReport report />
            {move || match report.get() {
                Some(Ok(Outcome::BadgeExtended { expire })) => {
                    let words = match expire {
                        Some(expire) => {
                            format!(
                                "Your badge was extended. It is now valid until {}.",
                                date_time(expire),
                            )
                        }
                        None => "Your badge was extended.".to_string(),
                    };
                    Some(
                        // Said at the top: an extension to the limit replaces the form with "cannot be extended".
                        view! {
                            <p class="notice" role="status">
                                {words}
                            </p>
                        }
                            .into_any(),
                    )
                }
                Some(Ok(Outcome::CodeCreated { code, kind: CodeKind::Standard })) => {
                    Some(
                        view! {
                            <CreatedCode
                                code
                                holder=holder.clone()
                                upn=upn.clone()
                                temporary=false
                            />
                        }
                            .into_any(),
                    )
                }
                _ => None,
            }}
            <LoadingBoundary>
                {move || Suspend::new(async move {
                    method
                        .await
                        .map(|method| match method {
                            None => {
                                view! {
                                    <MethodSummary method=None now=now() />
                                    <A href="/create" attr:class="button primary">
                                        "Set up QR code sign-in"
                                    </A>
                                }
                                    .into_any()
                            }
                            Some(method) => {
                                let standard = method.standard_qr_code.clone();
                                view! {
                                    <MethodSummary method=Some(method) now=now() />
                                    <div class="card-grid actions-grid">
                                        {standard
                                            .map(|code| {
                                                view! { <ExtendForm code commands /> }
                                            })} <section class="card" aria-labelledby="replace-title">
                                            <h2 id="replace-title">"Lost your badge?"</h2>
                                            <p>
                                                "Replace it: the lost badge stops working and you get a new QR code to print. Your PIN stays the same."
                                            </p>
                                            <ConfirmAction
                                                label="Replace my badge"
                                                consequence="Your current badge stops working immediately. You will get a new QR code, shown once, to print or download. Your PIN does not change."
                                                    .into()
                                                confirm_label="Yes, replace my badge"
                                                pending=busy
                                                on_confirm=on_replace
                                            />
                                        </section>
                                        <section class="card" aria-labelledby="delete-title">
                                            <h2 id="delete-title">"Stop using QR code sign-in"</h2>
                                            <p>
                                                "Deletes your badge code, any temporary code and your PIN."
                                            </p>
                                            <ConfirmAction
                                                label="Delete QR code sign-in"
                                                consequence="Your badge, any temporary code and your PIN stop working at once. This cannot be undone; an administrator can set it up again."
                                                    .into()
                                                confirm_label="Yes, delete it"
                                                pending=busy
                                                on_confirm=on_delete
                                            />
                                        </section>
                                    </div>
                                }
                                    .into_any()
                            }
                        })
                })}
            </LoadingBoundary>
        </div>
    }
}

/// Moves the badge's expiry later (Graph allows up to 395 days after its start). A badge that cannot be
/// extended (expired, or already at the limit) says why and points to replacing it.
#[component]
fn ExtendForm(code: QrCode, commands: Commands) -> impl IntoView {
    let range = match extension_range(&code, now()) {
        Ok(range) => range,
        Err(problem) => {
            return view! {
                <section class="card" aria-labelledby="extend-title">
                    <h2 id="extend-title">"Extend my badge"</h2>
                    <p role="note">{extend_problem(problem)}</p>
                </section>
            }
            .into_any();
        }
    };
    let busy = commands.pending();
    // The usual wish is "as long as allowed": offer the latest date Graph accepts.
    let (chosen, set_chosen) = signal(local_date_input(range.latest));
    let (message, set_message) = signal(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The last day offered is the last day allowed: on it the badge runs until the exact moment
        // 395 days after its start, not to the end of that day. Any later date is refused with words.
        let picked = chosen.get();
        let last_day = picked == local_date_input(range.latest);
        let Some(expire) =
            end_of_local_day(&picked).map(|e| if last_day { range.latest } else { e })
        else {
            set_message.set(Some("Choose a date.".into()));
            return;
        };
        match check_extension(&code, expire, now()) {
            Ok(expire) => {
                set_message.set(None);
                commands.run(Command::ExtendBadge { expire });
            }
            Err(problem) => set_message.set(Some(extend_problem(problem))),
        }
    };
    let earliest = (range.current + Duration::days(1)).max(now() + Duration::days(1));
    view! {
        <form class="card form-card" aria-labelledby="extend-title" on:submit=on_submit novalidate>
            <h2 id="extend-title">"Extend my badge"</h2>
            <label for="extend-date">"Valid until"</label>
            <input
                id="extend-date"
                type="date"
                min=local_date_input(earliest.min(range.latest))
                max=local_date_input(range.latest)
                prop:value=chosen
                on:input:target=move |ev| set_chosen.set(ev.target().value())
                aria-describedby="extend-help"
            />
            <p id="extend-help" class="muted small">
                {format!(
                    "Now valid until {}. At most 395 days after the badge's start: {}. The printed badge stays the same.",
                    date_time(range.current),
                    date_time(range.latest),
                )}
            </p>
            <p class="field-message" role="status">
                {move || message.get()}
            </p>
            <button class="button primary" type="submit" disabled=move || busy.get()>
                "Extend badge"
            </button>
        </form>
    }
    .into_any()
}

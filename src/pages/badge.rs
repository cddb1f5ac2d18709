//! Managing the badge (standard) QR code: extend it, replace a lost one (PIN kept), or delete the
//! whole method.

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use qrpin::model::{QrCode, QrCodePinPolicy};
use qrpin::rules::check_standard_window;

use super::{account_name, account_upn};
use crate::components::{ConfirmAction, CreatedCode, ErrorPanel, LoadingBoundary, MethodSummary};
use crate::config::PortalConfig;
use crate::format::{end_of_local_day, local_date_input, now};
use crate::graph::{ApiError, CodeKind, GraphClient, Target};
use crate::resume::{handle_error, take_pending, PendingAction};

#[component]
pub fn ManageBadge() -> impl IntoView {
    let graph = expect_context::<GraphClient>();
    let config = expect_context::<PortalConfig>();
    let holder = account_name();
    let upn = account_upn();
    let method = graph.qr_method_resource(Target::Me);
    let (problem, set_problem) = signal(None::<ApiError>);
    let fail = {
        let config = config.clone();
        move |error: ApiError, action: PendingAction| {
            set_problem.set(handle_error(&config, error, action))
        }
    };

    let extend = {
        let (graph, fail) = (graph.clone(), fail.clone());
        Action::new_local(move |expire: &DateTime<Utc>| {
            let (graph, fail, expire) = (graph.clone(), fail.clone(), *expire);
            async move {
                match graph.extend_standard_code(&Target::Me, expire).await {
                    Ok(_) => {
                        method.refetch();
                        true
                    }
                    Err(error) => {
                        fail(error, PendingAction::ExtendStandard { expire });
                        false
                    }
                }
            }
        })
    };
    let replace = {
        let (graph, fail) = (graph.clone(), fail.clone());
        Action::new_local(move |_: &()| {
            let (graph, fail) = (graph.clone(), fail.clone());
            async move {
                // A lost badge must stop working first; Graph refuses a second active code anyway.
                match graph.delete_code(&Target::Me, CodeKind::Standard).await {
                    Ok(()) | Err(ApiError::Graph { status: 404, .. }) => {}
                    Err(error) => {
                        fail(error, PendingAction::ReplaceStandard);
                        return None;
                    }
                }
                let lifetime = graph
                    .qr_policy()
                    .await
                    .map(|p| p.standard_lifetime_days())
                    .unwrap_or(QrCodePinPolicy::DEFAULT_LIFETIME_DAYS);
                let start = now();
                let expire = start + Duration::days(i64::from(lifetime));
                let created = graph
                    .create_code(&Target::Me, CodeKind::Standard, start, expire)
                    .await;
                method.refetch();
                match created {
                    Ok(code) => Some(code),
                    Err(error) => {
                        fail(error, PendingAction::ReplaceStandard);
                        None
                    }
                }
            }
        })
    };
    let delete = {
        let graph = graph.clone();
        let navigate = use_navigate();
        Action::new_local(move |_: &()| {
            let (graph, fail, navigate) = (graph.clone(), fail.clone(), navigate.clone());
            async move {
                match graph.delete_method(&Target::Me).await {
                    Ok(()) | Err(ApiError::Graph { status: 404, .. }) => {
                        navigate("/", Default::default())
                    }
                    Err(error) => fail(error, PendingAction::DeleteMethod),
                }
            }
        })
    };
    match take_pending() {
        Some(PendingAction::ExtendStandard { expire }) => {
            extend.dispatch(expire);
        }
        Some(PendingAction::ReplaceStandard) => {
            replace.dispatch(());
        }
        Some(PendingAction::DeleteMethod) => {
            delete.dispatch(());
        }
        _ => {}
    }
    let busy = Signal::derive(move || {
        extend.pending().get() || replace.pending().get() || delete.pending().get()
    });
    let on_replace = Callback::new(move |_| {
        set_problem.set(None);
        replace.dispatch(());
    });
    let on_delete = Callback::new(move |_| {
        set_problem.set(None);
        delete.dispatch(());
    });

    view! {
        <div class="page">
            <h1>"Manage my badge"</h1>
            {move || problem.get().map(|error| view! { <ErrorPanel error /> })}
            {move || {
                replace
                    .value()
                    .get()
                    .flatten()
                    .map(|code| {
                        view! {
                            <CreatedCode
                                code
                                holder=holder.clone()
                                upn=upn.clone()
                                temporary=false
                            />
                        }
                    })
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
                                                view! { <ExtendForm code busy extend /> }
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

/// Moves the badge's expiry (Graph allows up to 395 days after its start).
#[component]
fn ExtendForm(
    code: QrCode,
    busy: Signal<bool>,
    extend: Action<DateTime<Utc>, bool>,
) -> impl IntoView {
    let start = code.start_date_time.unwrap_or_else(now);
    let latest = start + Duration::days(395);
    // The usual wish is "as long as allowed": offer the latest date Graph accepts.
    let (chosen, set_chosen) = signal(local_date_input(latest));
    let (message, set_message) = signal(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(expire) = end_of_local_day(&chosen.get()).map(|e| e.min(latest)) else {
            set_message.set(Some("Choose a date.".into()));
            return;
        };
        match check_standard_window(start, expire, now()) {
            Ok(()) => {
                set_message.set(None);
                extend.dispatch(expire);
            }
            Err(problem) => set_message.set(Some(problem.message())),
        }
    };
    view! {
        <form class="card form-card" aria-labelledby="extend-title" on:submit=on_submit>
            <h2 id="extend-title">"Extend my badge"</h2>
            <label for="extend-date">"Valid until"</label>
            <input
                id="extend-date"
                type="date"
                min=local_date_input(now() + Duration::days(1))
                max=local_date_input(latest)
                prop:value=chosen
                on:input:target=move |ev| set_chosen.set(ev.target().value())
                aria-describedby="extend-help"
            />
            <p id="extend-help" class="muted small">
                "At most 395 days after the badge's start. The printed badge stays the same."
            </p>
            <p class="field-message" role="status">
                {move || message.get()}
                {move || (extend.value().get() == Some(true)).then_some("Your badge was extended.")}
            </p>
            <button class="button primary" type="submit" disabled=move || busy.get()>
                "Extend badge"
            </button>
        </form>
    }
}

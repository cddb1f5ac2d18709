//! The team run's progress and per-person report.

use leptos::prelude::*;
use qrpin::batch::{Decision, EntryState, ItemOutcome, RunEntry};

use super::AdminError;
use crate::team::{Phase, TeamRun};

#[component]
pub fn RunProgress(run: TeamRun) -> impl IntoView {
    move || {
        let phase = run.phase.get();
        let (looked, total) = run.looked_up.get();
        let counts = run.report.get().map(|r| r.counts()).unwrap_or_default();
        let planned_total = run.report.get().map(|r| r.entries().len()).unwrap_or(total);
        let finished = counts.created + counts.skipped + counts.failed;
        let (value, max, label) = match &phase {
            Phase::LookingUp => (
                looked,
                total,
                format!("Checking who has a badge: {looked} of {total}"),
            ),
            Phase::Waiting(seconds) => (
                finished,
                planned_total,
                format!("Microsoft Graph asked us to wait {seconds:.1} s…"),
            ),
            Phase::Idle => return None,
            _ => (
                finished,
                planned_total,
                format!("{finished} of {planned_total} done"),
            ),
        };
        Some(view! {
            <div class="run-progress">
                <progress
                    max=max.max(1).to_string()
                    value=value.to_string()
                    aria-label="Team run progress"
                ></progress>
                <p role="status">
                    {label} " · "
                    {format!(
                        "created {}, skipped {}, failed {}, waiting to retry {} · Graph calls: {}",
                        counts.created,
                        counts.skipped,
                        counts.failed,
                        counts.waiting_to_retry,
                        run.calls.get(),
                    )}
                </p>
                {match phase {
                    Phase::Done => {
                        Some(
                            view! {
                                <p class="notice" role="status">
                                    "Finished."
                                </p>
                            }
                                .into_any(),
                        )
                    }
                    Phase::Cancelled => {
                        Some(
                            view! {
                                <p class="notice" role="status">
                                    "Cancelled. Codes already created are kept and listed below."
                                </p>
                            }
                                .into_any(),
                        )
                    }
                    Phase::Failed(error) => Some(view! { <AdminError error /> }.into_any()),
                    _ => None,
                }}
            </div>
        })
    }
}

#[component]
pub fn RunReportTable(run: TeamRun) -> impl IntoView {
    move || {
        let report = run.report.get()?;
        Some(view! {
            <section class="card" aria-labelledby="report-title">
                <h2 id="report-title">"Outcome for each person"</h2>
                <p class="muted small">
                    "Temporary PINs are shown once, here only. Give them to their owners in person; they are never printed."
                </p>
                <table class="report">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Email"</th>
                            <th scope="col">"Outcome"</th>
                            <th scope="col">"Details"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report
                            .entries()
                            .iter()
                            .map(|entry| {
                                let (outcome, details) = describe(entry);
                                view! {
                                    <tr>
                                        <td>{entry.planned.member.display_name.clone()}</td>
                                        <td>{entry.planned.member.upn.clone()}</td>
                                        <td>{outcome}</td>
                                        <td>{details}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
        })
    }
}

fn describe(entry: &RunEntry) -> (&'static str, String) {
    match (entry.state(), &entry.last_outcome, &entry.planned.decision) {
        (EntryState::Skipped, _, Decision::Skip(reason)) => {
            ("Skipped", sentence(&reason.message()))
        }
        (EntryState::Created, Some(ItemOutcome::Created { pin: Some(pin), .. }), _) => {
            ("Created", format!("Temporary PIN: {pin}"))
        }
        (EntryState::Created, _, _) => ("Created", "Badge code created; PIN unchanged".into()),
        (
            EntryState::Failed,
            Some(ItemOutcome::Failed {
                code,
                request_id,
                retriable,
                ..
            }),
            _,
        ) => (
            "Failed",
            format!(
                "{code}{}{}",
                request_id
                    .as_deref()
                    .map(|id| format!(" · request ID {id}"))
                    .unwrap_or_default(),
                if *retriable { " · can be retried" } else { "" }
            ),
        ),
        (EntryState::Failed, _, _) => ("Failed", "Stopped before an answer came".into()),
        (EntryState::WaitingToRetry, _, _) => ("Waiting", "Will be retried".into()),
        _ => ("Not sent", String::new()),
    }
}

/// "has an active badge" → "Has an active badge".
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

//! The team run's report as a CSV file (`qrpin::csv`): one row per person with the outcome, the
//! details in the administrator's language, and Graph's error code and request ID of a failure, for
//! support. Column titles, outcome words and the file name come from `locales/*/admin.json`.
//!
//! The details never hold a PIN: a temporary PIN is written only in its own column, and only when
//! the administrator asked for it (`PinColumn::Include`).

use leptos_i18n::I18nContext;
use qrpin::batch::{CreateVia, Decision, EntryState, ItemOutcome, RunEntry, SkipReason};
use qrpin::csv::{report_csv, PinColumn, ReportColumns, ReportOutcome, ReportRow};

use super::team_report::{problem_words, skip_words};
use crate::format::{local_date_input, now};
use crate::locale::{t_string, Locale};
use crate::team::{lookup_failed_words, RunKind};

/// The media type of the file, with its character set for spreadsheets that look.
pub const CSV_TYPE: &str = "text/csv;charset=utf-8";

/// The whole file, people in the run's order.
pub fn team_report_csv(i18n: I18nContext<Locale>, entries: &[RunEntry], pins: PinColumn) -> String {
    let columns = ReportColumns {
        display_name: t_string!(i18n, admin.csv.columns.name),
        upn: t_string!(i18n, admin.csv.columns.upn),
        outcome: t_string!(i18n, admin.csv.columns.outcome),
        detail: t_string!(i18n, admin.csv.columns.detail),
        error_code: t_string!(i18n, admin.csv.columns.error_code),
        request_id: t_string!(i18n, admin.csv.columns.request_id),
        temporary_pin: t_string!(i18n, admin.csv.columns.temporary_pin),
    };
    let rows: Vec<ReportRow> = entries
        .iter()
        .map(|entry| ReportRow::from_team_entry(entry, detail(i18n, entry)))
        .collect();
    report_csv(
        &columns,
        &rows,
        |outcome| outcome_word(i18n, outcome).to_string(),
        pins,
    )
}

/// "team-badge-run-2026-03-09.csv" or "badge-renewals-2026-03-09.csv": the day in the
/// administrator's time zone.
pub fn report_file_name(i18n: I18nContext<Locale>, kind: RunKind) -> String {
    let date = local_date_input(now());
    match kind {
        RunKind::Team => t_string!(i18n, admin.csv.file_name, date = date).to_string(),
        RunKind::Renewal => t_string!(i18n, admin.csv.renewal_file_name, date = date).to_string(),
    }
}

fn outcome_word(i18n: I18nContext<Locale>, outcome: ReportOutcome) -> &'static str {
    match outcome {
        ReportOutcome::Created => t_string!(i18n, admin.csv.outcome.created),
        ReportOutcome::Extended => t_string!(i18n, admin.csv.outcome.extended),
        ReportOutcome::Replaced => t_string!(i18n, admin.csv.outcome.replaced),
        ReportOutcome::Skipped => t_string!(i18n, admin.csv.outcome.skipped),
        ReportOutcome::Failed => t_string!(i18n, admin.csv.outcome.failed),
        ReportOutcome::Pending => t_string!(i18n, admin.csv.outcome.pending),
    }
}

/// What the report table says about the person, without the PIN and without the error code and
/// request ID, which have their own columns.
fn detail(i18n: I18nContext<Locale>, entry: &RunEntry) -> String {
    match (entry.state(), &entry.last_outcome, &entry.planned.decision) {
        (EntryState::Skipped, _, Decision::Skip(SkipReason::LookupFailed(gave_up))) => {
            lookup_failed_words(i18n, *gave_up)
        }
        (EntryState::Skipped, _, Decision::Skip(reason)) => skip_words(i18n, *reason).to_string(),
        (
            EntryState::Created,
            _,
            Decision::Create {
                via: CreateVia::ReplaceStandardCode { .. },
                ..
            },
        ) => t_string!(i18n, admin.report.replaced_detail).to_string(),
        (EntryState::Extended, Some(ItemOutcome::Extended { expires }), _) => t_string!(
            i18n,
            admin.report.extended_detail,
            date = local_date_input(*expires)
        )
        .to_string(),
        (EntryState::Created, Some(ItemOutcome::Created { pin: Some(_), .. }), _) => {
            t_string!(i18n, admin.csv.pin_generated).to_string()
        }
        (EntryState::Created, _, _) => t_string!(i18n, admin.report.pin_unchanged).to_string(),
        (
            EntryState::Failed,
            Some(
                outcome @ ItemOutcome::Failed {
                    message, retriable, ..
                },
            ),
            _,
        ) => {
            // What qrpin found, in words; else Graph's own message, verbatim.
            let mut parts: Vec<String> = Vec::new();
            match outcome.problem() {
                Some(problem) => parts.push(problem_words(i18n, problem).to_string()),
                None if !message.trim().is_empty() => parts.push(message.clone()),
                None => {}
            }
            if *retriable {
                parts.push(t_string!(i18n, admin.report.can_retry).to_string());
            }
            parts.join(" · ")
        }
        (EntryState::Failed, _, _) => t_string!(i18n, admin.report.stopped).to_string(),
        (EntryState::WaitingToRetry, _, _) => t_string!(i18n, admin.report.will_retry).to_string(),
        _ => t_string!(i18n, admin.report.not_sent).to_string(),
    }
}

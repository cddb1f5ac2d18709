//! Printing badges right after their codes were created: Graph returns a code's image only in the answer that
//! created it and Microsoft keeps no QR image, so the sheet is printed from the in-memory print queue and is the
//! only copy of each credential.
//!
//! There is deliberately no "copies" option: a badge is a credential, and a second printed copy is
//! a second credential to lose ("replace QR codes that are lost or stolen"). A misprint is
//! reprinted from this page while it is open; a sheet of several badges comes from the codes
//! created together (the queue holds them all).

use leptos::prelude::*;
use qrpin::badge::{LabelPreset, PaperSize};

use crate::browser::print_page;
use crate::components::{BadgeSheets, SheetBadge};
use crate::config::PortalConfig;
use crate::print::queue::PrintQueue;

#[component]
pub fn PrintBadges() -> impl IntoView {
    let queued = use_context::<PrintQueue>()
        .map(|queue| queue.0.get_untracked())
        .unwrap_or_default();
    if queued.is_empty() {
        return view! { <NothingToPrint /> }.into_any();
    }
    let config = expect_context::<PortalConfig>();
    let organisation = config.organization_name().map(str::to_string).unwrap_or_default();
    let logo_url = config
        .organization
        .logo_url
        .clone()
        .filter(|url| !url.trim().is_empty());
    let mut badges = Vec::new();
    let mut problems = Vec::new();
    for badge in &queued {
        match SheetBadge::from_queue(badge, &organisation) {
            Ok(ready) => badges.push(ready),
            Err(problem) => problems.push(problem),
        }
    }
    let count = badges.len();
    let language = web_sys::window().and_then(|window| window.navigator().language());
    let preset = RwSignal::new(default_preset(language.as_deref(), count));
    let first_label = RwSignal::new(0usize);
    let (print_problem, set_print_problem) = signal(None::<String>);
    let summary = move || {
        let preset = preset.get();
        let sheets = preset.pages_for_starting_at(count, first_label.get());
        format!(
            "{} on {}, {}.",
            plural(count, "badge"),
            plural(sheets, "sheet"),
            paper_name(preset.paper)
        )
    };
    let sheets = move || {
        view! {
            <BadgeSheets
                preset=preset.get()
                badges=badges.clone()
                first_slot=first_label.get()
                logo_url=logo_url.clone()
            />
        }
    };
    view! {
        <div class="page print-page">
            <div class="print-controls">
                <h1>"Print badges"</h1>
                <p class="once-warning" role="note">
                    <strong>"The printed badge is the only copy of the credential."</strong>
                    " Microsoft does not keep QR code images: this sheet is printed from the codes just created, and once you leave the portal they cannot be printed again, only replaced. "
                    <strong>"The PIN is never printed"</strong>
                    "; give it to its holder separately."
                </p>
                {(!problems.is_empty())
                    .then(|| {
                        view! {
                            <div class="error-panel" role="alert">
                                <p>"Some codes cannot be printed; replace them to get new ones:"</p>
                                <ul>
                                    {problems
                                        .into_iter()
                                        .map(|problem| view! { <li>{problem}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })}
                <div class="card form-card">
                    <LayoutChoice preset first_label />
                    <section class="print-guidance" aria-labelledby="guidance-title">
                        <h2 id="guidance-title">"Print at actual size"</h2>
                        <ol>
                            <li>
                                "In the print dialog set the scale to " <strong>"100 %"</strong>
                                " (“Actual size”), never “Fit to page” or “Shrink to fit”: a smaller QR code (under 2 in) may not scan, and badges miss the labels."
                            </li>
                            <li>
                                "Paper: " {move || paper_name(preset.get().paper)}
                                ". Margins: default or none. Turn headers and footers off."
                            </li>
                            <li>
                                "Check the printout: the bar at the top of each sheet should measure 50 mm. If it does not, print again at 100 %."
                            </li>
                            <li>
                                "For a PDF, choose “Save as PDF” as the printer. The PDF is a copy of the credential too: keep it safe or delete it after printing."
                            </li>
                        </ol>
                    </section>
                    <div class="actions">
                        <button
                            class="button primary"
                            on:click=move |_| set_print_problem.set(print_page().err())
                        >
                            "Print"
                        </button>
                        <a class="button secondary" href="/">
                            "Back to the overview"
                        </a>
                    </div>
                    {move || {
                        print_problem
                            .get()
                            .map(|problem| {
                                view! {
                                    <p class="error-panel" role="alert">
                                        "The print dialog could not be opened: "
                                        {problem}
                                    </p>
                                }
                            })
                    }}
                </div>
            </div>
            <section class="print-preview" aria-labelledby="preview-title">
                <h2 id="preview-title">"Preview"</h2>
                <p class="muted preview-summary" aria-live="polite">
                    {summary}
                </p>
                <div class="sheets">{sheets}</div>
            </section>
        </div>
    }
    .into_any()
}

/// The layout radio group and, for sheets of several labels, where to start on a partly used one.
#[component]
fn LayoutChoice(preset: RwSignal<LabelPreset>, first_label: RwSignal<usize>) -> impl IntoView {
    let choices = LabelPreset::all()
        .into_iter()
        .map(|choice| {
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name="layout"
                        value=choice.key
                        prop:checked=move || preset.get().key == choice.key
                        on:change=move |_| {
                            preset.set(choice);
                            first_label.set(0);
                        }
                    />
                    <span>{choice.name}</span>
                </label>
            }
        })
        .collect_view();
    // Only the sheet's grid re-renders the select, so choosing a label keeps focus on it.
    let grid = Memo::new(move |_| preset.with(|p| (p.per_page(), p.columns)));
    let start = move || {
        let (per_page, columns) = grid.get();
        (per_page > 1).then(|| {
            let options = (0..per_page)
                .map(|slot| {
                    view! {
                        <option value=slot.to_string() selected=first_label.get_untracked() == slot>
                            {label_position(slot, columns)}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <label for="first-label">"Start at label"</label>
                <select
                    id="first-label"
                    aria-describedby="first-label-help"
                    on:change=move |ev| {
                        first_label.set(event_target_value(&ev).parse().unwrap_or(0));
                    }
                >
                    {options}
                </select>
                <p class="muted small" id="first-label-help">
                    "For a partly used sheet: labels are counted left to right, then top to bottom."
                </p>
            }
        })
    };
    view! {
        <fieldset>
            <legend>"Layout"</legend>
            {choices}
        </fieldset>
        {start}
    }
}

#[component]
fn NothingToPrint() -> impl IntoView {
    view! {
        <section class="card empty-state">
            <h1>"Print badges"</h1>
            <p>
                "There is nothing to print. Badges can only be printed right after their codes are created: Microsoft keeps no copy of a QR code image, so an older code cannot be printed again."
            </p>
            <p>
                "To print a badge, create a code (or replace a lost badge), then choose "
                <strong>"Print badge"</strong> "."
            </p>
            <a class="button primary" href="/">
                "Go to the overview"
            </a>
        </section>
    }
}

/// Countries that use US Letter paper; everyone else gets A4.
const LETTER_REGIONS: [&str; 15] = [
    "US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "CR", "PA", "DO", "SV", "NI", "BZ",
];

/// The paper a browser language (`navigator.language`, e.g. `en-US`) most likely has in its printer.
pub fn paper_for_language(language: Option<&str>) -> PaperSize {
    let region = language.and_then(|tag| {
        tag.split(['-', '_'])
            .skip(1)
            .find(|part| part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()))
            .map(str::to_ascii_uppercase)
    });
    match region {
        Some(region) if LETTER_REGIONS.contains(&region.as_str()) => PaperSize::Letter,
        _ => PaperSize::A4,
    }
}

/// One badge: a single badge on the local paper. Several: the plain grid on the local paper.
pub fn default_preset(language: Option<&str>, count: usize) -> LabelPreset {
    match (paper_for_language(language), count > 1) {
        (paper, false) => LabelPreset::single(paper),
        (PaperSize::A4, true) => LabelPreset::grid_a4(),
        (PaperSize::Letter, true) => LabelPreset::grid_letter(),
    }
}

/// "Label 6: row 3, right" for slot 5 of a two-column sheet.
pub fn label_position(slot: usize, columns: usize) -> String {
    let columns = columns.max(1);
    let (row, column) = (slot / columns + 1, slot % columns);
    let side = match (columns, column) {
        (2, 0) => "left".to_string(),
        (2, _) => "right".to_string(),
        _ => format!("column {}", column + 1),
    };
    format!("Label {}: row {row}, {side}", slot + 1)
}

fn paper_name(paper: PaperSize) -> &'static str {
    match paper {
        PaperSize::A4 => "A4 paper",
        PaperSize::Letter => "US Letter paper",
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_follows_the_browser_region() {
        assert_eq!(paper_for_language(Some("en-US")), PaperSize::Letter);
        assert_eq!(paper_for_language(Some("fr-CA")), PaperSize::Letter);
        assert_eq!(paper_for_language(Some("es-419")), PaperSize::A4);
        assert_eq!(paper_for_language(Some("en-GB")), PaperSize::A4);
        assert_eq!(paper_for_language(Some("zh-Hant-TW")), PaperSize::A4);
        assert_eq!(paper_for_language(Some("de")), PaperSize::A4);
        assert_eq!(paper_for_language(None), PaperSize::A4);
    }

    #[test]
    fn one_badge_prints_alone_several_on_a_grid() {
        assert_eq!(default_preset(Some("en-US"), 1).key, "single-letter");
        assert_eq!(default_preset(Some("nl-NL"), 1).key, "single-a4");
        assert_eq!(default_preset(Some("nl-NL"), 5).key, "grid-a4");
        assert_eq!(default_preset(Some("en-US"), 5).key, "grid-letter");
    }

    #[test]
    fn label_positions_read_as_rows_and_sides() {
        assert_eq!(label_position(0, 2), "Label 1: row 1, left");
        assert_eq!(label_position(5, 2), "Label 6: row 3, right");
        assert_eq!(label_position(4, 3), "Label 5: row 2, column 2");
        assert_eq!(plural(2, "sheet"), "2 sheets");
    }
}

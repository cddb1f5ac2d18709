//! Printing badges right after their codes were created: Graph returns a code's image only in the answer that
//! created it and Microsoft keeps no QR image, so the sheet is printed from the in-memory print queue and is the
//! only copy of each credential.
//!
//! There is deliberately no "copies" option: a badge is a credential, and a second printed copy is
//! a second credential to lose ("replace QR codes that are lost or stolen"). A misprint is
//! reprinted from this page while it is open; a sheet of several badges comes from the codes
//! created together (the queue holds them all).

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use qrpin::badge::{LabelPreset, PaperSize};

use crate::browser::{print, BrowserProblem};
use crate::components::{preset_name, Alert, BadgeSheets, PrintProblem, SheetBadge};
use crate::config::PortalConfig;
use crate::locale::intl::{number, plural};
use crate::locale::{t, t_string, use_i18n, Language, Locale, Plural};
use crate::print::queue::PrintQueue;

#[component]
pub fn PrintBadges() -> impl IntoView {
    let i18n = use_i18n();
    let queued = use_context::<PrintQueue>()
        .map(|queue| queue.0.get_untracked())
        .unwrap_or_default();
    if queued.is_empty() {
        return view! { <NothingToPrint /> }.into_any();
    }
    let config = expect_context::<PortalConfig>();
    // A badge names the organisation only when config.json does: no placeholder is ever printed.
    let organisation = config.organization_name().map(str::to_string);
    let logo_url = config
        .organization
        .logo_url
        .clone()
        .filter(|url| !url.trim().is_empty());
    // Worded in the language shown: a switch re-words the sheets before they are printed.
    let prepared = Memo::new(move |_| {
        let mut badges = Vec::new();
        let mut problems = Vec::new();
        for badge in &queued {
            match SheetBadge::from_queue(i18n, badge, organisation.as_deref()) {
                Ok(ready) => badges.push(ready),
                Err(problem) => problems.push(problem),
            }
        }
        (badges, problems)
    });
    let count = prepared.with_untracked(|(badges, _)| badges.len());
    // The paper follows the browser's region (en-US prints on Letter), not the language shown.
    let region = web_sys::window().and_then(|window| window.navigator().language());
    let preset = RwSignal::new(default_preset(region.as_deref(), count));
    let first_label = RwSignal::new(0usize);
    let (print_problem, set_print_problem) = signal(None::<BrowserProblem>);
    let summary = move || {
        let preset = preset.get();
        let sheets = preset.pages_for_starting_at(count, first_label.get());
        t_string!(
            i18n,
            print.summary,
            badges = count_words(i18n, Counted::Badges, count),
            sheets = count_words(i18n, Counted::Sheets, sheets),
            paper = paper_name(i18n, preset.paper)
        )
        .to_string()
    };
    let sheets = move || {
        view! {
            <BadgeSheets
                preset=preset.get()
                badges=prepared.get().0
                first_slot=first_label.get()
                logo_url=logo_url.clone()
            />
        }
    };
    let problems = move || {
        let problems = prepared.get().1;
        (!problems.is_empty()).then(|| {
            view! {
                <Alert>
                    <p>{t!(i18n, print.cannot_print_some)}</p>
                    <ul>
                        {problems
                            .into_iter()
                            .map(|problem| view! { <li>{problem_words(i18n, &problem)}</li> })
                            .collect_view()}
                    </ul>
                </Alert>
            }
        })
    };
    view! {
        <div class="page print-page">
            <div class="print-controls">
                <h1>{t!(i18n, print.title)}</h1>
                <p class="once-warning" role="note">
                    {t!(i18n, print.only_copy, <b> = <strong />, <pin> = <strong />)}
                </p>
                {problems}
                <div class="card form-card">
                    <LayoutChoice preset first_label />
                    <section class="print-guidance" aria-labelledby="guidance-title">
                        <h2 id="guidance-title">{t!(i18n, print.guidance.title)}</h2>
                        <ol>
                            <li>{t!(i18n, print.guidance.scale, <b> = <strong />)}</li>
                            <li>
                                {t!(
                                    i18n, print.guidance.paper, paper = move || paper_name(i18n, preset.get().paper)
                                )}
                            </li>
                            <li>{t!(i18n, print.guidance.check)}</li>
                            <li>{t!(i18n, print.guidance.pdf)}</li>
                        </ol>
                    </section>
                    <div class="actions">
                        <button
                            class="button primary"
                            on:click=move |_| set_print_problem.set(print().err())
                        >
                            {t!(i18n, print.print)}
                        </button>
                        <a class="button secondary" href="/">
                            {t!(i18n, print.back)}
                        </a>
                    </div>
                    {move || {
                        print_problem
                            .get()
                            .map(|problem| {
                                view! {
                                    <Alert>
                                        <p>
                                            {move || {
                                                let problem = match &problem {
                                                    BrowserProblem::Refused(Some(message)) => message.clone(),
                                                    _ => {
                                                        t_string!(i18n, selfservice.created.print_failed)
                                                            .to_string()
                                                    }
                                                };
                                                t_string!(i18n, print.dialog_failed, problem = problem)
                                                    .to_string()
                                            }}
                                        </p>
                                    </Alert>
                                }
                            })
                    }}
                </div>
            </div>
            <section class="print-preview" aria-labelledby="preview-title">
                <h2 id="preview-title">{t!(i18n, print.preview)}</h2>
                <p class="muted preview-summary" aria-live="polite">
                    {summary}
                </p>
                <div class="sheets">{sheets}</div>
            </section>
        </div>
    }
    .into_any()
}

fn problem_words(i18n: I18nContext<Locale>, problem: &PrintProblem) -> String {
    match problem {
        PrintProblem::NoImage { holder } => {
            t_string!(i18n, print.no_image, name = holder.clone()).to_string()
        }
        PrintProblem::CannotDraw { holder, reason } => t_string!(
            i18n,
            print.cannot_draw,
            name = holder.clone(),
            problem = reason.clone()
        )
        .to_string(),
    }
}

/// The layout radio group and, for sheets of several labels, where to start on a partly used one.
#[component]
fn LayoutChoice(preset: RwSignal<LabelPreset>, first_label: RwSignal<usize>) -> impl IntoView {
    let i18n = use_i18n();
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
                    <span>{move || preset_name(i18n, &choice)}</span>
                </label>
            }
        })
        .collect_view();
    // Only the sheet's grid (and the language) re-renders the select, so choosing a label keeps
    // focus on it.
    let grid = Memo::new(move |_| preset.with(|p| (p.per_page(), p.columns)));
    let start = move || {
        let (per_page, columns) = grid.get();
        (per_page > 1).then(|| {
            let options = (0..per_page)
                .map(|slot| {
                    view! {
                        <option value=slot.to_string() selected=first_label.get_untracked() == slot>
                            {move || position_words(i18n, label_position(slot, columns))}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <label for="first-label">{t!(i18n, print.start_at)}</label>
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
                    {t!(i18n, print.start_help)}
                </p>
            }
        })
    };
    view! {
        <fieldset>
            <legend>{t!(i18n, print.layout)}</legend>
            {choices}
        </fieldset>
        {start}
    }
}

#[component]
fn NothingToPrint() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card empty-state">
            <h1>{t!(i18n, print.title)}</h1>
            <p>{t!(i18n, print.nothing.text)}</p>
            <p>{t!(i18n, print.nothing.how, <b> = <strong />)}</p>
            <a class="button primary" href="/">
                {t!(i18n, print.nothing.go)}
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

/// Where a label sits on its sheet, for the "Start at label" menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelPosition {
    /// 1-based, counted left to right, then top to bottom.
    pub number: usize,
    pub row: usize,
    pub side: Side,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    /// 1-based column on sheets of other than two columns.
    Column(usize),
}

/// Slot 5 of a two-column sheet is label 6, row 3, right.
pub fn label_position(slot: usize, columns: usize) -> LabelPosition {
    let columns = columns.max(1);
    let (row, column) = (slot / columns + 1, slot % columns);
    let side = match (columns, column) {
        (2, 0) => Side::Left,
        (2, _) => Side::Right,
        _ => Side::Column(column + 1),
    };
    LabelPosition {
        number: slot + 1,
        row,
        side,
    }
}

/// "Label 6: row 3, right".
fn position_words(i18n: I18nContext<Locale>, position: LabelPosition) -> String {
    let language = Language::of(i18n.get_locale());
    let count = |n: usize| number(n as i64, language);
    let (label, row) = (count(position.number), count(position.row));
    match position.side {
        Side::Left => t_string!(i18n, print.position_left, number = label, row = row).to_string(),
        Side::Right => t_string!(i18n, print.position_right, number = label, row = row).to_string(),
        Side::Column(column) => t_string!(
            i18n,
            print.position_column,
            number = label,
            row = row,
            column = count(column)
        )
        .to_string(),
    }
}

fn paper_name(i18n: I18nContext<Locale>, paper: PaperSize) -> &'static str {
    match paper {
        PaperSize::A4 => t_string!(i18n, print.paper_a4),
        PaperSize::Letter => t_string!(i18n, print.paper_letter),
    }
}

#[derive(Clone, Copy)]
enum Counted {
    Badges,
    Sheets,
}

/// "1 badge", "9 badges", "2 sheets" with the language's plural rules.
fn count_words(i18n: I18nContext<Locale>, counted: Counted, count: usize) -> String {
    let language = Language::of(i18n.get_locale());
    let shown = number(count as i64, language);
    match (counted, plural(count as i64, language)) {
        (Counted::Badges, Plural::One) => {
            t_string!(i18n, print.badges.one, count = shown).to_string()
        }
        (Counted::Badges, Plural::Other) => {
            t_string!(i18n, print.badges.other, count = shown).to_string()
        }
        (Counted::Sheets, Plural::One) => {
            t_string!(i18n, print.sheets.one, count = shown).to_string()
        }
        (Counted::Sheets, Plural::Other) => {
            t_string!(i18n, print.sheets.other, count = shown).to_string()
        }
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
        let at = |number, row, side| LabelPosition { number, row, side };
        assert_eq!(label_position(0, 2), at(1, 1, Side::Left));
        assert_eq!(label_position(5, 2), at(6, 3, Side::Right));
        assert_eq!(label_position(4, 3), at(5, 2, Side::Column(2)));
    }
}

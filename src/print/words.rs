//! What a printed sheet and the print page say, in the printing person's language (`print.json`): the
//! validity on a badge (dates as the unambiguous "1 Dec 2026"), preset and paper names, label positions
//! and counts with the language's plural rules.

use chrono::{DateTime, Utc};
use leptos_i18n::I18nContext;
use qrpin::badge::{LabelPreset, PaperSize};

use super::choice::{LabelPosition, Side};
use super::text::{badge_time, unbreakable, Validity};
use crate::locale::intl::{date, number, plural};
use crate::locale::{t_string, Language, Locale, Plural};

/// "Valid 9 Mar 2026 – 9 Mar 2027", "Temporary code, valid until 2 Dec 2026, 14:00": the day for
/// badge codes, day and time for temporary codes (they last hours). A date never breaks.
pub fn validity_words(i18n: I18nContext<Locale>, validity: Validity, temporary: bool) -> String {
    let language = Language::of(i18n.get_locale());
    let when = |value: DateTime<Utc>| {
        let day = date(value, language);
        let text = if temporary {
            t_string!(
                i18n,
                print.badge.date_time,
                date = day,
                time = badge_time(value, language)
            )
            .to_string()
        } else {
            day
        };
        unbreakable(&text)
    };
    match (validity, temporary) {
        (Validity::Between(start, end), false) => t_string!(
            i18n,
            print.badge.valid_between,
            start = when(start),
            end = when(end)
        )
        .to_string(),
        (Validity::Between(start, end), true) => t_string!(
            i18n,
            print.badge.temporary_between,
            start = when(start),
            end = when(end)
        )
        .to_string(),
        (Validity::Until(end), false) => {
            t_string!(i18n, print.badge.valid_until, end = when(end)).to_string()
        }
        (Validity::Until(end), true) => {
            t_string!(i18n, print.badge.temporary_until, end = when(end)).to_string()
        }
        (Validity::From(start), false) => {
            t_string!(i18n, print.badge.valid_from, start = when(start)).to_string()
        }
        (Validity::From(start), true) => {
            t_string!(i18n, print.badge.temporary_from, start = when(start)).to_string()
        }
        (Validity::Unknown, false) => t_string!(i18n, print.badge.valid).to_string(),
        (Validity::Unknown, true) => t_string!(i18n, print.badge.temporary).to_string(),
    }
}

/// A label preset's name in the language shown (qrpin names them in English for the tests only).
pub fn preset_name(i18n: I18nContext<Locale>, preset: &LabelPreset) -> String {
    match preset.key {
        "single-a4" => t_string!(i18n, print.presets.single_a4),
        "single-letter" => t_string!(i18n, print.presets.single_letter),
        "avery-5395" => t_string!(i18n, print.presets.avery_5395),
        "grid-a4" => t_string!(i18n, print.presets.grid_a4),
        "grid-letter" => t_string!(i18n, print.presets.grid_letter),
        _ => preset.name,
    }
    .to_string()
}

/// "Label 6: row 3, right".
pub fn position_words(i18n: I18nContext<Locale>, position: LabelPosition) -> String {
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

pub fn paper_name(i18n: I18nContext<Locale>, paper: PaperSize) -> &'static str {
    match paper {
        PaperSize::A4 => t_string!(i18n, print.paper_a4),
        PaperSize::Letter => t_string!(i18n, print.paper_letter),
    }
}

#[derive(Clone, Copy)]
pub enum Counted {
    Badges,
    Sheets,
}

/// "1 badge", "9 badges", "2 sheets" with the language's plural rules.
pub fn count_words(i18n: I18nContext<Locale>, counted: Counted, count: usize) -> String {
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

//! Which sheet a print run starts on: the paper a browser's region most likely has, one badge alone or
//! several on a grid, and where each label sits (for the "Start at label" menu). Pure, native-tested.

use qrpin::badge::{LabelPreset, PaperSize};

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

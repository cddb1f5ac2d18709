//! What goes where on each printed sheet, in page millimetres: which label holds which badge, the
//! QR square and fitted text of each badge (from `qrpin::badge::badge_layout`), and the 50 mm
//! ruler printed in the top margin so the printout can be checked. Pure data; the SVG view in
//! `components/badge_sheet.rs` only draws it.

use qrpin::badge::{badge_layout, LabelPreset, LayoutError, Rect, TextArea, PRINTER_MARGIN_MM};

use super::text::{fit, BASELINE, FONT_FAMILY, LINE_HEIGHT};

/// What one label position on a sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotContent {
    /// Already used on a partly used label sheet ("start at label N").
    Used,
    /// The badge at this index of the print run.
    Badge(usize),
    /// Left empty after the last badge.
    Blank,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slot {
    pub rect: Rect,
    pub content: SlotContent,
}

/// One sheet of paper: every label position on it, in the preset's row-major order.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetPage {
    /// 1-based.
    pub number: usize,
    pub slots: Vec<Slot>,
}

impl SheetPage {
    /// Indexes of the badges on this sheet, in order.
    pub fn badges(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots.iter().filter_map(|slot| match slot.content {
            SlotContent::Badge(index) => Some(index),
            _ => None,
        })
    }
}

/// The sheets for `count` badges on `preset`, skipping the first `first_slot` labels of the first
/// sheet (clamped to the last label, as `LabelPreset::place_starting_at` does). No badges, no pages.
pub fn sheet_pages(preset: &LabelPreset, count: usize, first_slot: usize) -> Vec<SheetPage> {
    let placements = preset.place_starting_at(count, first_slot);
    let first = placements.first().map_or(0, |placement| placement.slot);
    let pages = preset.pages_for_starting_at(count, first_slot);
    let rects = preset.label_rects();
    (0..pages)
        .map(|page| SheetPage {
            number: page + 1,
            slots: rects
                .iter()
                .enumerate()
                .map(|(slot, rect)| {
                    let badge = placements
                        .iter()
                        .position(|p| p.page == page && p.slot == slot);
                    let content = match badge {
                        Some(index) => SlotContent::Badge(index),
                        None if page == 0 && slot < first => SlotContent::Used,
                        None => SlotContent::Blank,
                    };
                    Slot {
                        rect: *rect,
                        content,
                    }
                })
                .collect(),
        })
        .collect()
}

/// The words on one badge, already in the printing person's language (an empty organisation leaves
/// its row blank). Never a PIN: Microsoft's guidance is not to print the PIN on the badge, so there
/// is no field for it.
#[derive(Clone, Debug, PartialEq)]
pub struct BadgeText {
    pub organisation: String,
    pub name: String,
    pub upn: String,
    pub validity: String,
    /// How to sign in, printed at the bottom of every badge.
    pub instructions: String,
}

/// A line of text placed on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLine {
    pub text: String,
    pub x: f64,
    pub baseline: f64,
    pub squeeze_to_mm: Option<f64>,
}

/// A block of fitted text: one font size, one weight, some lines.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBlock {
    /// The class of its SVG `<text>` elements (`badge-name`, …), so tests and styles can find it.
    pub class: &'static str,
    pub font_mm: f64,
    pub bold: bool,
    pub lines: Vec<PlacedLine>,
}

impl TextBlock {
    pub fn font_family(&self) -> &'static str {
        FONT_FAMILY
    }

    /// Height of the block's lines (0 without lines).
    pub fn height(&self) -> f64 {
        self.lines.len() as f64 * LINE_HEIGHT * self.font_mm
    }

    fn fitted(
        class: &'static str,
        text: &str,
        area: Rect,
        max_lines: u8,
        font: f64,
        bold: bool,
    ) -> Self {
        let fitted = fit(
            text,
            area.width,
            area.height,
            usize::from(max_lines),
            font,
            bold,
        );
        let lines = fitted
            .lines
            .into_iter()
            .enumerate()
            .map(|(row, line)| PlacedLine {
                text: line.text,
                x: area.x,
                baseline: area.y + fitted.font_mm * (LINE_HEIGHT * row as f64 + BASELINE),
                squeeze_to_mm: line.squeeze_to_mm,
            })
            .collect();
        Self {
            class,
            font_mm: fitted.font_mm,
            bold,
            lines,
        }
    }

    fn in_area(class: &'static str, text: &str, area: &TextArea, bold: bool) -> Self {
        Self::fitted(
            class,
            text,
            area.rect,
            area.max_lines,
            area.font_size_mm,
            bold,
        )
    }
}

/// One badge, ready to draw: the white QR square (quiet zone included), an optional logo box and
/// the text blocks, all in page coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct BadgeDrawing {
    pub qr: Rect,
    pub logo: Option<Rect>,
    pub blocks: Vec<TextBlock>,
}

/// Gap between the logo and the organisation's name.
const LOGO_GAP_MM: f64 = 1.0;
/// Space between two text blocks when the column has room for it.
const BLOCK_GAP_MM: f64 = 1.6;

/// Lays out one badge in `label` (page coordinates). Each text block is fitted to the width and
/// height `qrpin::badge` gives it; the fitted blocks are then stacked without the unused space
/// (a one-line name leaves no hole) and the stack is centred in the text column, beside the QR.
/// With a logo, the organisation's line starts with a box as tall as its area and up to three
/// times as wide (the image keeps its proportions).
pub fn draw_badge(
    label: Rect,
    text: &BadgeText,
    with_logo: bool,
) -> Result<BadgeDrawing, LayoutError> {
    let layout = badge_layout(label)?;
    let organisation = layout.organisation.rect;
    let logo_size = with_logo.then(|| {
        let width = (organisation.height * 3.0).min(organisation.width * 0.4);
        (width, organisation.height)
    });
    let shift = logo_size.map_or(0.0, |(width, _)| width + LOGO_GAP_MM);
    let organisation_area = Rect::new(
        organisation.x + shift,
        organisation.y,
        (organisation.width - shift).max(0.0),
        organisation.height,
    );
    let org = layout.organisation;
    let mut blocks = vec![
        TextBlock::fitted(
            "badge-organisation",
            &text.organisation,
            organisation_area,
            org.max_lines,
            org.font_size_mm,
            true,
        ),
        TextBlock::in_area("badge-name", &text.name, &layout.name, true),
        TextBlock::in_area("badge-upn", &text.upn, &layout.upn, false),
        TextBlock::in_area("badge-validity", &text.validity, &layout.validity, false),
        TextBlock::in_area(
            "badge-instructions",
            &text.instructions,
            &layout.instructions,
            false,
        ),
    ];
    // Heights of what was fitted; the logo makes the organisation's row at least its height.
    let heights: Vec<f64> = blocks
        .iter()
        .enumerate()
        .map(|(index, block)| {
            let text = block.height();
            match (index, logo_size) {
                (0, Some((_, logo_height))) => text.max(logo_height),
                _ => text,
            }
        })
        .collect();
    let column_top = organisation.y;
    let column_height = layout.instructions.rect.bottom() - column_top;
    let used: f64 = heights.iter().sum();
    let gaps = heights
        .iter()
        .filter(|h| **h > 0.0)
        .count()
        .saturating_sub(1) as f64;
    let gap = if gaps > 0.0 {
        ((column_height - used) / gaps).clamp(0.0, BLOCK_GAP_MM)
    } else {
        0.0
    };
    let mut top = column_top + ((column_height - used - gap * gaps) / 2.0).max(0.0);
    let mut logo = None;
    for (index, (block, height)) in blocks.iter_mut().zip(&heights).enumerate() {
        // Blocks were fitted in their own areas: move them to the stack, text centred in its row.
        let area_top = block
            .lines
            .first()
            .map_or(top, |line| line.baseline - block.font_mm * BASELINE);
        let offset = top + (height - block.height()) / 2.0 - area_top;
        for line in &mut block.lines {
            line.baseline += offset;
        }
        if let (0, Some((width, logo_height))) = (index, logo_size) {
            logo = Some(Rect::new(organisation.x, top, width, logo_height));
        }
        if *height > 0.0 {
            top += height + gap;
        }
    }
    Ok(BadgeDrawing {
        qr: layout.qr,
        logo,
        blocks,
    })
}

/// Length of the check bar.
pub const RULER_MM: f64 = 50.0;
/// Where the ruler starts, from the sheet's top-left corner: inside every printer's margin.
const RULER_LEFT_MM: f64 = 12.0;
const RULER_BAR_TOP_MM: f64 = 7.5;
const RULER_BAR_HEIGHT_MM: f64 = 1.0;
const RULER_TICK_MM: f64 = 0.3;
const RULER_CAPTION_FONT_MM: f64 = 2.2;

/// The 50 mm check bar: a solid bar exactly [`RULER_MM`] long, centimetre ticks standing on it
/// (never wider than the bar, so its longest dark run is exactly 50 mm), and a caption.
#[derive(Clone, Debug, PartialEq)]
pub struct Ruler {
    pub bar: Rect,
    pub ticks: Vec<Rect>,
    pub caption: TextBlock,
    /// Everything the ruler may cover, for overlap checks.
    pub bounds: Rect,
}

/// The ruler for sheets of `preset`, in the top margin at the left, with `caption` next to the bar
/// (in the printing person's language).
pub fn ruler(preset: &LabelPreset, caption: &str) -> Ruler {
    let bar = Rect::new(
        RULER_LEFT_MM,
        RULER_BAR_TOP_MM,
        RULER_MM,
        RULER_BAR_HEIGHT_MM,
    );
    let ticks = (0..=5)
        .map(|cm| {
            let height = if cm % 5 == 0 { 2.5 } else { 1.5 };
            // max then min, not `f64::clamp`: clamp's check of its bounds formats them with `{:?}` when it
            // fails, which alone kept core::fmt's float code in the wasm (bench/README.md). The bar is 50 mm
            // wide, so the bounds are in order and the result is the same.
            let x = (bar.x + 10.0 * f64::from(cm) - RULER_TICK_MM / 2.0)
                .max(bar.x)
                .min(bar.right() - RULER_TICK_MM);
            Rect::new(x, bar.y - height, RULER_TICK_MM, height)
        })
        .collect();
    let caption_x = bar.right() + 3.0;
    let page = preset.paper.page();
    let caption_area = Rect::new(
        caption_x,
        bar.y - 3.0,
        page.width - PRINTER_MARGIN_MM - 2.0 - caption_x,
        2.0 * LINE_HEIGHT * RULER_CAPTION_FONT_MM,
    );
    let caption = TextBlock::fitted(
        "ruler-caption",
        caption,
        caption_area,
        2,
        RULER_CAPTION_FONT_MM,
        false,
    );
    let top = caption_area.y.min(bar.y - 2.5);
    let bounds = Rect::new(
        bar.x,
        top,
        caption_area.right() - bar.x,
        caption_area.bottom().max(bar.bottom()) - top,
    );
    Ruler {
        bar,
        ticks,
        caption,
        bounds,
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;

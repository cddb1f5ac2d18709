//! PIN hand-out slips: after a team run, one slip per person who got a temporary PIN, with their name,
//! user principal name, the PIN (large, monospaced) and how to change it. Eight slips of 90 × 60 mm
//! butt together on A4 or US Letter, with crop marks in the margin and dashed lines along every cut,
//! to cut with a guillotine or scissors, or to fold and tear.
//!
//! A slip has no QR code and a badge has no PIN (`layout::BadgeText` has no field for one): slips
//! and badges are separate print runs on separate pages, so a lost sheet never holds both halves of
//! a sign-in. The PINs stay in memory (the team run's report, see `pages/admin/team.rs`); nothing
//! here stores or sends them. Pure geometry in page millimetres, native-tested
//! (`slips_tests.rs`); `components/pin_slips.rs` only draws it.

use std::fmt;

use qrpin::badge::{CropMark, PaperSize, Point, Rect, CROP_MARK_LENGTH_MM, CROP_MARK_OFFSET_MM};
use qrpin::batch::{ItemOutcome, RunEntry};

use super::layout::{PlacedLine, TextBlock};
use super::text::{fit, BASELINE, LINE_HEIGHT};

/// Slips side by side on a sheet.
pub const SLIP_COLUMNS: usize = 2;
/// Rows of slips on a sheet.
pub const SLIP_ROWS: usize = 4;
/// Slips on one sheet.
pub const SLIPS_PER_PAGE: usize = SLIP_COLUMNS * SLIP_ROWS;
/// One slip, the same on both papers: the block of 2 × 4 leaves room for crop marks inside every
/// printer's margin on Letter, the shorter of the two.
pub const SLIP_WIDTH_MM: f64 = 90.0;
pub const SLIP_HEIGHT_MM: f64 = 60.0;
/// White space inside a slip's cut lines, so a cut a little off never touches the words.
pub const SLIP_PADDING_MM: f64 = 5.0;
/// The PIN's font when it fits (about 25 pt): read at arm's length, copied without mistakes.
pub const PIN_FONT_MM: f64 = 9.0;
/// Fonts whose digits are all one width (0.6 em in each), so a PIN's digits line up.
pub const PIN_FONT_FAMILY: &str =
    "'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', Menlo, Consolas, monospace";
/// A digit's advance in the fonts above, with a little room for the widest of them.
const MONO_ADVANCE_EM: f64 = 0.62;

const NAME_FONT_MM: f64 = 4.2;
const UPN_FONT_MM: f64 = 3.0;
const LABEL_FONT_MM: f64 = 2.8;
const INSTRUCTIONS_FONT_MM: f64 = 2.6;
const CAPTION_FONT_MM: f64 = 2.5;
/// Between the sheet's caption and the crop marks under it.
const CAPTION_GAP_MM: f64 = 1.0;

/// One person's temporary PIN, ready for a slip. The PIN is left out of `Debug`, so a log line or a
/// panic message never carries it.
#[derive(Clone, PartialEq, Eq)]
pub struct PinSlip {
    pub name: String,
    pub upn: String,
    pub pin: String,
}

impl fmt::Debug for PinSlip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PinSlip")
            .field("name", &self.name)
            .field("upn", &self.upn)
            .field("pin", &"…")
            .finish()
    }
}

/// Everyone of a team run who got a temporary PIN (a new method: Entra generated it), in the run's
/// order. People whose code was added to an existing method keep their PIN and get no slip.
pub fn slips_of(entries: &[RunEntry]) -> Vec<PinSlip> {
    entries
        .iter()
        .filter_map(|entry| match &entry.last_outcome {
            Some(ItemOutcome::Created { pin: Some(pin), .. }) if !pin.trim().is_empty() => {
                Some(PinSlip {
                    name: entry.planned.member.display_name.clone(),
                    upn: entry.planned.member.upn.clone(),
                    pin: pin.trim().to_string(),
                })
            }
            _ => None,
        })
        .collect()
}

/// The words on one slip, in the printing person's language.
#[derive(Clone, PartialEq, Eq)]
pub struct SlipText {
    pub name: String,
    pub upn: String,
    /// "Your temporary PIN".
    pub pin_label: String,
    pub pin: String,
    /// How to change it: at the first sign-in, or in the portal.
    pub instructions: String,
    /// Where to change it: the portal's PIN page.
    pub url: String,
}

impl fmt::Debug for SlipText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SlipText")
            .field("name", &self.name)
            .field("upn", &self.upn)
            .field("pin", &"…")
            .finish_non_exhaustive()
    }
}

/// The portal's PIN page at `origin` (`https://badges.contoso.com`): the employee's `/pin` route
/// (`src/routes.rs`), where a temporary PIN is changed.
pub fn pin_page_url(origin: &str) -> String {
    format!("{}/pin", origin.trim_end_matches('/'))
}

/// Sheets needed for `count` slips (none for none).
pub fn pages_for(count: usize) -> usize {
    count.div_ceil(SLIPS_PER_PAGE)
}

/// Where everything goes on a sheet of slips of one paper size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlipSheet {
    pub paper: PaperSize,
}

impl SlipSheet {
    pub fn new(paper: PaperSize) -> Self {
        Self { paper }
    }

    /// The 2 × 4 block of slips, centred on the page.
    pub fn block(&self) -> Rect {
        let width = SLIP_COLUMNS as f64 * SLIP_WIDTH_MM;
        let height = SLIP_ROWS as f64 * SLIP_HEIGHT_MM;
        Rect::new(
            (self.paper.width_mm() - width) / 2.0,
            (self.paper.height_mm() - height) / 2.0,
            width,
            height,
        )
    }

    /// Every slip on the sheet, row-major, edge to edge (one cut separates two slips).
    pub fn slot_rects(&self) -> Vec<Rect> {
        let block = self.block();
        (0..SLIP_ROWS)
            .flat_map(|row| (0..SLIP_COLUMNS).map(move |column| (row, column)))
            .map(|(row, column)| {
                Rect::new(
                    block.x + column as f64 * SLIP_WIDTH_MM,
                    block.y + row as f64 * SLIP_HEIGHT_MM,
                    SLIP_WIDTH_MM,
                    SLIP_HEIGHT_MM,
                )
            })
            .collect()
    }

    /// Positions of the vertical cuts (x) and the horizontal cuts (y), outer edges included.
    fn cuts(&self) -> (Vec<f64>, Vec<f64>) {
        let block = self.block();
        let xs = (0..=SLIP_COLUMNS)
            .map(|column| block.x + column as f64 * SLIP_WIDTH_MM)
            .collect();
        let ys = (0..=SLIP_ROWS)
            .map(|row| block.y + row as f64 * SLIP_HEIGHT_MM)
            .collect();
        (xs, ys)
    }

    /// Crop marks in the margin continuing every cut, for a guillotine: the same offset and length as
    /// the badge grids' (`qrpin::badge`), never on a slip.
    pub fn crop_marks(&self) -> Vec<CropMark> {
        let block = self.block();
        let (xs, ys) = self.cuts();
        let (near, far) = (
            CROP_MARK_OFFSET_MM,
            CROP_MARK_OFFSET_MM + CROP_MARK_LENGTH_MM,
        );
        let vertical = xs.into_iter().flat_map(|x| {
            [
                segment((x, block.y - far), (x, block.y - near)),
                segment((x, block.bottom() + near), (x, block.bottom() + far)),
            ]
        });
        let horizontal = ys.into_iter().flat_map(|y| {
            [
                segment((block.x - far, y), (block.x - near, y)),
                segment((block.right() + near, y), (block.right() + far, y)),
            ]
        });
        vertical.chain(horizontal).collect()
    }

    /// Dashed lines along every cut across the block, for scissors or for folding and tearing.
    pub fn cut_lines(&self) -> Vec<CropMark> {
        let block = self.block();
        let (xs, ys) = self.cuts();
        let vertical = xs
            .into_iter()
            .map(|x| segment((x, block.y), (x, block.bottom())));
        let horizontal = ys
            .into_iter()
            .map(|y| segment((block.x, y), (block.right(), y)));
        vertical.chain(horizontal).collect()
    }

    /// One line of words above the crop marks (how to cut, whom a slip is for).
    pub fn caption(&self, text: &str) -> TextBlock {
        let block = self.block();
        let height = CAPTION_FONT_MM * LINE_HEIGHT;
        let area = Rect::new(
            block.x,
            block.y - CROP_MARK_OFFSET_MM - CROP_MARK_LENGTH_MM - CAPTION_GAP_MM - height,
            block.width,
            height,
        );
        fitted("slips-caption", text, area, 1, CAPTION_FONT_MM, false)
    }
}

fn segment(from: (f64, f64), to: (f64, f64)) -> CropMark {
    CropMark {
        from: Point {
            x: from.0,
            y: from.1,
        },
        to: Point { x: to.0, y: to.1 },
    }
}

/// The PIN on a slip: one line in [`PIN_FONT_FAMILY`], never broken or squeezed.
#[derive(Clone, PartialEq)]
pub struct PinLine {
    pub text: String,
    pub x: f64,
    pub baseline: f64,
    pub font_mm: f64,
}

impl PinLine {
    /// How wide the PIN prints, at most.
    pub fn width(&self) -> f64 {
        self.text.chars().count() as f64 * MONO_ADVANCE_EM * self.font_mm
    }
}

impl fmt::Debug for PinLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PinLine")
            .field("x", &self.x)
            .field("baseline", &self.baseline)
            .field("font_mm", &self.font_mm)
            .finish_non_exhaustive()
    }
}

/// One slip, ready to draw, in page coordinates: the words above and below the PIN, and the PIN.
#[derive(Clone, Debug, PartialEq)]
pub struct SlipDrawing {
    /// Name, UPN and the PIN's label, top to bottom.
    pub above: Vec<TextBlock>,
    pub pin: PinLine,
    /// How and where to change the PIN.
    pub below: Vec<TextBlock>,
}

/// Lays out one slip in `slip`: the blocks are fitted to the slip's width inside its padding
/// (shrinking, then breaking a long word, like a badge's text) and stacked, the stack centred
/// between the slip's top and bottom; the PIN is as large as fits, up to [`PIN_FONT_MM`].
pub fn draw_slip(slip: Rect, text: &SlipText) -> SlipDrawing {
    let inner = slip.inset(SLIP_PADDING_MM);
    let mut top = inner.y;
    let mut stack = |class, words: &str, font: f64, lines: u8, bold: bool, gap_after: f64| {
        let area = Rect::new(
            inner.x,
            top,
            inner.width,
            font * LINE_HEIGHT * f64::from(lines),
        );
        let block = fitted(class, words, area, lines, font, bold);
        top += block.height() + gap_after;
        block
    };
    let name = stack("slip-name", &text.name, NAME_FONT_MM, 2, true, 0.8);
    let upn = stack("slip-upn", &text.upn, UPN_FONT_MM, 2, false, 2.5);
    let label = stack("slip-label", &text.pin_label, LABEL_FONT_MM, 1, false, 0.5);
    let digits = text.pin.chars().count().max(1) as f64;
    let pin_font = PIN_FONT_MM.min(inner.width / (digits * MONO_ADVANCE_EM));
    let pin = PinLine {
        text: text.pin.clone(),
        x: inner.x,
        baseline: top + pin_font * BASELINE,
        font_mm: pin_font,
    };
    top += pin_font * LINE_HEIGHT + 1.5;
    let mut stack = |class, words: &str, lines: u8, gap_after: f64| {
        let font = INSTRUCTIONS_FONT_MM;
        let area = Rect::new(
            inner.x,
            top,
            inner.width,
            font * LINE_HEIGHT * f64::from(lines),
        );
        let block = fitted(class, words, area, lines, font, false);
        top += block.height() + gap_after;
        block
    };
    let instructions = stack("slip-instructions", &text.instructions, 3, 0.3);
    let url = stack("slip-url", &text.url, 1, 0.0);
    let mut drawing = SlipDrawing {
        above: vec![name, upn, label],
        pin,
        below: vec![instructions, url],
    };
    // The stack sits in the middle of the slip, so a cut a little off on either side takes nothing.
    let spare = ((inner.bottom() - top) / 2.0).max(0.0);
    for block in drawing.above.iter_mut().chain(drawing.below.iter_mut()) {
        block
            .lines
            .iter_mut()
            .for_each(|line| line.baseline += spare);
    }
    drawing.pin.baseline += spare;
    drawing
}

/// `text` fitted into `area` (see `text::fit`), its lines placed from the area's top.
fn fitted(
    class: &'static str,
    text: &str,
    area: Rect,
    max_lines: u8,
    font: f64,
    bold: bool,
) -> TextBlock {
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
    TextBlock {
        class,
        font_mm: fitted.font_mm,
        bold,
        lines,
    }
}

#[cfg(test)]
#[path = "slips_tests.rs"]
mod tests;

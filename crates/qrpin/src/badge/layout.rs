//! Where the QR code and the text go inside one badge.
//!
//! The QR code is what makes the badge work, so it is placed first: a white square of at least 2 in (Microsoft's
//! minimum print size for QR code badges) holding the symbol and its 4-module quiet zone. The text shares what is
//! left. The PIN has no area on purpose: Microsoft's guidance is "Don't print the PIN on the badge".

use crate::qr::QUIET_ZONE;

use super::geometry::Rect;
use super::inches;

/// Smallest side of the white QR square: 2 in, "A printer to print 2" x 2" QR codes" (Entra's QR code sign-in how-to).
///
/// It is the printed square *including* the quiet zone, like the image Microsoft's download button produces (its
/// "smallest optimal print size"). The symbol itself is `side × size / (size + 8)`; see [`symbol_side_mm`].
pub const QR_MIN_SIDE_MM: f64 = inches(2.0);

/// The QR square a layout aims for when the label has room: 2 in plus 1 %. A square drawn at exactly 2 in comes out
/// below 2 in about half the time, because printers scale by a fraction of a percent and rasterising at 300 or
/// 600 dpi moves every module edge to a dot; 1 % (0.5 mm) keeps the printed square at or above the minimum.
pub const QR_TARGET_SIDE_MM: f64 = QR_MIN_SIDE_MM * 1.01;

/// Blank border kept inside every label: glabels' markup margin for Avery 5395 (1/16 in). It absorbs printer
/// misregistration and keeps content off rounded corners of radius up to `SAFE_MARGIN_MM / (1 - 1/√2)` ≈ 5.4 mm.
pub const SAFE_MARGIN_MM: f64 = inches(1.0 / 16.0);

/// Narrowest text column (or band) a badge may have; below this a name no longer reads at arm's length.
pub const MIN_TEXT_COLUMN_MM: f64 = 28.0;

/// Share of the badge's long side the text would like to have. The QR grows past 2 in only while the text keeps
/// this share, because a bigger code scans more easily but a name that does not fit helps nobody.
pub const TEXT_SHARE: f64 = 0.35;

/// Line height as a multiple of the font size, for the suggested font sizes.
const LINE_HEIGHT: f64 = 1.2;

/// Which way the badge is laid out, from its aspect ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Orientation {
    /// Wider than tall: QR on the left, text in a column on the right.
    Landscape,
    /// Taller than wide: QR at the top, text in a band below.
    Portrait,
}

/// One block of text on the badge: where it goes, how many lines it may wrap to, and a suggested font size that fits
/// those lines in the height (CSS `font-size: {font_size_mm}mm`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextArea {
    pub rect: Rect,
    pub max_lines: u8,
    pub font_size_mm: f64,
}

/// Positions inside one badge, in the coordinate system of the label passed to [`badge_layout`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BadgeLayout {
    pub orientation: Orientation,
    /// The white square: the QR symbol plus its 4-module quiet zone, at least [`QR_MIN_SIDE_MM`] on a side.
    pub qr: Rect,
    /// Organisation name, at the top of the text.
    pub organisation: TextArea,
    /// The person's display name: the largest text.
    pub name: TextArea,
    /// The user principal name (what the QR code carries, shown so people know what they are wearing).
    pub upn: TextArea,
    /// "Valid from … until …".
    pub validity: TextArea,
    /// How to sign in, at the bottom.
    pub instructions: TextArea,
}

impl BadgeLayout {
    /// Size of one QR module for a symbol of `matrix_size` modules drawn in this layout's square.
    pub fn module_size_mm(&self, matrix_size: usize) -> f64 {
        module_size_mm(self.qr.width, matrix_size)
    }

    /// All five text areas, top to bottom.
    pub fn text_areas(&self) -> [TextArea; 5] {
        [
            self.organisation,
            self.name,
            self.upn,
            self.validity,
            self.instructions,
        ]
    }
}

/// Why a label cannot hold a badge.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum LayoutError {
    #[error(
        "a {width_mm:.1} × {height_mm:.1} mm label cannot hold a 2 in (50.8 mm) QR code with its margins and a \
         {MIN_TEXT_COLUMN_MM} mm text column; the largest QR that fits is {largest_qr_mm:.1} mm"
    )]
    LabelTooSmall {
        width_mm: f64,
        height_mm: f64,
        largest_qr_mm: f64,
    },
}

/// Text blocks top to bottom: (share of the text height, lines, largest useful font size in mm).
/// The name gets the most room because it is what people read on a badge.
const TEXT_BLOCKS: [(f64, u8, f64); 5] = [
    (0.14, 1, 3.5), // organisation
    (0.30, 2, 6.0), // name
    (0.18, 2, 3.0), // UPN: long, so small and allowed to wrap
    (0.12, 1, 3.0), // validity
    (0.26, 3, 2.6), // instructions
];

/// Lays out one badge inside `label`.
///
/// The QR side is "what fits": the label's short side minus the safe margins, further limited so the text keeps
/// [`TEXT_SHARE`] of the long side (preferred) and never less than [`MIN_TEXT_COLUMN_MM`] (required). When the text's
/// preferred share would leave less than [`QR_TARGET_SIDE_MM`], the QR takes that (or as much of it as fits) from
/// the text. A label that cannot give the QR 50.8 mm under those rules is an error, never a smaller QR.
pub fn badge_layout(label: Rect) -> Result<BadgeLayout, LayoutError> {
    let orientation = if label.width >= label.height {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    };
    // Work along the long side (QR, gap, text) and the short side (QR only); map back at the end.
    let (long, short) = match orientation {
        Orientation::Landscape => (label.width, label.height),
        Orientation::Portrait => (label.height, label.width),
    };
    let largest_qr =
        (short - 2.0 * SAFE_MARGIN_MM).min(long - 3.0 * SAFE_MARGIN_MM - MIN_TEXT_COLUMN_MM);
    // A NaN or infinite size (from a bad preset) must be refused too, so test for "fits", not for "too small".
    let finite = [label.x, label.y, label.width, label.height]
        .iter()
        .all(|value| value.is_finite());
    let fits = finite && largest_qr >= QR_MIN_SIDE_MM - super::EPSILON_MM;
    if !fits {
        return Err(LayoutError::LabelTooSmall {
            width_mm: label.width,
            height_mm: label.height,
            largest_qr_mm: largest_qr.max(0.0),
        });
    }
    let preferred_qr = long - 3.0 * SAFE_MARGIN_MM - TEXT_SHARE * long;
    let qr_side = preferred_qr
        .min(largest_qr)
        .max(QR_TARGET_SIDE_MM.min(largest_qr))
        .max(QR_MIN_SIDE_MM);

    let qr_along = SAFE_MARGIN_MM;
    let qr_across = (short - qr_side) / 2.0;
    let text_along = qr_along + qr_side + SAFE_MARGIN_MM;
    let text_length = long - SAFE_MARGIN_MM - text_along;
    let text_breadth = short - 2.0 * SAFE_MARGIN_MM;

    // Builds a rectangle from (along, across) offsets and sizes relative to the label.
    let place = |along: f64, across: f64, along_size: f64, across_size: f64| match orientation {
        Orientation::Landscape => {
            Rect::new(label.x + along, label.y + across, along_size, across_size)
        }
        Orientation::Portrait => {
            Rect::new(label.x + across, label.y + along, across_size, along_size)
        }
    };
    let qr = place(qr_along, qr_across, qr_side, qr_side);

    // The text blocks stack top to bottom: down the column (landscape) or down the band (portrait).
    let text = place(text_along, SAFE_MARGIN_MM, text_length, text_breadth);
    let mut top = text.y;
    let areas = TEXT_BLOCKS.map(|(share, max_lines, largest_font)| {
        let height = text.height * share;
        let rect = Rect::new(text.x, top, text.width, height);
        top += height;
        TextArea {
            rect,
            max_lines,
            font_size_mm: (height / (f64::from(max_lines) * LINE_HEIGHT)).min(largest_font),
        }
    });
    let [organisation, name, upn, validity, instructions] = areas;
    Ok(BadgeLayout {
        orientation,
        qr,
        organisation,
        name,
        upn,
        validity,
        instructions,
    })
}

/// Side of one module when a symbol of `matrix_size` modules (without quiet zone) plus its 4-module quiet zone on
/// each side fills a square of `qr_side_mm`.
pub fn module_size_mm(qr_side_mm: f64, matrix_size: usize) -> f64 {
    qr_side_mm / modules_across(matrix_size)
}

/// Side of the symbol itself (dark modules' extent, quiet zone excluded) inside a white square of `qr_side_mm`.
pub fn symbol_side_mm(qr_side_mm: f64, matrix_size: usize) -> f64 {
    module_size_mm(qr_side_mm, matrix_size) * matrix_size as f64
}

fn modules_across(matrix_size: usize) -> f64 {
    matrix_size.saturating_add(2 * QUIET_ZONE) as f64
}

//! Badge sheet geometry as data, in millimetres: paper sizes, label presets, where each badge goes on which page, and
//! where the QR code and the text go inside one badge.
//!
//! Everything here is plain numbers so the portal can draw a print preview with CSS physical units (`mm`) and tests
//! can prove the rules natively. Coordinates are page coordinates: origin at the top-left corner of the sheet, `x` to
//! the right, `y` down, as in CSS and in glabels templates.
//!
//! The one hard rule (from Entra's QR code sign-in how-to): Microsoft's minimum print size for the QR code is 2 in × 2 in, so the
//! white QR square (which holds the 4-module quiet zone) is never smaller than [`QR_MIN_SIDE_MM`]. A label that cannot
//! hold that square inside its safe margin is refused with a typed error, and a test proves every shipped preset
//! holds it.

mod geometry;
mod layout;
mod preset;

pub use geometry::{CropMark, PaperSize, Point, Rect};
pub use layout::{
    badge_layout, module_size_mm, symbol_side_mm, BadgeLayout, LayoutError, Orientation, TextArea,
    MIN_TEXT_COLUMN_MM, QR_MIN_SIDE_MM, QR_TARGET_SIDE_MM, SAFE_MARGIN_MM, TEXT_SHARE,
};
pub use preset::{
    LabelPreset, Placement, PresetProblem, CROP_MARK_LENGTH_MM, CROP_MARK_OFFSET_MM,
    PRINTER_MARGIN_MM,
};

/// Millimetres in one inch (exact, by definition).
pub const MM_PER_INCH: f64 = 25.4;

/// Converts inches (as label vendors publish them) to millimetres.
pub const fn inches(value: f64) -> f64 {
    value * MM_PER_INCH
}

/// Tolerance for comparing lengths computed from inch fractions (1 nm is far below any printer's resolution).
pub(crate) const EPSILON_MM: f64 = 1e-6;

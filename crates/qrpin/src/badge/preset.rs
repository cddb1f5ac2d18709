//! Label presets: which sheet, how many badges, and where each one sits.

use super::geometry::{CropMark, PaperSize, Point, Rect};
use super::layout::{badge_layout, LayoutError, SAFE_MARGIN_MM};
use super::{inches, EPSILON_MM};

/// Gap between a label's cut line and the start of its crop mark, so the mark is not left on the badge after a
/// slightly inaccurate cut.
pub const CROP_MARK_OFFSET_MM: f64 = 2.0;
/// Length of each crop mark: long enough to lay a ruler against.
pub const CROP_MARK_LENGTH_MM: f64 = 5.0;
/// Most office printers cannot print the outer 1/6 in (≈ 4.2 mm) of a sheet; crop marks must stay inside it.
pub const PRINTER_MARGIN_MM: f64 = inches(1.0 / 6.0);

/// A sheet of identical badges in a grid, the way glabels templates describe label sheets: first label at
/// (`margin_left_mm`, `margin_top_mm`), the next one `pitch_x_mm` to the right or `pitch_y_mm` down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelPreset {
    /// Stable identifier for settings and URLs, e.g. `"avery-5395"`.
    pub key: &'static str,
    /// What the print dialog shows.
    pub name: &'static str,
    pub paper: PaperSize,
    pub columns: usize,
    pub rows: usize,
    pub label_width_mm: f64,
    pub label_height_mm: f64,
    pub margin_left_mm: f64,
    pub margin_top_mm: f64,
    pub pitch_x_mm: f64,
    pub pitch_y_mm: f64,
    /// Radius of the die-cut corners (0 for badges cut by hand along crop marks).
    pub corner_radius_mm: f64,
    /// Whether to print cut marks in the page margin (plain paper or card stock, not die-cut label sheets).
    pub crop_marks: bool,
}

/// Where one badge of a print run goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// 0-based sheet number.
    pub page: usize,
    /// 0-based position on the sheet, row-major (left to right, then top to bottom).
    pub slot: usize,
    /// The label, in page coordinates.
    pub rect: Rect,
}

/// Why a preset cannot be printed as described.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum PresetProblem {
    #[error("the sheet has no labels (columns and rows must be at least 1)")]
    EmptyGrid,
    #[error("label sizes, margins and pitches must be finite, sizes and pitches positive")]
    InvalidDimension,
    #[error("label {index} extends past the edge of the paper")]
    LabelOffPage { index: usize },
    #[error("labels {first} and {second} overlap")]
    LabelsOverlap { first: usize, second: usize },
    #[error("corner radius {radius_mm:.2} mm would cut into the badge's content (at most {max_mm:.2} mm)")]
    CornerTooRound { radius_mm: f64, max_mm: f64 },
    #[error(transparent)]
    Layout(#[from] LayoutError),
    #[error("a crop mark falls outside the printable area of the sheet")]
    CropMarkNotPrintable,
    #[error("a crop mark would be printed on a badge")]
    CropMarkOnLabel,
}

impl LabelPreset {
    /// One 4 in × 3 in badge (landscape), centred on the sheet with crop marks. 4 × 3 in is the common insert size of
    /// clip-on and lanyard badge holders, and it leaves the QR well above 2 in next to a readable name.
    pub fn single(paper: PaperSize) -> Self {
        let (key, name) = match paper {
            PaperSize::A4 => ("single-a4", "One 4 × 3 in badge on A4"),
            PaperSize::Letter => ("single-letter", "One 4 × 3 in badge on US Letter"),
        };
        Self::centred_grid(key, name, paper, (1, 1), (inches(4.0), inches(3.0)), 0.0)
    }

    /// Avery 5395 name badge labels (also 5095, 5895, 8395, 15395): 8 per US Letter sheet, 2 × 4, each 3⅜ in wide ×
    /// 2⅓ in tall with 3/16 in corners. Numbers from glabels-qt `templates/avery-us-templates.xml` (commit 21c6b82b),
    /// the most complete public table of label sheet geometry:
    /// `width=3.375in height=2.333333333in round=0.1875in`, `nx=2 ny=4 x0=0.6875in y0=0.583333333in dx=3.75in dy=2.5in`.
    pub fn avery_5395() -> Self {
        Self {
            key: "avery-5395",
            name: "Avery 5395 name badges (8 per US Letter sheet)",
            paper: PaperSize::Letter,
            columns: 2,
            rows: 4,
            label_width_mm: inches(3.375),
            label_height_mm: inches(7.0 / 3.0),
            margin_left_mm: inches(0.6875),
            margin_top_mm: inches(7.0 / 12.0),
            pitch_x_mm: inches(3.75),
            pitch_y_mm: inches(2.5),
            corner_radius_mm: inches(0.1875),
            crop_marks: false,
        }
    }

    /// Plain A4 paper or card: 2 × 4 cards of 85 × 55 mm (business-card size) with 5 mm gaps, centred, crop marks.
    pub fn grid_a4() -> Self {
        Self::centred_grid(
            "grid-a4",
            "8 cards of 85 × 55 mm on A4, with crop marks",
            PaperSize::A4,
            (2, 4),
            (85.0, 55.0),
            GRID_GAP_MM,
        )
    }

    /// Plain US Letter paper or card: the same 2 × 4 grid of 85 × 55 mm cards, centred, crop marks.
    pub fn grid_letter() -> Self {
        Self::centred_grid(
            "grid-letter",
            "8 cards of 85 × 55 mm on US Letter, with crop marks",
            PaperSize::Letter,
            (2, 4),
            (85.0, 55.0),
            GRID_GAP_MM,
        )
    }

    /// Every preset the portal offers, in the order a picker should list them.
    pub fn all() -> [LabelPreset; 5] {
        [
            Self::single(PaperSize::A4),
            Self::single(PaperSize::Letter),
            Self::avery_5395(),
            Self::grid_a4(),
            Self::grid_letter(),
        ]
    }

    /// The shipped preset with this `key`, if any.
    pub fn by_key(key: &str) -> Option<LabelPreset> {
        Self::all().into_iter().find(|preset| preset.key == key)
    }

    /// A grid of square-cornered cards centred on the sheet, with crop marks for cutting by hand.
    fn centred_grid(
        key: &'static str,
        name: &'static str,
        paper: PaperSize,
        (columns, rows): (usize, usize),
        (width, height): (f64, f64),
        gap: f64,
    ) -> Self {
        let grid_width = columns as f64 * width + columns.saturating_sub(1) as f64 * gap;
        let grid_height = rows as f64 * height + rows.saturating_sub(1) as f64 * gap;
        Self {
            key,
            name,
            paper,
            columns,
            rows,
            label_width_mm: width,
            label_height_mm: height,
            margin_left_mm: (paper.width_mm() - grid_width) / 2.0,
            margin_top_mm: (paper.height_mm() - grid_height) / 2.0,
            pitch_x_mm: width + gap,
            pitch_y_mm: height + gap,
            corner_radius_mm: 0.0,
            crop_marks: true,
        }
    }

    /// Labels per sheet.
    pub fn per_page(&self) -> usize {
        self.columns.saturating_mul(self.rows)
    }

    /// Sheets needed for `count` badges (0 for 0).
    pub fn pages_for(&self, count: usize) -> usize {
        self.pages_for_starting_at(count, 0)
    }

    /// Sheets needed for `count` badges when the first `first_slot` labels of the first sheet are already used.
    pub fn pages_for_starting_at(&self, count: usize, first_slot: usize) -> usize {
        let per_page = self.per_page();
        if count == 0 || per_page == 0 {
            return 0;
        }
        (self.clamp_slot(first_slot) + count).div_ceil(per_page)
    }

    /// One label at the origin: the coordinate system for [`super::badge_layout`] when drawing a single badge.
    pub fn label_box(&self) -> Rect {
        Rect::new(0.0, 0.0, self.label_width_mm, self.label_height_mm)
    }

    /// Every label on one sheet, in page coordinates, row-major.
    pub fn label_rects(&self) -> Vec<Rect> {
        (0..self.rows)
            .flat_map(|row| (0..self.columns).map(move |column| (row, column)))
            .map(|(row, column)| {
                Rect::new(
                    self.margin_left_mm + column as f64 * self.pitch_x_mm,
                    self.margin_top_mm + row as f64 * self.pitch_y_mm,
                    self.label_width_mm,
                    self.label_height_mm,
                )
            })
            .collect()
    }

    /// Sheet and label for each of `count` badges, in order.
    pub fn place(&self, count: usize) -> Vec<Placement> {
        self.place_starting_at(count, 0)
    }

    /// Like [`LabelPreset::place`], skipping the first `first_slot` labels of the first sheet, so a half-used label
    /// sheet can go back in the printer. `first_slot` past the sheet's last label means the last label.
    pub fn place_starting_at(&self, count: usize, first_slot: usize) -> Vec<Placement> {
        let rects = self.label_rects();
        if rects.is_empty() {
            return Vec::new();
        }
        let first = self.clamp_slot(first_slot);
        (first..first + count)
            .filter_map(|position| {
                let slot = position % rects.len();
                rects.get(slot).map(|rect| Placement {
                    page: position / rects.len(),
                    slot,
                    rect: *rect,
                })
            })
            .collect()
    }

    fn clamp_slot(&self, slot: usize) -> usize {
        slot.min(self.per_page().saturating_sub(1))
    }

    /// Where to print cut marks: short lines in the page margin continuing every cut line of the grid (both edges
    /// of each column and row), never between labels where they would end up on a neighbouring badge. Empty when
    /// the preset has no crop marks.
    pub fn crop_marks(&self) -> Vec<CropMark> {
        if !self.crop_marks || self.per_page() == 0 {
            return Vec::new();
        }
        let columns = cut_lines(
            self.margin_left_mm,
            self.pitch_x_mm,
            self.label_width_mm,
            self.columns,
        );
        let rows = cut_lines(
            self.margin_top_mm,
            self.pitch_y_mm,
            self.label_height_mm,
            self.rows,
        );
        let (Some(&left), Some(&right), Some(&top), Some(&bottom)) =
            (columns.first(), columns.last(), rows.first(), rows.last())
        else {
            return Vec::new();
        };
        let near = CROP_MARK_OFFSET_MM;
        let far = CROP_MARK_OFFSET_MM + CROP_MARK_LENGTH_MM;
        let vertical = columns.iter().flat_map(|&x| {
            [
                segment((x, top - far), (x, top - near)),
                segment((x, bottom + near), (x, bottom + far)),
            ]
        });
        let horizontal = rows.iter().flat_map(|&y| {
            [
                segment((left - far, y), (left - near, y)),
                segment((right + near, y), (right + far, y)),
            ]
        });
        vertical.chain(horizontal).collect()
    }

    /// Proves the preset prints as described: labels on the paper and apart, corners that leave the content alone,
    /// a badge layout with a QR of at least 2 in, and crop marks that are printable and off the badges.
    pub fn check(&self) -> Result<(), PresetProblem> {
        if self.per_page() == 0 {
            return Err(PresetProblem::EmptyGrid);
        }
        let lengths = [
            self.label_width_mm,
            self.label_height_mm,
            self.pitch_x_mm,
            self.pitch_y_mm,
        ];
        let finite = [
            self.margin_left_mm,
            self.margin_top_mm,
            self.corner_radius_mm,
        ];
        if !lengths
            .iter()
            .all(|value| value.is_finite() && *value > 0.0)
            || !finite.iter().all(|value| value.is_finite())
            || self.corner_radius_mm < 0.0
        {
            return Err(PresetProblem::InvalidDimension);
        }
        let page = self.paper.page();
        let rects = self.label_rects();
        if let Some(index) = rects.iter().position(|rect| !page.contains(rect)) {
            return Err(PresetProblem::LabelOffPage { index });
        }
        for (first, a) in rects.iter().enumerate() {
            if let Some(offset) = rects.iter().skip(first + 1).position(|b| a.overlaps(b)) {
                return Err(PresetProblem::LabelsOverlap {
                    first,
                    second: first + 1 + offset,
                });
            }
        }
        // The safe area's corner must stay inside the rounded corner: (r - m)·√2 <= r, i.e. r <= m / (1 - 1/√2).
        let max_radius = SAFE_MARGIN_MM / (1.0 - std::f64::consts::FRAC_1_SQRT_2);
        if self.corner_radius_mm > max_radius + EPSILON_MM {
            return Err(PresetProblem::CornerTooRound {
                radius_mm: self.corner_radius_mm,
                max_mm: max_radius,
            });
        }
        badge_layout(self.label_box())?;
        let printable = page.inset(PRINTER_MARGIN_MM);
        for mark in self.crop_marks() {
            if !printable.contains_point(mark.from) || !printable.contains_point(mark.to) {
                return Err(PresetProblem::CropMarkNotPrintable);
            }
            if rects
                .iter()
                .any(|rect| rect.crosses_axis_segment(mark.from, mark.to))
            {
                return Err(PresetProblem::CropMarkOnLabel);
            }
        }
        Ok(())
    }
}

/// Space between cards on the plain-paper grids: one scissor cut on each side without touching the neighbour.
const GRID_GAP_MM: f64 = 5.0;

/// Positions of the cut lines along one axis: both edges of every label, with butted edges counted once.
fn cut_lines(margin: f64, pitch: f64, size: f64, count: usize) -> Vec<f64> {
    let mut lines: Vec<f64> = Vec::with_capacity(count * 2);
    for index in 0..count {
        let start = margin + index as f64 * pitch;
        for edge in [start, start + size] {
            if !lines.iter().any(|line| (line - edge).abs() < EPSILON_MM) {
                lines.push(edge);
            }
        }
    }
    lines.sort_by(f64::total_cmp);
    lines
}

fn segment((x1, y1): (f64, f64), (x2, y2): (f64, f64)) -> CropMark {
    CropMark {
        from: Point { x: x1, y: y1 },
        to: Point { x: x2, y: y2 },
    }
}

//! Paper, rectangles and crop-mark segments in millimetres.

use super::EPSILON_MM;

/// The sheets the portal prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaperSize {
    /// ISO 216 A4, 210 mm × 297 mm.
    A4,
    /// US Letter, 8½ in × 11 in = 215.9 mm × 279.4 mm.
    Letter,
}

impl PaperSize {
    /// Both sizes, for pickers and exhaustive tests.
    pub const ALL: [PaperSize; 2] = [PaperSize::A4, PaperSize::Letter];

    /// Width of the sheet in portrait orientation.
    pub const fn width_mm(self) -> f64 {
        match self {
            PaperSize::A4 => 210.0,
            PaperSize::Letter => 215.9,
        }
    }

    /// Height of the sheet in portrait orientation.
    pub const fn height_mm(self) -> f64 {
        match self {
            PaperSize::A4 => 297.0,
            PaperSize::Letter => 279.4,
        }
    }

    /// The whole sheet as a rectangle at the origin.
    pub const fn page(self) -> Rect {
        Rect::new(0.0, 0.0, self.width_mm(), self.height_mm())
    }

    /// The keyword CSS `@page { size: … }` understands, so the browser's print dialog starts on the right paper.
    pub const fn css_size(self) -> &'static str {
        match self {
            PaperSize::A4 => "A4",
            PaperSize::Letter => "letter",
        }
    }
}

/// A point on the page, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// An axis-aligned rectangle in millimetres: top-left corner plus size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub const fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }

    /// The same size with its top-left corner at the origin: a badge's own coordinate system.
    pub const fn at_origin(self) -> Self {
        Self::new(0.0, 0.0, self.width, self.height)
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn center(&self) -> Point {
        Point {
            x: self.x + self.width / 2.0,
            y: self.y + self.height / 2.0,
        }
    }

    /// The rectangle shrunk by `margin` on every side (never to a negative size).
    pub fn inset(&self, margin: f64) -> Self {
        Self::new(
            self.x + margin,
            self.y + margin,
            (self.width - 2.0 * margin).max(0.0),
            (self.height - 2.0 * margin).max(0.0),
        )
    }

    /// Whether `other` lies entirely inside this rectangle (edges may touch).
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x - EPSILON_MM
            && other.y >= self.y - EPSILON_MM
            && other.right() <= self.right() + EPSILON_MM
            && other.bottom() <= self.bottom() + EPSILON_MM
    }

    /// Whether `point` lies inside or on the edge of this rectangle.
    pub fn contains_point(&self, point: Point) -> bool {
        point.x >= self.x - EPSILON_MM
            && point.y >= self.y - EPSILON_MM
            && point.x <= self.right() + EPSILON_MM
            && point.y <= self.bottom() + EPSILON_MM
    }

    /// Whether the two interiors overlap. Rectangles that only share an edge do not: butted labels are fine.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() - EPSILON_MM
            && other.x < self.right() - EPSILON_MM
            && self.y < other.bottom() - EPSILON_MM
            && other.y < self.bottom() - EPSILON_MM
    }

    /// Whether the segment `from`–`to` (horizontal or vertical) enters the interior of this rectangle.
    pub(crate) fn crosses_axis_segment(&self, from: Point, to: Point) -> bool {
        let segment = Rect::new(
            from.x.min(to.x),
            from.y.min(to.y),
            (from.x - to.x).abs(),
            (from.y - to.y).abs(),
        );
        // A segment has no area, so test against the open interior: strictly between the edges on both axes.
        segment.x < self.right() - EPSILON_MM
            && segment.right() > self.x + EPSILON_MM
            && segment.y < self.bottom() - EPSILON_MM
            && segment.bottom() > self.y + EPSILON_MM
    }
}

/// One short line printed outside the labels to show where to cut, in page coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CropMark {
    pub from: Point,
    pub to: Point,
}

impl CropMark {
    pub fn length_mm(&self) -> f64 {
        (self.to.x - self.from.x).hypot(self.to.y - self.from.y)
    }
}

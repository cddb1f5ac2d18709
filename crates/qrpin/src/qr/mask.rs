//! Drawing a symbol with the `qrcode` crate, but choosing its mask faster, and always the mask the crate would choose.
//!
//! `qrcode::QrCode::with_bits` masks eight copies of the whole canvas and scores each one module by module
//! (`Canvas::apply_best_mask`); in the browser that was most of the time a version 40 symbol took to draw. Here the
//! crate still does everything else (codewords, error correction, function patterns, data placement, and finally
//! `Canvas::apply_mask` with the chosen mask), but the choice is made on bits: the unmasked canvas is read once into
//! rows of bits, each mask is an XOR of its pattern over the data modules plus its 15 format bits, and the crate's
//! penalty rules are counted with word-wide operations, a whole row at a time (and, for the vertical rules, a whole
//! row of columns at a time).
//!
//! The scores are the crate's own, where it differs from ISO/IEC 18004 as well: a finder-like pattern is
//! `#.###.#` with four light modules on either side (outside the symbol counts as light), 40 points, minus the 360
//! the three finder patterns always score per direction; the balance score is `|dark * 200 / modules - 100|`; sums
//! wrap at 16 bits. Equal scores go to the lowest mask number, as `Iterator::min_by_key` does. `mask_tests.rs` checks
//! each masked canvas and score, and the resulting symbols, against the crate's.

use std::ops::{BitAnd, BitOr, BitXor, Not};

use qrcode::bits::Bits;
use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::types::{Color, QrError, QrResult};
use qrcode::{ec, EcLevel, Version};

/// The masks in the crate's order (`ALL_PATTERNS_QR`); the index is the mask's number in the format information.
pub(super) const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// Every mask repeats after 12 rows (the large checkerboard after 4, those using `x * y % 3` after 6).
const MASK_PERIOD: usize = 12;

/// Where the crate draws the 15 format bits, most significant first, twice (negative = from the far edge).
const FORMAT_MAIN: [(i16, i16); 15] = [
    (0, 8),
    (1, 8),
    (2, 8),
    (3, 8),
    (4, 8),
    (5, 8),
    (7, 8),
    (8, 8),
    (8, 7),
    (8, 5),
    (8, 4),
    (8, 3),
    (8, 2),
    (8, 1),
    (8, 0),
];
const FORMAT_SIDE: [(i16, i16); 15] = [
    (8, -1),
    (8, -2),
    (8, -3),
    (8, -4),
    (8, -5),
    (8, -6),
    (8, -7),
    (-8, 8),
    (-7, 8),
    (-6, 8),
    (-5, 8),
    (-4, 8),
    (-3, 8),
    (-2, 8),
    (-1, 8),
];

/// Words per line: the widest symbol (version 40) is 177 modules.
const WORDS: usize = 3;

/// One row of modules as bits (bit `x` = column `x`, 1 = dark); bits past the symbol's width stay 0, i.e. light,
/// which is what the crate's finder rule assumes outside the symbol. The vertical rules use the same type for
/// "this module of every column".
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(super) struct Line([u64; WORDS]);

impl Line {
    /// The first `len` bits set.
    fn first(len: usize) -> Self {
        let mut line = Self::default();
        for (index, word) in line.0.iter_mut().enumerate() {
            let bits = len.saturating_sub(index * 64).min(64);
            *word = if bits == 64 {
                u64::MAX
            } else {
                (1 << bits) - 1
            };
        }
        line
    }

    fn set(&mut self, x: usize, dark: bool) {
        let bit = 1 << (x % 64);
        if dark {
            self.0[x / 64] |= bit;
        } else {
            self.0[x / 64] &= !bit;
        }
    }

    #[cfg(test)]
    pub(super) fn get(self, x: usize) -> bool {
        self.0[x / 64] >> (x % 64) & 1 == 1
    }

    /// Bit `x` of the result is bit `x + n` of `self` (the module `n` to the right); `n` is 0 to 63.
    fn right(self, n: u32) -> Self {
        let mut out = [0; WORDS];
        for (index, word) in out.iter_mut().enumerate() {
            let next = self.0.get(index + 1).copied().unwrap_or(0);
            *word = self.0[index] >> n | next.checked_shl(64 - n).unwrap_or(0);
        }
        Self(out)
    }

    /// Bit `x` of the result is bit `x - n` of `self` (the module `n` to the left), 0 below `n`; `n` is 0 to 63.
    fn left(self, n: u32) -> Self {
        let mut out = [0; WORDS];
        for (index, word) in out.iter_mut().enumerate() {
            let previous = if index == 0 { 0 } else { self.0[index - 1] };
            *word = self.0[index] << n | previous.checked_shr(64 - n).unwrap_or(0);
        }
        Self(out)
    }

    fn count(self) -> u32 {
        self.0.iter().map(|word| word.count_ones()).sum()
    }
}

impl BitAnd for Line {
    type Output = Self;
    fn bitand(self, other: Self) -> Self {
        Self([
            self.0[0] & other.0[0],
            self.0[1] & other.0[1],
            self.0[2] & other.0[2],
        ])
    }
}

impl BitOr for Line {
    type Output = Self;
    fn bitor(self, other: Self) -> Self {
        Self([
            self.0[0] | other.0[0],
            self.0[1] | other.0[1],
            self.0[2] | other.0[2],
        ])
    }
}

impl BitXor for Line {
    type Output = Self;
    fn bitxor(self, other: Self) -> Self {
        Self([
            self.0[0] ^ other.0[0],
            self.0[1] ^ other.0[1],
            self.0[2] ^ other.0[2],
        ])
    }
}

/// Flips every bit, past the width too: callers AND the result with something that is 0 there.
impl Not for Line {
    type Output = Self;
    fn not(self) -> Self {
        Self([!self.0[0], !self.0[1], !self.0[2]])
    }
}

/// The crate's `QrCode::with_bits(bits, level)?.to_colors()`, module for module, with the mask chosen on bits.
///
/// Micro QR symbols (scored by another rule, and never drawn by qrpin) are [`QrError::InvalidVersion`]: calling the
/// crate for them would link its whole mask scoring into the wasm again.
pub(super) fn symbol_from_bits(bits: Bits, level: EcLevel) -> QrResult<Vec<Color>> {
    let version = bits.version();
    let Version::Normal(_) = version else {
        return Err(QrError::InvalidVersion);
    };
    let (data, error_correction) = ec::construct_codewords(&bits.into_bytes(), version, level)?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &error_correction);
    let mask =
        Unmasked::read(&canvas, usize::from(version.width().unsigned_abs()), level).best_mask();
    canvas.apply_mask(MASKS[mask]);
    Ok(canvas.into_colors())
}

/// A canvas after data placement, before masking, as rows of bits.
pub(super) struct Unmasked {
    width: usize,
    level: EcLevel,
    /// Dark modules before masking (function patterns and data; the format information is still all light).
    dark: Vec<Line>,
    /// The modules a mask flips: data, error correction and remainder bits.
    data: Vec<Line>,
}

impl Unmasked {
    pub(super) fn read(canvas: &Canvas, width: usize, level: EcLevel) -> Self {
        let mut dark = vec![Line::default(); width];
        let mut data = vec![Line::default(); width];
        for y in 0..width {
            for x in 0..width {
                // Coordinates are below 177, so they fit an i16.
                let (is_data, color) = match canvas.get(x as i16, y as i16) {
                    Module::Empty => (true, Color::Light),
                    Module::Unmasked(color) => (true, color),
                    Module::Masked(color) => (false, color),
                };
                data[y].set(x, is_data);
                dark[y].set(x, color == Color::Dark);
            }
        }
        Self {
            width,
            level,
            dark,
            data,
        }
    }

    /// The number (0 to 7) of the mask the crate would choose: the lowest penalty, the lowest number on a tie.
    pub(super) fn best_mask(&self) -> usize {
        let patterns = mask_patterns(self.width);
        let mut rows = vec![Line::default(); self.width];
        let mut best = (u16::MAX, 0);
        for (mask, pattern) in patterns.iter().enumerate() {
            self.apply(mask, pattern, &mut rows);
            let score = penalty(&rows);
            if mask == 0 || score < best.0 {
                best = (score, mask);
            }
        }
        best.1
    }

    /// The rows after mask number `mask`, format information included, as the crate's `Canvas::apply_mask` draws them.
    #[cfg(test)]
    pub(super) fn masked(&self, mask: usize) -> Vec<Line> {
        let mut rows = vec![Line::default(); self.width];
        self.apply(mask, &mask_patterns(self.width)[mask], &mut rows);
        rows
    }

    fn apply(&self, mask: usize, pattern: &[Line; MASK_PERIOD], rows: &mut [Line]) {
        for (y, row) in rows.iter_mut().enumerate() {
            *row = self.dark[y] ^ (pattern[y % MASK_PERIOD] & self.data[y]);
        }
        let format = format_information(self.level, mask);
        let width = self.width as i16;
        let wrap = |at: i16| usize::from((if at < 0 { at + width } else { at }).unsigned_abs());
        for (bit, (&(x1, y1), &(x2, y2))) in FORMAT_MAIN.iter().zip(&FORMAT_SIDE).enumerate() {
            let dark = format >> (14 - bit) & 1 == 1;
            rows[wrap(y1)].set(wrap(x1), dark);
            rows[wrap(y2)].set(wrap(x2), dark);
        }
    }
}

/// For each mask, the modules it flips in rows `y % 12`.
fn mask_patterns(width: usize) -> [[Line; MASK_PERIOD]; 8] {
    let mut patterns = [[Line::default(); MASK_PERIOD]; 8];
    for (mask, rows) in patterns.iter_mut().enumerate() {
        for (y, row) in rows.iter_mut().enumerate() {
            for x in 0..width {
                row.set(x, flips(mask, x, y));
            }
        }
    }
    patterns
}

/// Whether mask number `mask` flips the module at column `x`, row `y`, as the crate's `MaskPattern` documents it.
fn flips(mask: usize, x: usize, y: usize) -> bool {
    match mask {
        0 => (x + y).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (x + y).is_multiple_of(3),
        4 => (y / 2 + x / 3).is_multiple_of(2),
        5 => (x * y) % 2 + (x * y) % 3 == 0,
        6 => ((x * y) % 2 + (x * y) % 3).is_multiple_of(2),
        _ => ((x + y) % 2 + (x * y) % 3).is_multiple_of(2),
    }
}

/// The 15 format bits for `level` and mask number `mask`: BCH(15,5) with generator 0x537, XOR 0x5412
/// (the crate's `FORMAT_INFOS_QR` table).
fn format_information(level: EcLevel, mask: usize) -> u16 {
    // The format's level code: L = 01, M = 00, Q = 11, H = 10, i.e. the crate's enum value XOR 1.
    let data = ((level as u16 ^ 1) << 3) | mask as u16;
    let mut remainder = data << 10;
    for bit in (10..15).rev() {
        if remainder >> bit & 1 == 1 {
            remainder ^= 0x537 << (bit - 10);
        }
    }
    (data << 10 | remainder) ^ 0x5412
}

/// The crate's `Canvas::compute_total_penalty_scores` for a masked square symbol, counted on bits.
pub(super) fn penalty(rows: &[Line]) -> u16 {
    let width = rows.len();
    let row_modules = Line::first(width);
    // A module that has a right-hand neighbour in its row, and one that starts 5 modules within it.
    let with_right = Line::first(width - 1);
    let with_five = Line::first(width.saturating_sub(4));
    let mut runs = 0; // rule 1, both directions
    let mut blocks = 0; // rule 2: 2x2 blocks of one colour
    let mut finders = 0; // rule 3, both directions
    let mut dark = 0; // rule 4

    // Row y: which modules have the colour of the module below them.
    let mut same_below = Vec::with_capacity(width);
    for (y, &row) in rows.iter().enumerate() {
        dark += row.count();
        // next[n]: the module n to the right of each module.
        let next: [Line; 7] = std::array::from_fn(|n| row.right(n as u32));
        let dark_in_four = next[0] | next[1] | next[2] | next[3];
        let all_dark_five = next[0] & next[1] & next[2] & next[3] & next[4];
        let one_colour_five = (all_dark_five | !(dark_in_four | next[4])) & with_five;
        runs += run_points(one_colour_five, one_colour_five.left(1));
        // Any dark module among the four before each module (left shifts: light before the row's start).
        let dark_before = row.left(1) | row.left(2) | row.left(3) | row.left(4);
        finders += finder_like(&next, dark_before, dark_in_four.right(7));
        if let Some(&below) = rows.get(y + 1) {
            let same_right = !(row ^ next[1]) & with_right;
            let same = !(row ^ below) & row_modules;
            blocks += (same_right & same & same.right(1)).count();
            same_below.push(same);
        }
    }
    let mut window_above = Line::default();
    for rows in same_below.windows(4) {
        let window = rows[0] & rows[1] & rows[2] & rows[3];
        runs += run_points(window, window_above);
        window_above = window;
    }
    // Rows outside the symbol are light.
    let row = |y: isize| {
        usize::try_from(y)
            .ok()
            .and_then(|y| rows.get(y))
            .copied()
            .unwrap_or_default()
    };
    let dark_in_four = |from: isize| row(from) | row(from + 1) | row(from + 2) | row(from + 3);
    for y in 0..width.saturating_sub(6) {
        let next: [Line; 7] = std::array::from_fn(|n| rows[y + n]);
        // Symbols are at most 177 rows high.
        let y = y as isize;
        finders += finder_like(&next, dark_in_four(y - 4), dark_in_four(y + 7));
    }
    let ratio = dark as usize * 200 / (width * width);
    let balance = ratio.abs_diff(100);
    let total = i64::from(runs) + 3 * i64::from(blocks) + 40 * i64::from(finders) - 2 * 360
        + balance as i64;
    // The crate adds u16 scores, which wrap in a release build.
    total as u16
}

/// Rule 1 on one line: a run of `n >= 5` modules of one colour scores `n - 2`, which is one point for each of the
/// `n - 4` windows of 5 one-coloured modules it holds, plus 2 for its first window. `window` marks where such a window
/// starts (its 5 modules going right, or down), `window_before` where one starts one module earlier (left, or up).
fn run_points(window: Line, window_before: Line) -> u32 {
    window.count() + 2 * (window & !window_before).count()
}

/// Rule 3 on one line: where `#.###.#` starts (`next[n]` holds the module `n` after each start) with four light
/// modules before it or after it (`before`/`after` mark any dark module among those four).
fn finder_like(next: &[Line; 7], before: Line, after: Line) -> u32 {
    let pattern = next[0] & !next[1] & next[2] & next[3] & next[4] & !next[5] & next[6];
    (pattern & (!before | !after)).count()
}

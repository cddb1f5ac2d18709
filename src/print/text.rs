//! Text on a printed badge, fitted without the browser: SVG `<text>` does not wrap, so lines are
//! broken here from Helvetica's published advance widths (Arial and Liberation Sans share them),
//! shrinking the font until the text fits its area, and squeezing a line only as a last resort.
//! Pure and native-tested; also formats millimetres for SVG attributes and says which dates a
//! badge's validity line has (the view words it in the printing person's language).

use chrono::{DateTime, Utc};

/// Line height as a multiple of the font size (the value `qrpin::badge` sizes its areas with).
pub const LINE_HEIGHT: f64 = 1.2;
/// From the top of a line box to its baseline, in ems (Arial: ascent 0.905 + half-leading).
pub const BASELINE: f64 = 0.95;
/// Smallest font the fitter goes down to: about 5 pt, still legible on a badge held in the hand.
pub const MIN_FONT_MM: f64 = 1.8;
/// The fonts the widths below belong to; every platform has one of them or a metric clone.
pub const FONT_FAMILY: &str = "Arial, 'Liberation Sans', Helvetica, sans-serif";

/// Advance widths of ASCII 32..=126 in 1/1000 em: Helvetica (regular) AFM.
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];
/// The same for Helvetica-Bold.
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0..?
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // P.._
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // `..o
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // p..~
];

/// The ASCII letter whose Helvetica advance an accented Latin letter shares (Helvetica draws
/// "Ü", "é", "ñ"… on their base letter's width), for the languages qrbadge is translated into.
fn base_letter(c: char) -> Option<char> {
    Some(match c {
        'À'..='Å' => 'A',
        'Ç' => 'C',
        'È'..='Ë' => 'E',
        'Ì'..='Ï' => 'I',
        'Ñ' => 'N',
        'Ò'..='Ö' | 'Ø' => 'O',
        'Ù'..='Ü' => 'U',
        'Ý' | 'Ÿ' => 'Y',
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => return None,
    })
}

/// Width of one character in ems. Accented Latin letters at their base letter's width, the other
/// letters and punctuation of Spanish, French and German at their Helvetica width, East Asian wide
/// characters one em, anything else a slightly generous 0.64 em.
pub fn char_width_em(c: char, bold: bool) -> f64 {
    let table = if bold { &BOLD } else { &REGULAR };
    let c = base_letter(c).unwrap_or(c);
    let thousandths = match c {
        ' '..='~' => table[c as usize - 32],
        'ß' => 611,
        'Æ' | 'Œ' => 1000,
        'æ' => 889,
        'œ' => 944,
        '¿' => 611,
        '¡' => 333,
        '«' | '»' | '€' => 556,
        '„' => 500,
        '‚' => 278,
        '°' => 400,
        '–' | '·' => 556,
        '\u{a0}' => 278,
        '\u{202f}' => 200,
        '—' | '…' => 1000,
        '’' | '‘' => 222,
        '“' | '”' => 333,
        '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' => 1000,
        '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' => 1000,
        _ => 640,
    };
    f64::from(thousandths) / 1000.0
}

/// Width of `text` in ems.
pub fn text_width_em(text: &str, bold: bool) -> f64 {
    text.chars().map(|c| char_width_em(c, bold)).sum()
}

/// Where a line may break: any white space except the no-break spaces (U+00A0, U+202F narrow,
/// U+2007 figure) that keep a date together.
pub fn is_break(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// One line of fitted text. `squeeze_to_mm` is set when even the smallest font could not make the
/// line fit: the renderer then sets `textLength` so the glyphs are narrowed, never cut off.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    pub squeeze_to_mm: Option<f64>,
}

/// Text fitted into a box: the font size to draw it at and its lines, top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    pub font_mm: f64,
    pub lines: Vec<Line>,
}

/// Breaks `text` into lines no wider than `width_mm` at `font_mm`, greedily at spaces. A word
/// wider than a line is broken after `@`, else `.`, `-` or `_` (an address reads well split there),
/// else between characters.
pub fn wrap(text: &str, width_mm: f64, font_mm: f64, bold: bool) -> Vec<String> {
    let max_em = width_mm / font_mm;
    let fits = |candidate: &str| text_width_em(candidate, bold) <= max_em + 1e-9;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(is_break).filter(|word| !word.is_empty()) {
        let joined = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if fits(&joined) {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        let mut pieces = break_word(word, max_em, bold);
        current = pieces.pop().unwrap_or_default();
        lines.extend(pieces);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Splits one word into pieces that fit, preferring to break after `@ . - _`.
fn break_word(word: &str, max_em: f64, bold: bool) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest: Vec<char> = word.chars().collect();
    while text_width_em(&rest.iter().collect::<String>(), bold) > max_em + 1e-9 && rest.len() > 1 {
        // The longest prefix that fits (at least one character, so this always progresses).
        let mut width = 0.0;
        let mut fit = 0;
        for c in &rest {
            width += char_width_em(*c, bold);
            if width > max_em + 1e-9 {
                break;
            }
            fit += 1;
        }
        let fit = fit.max(1);
        // After the `@` if it is on this line (user name / domain), else after the last `. - _`.
        let cut = rest[..fit]
            .iter()
            .rposition(|c| *c == '@')
            .or_else(|| {
                rest[..fit]
                    .iter()
                    .rposition(|c| matches!(c, '.' | '-' | '_'))
            })
            .map(|at| at + 1)
            .filter(|&at| at < rest.len())
            .unwrap_or(fit);
        pieces.push(rest[..cut].iter().collect());
        rest.drain(..cut);
    }
    pieces.push(rest.into_iter().collect());
    pieces
}

/// Whether wrapping `text` at `font_mm` would have to split a word between two of its letters. An
/// address (a word with `@ . _`) never counts: it breaks after those. A hyphenated compound
/// ("Schwarzenberger-Oberhäuser") counts when one of its parts, hyphen included, is wider than a
/// line: it breaks after its hyphens, so it needs no smaller font than its widest part does.
fn splits_a_plain_word(text: &str, width_mm: f64, font_mm: f64, bold: bool) -> bool {
    let max_em = width_mm / font_mm;
    text.split(is_break)
        .filter(|word| !word.contains(['@', '.', '_']))
        .flat_map(|word| word.split_inclusive('-'))
        .any(|part| text_width_em(part, bold) > max_em + 1e-9)
}

/// How many lines of `font_mm` fit in `height_mm` (never fewer than `min_lines`: the areas of
/// `qrpin::badge` are sized to hold their `max_lines` at their suggested font).
fn lines_that_fit(height_mm: f64, font_mm: f64, min_lines: usize) -> usize {
    let lines = ((height_mm + 1e-9) / (LINE_HEIGHT * font_mm)).floor() as usize;
    lines.max(min_lines)
}

/// Fits `text` into a box `width_mm` × `height_mm`: at `font_mm` if it fits in `max_lines`, else
/// at the largest smaller font (in 4 % steps, down to [`MIN_FONT_MM`]) whose lines fit the height.
/// If nothing fits, the smallest font is used, the surplus is joined onto the last line, and any
/// line still too wide is squeezed to the width.
pub fn fit(
    text: &str,
    width_mm: f64,
    height_mm: f64,
    max_lines: usize,
    font_mm: f64,
    bold: bool,
) -> Fitted {
    let max_lines = max_lines.max(1);
    let mut font = font_mm.max(MIN_FONT_MM);
    loop {
        let lines = wrap(text, width_mm, font, bold);
        let allowed = if (font - font_mm).abs() < 1e-9 {
            max_lines
        } else {
            lines_that_fit(height_mm, font, max_lines)
        };
        let narrow = lines
            .iter()
            .all(|line| text_width_em(line, bold) * font <= width_mm + 1e-9);
        // A long word (German builds them: "Anmeldeinformationen") is split between letters only
        // at the smallest font, and so is a part of a hyphenated compound (which breaks after its
        // hyphens at any size); an address still breaks after its `@` or dots at any size.
        let words_whole = !splits_a_plain_word(text, width_mm, font, bold);
        if lines.len() <= allowed && narrow && words_whole {
            return Fitted {
                font_mm: font,
                lines: lines.into_iter().map(plain).collect(),
            };
        }
        if font <= MIN_FONT_MM + 1e-9 {
            let mut lines = lines;
            if lines.len() > allowed {
                lines.truncate(allowed - 1);
                lines.push(rest_after(text, &lines));
            }
            let lines = lines
                .into_iter()
                .map(|text| {
                    let too_wide = text_width_em(&text, bold) * font > width_mm + 1e-9;
                    Line {
                        squeeze_to_mm: too_wide.then_some(width_mm),
                        text,
                    }
                })
                .collect();
            return Fitted {
                font_mm: font,
                lines,
            };
        }
        font = (font * 0.96).max(MIN_FONT_MM);
    }
}

/// What of `text` follows `lines` (which hold its characters in order, minus the whitespace at
/// the breaks), with its own spaces: a word broken between characters is joined back whole.
fn rest_after(text: &str, lines: &[String]) -> String {
    let mut consumed = lines
        .iter()
        .map(|line| line.chars().filter(|c| !is_break(*c)).count())
        .sum::<usize>();
    let start = text
        .char_indices()
        .find(|(_, c)| {
            if is_break(*c) {
                return false;
            }
            if consumed == 0 {
                return true;
            }
            consumed -= 1;
            false
        })
        .map_or(text.len(), |(at, _)| at);
    text[start..].trim().to_string()
}

fn plain(text: String) -> Line {
    Line {
        text,
        squeeze_to_mm: None,
    }
}

/// A length in millimetres for an SVG attribute: at most 3 decimals (1 µm), no trailing zeros.
///
/// Written from whole micrometres with integer arithmetic: the same text as `{:.3}` of the rounded length, with
/// the zeros trimmed, for any length below 10⁹ mm (text_tests.rs compares the two), without pulling core::fmt's
/// float formatting into the wasm (bench/README.md, "Where the bytes are").
pub fn mm(value: f64) -> String {
    let micrometres = (value * 1000.0).round();
    if !micrometres.is_finite() {
        let text = if value.is_nan() {
            "NaN"
        } else if micrometres > 0.0 {
            "inf"
        } else {
            "-inf"
        };
        return text.to_string();
    }
    // Saturates far beyond any page; -0.0 becomes 0, which is written "0" as before.
    let micrometres = micrometres as i64;
    let (whole, mut fraction) = (
        micrometres.unsigned_abs() / 1000,
        micrometres.unsigned_abs() % 1000,
    );
    let mut text = String::with_capacity(12);
    if micrometres < 0 {
        text.push('-');
    }
    text.push_str(&whole.to_string());
    if fraction != 0 {
        text.push('.');
        let mut digits = 3;
        while fraction % 10 == 0 {
            fraction /= 10;
            digits -= 1;
        }
        let fraction = fraction.to_string();
        for _ in fraction.len()..digits {
            text.push('0');
        }
        text.push_str(&fraction);
    }
    text
}

/// The time of day in `language` ("14:00", "2:00 PM"), for temporary codes (they last hours); the
/// date next to it comes from `locale::intl::date`, never a numeric date.
#[cfg(target_arch = "wasm32")]
pub fn badge_time(value: DateTime<Utc>, language: crate::locale::Language) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        value.timestamp_millis() as f64
    ));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_time_string_with_options(language.tag(), &options.into())
        .into()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn badge_time(value: DateTime<Utc>, language: crate::locale::Language) -> String {
    let _ = language;
    value.format("%H:%M UTC").to_string()
}

/// A date never breaks across lines on a badge.
pub fn unbreakable(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}

/// What is known of a code's validity window, for the badge's validity line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    Between(DateTime<Utc>, DateTime<Utc>),
    Until(DateTime<Utc>),
    From(DateTime<Utc>),
    Unknown,
}

impl Validity {
    pub fn of(start: Option<DateTime<Utc>>, expire: Option<DateTime<Utc>>) -> Self {
        match (start, expire) {
            (Some(start), Some(expire)) => Validity::Between(start, expire),
            (None, Some(expire)) => Validity::Until(expire),
            (Some(start), None) => Validity::From(start),
            (None, None) => Validity::Unknown,
        }
    }
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;

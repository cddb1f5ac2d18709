//! SVG output of a [`QrMatrix`]: one stroked path, dark modules merged into horizontal runs.
//!
//! Merging runs makes the path 2-3 times smaller than one square per module (`tests/svg_output.rs` checks the merge),
//! which matters on a print sheet with many badges. Each run is a 1-module-wide stroke along the middle of its row, written with
//! relative moves (`m3 0h2`), which is about half the bytes of closed rectangles (`M7 4h2v1h-2z`). A stroke with the
//! default butt caps covers exactly the run's modules. Coordinates are in modules; the viewBox lets CSS or print
//! units set the size.

use super::{QrMatrix, QUIET_ZONE};

/// Path data (`d`) for the dark modules, shifted by [`QUIET_ZONE`] so it fits a viewBox of `size + 2 * QUIET_ZONE`;
/// draw it with `stroke="#000000" stroke-width="1" fill="none"`.
///
/// The first run starts with an absolute `M{x} {y}.5` (the middle of its row); every later run is a relative move
/// from where the previous run ended, then `h{len}`.
pub fn svg_path_data(matrix: &QrMatrix) -> String {
    let size = matrix.size();
    // About half the modules are dark, in runs of 2 on average, each written in about 8 bytes.
    let mut path = String::with_capacity(size * size * 2);
    // Where the pen is after the previous run, in modules (the y is the row, not the row's middle).
    let mut pen: Option<(usize, usize)> = None;
    for (y, row) in matrix.dark.chunks_exact(size).enumerate() {
        let mut x = 0;
        while x < size {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && row[x] {
                x += 1;
            }
            let (run_x, run_y) = (start + QUIET_ZONE, y + QUIET_ZONE);
            match pen {
                None => {
                    path.push('M');
                    push_number(&mut path, run_x as i64);
                    path.push(' ');
                    push_number(&mut path, run_y as i64);
                    path.push_str(".5");
                }
                Some((pen_x, pen_y)) => {
                    path.push('m');
                    push_number(&mut path, run_x as i64 - pen_x as i64);
                    path.push(' ');
                    push_number(&mut path, (run_y - pen_y) as i64);
                }
            }
            let len = x - start;
            path.push('h');
            push_number(&mut path, len as i64);
            pen = Some((run_x + len, run_y));
        }
    }
    path
}

/// Appends `value` in decimal, as `write!` would. A version 40 path holds thousands of numbers, and going through
/// `core::fmt` for each made writing the path take longer than encoding the symbol.
fn push_number(path: &mut String, value: i64) {
    if value < 0 {
        path.push('-');
    }
    let mut rest = value.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    path.extend(digits[start..].iter().map(|&digit| char::from(digit)));
}

/// A standalone SVG document: black modules on a white background with the quiet zone, `role="img"` and a `<title>`
/// so screen readers announce it. Used for downloads and for the emulator's `binaryValue`.
pub fn svg_document(matrix: &QrMatrix, title: &str) -> String {
    let side = matrix.size() + 2 * QUIET_ZONE;
    // 8 px per module by default (the `qrcode` crate's default); the viewBox keeps it sharp at any size.
    let pixels = side * 8;
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{px}" height="{px}" "#,
            r#"viewBox="0 0 {side} {side}" shape-rendering="crispEdges" role="img">"#,
            r#"<title>{title}</title>"#,
            r##"<rect width="{side}" height="{side}" fill="#ffffff"/>"##,
            r##"<path stroke="#000000" stroke-width="1" fill="none" d="{path}"/>"##,
            "</svg>"
        ),
        px = pixels,
        side = side,
        title = escape_xml(title),
        path = svg_path_data(matrix),
    )
}

/// Escapes text for XML content and attribute values.
fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // Control characters other than tab/newline are not allowed in XML 1.0 at all.
            c if c.is_control() && c != '\t' && c != '\n' && c != '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

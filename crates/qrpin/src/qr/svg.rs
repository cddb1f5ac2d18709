//! SVG output of a [`QrMatrix`]: one path, dark modules merged into horizontal runs.
//!
//! Merging runs makes the path 2-3 times smaller than one square per module (research anchors §2.5), which matters
//! on a print sheet with many badges. Coordinates are in modules; the viewBox lets CSS or print units set the size.

use std::fmt::Write;

use super::{QrMatrix, QUIET_ZONE};

/// Path data (`d`) for the dark modules, shifted by [`QUIET_ZONE`] so it fits a viewBox of `size + 2 * QUIET_ZONE`.
///
/// Each run of dark modules in a row is one closed rectangle `M{x} {y}h{len}v1h-{len}z`.
pub fn svg_path_data(matrix: &QrMatrix) -> String {
    let size = matrix.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !matrix.is_dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && matrix.is_dark(x, y) {
                x += 1;
            }
            let len = x - start;
            // Writing to a String cannot fail.
            let _ = write!(
                path,
                "M{} {}h{len}v1h-{len}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            );
        }
    }
    path
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
            r##"<path fill="#000000" d="{path}"/>"##,
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

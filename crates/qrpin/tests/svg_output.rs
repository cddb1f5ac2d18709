//! The SVG the portal shows and prints draws exactly the modules of the matrix, with the quiet zone and the
//! attributes that keep it scannable and accessible.

use std::collections::BTreeSet;

use qrpin::model::ErrorCorrectionLevel;
use qrpin::qr::{encode_byte_segment, svg_document, svg_path_data, QrMatrix, QUIET_ZONE};

fn sample_matrix() -> QrMatrix {
    encode_byte_segment(
        b"ms-qrpin:v1|user@contoso.com|44f2f040-ea9d-4283-9e7b-b63ddae391a9|q3XbWm1v",
        6,
        ErrorCorrectionLevel::M,
    )
    .expect("fits version 6")
}

/// Reads `M{x} {y}h{len}v1h-{len}z` sub-paths back into the set of dark cells they cover (viewBox coordinates).
fn cells_from_path(path: &str) -> BTreeSet<(usize, usize)> {
    let mut cells = BTreeSet::new();
    for sub_path in path.split('M').filter(|s| !s.is_empty()) {
        let body = sub_path
            .strip_suffix('z')
            .unwrap_or_else(|| panic!("sub-path not closed: {sub_path}"));
        let (position, rest) = body.split_once('h').expect("horizontal move");
        let (x, y) = position.split_once(' ').expect("x y");
        let (len, back) = rest.split_once("v1h-").expect("one module high, then back");
        assert_eq!(len, back, "run must close on itself: {sub_path}");
        let (x, y, len): (usize, usize, usize) = (
            x.parse().expect("x"),
            y.parse().expect("y"),
            len.parse().expect("len"),
        );
        assert!(len > 0);
        for dx in 0..len {
            assert!(
                cells.insert((x + dx, y)),
                "cell drawn twice at {},{y}",
                x + dx
            );
        }
    }
    cells
}

fn dark_cells(matrix: &QrMatrix) -> BTreeSet<(usize, usize)> {
    let mut cells = BTreeSet::new();
    for y in 0..matrix.size() {
        for x in 0..matrix.size() {
            if matrix.is_dark(x, y) {
                cells.insert((x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    cells
}

#[test]
fn path_draws_exactly_the_dark_modules_shifted_by_the_quiet_zone() {
    for (data, version, level) in [
        (&b"HelloWorld!2MyRawContent"[..], 2, ErrorCorrectionLevel::L),
        (&b"0"[..], 1, ErrorCorrectionLevel::H),
        (&[0xffu8; 300][..], 20, ErrorCorrectionLevel::Q),
    ] {
        let matrix = encode_byte_segment(data, version, level).expect("fits");
        assert_eq!(
            cells_from_path(&svg_path_data(&matrix)),
            dark_cells(&matrix),
            "v{version}"
        );
    }
}

#[test]
fn path_merges_horizontal_runs() {
    let matrix = sample_matrix();
    let path = svg_path_data(&matrix);
    let sub_paths = path.matches('M').count();
    let dark = dark_cells(&matrix).len();
    // Finder patterns alone guarantee long runs; one rectangle per module would give `dark` sub-paths.
    assert!(
        sub_paths * 2 < dark,
        "{sub_paths} sub-paths for {dark} dark modules: runs not merged"
    );
    // The top row starts with the 7-module finder pattern, drawn as one run.
    assert!(
        path.starts_with(&format!("M{QUIET_ZONE} {QUIET_ZONE}h7v1h-7z")),
        "{}",
        &path[..40]
    );
}

#[test]
fn document_is_black_on_white_with_quiet_zone_and_crisp_edges() {
    let matrix = sample_matrix();
    let side = matrix.size() + 2 * QUIET_ZONE;
    let svg = svg_document(&matrix, "QR code for signing in");
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.ends_with("</svg>"));
    assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
    assert!(svg.contains("shape-rendering=\"crispEdges\""));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title>QR code for signing in</title>"));
    assert!(svg.contains(&format!(
        "<rect width=\"{side}\" height=\"{side}\" fill=\"#ffffff\"/>"
    )));
    assert!(svg.contains(&format!(
        "<path fill=\"#000000\" d=\"{}\"/>",
        svg_path_data(&matrix)
    )));
    // The white background comes first so the modules are painted over it.
    assert!(svg.find("<rect").expect("rect") < svg.find("<path").expect("path"));
}

#[test]
fn document_title_is_escaped() {
    let svg = svg_document(&sample_matrix(), "Badge for <Tom & \"Jerry\"> O'Neil");
    assert!(
        svg.contains("<title>Badge for &lt;Tom &amp; &quot;Jerry&quot;&gt; O&apos;Neil</title>"),
        "{svg}"
    );
    assert_eq!(svg.matches('<').count(), svg.matches('>').count());
    assert_eq!(svg.matches("<title>").count(), 1);
}

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

/// Replays the path's `M`/`m`/`h` commands and returns the cells its 1-module strokes cover (viewBox coordinates).
fn cells_from_path(path: &str) -> BTreeSet<(usize, usize)> {
    let mut cells = BTreeSet::new();
    let mut commands = Vec::new();
    for c in path.chars() {
        if c.is_ascii_alphabetic() {
            commands.push((c, String::new()));
        } else {
            commands
                .last_mut()
                .expect("path starts with a command")
                .1
                .push(c);
        }
    }
    assert_eq!(commands.first().map(|c| c.0), Some('M'), "starts absolute");
    let (mut x, mut y) = (0.0f64, 0.0f64);
    for (command, args) in commands {
        let numbers: Vec<f64> = args
            .split(' ')
            .map(|n| {
                n.parse()
                    .unwrap_or_else(|_| panic!("number in {command}{args}"))
            })
            .collect();
        match (command, numbers.as_slice()) {
            ('M', [nx, ny]) => (x, y) = (*nx, *ny),
            ('m', [dx, dy]) => (x, y) = (x + dx, y + dy),
            ('h', [len]) => {
                assert!(*len >= 1.0 && len.fract() == 0.0, "run length {len}");
                assert_eq!(y.fract(), 0.5, "stroke runs along the middle of a row");
                for dx in 0..*len as usize {
                    let cell = (x as usize + dx, y as usize);
                    assert!(cells.insert(cell), "cell drawn twice at {cell:?}");
                }
                x += len;
            }
            other => panic!("unexpected command {other:?}"),
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
    let sub_paths = path.matches(['M', 'm']).count();
    let dark = dark_cells(&matrix).len();
    // Finder patterns alone guarantee long runs; one rectangle per module would give `dark` sub-paths.
    assert!(
        sub_paths * 2 < dark,
        "{sub_paths} sub-paths for {dark} dark modules: runs not merged"
    );
    // The top row starts with the 7-module finder pattern, drawn as one run.
    assert!(
        path.starts_with(&format!("M{QUIET_ZONE} {QUIET_ZONE}.5h7m")),
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
        "<path stroke=\"#000000\" stroke-width=\"1\" fill=\"none\" d=\"{}\"/>",
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

//! Inside one badge: the QR square is never under 2 in, everything stays in the safe area, nothing overlaps, and the
//! quiet zone is part of the white square.

use qrpin::badge::{
    badge_layout, inches, module_size_mm, symbol_side_mm, BadgeLayout, LabelPreset, LayoutError,
    Orientation, Rect, MIN_TEXT_COLUMN_MM, QR_MIN_SIDE_MM, QR_TARGET_SIDE_MM, SAFE_MARGIN_MM,
};
use qrpin::model::ErrorCorrectionLevel;
use qrpin::qr::{encode_byte_segment, smallest_version, QUIET_ZONE};

const TOLERANCE: f64 = 1e-6;

fn layout(label: Rect) -> BadgeLayout {
    badge_layout(label).unwrap_or_else(|err| panic!("{label:?}: {err}"))
}

fn all_rects(layout: &BadgeLayout) -> Vec<Rect> {
    let mut rects = vec![layout.qr];
    rects.extend(layout.text_areas().iter().map(|area| area.rect));
    rects
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() - TOLERANCE
        && b.x < a.right() - TOLERANCE
        && a.y < b.bottom() - TOLERANCE
        && b.y < a.bottom() - TOLERANCE
}

#[test]
fn the_qr_square_is_at_least_two_inches_on_every_preset() {
    assert_eq!(QR_MIN_SIDE_MM, 50.8);
    for preset in LabelPreset::all() {
        for label in preset.label_rects() {
            let badge = layout(label);
            assert!(
                badge.qr.width >= 50.8 - TOLERANCE,
                "{} {:?}",
                preset.key,
                badge.qr
            );
            assert!(
                (badge.qr.width - badge.qr.height).abs() < TOLERANCE,
                "square"
            );
        }
    }
}

#[test]
fn everything_stays_in_the_safe_area_and_apart() {
    for preset in LabelPreset::all() {
        for label in preset.label_rects() {
            let badge = layout(label);
            let safe = label.inset(SAFE_MARGIN_MM);
            let rects = all_rects(&badge);
            for rect in &rects {
                assert!(
                    safe.contains(rect),
                    "{}: {rect:?} outside {safe:?}",
                    preset.key
                );
                assert!(
                    rect.width > 0.0 && rect.height > 0.0,
                    "{}: {rect:?}",
                    preset.key
                );
            }
            for (i, a) in rects.iter().enumerate() {
                for b in rects.iter().skip(i + 1) {
                    assert!(!overlap(a, b), "{}: {a:?} overlaps {b:?}", preset.key);
                }
            }
        }
    }
}

#[test]
fn content_stays_clear_of_rounded_corners() {
    // Avery 5395 has 3/16 in die-cut corners: every corner of every box must be inside the rounded label.
    let avery = LabelPreset::avery_5395();
    let radius = avery.corner_radius_mm;
    for label in avery.label_rects() {
        for rect in all_rects(&layout(label)) {
            for (x, y) in [
                (rect.x, rect.y),
                (rect.right(), rect.y),
                (rect.x, rect.bottom()),
                (rect.right(), rect.bottom()),
            ] {
                // Distance into the nearest corner square of side `radius`; inside the arc if within `radius` of
                // that square's inner corner.
                let dx = (label.x + radius - x)
                    .max(x - (label.right() - radius))
                    .max(0.0);
                let dy = (label.y + radius - y)
                    .max(y - (label.bottom() - radius))
                    .max(0.0);
                assert!(
                    dx.hypot(dy) <= radius + TOLERANCE,
                    "({x}, {y}) cut off by the corner"
                );
            }
        }
    }
}

#[test]
fn avery_5395_puts_a_just_over_two_inch_qr_beside_a_thirty_millimetre_text_column() {
    let badge = layout(LabelPreset::avery_5395().label_box());
    assert_eq!(badge.orientation, Orientation::Landscape);
    // The text's 35 % would leave 85.725 − 3 × 1.5875 − 35 % × 85.725 = 50.959 mm: less than 2 in + 1 %, so the
    // QR is 51.308 mm, vertically centred; the text keeps 85.725 − 3 × 1.5875 − 51.308 = 29.654 mm.
    assert!(
        (badge.qr.width - QR_TARGET_SIDE_MM).abs() < 1e-6,
        "{:?}",
        badge.qr
    );
    assert!((badge.qr.x - SAFE_MARGIN_MM).abs() < TOLERANCE);
    assert!((badge.qr.center().y - inches(7.0 / 6.0)).abs() < TOLERANCE);
    assert!(
        (badge.name.rect.width - 29.654_5).abs() < 1e-6,
        "{:?}",
        badge.name.rect
    );
}

#[test]
fn the_grid_card_gets_the_minimum_qr_plus_the_print_allowance() {
    // 85 × 55 mm: the text's preferred 35 % would leave 50.49 mm, so the QR takes 2 in + 1 % = 51.308 mm from it.
    let badge = layout(Rect::new(0.0, 0.0, 85.0, 55.0));
    assert!((badge.qr.width - QR_TARGET_SIDE_MM).abs() < TOLERANCE);
    assert!((QR_TARGET_SIDE_MM - 51.308).abs() < 1e-9);
    assert!(badge.name.rect.width >= MIN_TEXT_COLUMN_MM);
}

#[test]
fn a_label_with_room_for_2_in_but_not_the_allowance_gets_what_fits() {
    // Short side 54 mm: 54 − 2 × 1.5875 = 50.825 mm fits 2 in but not 2 in + 1 %.
    let badge = layout(Rect::new(0.0, 0.0, 85.0, 54.0));
    assert!(
        (badge.qr.width - 50.825).abs() < TOLERANCE,
        "{:?}",
        badge.qr
    );
}

#[test]
fn a_roomy_badge_grows_the_qr_but_keeps_the_text_share() {
    let badge = layout(LabelPreset::single(qrpin::badge::PaperSize::Letter).label_box());
    assert!(badge.qr.width > 60.0, "{:?}", badge.qr);
    assert!(badge.name.rect.width >= 0.35 * inches(4.0) - TOLERANCE);
}

#[test]
fn a_portrait_badge_puts_the_qr_on_top_and_the_text_below() {
    let label = Rect::new(10.0, 20.0, inches(3.0), inches(4.0));
    let badge = layout(label);
    assert_eq!(badge.orientation, Orientation::Portrait);
    assert!(
        (badge.qr.center().x - label.center().x).abs() < TOLERANCE,
        "centred across"
    );
    assert!((badge.qr.y - (label.y + SAFE_MARGIN_MM)).abs() < TOLERANCE);
    let areas = badge.text_areas();
    assert!(areas.iter().all(|area| area.rect.y >= badge.qr.bottom()));
    assert!((badge.name.rect.width - (label.width - 2.0 * SAFE_MARGIN_MM)).abs() < TOLERANCE);
}

#[test]
fn text_reads_top_to_bottom_with_the_name_largest() {
    for preset in LabelPreset::all() {
        let badge = layout(preset.label_box());
        let areas = badge.text_areas();
        for pair in areas.windows(2) {
            assert!((pair[0].rect.bottom() - pair[1].rect.y).abs() < TOLERANCE);
        }
        for area in areas {
            assert!(area.max_lines >= 1);
            let needed = area.font_size_mm * f64::from(area.max_lines) * 1.2;
            assert!(
                area.font_size_mm > 0.0 && needed <= area.rect.height + TOLERANCE,
                "{area:?}"
            );
        }
        let largest = areas
            .iter()
            .map(|area| area.font_size_mm)
            .fold(0.0, f64::max);
        assert_eq!(badge.name.font_size_mm, largest, "{}", preset.key);
    }
}

#[test]
fn labels_too_small_for_a_two_inch_qr_are_errors() {
    for (width, height) in [
        (50.0, 50.0),
        (80.0, 52.0),
        (53.9, 200.0),
        (0.0, 0.0),
        (-5.0, 90.0),
    ] {
        let result = badge_layout(Rect::new(0.0, 0.0, width, height));
        assert!(
            matches!(result, Err(LayoutError::LabelTooSmall { .. })),
            "{width} × {height}: {result:?}"
        );
    }
    // A square label big enough for the QR but with no room for the text is refused too.
    assert!(badge_layout(Rect::new(0.0, 0.0, 60.0, 60.0)).is_err());
    assert!(badge_layout(Rect::new(0.0, 0.0, f64::NAN, 60.0)).is_err());
    assert!(badge_layout(Rect::new(0.0, 0.0, f64::INFINITY, 60.0)).is_err());
    let message = badge_layout(Rect::new(0.0, 0.0, 66.7, 25.4))
        .err()
        .map(|err| err.to_string())
        .unwrap_or_default();
    assert!(message.contains("50.8 mm"), "{message}");
}

#[test]
fn the_quiet_zone_is_inside_the_white_square() {
    for size in [21usize, 25, 45, 57, 177] {
        let module = module_size_mm(50.8, size);
        let symbol = symbol_side_mm(50.8, size);
        assert!((symbol + 2.0 * QUIET_ZONE as f64 * module - 50.8).abs() < 1e-9);
        assert!((symbol - module * size as f64).abs() < 1e-9);
    }
    assert!((module_size_mm(50.8, 21) - 50.8 / 29.0).abs() < 1e-12);
    // No panic and no division by zero for a degenerate size.
    assert!((module_size_mm(50.8, 0) - 6.35).abs() < 1e-12);
}

#[test]
fn a_realistic_badge_payload_prints_with_millimetre_modules() {
    // A payload of the emulator's format (`ms-qrpin:v1|<upn>|<qrCodeId>|<secret>`, `crates/emulator/src/domain.rs`)
    // with a 32-byte secret.
    let payload =
        "ms-qrpin:v1|adele.vance@contoso.onmicrosoft.com|44f2f040-ea9d-4283-9e7b-b63ddae391a9|\
                   q8yBvY4b3hQ2m0cTzV5rN1xW7kLpA9sDfGhJkLzXcVb";
    let version = smallest_version(payload.as_bytes(), ErrorCorrectionLevel::M, 1).unwrap();
    let matrix = encode_byte_segment(payload.as_bytes(), version, ErrorCorrectionLevel::M).unwrap();
    let badge = layout(LabelPreset::avery_5395().label_box());
    let module = badge.module_size_mm(matrix.size());
    // Version 8 (49 modules): 50.96 mm / 57 ≈ 0.89 mm per module, about 10 dots at 300 dpi.
    assert_eq!(matrix.size(), 49, "version {version}");
    assert!(module > 0.85, "{module}");
}

//! Label presets: every shipped sheet fits its paper, labels never overlap, Avery 5395 matches the vendor template,
//! crop marks are printable and off the badges, and pagination is exact.

use qrpin::badge::{
    inches, LabelPreset, PaperSize, PresetProblem, Rect, CROP_MARK_LENGTH_MM, PRINTER_MARGIN_MM,
};

const TOLERANCE: f64 = 1e-6;

fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= tolerance
}

fn hundredths(mm: f64) -> i64 {
    (mm * 100.0).round() as i64
}

#[test]
fn every_shipped_preset_passes_its_own_check() {
    for preset in LabelPreset::all() {
        assert_eq!(preset.check(), Ok(()), "{}", preset.key);
    }
}

#[test]
fn every_label_lies_on_its_paper() {
    for preset in LabelPreset::all() {
        let (width, height) = (preset.paper.width_mm(), preset.paper.height_mm());
        let rects = preset.label_rects();
        assert_eq!(rects.len(), preset.per_page(), "{}", preset.key);
        for rect in rects {
            assert!(rect.x >= 0.0 && rect.y >= 0.0, "{} {rect:?}", preset.key);
            assert!(rect.right() <= width + TOLERANCE, "{} {rect:?}", preset.key);
            assert!(
                rect.bottom() <= height + TOLERANCE,
                "{} {rect:?}",
                preset.key
            );
        }
    }
}

#[test]
fn no_two_labels_overlap() {
    for preset in LabelPreset::all() {
        let rects = preset.label_rects();
        for (i, a) in rects.iter().enumerate() {
            for b in rects.iter().skip(i + 1) {
                let apart = a.right() <= b.x + TOLERANCE
                    || b.right() <= a.x + TOLERANCE
                    || a.bottom() <= b.y + TOLERANCE
                    || b.bottom() <= a.y + TOLERANCE;
                assert!(apart, "{}: {a:?} overlaps {b:?}", preset.key);
            }
        }
    }
}

#[test]
fn labels_are_row_major() {
    for preset in LabelPreset::all() {
        let rects = preset.label_rects();
        for pair in rects.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let same_row = close(a.y, b.y, TOLERANCE);
            assert!(
                (same_row && b.x > a.x) || (!same_row && b.y > a.y && b.x < a.x + TOLERANCE),
                "{}: {a:?} then {b:?}",
                preset.key
            );
        }
    }
}

#[test]
fn avery_5395_is_eight_name_badges_on_letter() {
    let avery = LabelPreset::avery_5395();
    assert_eq!(avery.paper, PaperSize::Letter);
    assert_eq!((avery.columns, avery.rows), (2, 4));
    let rects = avery.label_rects();
    assert_eq!(rects.len(), 8);
    for rect in &rects {
        // 3⅜ in × 2⅓ in = 85.725 mm × 59.2667 mm, i.e. 85.73 × 59.27 to the hundredth.
        assert_eq!(hundredths(rect.width), 8573, "{rect:?}");
        assert_eq!(hundredths(rect.height), 5927, "{rect:?}");
        assert!(close(rect.width, 85.725, TOLERANCE) && close(rect.height, 59.266_666, 1e-5));
    }
    // glabels-qt avery-us-templates.xml: x0=0.6875in y0=0.583333333in dx=3.75in dy=2.5in round=0.1875in.
    assert!(close(rects[0].x, 17.4625, TOLERANCE));
    assert!(close(rects[0].y, 14.816_666, 1e-5));
    assert!(close(rects[1].x - rects[0].x, 95.25, TOLERANCE));
    assert!(close(rects[2].y - rects[0].y, 63.5, TOLERANCE));
    assert!(close(avery.corner_radius_mm, 4.7625, TOLERANCE));
    // The template is symmetric: the right and bottom margins equal the left and top ones.
    assert!(close(215.9 - rects[7].right(), rects[0].x, 1e-5));
    assert!(close(279.4 - rects[7].bottom(), rects[0].y, 1e-5));
    // Die-cut labels: nothing to cut, so no crop marks.
    assert!(!avery.crop_marks && avery.crop_marks().is_empty());
}

#[test]
fn grids_are_centred_cards_with_five_millimetre_gaps() {
    for preset in [LabelPreset::grid_a4(), LabelPreset::grid_letter()] {
        assert_eq!(preset.per_page(), 8, "{}", preset.key);
        assert!(close(preset.label_width_mm, 85.0, TOLERANCE));
        assert!(close(preset.label_height_mm, 55.0, TOLERANCE));
        assert!(close(
            preset.pitch_x_mm - preset.label_width_mm,
            5.0,
            TOLERANCE
        ));
        assert!(close(
            preset.pitch_y_mm - preset.label_height_mm,
            5.0,
            TOLERANCE
        ));
        let rects = preset.label_rects();
        let last = rects[rects.len() - 1];
        assert!(
            close(preset.paper.width_mm() - last.right(), rects[0].x, 1e-9),
            "{}",
            preset.key
        );
        assert!(
            close(preset.paper.height_mm() - last.bottom(), rects[0].y, 1e-9),
            "{}",
            preset.key
        );
    }
    assert_eq!(LabelPreset::grid_a4().paper, PaperSize::A4);
    assert_eq!(LabelPreset::grid_letter().paper, PaperSize::Letter);
}

#[test]
fn single_is_one_centred_four_by_three_inch_badge() {
    for paper in PaperSize::ALL {
        let single = LabelPreset::single(paper);
        let rects = single.label_rects();
        assert_eq!(rects.len(), 1);
        let rect = rects[0];
        assert!(
            close(rect.width, inches(4.0), TOLERANCE) && close(rect.height, inches(3.0), TOLERANCE)
        );
        let page = paper.page().center();
        assert!(close(rect.center().x, page.x, 1e-9) && close(rect.center().y, page.y, 1e-9));
        assert!(single.crop_marks);
    }
}

#[test]
fn crop_marks_continue_every_cut_line_in_the_printable_margin() {
    for preset in LabelPreset::all()
        .into_iter()
        .filter(|preset| preset.crop_marks)
    {
        let marks = preset.crop_marks();
        // Both edges of every column and row (the grids have gaps, so no edge is shared), one mark at each end.
        let expected = 2 * (2 * preset.columns) + 2 * (2 * preset.rows);
        assert_eq!(marks.len(), expected, "{}", preset.key);
        let printable = preset.paper.page().inset(PRINTER_MARGIN_MM);
        let rects = preset.label_rects();
        for mark in &marks {
            assert!(
                close(mark.length_mm(), CROP_MARK_LENGTH_MM, TOLERANCE),
                "{mark:?}"
            );
            let horizontal = close(mark.from.y, mark.to.y, TOLERANCE);
            let vertical = close(mark.from.x, mark.to.x, TOLERANCE);
            assert!(horizontal != vertical, "{mark:?}");
            for end in [mark.from, mark.to] {
                assert!(printable.contains_point(end), "{}: {mark:?}", preset.key);
            }
            // Every mark lines up with a label edge and stays off every label.
            let on_cut_line = rects.iter().any(|rect| {
                if vertical {
                    close(mark.from.x, rect.x, TOLERANCE)
                        || close(mark.from.x, rect.right(), TOLERANCE)
                } else {
                    close(mark.from.y, rect.y, TOLERANCE)
                        || close(mark.from.y, rect.bottom(), TOLERANCE)
                }
            });
            assert!(on_cut_line, "{}: {mark:?}", preset.key);
            let mark_box = Rect::new(
                mark.from.x.min(mark.to.x),
                mark.from.y.min(mark.to.y),
                (mark.to.x - mark.from.x).abs(),
                (mark.to.y - mark.from.y).abs(),
            );
            for rect in &rects {
                let outside = mark_box.right() <= rect.x + TOLERANCE
                    || mark_box.x >= rect.right() - TOLERANCE
                    || mark_box.bottom() <= rect.y + TOLERANCE
                    || mark_box.y >= rect.bottom() - TOLERANCE;
                assert!(outside, "{}: {mark:?} on {rect:?}", preset.key);
            }
        }
    }
}

#[test]
fn pagination_for_typical_run_sizes() {
    for preset in LabelPreset::all() {
        let per_page = preset.per_page();
        for count in [0usize, 1, 8, 9, 200] {
            let placements = preset.place(count);
            assert_eq!(placements.len(), count, "{} {count}", preset.key);
            assert_eq!(
                preset.pages_for(count),
                count.div_ceil(per_page),
                "{} {count}",
                preset.key
            );
            let rects = preset.label_rects();
            for (index, placement) in placements.iter().enumerate() {
                assert_eq!(placement.page, index / per_page);
                assert_eq!(placement.slot, index % per_page);
                assert_eq!(placement.rect, rects[placement.slot]);
            }
            if let Some(last) = placements.last() {
                assert_eq!(last.page + 1, preset.pages_for(count));
            }
        }
    }
    let avery = LabelPreset::avery_5395();
    assert_eq!(
        [0, 1, 8, 9, 200].map(|count| avery.pages_for(count)),
        [0, 1, 1, 2, 25]
    );
    let nine = avery.place(9);
    assert_eq!((nine[7].page, nine[7].slot), (0, 7));
    assert_eq!((nine[8].page, nine[8].slot), (1, 0));
    assert_eq!(LabelPreset::single(PaperSize::A4).pages_for(200), 200);
}

#[test]
fn a_half_used_sheet_can_be_fed_again() {
    let avery = LabelPreset::avery_5395();
    let placements = avery.place_starting_at(3, 6);
    let slots: Vec<(usize, usize)> = placements.iter().map(|p| (p.page, p.slot)).collect();
    assert_eq!(slots, [(0, 6), (0, 7), (1, 0)]);
    assert_eq!(avery.pages_for_starting_at(3, 6), 2);
    assert_eq!(avery.pages_for_starting_at(2, 6), 1);
    // Past the last label means the last label, not a panic or a skipped sheet.
    assert_eq!(avery.place_starting_at(1, 99)[0].slot, 7);
    assert_eq!(avery.pages_for_starting_at(0, 5), 0);
}

#[test]
fn presets_are_found_by_their_key() {
    let all = LabelPreset::all();
    for preset in all {
        assert_eq!(LabelPreset::by_key(preset.key), Some(preset));
        assert!(!preset.name.is_empty());
    }
    let mut keys: Vec<&str> = all.iter().map(|preset| preset.key).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), all.len());
    assert_eq!(LabelPreset::by_key("avery-5160"), None);
}

#[test]
fn paper_sizes() {
    assert_eq!(
        (PaperSize::A4.width_mm(), PaperSize::A4.height_mm()),
        (210.0, 297.0)
    );
    assert!(close(PaperSize::Letter.width_mm(), inches(8.5), 1e-9));
    assert!(close(PaperSize::Letter.height_mm(), inches(11.0), 1e-9));
    assert_eq!(PaperSize::A4.css_size(), "A4");
    assert_eq!(PaperSize::Letter.css_size(), "letter");
}

/// Avery 5160 address labels (2⅝ × 1 in, glabels-qt) as a badge preset: far too small for a 2 in QR code.
fn address_labels() -> LabelPreset {
    LabelPreset {
        key: "avery-5160",
        name: "Avery 5160",
        paper: PaperSize::Letter,
        columns: 3,
        rows: 10,
        label_width_mm: inches(2.625),
        label_height_mm: inches(1.0),
        margin_left_mm: inches(0.15625),
        margin_top_mm: inches(0.5),
        pitch_x_mm: inches(2.78125),
        pitch_y_mm: inches(1.0),
        corner_radius_mm: inches(0.0625),
        crop_marks: false,
    }
}

#[test]
fn a_label_too_small_for_a_two_inch_qr_is_refused() {
    let problem = address_labels().check();
    assert!(
        matches!(problem, Err(PresetProblem::Layout(_))),
        "{problem:?}"
    );
}

#[test]
fn broken_presets_are_refused_not_drawn() {
    let base = LabelPreset::grid_a4();
    let overlapping = LabelPreset {
        pitch_x_mm: 80.0,
        ..base
    };
    assert_eq!(
        overlapping.check(),
        Err(PresetProblem::LabelsOverlap {
            first: 0,
            second: 1
        })
    );
    let off_page = LabelPreset {
        margin_left_mm: 60.0,
        ..base
    };
    assert_eq!(
        off_page.check(),
        Err(PresetProblem::LabelOffPage { index: 1 })
    );
    let empty = LabelPreset { columns: 0, ..base };
    assert_eq!(empty.check(), Err(PresetProblem::EmptyGrid));
    assert!(empty.label_rects().is_empty() && empty.place(5).is_empty());
    assert_eq!(empty.pages_for(5), 0);
    let not_a_number = LabelPreset {
        label_width_mm: f64::NAN,
        ..base
    };
    assert_eq!(not_a_number.check(), Err(PresetProblem::InvalidDimension));
    let too_round = LabelPreset {
        corner_radius_mm: 10.0,
        ..base
    };
    assert!(matches!(
        too_round.check(),
        Err(PresetProblem::CornerTooRound { .. })
    ));
    let marks_off_the_printable_area = LabelPreset {
        margin_top_mm: 5.0,
        ..base
    };
    assert_eq!(
        marks_off_the_printable_area.check(),
        Err(PresetProblem::CropMarkNotPrintable)
    );
}

#[test]
fn crop_marks_between_butted_cards_are_refused_when_they_would_land_on_a_badge() {
    // A grid whose cards touch has shared cut lines (counted once) and no room between cards; the marks stay in the
    // outer margin, so the preset is still fine.
    let butted = LabelPreset {
        pitch_x_mm: 85.0,
        pitch_y_mm: 55.0,
        ..LabelPreset::grid_a4()
    };
    assert_eq!(butted.check(), Ok(()));
    assert_eq!(butted.crop_marks().len(), 2 * 3 + 2 * 5);
}

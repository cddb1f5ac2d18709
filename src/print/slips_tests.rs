use chrono::{TimeZone, Utc};
use qrpin::badge::{PaperSize, Rect, PRINTER_MARGIN_MM};
use qrpin::batch::{
    BadgeWindow, CreateVia, Decision, ItemOutcome, KnownMethod, PlannedUser, RunEntry, SkipReason,
    TeamMember,
};
use qrpin::model::QrCode;

use super::*;
use crate::print::text::text_width_em;

const EPSILON: f64 = 1e-6;

fn text(name: &str, upn: &str, pin: &str) -> SlipText {
    SlipText {
        name: name.into(),
        upn: upn.into(),
        pin_label: "Your temporary PIN".into(),
        pin: pin.into(),
        instructions:
            "Sign in with your badge and this PIN. You will be asked to choose a new PIN \
                       at your first sign-in; you can also change it in the portal:"
                .into(),
        url: pin_page_url("https://badges.contoso.com"),
    }
}

/// Every line of a block lies inside `area`: its glyphs' box (ascent to descent) and its width.
fn assert_inside(block: &TextBlock, area: Rect, what: &str) {
    for line in &block.lines {
        let top = line.baseline - block.font_mm * BASELINE;
        let bottom = top + block.font_mm * LINE_HEIGHT;
        let width = line
            .squeeze_to_mm
            .unwrap_or(text_width_em(&line.text, block.bold) * block.font_mm);
        assert!(
            line.x >= area.x - EPSILON
                && line.x + width <= area.right() + EPSILON
                && top >= area.y - EPSILON
                && bottom <= area.bottom() + EPSILON,
            "{what}: {:?} ({width:.2} mm wide, {top:.2}–{bottom:.2}) leaves {area:?}",
            line.text
        );
    }
}

fn block_span(block: &TextBlock) -> Option<(f64, f64)> {
    let first = block.lines.first()?;
    let top = first.baseline - block.font_mm * BASELINE;
    Some((top, top + block.height()))
}

#[test]
fn eight_slips_fill_a_sheet_on_both_papers_inside_every_printers_margin() {
    for paper in PaperSize::ALL {
        let sheet = SlipSheet::new(paper);
        let printable = paper.page().inset(PRINTER_MARGIN_MM);
        let slots = sheet.slot_rects();
        assert_eq!(slots.len(), SLIPS_PER_PAGE, "{paper:?}");
        for (index, slot) in slots.iter().enumerate() {
            assert!(printable.contains(slot), "{paper:?} slip {index}");
            assert!((slot.width - SLIP_WIDTH_MM).abs() < EPSILON);
            assert!((slot.height - SLIP_HEIGHT_MM).abs() < EPSILON);
            for other in &slots[index + 1..] {
                assert!(!slot.overlaps(other), "{paper:?}: {slot:?} and {other:?}");
            }
        }
        // Row-major and butted: the second slip starts where the first ends; the third under it.
        assert!((slots[1].x - slots[0].right()).abs() < EPSILON);
        assert!((slots[2].y - slots[0].bottom()).abs() < EPSILON);
        // Centred, so a sheet cut from either side comes out the same.
        let block = sheet.block();
        assert!((block.x - (paper.width_mm() - block.right())).abs() < EPSILON);
        assert!((block.y - (paper.height_mm() - block.bottom())).abs() < EPSILON);
    }
}

#[test]
fn crop_marks_continue_every_cut_in_the_margin_and_never_touch_a_slip() {
    for paper in PaperSize::ALL {
        let sheet = SlipSheet::new(paper);
        let printable = paper.page().inset(PRINTER_MARGIN_MM);
        let block = sheet.block();
        let marks = sheet.crop_marks();
        // Both ends of 3 vertical and 5 horizontal cuts.
        assert_eq!(
            marks.len(),
            2 * (SLIP_COLUMNS + 1) + 2 * (SLIP_ROWS + 1),
            "{paper:?}"
        );
        for mark in &marks {
            assert!((mark.length_mm() - CROP_MARK_LENGTH_MM).abs() < EPSILON);
            for end in [mark.from, mark.to] {
                assert!(
                    printable.contains_point(end),
                    "{paper:?}: {mark:?} unprintable"
                );
                assert!(
                    !block.inset(-1.0).contains_point(end),
                    "{paper:?}: {mark:?} on a slip"
                );
            }
            let vertical = (mark.from.x - mark.to.x).abs() < EPSILON;
            let on_cut = sheet.cut_lines().iter().any(|cut| {
                if vertical {
                    (cut.from.x - mark.from.x).abs() < EPSILON
                        && (cut.to.x - mark.from.x).abs() < EPSILON
                } else {
                    (cut.from.y - mark.from.y).abs() < EPSILON
                        && (cut.to.y - mark.from.y).abs() < EPSILON
                }
            });
            assert!(on_cut, "{paper:?}: {mark:?} continues no cut");
        }
    }
}

#[test]
fn dashed_cut_lines_run_along_every_slip_edge() {
    let sheet = SlipSheet::new(PaperSize::A4);
    let cuts = sheet.cut_lines();
    assert_eq!(cuts.len(), (SLIP_COLUMNS + 1) + (SLIP_ROWS + 1));
    for slot in sheet.slot_rects() {
        let on = |x0: f64, y0: f64, x1: f64, y1: f64| {
            cuts.iter().any(|cut| {
                let (lo_x, hi_x) = (cut.from.x.min(cut.to.x), cut.from.x.max(cut.to.x));
                let (lo_y, hi_y) = (cut.from.y.min(cut.to.y), cut.from.y.max(cut.to.y));
                x0 >= lo_x - EPSILON
                    && x1 <= hi_x + EPSILON
                    && y0 >= lo_y - EPSILON
                    && y1 <= hi_y + EPSILON
            })
        };
        assert!(on(slot.x, slot.y, slot.right(), slot.y), "top of {slot:?}");
        assert!(
            on(slot.x, slot.bottom(), slot.right(), slot.bottom()),
            "bottom"
        );
        assert!(
            on(slot.x, slot.y, slot.x, slot.bottom()),
            "left of {slot:?}"
        );
        assert!(
            on(slot.right(), slot.y, slot.right(), slot.bottom()),
            "right"
        );
    }
}

#[test]
fn the_caption_sits_above_the_crop_marks_inside_the_margin() {
    let caption =
        "Temporary PINs: cut along the dashed lines and give each slip to its person only.";
    for paper in PaperSize::ALL {
        let sheet = SlipSheet::new(paper);
        let block = sheet.block();
        let printable = paper.page().inset(PRINTER_MARGIN_MM);
        let words = sheet.caption(caption);
        assert_eq!(words.lines.len(), 1, "{paper:?}");
        let (top, bottom) = block_span(&words).expect("a line");
        let highest_mark = block.y - CROP_MARK_OFFSET_MM - CROP_MARK_LENGTH_MM;
        assert!(top >= printable.y, "{paper:?}: caption at {top:.2} mm");
        assert!(
            bottom <= highest_mark + EPSILON,
            "{paper:?}: caption on the marks"
        );
        assert_inside(
            &words,
            Rect::new(block.x, top, block.width, bottom - top),
            "caption",
        );
    }
}

#[test]
fn sheets_hold_eight_slips_each() {
    assert_eq!(pages_for(0), 0);
    assert_eq!(pages_for(1), 1);
    assert_eq!(pages_for(8), 1);
    assert_eq!(pages_for(9), 2);
    assert_eq!(pages_for(40), 5);
}

#[test]
fn a_slip_stacks_its_words_inside_its_padding_with_the_pin_large_and_whole() {
    let sheet = SlipSheet::new(PaperSize::Letter);
    for slot in sheet.slot_rects() {
        let drawing = draw_slip(
            slot,
            &text("Alex Wilber", "alex.wilber@contoso.com", "58203914"),
        );
        let inner = slot.inset(SLIP_PADDING_MM);
        let mut bottom_so_far = inner.y;
        for block in &drawing.above {
            assert_inside(block, inner, block.class);
            let (top, bottom) = block_span(block).expect("words");
            assert!(
                top >= bottom_so_far - EPSILON,
                "{} overlaps the block above",
                block.class
            );
            bottom_so_far = bottom;
        }
        let pin = &drawing.pin;
        assert_eq!(
            pin.text, "58203914",
            "the PIN as Entra generated it, not regrouped"
        );
        assert!(
            (pin.font_mm - PIN_FONT_MM).abs() < EPSILON,
            "eight digits at full size"
        );
        let pin_top = pin.baseline - pin.font_mm * BASELINE;
        assert!(
            pin_top >= bottom_so_far - EPSILON,
            "the PIN overlaps its label"
        );
        assert!(pin.x >= inner.x && pin.x + pin.width() <= inner.right() + EPSILON);
        bottom_so_far = pin_top + pin.font_mm * LINE_HEIGHT;
        for block in &drawing.below {
            assert_inside(block, inner, block.class);
            let (top, bottom) = block_span(block).expect("words");
            assert!(
                top >= bottom_so_far - EPSILON,
                "{} overlaps the PIN",
                block.class
            );
            bottom_so_far = bottom;
        }
        assert!(bottom_so_far <= inner.bottom() + EPSILON);
        // Centred: as much room above the name as below the portal's address.
        let (name_top, _) = block_span(&drawing.above[0]).expect("a name");
        let above = name_top - inner.y;
        let below = inner.bottom() - bottom_so_far;
        assert!(
            (above - below).abs() < 1e-3 && above > 0.0,
            "{above:.2} mm above, {below:.2} mm below"
        );
    }
}

#[test]
fn the_longest_pin_shrinks_to_fit_on_one_line_and_long_names_stay_inside() {
    let slot = SlipSheet::new(PaperSize::A4).slot_rects()[3];
    let inner = slot.inset(SLIP_PADDING_MM);
    let longest = "1".repeat(qrpin::rules::PIN_MAX_LEN);
    let drawing = draw_slip(
        slot,
        &text(
            "Maximilian Schwarzenberger-Oberhäuser von Hohenzollern-Sigmaringen",
            "maximilian.schwarzenberger-oberhaeuser@frontline-logistik.contoso.onmicrosoft.com",
            &longest,
        ),
    );
    assert_eq!(drawing.pin.text, longest);
    assert!(drawing.pin.font_mm < PIN_FONT_MM && drawing.pin.font_mm > 6.0);
    assert!(drawing.pin.x + drawing.pin.width() <= inner.right() + EPSILON);
    for block in drawing.above.iter().chain(&drawing.below) {
        assert_inside(block, inner, block.class);
    }
    // Broken at spaces and after hyphens only: every piece ends where a word or a hyphen does.
    let name = "Maximilian Schwarzenberger-Oberhäuser von Hohenzollern-Sigmaringen";
    for line in &drawing.above[0].lines {
        for piece in line.text.split(' ') {
            let at = name.find(piece).expect("a piece of the name");
            let next = name[at + piece.len()..].chars().next();
            assert!(
                piece.ends_with('-') || matches!(next, None | Some(' ')),
                "{piece:?} splits a word"
            );
        }
    }
}

#[test]
fn the_portal_url_is_its_pin_page() {
    assert_eq!(
        pin_page_url("https://badges.contoso.com"),
        "https://badges.contoso.com/pin"
    );
    assert_eq!(
        pin_page_url("http://127.0.0.1:8080/"),
        "http://127.0.0.1:8080/pin"
    );
}

fn entry(n: u32, decision: Decision, outcome: Option<ItemOutcome>) -> RunEntry {
    RunEntry {
        planned: PlannedUser {
            member: TeamMember {
                id: format!("id-{n}"),
                upn: format!("worker{n}@contoso.com"),
                display_name: format!("Worker {n}"),
                method: KnownMethod::NoMethod,
            },
            decision,
        },
        attempts: 1,
        last_outcome: outcome,
        retries_stopped: false,
    }
}

#[test]
fn only_people_with_a_new_temporary_pin_get_a_slip_in_the_runs_order() {
    let start = Utc
        .with_ymd_and_hms(2026, 3, 9, 8, 0, 0)
        .single()
        .expect("a date");
    let window = BadgeWindow {
        start,
        expire: start + chrono::Duration::days(365),
    };
    let create = |via| Decision::Create { via, window };
    let created = |pin: Option<&str>| {
        Some(ItemOutcome::Created {
            code: QrCode::default(),
            pin: pin.map(str::to_string),
        })
    };
    let entries = [
        entry(1, create(CreateVia::PutMethod), created(Some("11112222"))),
        entry(2, Decision::Skip(SkipReason::HasActiveCode), None),
        // A code added to an existing method: the person keeps their PIN.
        entry(3, create(CreateVia::PatchStandardCode), created(None)),
        entry(
            4,
            create(CreateVia::PutMethod),
            Some(ItemOutcome::Failed {
                status: Some(403),
                code: "accessDenied".into(),
                message: String::new(),
                request_id: Some("r-4".into()),
                retriable: false,
            }),
        ),
        entry(5, create(CreateVia::PutMethod), None),
        entry(6, create(CreateVia::PutMethod), created(Some(" 33334444 "))),
    ];
    let slips = slips_of(&entries);
    let summary: Vec<(&str, &str, &str)> = slips
        .iter()
        .map(|s| (s.name.as_str(), s.upn.as_str(), s.pin.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("Worker 1", "worker1@contoso.com", "11112222"),
            ("Worker 6", "worker6@contoso.com", "33334444"),
        ]
    );
}

#[test]
fn debug_output_never_shows_a_pin() {
    let slip = PinSlip {
        name: "Alex Wilber".into(),
        upn: "alex.wilber@contoso.com".into(),
        pin: "58203914".into(),
    };
    let slip_text = text("Alex Wilber", "alex.wilber@contoso.com", "58203914");
    let drawing = draw_slip(SlipSheet::new(PaperSize::A4).slot_rects()[0], &slip_text);
    for shown in [
        format!("{slip:?}"),
        format!("{slip_text:?}"),
        format!("{drawing:?}"),
    ] {
        assert!(
            shown.contains("Alex Wilber") || shown.contains("PinLine"),
            "{shown}"
        );
        assert!(!shown.contains("58203914"), "{shown}");
    }
}

use qrpin::badge::{LabelPreset, PaperSize, Rect, QR_MIN_SIDE_MM, SAFE_MARGIN_MM};

use super::*;
use crate::print::text::text_width_em;

fn contents(page: &SheetPage) -> Vec<SlotContent> {
    page.slots.iter().map(|slot| slot.content).collect()
}

fn text() -> BadgeText {
    BadgeText {
        organisation: "Contoso Frontline".into(),
        name: "Alex Wilber".into(),
        upn: "alex.wilber@contoso.onmicrosoft.com".into(),
        validity: "Valid 9 Mar 2026 – 9 Mar 2027".into(),
        instructions: INSTRUCTIONS.into(),
    }
}

const INSTRUCTIONS: &str = "Sign in with a QR code: scan this badge, then enter your PIN.";
const RULER_CAPTION: &str =
    "This bar should measure 50 mm. If it does not, print again at 100 % (“Actual size”).";

#[test]
fn nine_badges_fill_one_avery_sheet_and_start_the_next() {
    let pages = sheet_pages(&LabelPreset::avery_5395(), 9, 0);
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].number, 1);
    assert_eq!(
        pages[0].badges().collect::<Vec<_>>(),
        (0..8).collect::<Vec<_>>()
    );
    assert_eq!(pages[1].badges().collect::<Vec<_>>(), vec![8]);
    assert_eq!(
        contents(&pages[1])[1..].to_vec(),
        vec![SlotContent::Blank; 7]
    );
}

#[test]
fn a_partly_used_sheet_starts_at_the_chosen_label() {
    let preset = LabelPreset::avery_5395();
    let pages = sheet_pages(&preset, 1, 5);
    assert_eq!(pages.len(), 1);
    let mut expected = vec![SlotContent::Used; 5];
    expected.extend([
        SlotContent::Badge(0),
        SlotContent::Blank,
        SlotContent::Blank,
    ]);
    assert_eq!(contents(&pages[0]), expected);
    // Label 6 is the right-hand label of the third row.
    assert_eq!(pages[0].slots[5].rect, preset.label_rects()[5]);

    let pages = sheet_pages(&preset, 3, 6);
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].badges().collect::<Vec<_>>(), vec![0, 1]);
    assert_eq!(contents(&pages[1])[0], SlotContent::Badge(2));
    assert!(!contents(&pages[1]).contains(&SlotContent::Used));
}

#[test]
fn a_start_past_the_last_label_means_the_last_label() {
    let pages = sheet_pages(&LabelPreset::grid_a4(), 1, 99);
    assert_eq!(contents(&pages[0])[7], SlotContent::Badge(0));
}

#[test]
fn no_badges_no_sheets_and_single_layouts_give_one_sheet_per_badge() {
    assert!(sheet_pages(&LabelPreset::grid_letter(), 0, 0).is_empty());
    let pages = sheet_pages(&LabelPreset::single(PaperSize::A4), 2, 0);
    assert_eq!(pages.len(), 2);
    assert_eq!(contents(&pages[1]), vec![SlotContent::Badge(1)]);
}

fn assert_fits(block: &TextBlock, area: Rect) {
    for line in &block.lines {
        let width = text_width_em(&line.text, block.bold) * block.font_mm;
        let width = line.squeeze_to_mm.map_or(width, |squeezed| squeezed);
        assert!(
            line.x >= area.x - 1e-9,
            "{} starts left of its area",
            block.class
        );
        assert!(
            line.x + width <= area.right() + 1e-6,
            "{}: {:?} too wide",
            block.class,
            line.text
        );
        let bottom = line.baseline + block.font_mm * (LINE_HEIGHT - BASELINE);
        assert!(
            bottom <= area.bottom() + 1e-6,
            "{}: {:?} below the badge",
            block.class,
            line.text
        );
    }
}

#[test]
fn every_preset_draws_a_qr_of_at_least_2_in_and_text_beside_it() {
    for preset in LabelPreset::all() {
        for placement in preset.place(preset.per_page()) {
            let label = placement.rect;
            let badge = draw_badge(label, &text(), false).expect("every preset holds a badge");
            assert!(badge.qr.width >= QR_MIN_SIDE_MM - 1e-9, "{}", preset.key);
            assert_eq!(badge.qr.width, badge.qr.height);
            assert!(
                label.inset(SAFE_MARGIN_MM - 1e-9).contains(&badge.qr),
                "{}",
                preset.key
            );
            let text_area = Rect::new(
                badge.qr.right(),
                label.y,
                label.right() - SAFE_MARGIN_MM - badge.qr.right(),
                label.height - SAFE_MARGIN_MM,
            );
            for block in &badge.blocks {
                assert!(!block.lines.is_empty(), "{} {}", preset.key, block.class);
                assert_fits(block, text_area);
            }
            // The lines hold every character (spaces at line breaks aside).
            let letters = |class| {
                badge.blocks.iter().find(|b| b.class == class).map(|b| {
                    b.lines
                        .iter()
                        .map(|l| l.text.replace(' ', ""))
                        .collect::<String>()
                })
            };
            assert_eq!(
                letters("badge-upn").as_deref(),
                Some("alex.wilber@contoso.onmicrosoft.com")
            );
            assert_eq!(letters("badge-name").as_deref(), Some("AlexWilber"));
            assert_eq!(
                letters("badge-organisation").as_deref(),
                Some("ContosoFrontline")
            );
        }
    }
}

#[test]
fn text_blocks_stack_top_to_bottom_without_overlap_or_holes() {
    for preset in LabelPreset::all() {
        let label = preset.label_rects()[0];
        let badge = draw_badge(label, &text(), false).expect("badge");
        let mut previous_bottom = label.y + SAFE_MARGIN_MM - 1e-9;
        let mut gaps = Vec::new();
        for block in &badge.blocks {
            let top = block.lines[0].baseline - block.font_mm * BASELINE;
            assert!(
                top >= previous_bottom - 1e-9,
                "{} {} overlaps",
                preset.key,
                block.class
            );
            gaps.push(top - previous_bottom);
            previous_bottom = top + block.height();
        }
        assert!(
            previous_bottom <= label.bottom() - SAFE_MARGIN_MM + 1e-9,
            "{}",
            preset.key
        );
        // Between blocks at most the block gap: a one-line name leaves no hole.
        assert!(
            gaps[1..].iter().all(|gap| *gap <= 1.6 + 1e-9),
            "{} {gaps:?}",
            preset.key
        );
        // The stack is centred on the text column, which is centred on the label.
        let first_top = badge.blocks[0].lines[0].baseline - badge.blocks[0].font_mm * BASELINE;
        let above = first_top - label.y;
        let below = label.bottom() - previous_bottom;
        assert!(
            (above - below).abs() < 1e-6,
            "{}: {above} above, {below} below",
            preset.key
        );
    }
}

#[test]
fn a_logo_takes_the_start_of_the_organisation_line() {
    let label = LabelPreset::avery_5395().label_rects()[0];
    let badge = draw_badge(label, &text(), true).expect("badge");
    let logo = badge.logo.expect("logo box");
    let organisation = &badge.blocks[0];
    assert!(organisation.lines[0].x >= logo.right());
    assert!(logo.x >= badge.qr.right());
    assert!(logo.height > 0.0 && logo.width <= 3.0 * logo.height + 1e-9);
    // The name starts below the logo's row.
    let name = &badge.blocks[1];
    assert!(name.lines[0].baseline - name.font_mm * BASELINE >= logo.bottom() - 1e-9);
    assert!(label.contains(&logo));
}

#[test]
fn the_ruler_is_50_mm_in_the_printable_top_margin_clear_of_labels_and_crop_marks() {
    for preset in LabelPreset::all() {
        let ruler = ruler(&preset, RULER_CAPTION);
        assert_eq!(ruler.bar.width, RULER_MM);
        assert_eq!(ruler.ticks.len(), 6);
        for tick in &ruler.ticks {
            assert!(tick.x >= ruler.bar.x && tick.right() <= ruler.bar.right() + 1e-9);
            assert!(
                tick.bottom() <= ruler.bar.y + 1e-9,
                "ticks stand on the bar"
            );
        }
        let printable = preset.paper.page().inset(qrpin::badge::PRINTER_MARGIN_MM);
        assert!(printable.contains(&ruler.bounds), "{}", preset.key);
        for label in preset.label_rects() {
            assert!(!label.overlaps(&ruler.bounds), "{}", preset.key);
        }
        for mark in preset.crop_marks() {
            let segment = Rect::new(
                mark.from.x.min(mark.to.x),
                mark.from.y.min(mark.to.y),
                (mark.from.x - mark.to.x).abs(),
                (mark.from.y - mark.to.y).abs(),
            );
            let apart = segment.right() < ruler.bounds.x
                || segment.x > ruler.bounds.right()
                || segment.bottom() < ruler.bounds.y
                || segment.y > ruler.bounds.bottom();
            assert!(
                apart,
                "{}: crop mark {mark:?} touches the ruler",
                preset.key
            );
        }
        assert!(ruler
            .caption
            .lines
            .iter()
            .all(|l| l.squeeze_to_mm.is_none()));
        assert_fits(&ruler.caption, ruler.bounds);
        let caption: Vec<_> = ruler
            .caption
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(caption.join(" "), RULER_CAPTION);
    }
}

/// German words are long: every block of a German badge, without an organisation name, stays inside
/// its text column on every preset, and no word is split unless the smallest font needs it.
#[test]
fn german_badge_text_stays_inside_every_label() {
    let german = BadgeText {
        organisation: String::new(),
        name: "Maximiliane Wolfeschlegelsteinhausen-Bergerdorff".into(),
        upn: "maximiliane.wolfeschlegelsteinhausen@contoso-frontline.onmicrosoft.com".into(),
        validity: "Temporärer Code, gültig 1.\u{a0}Dez.\u{a0}2026,\u{a0}14:00\u{a0}– 2.\u{a0}Dez.\u{a0}2026,\u{a0}02:00".into(),
        instructions: "Anmeldung mit QR-Code: Scannen Sie diesen Ausweis und geben Sie dann Ihre PIN ein.".into(),
    };
    for preset in LabelPreset::all() {
        for with_logo in [false, true] {
            let label = preset.label_rects()[0];
            let badge = draw_badge(label, &german, with_logo).expect("badge");
            let text_area = Rect::new(
                badge.qr.right(),
                label.y,
                label.right() - SAFE_MARGIN_MM - badge.qr.right(),
                label.height - SAFE_MARGIN_MM,
            );
            assert!(
                badge.blocks[0].lines.is_empty(),
                "no organisation, no words"
            );
            for block in &badge.blocks {
                assert_fits(block, text_area);
            }
            let instructions = badge
                .blocks
                .iter()
                .find(|b| b.class == "badge-instructions")
                .expect("instructions");
            let words: Vec<&str> = german.instructions.split(' ').collect();
            if instructions.font_mm > crate::print::text::MIN_FONT_MM {
                for line in &instructions.lines {
                    for piece in line.text.split(' ') {
                        assert!(words.contains(&piece), "{}: {piece:?} split", preset.key);
                    }
                }
            }
        }
    }
}

//! Printed PIN slips: one inline SVG per sheet, its `viewBox` and `width`/`height` the paper in
//! millimetres like the badge sheets (`badge_sheet.rs`), so slips and crop marks land at their true
//! size. What goes where is `print::slips`'s; this only draws it. No QR code is drawn here.

use leptos::prelude::*;
use qrpin::badge::{CropMark, PaperSize};

use super::badge_sheet::text_view;
use crate::locale::{t_string, use_i18n};
use crate::print::slips::{draw_slip, SlipSheet, SlipText, PIN_FONT_FAMILY, SLIPS_PER_PAGE};
use crate::print::text::mm;

/// The class that selects the CSS named page (`@page a4` / `@page letter`, `style/app.css`).
fn paper_class(paper: PaperSize) -> &'static str {
    match paper {
        PaperSize::A4 => "sheet slip-sheet paper-a4",
        PaperSize::Letter => "sheet slip-sheet paper-letter",
    }
}

/// Every sheet of slips for `slips` on `paper`, eight to a sheet, in order.
#[component]
pub fn PinSlipSheets(paper: PaperSize, slips: Vec<SlipText>, caption: String) -> impl IntoView {
    let i18n = use_i18n();
    let sheet = SlipSheet::new(paper);
    let page = paper.page();
    let (width, height) = (mm(page.width), mm(page.height));
    let total = slips.len().div_ceil(SLIPS_PER_PAGE);
    let caption = sheet.caption(&caption);
    slips
        .chunks(SLIPS_PER_PAGE)
        .enumerate()
        .map(|(index, on_sheet)| {
            let names = on_sheet
                .iter()
                .map(|slip| slip.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            // Names only: the PINs are drawn, never put in the accessible name of the sheet.
            let label = t_string!(
                i18n,
                print.slips.sheet_label,
                number = index + 1,
                total = total,
                names = names
            )
            .to_string();
            let drawn = sheet
                .slot_rects()
                .into_iter()
                .zip(on_sheet)
                .map(|(rect, slip)| slip_view(draw_slip(rect, slip)))
                .collect_view();
            view! {
                <div class=paper_class(paper)>
                    <svg
                        class="sheet-svg"
                        xmlns="http://www.w3.org/2000/svg"
                        width=format!("{width}mm")
                        height=format!("{height}mm")
                        viewBox=format!("0 0 {width} {height}")
                        role="img"
                        aria-label=label
                    >
                        <rect width=width.clone() height=height.clone() fill="#ffffff"></rect>
                        {text_view(&caption)}
                        <g class="slip-cuts">{lines(&sheet.cut_lines(), true)}</g>
                        <g class="crop-marks">{lines(&sheet.crop_marks(), false)}</g>
                        {drawn}
                    </svg>
                </div>
            }
        })
        .collect_view()
}

/// Crop marks are solid black; the cut lines across the sheet light grey and dashed.
fn lines(segments: &[CropMark], dashed: bool) -> impl IntoView {
    let (stroke, dash) = if dashed {
        ("#8a94a6", Some("2 1.5"))
    } else {
        ("#000000", None)
    };
    segments
        .iter()
        .map(|line| {
            view! {
                <line
                    x1=mm(line.from.x)
                    y1=mm(line.from.y)
                    x2=mm(line.to.x)
                    y2=mm(line.to.y)
                    stroke=stroke
                    stroke-width="0.25"
                    stroke-dasharray=dash
                ></line>
            }
        })
        .collect_view()
}

fn slip_view(drawing: crate::print::slips::SlipDrawing) -> impl IntoView {
    let pin = drawing.pin;
    view! {
        <g class="slip">
            {drawing.above.iter().map(text_view).collect_view()}
            <text
                class="slip-pin"
                x=mm(pin.x)
                y=mm(pin.baseline)
                font-size=mm(pin.font_mm)
                font-weight="700"
                font-family=PIN_FONT_FAMILY
                fill="#000000"
            >
                {pin.text}
            </text> {drawing.below.iter().map(text_view).collect_view()}
        </g>
    }
}

//! Printed badge sheets: one inline SVG per sheet whose `viewBox` is the paper in millimetres and
//! whose `width`/`height` are the paper in `mm`, so every badge, crop mark and QR module lands at
//! its true physical size. Geometry comes from `qrpin::badge` through `crate::print::layout`; the CSP
//! (`style-src 'self'`) rules out inline styles, so sizes are SVG attributes and paper sizes are
//! CSS named pages chosen by class (the badge sheet section of `style/app.css`).
//!
//! Everything printed is in the printing person's current language (`print.json`); dates are the
//! unambiguous "1 Dec 2026" of `locale::intl::date`, never a numeric date.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use qrpin::badge::{CropMark, LabelPreset, PaperSize, Rect};
use qrpin::qr::{matrix_from_image, svg_path_data, QrMatrix, QUIET_ZONE};

use crate::locale::{t, t_string, use_i18n, Locale};
use crate::print::layout::{
    draw_badge, ruler, sheet_pages, BadgeText, Ruler, SheetPage, SlotContent, TextBlock,
};
use crate::print::queue::BadgeToPrint;
use crate::print::text::{mm, Validity, FONT_FAMILY};
use crate::print::words::{preset_name, validity_words};

/// A queued badge ready for the sheet: its words and its QR matrix at Graph's version and level.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetBadge {
    pub text: BadgeText,
    pub matrix: QrMatrix,
}

/// Why a queued code cannot be printed (the page words it, naming the holder).
#[derive(Clone, Debug, PartialEq)]
pub enum PrintProblem {
    /// Graph's answer had no image.
    NoImage { holder: String },
    /// The image could not be drawn; qrpin's technical reason.
    CannotDraw { holder: String, reason: String },
}

impl SheetBadge {
    /// Draws the code from `image.rawContent` and words the badge in the language shown now (call
    /// it inside a reactive closure); a code without a usable image cannot be printed.
    /// `organisation` is printed as configured, or not at all.
    pub fn from_queue(
        i18n: I18nContext<Locale>,
        badge: &BadgeToPrint,
        organisation: Option<&str>,
    ) -> Result<Self, PrintProblem> {
        let image = badge
            .code
            .image
            .as_ref()
            .ok_or_else(|| PrintProblem::NoImage {
                holder: badge.holder.clone(),
            })?;
        let matrix = matrix_from_image(image).map_err(|problem| PrintProblem::CannotDraw {
            holder: badge.holder.clone(),
            reason: problem.to_string(),
        })?;
        let validity = Validity::of(badge.code.start_date_time, badge.code.expire_date_time);
        Ok(Self {
            text: BadgeText {
                organisation: organisation.unwrap_or_default().to_string(),
                name: badge.holder.clone(),
                upn: badge.upn.clone(),
                validity: validity_words(i18n, validity, badge.temporary),
                instructions: t_string!(i18n, print.badge.instructions).to_string(),
            },
            matrix,
        })
    }
}

/// The class that selects the CSS named page (`@page a4` / `@page letter`) for a sheet.
fn paper_class(paper: PaperSize) -> &'static str {
    match paper {
        PaperSize::A4 => "sheet paper-a4",
        PaperSize::Letter => "sheet paper-letter",
    }
}

/// Every sheet of a print run on `preset`, starting at label `first_slot` (0-based) of the first.
#[component]
pub fn BadgeSheets(
    preset: LabelPreset,
    badges: Vec<SheetBadge>,
    #[prop(optional)] first_slot: usize,
    logo_url: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pages = sheet_pages(&preset, badges.len(), first_slot);
    let total = pages.len();
    let ruler = ruler(&preset, t_string!(i18n, print.sheet.ruler));
    let crop_marks = preset.crop_marks();
    pages
        .into_iter()
        .map(|page| {
            let sheet = Sheet {
                i18n,
                preset: &preset,
                page: &page,
                total,
                badges: &badges,
                ruler: &ruler,
                crop_marks: &crop_marks,
                logo_url: logo_url.as_deref(),
            };
            sheet.view()
        })
        .collect_view()
}

struct Sheet<'a> {
    i18n: I18nContext<Locale>,
    preset: &'a LabelPreset,
    page: &'a SheetPage,
    total: usize,
    badges: &'a [SheetBadge],
    ruler: &'a Ruler,
    crop_marks: &'a [CropMark],
    logo_url: Option<&'a str>,
}

impl Sheet<'_> {
    fn label(&self) -> String {
        let names: Vec<&str> = self
            .page
            .badges()
            .filter_map(|index| self.badges.get(index))
            .map(|badge| badge.text.name.as_str())
            .collect();
        let i18n = self.i18n;
        let (number, total) = (self.page.number, self.total);
        let layout = preset_name(i18n, self.preset);
        let names = names.join(", ");
        if self.page.badges().count() == 1 {
            t_string!(
                i18n,
                print.sheet.label_single,
                number = number,
                total = total,
                layout = layout,
                names = names
            )
            .to_string()
        } else {
            t_string!(
                i18n,
                print.sheet.label_several,
                number = number,
                total = total,
                layout = layout,
                names = names
            )
            .to_string()
        }
    }

    fn view(self) -> impl IntoView {
        let page = self.preset.paper.page();
        let (width, height) = (mm(page.width), mm(page.height));
        let slots = self
            .page
            .slots
            .iter()
            .map(|slot| {
                let outline = outline(
                    self.i18n,
                    slot.rect,
                    self.preset.corner_radius_mm,
                    slot.content,
                );
                let badge = match slot.content {
                    SlotContent::Badge(index) => self
                        .badges
                        .get(index)
                        .map(|badge| badge_view(slot.rect, badge, self.logo_url)),
                    _ => None,
                };
                view! {
                    {outline}
                    {badge}
                }
            })
            .collect_view();
        let marks = self
            .crop_marks
            .iter()
            .map(|mark| {
                view! {
                    <line
                        x1=mm(mark.from.x)
                        y1=mm(mark.from.y)
                        x2=mm(mark.to.x)
                        y2=mm(mark.to.y)
                        stroke="#000000"
                        stroke-width="0.25"
                    ></line>
                }
            })
            .collect_view();
        view! {
            <div class=paper_class(self.preset.paper)>
                <svg
                    class="sheet-svg"
                    xmlns="http://www.w3.org/2000/svg"
                    width=format!("{width}mm")
                    height=format!("{height}mm")
                    viewBox=format!("0 0 {width} {height}")
                    role="img"
                    aria-label=self.label()
                >
                    <rect width=width.clone() height=height.clone() fill="#ffffff"></rect>
                    {ruler_view(self.ruler)}
                    <g class="crop-marks">{marks}</g>
                    {slots}
                </svg>
            </div>
        }
    }
}

/// The label's outline, on screen only (die-cut sheets are already cut; grids have crop marks).
fn outline(
    i18n: I18nContext<Locale>,
    rect: Rect,
    radius: f64,
    content: SlotContent,
) -> impl IntoView {
    let (class, fill) = match content {
        SlotContent::Used => ("label-outline label-used", "#d5dae1"),
        _ => ("label-outline", "none"),
    };
    let note = (content == SlotContent::Used).then(|| {
        let center = rect.center();
        view! {
            <text
                class="label-outline"
                x=mm(center.x)
                y=mm(center.y)
                text-anchor="middle"
                font-size="4"
                font-family=FONT_FAMILY
                fill="#334155"
            >
                {t!(i18n, print.sheet.already_used)}
            </text>
        }
    });
    view! {
        <rect
            class=class
            x=mm(rect.x)
            y=mm(rect.y)
            width=mm(rect.width)
            height=mm(rect.height)
            rx=mm(radius)
            fill=fill
            stroke="#8a94a6"
            stroke-width="0.3"
            stroke-dasharray="1.5 1"
        ></rect>
        {note}
    }
}

fn badge_view(label: Rect, badge: &SheetBadge, logo_url: Option<&str>) -> Option<impl IntoView> {
    let drawing = draw_badge(label, &badge.text, logo_url.is_some()).ok()?;
    let side = badge.matrix.size() + 2 * QUIET_ZONE;
    let qr = drawing.qr;
    let logo = drawing.logo.zip(logo_url).map(|(rect, url)| {
        view! {
            <image
                href=url.to_string()
                x=mm(rect.x)
                y=mm(rect.y)
                width=mm(rect.width)
                height=mm(rect.height)
                preserveAspectRatio="xMinYMid meet"
            ></image>
        }
    });
    let texts = drawing.blocks.iter().map(text_view).collect_view();
    Some(view! {
        <g class="badge">
            <svg
                class="badge-qr"
                x=mm(qr.x)
                y=mm(qr.y)
                width=mm(qr.width)
                height=mm(qr.height)
                viewBox=format!("0 0 {side} {side}")
                shape-rendering="crispEdges"
            >
                <rect width=side height=side fill="#ffffff"></rect>
                <path
                    d=svg_path_data(&badge.matrix)
                    stroke="#000000"
                    stroke-width="1"
                    fill="none"
                ></path>
            </svg>
            {logo}
            {texts}
        </g>
    })
}

pub(crate) fn text_view(block: &TextBlock) -> impl IntoView {
    let font_size = mm(block.font_mm);
    let weight = if block.bold { "700" } else { "400" };
    block
        .lines
        .iter()
        .map(|line| {
            view! {
                <text
                    class=block.class
                    x=mm(line.x)
                    y=mm(line.baseline)
                    font-size=font_size.clone()
                    font-weight=weight
                    font-family=block.font_family()
                    fill="#000000"
                    textLength=line.squeeze_to_mm.map(mm)
                    lengthAdjust=line.squeeze_to_mm.map(|_| "spacingAndGlyphs")
                >
                    {line.text.clone()}
                </text>
            }
        })
        .collect_view()
}

fn ruler_view(ruler: &Ruler) -> impl IntoView {
    let ticks = ruler
        .ticks
        .iter()
        .map(|tick| {
            view! {
                <rect
                    x=mm(tick.x)
                    y=mm(tick.y)
                    width=mm(tick.width)
                    height=mm(tick.height)
                    fill="#000000"
                ></rect>
            }
        })
        .collect_view();
    let bar = ruler.bar;
    view! {
        <g class="ruler">
            <rect
                class="ruler-bar"
                x=mm(bar.x)
                y=mm(bar.y)
                width=mm(bar.width)
                height=mm(bar.height)
                fill="#000000"
            ></rect>
            {ticks}
            {text_view(&ruler.caption)}
        </g>
    }
}

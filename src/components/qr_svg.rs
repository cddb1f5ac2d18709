//! The QR symbol as inline SVG built from our own matrix: never Graph's `binaryValue` markup.

use leptos::prelude::*;
use qrpin::qr::{svg_path_data, QrMatrix, QUIET_ZONE};

/// Always dark-on-light with a 4-module quiet zone, whatever the page's colour scheme.
#[component]
pub fn QrSvg(
    /// The symbol to draw.
    matrix: QrMatrix,
    /// What a screen reader announces: who and until when, never the payload (in the person's
    /// language: a signal, so it re-words when the language changes).
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let side = matrix.size() + 2 * QUIET_ZONE;
    let view_box = format!("0 0 {side} {side}");
    let path = svg_path_data(&matrix);
    view! {
        <svg
            class="qr-symbol"
            role="img"
            aria-label=label
            viewBox=view_box
            shape-rendering="crispEdges"
            xmlns="http://www.w3.org/2000/svg"
        >
            <rect width=side height=side fill="#ffffff"></rect>
            <path d=path stroke="#000000" stroke-width="1" fill="none"></path>
        </svg>
    }
}

//! The portal's required stack with no product code: leptos (CSR) + leptos_router with as many routes as the
//! portal, one JSON document fetched with gloo-net into serde types with chrono dates, `LocalResource` +
//! `Suspense` + `ErrorBoundary`, and one QR code drawn as SVG with the `qrcode` crate.
//!
//! `scripts/bench.sh` builds it exactly like the portal and prints its size: the bytes any app on this stack
//! starts from, before a single feature. It is a measuring stick, not a product page.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use serde::Deserialize;

/// One route per portal page, each with its own text so the pages are distinct views.
macro_rules! page {
    ($name:ident, $title:literal) => {
        #[component]
        fn $name() -> impl IntoView {
            view! {
                <h1>{$title}</h1>
                <p>{concat!("This is the ", $title, " page.")}</p>
                <A href="/">"Back"</A>
            }
        }
    };
}

page!(Temporary, "Temporary code");
page!(Pin, "Change PIN");
page!(Badge, "Badge");
page!(Create, "Create");
page!(Print, "Print");
page!(Admin, "Administration");
page!(Team, "Team");
page!(Kiosk, "Kiosk");
page!(Missing, "Not found");

#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Document {
    title: String,
    #[serde(default)]
    updated_date_time: Option<DateTime<Utc>>,
}

async fn load() -> Result<Document, String> {
    let response = gloo_net::http::Request::get("/data.json")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let text = response.text().await.map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// One QR symbol drawn the way the portal draws it: a single byte segment at a fixed version and level
/// (`Bits` + `QrCode::with_bits`), one SVG rect per dark module (no product code to merge runs).
fn qr_modules(text: &str) -> Vec<(usize, usize)> {
    let mut bits = qrcode::bits::Bits::new(qrcode::Version::Normal(10));
    let encoded = bits
        .push_byte_data(text.as_bytes())
        .and_then(|_| bits.push_terminator(qrcode::EcLevel::M))
        .and_then(|_| qrcode::QrCode::with_bits(bits, qrcode::EcLevel::M));
    let Ok(code) = encoded else {
        return Vec::new();
    };
    let width = code.width();
    code.to_colors()
        .into_iter()
        .enumerate()
        .filter(|(_, color)| *color == qrcode::Color::Dark)
        .map(|(i, _)| (i % width, i / width))
        .collect()
}

#[component]
fn Home() -> impl IntoView {
    let document = LocalResource::new(load);
    let (text, set_text) = signal(String::from("qrbadge"));
    view! {
        <h1>"Home"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| {
                view! {
                    <p role="alert">
                        {move || format!("{} errors", errors.get().into_iter().count())}
                    </p>
                }
            }>
                {move || Suspend::new(async move {
                    document
                        .await
                        .map(|d| {
                            let updated = d
                                .updated_date_time
                                .map(|t| t.to_rfc3339())
                                .unwrap_or_default();
                            view! { <p>{d.title} " " {updated}</p> }
                        })
                        .map_err(ServerFnError::new)
                })}
            </ErrorBoundary>
        </Suspense>
        <input prop:value=text on:input:target=move |ev| set_text.set(ev.target().value()) />
        <svg role="img" aria-label="QR code" viewBox="0 0 65 65">
            {move || {
                qr_modules(&text.get())
                    .into_iter()
                    .map(|(x, y)| view! { <rect x=x + 4 y=y + 4 width="1" height="1"></rect> })
                    .collect_view()
            }}
        </svg>
        <nav>
            <A href="/temporary">"Temporary"</A>
            <A href="/pin">"PIN"</A>
            <A href="/badge">"Badge"</A>
            <A href="/create">"Create"</A>
            <A href="/print">"Print"</A>
            <A href="/admin">"Admin"</A>
            <A href="/admin/team">"Team"</A>
            <A href="/kiosk">"Kiosk"</A>
        </nav>
    }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <main>
                <Routes fallback=|| view! { <Missing /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/temporary") view=Temporary />
                    <Route path=path!("/pin") view=Pin />
                    <Route path=path!("/badge") view=Badge />
                    <Route path=path!("/create") view=Create />
                    <Route path=path!("/print") view=Print />
                    <Route path=path!("/admin") view=Admin />
                    <Route path=path!("/admin/team") view=Team />
                    <Route path=path!("/kiosk") view=Kiosk />
                </Routes>
            </main>
        </Router>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

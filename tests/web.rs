//! Components mounted in a real headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use chrono::{Duration, Utc};
use leptos::prelude::*;
use leptos::task::tick;
use qrbadge::components::{MethodSummary, QrSvg};
use qrbadge::locale::I18nContextProvider;
use qrpin::model::QrCodePinMethod;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = document();
    let div = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div.dyn_into_html()
}

trait IntoHtml {
    fn dyn_into_html(self) -> web_sys::HtmlElement;
}
impl IntoHtml for web_sys::Element {
    fn dyn_into_html(self) -> web_sys::HtmlElement {
        wasm_bindgen::JsCast::unchecked_into(self)
    }
}

fn method_json(days_left: i64, force_change: bool) -> QrCodePinMethod {
    let now = Utc::now();
    let json = serde_json::json!({
        "id": "d29518d4-b99a-4c88-b40c-92fd12959724",
        "standardQRCode": {
            "id": "1a253da5-3f9a-457d-bd9c-de1aab9a2e59",
            "startDateTime": (now - Duration::days(10)).to_rfc3339(),
            "expireDateTime": (now + Duration::days(days_left) + Duration::hours(1)).to_rfc3339(),
            "lastUsedDateTime": "0001-01-01T00:00:00Z",
            "image": null
        },
        "temporaryQRCode": null,
        "pin": { "code": "", "forceChangePinNextSignIn": force_change }
    });
    qrpin::model::parse_entity(&json.to_string()).expect("method parses")
}

#[wasm_bindgen_test]
async fn overview_shows_active_badge_and_pin_that_must_change() {
    let host = container();
    let method = method_json(200, true);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <I18nContextProvider>
                <MethodSummary method=Some(method.clone()) now=Utc::now() />
            </I18nContextProvider>
        }
    });
    tick().await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Badge QR code"), "{text}");
    assert!(text.contains("Active"), "{text}");
    assert!(text.contains("200 days"), "{text}");
    assert!(text.contains("Temporary PIN"), "{text}");
    assert!(
        text.contains("Last usedNever"),
        "never-used codes say so: {text}"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn badge_close_to_expiry_is_flagged_as_a_warning() {
    let host = container();
    let method = method_json(12, false);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <I18nContextProvider>
                <MethodSummary method=Some(method.clone()) now=Utc::now() />
            </I18nContextProvider>
        }
    });
    tick().await;
    let chip = host
        .query_selector("#standard-title + .chip")
        .expect("query")
        .expect("chip next to the heading");
    assert_eq!(chip.text_content().as_deref(), Some("Expires soon"));
    assert!(chip.class_name().contains("tone-warning"));
    assert!(host
        .text_content()
        .unwrap_or_default()
        .contains("Set by you"));
    host.remove();
}

#[wasm_bindgen_test]
async fn no_method_explains_what_the_method_is() {
    let host = container();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <I18nContextProvider>
                <MethodSummary method=None now=Utc::now() />
            </I18nContextProvider>
        }
    });
    tick().await;
    let heading = host.query_selector("h2").expect("query").expect("heading");
    assert_eq!(
        heading.text_content().as_deref(),
        Some("No QR code sign-in yet")
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn qr_symbol_is_black_on_white_with_quiet_zone_and_a_name() {
    let host = container();
    let payload =
        b"ms-qrpin:v1|adele.vance@contoso.com|1a253da5-3f9a-457d-bd9c-de1aab9a2e59|secret";
    let matrix = qrpin::qr::encode_byte_segment(payload, 7, qrpin::model::ErrorCorrectionLevel::M)
        .expect("fits version 7");
    let size = matrix.size();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <I18nContextProvider>
                <QrSvg matrix=matrix.clone() label="Badge QR code for Adele Vance".to_string() />
            </I18nContextProvider>
        }
    });
    tick().await;
    let svg = host.query_selector("svg").expect("query").expect("svg");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    let label = svg.get_attribute("aria-label").unwrap_or_default();
    assert_eq!(label, "Badge QR code for Adele Vance");
    assert!(
        !label.contains("ms-qrpin"),
        "the payload never reaches ARIA"
    );
    let side = size + 8;
    assert_eq!(
        svg.get_attribute("viewBox"),
        Some(format!("0 0 {side} {side}"))
    );
    let rect = host
        .query_selector("svg rect")
        .expect("query")
        .expect("background");
    assert_eq!(rect.get_attribute("fill").as_deref(), Some("#ffffff"));
    let path = host
        .query_selector("svg path")
        .expect("query")
        .expect("modules");
    // The dark modules are drawn as a 1-module black stroke along each run, never filled.
    assert_eq!(path.get_attribute("stroke").as_deref(), Some("#000000"));
    assert_eq!(path.get_attribute("stroke-width").as_deref(), Some("1"));
    assert_eq!(path.get_attribute("fill").as_deref(), Some("none"));
    host.remove();
}

//! The kiosk's code display mounted in a real headless Chromium (wasm-bindgen-test): the QR is
//! drawn, hidden when the window loses focus, shown again after a tap or key, and gone at expiry;
//! the idle warning takes the focus, keeps it while it counts down and gives it back on "Stay".
#![cfg(target_arch = "wasm32")]

use base64::Engine;
use chrono::{Duration, Utc};
use leptos::prelude::*;
use leptos::task::tick;
use qrbadge::kiosk::KioskDisplay;
use qrbadge::locale::I18nContextProvider;
use qrpin::model::{ErrorCorrectionLevel, QrCode, QrCodeImage};
use qrpin::qr::smallest_version;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAYLOAD: &[u8] =
    b"ms-qrpin:v1|adele.vance@contoso.com|6f3c1b2a|Q2xlYXJseSBub3QgYSByZWFsIHNlY3JldA";

fn host() -> web_sys::HtmlElement {
    let document = document();
    let div = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div.unchecked_into()
}

/// A temporary code as Graph's create response carries it, expiring `expires_in` from now.
fn temporary_code(expires_in: Duration) -> QrCode {
    let now = Utc::now();
    let level = ErrorCorrectionLevel::L;
    let version = smallest_version(PAYLOAD, level.clone(), 1).expect("fits");
    QrCode {
        id: "6f3c1b2a-0000-4000-8000-000000000001".into(),
        start_date_time: Some(now - Duration::minutes(1)),
        expire_date_time: Some(now + expires_in),
        image: Some(QrCodeImage {
            binary_value: None,
            error_correction_level: level,
            raw_content: base64::engine::general_purpose::STANDARD.encode(PAYLOAD),
            version: Some(i32::from(version)),
        }),
        ..Default::default()
    }
}

fn fire_on_window(event: &str) {
    let event = web_sys::Event::new(event).expect("event");
    window().dispatch_event(&event).expect("dispatch");
}

/// 1 when the QR symbol is in the DOM, else 0.
fn symbols(host: &web_sys::HtmlElement) -> u32 {
    u32::from(
        host.query_selector("svg.qr-symbol")
            .expect("query")
            .is_some(),
    )
}

#[wasm_bindgen_test]
async fn the_code_hides_on_blur_and_comes_back_after_a_tap() {
    let host = host();
    let code = temporary_code(Duration::hours(8));
    let mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <I18nContextProvider>
                <KioskDisplay
                    code=code.clone()
                    holder="Adele Vance".to_string()
                    on_done=Callback::new(|_| {})
                />
            </I18nContextProvider>
        }
    });
    tick().await;
    assert_eq!(symbols(&host), 1, "the QR is drawn");
    let label = host
        .query_selector("svg.qr-symbol")
        .expect("query")
        .and_then(|svg| svg.get_attribute("aria-label"))
        .unwrap_or_default();
    assert!(
        label.starts_with("Temporary QR code for Adele Vance, valid until "),
        "{label}"
    );
    assert!(!label.contains("ms-qrpin"), "never the payload: {label}");
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Adele Vance"), "{text}");
    assert!(text.contains("7 hr 59 min"), "live countdown: {text}");

    fire_on_window("blur");
    tick().await;
    assert_eq!(symbols(&host), 0, "hidden on blur, gone from the DOM");
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("QR code hidden"), "{text}");
    assert!(text.contains("Adele Vance"), "the name stays: {text}");

    // Focus coming back alone does not show it; a tap does.
    fire_on_window("focus");
    tick().await;
    assert_eq!(symbols(&host), 0, "not shown again without a tap or key");
    fire_on_window("pointerdown");
    tick().await;
    assert_eq!(symbols(&host), 1, "shown again after a tap");

    // Focus moving inside the page (Tab from the name to a button) is not the window losing it.
    let done: web_sys::HtmlElement = host
        .query_selector("button.primary")
        .expect("query")
        .expect("Done button")
        .unchecked_into();
    done.focus().expect("focus");
    done.blur().expect("blur");
    tick().await;
    assert_eq!(
        symbols(&host),
        1,
        "an element's blur does not hide the code"
    );

    drop(mounted);
    // Unmounted: its listeners are gone too, so a blur now changes nothing and fails nothing.
    fire_on_window("blur");
    host.remove();
}

#[wasm_bindgen_test]
async fn an_expired_code_is_not_drawn() {
    let host = host();
    let code = temporary_code(Duration::seconds(-5));
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <I18nContextProvider>
                <KioskDisplay
                    code=code.clone()
                    holder="Adele Vance".to_string()
                    on_done=Callback::new(|_| {})
                />
            </I18nContextProvider>
        }
    });
    tick().await;
    assert_eq!(symbols(&host), 0);
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("This code has expired"), "{text}");
    assert!(text.contains("Expired"), "{text}");
    host.remove();
}

/// Moves the clock the idle guard reads (`Date.now()`) forward, then lets it look at once (it checks on
/// `visibilitychange` as well as on its timer).
fn idle_for(seconds: u32) {
    let skip = js_sys::Function::new_with_args(
        "ms",
        "Date.realNow ??= Date.now; const now = Date.now.bind(Date); Date.now = () => now() + ms; \
         document.dispatchEvent(new Event('visibilitychange'));",
    );
    skip.call1(
        &wasm_bindgen::JsValue::NULL,
        &f64::from(seconds * 1000).into(),
    )
    .expect("move the clock");
}

/// Puts `Date.now()` back, for the tests that follow in this page.
fn real_clock() {
    js_sys::Function::new_no_args("if (Date.realNow) Date.now = Date.realNow;")
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("restore the clock");
}

/// The seconds the idle warning says are left ("29 seconds").
fn seconds_left(host: &web_sys::HtmlElement) -> u32 {
    let count = host
        .query_selector(".kiosk-warning-count")
        .expect("query")
        .and_then(|count| count.text_content())
        .unwrap_or_default();
    count
        .split_whitespace()
        .next()
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("no count of seconds in {count:?}"))
}

/// The text of the focused element, or "the page" when nothing in it has the focus.
fn focused_text() -> String {
    let document = document();
    match document.active_element() {
        Some(active)
            if document
                .body()
                .is_some_and(|body| body.is_same_node(Some(&active))) =>
        {
            "the page".to_string()
        }
        Some(active) => active.text_content().unwrap_or_default(),
        None => "the page".to_string(),
    }
}

#[wasm_bindgen_test]
async fn the_idle_warning_keeps_the_focus_while_it_counts_down_and_gives_it_back_on_stay() {
    use qrbadge::kiosk::{IdleGuard, IdlePolicy};
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <I18nContextProvider>
                <button id="kiosk-web-done">"Done"</button>
                <IdleGuard policy=IdlePolicy::from_config(120) on_timeout=Callback::new(|_| {}) />
            </I18nContextProvider>
        }
    });
    tick().await;
    let done: web_sys::HtmlElement = host
        .query_selector("#kiosk-web-done")
        .expect("query")
        .expect("Done")
        .unchecked_into();
    done.focus().expect("focus");

    idle_for(91);
    tick().await;
    tick().await;
    let warning = host.text_content().unwrap_or_default();
    assert!(warning.contains("Are you still there?"), "{warning}");
    let first = seconds_left(&host);
    assert!((25..=29).contains(&first), "{warning}");
    assert_eq!(focused_text(), "Stay", "the warning takes the focus");

    // The countdown moves on: the warning is re-worded, the focus stays where it is.
    idle_for(1);
    tick().await;
    tick().await;
    assert!(seconds_left(&host) < first, "the countdown moved on");
    assert_eq!(focused_text(), "Stay");

    let stay: web_sys::HtmlElement = host
        .query_selector(".kiosk-warning button.primary")
        .expect("query")
        .expect("Stay")
        .unchecked_into();
    stay.click();
    tick().await;
    assert!(
        host.query_selector(".kiosk-warning")
            .expect("query")
            .is_none(),
        "gone after Stay"
    );
    assert_eq!(
        focused_text(),
        "Done",
        "the focus is back where it was before the warning"
    );
    real_clock();
    host.remove();
}

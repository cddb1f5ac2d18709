//! Dates in the person's own locale and time zone (the browser's `Intl`), never in UTC.

use chrono::{DateTime, Utc};

#[cfg(target_arch = "wasm32")]
pub fn date_time(value: DateTime<Utc>) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        value.timestamp_millis() as f64
    ));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string("default", &options).into()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn date_time(value: DateTime<Utc>) -> String {
    value.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub fn optional_date_time(value: Option<DateTime<Utc>>, none: &str) -> String {
    value.map(date_time).unwrap_or_else(|| none.to_string())
}

/// The browser's clock (the emulator's clock may be moved in tests; Graph dates are absolute).
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

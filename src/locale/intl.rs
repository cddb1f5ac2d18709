//! Dates, times, durations, numbers and plural categories in the chosen language, from the browser's `Intl`
//! (never the browser's own "default" locale: a Spanish choice on an English browser reads Spanish dates).
//! Always in the person's own time zone. The native build (unit tests) formats plainly in English and UTC.

use chrono::{DateTime, Utc};

use super::Language;

/// The plural category a count takes in a language (`Intl.PluralRules`). Translations carry `one` and
/// `other`; categories the four languages use only for other numbers (French "many" for millions) read as
/// `other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Array, Date, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;

    pub fn locales(tag: &str) -> Array {
        Array::of1(&JsValue::from_str(tag))
    }

    pub fn options(pairs: &[(&str, &str)]) -> Object {
        let options = Object::new();
        for (key, value) in pairs {
            let _ = Reflect::set(&options, &(*key).into(), &(*value).into());
        }
        options
    }

    pub fn date(millis: i64) -> Date {
        Date::new(&JsValue::from_f64(millis as f64))
    }

    pub fn number_with(tag: &str, value: f64, pairs: &[(&str, &str)]) -> String {
        let format = Intl::NumberFormat::new(&locales(tag), &options(pairs)).format();
        format
            .call1(&JsValue::NULL, &JsValue::from_f64(value))
            .ok()
            .and_then(|text| text.as_string())
            // JavaScript's own `String(value)`, not Rust's `f64` Display: that would keep core::fmt's float
            // code in the wasm for a fallback (bench/README.md, "Where the bytes are").
            .unwrap_or_else(|| {
                js_sys::Number::from(value)
                    .to_string_with_radix(10)
                    .map(String::from)
                    .unwrap_or_default()
            })
    }
}

/// "11 Nov 2026, 21:51" / "11 nov 2026, 21:51": date and time, medium date style.
pub fn date_time(value: DateTime<Utc>, language: Language) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let options = browser::options(&[("dateStyle", "medium"), ("timeStyle", "short")]);
        browser::date(value.timestamp_millis())
            .to_locale_string(language.tag(), &options)
            .into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = language;
        value.format("%Y-%m-%d %H:%M UTC").to_string()
    }
}

/// A date nobody can misread in any locale: the day, the month's name and the full year ("1 Dec 2026",
/// "1 dic 2026", "1. Dez. 2026"), never "12/1/26". For printed badges.
pub fn date(value: DateTime<Utc>, language: Language) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let options =
            browser::options(&[("day", "numeric"), ("month", "short"), ("year", "numeric")]);
        browser::date(value.timestamp_millis())
            .to_locale_date_string(language.tag(), &options)
            .into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = language;
        value.format("%-d %b %Y").to_string()
    }
}

/// "in 3 days", "2 days ago", "in 5 hours", "tomorrow"… (`Intl.RelativeTimeFormat`, numeric "auto"), in
/// the largest unit that is at least one whole: days, then hours, then minutes.
pub fn relative(value: DateTime<Utc>, now: DateTime<Utc>, language: Language) -> String {
    let seconds = (value - now).num_seconds();
    let (amount, unit) = if seconds.abs() >= 86_400 {
        (seconds / 86_400, "day")
    } else if seconds.abs() >= 3_600 {
        (seconds / 3_600, "hour")
    } else {
        (seconds / 60, "minute")
    };
    #[cfg(target_arch = "wasm32")]
    {
        let format = js_sys::Intl::RelativeTimeFormat::new(
            &browser::locales(language.tag()),
            &browser::options(&[("numeric", "auto")]),
        );
        format.format(amount as f64, unit).into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = language;
        let plural = if amount.abs() == 1 { "" } else { "s" };
        if amount < 0 {
            format!("{} {unit}{plural} ago", -amount)
        } else {
            format!("in {amount} {unit}{plural}")
        }
    }
}

/// A whole number with the language's grouping ("1,000", "1.000", "1 000").
pub fn number(value: i64, language: Language) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        browser::number_with(language.tag(), value as f64, &[])
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = language;
        value.to_string()
    }
}

/// Time left, e.g. "3 hr 4 min 5 sec" / "3 Std., 4 Min., 5 Sek." (the browser's short units): each part is a number with its unit from
/// `Intl.NumberFormat` (style "unit", short), hours only when there are any.
pub fn duration(seconds: i64, language: Language) -> String {
    let seconds = seconds.max(0);
    let (h, m, s) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    let part = |value: i64, unit: &str| -> String {
        #[cfg(target_arch = "wasm32")]
        {
            browser::number_with(
                language.tag(),
                value as f64,
                &[("style", "unit"), ("unit", unit), ("unitDisplay", "short")],
            )
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = language;
            let short = match unit {
                "hour" => "h",
                "minute" => "min",
                _ => "s",
            };
            format!("{value} {short}")
        }
    };
    let mut parts = Vec::with_capacity(3);
    if h > 0 {
        parts.push(part(h, "hour"));
    }
    parts.push(part(m, "minute"));
    parts.push(part(s, "second"));
    parts.join(" ")
}

/// The plural category of `count` in `language` (`Intl.PluralRules`).
pub fn plural(count: i64, language: Language) -> Plural {
    #[cfg(target_arch = "wasm32")]
    {
        let rules = js_sys::Intl::PluralRules::new(
            &browser::locales(language.tag()),
            &js_sys::Object::new(),
        );
        if rules.select(count as f64) == "one" {
            Plural::One
        } else {
            Plural::Other
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // French counts 0 as singular; the others only 1.
        match (language, count) {
            (_, 1) | (Language::French, 0) => Plural::One,
            _ => Plural::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_drop_empty_hours_and_never_go_negative() {
        assert_eq!(
            duration(3 * 3600 + 4 * 60 + 5, Language::English),
            "3 h 4 min 5 s"
        );
        assert_eq!(duration(129, Language::English), "2 min 9 s");
        assert_eq!(duration(-5, Language::English), "0 min 0 s");
    }

    #[test]
    fn relative_times_use_the_largest_whole_unit() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let later = |s| now + chrono::Duration::seconds(s);
        assert_eq!(
            relative(later(3 * 86_400 + 5), now, Language::English),
            "in 3 days"
        );
        assert_eq!(
            relative(later(-2 * 86_400), now, Language::English),
            "2 days ago"
        );
        assert_eq!(
            relative(later(5 * 3600), now, Language::English),
            "in 5 hours"
        );
        assert_eq!(relative(later(60), now, Language::English), "in 1 minute");
    }
}

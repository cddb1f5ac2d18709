//! Time for computation: the browser's clock and `<input type="date">` values in the person's time zone.
//! Words for dates and times are `crate::locale::intl`'s, in the chosen language.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// The browser's clock (the emulator's clock may be moved in tests; Graph dates are absolute).
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// The calendar date of `value` in the person's time zone; `None` for an instant the browser cannot place.
pub fn local_date(value: DateTime<Utc>) -> Option<NaiveDate> {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            value.timestamp_millis() as f64
        ));
        if date.get_time().is_nan() {
            return None;
        }
        NaiveDate::from_ymd_opt(
            date.get_full_year() as i32,
            date.get_month() + 1,
            date.get_date(),
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(value.date_naive())
    }
}

/// `YYYY-MM-DD` of `value` in the person's time zone (the value of an `<input type="date">`).
pub fn local_date_input(value: DateTime<Utc>) -> String {
    match local_date(value) {
        // chrono's `%Y-%m-%d`, written with integers: its format strings would be in the wasm for this alone
        // (bench/README.md, "Where the bytes are"). A year beyond 0..=9999 has a sign, as chrono writes it.
        Some(date) if (0..10_000).contains(&date.year()) => {
            format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
        }
        Some(date) => format!("{:+05}-{:02}-{:02}", date.year(), date.month(), date.day()),
        None => String::new(),
    }
}

/// The end of the given local day (23:59:59 in the person's time zone), for an expiry date picked
/// in an `<input type="date">`. `None` for anything that is not a date.
pub fn end_of_local_day(input: &str) -> Option<DateTime<Utc>> {
    let parts: Vec<u32> = input
        .split('-')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [year, month, day] = parts[..] else {
        return None;
    };
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new_with_year_month_day_hr_min_sec(
            year,
            month.checked_sub(1)? as i32,
            day as i32,
            23,
            59,
            59,
        );
        let millis = date.get_time();
        (!millis.is_nan()).then(|| DateTime::from_timestamp_millis(millis as i64))?
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        NaiveDate::from_ymd_opt(year as i32, month, day)?
            .and_hms_opt(23, 59, 59)
            .map(|naive| naive.and_utc())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn date_inputs_round_trip_to_the_end_of_that_day() {
        let noon = Utc.with_ymd_and_hms(2026, 3, 9, 12, 0, 0).unwrap();
        assert_eq!(local_date_input(noon), "2026-03-09");
        assert_eq!(local_date(noon), NaiveDate::from_ymd_opt(2026, 3, 9));
        assert_eq!(
            end_of_local_day("2026-03-09"),
            Some(Utc.with_ymd_and_hms(2026, 3, 9, 23, 59, 59).unwrap())
        );
        assert_eq!(end_of_local_day("2026-02-30"), None);
        assert_eq!(end_of_local_day("next week"), None);
        assert_eq!(end_of_local_day("2026-03"), None);
    }

    #[test]
    fn date_inputs_are_written_as_chrono_formats_them() {
        let years = (-12_000..-9_990)
            .chain(-10..10)
            .chain(990..1_010)
            .chain(9_990..12_000);
        for year in years.chain([1900, 2026, 2100, 262_000]) {
            for (month, day) in [(1, 1), (2, 28), (3, 9), (12, 31)] {
                let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
                let at = date.and_hms_opt(12, 0, 0).unwrap().and_utc();
                assert_eq!(local_date_input(at), date.format("%Y-%m-%d").to_string());
            }
        }
    }
}

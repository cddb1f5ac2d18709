//! Field-level (de)serializers that make Graph's inconsistent JSON fit plain Rust types.
//!
//! Graph's documentation and its real responses disagree in small ways (`tests/model_tolerance.rs` shows them all): a
//! never-used code has `lastUsedDateTime: "0001-01-01T00:00:00Z"` in one place and `null` in another, `pin.code` is
//! `null` on v1.0 and `""` on beta, booleans can be `null`. Reading a response must never fail over such details, so these helpers map
//! every "no value" spelling to `None` and keep the typed fields simple for the portal.

use chrono::format::{parse, Fixed, Item, Numeric, Pad, Parsed};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

use super::loose::Loose;

/// The .NET `DateTime.MinValue` that Graph sends for "never happened".
pub(crate) const NEVER: &str = "0001-01-01T00:00:00Z";

/// Reads a Graph `DateTimeOffset`; `null`, missing, the year-1 sentinel, or an unreadable value all become `None`.
///
/// Unreadable values become `None` rather than an error because a single odd timestamp should not stop the portal
/// from showing a user's sign-in method; the rules treat an unknown date as "unknown", never as valid.
pub(crate) fn deserialize_date<'de, D>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Loose::deserialize(deserializer)?;
    Ok(match value {
        Loose::Text(text) => parse_graph_date(&text),
        _ => None,
    })
}

/// For `#[serde(default, with = "graph_date")]`: [`deserialize_date`] and [`serialize_date`] as one pair.
pub(crate) mod graph_date {
    pub(crate) use super::{deserialize_date as deserialize, serialize_date as serialize};
}

/// Parses RFC 3339 (any offset, normalised to UTC) or a zone-less ISO 8601 timestamp taken as UTC.
pub fn parse_graph_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let parsed = DateTime::parse_from_rfc3339(text)
        .map(|date| date.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            // Graph's own innerError.date has no zone ("2025-07-09T10:08:57"); Graph documents all times as UTC.
            let mut parsed = Parsed::new();
            parse(&mut parsed, text, ZONELESS.iter()).ok()?;
            parsed
                .to_naive_datetime_with_offset(0)
                .ok()
                .map(|naive| naive.and_utc())
        })?;
    // The year-1 value is a placeholder for "never", not a real instant.
    (parsed.timestamp() > NEVER_TIMESTAMP).then_some(parsed)
}

/// `%Y-%m-%dT%H:%M:%S%.f` as the items chrono's `StrftimeItems` makes of it, so `NaiveDateTime::parse_from_str`
/// with that text reads exactly the same, without chrono's format-string parser in the wasm (bench/README.md,
/// "Where the bytes are"; the test below compares the items).
const ZONELESS: [Item<'static>; 12] = [
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
    Item::Literal("T"),
    Item::Numeric(Numeric::Hour, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Minute, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Second, Pad::Zero),
    Item::Fixed(Fixed::Nanosecond),
];

/// Seconds of 0001-01-01T00:00:00Z since the Unix epoch.
const NEVER_TIMESTAMP: i64 = -62_135_596_800;

/// Formats an instant the way Graph does: RFC 3339 in UTC with a `Z`, fractional seconds only when present.
pub fn format_graph_date(date: &DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Writes a date as RFC 3339 with `Z`, or `null` when absent.
pub(crate) fn serialize_date<S>(
    date: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
{
    match date {
        Some(date) => serializer.serialize_str(&format_graph_date(date)),
        None => serializer.serialize_none(),
    }
}

/// Writes a date, or Graph's year-1 sentinel when absent (what Graph returns for a QR code that was never used),
/// so a portal developed against the emulator sees the same shape it will get from Graph.
pub(crate) fn serialize_date_or_never<S>(
    date: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
{
    match date {
        Some(date) => serializer.serialize_str(&format_graph_date(date)),
        None => serializer.serialize_str(NEVER),
    }
}

/// Reads an optional string where `""` means "not returned" (beta sends `pin.code: ""` on GET).
pub(crate) fn deserialize_non_empty_string<'de, D>(
    deserializer: D,
) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Loose::deserialize(deserializer)?;
    Ok(match value {
        Loose::Text(text) if !text.is_empty() => Some(text),
        _ => None,
    })
}

/// Reads a boolean; `null` or a non-boolean counts as `false`.
pub(crate) fn deserialize_bool_or_false<'de, D>(deserializer: D) -> Result<bool, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Loose::deserialize(deserializer)?;
    Ok(matches!(value, Loose::Bool(true)))
}

/// Reads a non-negative 32-bit count; negatives, fractions, strings and `null` become `None`
/// (callers fall back to Graph's documented default instead of failing).
pub(crate) fn deserialize_lenient_u32<'de, D>(deserializer: D) -> Result<Option<u32>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Loose::deserialize(deserializer)?;
    Ok(match value {
        Loose::Number(number) => number.as_u64().and_then(|n| u32::try_from(n).ok()),
        Loose::Text(text) => text.trim().parse().ok(),
        _ => None,
    })
}

/// Reads a 32-bit integer; anything else becomes `None`.
pub(crate) fn deserialize_lenient_i32<'de, D>(deserializer: D) -> Result<Option<i32>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Loose::deserialize(deserializer)?;
    Ok(match value {
        Loose::Number(number) => number.as_i64().and_then(|n| i32::try_from(n).ok()),
        Loose::Text(text) => text.trim().parse().ok(),
        _ => None,
    })
}

/// Reads a string that may be `null` or missing as an empty string (for ids Graph always sends but docs sometimes omit).
pub(crate) fn deserialize_string_or_empty<'de, D>(deserializer: D) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Loose::deserialize(deserializer)?;
    Ok(match value {
        Loose::Text(text) => text,
        Loose::Number(number) => number.to_string(),
        _ => String::new(),
    })
}

/// Reads an optional string; non-string values become `None`.
pub(crate) fn deserialize_lenient_string<'de, D>(
    deserializer: D,
) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Loose::deserialize(deserializer)?;
    Ok(match value {
        Loose::Text(text) => Some(text),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use chrono::format::StrftimeItems;

    use super::*;

    #[test]
    fn zoneless_dates_are_read_with_the_items_of_their_format_string() {
        let items: Vec<Item<'_>> = StrftimeItems::new("%Y-%m-%dT%H:%M:%S%.f").collect();
        assert_eq!(items, ZONELESS);
        for text in [
            "2025-07-09T10:08:57",
            "2025-07-09T10:08:57.1234567",
            "2025-7-9T1:8:7",
            "2025-07-09T10:08",
            "2025-07-09 10:08:57",
            "2016-12-31T23:59:60",
        ] {
            let before = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|naive| naive.and_utc());
            assert_eq!(parse_graph_date(text), before, "{text}");
        }
    }
}

//! The little of a JSON value that tolerant reading needs, without building a `serde_json::Value`.
//!
//! The field readers (`serde_helpers.rs`) only look at a scalar, and `parse_entity` only at the top level's kind
//! and members. Reading those through `serde_json::Value` built the whole tree and then deserialized every entity a
//! second time from it, one generic copy per entity type, in every bundle; these visitors skip what they do not
//! keep and let each entity be read straight from its text (bench/README.md, "Where the bytes are").

use std::fmt;

use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Number;

/// One JSON value, reduced to what a lenient field reader looks at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Loose {
    Null,
    Bool(bool),
    /// Kept as serde_json keeps numbers, so `as_u64`, `as_i64` and the text of a number are what they were.
    Number(Number),
    Text(String),
    /// Its elements are skipped.
    Array,
    /// Its members are skipped.
    Object,
}

impl Loose {
    /// "null", "a boolean", …: for messages about the wrong kind of value.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Loose::Null => "null",
            Loose::Bool(_) => "a boolean",
            Loose::Number(_) => "a number",
            Loose::Text(_) => "a string",
            Loose::Array => "an array",
            Loose::Object => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Loose, E> {
        Ok(Loose::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Loose, E> {
        Ok(Loose::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Loose, E> {
        Ok(Loose::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Loose, E> {
        // JSON has no NaN or infinity; another format's would count as no value, as in `serde_json::Value`.
        Ok(Number::from_f64(value).map_or(Loose::Null, Loose::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Loose, E> {
        Ok(Loose::Text(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Loose, E> {
        Ok(Loose::Text(value))
    }

    fn visit_none<E>(self) -> Result<Loose, E> {
        Ok(Loose::Null)
    }

    fn visit_unit<E>(self) -> Result<Loose, E> {
        Ok(Loose::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Loose, D::Error> {
        Loose::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Object)
    }
}

/// What `parse_entity` needs to know of a body before reading the entity from it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// `{"value": {...}}` with nothing else but `@odata.*` annotations: the entity is the inner object.
    Wrapped,
    /// Any other object: the entity is the body itself.
    Object,
    /// Not an object; the kind, as [`Loose::kind`] says it.
    Not(&'static str),
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl ShapeVisitor {
    fn not<E>(value: Loose) -> Result<Shape, E> {
        Ok(Shape::Not(value.kind()))
    }
}

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Self::not(Loose::Bool(false))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Self::not(Loose::Number(0.into()))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Self::not(Loose::Number(0.into()))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Self::not(Loose::Number(0.into()))
    }

    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Self::not(Loose::Text(String::new()))
    }

    fn visit_none<E>(self) -> Result<Shape, E> {
        Self::not(Loose::Null)
    }

    fn visit_unit<E>(self) -> Result<Shape, E> {
        Self::not(Loose::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Self::not(Loose::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        // A repeated "value" counts as its last one, as in a `serde_json::Value` object.
        let (mut value_is_object, mut only_annotations) = (false, true);
        while let Some(key) = map.next_key::<String>()? {
            if key == "value" {
                value_is_object = map.next_value::<Loose>()? == Loose::Object;
            } else {
                only_annotations &= key.starts_with("@odata.");
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(if value_is_object && only_annotations {
            Shape::Wrapped
        } else {
            Shape::Object
        })
    }
}

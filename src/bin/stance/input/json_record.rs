//! One JSON Lines record parsed in a single pass: the text and id fields are
//! taken out as they are met, every other field is kept to pass through.
//!
//! The result (and every error message) is what parsing the line into a
//! `serde_json::Value` and then removing the text and id fields would give,
//! without the `Value` map for the two fields every record has. That includes
//! the order of the passed-through fields: `serde_json`'s insertion-ordered map
//! removes a field by moving the last field into its place, and output rows
//! list the fields in that order, so [`reorder_like_removal`] replays it.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// The text and id fields (when present) and the other fields.
pub struct Record {
    pub text: Option<Value>,
    pub id: Option<Value>,
    pub extra: Map<String, Value>,
}

/// Parse `line` (one complete JSON value, nothing after it but whitespace):
/// the object with its two named fields taken out, or `None` for any other
/// JSON value.
pub fn parse(line: &str, text_field: &str, id_field: &str) -> serde_json::Result<Option<Record>> {
    // Most lines are just the two fields as strings: read those in one pass.
    if let Some((text, id)) = super::flat_line::parse(line, text_field, id_field) {
        return Ok(Some(Record {
            text: text.map(Value::String),
            id: id.map(Value::String),
            extra: Map::new(),
        }));
    }
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = LineSeed {
        text_field,
        id_field,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(parsed)
}

struct LineSeed<'f> {
    text_field: &'f str,
    id_field: &'f str,
}

/// One of the two fields taken out of the object.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Text,
    Id,
}

impl<'de> DeserializeSeed<'de> for LineSeed<'_> {
    type Value = Option<Record>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Option<Record>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LineSeed<'_> {
    type Value = Option<Record>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Record>, A::Error> {
        let mut text = None;
        let mut id = None;
        let mut extra = Map::new();
        // Where the text and id fields were first seen among all fields;
        // only needed to replay the removal when other fields exist.
        let mut text_at = None;
        let mut id_at = None;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let is_text = key == self.text_field;
            let is_id = key == self.id_field;
            let value: Value = map.next_value()?;
            let seen = extra.len() + usize::from(text_at.is_some()) + usize::from(id_at.is_some());
            if is_text {
                text_at = text_at.or(Some(seen));
                if is_id {
                    id = Some(value.clone());
                }
                text = Some(value);
            } else if is_id {
                id_at = id_at.or(Some(seen));
                id = Some(value);
            } else {
                extra.insert(key.into_owned(), value);
            }
        }
        if !extra.is_empty() && (text_at.is_some() || id_at.is_some()) {
            extra = reorder_like_removal(extra, text_at, id_at);
        }
        Ok(Some(Record { text, id, extra }))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Record>, A::Error> {
        // Read every element as a `Value` would be, so errors inside stay the same.
        while seq.next_element::<Value>()?.is_some() {}
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<Record>, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<Record>, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<Record>, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<Record>, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Option<Record>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<Record>, E> {
        Ok(None)
    }
}

/// The passed-through fields in the order `serde_json`'s map leaves them
/// after the text field and then the id field are removed from the whole
/// object (each removal moves the last field into the removed one's place).
/// `text_at` and `id_at` are the two fields' places in the whole object.
fn reorder_like_removal(
    extra: Map<String, Value>,
    text_at: Option<usize>,
    id_at: Option<usize>,
) -> Map<String, Value> {
    let mut slots: Vec<Option<(String, Value)>> = extra.into_iter().map(Some).collect();
    let mut marks: Vec<Option<Slot>> = vec![None; slots.len()];
    let mut places: Vec<(usize, Slot)> = [
        text_at.map(|at| (at, Slot::Text)),
        id_at.map(|at| (at, Slot::Id)),
    ]
    .into_iter()
    .flatten()
    .collect();
    places.sort_unstable_by_key(|(at, _)| *at);
    for (at, slot) in places {
        let at = at.min(slots.len());
        slots.insert(at, None);
        marks.insert(at, Some(slot));
    }
    for removed in [Slot::Text, Slot::Id] {
        if let Some(at) = marks.iter().position(|m| *m == Some(removed)) {
            marks.swap_remove(at);
            slots.swap_remove(at);
        }
    }
    slots.into_iter().flatten().collect()
}

/// A field name, borrowed from the line when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = std::borrow::Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = std::borrow::Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The former way: a whole `Value`, then the two fields removed.
    fn via_value(
        line: &str,
        text: &str,
        id: &str,
    ) -> Result<Option<(String, String, String)>, String> {
        let value: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let Value::Object(mut object) = value else {
            return Ok(None);
        };
        let id_value = format!("{:?}", object.get(id));
        let text_value = format!("{:?}", object.remove(text));
        object.remove(id);
        Ok(Some((
            text_value,
            id_value,
            Value::Object(object).to_string(),
        )))
    }

    fn new_way(
        line: &str,
        text: &str,
        id: &str,
    ) -> Result<Option<(String, String, String)>, String> {
        match parse(line, text, id).map_err(|e| e.to_string())? {
            None => Ok(None),
            Some(r) => Ok(Some((
                format!("{:?}", r.text),
                format!("{:?}", r.id),
                Value::Object(r.extra).to_string(),
            ))),
        }
    }

    #[test]
    fn records_and_errors_match_parsing_a_whole_value() {
        let lines = [
            r#"{"id":"a","text":"t"}"#,
            r#"{"text":"t","id":"a"}"#,
            r#"{"id":"a","text":"t","x":1,"y":[2],"z":{"k":null}}"#,
            r#"{"x":1,"id":"a","y":2,"text":"t","z":3}"#,
            r#"{"x":1,"text":"t","y":2,"id":"a","z":3,"w":4}"#,
            r#"{"a":1,"b":2,"c":3,"text":"t"}"#,
            r#"{"text":"t","a":1,"b":2,"c":3}"#,
            r#"{"id":"a","a":1,"b":2,"c":3}"#,
            r#"{"a":1,"b":2,"c":3}"#,
            r#"{"id":"dup","text":"one","text":"two","id":"dup2"}"#,
            r#"{"a":1,"text":"one","a":2,"b":3,"text":"two"}"#,
            r#"{"t\u0065xt":"escaped key","i\u0064":"x","\u00e9":1}"#,
            r#"{"id":5,"text":null}"#,
            r#"{"id":{"n":[1,2.5,-0.0]},"text":["x"]}"#,
            r#"{"text":"x","n":1e400}"#,
            r#"{"text":"x"} trailing"#,
            r#"{"text":"x""#,
            r#"{"text":"unterminated"#,
            r#"{"text":"\ud800"}"#,
            r#"{"text":"bad \x escape"}"#,
            r#"{"text":"x",}"#,
            r#"{1:2}"#,
            r#"{}"#,
            r#"[1,2]"#,
            r#"[1e400]"#,
            r#"[1,"#,
            r#""just a string""#,
            r#"42"#,
            r#"-1.5e3"#,
            r#"true"#,
            r#"null"#,
            r#""#,
            r#"   "#,
            r#"{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
        ];
        for line in lines {
            for (text, id) in [("text", "id"), ("body", "id"), ("text", "text"), ("a", "b")] {
                assert_eq!(
                    new_way(line, text, id),
                    via_value(line, text, id),
                    "{line} with text={text} id={id}"
                );
            }
        }
    }
}

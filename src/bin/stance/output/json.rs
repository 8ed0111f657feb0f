//! One JSON Lines row, written field by field into a byte buffer.
//!
//! The output must stay byte-identical to what the former code printed: a
//! `serde_json` map (insertion-ordered) filled with the row's fields, then the
//! passed-through input fields. Two rules of that map are kept here:
//! - a passed-through field whose name is one of the optional detail fields
//!   already written (`kind`, `boilerplate`, `fragment`, `speaker`,
//!   `speaker_span`, `role`) takes that field's place and value;
//! - every other passed-through field follows, in its own order.
//!
//! Strings, numbers and passed-through values go through `serde_json`'s own
//! writer, so escaping and number formatting are exactly `serde_json`'s.

use super::decimal::write_round4;
use super::{Row, RESERVED};
use serde::Serialize;
use serde_json::{Map, Value};
use stance::document::{Unit, UnitPrediction};
use stance::Stance;
use std::io;

/// Append one row and its newline to `buf`.
pub fn write_row(buf: &mut Vec<u8>, row: &Row) -> io::Result<()> {
    match row {
        Row::Scored {
            id,
            unit,
            abstain,
            warning,
            extra,
        } => {
            let p = &unit.prediction;
            buf.extend_from_slice(b"{\"id\":");
            value(buf, id)?;
            buf.extend_from_slice(b",\"unit\":\"");
            buf.extend_from_slice(unit.unit.as_str().as_bytes());
            buf.extend_from_slice(b"\",\"index\":");
            value(buf, &unit.index)?;
            buf.extend_from_slice(b",\"start\":");
            value(buf, &p.span.start)?;
            buf.extend_from_slice(b",\"end\":");
            value(buf, &p.span.end)?;
            buf.extend_from_slice(b",\"label\":");
            if *abstain {
                buf.extend_from_slice(b"null");
            } else {
                quoted_label(buf, p.label);
            }
            buf.extend_from_slice(b",\"confidence\":");
            write_round4(buf, p.confidence)?;
            buf.extend_from_slice(b",\"scores\":{");
            for (i, label) in Stance::ALL.into_iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                quoted_label(buf, label);
                buf.push(b':');
                write_round4(buf, p.scores.get(label))?;
            }
            buf.extend_from_slice(b"},\"tone\":");
            write_round4(buf, p.tone)?;
            if *abstain {
                buf.extend_from_slice(b",\"abstain\":\"below_confidence\"");
            }
            let mut details = Details::new(extra);
            write_unit_details(buf, unit, &mut details)?;
            if let Some(w) = warning {
                buf.extend_from_slice(b",\"warning\":");
                value(buf, w)?;
            }
            if !extra.is_empty() {
                for (k, v) in extra.iter() {
                    if !RESERVED.contains(&k.as_str()) && !details.written(k) {
                        buf.push(b',');
                        value(buf, k)?;
                        buf.push(b':');
                        value(buf, v)?;
                    }
                }
            }
        }
        Row::Failed { id, line, error } => {
            buf.extend_from_slice(b"{\"id\":");
            value(buf, id)?;
            buf.extend_from_slice(b",\"error\":");
            value(buf, error)?;
            buf.extend_from_slice(b",\"line\":");
            value(buf, line)?;
        }
    }
    buf.extend_from_slice(b"}\n");
    Ok(())
}

/// A label as a JSON string. Labels are fixed lowercase ASCII words with
/// nothing to escape, so this is `serde_json`'s form without its escaping
/// scan (four labels a row made this a tenth of the cost of writing one).
fn quoted_label(buf: &mut Vec<u8>, label: Stance) {
    buf.push(b'"');
    buf.extend_from_slice(label.as_str().as_bytes());
    buf.push(b'"');
}

/// Any value in `serde_json`'s compact form.
fn value(buf: &mut Vec<u8>, v: &(impl Serialize + ?Sized)) -> io::Result<()> {
    serde_json::to_writer(&mut *buf, v).map_err(io::Error::from)
}

/// The optional detail fields written so far, and the passed-through fields
/// that replace them.
struct Details<'a> {
    extra: &'a Map<String, Value>,
    written: [&'static str; 6],
    count: usize,
}

impl<'a> Details<'a> {
    fn new(extra: &'a Map<String, Value>) -> Self {
        Details {
            extra,
            written: [""; 6],
            count: 0,
        }
    }

    /// Write `"name":` and then either the passed-through field of that name
    /// (which the former map would have put in this place) or `own`.
    fn field(
        &mut self,
        buf: &mut Vec<u8>,
        name: &'static str,
        own: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<()> {
        buf.push(b',');
        value(buf, name)?;
        buf.push(b':');
        if let Some(slot) = self.written.get_mut(self.count) {
            *slot = name;
            self.count += 1;
        }
        match self.extra.get(name) {
            Some(v) => value(buf, v),
            None => own(buf),
        }
    }

    fn written(&self, name: &str) -> bool {
        self.written.iter().take(self.count).any(|w| *w == name)
    }
}

/// Headline, boilerplate, fragment and speaker fields, present only where they say something.
fn write_unit_details(
    buf: &mut Vec<u8>,
    unit: &UnitPrediction,
    details: &mut Details,
) -> io::Result<()> {
    if unit.headline {
        details.field(buf, "kind", |b| value(b, "headline"))?;
    }
    if unit.boilerplate {
        details.field(buf, "boilerplate", |b| value(b, &true))?;
    }
    if unit.fragment {
        details.field(buf, "fragment", |b| value(b, &true))?;
    }
    if unit.unit != Unit::Document {
        let speaker = unit.speaker.as_ref();
        details.field(buf, "speaker", |b| match speaker {
            Some(s) => value(b, &s.name),
            None => value(b, &()),
        })?;
        if let Some(s) = speaker {
            details.field(buf, "speaker_span", |b| {
                b.extend_from_slice(b"{\"start\":");
                value(b, &s.span.start)?;
                b.extend_from_slice(b",\"end\":");
                value(b, &s.span.end)?;
                b.push(b'}');
                Ok(())
            })?;
            if let Some(role) = &s.role {
                details.field(buf, "role", |b| value(b, role))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use stance::prediction::round4;
    use stance::text::segment::Speaker;
    use stance::{Prediction, Scores, Span};

    /// The former formatter: a `serde_json` map per row. The new writer must
    /// give exactly its bytes.
    fn via_map(row: &Row) -> String {
        let mut map = Map::new();
        match row {
            Row::Scored {
                id,
                unit,
                abstain,
                warning,
                extra,
            } => {
                let p = &unit.prediction;
                map.insert("id".into(), Value::from(*id));
                map.insert("unit".into(), Value::from(unit.unit.as_str()));
                map.insert("index".into(), Value::from(unit.index));
                map.insert("start".into(), Value::from(p.span.start));
                map.insert("end".into(), Value::from(p.span.end));
                let label = if *abstain {
                    Value::Null
                } else {
                    Value::from(p.label.as_str())
                };
                map.insert("label".into(), label);
                map.insert("confidence".into(), Value::from(round4(p.confidence)));
                map.insert("scores".into(), serde_json::to_value(p.scores).unwrap());
                map.insert("tone".into(), Value::from(round4(p.tone)));
                if *abstain {
                    map.insert("abstain".into(), Value::from("below_confidence"));
                }
                if unit.headline {
                    map.insert("kind".into(), Value::from("headline"));
                }
                if unit.boilerplate {
                    map.insert("boilerplate".into(), Value::from(true));
                }
                if unit.fragment {
                    map.insert("fragment".into(), Value::from(true));
                }
                if unit.unit != Unit::Document {
                    let speaker = unit.speaker.as_ref();
                    map.insert(
                        "speaker".into(),
                        speaker.map_or(Value::Null, |s| Value::from(s.name.as_str())),
                    );
                    if let Some(s) = speaker {
                        map.insert(
                            "speaker_span".into(),
                            serde_json::json!({"start": s.span.start, "end": s.span.end}),
                        );
                        if let Some(role) = &s.role {
                            map.insert("role".into(), Value::from(role.as_str()));
                        }
                    }
                }
                if let Some(w) = warning {
                    map.insert("warning".into(), Value::from(*w));
                }
                for (k, v) in extra.iter() {
                    if !RESERVED.contains(&k.as_str()) {
                        map.insert(k.clone(), v.clone());
                    }
                }
            }
            Row::Failed { id, line, error } => {
                map.insert("id".into(), Value::from(*id));
                map.insert("error".into(), Value::from(*error));
                map.insert("line".into(), Value::from(*line));
            }
        }
        format!("{}\n", Value::Object(map))
    }

    fn new_way(row: &Row) -> String {
        let mut buf = Vec::new();
        write_row(&mut buf, row).unwrap();
        String::from_utf8(buf).unwrap()
    }

    const HOSTILE: &[&str] = &[
        "",
        "plain",
        "quote \" backslash \\ slash /",
        "controls \u{0}\u{1}\u{8}\u{9}\u{a}\u{c}\u{d}\u{1f}\u{7f}",
        "separators \u{2028}\u{2029} bom \u{feff}",
        "emoji \u{1f525}\u{200d}\u{1f469}\u{1f3fd} and \u{fffd}",
        "\u{10ffff}\u{e000}\u{d7ff}",
        "</script><!-- & ' ",
    ];

    fn unit(kind: Unit, flags: u8, speaker: Option<Speaker>, scores: [f32; 3]) -> UnitPrediction {
        let tone = scores[0] - scores[1];
        UnitPrediction {
            unit: kind,
            index: usize::from(flags) * 1000,
            prediction: Prediction {
                label: Stance::ALL[usize::from(flags) % 3],
                confidence: scores.iter().copied().fold(f32::MIN, f32::max),
                scores: Scores(scores),
                tone,
                span: Span::new(usize::from(flags), usize::MAX),
            },
            headline: flags & 1 != 0,
            boilerplate: flags & 2 != 0,
            fragment: flags & 4 != 0,
            speaker,
        }
    }

    fn extras() -> Vec<Map<String, Value>> {
        let hostile: Vec<Value> = HOSTILE.iter().map(|s| Value::from(*s)).collect();
        let mut out = vec![Map::new()];
        for (i, names) in [
            &["speaker", "kind", "label", "role"][..],
            &["role", "source", "speaker_span", "fragment", "boilerplate"],
            &["zeta", "alpha", "error", "line", "warning", "text"],
            &["kind", "speaker"],
            HOSTILE,
        ]
        .iter()
        .enumerate()
        {
            let mut m = Map::new();
            for (j, name) in names.iter().enumerate() {
                let v = match (i + j) % 6 {
                    0 => Value::Null,
                    1 => {
                        serde_json::json!({"x": [1, 2.5, -0.0, 1e-7, 12345678901234567890u64, true]})
                    }
                    2 => Value::from(-3),
                    3 => hostile[j % hostile.len()].clone(),
                    4 => serde_json::json!([]),
                    _ => Value::from(0.1 + 0.2),
                };
                m.insert((*name).to_string(), v);
            }
            out.push(m);
        }
        out
    }

    #[test]
    fn labels_are_quoted_as_serde_json_quotes_them() {
        for label in Stance::ALL {
            let mut buf = Vec::new();
            quoted_label(&mut buf, label);
            let want = serde_json::to_string(label.as_str()).expect("a string serialises");
            assert_eq!(String::from_utf8(buf).expect("ASCII"), want);
        }
    }

    #[test]
    fn rows_are_byte_identical_to_a_serde_json_map() {
        let speakers = [
            None,
            Some(Speaker {
                name: "Lena \"L\" Sorvik\u{2028}".into(),
                span: Span::new(3, 9),
                role: None,
            }),
            Some(Speaker {
                name: "Oskar Brandt".into(),
                span: Span::new(0, 0),
                role: Some("Foreign \\ Minister\u{1}".into()),
            }),
        ];
        let scores = [
            [0.2, 0.3, 0.5],
            [1.0, 0.0, 0.0],
            [0.333_333_34, 0.333_333_34, 0.333_333_3],
            [0.000_04, 0.000_05, 0.999_91],
            [f32::NAN, f32::INFINITY, -0.0],
        ];
        let extras = extras();
        let mut checked = 0;
        for kind in Unit::ALL {
            for flags in 0..8u8 {
                for speaker in &speakers {
                    for (s, sc) in scores.iter().enumerate() {
                        let u = unit(kind, flags, speaker.clone(), *sc);
                        for extra in &extras {
                            for (h, id) in HOSTILE.iter().enumerate() {
                                let row = Row::Scored {
                                    id,
                                    unit: &u,
                                    abstain: (s + h) % 2 == 0,
                                    warning: (h % 3 == 0).then_some(HOSTILE[h]),
                                    extra,
                                };
                                assert_eq!(new_way(&row), via_map(&row));
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        for error in HOSTILE {
            for id in HOSTILE {
                let row = Row::Failed {
                    id,
                    line: usize::MAX,
                    error,
                };
                assert_eq!(new_way(&row), via_map(&row));
            }
        }
        assert!(checked > 10_000);
    }
}

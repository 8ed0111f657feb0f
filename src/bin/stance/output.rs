//! Writing rows: JSON Lines for machines, or CSV.

use serde_json::{Map, Value};
use stance::document::{Unit, UnitPrediction};
use stance::prediction::round4;
use stance::Stance;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Jsonl,
    Csv,
}

/// Fields every scored row has; passed-through input fields with these names are dropped.
pub const RESERVED: &[&str] = &[
    "id",
    "unit",
    "index",
    "start",
    "end",
    "label",
    "confidence",
    "scores",
    "tone",
    "abstain",
    "warning",
    "error",
    "line",
];

/// One output row, before formatting.
pub enum Row<'a> {
    Scored {
        id: &'a str,
        unit: &'a UnitPrediction,
        abstain: bool,
        warning: Option<&'a str>,
        extra: &'a Map<String, Value>,
    },
    Failed {
        id: &'a str,
        line: usize,
        error: &'a str,
    },
}

pub struct RowWriter<W: Write> {
    out: W,
    format: OutputFormat,
    wrote_header: bool,
}

impl<W: Write> RowWriter<W> {
    pub fn new(out: W, format: OutputFormat) -> Self {
        RowWriter {
            out,
            format,
            wrote_header: false,
        }
    }

    pub fn write(&mut self, row: &Row) -> std::io::Result<()> {
        let line = match self.format {
            OutputFormat::Jsonl => json_line(row),
            OutputFormat::Csv => {
                if !self.wrote_header {
                    self.wrote_header = true;
                    self.out.write_all(CSV_HEADER.as_bytes())?;
                }
                csv_line(row)
            }
        };
        self.out.write_all(line.as_bytes())
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

fn json_line(row: &Row) -> String {
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
            map.insert(
                "label".into(),
                if *abstain {
                    Value::Null
                } else {
                    Value::from(p.label.as_str())
                },
            );
            map.insert("confidence".into(), Value::from(round4(p.confidence)));
            map.insert(
                "scores".into(),
                serde_json::to_value(p.scores).unwrap_or(Value::Null),
            );
            map.insert("tone".into(), Value::from(round4(p.tone)));
            if *abstain {
                map.insert("abstain".into(), Value::from("below_confidence"));
            }
            insert_unit_details(&mut map, unit);
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
    let mut s = Value::Object(map).to_string();
    s.push('\n');
    s
}

/// Headline, boilerplate, fragment and speaker fields, present only where they say something.
fn insert_unit_details(map: &mut Map<String, Value>, unit: &UnitPrediction) {
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
}

const CSV_HEADER: &str =
    "id,unit,index,start,end,label,confidence,escalatory,de-escalatory,neutral,tone,error\n";

fn csv_line(row: &Row) -> String {
    let fields: Vec<String> = match row {
        Row::Scored {
            id, unit, abstain, ..
        } => {
            let p = &unit.prediction;
            vec![
                id.to_string(),
                unit.unit.as_str().to_string(),
                unit.index.to_string(),
                p.span.start.to_string(),
                p.span.end.to_string(),
                if *abstain {
                    String::new()
                } else {
                    p.label.as_str().to_string()
                },
                round4(p.confidence).to_string(),
                round4(p.scores.get(Stance::Escalatory)).to_string(),
                round4(p.scores.get(Stance::DeEscalatory)).to_string(),
                round4(p.scores.get(Stance::Neutral)).to_string(),
                round4(p.tone).to_string(),
                String::new(),
            ]
        }
        Row::Failed { id, line, error } => {
            let mut v = vec![id.to_string()];
            v.extend(std::iter::repeat_n(String::new(), 10));
            v.push(format!("line {line}: {error}"));
            v
        }
    };
    let mut out = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

//! Reading records to score: plain text, JSON Lines, CSV, from files or stdin.
//!
//! Readers stream: one record at a time, so memory stays bounded by the
//! longest record, not the file. A record that cannot be read becomes a
//! record carrying its error, so the caller can print an error row in its
//! place and go on.

use serde_json::{Map, Value};
use std::io::{BufRead, Read};

/// How to read the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Text,
    Jsonl,
    Csv,
}

impl InputFormat {
    /// The format a file's extension implies (`.jsonl`/`.ndjson`, `.csv`, else text).
    pub fn from_path(path: &str) -> InputFormat {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            InputFormat::Jsonl
        } else if lower.ends_with(".csv") {
            InputFormat::Csv
        } else {
            InputFormat::Text
        }
    }
}

/// Field and column names for structured input.
#[derive(Debug, Clone)]
pub struct Fields {
    pub text: String,
    pub id: String,
}

/// One record to score, or the reason it cannot be.
#[derive(Debug)]
pub struct InputRecord {
    pub id: String,
    /// 1-based line (or CSV record start line) where the record begins.
    pub line: usize,
    pub text: Result<String, String>,
    /// Fields passed through to every output row.
    pub extra: Map<String, Value>,
    /// Something the user should know although the record was scored.
    pub warning: Option<String>,
}

impl InputRecord {
    fn failed(id: String, line: usize, reason: String) -> InputRecord {
        InputRecord {
            id,
            line,
            text: Err(reason),
            extra: Map::new(),
            warning: None,
        }
    }
}

/// Bytes to text; invalid UTF-8 is replaced (U+FFFD) and reported.
fn decode(bytes: Vec<u8>) -> (String, Option<String>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let bytes = e.into_bytes();
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            (
                lossy,
                Some("invalid UTF-8 replaced with U+FFFD before scoring".to_string()),
            )
        }
    }
}

fn strip_bom(s: &str) -> &str {
    s.strip_prefix('\u{feff}').unwrap_or(s)
}

/// A whole text file (or stdin) as one record.
pub fn read_text(mut source: impl Read, name: &str) -> InputRecord {
    let mut bytes = Vec::new();
    if let Err(e) = source.read_to_end(&mut bytes) {
        return InputRecord::failed(name.to_string(), 1, format!("read error: {e}"));
    }
    let (text, warning) = decode(bytes);
    let text = strip_bom(&text).to_string();
    InputRecord {
        id: name.to_string(),
        line: 1,
        text: Ok(text),
        extra: Map::new(),
        warning,
    }
}

/// JSON Lines, one record per non-blank line.
pub struct JsonlReader<R> {
    source: R,
    name: String,
    fields: Fields,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(source: R, name: &str, fields: Fields) -> Self {
        JsonlReader {
            source,
            name: name.to_string(),
            fields,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn parse(&self, bytes: Vec<u8>) -> InputRecord {
        let fallback_id = format!("{}:{}", self.name, self.line);
        let (text, warning) = decode(bytes);
        let body = if self.line == 1 {
            strip_bom(&text)
        } else {
            &text
        };
        let value: Value = match serde_json::from_str(body.trim_end_matches(['\r', '\n'])) {
            Ok(v) => v,
            Err(e) => {
                return InputRecord::failed(fallback_id, self.line, format!("malformed JSON: {e}"))
            }
        };
        let Value::Object(mut object) = value else {
            return InputRecord::failed(
                fallback_id,
                self.line,
                "JSON value is not an object".to_string(),
            );
        };
        let id = match object.get(&self.fields.id) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => fallback_id,
            Some(other) => other.to_string(),
        };
        let text = match object.remove(&self.fields.text) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(format!(
                "field {:?} is not a string but {}",
                self.fields.text,
                kind_of(&other)
            )),
            None => Err(format!("missing text field {:?}", self.fields.text)),
        };
        object.remove(&self.fields.id);
        InputRecord {
            id,
            line: self.line,
            text,
            extra: object,
            warning,
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = InputRecord;

    fn next(&mut self) -> Option<InputRecord> {
        while !self.done {
            self.buf.clear();
            self.line += 1;
            match self.source.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    let blank = self.buf.iter().all(|b| b.is_ascii_whitespace())
                        || (self.line == 1
                            && self
                                .buf
                                .strip_prefix(b"\xef\xbb\xbf")
                                .is_some_and(|rest| rest.iter().all(|b| b.is_ascii_whitespace())));
                    if blank {
                        continue;
                    }
                    let bytes = std::mem::take(&mut self.buf);
                    return Some(self.parse(bytes));
                }
                Err(e) => {
                    self.done = true;
                    let id = format!("{}:{}", self.name, self.line);
                    return Some(InputRecord::failed(
                        id,
                        self.line,
                        format!("read error: {e}"),
                    ));
                }
            }
        }
        None
    }
}

/// CSV with a header row; other columns pass through as strings.
pub struct CsvReader<R: Read> {
    reader: csv::Reader<R>,
    name: String,
    headers: Option<Vec<String>>,
    text_col: Option<usize>,
    id_col: Option<usize>,
    failed_header: Option<String>,
    done: bool,
}

impl<R: Read> CsvReader<R> {
    pub fn new(source: R, name: &str, fields: Fields) -> Self {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(source);
        let (headers, failed_header) = match reader.byte_headers() {
            Ok(h) => (
                Some(
                    h.iter()
                        .enumerate()
                        .map(|(i, f)| {
                            let s = String::from_utf8_lossy(f).into_owned();
                            if i == 0 {
                                strip_bom(&s).to_string()
                            } else {
                                s
                            }
                        })
                        .collect::<Vec<_>>(),
                ),
                None,
            ),
            Err(e) => (None, Some(format!("unreadable CSV header: {e}"))),
        };
        let position = |name: &str| {
            headers
                .as_ref()
                .and_then(|h| h.iter().position(|c| c == name))
        };
        let text_col = position(&fields.text);
        let id_col = position(&fields.id);
        let failed_header = failed_header.or_else(|| {
            text_col
                .is_none()
                .then(|| format!("CSV header has no text column {:?}", fields.text))
        });
        CsvReader {
            reader,
            name: name.to_string(),
            headers,
            text_col,
            id_col,
            failed_header,
            done: false,
        }
    }
}

impl<R: Read> Iterator for CsvReader<R> {
    type Item = InputRecord;

    fn next(&mut self) -> Option<InputRecord> {
        if self.done {
            return None;
        }
        if let Some(reason) = self.failed_header.take() {
            self.done = true;
            return Some(InputRecord::failed(format!("{}:1", self.name), 1, reason));
        }
        let mut row = csv::ByteRecord::new();
        match self.reader.read_byte_record(&mut row) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                let line = row.position().map_or(0, |p| p.line() as usize);
                let fallback_id = format!("{}:{}", self.name, line);
                let headers = self.headers.as_deref().unwrap_or(&[]);
                if row.len() != headers.len() {
                    let reason =
                        format!("row has {} fields, header has {}", row.len(), headers.len());
                    return Some(InputRecord::failed(fallback_id, line, reason));
                }
                let mut extra = Map::new();
                let mut lossy = false;
                let mut cell = |i: usize| -> String {
                    let bytes = row.get(i).unwrap_or(&[]);
                    match std::str::from_utf8(bytes) {
                        Ok(s) => s.to_string(),
                        Err(_) => {
                            lossy = true;
                            String::from_utf8_lossy(bytes).into_owned()
                        }
                    }
                };
                let id = self
                    .id_col
                    .map(&mut cell)
                    .filter(|s| !s.is_empty())
                    .unwrap_or(fallback_id);
                let text = self.text_col.map(&mut cell).unwrap_or_default();
                for (i, name) in headers.iter().enumerate() {
                    if Some(i) != self.text_col && Some(i) != self.id_col {
                        extra.insert(name.clone(), Value::String(cell(i)));
                    }
                }
                let warning =
                    lossy.then(|| "invalid UTF-8 replaced with U+FFFD before scoring".to_string());
                Some(InputRecord {
                    id,
                    line,
                    text: Ok(text),
                    extra,
                    warning,
                })
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                // A broken quote can leave the reader unable to resync: report and stop this file.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                }
                Some(InputRecord::failed(
                    format!("{}:{}", self.name, line),
                    line,
                    format!("malformed CSV: {e}"),
                ))
            }
        }
    }
}

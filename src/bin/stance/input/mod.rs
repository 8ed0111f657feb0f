//! Reading records to score: plain text, JSON Lines, CSV, from files or stdin.
//!
//! Readers stream: one record at a time, so memory stays bounded by the
//! longest record, not the file. A record that cannot be read becomes a
//! record carrying its error, so the caller can print an error row in its
//! place and go on.

mod csv;
mod flat_line;
mod json_record;
mod jsonl;

pub use self::csv::CsvReader;
pub use jsonl::JsonlReader;

use serde_json::{Map, Value};
use std::io::{BufReader, Read};

/// The largest record read: a longer JSON line, or a larger text file, becomes
/// an error row instead of exhausting memory (scoring one unit needs about
/// 20 bytes of working memory per byte of text).
pub const MAX_RECORD_BYTES: usize = 256 << 20;

/// The JSON Lines reader keeps its line buffer between lines up to this size.
const KEEP_LINE_BUFFER: usize = 1 << 20;

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

/// Where records come from and how to read them; shared by `score` and `summarize`.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Files to read; standard input when none is given (or for `-`).
    pub files: Vec<String>,
    /// Input format; by default from each file's extension (.jsonl/.ndjson, .csv, else text).
    #[arg(long, value_enum)]
    pub input: Option<InputFormat>,
    /// JSON field holding the text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// JSON field holding the record id.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// CSV column holding the text.
    #[arg(long, default_value = "text")]
    pub text_column: String,
    /// CSV column holding the record id.
    #[arg(long, default_value = "id")]
    pub id_column: String,
}

impl InputArgs {
    /// Each source in order: a path, or `None` for standard input.
    pub fn sources(&self) -> Vec<Option<&str>> {
        if self.files.is_empty() {
            vec![None]
        } else {
            self.files.iter().map(|f| Some(f.as_str())).collect()
        }
    }

    /// The records of one source. A file that cannot be opened yields one
    /// failed record naming it, so the caller prints an error row in its place.
    pub fn records(&self, source: Option<&str>) -> Box<dyn Iterator<Item = InputRecord>> {
        let source = source.filter(|s| *s != "-");
        let name = source.unwrap_or("<stdin>");
        let format = self
            .input
            .unwrap_or_else(|| source.map_or(InputFormat::Text, InputFormat::from_path));
        let reader: Box<dyn Read> = match source {
            None => Box::new(std::io::stdin().lock()),
            Some(path) => match std::fs::File::open(path) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    let reason = format!("cannot open {path}: {e}");
                    return Box::new(std::iter::once(InputRecord::failed(
                        name.to_string(),
                        0,
                        reason,
                    )));
                }
            },
        };
        let fields = |text: &str, id: &str| Fields {
            text: text.to_string(),
            id: id.to_string(),
        };
        match format {
            InputFormat::Text => Box::new(std::iter::once(read_text(reader, name))),
            InputFormat::Jsonl => Box::new(JsonlReader::new(
                BufReader::with_capacity(1 << 16, reader),
                name,
                fields(&self.text_field, &self.id_field),
            )),
            InputFormat::Csv => Box::new(CsvReader::new(
                BufReader::with_capacity(1 << 16, reader),
                name,
                fields(&self.text_column, &self.id_column),
            )),
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

/// The warning on a record whose invalid UTF-8 was replaced.
const LOSSY_WARNING: &str = "invalid UTF-8 replaced with U+FFFD before scoring";

/// Bytes to text; invalid UTF-8 is replaced (U+FFFD) and reported.
fn decode(bytes: Vec<u8>) -> (String, Option<String>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let bytes = e.into_bytes();
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            (lossy, Some(LOSSY_WARNING.to_string()))
        }
    }
}

fn strip_bom(s: &str) -> &str {
    s.strip_prefix('\u{feff}').unwrap_or(s)
}

/// A whole text file (or stdin) as one record.
pub fn read_text(source: impl Read, name: &str) -> InputRecord {
    read_text_limited(source, name, MAX_RECORD_BYTES)
}

fn read_text_limited(source: impl Read, name: &str, limit: usize) -> InputRecord {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    if let Err(e) = source.take(cap).read_to_end(&mut bytes) {
        return InputRecord::failed(name.to_string(), 1, format!("read error: {e}"));
    }
    if bytes.len() > limit {
        return InputRecord::failed(
            name.to_string(),
            1,
            format!("text is larger than the {} MiB limit", limit >> 20),
        );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlarge_text_file_is_one_error() {
        let r = read_text_limited(&b"0123456789"[..], "f", 4);
        assert!(r.text.unwrap_err().contains("larger than"));
        let r = read_text_limited(&b"0123"[..], "f", 4);
        assert_eq!(r.text.as_deref(), Ok("0123"));
    }
}

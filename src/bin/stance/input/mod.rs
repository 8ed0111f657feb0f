//! Reading records to score: plain text, JSON Lines, CSV, from files or stdin.
//!
//! Readers stream: one record at a time, so memory stays bounded by the
//! longest record, not the file. A record that cannot be read becomes a
//! record carrying its error, so the caller can print an error row in its
//! place and go on.

mod flat_line;
mod json_record;

use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Read};

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

/// JSON Lines, one record per non-blank line.
pub struct JsonlReader<R> {
    source: R,
    name: String,
    fields: Fields,
    line: usize,
    buf: Vec<u8>,
    done: bool,
    limit: usize,
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
            limit: MAX_RECORD_BYTES,
        }
    }

    /// The same reader with another line-length limit (tests use a small one).
    #[cfg(test)]
    fn with_limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// The id of a record whose line cannot be parsed: the id field's string
    /// value when it can still be found in the bytes, else `<file>:<line>`.
    fn salvaged_id(&self, bytes: &[u8]) -> String {
        salvage_id(bytes, &self.fields.id).unwrap_or_else(|| self.fallback_id())
    }

    /// The record on the line now in `self.buf`.
    fn parse(&self) -> InputRecord {
        let lossy;
        let (text, warning) = match std::str::from_utf8(&self.buf) {
            Ok(text) => (text, None),
            Err(_) => {
                lossy = String::from_utf8_lossy(&self.buf);
                (&*lossy, Some(LOSSY_WARNING.to_string()))
            }
        };
        let body = if self.line == 1 {
            strip_bom(text)
        } else {
            text
        };
        let body = body.trim_end_matches(['\r', '\n']);
        let record = match json_record::parse(body, &self.fields.text, &self.fields.id) {
            Ok(Some(record)) => record,
            Ok(None) => {
                return InputRecord::failed(
                    self.fallback_id(),
                    self.line,
                    "JSON value is not an object".to_string(),
                );
            }
            Err(e) => {
                let id = self.salvaged_id(body.as_bytes());
                return InputRecord::failed(id, self.line, format!("malformed JSON: {e}"));
            }
        };
        let id = match record.id {
            Some(Value::String(s)) => s,
            Some(Value::Null) | None => self.fallback_id(),
            Some(other) => other.to_string(),
        };
        let text = match record.text {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(format!(
                "field {:?} is not a string but {}",
                self.fields.text,
                kind_of(&other)
            )),
            None => Err(format!("missing text field {:?}", self.fields.text)),
        };
        InputRecord {
            id,
            line: self.line,
            text,
            extra: record.extra,
            warning,
        }
    }

    /// `<file>:<line>`, the id of a record that has none.
    fn fallback_id(&self) -> String {
        format!("{}:{}", self.name, self.line)
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
            match read_line_limited(&mut self.source, &mut self.buf, self.limit) {
                Ok((0, _)) => self.done = true,
                Ok((_, true)) => {
                    let id = self.salvaged_id(&self.buf);
                    self.buf = Vec::new();
                    let reason = format!(
                        "line is longer than the {} MiB limit",
                        (self.limit >> 20).max(1)
                    );
                    return Some(InputRecord::failed(id, self.line, reason));
                }
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
                    let record = self.parse();
                    // The line buffer is reused, but not at the size of a rare huge line.
                    if self.buf.capacity() > KEEP_LINE_BUFFER {
                        self.buf = Vec::new();
                    }
                    return Some(record);
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

/// The position of the first `\n` in `bytes`. It runs over every byte of
/// input, so it looks at eight bytes a step: a word has a `\n` byte where
/// `word ^ 0x0a..` has a zero byte, and the lowest zero byte of a word is
/// exactly the lowest byte the zero-byte test flags (a false flag can only
/// sit above a true one, where a borrow ran on).
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word) ^ (ONES * u64::from(b'\n'));
        let zero = v.wrapping_sub(ONES) & !v & HIGHS;
        if zero != 0 {
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| at + i)
}

/// Read one line (through its `\n`) into `buf`, keeping at most `limit` bytes.
/// Returns the bytes consumed and whether the line was longer than `limit`; the
/// rest of a long line is read and dropped, so memory stays bounded.
fn read_line_limited(
    source: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0usize;
    let mut too_long = false;
    loop {
        let available = match source.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((consumed, too_long));
        }
        let (chunk, end_of_line) = match find_newline(available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let room = limit.saturating_sub(buf.len());
        if chunk.len() > room && !too_long {
            too_long = true;
            buf.truncate(4096);
        }
        if !too_long {
            buf.extend_from_slice(chunk);
        } else if buf.len() < limit.min(4096) {
            // Keep the start of an overlong line, where the id usually is.
            let keep = (limit.min(4096) - buf.len()).min(chunk.len());
            buf.extend_from_slice(&chunk[..keep]);
        }
        let n = chunk.len();
        source.consume(n);
        consumed += n;
        if end_of_line {
            return Ok((consumed, too_long));
        }
    }
}

/// Best effort for a line that is not valid JSON: the string value of the first
/// `"<field>": "..."` pair in it. Escaped quotes inside strings cannot match, so a
/// text that mentions the field name is not mistaken for it.
fn salvage_id(bytes: &[u8], field: &str) -> Option<String> {
    let key = serde_json::to_string(field).ok()?;
    let key = key.as_bytes();
    let mut from = 0;
    while let Some(at) = find(bytes.get(from..)?, key) {
        let after = from + at + key.len();
        from = after;
        let rest = bytes.get(after..)?;
        let rest = trim_ascii_start(rest);
        let Some(rest) = rest.strip_prefix(b":") else {
            continue;
        };
        let rest = trim_ascii_start(rest);
        if rest.first() != Some(&b'"') {
            continue;
        }
        // The string ends at the first quote that is not escaped.
        let mut end = None;
        let mut escaped = false;
        for (i, &b) in rest.iter().enumerate().skip(1) {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                end = Some(i);
                break;
            }
        }
        let literal = rest.get(..=end?)?;
        if let Ok(id) = serde_json::from_slice::<String>(literal) {
            return Some(id);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    bytes.get(n..).unwrap_or(&[])
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
                let warning = lossy.then(|| LOSSY_WARNING.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_newline_finds_the_first_newline_anywhere() {
        for len in 0..40 {
            for at in 0..=len {
                // Every byte value around the newline, so a borrow or a near miss would show.
                for filler in [0u8, 1, 9, 11, 0x0a ^ 0x80, 0x8a, 0xff, b'a'] {
                    let mut bytes = vec![filler; len];
                    if at < len {
                        bytes[at] = b'\n';
                        if at + 1 < len {
                            bytes[at + 1] = b'\n';
                        }
                    }
                    let want = bytes.iter().position(|&b| b == b'\n');
                    assert_eq!(find_newline(&bytes), want, "{len} {at} {filler}");
                }
            }
        }
    }

    fn fields() -> Fields {
        Fields {
            text: "text".into(),
            id: "id".into(),
        }
    }

    #[test]
    fn the_id_of_a_malformed_line_is_salvaged_when_it_can_be() {
        assert_eq!(
            salvage_id(br#"{"id": "a\"b", "text": "x"#, "id").as_deref(),
            Some("a\"b")
        );
        assert_eq!(
            salvage_id(br#"{"text": "id", "id":"k", "x"#, "id").as_deref(),
            Some("k")
        );
        assert_eq!(salvage_id(br#"{"text": "say \"id\": \"no\""#, "id"), None);
        assert_eq!(salvage_id(br#"{"id": 5, "text"#, "id"), None);
        assert_eq!(salvage_id(br#"{"id": "unterminated"#, "id"), None);
        assert_eq!(salvage_id(b"", "id"), None);
        assert_eq!(salvage_id(b"\"id\"", "id"), None);
        assert_eq!(salvage_id(b"\"id\":", "id"), None);
        assert_eq!(salvage_id(b"\"id\": \"\\", "id"), None);
    }

    #[test]
    fn an_overlong_line_is_one_error_and_the_next_line_still_reads() {
        let long = format!(
            "{{\"id\":\"big\",\"text\":\"{}\"}}\n{{\"id\":\"next\",\"text\":\"ok\"}}\n",
            "x".repeat(10_000)
        );
        // A tiny buffer makes the long line span many fill_buf calls.
        let source = std::io::BufReader::with_capacity(7, long.as_bytes());
        let records: Vec<InputRecord> = JsonlReader::new(source, "f", fields())
            .with_limit(1000)
            .collect();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].id, "big");
        assert_eq!(records[0].line, 1);
        assert!(records[0]
            .text
            .as_ref()
            .unwrap_err()
            .contains("longer than"));
        assert_eq!(records[1].id, "next");
        assert_eq!(records[1].line, 2);
        assert_eq!(records[1].text.as_deref(), Ok("ok"));
    }

    #[test]
    fn a_line_exactly_at_the_limit_is_read() {
        let line = b"{\"text\":\"abc\"}\n";
        let source = std::io::BufReader::with_capacity(3, &line[..]);
        let records: Vec<InputRecord> = JsonlReader::new(source, "f", fields())
            .with_limit(line.len())
            .collect();
        assert_eq!(records[0].text.as_deref(), Ok("abc"));
    }

    #[test]
    fn a_last_line_without_newline_is_read() {
        let source = std::io::BufReader::new(&b"{\"text\":\"a\"}\n{\"text\":\"b\"}"[..]);
        let texts: Vec<String> = JsonlReader::new(source, "f", fields())
            .map(|r| r.text.unwrap())
            .collect();
        assert_eq!(texts, ["a", "b"]);
    }

    #[test]
    fn an_overlarge_text_file_is_one_error() {
        let r = read_text_limited(&b"0123456789"[..], "f", 4);
        assert!(r.text.unwrap_err().contains("larger than"));
        let r = read_text_limited(&b"0123"[..], "f", 4);
        assert_eq!(r.text.as_deref(), Ok("0123"));
    }
}

//! The JSON Lines reader: one record per non-blank line, streamed.

use super::{
    json_record, strip_bom, Fields, InputRecord, KEEP_LINE_BUFFER, LOSSY_WARNING, MAX_RECORD_BYTES,
};
use serde_json::Value;
use std::io::BufRead;

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
}

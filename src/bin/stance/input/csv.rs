//! The CSV reader: a header row, then one record per row, streamed.

use super::{strip_bom, Fields, InputRecord, LOSSY_WARNING};
use serde_json::{Map, Value};
use std::io::Read;

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

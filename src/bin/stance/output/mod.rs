//! Writing rows: JSON Lines for machines, or CSV.
//!
//! Rows are formatted straight into one reused byte buffer (no map or string
//! per row), which is written out in large chunks that always end at a line
//! end. The bytes are the same as serialising a `serde_json` map of the row's
//! fields would give; `json` says how that order is kept.

mod csv;
mod decimal;
mod json;

use serde_json::{Map, Value};
use stance::document::UnitPrediction;
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

/// Formatted rows wait in the buffer until it holds this many bytes (or
/// until [`RowWriter::flush`]); large writes, bounded memory.
const CHUNK: usize = 64 << 10;

pub struct RowWriter<W: Write> {
    out: W,
    format: OutputFormat,
    wrote_header: bool,
    buf: Vec<u8>,
}

impl<W: Write> RowWriter<W> {
    pub fn new(out: W, format: OutputFormat) -> Self {
        RowWriter {
            out,
            format,
            wrote_header: false,
            buf: Vec::with_capacity(CHUNK + 4096),
        }
    }

    pub fn write(&mut self, row: &Row) -> std::io::Result<()> {
        match self.format {
            OutputFormat::Jsonl => json::write_row(&mut self.buf, row)?,
            OutputFormat::Csv => {
                if !self.wrote_header {
                    self.wrote_header = true;
                    self.buf.extend_from_slice(csv::HEADER.as_bytes());
                }
                csv::write_row(&mut self.buf, row)?;
            }
        }
        if self.buf.len() >= CHUNK {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Write out every row formatted so far.
    pub fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        self.out.flush()
    }
}

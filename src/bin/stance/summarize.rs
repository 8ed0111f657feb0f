//! `stance summarize`: one JSON line per document with its label counts,
//! tone, strongest units, speakers and tone trajectory.

use crate::input::{read_text, CsvReader, Fields, InputFormat, InputRecord, JsonlReader};
use crate::Outcome;
use rayon::prelude::*;
use serde::Serialize;
use stance::summary::{summarize, DocumentSummary};
use stance::Classifier;
use std::io::{BufReader, Write};

#[derive(Debug, clap::Args)]
pub struct SummarizeArgs {
    /// Files to summarise; standard input when none is given.
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

/// Documents summarised together: enough to keep every core busy on
/// JSON Lines input, few enough that memory stays bounded.
const BATCH: usize = 64;

/// One output line: the id first, then the summary's fields.
#[derive(Serialize)]
struct SummaryRow<'a> {
    id: &'a str,
    #[serde(flatten)]
    summary: &'a DocumentSummary,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<&'a str>,
}

/// A record that could not be read, in the same shape `score` uses.
#[derive(Serialize)]
struct ErrorRow<'a> {
    id: &'a str,
    error: &'a str,
    line: usize,
}

pub fn run(args: &SummarizeArgs, classifier: &Classifier) -> Outcome {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut errors = 0usize;
    let sources: Vec<Option<&str>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().map(|f| Some(f.as_str())).collect()
    };
    for source in sources {
        if let Err(e) = summarize_source(source, args, classifier, &mut out, &mut errors) {
            return crate::write_failure(e);
        }
    }
    if let Err(e) = out.flush() {
        return crate::write_failure(e);
    }
    if errors > 0 {
        crate::print_error(&format!(
            "{errors} record(s) could not be summarised; see the rows with an \"error\" field"
        ));
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    }
}

/// The records of one file (or stdin), read the way `score` reads them.
fn records(source: Option<&str>, args: &SummarizeArgs) -> Box<dyn Iterator<Item = InputRecord>> {
    let name = source.unwrap_or("<stdin>").to_string();
    let format = args
        .input
        .unwrap_or_else(|| source.map_or(InputFormat::Text, InputFormat::from_path));
    let reader: Box<dyn std::io::Read> = match source {
        None => Box::new(std::io::stdin().lock()),
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return Box::new(std::iter::once(open_failure(&name, &e))),
        },
    };
    let fields = |text: &str, id: &str| Fields {
        text: text.to_string(),
        id: id.to_string(),
    };
    match format {
        InputFormat::Text => Box::new(std::iter::once(read_text(reader, &name))),
        InputFormat::Jsonl => Box::new(JsonlReader::new(
            BufReader::new(reader),
            &name,
            fields(&args.text_field, &args.id_field),
        )),
        InputFormat::Csv => Box::new(CsvReader::new(
            BufReader::new(reader),
            &name,
            fields(&args.text_column, &args.id_column),
        )),
    }
}

/// `InputRecord::failed` is private to the reader module, so build the same record here.
fn open_failure(name: &str, e: &std::io::Error) -> InputRecord {
    InputRecord {
        id: name.to_string(),
        line: 0,
        text: Err(format!("cannot open {name}: {e}")),
        extra: serde_json::Map::new(),
        warning: None,
    }
}

fn summarize_source(
    source: Option<&str>,
    args: &SummarizeArgs,
    classifier: &Classifier,
    out: &mut impl Write,
    errors: &mut usize,
) -> std::io::Result<()> {
    let mut batch: Vec<InputRecord> = Vec::with_capacity(BATCH);
    for record in records(source, args) {
        batch.push(record);
        if batch.len() == BATCH {
            write_batch(&batch, classifier, out, errors)?;
            batch.clear();
        }
    }
    write_batch(&batch, classifier, out, errors)
}

fn write_batch(
    batch: &[InputRecord],
    classifier: &Classifier,
    out: &mut impl Write,
    errors: &mut usize,
) -> std::io::Result<()> {
    let summaries: Vec<Result<DocumentSummary, &str>> = batch
        .par_iter()
        .map(|r| match &r.text {
            Ok(text) => Ok(summarize(classifier, text)),
            Err(reason) => Err(reason.as_str()),
        })
        .collect();
    for (record, summary) in batch.iter().zip(&summaries) {
        let line = match summary {
            Ok(summary) => serde_json::to_string(&SummaryRow {
                id: &record.id,
                summary,
                warning: record.warning.as_deref(),
            }),
            Err(reason) => {
                *errors += 1;
                serde_json::to_string(&ErrorRow {
                    id: &record.id,
                    error: reason,
                    line: record.line,
                })
            }
        };
        let line = line.map_err(std::io::Error::other)?;
        writeln!(out, "{line}")?;
    }
    Ok(())
}

//! `stance summarize`: one JSON line per document with its label counts,
//! tone, strongest units, speakers and tone trajectory.

use crate::input::{InputArgs, InputRecord};
use crate::Outcome;
use rayon::prelude::*;
use serde::Serialize;
use stance::summary::{summarize, DocumentSummary};
use stance::Classifier;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct SummarizeArgs {
    #[command(flatten)]
    pub source: InputArgs,
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
    for source in args.source.sources() {
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

fn summarize_source(
    source: Option<&str>,
    args: &SummarizeArgs,
    classifier: &Classifier,
    out: &mut impl Write,
    errors: &mut usize,
) -> std::io::Result<()> {
    let mut batch: Vec<InputRecord> = Vec::with_capacity(BATCH);
    for record in args.source.records(source) {
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

//! `stance score`: label every unit of every record, streaming, in input order.

use crate::input::{InputArgs, InputRecord};
use crate::output::{OutputFormat, Row, RowWriter};
use crate::Outcome;
use rayon::prelude::*;
use stance::document::{Unit, UnitPrediction};
use stance::Classifier;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub source: InputArgs,
    /// What each output row labels: document, paragraph, sentence or quote.
    #[arg(long, default_value = "paragraph", value_parser = parse_unit)]
    pub unit: Unit,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub output: OutputFormat,
    /// Units whose top probability is below P get "label": null and "abstain": "below_confidence".
    #[arg(long, value_name = "P")]
    pub min_confidence: Option<f32>,
    /// Worker threads (default: all cores). Output is identical for any value.
    #[arg(long)]
    pub threads: Option<usize>,
}

fn parse_unit(s: &str) -> Result<Unit, String> {
    s.parse()
}

/// Records scored together: large enough to keep every thread busy, small
/// enough that memory stays bounded whatever the input size. A batch ends at
/// whichever limit comes first.
const BATCH: usize = 512;
const BATCH_BYTES: usize = 8 << 20;

pub fn run(args: &ScoreArgs, classifier: &Classifier) -> Outcome {
    if let Some(p) = args.min_confidence {
        if !(0.0..=1.0).contains(&p) {
            return Outcome::CouldNotStart(format!(
                "--min-confidence must be within 0..1, got {p}"
            ));
        }
    }
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => return Outcome::CouldNotStart(format!("cannot start threads: {e}")),
    };
    let stdout = std::io::stdout();
    let mut writer = RowWriter::new(
        std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
        args.output,
    );
    let mut errors = 0usize;
    for source in args.source.sources() {
        let result = score_source(source, args, classifier, &pool, &mut writer, &mut errors);
        if let Err(e) = result {
            return crate::write_failure(e);
        }
        if crate::interrupt::requested() {
            return Outcome::Interrupted;
        }
    }
    if let Err(e) = writer.flush() {
        return crate::write_failure(e);
    }
    if errors > 0 {
        crate::print_error(&format!(
            "{errors} record(s) could not be scored; see the rows with an \"error\" field"
        ));
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    }
}

fn score_source(
    source: Option<&str>,
    args: &ScoreArgs,
    classifier: &Classifier,
    pool: &rayon::ThreadPool,
    writer: &mut RowWriter<impl Write>,
    errors: &mut usize,
) -> std::io::Result<()> {
    let records = args.source.records(source);
    let mut batch: Vec<InputRecord> = Vec::with_capacity(BATCH);
    let mut batch_bytes = 0usize;
    for record in records {
        batch_bytes += record.text.as_ref().map_or(0, String::len);
        batch.push(record);
        if batch.len() == BATCH || batch_bytes >= BATCH_BYTES {
            write_batch(&batch, args, classifier, pool, writer, errors)?;
            batch.clear();
            batch_bytes = 0;
            if crate::interrupt::requested() {
                return Ok(());
            }
        }
    }
    write_batch(&batch, args, classifier, pool, writer, errors)
}

/// Score a batch, then write and flush its rows while holding the interrupt
/// guard, so Ctrl-C ends the output after a whole batch, never inside a line.
fn write_batch(
    batch: &[InputRecord],
    args: &ScoreArgs,
    classifier: &Classifier,
    pool: &rayon::ThreadPool,
    writer: &mut RowWriter<impl Write>,
    errors: &mut usize,
) -> std::io::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let scored: Vec<Option<Vec<UnitPrediction>>> = pool.install(|| {
        batch
            .par_iter()
            .map(|r| {
                r.text
                    .as_ref()
                    .ok()
                    .map(|text| classifier.classify_document(text, args.unit))
            })
            .collect()
    });
    let _writing = crate::interrupt::writing();
    for (record, units) in batch.iter().zip(&scored) {
        match (&record.text, units) {
            (Err(reason), _) => {
                *errors += 1;
                writer.write(&Row::Failed {
                    id: &record.id,
                    line: record.line,
                    error: reason,
                })?;
            }
            (Ok(_), units) => {
                for unit in units.iter().flatten() {
                    let abstain = args
                        .min_confidence
                        .is_some_and(|p| unit.prediction.confidence < p);
                    writer.write(&Row::Scored {
                        id: &record.id,
                        unit,
                        abstain,
                        warning: record.warning.as_deref(),
                        extra: &record.extra,
                    })?;
                }
            }
        }
    }
    writer.flush()
}

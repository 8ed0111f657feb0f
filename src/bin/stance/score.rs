//! `stance score`: label every unit of every record, streaming, in input order.
//!
//! Records are read and scored in batches. With one thread, one loop reads,
//! scores and writes each batch in turn. With more, three stages overlap: this
//! thread reads and parses batches, a scoring thread labels each batch on the
//! worker pool, and a writing thread formats and prints the rows. Bounded
//! channels between the stages keep at most four batches in memory and hand
//! batches on in order, so the output is the same for any number of threads.

use crate::input::{InputArgs, InputRecord};
use crate::output::{OutputFormat, Row, RowWriter};
use crate::Outcome;
use rayon::prelude::*;
use stance::document::{Unit, UnitPrediction};
use stance::Classifier;
use std::io::Write;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

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

/// Records scored together: large enough to keep every thread busy and to
/// make the hand-overs between stages rare (each wakes the worker pool), small
/// enough that memory stays bounded whatever the input size. A batch ends at
/// whichever limit comes first.
const BATCH: usize = 2048;
const BATCH_BYTES: usize = 4 << 20;

/// Batches waiting for the scorer: none, each is handed over directly (scoring
/// is by far the slowest stage, so the reader is ready when it is).
const QUEUED_FOR_SCORING: usize = 0;

/// Scored batches waiting for the writer: one, so that the pool can go on to
/// the next batch while the writer, which shares the cores with it, is still
/// printing the last one. With the one each stage holds, at most four batches
/// are in memory.
const QUEUED_FOR_WRITING: usize = 1;

/// A batch of records with, for each, its units (`None` for a record that
/// could not be read).
struct Scored {
    records: Vec<InputRecord>,
    units: Vec<Option<Vec<UnitPrediction>>>,
}

pub fn run(args: &ScoreArgs, classifier: &Classifier) -> Outcome {
    if let Some(p) = args.min_confidence {
        if !(0.0..=1.0).contains(&p) {
            return Outcome::CouldNotStart(format!(
                "--min-confidence must be within 0..1, got {p}"
            ));
        }
    }
    let result = if args.threads == Some(1) {
        run_in_one_thread(args, classifier)
    } else {
        let pool = match rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads.unwrap_or(0))
            .build()
        {
            Ok(pool) => pool,
            Err(e) => return Outcome::CouldNotStart(format!("cannot start threads: {e}")),
        };
        if pool.current_num_threads() == 1 {
            run_in_one_thread(args, classifier)
        } else {
            run_in_stages(args, classifier, &pool)
        }
    };
    let errors = match result {
        Ok(errors) => errors,
        Err(e) => return crate::write_failure(e),
    };
    if crate::interrupt::requested() {
        return Outcome::Interrupted;
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

/// Read, score and write each batch in turn. Returns the number of error rows.
fn run_in_one_thread(args: &ScoreArgs, classifier: &Classifier) -> std::io::Result<usize> {
    let mut writer = stdout_writer(args.output);
    let mut errors = 0;
    read_batches(args, |records| {
        let units = records
            .iter()
            .map(|r| score_record(r, args.unit, classifier))
            .collect();
        write_batch(&Scored { records, units }, args, &mut writer, &mut errors)
    })?;
    writer.flush()?;
    Ok(errors)
}

/// Read, score and write in three overlapping stages (see the module docs).
fn run_in_stages(
    args: &ScoreArgs,
    classifier: &Classifier,
    pool: &rayon::ThreadPool,
) -> std::io::Result<usize> {
    let (to_score, batches) = sync_channel::<Vec<InputRecord>>(QUEUED_FOR_SCORING);
    let (to_write, scored) = sync_channel::<Scored>(QUEUED_FOR_WRITING);
    std::thread::scope(|scope| {
        scope.spawn(move || score_stage(batches, to_write, args.unit, classifier, pool));
        let writing = scope.spawn(move || write_stage(scored, args));
        // A failed send means the writer stopped (say, a closed pipe): stop
        // reading too; the writer's result says why.
        let read = read_batches(args, |records| {
            to_score
                .send(records)
                .map_err(|_| std::io::ErrorKind::BrokenPipe.into())
        });
        drop(to_score);
        let written = writing
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the writing thread failed")));
        match (written, read) {
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => Err(e),
            (Ok(errors), Ok(())) => Ok(errors),
        }
    })
}

fn score_stage(
    batches: Receiver<Vec<InputRecord>>,
    to_write: SyncSender<Scored>,
    unit: Unit,
    classifier: &Classifier,
    pool: &rayon::ThreadPool,
) {
    for records in batches {
        let units = pool.install(|| {
            records
                .par_iter()
                .map(|r| score_record(r, unit, classifier))
                .collect()
        });
        if to_write.send(Scored { records, units }).is_err() {
            return;
        }
    }
}

fn write_stage(scored: Receiver<Scored>, args: &ScoreArgs) -> std::io::Result<usize> {
    let mut writer = stdout_writer(args.output);
    let mut errors = 0;
    for batch in scored {
        write_batch(&batch, args, &mut writer, &mut errors)?;
    }
    writer.flush()?;
    Ok(errors)
}

/// Rows go straight to stdout: the row writer buffers them itself and writes
/// whole lines only.
fn stdout_writer(format: OutputFormat) -> RowWriter<std::io::StdoutLock<'static>> {
    RowWriter::new(std::io::stdout().lock(), format)
}

/// Hand every batch of every source to `each`, in order; stops early on
/// Ctrl-C or when `each` fails.
fn read_batches(
    args: &ScoreArgs,
    mut each: impl FnMut(Vec<InputRecord>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for source in args.source.sources() {
        let mut batch: Vec<InputRecord> = Vec::with_capacity(BATCH);
        let mut batch_bytes = 0usize;
        for record in args.source.records(source) {
            batch_bytes += record.text.as_ref().map_or(0, String::len);
            batch.push(record);
            if batch.len() == BATCH || batch_bytes >= BATCH_BYTES {
                each(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))?;
                batch_bytes = 0;
                if crate::interrupt::requested() {
                    return Ok(());
                }
            }
        }
        if !batch.is_empty() {
            each(batch)?;
        }
        if crate::interrupt::requested() {
            return Ok(());
        }
    }
    Ok(())
}

fn score_record(
    record: &InputRecord,
    unit: Unit,
    classifier: &Classifier,
) -> Option<Vec<UnitPrediction>> {
    record
        .text
        .as_ref()
        .ok()
        .map(|text| classifier.classify_document(text, unit))
}

/// Write and flush a batch's rows while holding the interrupt guard, so
/// Ctrl-C ends the output after a whole batch, never inside a line.
fn write_batch(
    batch: &Scored,
    args: &ScoreArgs,
    writer: &mut RowWriter<impl Write>,
    errors: &mut usize,
) -> std::io::Result<()> {
    let _writing = crate::interrupt::writing();
    for (record, units) in batch.records.iter().zip(&batch.units) {
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

//! The `stance` command: a thin layer over the library, one file per subcommand.
//!
//! Exit codes: 0 every record scored (also when the reader closes the pipe
//! early); 1 some records failed (each has an error row); 2 the run could not
//! start (bad arguments, unreadable model); 130 interrupted (Ctrl-C or SIGTERM:
//! the output holds whole lines only, a prefix of the full output).

mod eval;
mod explain;
mod info;
mod input;
mod output;
mod report;
mod score;
mod summarize;
mod train;

use clap::{Parser, Subcommand};
use stance::Classifier;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "stance",
    version,
    about = "Label news text as escalatory, de-escalatory or neutral"
)]
struct Cli {
    /// Model file to use instead of the embedded English model.
    #[arg(long, global = true, value_name = "PATH")]
    model: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Label every paragraph (or document) of text, JSON Lines or CSV input.
    Score(score::ScoreArgs),
    /// Show which features moved the decision for a text.
    Explain(explain::ExplainArgs),
    /// Score labelled records: per-label precision/recall/F1, macro-F1, calibration.
    Eval(eval::EvalArgs),
    /// Train a model from labelled JSON Lines.
    Train(train::TrainArgs),
    /// Print the model's card and fingerprint.
    Info,
    /// One JSON line per document: label counts, tone, strongest units, speakers, trajectory.
    Summarize(summarize::SummarizeArgs),
    /// A self-contained HTML page for one article, coloured by label.
    Report(report::ReportArgs),
}

/// How a run ended; decides the exit code.
pub enum Outcome {
    Ok,
    SomeFailed,
    CouldNotStart(String),
    Interrupted,
}

/// Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
const INTERRUPTED: u8 = 130;

/// One line to stderr. Never panics (`eprintln!` would if stderr were a closed pipe).
pub fn print_error(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "stance: {message}");
}

/// Ctrl-C and SIGTERM while scoring: stop cleanly, leaving only whole lines.
///
/// The scorer holds [`writing`] while it writes and flushes a batch of rows.
/// The signal handler (on its own thread) marks the run as stopped, waits for
/// that guard, and exits: so the process ends either between batches, with
/// everything written so far flushed, or before a batch's first row.
pub mod interrupt {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Mutex, MutexGuard};

    static STOP: AtomicBool = AtomicBool::new(false);
    static WRITING: Mutex<()> = Mutex::new(());

    /// Install the handler; without one (it failed), a signal ends the process as usual.
    pub fn install() {
        let _ = ctrlc::set_handler(|| {
            STOP.store(true, Ordering::SeqCst);
            let _guard = writing();
            super::print_error("interrupted; the output ends with the last whole batch");
            std::process::exit(i32::from(super::INTERRUPTED));
        });
    }

    /// Whether a stop was asked for.
    pub fn requested() -> bool {
        STOP.load(Ordering::SeqCst)
    }

    /// Hold while writing rows; the handler cannot end the process meanwhile.
    pub fn writing() -> MutexGuard<'static, ()> {
        WRITING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A write to stdout failed: a closed pipe (`| head`) is a normal end, anything else is an error.
pub fn write_failure(e: std::io::Error) -> Outcome {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Outcome::Ok
    } else {
        Outcome::CouldNotStart(format!("cannot write output: {e}"))
    }
}

fn load_classifier(model: Option<&str>) -> Result<Classifier, String> {
    match model {
        Some(path) => Classifier::from_path(path).map_err(|e| format!("{path}: {e}")),
        None => Classifier::bundled().map_err(|e| format!("embedded model: {e}")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Train(args) => train::run(args),
        command => match load_classifier(cli.model.as_deref()) {
            Err(e) => Outcome::CouldNotStart(e),
            Ok(classifier) => match command {
                Command::Score(args) => {
                    interrupt::install();
                    score::run(args, &classifier)
                }
                Command::Explain(args) => explain::run(args, &classifier),
                Command::Eval(args) => eval::run(args, &classifier),
                Command::Info => info::run(&classifier),
                Command::Summarize(args) => summarize::run(args, &classifier),
                Command::Report(args) => report::run(args, &classifier),
                Command::Train(_) => Outcome::Ok,
            },
        },
    };
    match outcome {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::SomeFailed => ExitCode::from(1),
        Outcome::CouldNotStart(message) => {
            print_error(&message);
            ExitCode::from(2)
        }
        Outcome::Interrupted => {
            // The handler, which asked for the stop, is about to end the process
            // with its message; give it the moment it needs.
            std::thread::sleep(std::time::Duration::from_secs(2));
            ExitCode::from(INTERRUPTED)
        }
    }
}

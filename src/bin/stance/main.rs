//! The `stance` command: a thin layer over the library, one file per subcommand.
//!
//! Exit codes: 0 every record scored; 1 some records failed (each has an error
//! row); 2 the run could not start (bad arguments, unreadable model).

mod eval;
mod explain;
mod info;
mod input;
mod output;
mod score;
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
}

/// How a run ended; decides the exit code.
pub enum Outcome {
    Ok,
    SomeFailed,
    CouldNotStart(String),
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
                Command::Score(args) => score::run(args, &classifier),
                Command::Explain(args) => explain::run(args, &classifier),
                Command::Eval(args) => eval::run(args, &classifier),
                Command::Info => info::run(&classifier),
                Command::Train(_) => Outcome::Ok,
            },
        },
    };
    match outcome {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::SomeFailed => ExitCode::from(1),
        Outcome::CouldNotStart(message) => {
            eprintln!("stance: {message}");
            ExitCode::from(2)
        }
    }
}

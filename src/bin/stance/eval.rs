//! `stance eval`: how well a model labels a file of labelled records.

use crate::Outcome;
use stance::train::data::read_labelled;
use stance::train::evaluate::evaluate;
use stance::train::metrics::Report;
use stance::Classifier;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// JSON Lines of {text, label[, sure]}; labels are ours, or escalatory/not-escalatory.
    #[arg(long)]
    pub data: String,
    /// Print the full evaluation as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &EvalArgs, classifier: &Classifier) -> Outcome {
    let records = match read_labelled(std::path::Path::new(&args.data)) {
        Ok(r) => r,
        Err(e) => return Outcome::CouldNotStart(e.to_string()),
    };
    let evaluation = evaluate(classifier, &records);
    let text = if args.json {
        serde_json::to_string_pretty(&evaluation).unwrap_or_default()
    } else {
        let mut out = String::new();
        if let Some(r) = &evaluation.three_way {
            out.push_str(&format!("{} records\n", r.n));
            out.push_str(&table(r));
        }
        if let Some(r) = &evaluation.sure {
            out.push_str(&format!("\nrecords marked sure: {}\n", r.n));
            out.push_str(&table(r));
        }
        out.push_str("\nescalatory vs the rest\n");
        out.push_str(&table(&evaluation.escalatory_vs_rest));
        out
    };
    match writeln!(std::io::stdout(), "{}", text.trim_end()) {
        Ok(()) => Outcome::Ok,
        Err(e) => crate::write_failure(e),
    }
}

fn table(r: &Report) -> String {
    let mut out = format!(
        "{:<15}{:>10}{:>10}{:>10}{:>9}\n",
        "label", "precision", "recall", "f1", "support"
    );
    for l in &r.labels {
        out.push_str(&format!(
            "{:<15}{:>10.3}{:>10.3}{:>10.3}{:>9}\n",
            l.label, l.precision, l.recall, l.f1, l.support
        ));
    }
    out.push_str(&format!(
        "macro-F1 {:.4}   accuracy {:.4}   ECE {:.4}\n",
        r.macro_f1, r.accuracy, r.ece
    ));
    out.push_str("confusion (rows gold, columns predicted):\n");
    for (name, row) in r.label_names.iter().zip(&r.confusion) {
        let cells: Vec<String> = row.iter().map(|c| format!("{c:>7}")).collect();
        out.push_str(&format!("  {:<15}{}\n", name, cells.join("")));
    }
    out.push_str("reliability (confidence bin: n, mean confidence, accuracy):\n");
    for b in r.reliability.iter().filter(|b| b.count > 0) {
        out.push_str(&format!(
            "  {:.1}-{:.1}: {:>5}  {:.3}  {:.3}\n",
            b.lower, b.upper, b.count, b.mean_confidence, b.accuracy
        ));
    }
    out
}

//! `stance explain TEXT`: the features behind a decision.

use crate::Outcome;
use stance::prediction::round4;
use stance::Classifier;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The text to explain.
    pub text: String,
    /// How many features to show.
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &ExplainArgs, classifier: &Classifier) -> Outcome {
    let explanation = classifier.explain(&args.text);
    let p = &explanation.prediction;
    let shown = explanation.contributions.iter().take(args.top);
    let text = if args.json {
        let features: Vec<serde_json::Value> = shown
            .map(|c| {
                serde_json::json!({
                    "feature": c.feature, "weight": round4(c.weight), "pushes": c.pushes.as_str(),
                    "start": c.span.start, "end": c.span.end, "text": c.span.slice(&args.text),
                })
            })
            .collect();
        serde_json::json!({
            "label": p.label.as_str(), "confidence": round4(p.confidence), "scores": p.scores,
            "tone": round4(p.tone), "features": features,
        })
        .to_string()
    } else {
        let mut out = format!(
            "{} (confidence {:.3}; escalatory {:.3}, de-escalatory {:.3}, neutral {:.3})\n",
            p.label, p.confidence, p.scores.0[0], p.scores.0[1], p.scores.0[2]
        );
        out.push_str(&format!(
            "{:>8}  {:<14}  {:<28}  text\n",
            "weight", "pushes", "feature"
        ));
        for c in shown {
            out.push_str(&format!(
                "{:>+8.3}  {:<14}  {:<28}  {:?} [{}..{}]\n",
                c.weight,
                c.pushes.as_str(),
                c.feature,
                c.span.slice(&args.text),
                c.span.start,
                c.span.end
            ));
        }
        out.trim_end().to_string()
    };
    match writeln!(std::io::stdout(), "{text}") {
        Ok(()) => Outcome::Ok,
        Err(e) => crate::write_failure(e),
    }
}

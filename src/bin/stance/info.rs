//! `stance info`: the model's card and fingerprint.

use crate::Outcome;
use stance::Classifier;
use std::io::Write;

pub fn run(classifier: &Classifier) -> Outcome {
    let model = classifier.model();
    let value = serde_json::json!({
        "fingerprint": model.fingerprint(),
        "features": model.features.len(),
        "temperature": model.temperature,
        "config": model.config,
        "card": model.card,
    });
    let text = serde_json::to_string_pretty(&value).unwrap_or_default();
    match writeln!(std::io::stdout(), "{text}") {
        Ok(()) => Outcome::Ok,
        Err(e) => crate::write_failure(e),
    }
}

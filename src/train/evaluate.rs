//! Scoring a classifier against labelled records.

use super::data::{Gold, LabelledRecord};
use super::metrics::{report, stance_report, Report};
use crate::classifier::Classifier;
use crate::stance::Stance;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Three-way scores, over records labelled with our three labels.
    pub three_way: Option<Report>,
    /// The same over records marked `"sure": true`.
    pub sure: Option<Report>,
    /// Escalatory versus the rest, over every record (the only mode for `not-escalatory` corpora).
    pub escalatory_vs_rest: Report,
}

pub fn evaluate(classifier: &Classifier, records: &[LabelledRecord]) -> Evaluation {
    let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
    let predictions = classifier.classify_batch(&texts);
    let mut three = Vec::new();
    let mut sure = Vec::new();
    let mut binary = Vec::new();
    for (record, p) in records.iter().zip(&predictions) {
        let gold_escalatory = match record.gold {
            Gold::Label(label) => {
                three.push((label, p.label, p.confidence));
                if record.sure == Some(true) {
                    sure.push((label, p.label, p.confidence));
                }
                label == Stance::Escalatory
            }
            Gold::NotEscalatory => false,
        };
        let p_esc = p.scores.get(Stance::Escalatory);
        let predicted_escalatory = p.label == Stance::Escalatory;
        let confidence = if predicted_escalatory {
            p_esc
        } else {
            1.0 - p_esc
        };
        binary.push((
            usize::from(!gold_escalatory),
            usize::from(!predicted_escalatory),
            confidence,
        ));
    }
    Evaluation {
        three_way: (!three.is_empty()).then(|| stance_report(&three)),
        sure: (!sure.is_empty()).then(|| stance_report(&sure)),
        escalatory_vs_rest: report(&["escalatory", "rest"], &binary),
    }
}

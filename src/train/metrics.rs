//! Evaluation metrics: per-label precision/recall/F1, macro-F1, accuracy,
//! confusion matrix, and expected calibration error.

use crate::stance::Stance;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct LabelScores {
    pub label: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReliabilityBin {
    pub lower: f64,
    pub upper: f64,
    pub count: usize,
    pub mean_confidence: f64,
    pub accuracy: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub n: usize,
    pub labels: Vec<LabelScores>,
    pub macro_f1: f64,
    pub accuracy: f64,
    /// `confusion[gold][predicted]`, in the order of `label_names`.
    pub confusion: Vec<Vec<usize>>,
    pub label_names: Vec<String>,
    pub ece: f64,
    pub reliability: Vec<ReliabilityBin>,
}

/// Scores over `k` classes from (gold index, predicted index, confidence of the prediction).
pub fn report(names: &[&str], outcomes: &[(usize, usize, f32)]) -> Report {
    let k = names.len();
    let mut confusion = vec![vec![0usize; k]; k];
    for &(g, p, _) in outcomes {
        if g < k && p < k {
            confusion[g][p] += 1;
        }
    }
    let labels: Vec<LabelScores> = (0..k)
        .map(|c| {
            let tp = confusion[c][c] as f64;
            let predicted: usize = (0..k).map(|g| confusion[g][c]).sum();
            let support: usize = confusion[c].iter().sum();
            let precision = ratio(tp, predicted as f64);
            let recall = ratio(tp, support as f64);
            let f1 = ratio(2.0 * precision * recall, precision + recall);
            LabelScores {
                label: names[c].to_string(),
                precision,
                recall,
                f1,
                support,
            }
        })
        .collect();
    let macro_f1 = labels.iter().map(|l| l.f1).sum::<f64>() / k.max(1) as f64;
    let correct: usize = (0..k).map(|c| confusion[c][c]).sum();
    let accuracy = ratio(correct as f64, outcomes.len() as f64);
    let (ece, reliability) = calibration(outcomes, 10);
    Report {
        n: outcomes.len(),
        labels,
        macro_f1,
        accuracy,
        confusion,
        label_names: names.iter().map(|s| s.to_string()).collect(),
        ece,
        reliability,
    }
}

/// Report for our three labels.
pub fn stance_report(outcomes: &[(Stance, Stance, f32)]) -> Report {
    let names: Vec<&str> = Stance::ALL.iter().map(|s| s.as_str()).collect();
    let idx: Vec<(usize, usize, f32)> = outcomes
        .iter()
        .map(|(g, p, c)| (g.index(), p.index(), *c))
        .collect();
    report(&names, &idx)
}

/// Macro-F1 alone, for model selection.
pub fn macro_f1(gold: &[usize], predicted: &[usize], k: usize) -> f64 {
    let outcomes: Vec<(usize, usize, f32)> = gold
        .iter()
        .zip(predicted)
        .map(|(g, p)| (*g, *p, 1.0))
        .collect();
    let names: Vec<String> = (0..k).map(|i| i.to_string()).collect();
    let refs: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
    report(&refs, &outcomes).macro_f1
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// Expected calibration error over `bins` equal-width confidence bins.
fn calibration(outcomes: &[(usize, usize, f32)], bins: usize) -> (f64, Vec<ReliabilityBin>) {
    let mut out = Vec::with_capacity(bins);
    let mut ece = 0.0;
    for b in 0..bins {
        let lower = b as f64 / bins as f64;
        let upper = (b + 1) as f64 / bins as f64;
        let inside: Vec<&(usize, usize, f32)> = outcomes
            .iter()
            .filter(|(_, _, c)| {
                let c = f64::from(*c);
                c > lower && (c <= upper || b + 1 == bins) || (b == 0 && c <= 0.0)
            })
            .collect();
        let count = inside.len();
        let mean_confidence = ratio(
            inside.iter().map(|(_, _, c)| f64::from(*c)).sum(),
            count as f64,
        );
        let accuracy = ratio(
            inside.iter().filter(|(g, p, _)| g == p).count() as f64,
            count as f64,
        );
        ece += ratio(count as f64, outcomes.len() as f64) * (mean_confidence - accuracy).abs();
        out.push(ReliabilityBin {
            lower,
            upper,
            count,
            mean_confidence,
            accuracy,
        });
    }
    (ece, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_mixed_predictions_score_as_expected() {
        let perfect = [(0, 0, 1.0), (1, 1, 1.0), (2, 2, 1.0)];
        let r = report(&["a", "b", "c"], &perfect);
        assert_eq!(r.macro_f1, 1.0);
        assert!(r.ece.abs() < 1e-9);
        // Class a: P = 1/2, R = 1/1; class b: P = 0, R = 0; class c: P = 1, R = 1.
        let mixed = [(0, 0, 0.5), (1, 0, 0.5), (2, 2, 0.5)];
        let r = report(&["a", "b", "c"], &mixed);
        assert!((r.labels[0].f1 - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(r.labels[1].f1, 0.0);
        assert!((r.macro_f1 - (2.0 / 3.0 + 1.0) / 3.0).abs() < 1e-9);
        assert!((r.ece - (0.5f64 - 2.0 / 3.0).abs()).abs() < 1e-9);
    }
}

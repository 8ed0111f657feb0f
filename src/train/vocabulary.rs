//! Choosing which features the model keeps.
//!
//! linfa-logistic fits dense matrices only, so the column count must stay
//! modest. We keep features seen in at least `min_df` training units and,
//! of those, the `max_features` with the highest chi-square association with
//! the labels (ties broken by name, so the choice is deterministic).

use std::collections::HashMap;

/// One training unit as the trainer sees it.
pub struct Example {
    pub names: Vec<String>,
    pub label: usize,
    pub weight: f64,
    pub group: u64,
    /// Its out-of-fold prediction calibrates the temperature (see `TrainingFile::calibrate`).
    pub calibrate: bool,
}

/// The selected feature names, in a stable order (by descending score, then name).
pub fn select(
    examples: &[&Example],
    min_df: usize,
    max_features: usize,
    keep: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut df: HashMap<&str, [f64; 3]> = HashMap::new();
    let mut class_totals = [0f64; 3];
    for ex in examples {
        class_totals[ex.label] += 1.0;
        for name in &ex.names {
            df.entry(name.as_str()).or_default()[ex.label] += 1.0;
        }
    }
    let n: f64 = class_totals.iter().sum();
    let mut scored: Vec<(f64, &str)> = df
        .into_iter()
        .filter(|(name, counts)| counts.iter().sum::<f64>() >= min_df as f64 && keep(name))
        .map(|(name, counts)| (chi_square(&counts, &class_totals, n), name))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(max_features)
        .map(|(_, name)| name.to_string())
        .collect()
}

/// Chi-square statistic of a feature's presence against the three labels.
fn chi_square(present: &[f64; 3], class_totals: &[f64; 3], n: f64) -> f64 {
    let df: f64 = present.iter().sum();
    let mut chi = 0.0;
    for c in 0..3 {
        for (observed, total_with) in [(present[c], df), (class_totals[c] - present[c], n - df)] {
            let expected = total_with * class_totals[c] / n;
            if expected > 0.0 {
                chi += (observed - expected).powi(2) / expected;
            }
        }
    }
    chi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_discriminative_frequent_features_first() {
        let make = |names: &[&str], label| Example {
            calibrate: false,
            names: names.iter().map(|s| s.to_string()).collect(),
            label,
            weight: 1.0,
            group: 0,
        };
        let data = [
            make(&["w:strike", "w:the"], 0),
            make(&["w:strike", "w:the"], 0),
            make(&["w:talk", "w:the"], 1),
            make(&["w:talk", "w:the"], 1),
            make(&["w:game", "w:the", "w:once"], 2),
            make(&["w:game", "w:the"], 2),
        ];
        let refs: Vec<&Example> = data.iter().collect();
        let kept = select(&refs, 2, 3, |_| true);
        assert_eq!(kept.len(), 3);
        assert!(!kept.contains(&"w:the".to_string()), "{kept:?}");
        assert!(!kept.contains(&"w:once".to_string()));
    }
}

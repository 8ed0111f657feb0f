//! Which L2 strength cross-validation picks: the one-standard-error rule.
//!
//! Penalties a few times apart often score within a hair of each other in
//! cross-validation (0.8762 against 0.8761 on the bundled grid), so taking
//! the strict maximum picks by noise. The rule of Breiman et al. (1984), as
//! Hastie, Tibshirani and Friedman teach it: among the strengths whose
//! score is within one standard error of the best, take the strongest
//! penalty, the simplest model the data cannot tell from the best.

/// The index of the alpha to use, given each alpha's cross-validated score
/// (pooled over folds) and its per-fold scores. The best score's standard
/// error is the spread of its per-fold scores over the square root of their
/// number. With fewer than two folds the rule has no error to go on and the
/// best score wins; ties between equal penalties go to the first.
pub fn choose_alpha(alphas: &[f64], pooled: &[f64], per_fold: &[Vec<f64>]) -> usize {
    let best = (0..alphas.len())
        .max_by(|&a, &b| pooled[a].total_cmp(&pooled[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let margin = per_fold
        .get(best)
        .map_or(0.0, |folds| standard_error(folds));
    (0..alphas.len())
        .filter(|&a| pooled[a] >= pooled[best] - margin)
        .max_by(|&a, &b| alphas[a].total_cmp(&alphas[b]).then(b.cmp(&a)))
        .unwrap_or(best)
}

/// Sample standard deviation over the square root of the count; 0 below two values.
pub fn standard_error(values: &[f64]) -> f64 {
    let n = values.len();
    if n < 2 {
        return 0.0;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    (variance / n as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stronger_penalty_within_one_error_of_the_best_wins() {
        let alphas = [0.03, 0.1];
        // Folds spread by about 0.01, so 0.0001 apart is no difference.
        let per_fold = vec![vec![0.87, 0.88, 0.86, 0.89], vec![0.87, 0.88, 0.86, 0.89]];
        assert_eq!(choose_alpha(&alphas, &[0.8762, 0.8761], &per_fold), 1);
    }

    #[test]
    fn a_clearly_better_weaker_penalty_keeps_its_place() {
        let alphas = [0.03, 0.1, 0.3];
        let per_fold = vec![
            vec![0.900, 0.901, 0.899, 0.900],
            vec![0.850, 0.851, 0.849, 0.850],
            vec![0.800, 0.801, 0.799, 0.800],
        ];
        assert_eq!(choose_alpha(&alphas, &[0.90, 0.85, 0.80], &per_fold), 0);
    }

    #[test]
    fn without_fold_scores_the_best_wins() {
        assert_eq!(choose_alpha(&[0.1, 1.0], &[0.9, 0.8], &[]), 0);
        assert_eq!(
            choose_alpha(&[0.1, 1.0], &[0.9, 0.8], &[vec![0.9], vec![0.8]]),
            0
        );
    }

    #[test]
    fn the_order_of_the_grid_does_not_matter() {
        let per_fold = vec![vec![0.87, 0.88, 0.86, 0.89], vec![0.87, 0.88, 0.86, 0.89]];
        assert_eq!(choose_alpha(&[0.1, 0.03], &[0.8761, 0.8762], &per_fold), 0);
    }
}

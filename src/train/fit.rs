//! Fitting: multinomial logistic regression with linfa, L2 strength chosen by
//! cross-validation grouped by topic, classes balanced by sample weights,
//! confidence calibrated by a temperature fitted on out-of-fold predictions.

use super::alpha_choice::{choose_alpha, standard_error};
use super::data::{Gold, LabelledRecord};
use super::metrics::macro_f1;
use super::nb_scale::column_scale;
use super::sparse_logistic::{SparseLogisticRegression, SparseRows};
use super::stop_words::is_stop_unigram;
use super::vocabulary::{select, Example};
use crate::classifier::{feature_value, Classifier};
use crate::error::{Error, Result};
use crate::features::{feature_names, FeatureConfig};
use crate::hash::fnv1a;
use crate::model::{DataSource, Model, ModelCard};
use linfa::prelude::*;
use ndarray::Array1;
use rayon::prelude::*;
use std::collections::HashMap;

/// A held-out example's gold label index, predicted probabilities, and
/// whether it belongs to a calibration file.
type Outcome = (usize, [f32; 3], bool);

/// Hyperparameters of training.
///
/// | name | default | purpose |
/// |---|---|---|
/// | `max_features` | 6000 | columns of the dense matrix (chi-square selection) |
/// | `min_df` | 2 | a feature must occur in this many training units |
/// | `alphas` | 0.5, 1, 2, 4 | L2 strengths tried by cross-validation (one-standard-error rule) |
/// | `folds` | 4 | cross-validation folds, grouped by topic |
/// | `max_iterations` | 300 | L-BFGS iterations per fit |
/// | `seed` | 13 | seed of anything random in training |
/// | `balance` | 1.0 | class weighting: 1 balanced, 0 the corpus's own mix |
/// | `drop_stop_unigrams` | false | leave function words' unigrams out of the vocabulary |
/// | `nb_scale` | false | scale columns by their Naive Bayes log-count ratio before fitting |
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub features: FeatureConfig,
    pub max_features: usize,
    pub min_df: usize,
    pub alphas: Vec<f64>,
    pub folds: usize,
    pub max_iterations: u64,
    pub seed: u64,
    /// 1 weights classes to equal total weight, 0 keeps the corpus's mix.
    pub balance: f64,
    /// Leave the unigrams of function words out of the vocabulary (see
    /// [`super::stop_words`]); their bigrams stay.
    pub drop_stop_unigrams: bool,
    /// Fit on columns scaled by their Naive Bayes log-count ratio (see
    /// [`super::nb_scale`]); the exported weights include the scale.
    pub nb_scale: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            features: FeatureConfig::default(),
            max_features: 6000,
            min_df: 2,
            alphas: vec![0.5, 1.0, 2.0, 4.0],
            folds: 4,
            max_iterations: 300,
            seed: 13,
            balance: 1.0,
            drop_stop_unigrams: false,
            nb_scale: false,
        }
    }
}

/// A training file: where it came from, its weight, its records.
pub struct TrainingFile {
    pub path: String,
    pub weight: f64,
    pub records: Vec<LabelledRecord>,
    /// Fit the softmax temperature on this file's out-of-fold predictions.
    /// Real text labelled by the guide calibrates better than our written
    /// corpus, whose units are cleaner than news and so look easier than they
    /// are. When no file is marked, every training unit calibrates.
    pub calibrate: bool,
}

/// Train a model on `files`. `command` is recorded in the card.
pub fn train(files: &[TrainingFile], config: &TrainConfig, command: &str) -> Result<Model> {
    if config.alphas.is_empty() || config.alphas.iter().any(|a| !(a.is_finite() && *a > 0.0)) {
        return Err(Error::Config("alphas must be finite and > 0".to_string()));
    }
    if config.folds < 2 {
        return Err(Error::Config("at least 2 folds are needed".to_string()));
    }
    let examples = build_examples(files, &config.features)?;
    let mut counts = [0usize; 3];
    for ex in &examples {
        counts[ex.label] += 1;
    }
    if counts.contains(&0) {
        return Err(Error::TrainingData(format!(
            "every label needs examples; got {counts:?}"
        )));
    }

    // Cross-validation over (alpha, fold), folds grouped by topic so a dispute
    // never sits on both sides of a split.
    let jobs: Vec<(usize, usize)> = (0..config.alphas.len())
        .flat_map(|a| (0..config.folds).map(move |f| (a, f)))
        .collect();
    let fold_results: Vec<Result<(usize, Vec<Outcome>)>> = jobs
        .par_iter()
        .map(|&(a, fold)| {
            let (train, held): (Vec<&Example>, Vec<&Example>) = examples
                .iter()
                .partition(|ex| fold_of(ex.group, config) != fold);
            let model = fit_once(&train, config, config.alphas[a])?;
            let classifier = Classifier::new(model);
            let probs = held
                .iter()
                .map(|ex| (ex.label, score_names(&classifier, &ex.names), ex.calibrate))
                .collect();
            Ok((a, probs))
        })
        .collect();
    let mut per_alpha: Vec<Vec<Outcome>> = vec![Vec::new(); config.alphas.len()];
    let mut per_fold: Vec<Vec<f64>> = vec![Vec::new(); config.alphas.len()];
    for result in fold_results {
        let (a, probs) = result?;
        per_fold[a].push(outcome_macro_f1(&probs));
        per_alpha[a].extend(probs);
    }
    let cv_scores: Vec<f64> = per_alpha.iter().map(|o| outcome_macro_f1(o)).collect();
    let best = choose_alpha(&config.alphas, &cv_scores, &per_fold);
    let calibrating: Vec<Outcome> = per_alpha[best]
        .iter()
        .filter(|(_, _, c)| *c)
        .copied()
        .collect();
    let calibration_set = if calibrating.is_empty() {
        &per_alpha[best]
    } else {
        &calibrating
    };
    let temperature = fit_temperature(calibration_set);
    let calibrated_on = if calibrating.is_empty() {
        "all training units".to_string()
    } else {
        let names: Vec<&str> = files
            .iter()
            .filter(|f| f.calibrate)
            .map(|f| f.path.as_str())
            .collect();
        names.join(", ")
    };

    let all: Vec<&Example> = examples.iter().collect();
    let mut model = fit_once(&all, config, config.alphas[best])?;
    model.temperature = temperature;
    model.card = ModelCard {
        name: "stance".to_string(),
        command: command.to_string(),
        data: files
            .iter()
            .map(|f| DataSource {
                path: f.path.clone(),
                weight: f.weight,
                records: f.records.len(),
            })
            .collect(),
        seed: config.seed,
        alpha: config.alphas[best],
        cv_macro_f1: cv_scores[best],
        holdout_macro_f1: None,
        n_features: model.features.len(),
        notes: format!(
            "cross-validated macro-F1 by alpha (± standard error over folds): {}; alpha {} is the strongest penalty within one standard error of the best; temperature {temperature:.2} fitted on out-of-fold predictions of {} ({} units)",
            config
                .alphas
                .iter()
                .zip(&cv_scores)
                .zip(&per_fold)
                .map(|((a, s), folds)| format!("{a}: {s:.4} (±{:.4})", standard_error(folds)))
                .collect::<Vec<_>>()
                .join(", "),
            config.alphas[best],
            calibrated_on,
            calibration_set.len()
        ),
    };
    Ok(model)
}

/// Macro-F1 of held-out outcomes, each predicted as its most probable label.
fn outcome_macro_f1(outcomes: &[Outcome]) -> f64 {
    let gold: Vec<usize> = outcomes.iter().map(|(g, _, _)| *g).collect();
    let pred: Vec<usize> = outcomes.iter().map(|(_, p, _)| argmax(p)).collect();
    macro_f1(&gold, &pred, 3)
}

/// Featurize every record once (in parallel); weight and group each one.
fn build_examples(files: &[TrainingFile], features: &FeatureConfig) -> Result<Vec<Example>> {
    let mut examples = Vec::new();
    for file in files {
        if file.weight == 0.0 {
            continue;
        }
        let built: Vec<Result<Example>> = file
            .records
            .par_iter()
            .map(|r| {
                let Gold::Label(label) = r.gold else {
                    return Err(Error::TrainingData(format!(
                        "{}: record {} is labelled not-escalatory, which only `stance eval` accepts",
                        file.path, r.id
                    )));
                };
                let group_key = r.topic.as_deref().unwrap_or(&r.id);
                Ok(Example {
                    names: feature_names(&r.text, features),
                    label: label.index(),
                    weight: file.weight,
                    group: fnv1a(group_key.as_bytes()),
                    calibrate: file.calibrate,
                })
            })
            .collect();
        for ex in built {
            examples.push(ex?);
        }
    }
    Ok(examples)
}

/// Select features, weight examples, fit, and export a model (temperature 1).
fn fit_once(train: &[&Example], config: &TrainConfig, alpha: f64) -> Result<Model> {
    let drop = config.drop_stop_unigrams;
    let vocabulary = select(train, config.min_df, config.max_features, |name| {
        !(drop && is_stop_unigram(name))
    });
    let column: HashMap<&str, u32> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as u32))
        .collect();
    let mut x = SparseRows::new(vocabulary.len());
    let mut cols: Vec<u32> = Vec::new();
    for ex in train {
        cols.clear();
        cols.extend(
            ex.names
                .iter()
                .filter_map(|n| column.get(n.as_str()).copied()),
        );
        cols.sort_unstable();
        cols.dedup();
        x.push_row(&cols, f64::from(feature_value(cols.len())));
    }
    let y: Array1<usize> = train.iter().map(|ex| ex.label).collect();
    if config.nb_scale {
        let rows = x.column_lists().zip(y.iter().copied());
        x.set_column_scale(column_scale(rows, vocabulary.len()))?;
    }
    let weights = Array1::from(example_weights(train, config.balance));
    let dataset = DatasetBase::new(x, y).with_weights(weights);
    let fitted = SparseLogisticRegression {
        alpha,
        max_iterations: config.max_iterations,
        gradient_tolerance: 1e-5,
        n_classes: 3,
    }
    .fit(&dataset)
    .map_err(|e| Error::Training(e.to_string()))?;
    let params = &fitted.params;
    // Weights fitted on scaled columns (all 1 without `nb_scale`), carried
    // back to the unscaled features the scorer sees.
    let scale = dataset.records().column_scale();
    let weights: Vec<[f32; 3]> = (0..vocabulary.len())
        .map(|i| [0, 1, 2].map(|c| (params[[i, c]] * scale[i]) as f32))
        .collect();
    let b = &fitted.intercept;
    Ok(Model {
        config: config.features.clone(),
        card: ModelCard::default(),
        features: vocabulary,
        weights,
        bias: [b[0] as f32, b[1] as f32, b[2] as f32],
        temperature: 1.0,
    })
}

/// Sample weight of each example: its file's weight times its class's inverse
/// frequency raised to `balance` (1 balances the classes fully, 0 keeps the
/// corpus's own mix), scaled to average 1 so `alpha` keeps its meaning.
fn example_weights(train: &[&Example], balance: f64) -> Vec<f32> {
    let mut class_weight = [0f64; 3];
    for ex in train {
        class_weight[ex.label] += ex.weight;
    }
    let total: f64 = class_weight.iter().sum();
    let factor = class_weight.map(|w| {
        if w > 0.0 {
            (total / (3.0 * w)).powf(balance)
        } else {
            0.0
        }
    });
    let raw: Vec<f64> = train
        .iter()
        .map(|ex| ex.weight * factor[ex.label])
        .collect();
    let mean = raw.iter().sum::<f64>() / raw.len().max(1) as f64;
    raw.iter()
        .map(|w| (w / mean.max(f64::MIN_POSITIVE)) as f32)
        .collect()
}

/// Score a unit from its precomputed feature names, exactly as the classifier scores text.
fn score_names(classifier: &Classifier, names: &[String]) -> [f32; 3] {
    classifier
        .classify_features(names.iter().map(|s| s.as_str()))
        .scores
        .0
}

/// The cross-validation fold of a topic group; the seed reshuffles topics among folds.
fn fold_of(group: u64, config: &TrainConfig) -> usize {
    (fnv1a(&(group ^ config.seed).to_le_bytes()) % config.folds as u64) as usize
}

fn argmax(p: &[f32; 3]) -> usize {
    (0..3)
        .max_by(|&a, &b| p[a].total_cmp(&p[b]).then(b.cmp(&a)))
        .unwrap_or(2)
}

/// The softmax temperature minimising negative log-likelihood of out-of-fold
/// predictions (probabilities made at temperature 1).
fn fit_temperature(outcomes: &[Outcome]) -> f32 {
    let nll = |t: f64| -> f64 {
        outcomes
            .iter()
            .map(|(gold, p, _)| {
                let logits: Vec<f64> = p.iter().map(|q| f64::from(q.max(1e-12)).ln() / t).collect();
                let max = logits.iter().copied().fold(f64::MIN, f64::max);
                let log_sum = logits.iter().map(|l| (l - max).exp()).sum::<f64>().ln() + max;
                log_sum - logits[*gold]
            })
            .sum()
    };
    let mut best = (1.0, f64::MAX);
    let mut t = 0.3;
    while t <= 4.0 {
        let loss = nll(t);
        if loss < best.1 {
            best = (t, loss);
        }
        t += 0.05;
    }
    best.0 as f32
}

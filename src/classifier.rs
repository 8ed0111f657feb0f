//! The classifier: a loaded model with a fast table from feature to weights.

use crate::error::{Error, Result};
use crate::explain::{Contribution, Explanation};
use crate::features::FeatureConfig;
use crate::features::{featurize, featurize_hashed};
use crate::hash::fnv1a;
use crate::model::{FeatureTable, IndexedModel, Model, ScoringModel, BUNDLED_MODEL_FILE};
use crate::prediction::{Prediction, Scores};
use crate::stance::Stance;
use crate::text::span::Span;
use rayon::prelude::*;
use std::borrow::Cow;
use std::cell::RefCell;
use std::path::Path;
use std::sync::{Arc, OnceLock};

mod row_set;
use row_set::RowSet;

/// Scores text with a linear model. Cheap to clone (the model is shared), `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Classifier {
    inner: Arc<Inner>,
}

struct Inner {
    config: FeatureConfig,
    /// Feature-name hash → row → weights.
    table: FeatureTable,
    bias: [f32; 3],
    temperature: f32,
    /// The whole model, names and card included: given to [`Classifier::new`],
    /// or parsed from `file` on the first call to [`Classifier::model`], since
    /// scoring needs none of the 50,000 name strings.
    model: OnceLock<Model>,
    /// The model file this classifier was loaded from (the embedded one, or
    /// one read by [`Classifier::from_path`]); empty when given a [`Model`].
    file: Cow<'static, [u8]>,
}

impl std::fmt::Debug for Inner {
    /// Without the model file's bytes, which would be megabytes of numbers.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inner")
            .field("config", &self.config)
            .field("table", &self.table)
            .field("bias", &self.bias)
            .field("temperature", &self.temperature)
            .field("model", &self.model)
            .field("file_bytes", &self.file.len())
            .finish()
    }
}

impl Classifier {
    /// The embedded English model. Loaded once per process (its lookup table
    /// was built at compile time); later calls share it.
    pub fn bundled() -> Result<Classifier> {
        static BUNDLED: OnceLock<std::result::Result<Classifier, String>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                IndexedModel::bundled()
                    .map(|indexed| {
                        let file = Cow::Borrowed(BUNDLED_MODEL_FILE);
                        Classifier::from_indexed(indexed, OnceLock::new(), file)
                    })
                    .map_err(|e| e.to_string())
            })
            .clone()
            .map_err(crate::Error::ModelFormat)
    }

    /// Load a model file written by `stance train`. Like the embedded model,
    /// it is read for scoring first (no name strings), and parsed in full only
    /// when [`Classifier::model`] is asked for.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Classifier> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        // The same checks, and so the same errors, as `Model::from_bytes`.
        let indexed = IndexedModel::from(ScoringModel::from_bytes(&bytes)?);
        Ok(Classifier::from_indexed(
            indexed,
            OnceLock::new(),
            Cow::Owned(bytes),
        ))
    }

    /// Wrap a model already in memory.
    pub fn new(model: Model) -> Classifier {
        let indexed = IndexedModel::from(&model);
        Classifier::from_indexed(indexed, OnceLock::from(model), Cow::Borrowed(&[]))
    }

    /// A classifier over `indexed`; `model` holds the same model in full, or is
    /// empty and then parsed from `file` when first asked for.
    fn from_indexed(
        indexed: IndexedModel,
        model: OnceLock<Model>,
        file: Cow<'static, [u8]>,
    ) -> Classifier {
        Classifier {
            inner: Arc::new(Inner {
                config: indexed.config,
                table: indexed.table,
                bias: indexed.bias,
                temperature: indexed.temperature,
                model,
                file,
            }),
        }
    }

    /// The whole model: names, weights and card.
    pub fn model(&self) -> &Model {
        self.inner.model.get_or_init(|| {
            // Only a classifier loaded from a file starts without it, and
            // loading ran the checks of `Model::from_bytes` on these same
            // bytes (for the embedded model, `build.rs` checked its feature
            // lines), so this parse cannot fail.
            Model::from_bytes(&self.inner.file).expect("the model file parsed before")
        })
    }

    /// Label one unit of text. Never fails: empty or unknown text scores from the bias alone.
    pub fn classify(&self, text: &str) -> Prediction {
        thread_local! {
            /// Rows of the unit being scored, kept from unit to unit so that a
            /// unit costs no allocation once the set has grown.
            static ROWS: RefCell<RowSet> = RefCell::new(RowSet::default());
        }
        ROWS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut set) => self.classify_with(text, &mut set),
            Err(_) => self.classify_with(text, &mut RowSet::default()),
        })
    }

    /// The rows are summed as the set lists them, in the same ascending
    /// order as [`Classifier::scores`] sums a list, so the sums are the same
    /// to the bit without the list.
    fn classify_with(&self, text: &str, set: &mut RowSet) -> Prediction {
        let mut sum = RowSum::default();
        self.active_rows(text, set, |row| sum.add(&self.inner.table, row));
        Prediction::from_scores(self.finish(sum), Span::new(0, text.len()))
    }

    /// Label many units in parallel; output order matches input order.
    pub fn classify_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Prediction> {
        texts
            .par_iter()
            .map(|t| self.classify(t.as_ref()))
            .collect()
    }

    /// Label a unit from feature names already computed by [`crate::features::featurize`]
    /// (training scores its held-out folds this way, through the very same arithmetic).
    pub(crate) fn classify_features<'a>(
        &self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Prediction {
        let mut rows: Vec<u32> = names
            .into_iter()
            .filter_map(|n| self.inner.table.row(fnv1a(n.as_bytes())))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        Prediction::from_scores(self.scores(&rows), Span::new(0, 0))
    }

    /// Label one unit and list the features that moved the decision, strongest first.
    pub fn explain(&self, text: &str) -> Explanation {
        // The named stream, since an explanation shows names; `classify` takes the
        // hashed one. A test checks that both give the same prediction.
        let mut found: Vec<(String, Span, u32)> = Vec::new();
        let mut rows = Vec::new();
        featurize(text, &self.inner.config, |name, span| {
            if let Some(row) = self.inner.table.row(fnv1a(name.as_bytes())) {
                rows.push(row);
                found.push((name.to_string(), span, row));
            }
        });
        rows.sort_unstable();
        rows.dedup();
        let prediction = Prediction::from_scores(self.scores(&rows), Span::new(0, text.len()));
        let scale = feature_value(rows.len()) / self.inner.temperature;
        let predicted = prediction.label.index();
        let mut seen = std::collections::HashSet::new();
        let mut contributions: Vec<Contribution> = found
            .into_iter()
            .filter(|(_, _, row)| seen.insert(*row))
            .filter_map(|(feature, span, row)| {
                let w = self.inner.table.weights(row)?;
                let logits = [w[0] * scale, w[1] * scale, w[2] * scale];
                let others = logits
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != predicted)
                    .map(|(_, v)| *v);
                let weight = logits[predicted] - others.sum::<f32>() / 2.0;
                let mean = logits.iter().sum::<f32>() / 3.0;
                let pushes = Stance::ALL
                    .into_iter()
                    .max_by(|a, b| {
                        (logits[a.index()] - mean).total_cmp(&(logits[b.index()] - mean))
                    })
                    .unwrap_or(Stance::Neutral);
                Some(Contribution {
                    feature,
                    span,
                    pushes,
                    weight,
                    logits,
                })
            })
            .collect();
        contributions.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
        Explanation {
            prediction,
            contributions,
        }
    }

    /// Distinct weight rows of the model's features present in `text`, to
    /// `each` in ascending order. Features arrive hashed (the hash the index is
    /// keyed by), so scoring builds no feature-name strings. The rows are
    /// gathered in `set`, a bitset over the model's rows, rather than listed
    /// and sorted: marking a row is a couple of instructions where sorting a
    /// unit's few dozen rows cost more than a thousand, and memory stays flat
    /// on a unit of any length.
    fn active_rows(&self, text: &str, set: &mut RowSet, each: impl FnMut(u32)) {
        let table = &self.inner.table;
        set.fit(table.rows());
        featurize_hashed(text, &self.inner.config, |hash, _| {
            if let Some(row) = table.row(hash) {
                set.insert(row);
            }
        });
        set.drain_sorted(each);
    }

    /// The scores of a unit with these distinct rows (ascending).
    fn scores(&self, rows: &[u32]) -> Scores {
        let mut sum = RowSum::default();
        for &row in rows {
            sum.add(&self.inner.table, row);
        }
        self.finish(sum)
    }

    fn finish(&self, sum: RowSum) -> Scores {
        let inner = &*self.inner;
        let value = feature_value(sum.rows);
        let mut logits = sum.logits;
        for (l, b) in logits.iter_mut().zip(&inner.bias) {
            *l = (*l * value + b) / inner.temperature;
        }
        Scores(softmax(logits))
    }
}

/// The weight rows of a unit added up one by one, and how many there were.
#[derive(Default)]
struct RowSum {
    logits: [f32; 3],
    rows: usize,
}

impl RowSum {
    #[inline]
    fn add(&mut self, table: &FeatureTable, row: u32) {
        self.rows += 1;
        if let Some(w) = table.weights(row) {
            for (l, wk) in self.logits.iter_mut().zip(w) {
                *l += wk;
            }
        }
    }
}

/// The value of each present feature in a unit with `n` distinct known features:
/// binary presence, L2-normalised so long paragraphs do not shout over short quotes.
/// Training builds its matrix with this same function.
pub fn feature_value(n: usize) -> f32 {
    if n == 0 {
        0.0
    } else {
        1.0 / (n as f32).sqrt()
    }
}

fn softmax(logits: [f32; 3]) -> [f32; 3] {
    let max = logits.iter().copied().fold(f32::MIN, f32::max);
    let exps = logits.map(|l| (l - max).exp());
    let sum: f32 = exps.iter().sum();
    if !(sum.is_finite() && sum > 0.0) {
        // Overflowed logits (extreme weights): all mass on the largest logit.
        let top = (0..3)
            .max_by(|&a, &b| logits[a].total_cmp(&logits[b]))
            .unwrap_or(2);
        let mut one_hot = [0.0; 3];
        one_hot[top] = 1.0;
        return one_hot;
    }
    exps.map(|e| e / sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_set_lists_the_rows_sorted_and_distinct() {
        let classifier = Classifier::bundled().expect("the embedded model loads");
        let sentence = "Iran ruled out talks and warned of strikes; envoys urged calm. ";
        for text in [sentence.to_string(), sentence.repeat(20_000), String::new()] {
            let mut listed = Vec::new();
            featurize_hashed(&text, &classifier.inner.config, |hash, _| {
                if let Some(row) = classifier.inner.table.row(hash) {
                    listed.push(row);
                }
            });
            listed.sort_unstable();
            listed.dedup();
            let (mut rows, mut set) = (Vec::new(), RowSet::default());
            classifier.active_rows(&text, &mut set, |row| rows.push(row));
            assert_eq!(rows, listed);
            // The set is left empty for the next unit.
            rows.clear();
            classifier.active_rows("", &mut set, |row| rows.push(row));
            assert!(rows.is_empty());
        }
    }

    #[test]
    fn classify_and_explain_agree() {
        let classifier = Classifier::bundled().expect("the embedded model loads");
        for text in [
            "Iran ruled out talks with Washington.",
            "The foreign minister urged both sides to exercise restraint and return to talks.",
            "They will not attack, officials said \u{2014} \u{201c}never\u{201d}.",
            "",
        ] {
            assert_eq!(
                classifier.classify(text),
                classifier.explain(text).prediction,
                "{text:?}"
            );
        }
    }
}

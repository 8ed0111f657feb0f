//! # stance
//!
//! Labels news text (a quote, sentence, paragraph or whole article) as
//! **escalatory**, **de-escalatory** or **neutral**, following the project's
//! labelling guide, with a linear model that explains itself word by word.
//!
//! ```
//! use stance::{Classifier, Stance};
//!
//! let classifier = Classifier::bundled().expect("the embedded model loads");
//! let p = classifier.classify("The foreign minister urged both sides to exercise restraint and return to talks.");
//! assert_eq!(p.label, Stance::DeEscalatory);
//! assert!((p.scores.0.iter().sum::<f32>() - 1.0).abs() < 1e-4);
//! ```

pub mod classifier;
pub mod document;
pub mod error;
pub mod explain;
pub mod features;
pub mod hash;
pub mod lexicon;
pub mod model;
pub mod prediction;
pub mod report;
pub mod reversal;
pub mod stance;
pub mod summary;
pub mod text;
pub mod train;

pub use classifier::Classifier;
pub use document::{Unit, UnitPrediction};
pub use error::{Error, Result};
pub use explain::{Contribution, Explanation};
pub use features::{featurize, FeatureConfig};
pub use model::{Model, ModelCard};
pub use prediction::{Prediction, Scores};
pub use stance::Stance;
pub use summary::{summarize, DocumentSummary};
pub use text::span::Span;

//! Training and evaluation: data loading, feature selection, fitting with
//! linfa, cross-validation, calibration and metrics.

pub mod alpha_choice;
pub mod data;
pub mod evaluate;
pub mod fit;
pub mod metrics;
pub mod nb_scale;
pub mod sparse_logistic;
pub mod stop_words;
pub mod vocabulary;

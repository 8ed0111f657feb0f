//! The one error type of the library.

use std::path::PathBuf;

/// Everything that can go wrong in `stance`, with the value that failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("model file is not a stance model: {0}")]
    ModelFormat(String),
    #[error("model file is corrupted: checksum {found:016x} does not match the recorded {expected:016x}")]
    ModelChecksum { expected: u64, found: u64 },
    #[error(
        "model was built for featurizer {model} but this build featurizes as {current}; retrain it with `stance train`"
    )]
    FingerprintMismatch { model: String, current: String },
    #[error("invalid training data: {0}")]
    TrainingData(String),
    #[error("training failed: {0}")]
    Training(String),
    #[error("invalid configuration: {0}")]
    Config(String),
}

pub type Result<T> = std::result::Result<T, Error>;

//! The model file: weights, feature configuration, fingerprint and card.
//!
//! On disk a model is two parts: one header line of JSON (format, fingerprint,
//! payload length, checksum), then the payload, the model itself as JSON that
//! people can read and diff. The header lets a loader reject a truncated,
//! corrupted or incompatible file before it trusts a single weight.

use crate::error::{Error, Result};
use crate::features::FeatureConfig;
use crate::hash::fnv1a;
use serde::{Deserialize, Serialize};
use std::path::Path;

const FORMAT: &str = "stance-model";
const FORMAT_VERSION: u32 = 1;

/// What a model was trained on and how well it did: shown by `stance info`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelCard {
    pub name: String,
    /// The command that rebuilt this model.
    pub command: String,
    /// Each training file, its weight and how many records it gave.
    pub data: Vec<DataSource>,
    pub seed: u64,
    /// Chosen L2 strength (linfa's `alpha`, the penalty on the summed loss).
    pub alpha: f64,
    /// Macro-F1 of the chosen `alpha` in cross-validation on the training data.
    pub cv_macro_f1: f64,
    /// Held-out-by-topic macro-F1 measured before the final fit, when a split was made.
    pub holdout_macro_f1: Option<f64>,
    pub n_features: usize,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataSource {
    pub path: String,
    pub weight: f64,
    pub records: usize,
}

/// A trained linear model over named features, three columns (see [`crate::Stance::ALL`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub config: FeatureConfig,
    pub card: ModelCard,
    /// Feature names; `weights[i]` belongs to `features[i]`.
    pub features: Vec<String>,
    pub weights: Vec<[f32; 3]>,
    pub bias: [f32; 3],
    /// Softmax temperature fitted on out-of-fold predictions, for calibrated confidence.
    pub temperature: f32,
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    fingerprint: String,
    payload_bytes: usize,
    checksum: String,
}

impl Model {
    /// Serialise to the file format (header line + JSON payload).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let payload = serde_json::to_vec(self).map_err(|e| Error::ModelFormat(e.to_string()))?;
        let header = Header {
            format: FORMAT.to_string(),
            version: FORMAT_VERSION,
            fingerprint: self.config.fingerprint(),
            payload_bytes: payload.len(),
            checksum: format!("{:016x}", fnv1a(&payload)),
        };
        let mut out = serde_json::to_vec(&header).map_err(|e| Error::ModelFormat(e.to_string()))?;
        out.push(b'\n');
        out.extend_from_slice(&payload);
        Ok(out)
    }

    /// Parse and validate a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let newline = bytes
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| Error::ModelFormat("no header line".to_string()))?;
        let (head, rest) = bytes.split_at(newline);
        let payload = rest.get(1..).unwrap_or(&[]);
        let header: Header = serde_json::from_slice(head)
            .map_err(|e| Error::ModelFormat(format!("unreadable header: {e}")))?;
        if header.format != FORMAT || header.version != FORMAT_VERSION {
            return Err(Error::ModelFormat(format!(
                "format {} version {}, expected {FORMAT} version {FORMAT_VERSION}",
                header.format, header.version
            )));
        }
        if payload.len() != header.payload_bytes {
            return Err(Error::ModelFormat(format!(
                "truncated or padded: payload is {} bytes, header says {}",
                payload.len(),
                header.payload_bytes
            )));
        }
        let expected = u64::from_str_radix(&header.checksum, 16)
            .map_err(|_| Error::ModelFormat(format!("bad checksum field {:?}", header.checksum)))?;
        let found = fnv1a(payload);
        if found != expected {
            return Err(Error::ModelChecksum { expected, found });
        }
        let current = FeatureConfig::default().fingerprint_version_check(&header.fingerprint);
        if let Some(current) = current {
            return Err(Error::FingerprintMismatch {
                model: header.fingerprint,
                current,
            });
        }
        let model: Model = serde_json::from_slice(payload)
            .map_err(|e| Error::ModelFormat(format!("unreadable payload: {e}")))?;
        if model.config.fingerprint() != header.fingerprint {
            return Err(Error::FingerprintMismatch {
                model: header.fingerprint,
                current: model.config.fingerprint(),
            });
        }
        model.validate()?;
        Ok(model)
    }

    pub fn load(path: &Path) -> Result<Model> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Model::from_bytes(&bytes)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes()?;
        std::fs::write(path, bytes).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The featurizer fingerprint this model was trained under.
    pub fn fingerprint(&self) -> String {
        self.config.fingerprint()
    }

    fn validate(&self) -> Result<()> {
        if self.features.len() != self.weights.len() {
            return Err(Error::ModelFormat(format!(
                "{} features but {} weight rows",
                self.features.len(),
                self.weights.len()
            )));
        }
        let finite = self
            .weights
            .iter()
            .flatten()
            .chain(&self.bias)
            .all(|w| w.is_finite());
        if !finite || !self.temperature.is_finite() || self.temperature <= 0.0 {
            return Err(Error::ModelFormat(
                "non-finite weight or temperature".to_string(),
            ));
        }
        Ok(())
    }
}

impl FeatureConfig {
    /// `None` when a model's recorded fingerprint belongs to this build's featurizer
    /// version; otherwise the current version string, for the error message.
    fn fingerprint_version_check(&self, recorded: &str) -> Option<String> {
        let version = crate::features::FEATURIZER_VERSION;
        let recorded_version = recorded.split(':').next().unwrap_or("");
        (recorded_version != version).then(|| self.fingerprint())
    }
}

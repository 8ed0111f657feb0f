//! The model file: weights, feature configuration, fingerprint and card.
//!
//! On disk a model is two parts: one header line of JSON (format, version,
//! fingerprint, payload length, checksum), then the payload. The header lets a
//! loader reject a truncated, corrupted or incompatible file before it trusts
//! a single weight.
//!
//! The payload of version 2 (written now) is text too: a line of JSON with the
//! configuration and card, then one line per feature with its three weights as
//! the hex of their `f32` bits ([`lines_v2`]). Version 1 held the whole model
//! as one JSON document ([`json_v1`]); it still loads, but parsing 50,000
//! names and 150,000 decimal floats through JSON was most of the start-up time.
//!
//! Scoring looks features up in a [`FeatureTable`] (name hash → row →
//! weights). A model loaded at run time builds its table then; the embedded
//! model's table is built at compile time by `build.rs` from the model file
//! ([`bundled`]), so its first use parses only the header and the first
//! payload line.

mod bundled;
mod feature_table;
mod json_v1;
mod lines_v2;
mod weight_lines;

pub(crate) use bundled::MODEL_FILE as BUNDLED_MODEL_FILE;
pub(crate) use feature_table::FeatureTable;

use crate::error::{Error, Result};
use crate::features::FeatureConfig;
use crate::hash::{checksum, fnv1a};
use serde::{Deserialize, Serialize};
use std::path::Path;

const FORMAT: &str = "stance-model";
/// The version [`Model::to_bytes`] writes; [`Model::from_bytes`] also reads version 1.
const FORMAT_VERSION: u32 = 2;

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
    /// Serialise to the file format (header line + payload of the current version).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let payload = lines_v2::encode(self)?;
        let sum = checksum(&payload);
        self.file_with_header(FORMAT_VERSION, payload, sum)
    }

    /// The version 1 file of this model (one JSON payload, FNV-1a checksum), as
    /// earlier builds wrote it: for tests that older files still load.
    #[doc(hidden)]
    pub fn to_bytes_v1(&self) -> Result<Vec<u8>> {
        let payload = json_v1::encode(self)?;
        let sum = fnv1a(&payload);
        self.file_with_header(1, payload, sum)
    }

    /// The header line for `payload` of format `version` (whose checksum,
    /// computed the way that version computes it, is `sum`), then the payload.
    fn file_with_header(&self, version: u32, payload: Vec<u8>, sum: u64) -> Result<Vec<u8>> {
        let header = Header {
            format: FORMAT.to_string(),
            version,
            fingerprint: self.config.fingerprint(),
            payload_bytes: payload.len(),
            checksum: format!("{sum:016x}"),
        };
        let mut out = serde_json::to_vec(&header).map_err(|e| Error::ModelFormat(e.to_string()))?;
        out.push(b'\n');
        out.extend_from_slice(&payload);
        Ok(out)
    }

    /// Parse and validate a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let (header, payload) = checked_payload(bytes)?;
        let model = match header.version {
            1 => json_v1::decode(payload)?,
            _ => lines_v2::decode(payload)?,
        };
        check_fingerprint(&model.config, header.fingerprint)?;
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
        validate(
            self.features.len(),
            &self.weights,
            &self.bias,
            self.temperature,
        )
    }
}

/// What scoring needs of a model file: the weights, and each feature as the
/// [`fnv1a`] hash of its name (what the scorer looks up) instead of the name.
/// Reading a file this way allocates no string per feature, which is most of
/// what loading a whole [`Model`] costs.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoringModel {
    pub config: FeatureConfig,
    /// `hashes[i]` is the hash of the name of the feature whose weights are `weights[i]`.
    pub hashes: Vec<u64>,
    pub weights: Vec<[f32; 3]>,
    pub bias: [f32; 3],
    pub temperature: f32,
}

impl ScoringModel {
    /// Parse and validate a model file's bytes as [`Model::from_bytes`] does
    /// (the same errors for the same files), keeping hashes of the names.
    pub fn from_bytes(bytes: &[u8]) -> Result<ScoringModel> {
        let (header, payload) = checked_payload(bytes)?;
        let scoring = match header.version {
            1 => ScoringModel::from(json_v1::decode(payload)?),
            _ => {
                let mut hashes = Vec::new();
                let parts = lines_v2::decode_with(payload, |name| {
                    hashes.push(fnv1a(name.as_bytes()));
                })?;
                ScoringModel {
                    config: parts.config,
                    hashes,
                    weights: parts.weights,
                    bias: parts.bias,
                    temperature: parts.temperature,
                }
            }
        };
        check_fingerprint(&scoring.config, header.fingerprint)?;
        validate(
            scoring.hashes.len(),
            &scoring.weights,
            &scoring.bias,
            scoring.temperature,
        )?;
        Ok(scoring)
    }
}

impl From<Model> for ScoringModel {
    fn from(model: Model) -> ScoringModel {
        ScoringModel {
            hashes: model
                .features
                .iter()
                .map(|name| fnv1a(name.as_bytes()))
                .collect(),
            config: model.config,
            weights: model.weights,
            bias: model.bias,
            temperature: model.temperature,
        }
    }
}

/// What scoring runs on: the configuration, the lookup table from feature
/// hash to weights, bias and temperature.
#[derive(Debug)]
pub(crate) struct IndexedModel {
    pub config: FeatureConfig,
    pub table: FeatureTable,
    pub bias: [f32; 3],
    pub temperature: f32,
}

impl IndexedModel {
    /// The embedded model: its table prebuilt at compile time when `build.rs`
    /// could build one, else parsed from the model file as any other.
    pub(crate) fn bundled() -> Result<IndexedModel> {
        bundled::load()
    }
}

impl From<&Model> for IndexedModel {
    /// Hashes the names where they lie: no copy of the model is made.
    fn from(model: &Model) -> IndexedModel {
        let hashes: Vec<u64> = model
            .features
            .iter()
            .map(|name| fnv1a(name.as_bytes()))
            .collect();
        IndexedModel {
            table: FeatureTable::build(&hashes, &model.weights),
            config: model.config.clone(),
            bias: model.bias,
            temperature: model.temperature,
        }
    }
}

impl From<ScoringModel> for IndexedModel {
    fn from(scoring: ScoringModel) -> IndexedModel {
        IndexedModel {
            table: FeatureTable::build(&scoring.hashes, &scoring.weights),
            config: scoring.config,
            bias: scoring.bias,
            temperature: scoring.temperature,
        }
    }
}

/// The payload of a model file whose header checks out: format and version
/// known, length and checksum right, featurizer version this build's.
fn checked_payload(bytes: &[u8]) -> Result<(Header, &[u8])> {
    let (header, payload) = read_header(bytes)?;
    let expected = u64::from_str_radix(&header.checksum, 16)
        .map_err(|_| Error::ModelFormat(format!("bad checksum field {:?}", header.checksum)))?;
    let found = match header.version {
        1 => fnv1a(payload),
        _ => checksum(payload),
    };
    if found != expected {
        return Err(Error::ModelChecksum { expected, found });
    }
    check_featurizer_version(&header.fingerprint)?;
    Ok((header, payload))
}

/// The header of a model file and the payload after it, with the format,
/// version and payload length checked (not yet the checksum).
fn read_header(bytes: &[u8]) -> Result<(Header, &[u8])> {
    let newline = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| Error::ModelFormat("no header line".to_string()))?;
    let (head, rest) = bytes.split_at(newline);
    let payload = rest.get(1..).unwrap_or(&[]);
    let header: Header = serde_json::from_slice(head)
        .map_err(|e| Error::ModelFormat(format!("unreadable header: {e}")))?;
    if header.format != FORMAT || !(1..=FORMAT_VERSION).contains(&header.version) {
        return Err(Error::ModelFormat(format!(
            "format {} version {}, expected {FORMAT} version 1 to {FORMAT_VERSION}",
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
    Ok((header, payload))
}

/// A model's fingerprint must name this build's featurizer version.
fn check_featurizer_version(fingerprint: &str) -> Result<()> {
    let current = FeatureConfig::default().fingerprint_version_check(fingerprint);
    if let Some(current) = current {
        return Err(Error::FingerprintMismatch {
            model: fingerprint.to_string(),
            current,
        });
    }
    Ok(())
}

/// The configuration in the payload must give the fingerprint in the header.
fn check_fingerprint(config: &FeatureConfig, recorded: String) -> Result<()> {
    let current = config.fingerprint();
    if current != recorded {
        return Err(Error::FingerprintMismatch {
            model: recorded,
            current,
        });
    }
    Ok(())
}

fn validate(
    features: usize,
    weights: &[[f32; 3]],
    bias: &[f32; 3],
    temperature: f32,
) -> Result<()> {
    if features != weights.len() {
        return Err(Error::ModelFormat(format!(
            "{features} features but {} weight rows",
            weights.len()
        )));
    }
    // Row by row rather than one flattened iterator: this runs over every
    // weight at start-up, and the flattened form compiled to a slow loop.
    let finite = weights.iter().all(|row| row.iter().all(|w| w.is_finite()))
        && bias.iter().all(|w| w.is_finite());
    if !finite || !temperature.is_finite() || temperature <= 0.0 {
        return Err(Error::ModelFormat(
            "non-finite weight or temperature".to_string(),
        ));
    }
    Ok(())
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

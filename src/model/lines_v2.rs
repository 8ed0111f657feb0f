//! Payload of model files version 2: a JSON line, then one line per feature.
//!
//! ```text
//! {"config":{…},"card":{…},"features":50540,"bias":"3f0ccccd bf000000 00000000","temperature":"3facccce"}
//! 3f8ccccd bf000000 00000000 w:strike
//! bd23d70a 3e4ccccd 00000000 b:ceasefir_hold
//! ```
//!
//! Each feature line holds the row's three weights as the lowercase hex of their
//! `f32` bits, a space each, then the feature name up to the end of the line, in row
//! order. Bits rather than decimals because they round-trip exactly and read
//! without float parsing (which, with JSON, was most of the start-up time);
//! fixed-width columns so that a line splits without searching. A name cannot
//! hold a newline, which no featurizer name does (names are made of words).

use super::weight_lines::{parse_bits, parse_lines, parse_row, push_bits, WEIGHTS_WIDTH};
use super::{Model, ModelCard};
use crate::error::{Error, Result};
use crate::features::FeatureConfig;
use serde::{Deserialize, Serialize};

/// Everything but the table, on the first line.
#[derive(Serialize, Deserialize)]
struct Meta {
    config: FeatureConfig,
    card: ModelCard,
    /// How many feature lines follow.
    features: usize,
    /// The three biases, as [`Model`] orders them, in the table's hex form.
    bias: String,
    temperature: String,
}

pub(super) fn encode(model: &Model) -> Result<Vec<u8>> {
    if model.features.len() != model.weights.len() {
        return Err(Error::ModelFormat(format!(
            "{} features but {} weight rows",
            model.features.len(),
            model.weights.len()
        )));
    }
    let mut bias = Vec::with_capacity(WEIGHTS_WIDTH);
    push_bits(&mut bias, &model.bias);
    bias.pop(); // the trailing space
    let mut temperature = Vec::with_capacity(9);
    push_bits(&mut temperature, &[model.temperature]);
    temperature.pop();
    let meta = Meta {
        config: model.config.clone(),
        card: model.card.clone(),
        features: model.features.len(),
        bias: String::from_utf8_lossy(&bias).into_owned(),
        temperature: String::from_utf8_lossy(&temperature).into_owned(),
    };
    let mut out = serde_json::to_vec(&meta).map_err(|e| Error::ModelFormat(e.to_string()))?;
    out.push(b'\n');
    let table: usize = model.features.iter().map(|f| f.len() + 1).sum();
    out.reserve(table + model.features.len() * WEIGHTS_WIDTH);
    for (name, weights) in model.features.iter().zip(&model.weights) {
        if name.contains('\n') {
            return Err(Error::ModelFormat(format!(
                "feature name {name:?} holds a newline and cannot be stored"
            )));
        }
        push_bits(&mut out, weights);
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
    }
    Ok(out)
}

/// A model of this format but its feature names.
pub(super) struct Parts {
    pub config: FeatureConfig,
    pub card: ModelCard,
    pub weights: Vec<[f32; 3]>,
    pub bias: [f32; 3],
    pub temperature: f32,
}

pub(super) fn decode(payload: &[u8]) -> Result<Model> {
    let mut features = Vec::new();
    let parts = decode_with(payload, |name| features.push(name.to_string()))?;
    Ok(Model {
        config: parts.config,
        card: parts.card,
        features,
        weights: parts.weights,
        bias: parts.bias,
        temperature: parts.temperature,
    })
}

/// The first line of a payload, parsed, and the feature lines after it.
pub(super) struct Head<'a> {
    pub config: FeatureConfig,
    pub card: ModelCard,
    /// How many feature lines the payload says follow.
    pub features: usize,
    pub bias: [f32; 3],
    pub temperature: f32,
    pub table: &'a [u8],
}

/// Parse the first line of a payload; the feature lines are left unread and
/// unchecked (a loader that trusts them already, as the embedded model's
/// prebuilt table does, reads only this line).
pub(super) fn decode_head(payload: &[u8]) -> Result<Head<'_>> {
    let newline = payload
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| Error::ModelFormat("payload has no table".to_string()))?;
    let meta: Meta = serde_json::from_slice(&payload[..newline])
        .map_err(|e| Error::ModelFormat(format!("unreadable payload: {e}")))?;
    let bias = parse_row(meta.bias.as_bytes())
        .ok_or_else(|| Error::ModelFormat(format!("bad bias {:?}", meta.bias)))?;
    let temperature = parse_bits(meta.temperature.as_bytes())
        .ok_or_else(|| Error::ModelFormat(format!("bad temperature {:?}", meta.temperature)))?;
    Ok(Head {
        config: meta.config,
        card: meta.card,
        features: meta.features,
        bias,
        temperature,
        table: &payload[newline + 1..],
    })
}

/// Decode everything but the names, handing each name to `name` in row order
/// (so a scorer can keep hashes of them instead).
pub(super) fn decode_with(payload: &[u8], mut name: impl FnMut(&str)) -> Result<Parts> {
    let text = std::str::from_utf8(payload)
        .map_err(|e| Error::ModelFormat(format!("payload is not UTF-8: {e}")))?;
    let head = decode_head(payload)?;
    // The feature lines follow a newline, so they start on a char boundary.
    let names = text
        .get(text.len() - head.table.len()..)
        .ok_or_else(|| Error::ModelFormat("payload has no table".to_string()))?;
    // The count comes from the file: never reserve more than its bytes can hold.
    let mut weights = Vec::with_capacity(head.features.min(head.table.len() / WEIGHTS_WIDTH));
    let lines = parse_lines(head.table, |range, row| match names.get(range) {
        Some(feature) => {
            name(feature);
            weights.push(row);
            true
        }
        None => false,
    })
    .map_err(|line| {
        Error::ModelFormat(format!("feature line {line}: not three weights and a name"))
    })?;
    if lines != head.features {
        return Err(Error::ModelFormat(format!(
            "the payload says {} features but holds {}",
            head.features, lines
        )));
    }
    Ok(Parts {
        config: head.config,
        card: head.card,
        weights,
        bias: head.bias,
        temperature: head.temperature,
    })
}

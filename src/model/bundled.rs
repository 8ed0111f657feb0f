//! The embedded English model, and its lookup table prebuilt at compile time.
//!
//! `build.rs` reads `models/stance-en.model` (the single source of truth,
//! written by `training/build-bundled.sh`), checks its checksum and every
//! feature line, and writes the model's [`FeatureTable`] after the payload
//! checksum it was built from. Loading then reads only the header and the
//! first payload line (configuration, bias, temperature) and uses the table's
//! bytes where they lie: no hex parsing, name hashing or insert per feature,
//! which was most of the first `Classifier::bundled()` call.
//!
//! When `build.rs` could not build a table (a model file it cannot read, left
//! as an empty file) or anything in it disagrees with the model file, the
//! model file is parsed as any other, so a bad embedded model gives the same
//! error it always has.

use super::feature_table::FeatureTable;
use super::{lines_v2, read_header, IndexedModel, ScoringModel};
use crate::error::Result;
use std::borrow::Cow;

/// The default English model, built by `training/build-bundled.sh`.
pub(crate) static MODEL_FILE: &[u8] = include_bytes!("../../models/stance-en.model");

/// The payload checksum of the model the table was built from (u64, little
/// endian), then the table's bytes; empty when `build.rs` built none.
static PREBUILT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundled-table.bin"));

pub(super) fn load() -> Result<IndexedModel> {
    match prebuilt(MODEL_FILE, PREBUILT) {
        Some(model) => Ok(model),
        None => ScoringModel::from_bytes(MODEL_FILE).map(IndexedModel::from),
    }
}

/// The model of `file` with its prebuilt table, or `None` when the table is
/// missing or was not built from this file, or the file does not load.
fn prebuilt(file: &[u8], prebuilt: &'static [u8]) -> Option<IndexedModel> {
    let (built_from, table) = prebuilt.split_first_chunk::<8>()?;
    let table = FeatureTable::from_bytes(Cow::Borrowed(table))?;
    let (header, payload) = read_header(file).ok()?;
    // The table was built from a payload with this checksum, which `build.rs`
    // recomputed; the feature lines it read are the ones the checksum covers.
    let checksum = u64::from_str_radix(&header.checksum, 16).ok()?;
    if header.version != 2 || checksum != u64::from_le_bytes(*built_from) {
        return None;
    }
    super::check_featurizer_version(&header.fingerprint).ok()?;
    let head = lines_v2::decode_head(payload).ok()?;
    if head.features != table.rows() {
        return None;
    }
    super::check_fingerprint(&head.config, header.fingerprint).ok()?;
    super::validate(0, &[], &head.bias, head.temperature).ok()?;
    Some(IndexedModel {
        config: head.config,
        table,
        bias: head.bias,
        temperature: head.temperature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::fnv1a;
    use crate::model::Model;

    /// The table `build.rs` embedded is the one loading the model file gives,
    /// byte for byte, and through it every feature finds its own weights.
    #[test]
    fn the_prebuilt_table_equals_the_parsed_model_file() {
        let fast =
            prebuilt(MODEL_FILE, PREBUILT).expect("build.rs built a table for the embedded model");
        let parsed =
            IndexedModel::from(ScoringModel::from_bytes(MODEL_FILE).expect("the model file loads"));
        assert_eq!(fast.table.as_bytes(), parsed.table.as_bytes());
        assert_eq!(fast.config, parsed.config);
        assert_eq!(fast.bias.map(f32::to_bits), parsed.bias.map(f32::to_bits));
        assert_eq!(fast.temperature.to_bits(), parsed.temperature.to_bits());

        let model = Model::from_bytes(MODEL_FILE).expect("the model file loads");
        assert_eq!(fast.table.rows(), model.features.len());
        assert_eq!(fast.config, model.config);
        assert_eq!(fast.bias.map(f32::to_bits), model.bias.map(f32::to_bits));
        assert_eq!(fast.temperature.to_bits(), model.temperature.to_bits());
        let mut last_row = std::collections::HashMap::new();
        for (row, name) in model.features.iter().enumerate() {
            last_row.insert(fnv1a(name.as_bytes()), row);
        }
        for (row, (name, weights)) in model.features.iter().zip(&model.weights).enumerate() {
            let hash = fnv1a(name.as_bytes());
            let found = fast.table.row(hash).expect("every feature is in the table");
            // A repeated name (or hash) scores with its last row, as it always has.
            assert_eq!(found as usize, last_row[&hash], "{name}");
            if found as usize == row {
                let got = fast.table.weights(found).expect("its row has weights");
                assert_eq!(got.map(f32::to_bits), weights.map(f32::to_bits), "{name}");
            }
        }
    }

    #[test]
    fn a_table_built_from_another_file_is_not_used() {
        // Another model file: its header names another payload checksum.
        let mut other = MODEL_FILE.to_vec();
        let field = b"\"checksum\":\"";
        let at = other
            .windows(field.len())
            .position(|w| w == field)
            .expect("a checksum field")
            + field.len();
        other[at] = if other[at] == b'0' { b'1' } else { b'0' };
        assert!(prebuilt(&other, PREBUILT).is_none());
        assert!(prebuilt(MODEL_FILE, &[]).is_none());
        assert!(prebuilt(MODEL_FILE, &PREBUILT[..PREBUILT.len() - 1]).is_none());
    }
}

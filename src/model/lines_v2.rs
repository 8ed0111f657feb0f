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

/// Width of the weight columns of a feature line: three times eight hex digits and a space.
const WEIGHTS_WIDTH: usize = 27;

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

/// Decode everything but the names, handing each name to `name` in row order
/// (so a scorer can keep hashes of them instead).
pub(super) fn decode_with(payload: &[u8], mut name: impl FnMut(&str)) -> Result<Parts> {
    let text = std::str::from_utf8(payload)
        .map_err(|e| Error::ModelFormat(format!("payload is not UTF-8: {e}")))?;
    let (meta_line, table) = text
        .split_once('\n')
        .ok_or_else(|| Error::ModelFormat("payload has no table".to_string()))?;
    let meta: Meta = serde_json::from_str(meta_line)
        .map_err(|e| Error::ModelFormat(format!("unreadable payload: {e}")))?;
    let bias = parse_row(meta.bias.as_bytes())
        .ok_or_else(|| Error::ModelFormat(format!("bad bias {:?}", meta.bias)))?;
    let temperature = parse_bits(meta.temperature.as_bytes())
        .ok_or_else(|| Error::ModelFormat(format!("bad temperature {:?}", meta.temperature)))?;
    // The count comes from the file: never reserve more than its bytes can hold.
    let mut weights = Vec::with_capacity(meta.features.min(table.len() / WEIGHTS_WIDTH));
    let bytes = table.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let bad = || {
            Error::ModelFormat(format!(
                "feature line {}: not three weights and a name",
                weights.len() + 1
            ))
        };
        // Names are short: a byte loop finds the newline sooner than memchr's set-up.
        let name_start = at + WEIGHTS_WIDTH;
        let end = bytes
            .get(name_start..)
            .ok_or_else(bad)?
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |n| name_start + n);
        let row = parse_row(&bytes[at..name_start]).ok_or_else(bad)?;
        // Byte 26 is an ASCII space, so `name_start` is a char boundary.
        name(table.get(name_start..end).ok_or_else(bad)?);
        weights.push(row);
        at = end + 1;
    }
    if weights.len() != meta.features {
        return Err(Error::ModelFormat(format!(
            "the payload says {} features but holds {}",
            meta.features,
            weights.len()
        )));
    }
    Ok(Parts {
        config: meta.config,
        card: meta.card,
        weights,
        bias,
        temperature,
    })
}

/// Each value as eight lowercase hex digits of its bits, then a space.
fn push_bits(out: &mut Vec<u8>, values: &[f32]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for value in values {
        let bits = value.to_bits();
        for shift in (0..8).rev() {
            out.push(HEX[(bits >> (shift * 4)) as usize & 0xf]);
        }
        out.push(b' ');
    }
}

/// Three hex values separated by single spaces, with or without a trailing space.
#[inline]
fn parse_row(b: &[u8]) -> Option<[f32; 3]> {
    if !(26..=27).contains(&b.len()) || b[8] != b' ' || b[17] != b' ' {
        return None;
    }
    if b.get(26).is_some_and(|&c| c != b' ') {
        return None;
    }
    Some([
        parse_bits(&b[0..8])?,
        parse_bits(&b[9..17])?,
        parse_bits(&b[18..26])?,
    ])
}

/// Eight lowercase hex digits as the bits of an `f32`.
///
/// All eight digits at once in one 64-bit word (a model has 150,000 of
/// them, and a digit at a time was most of the load time): check that every
/// byte is `0-9` or `a-f`, turn each byte into its nibble, then pack the
/// nibbles, first digit highest.
#[inline]
fn parse_bits(digits: &[u8]) -> Option<f32> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word: [u8; 8] = digits.try_into().ok()?;
    let v = u64::from_le_bytes(word);
    // For bytes below 0x80, `v + (0x80 - lo) * ONES` sets a byte's high bit
    // exactly when that byte is >= lo, and no byte carries into the next.
    let at_least = |lo: u64| v.wrapping_add((0x80 - lo) * ONES);
    let digit = at_least(0x30) & !at_least(0x3a);
    let letter = at_least(0x61) & !at_least(0x67);
    if v & HIGH != 0 || (digit | letter) & HIGH != HIGH {
        return None;
    }
    let nibbles = (v & (0x0f * ONES)) + ((letter & HIGH) >> 7) * 9;
    // Byte i holds digit i; reverse so the first digit is the highest, then
    // merge neighbouring nibbles, bytes and half-words.
    let mut x = nibbles.swap_bytes();
    x = (x | x >> 4) & 0x00ff_00ff_00ff_00ff;
    x = (x | x >> 8) & 0x0000_ffff_0000_ffff;
    x = (x | x >> 16) & 0xffff_ffff;
    Some(f32::from_bits(x as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_round_trip_exactly() {
        let values = [0.0, -0.0, 1.5, -3.25e-7, f32::MIN_POSITIVE, f32::MAX];
        let mut out = Vec::new();
        push_bits(&mut out, &values);
        let text = String::from_utf8(out).unwrap();
        for (value, digits) in values.iter().zip(text.split(' ')) {
            assert_eq!(
                parse_bits(digits.as_bytes()).map(f32::to_bits),
                Some(value.to_bits())
            );
        }
        assert_eq!(parse_bits(b"3f80000g"), None);
        assert_eq!(parse_bits(b"3F800000"), None);
        assert_eq!(parse_bits(b"3f80000/"), None);
        assert_eq!(parse_bits(b"3f80000:"), None);
        assert_eq!(parse_bits(b"3f80000`"), None);
        assert_eq!(parse_bits(b"\xff3f80000"), None);
        assert_eq!(parse_bits(b"01234567").map(f32::to_bits), Some(0x0123_4567));
        assert_eq!(parse_bits(b"89abcdef").map(f32::to_bits), Some(0x89ab_cdef));
        assert_eq!(parse_bits(b"3f8000"), None);
    }

    #[test]
    fn a_row_needs_three_columns_of_eight_digits() {
        assert_eq!(
            parse_row(b"3f800000 bf800000 00000000"),
            Some([1.0, -1.0, 0.0])
        );
        assert_eq!(
            parse_row(b"3f800000 bf800000 00000000 "),
            Some([1.0, -1.0, 0.0])
        );
        assert_eq!(parse_row(b"3f800000 bf800000 0000000"), None);
        assert_eq!(parse_row(b"3f800000  f800000 00000000"), None);
        assert_eq!(parse_row(b"3f800000 bf800000 00000000x"), None);
    }
}

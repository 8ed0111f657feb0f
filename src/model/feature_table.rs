//! What scoring looks up: feature-name hash → row, and row → three weights,
//! in one flat little-endian byte layout.
//!
//! The layout is the same whether the table was built at run time (a model
//! file given by path) or at compile time by `build.rs` for the embedded
//! model, whose bytes are then used where they lie in the binary: its first
//! use copies, hashes and inserts nothing. `build.rs` includes this file
//! (std only, no `crate::` paths) so both are built by the same code.
//!
//! ```text
//! rows: u64, slots: u64                      header, 16 bytes
//! rows × [f32; 3]                            the weights, row order
//! slots × (hash: u64, row + 1: u32)          open addressing, 0 = empty slot
//! ```
//!
//! Slots are probed linearly from the top bits of the hash times a mixing
//! constant; at most half of them are full, so a lookup of a word that is no
//! feature (most words of a text) ends after one or two slots.

use std::borrow::Cow;

const HEADER: usize = 16;
const ROW: usize = 12;
const SLOT: usize = 12;
/// Spreads the FNV hash over the top bits, which pick the first slot.
const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

pub struct FeatureTable {
    bytes: Cow<'static, [u8]>,
    rows: usize,
    /// Slot count minus one (the count is a power of two).
    mask: usize,
    /// `64 - log2(slots)`: the hash bits that pick the first slot are the top ones.
    shift: u32,
    slots_at: usize,
}

impl FeatureTable {
    /// The table of a model whose row `i` has name hash `hashes[i]` and weights
    /// `weights[i]`. On a repeated hash the later row wins. Rows past the
    /// shorter of the two slices are left out.
    pub fn build(hashes: &[u64], weights: &[[f32; 3]]) -> FeatureTable {
        let rows = hashes.len().min(weights.len()).min(u32::MAX as usize - 1);
        let slots = (2 * rows).max(2).next_power_of_two();
        let mut bytes = vec![0u8; HEADER + rows * ROW + slots * SLOT];
        bytes[..8].copy_from_slice(&(rows as u64).to_le_bytes());
        bytes[8..16].copy_from_slice(&(slots as u64).to_le_bytes());
        for (at, row) in bytes[HEADER..HEADER + rows * ROW]
            .chunks_exact_mut(ROW)
            .zip(weights)
        {
            for (field, w) in at.chunks_exact_mut(4).zip(row) {
                field.copy_from_slice(&w.to_bits().to_le_bytes());
            }
        }
        let mut table = FeatureTable {
            bytes: Cow::Borrowed(&[]),
            rows,
            mask: slots - 1,
            shift: 64 - slots.trailing_zeros(),
            slots_at: HEADER + rows * ROW,
        };
        for (row, &hash) in hashes[..rows].iter().enumerate() {
            let mut i = table.first_slot(hash);
            loop {
                let at = table.slots_at + i * SLOT;
                let slot = &mut bytes[at..at + SLOT];
                let empty = slot[8..].iter().all(|&b| b == 0);
                if empty || slot[..8] == hash.to_le_bytes() {
                    slot[..8].copy_from_slice(&hash.to_le_bytes());
                    slot[8..].copy_from_slice(&(row as u32 + 1).to_le_bytes());
                    break;
                }
                i = (i + 1) & table.mask;
            }
        }
        table.bytes = Cow::Owned(bytes);
        table
    }

    /// A table from the bytes [`FeatureTable::as_bytes`] gave, or `None` when
    /// their sizes do not add up.
    pub fn from_bytes(bytes: Cow<'static, [u8]>) -> Option<FeatureTable> {
        let rows = usize::try_from(u64::from_le_bytes(*bytes.first_chunk::<8>()?)).ok()?;
        let slots =
            usize::try_from(u64::from_le_bytes(*bytes.get(8..)?.first_chunk::<8>()?)).ok()?;
        let slots_at = rows.checked_mul(ROW)?.checked_add(HEADER)?;
        let len = slots.checked_mul(SLOT)?.checked_add(slots_at)?;
        if !slots.is_power_of_two() || slots < 2 || rows >= u32::MAX as usize || bytes.len() != len
        {
            return None;
        }
        Some(FeatureTable {
            bytes,
            rows,
            mask: slots - 1,
            shift: 64 - slots.trailing_zeros(),
            slots_at,
        })
    }

    /// What `build.rs` writes out for the embedded model (the library itself
    /// only reads tables).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// How many weight rows the table holds.
    pub fn rows(&self) -> usize {
        self.rows
    }

    #[inline]
    fn first_slot(&self, hash: u64) -> usize {
        (hash.wrapping_mul(MIX) >> self.shift) as usize
    }

    /// The row of the feature whose name hashes to `hash`.
    #[inline]
    pub fn row(&self, hash: u64) -> Option<u32> {
        let bytes: &[u8] = &self.bytes;
        let mut i = self.first_slot(hash);
        // A bound on the probes, though a table this module built is never full.
        for _ in 0..=self.mask {
            let at = self.slots_at + i * SLOT;
            let (key, row) = bytes.get(at..at + SLOT)?.split_first_chunk::<8>()?;
            let row = u32::from_le_bytes(*row.first_chunk::<4>()?);
            if row == 0 {
                return None;
            }
            if u64::from_le_bytes(*key) == hash {
                return Some(row - 1);
            }
            i = (i + 1) & self.mask;
        }
        None
    }

    /// The three weights of `row`.
    #[inline]
    pub fn weights(&self, row: u32) -> Option<[f32; 3]> {
        let at = HEADER + row as usize * ROW;
        if row as usize >= self.rows {
            return None;
        }
        let w = self.bytes.get(at..at + ROW)?;
        let column = |k: usize| {
            let bits = w.get(4 * k..4 * k + 4)?.first_chunk::<4>()?;
            Some(f32::from_bits(u32::from_le_bytes(*bits)))
        };
        Some([column(0)?, column(1)?, column(2)?])
    }
}

impl std::fmt::Debug for FeatureTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeatureTable")
            .field("rows", &self.rows)
            .field("slots", &(self.mask + 1))
            .field("prebuilt", &matches!(self.bytes, Cow::Borrowed(_)))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_row_and_nothing_else() {
        let hashes: Vec<u64> = (0..1000u64)
            .map(|i| i.wrapping_mul(0x1234_5678_9abc_def1))
            .collect();
        let weights: Vec<[f32; 3]> = (0..1000).map(|i| [i as f32, -(i as f32), 0.5]).collect();
        let table = FeatureTable::build(&hashes, &weights);
        assert_eq!(table.rows(), 1000);
        for (row, &hash) in hashes.iter().enumerate() {
            assert_eq!(table.row(hash), Some(row as u32));
            assert_eq!(table.weights(row as u32), Some(weights[row]));
        }
        assert_eq!(table.row(7), None);
        assert_eq!(table.weights(1000), None);
    }

    #[test]
    fn a_repeated_hash_keeps_the_later_row() {
        let table = FeatureTable::build(&[5, 9, 5], &[[1.0; 3], [2.0; 3], [3.0; 3]]);
        assert_eq!(table.row(5), Some(2));
        assert_eq!(table.row(9), Some(1));
    }

    #[test]
    fn bytes_round_trip_and_bad_sizes_are_refused() {
        let table = FeatureTable::build(&[1, 2, 3], &[[1.0; 3], [2.0; 3], [3.0; 3]]);
        let bytes = table.as_bytes().to_vec();
        let again = FeatureTable::from_bytes(Cow::Owned(bytes.clone())).expect("round trip");
        assert_eq!(again.as_bytes(), table.as_bytes());
        assert_eq!(again.row(2), Some(1));
        assert!(FeatureTable::from_bytes(Cow::Owned(bytes[..bytes.len() - 1].to_vec())).is_none());
        assert!(FeatureTable::from_bytes(Cow::Borrowed(&[])).is_none());
        let empty = FeatureTable::build(&[], &[]);
        assert_eq!(empty.row(0), None);
        assert_eq!(empty.row(u64::MAX), None);
    }
}

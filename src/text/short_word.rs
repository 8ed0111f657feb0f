//! Short words as fixed-size map keys.
//!
//! Words up to [`INLINE`] bytes (nearly all) are held inside a map's own
//! slots: a hit then compares two machine words instead of following a
//! pointer to a heap string, which was a cache miss per word. Used by the
//! per-thread caches of the hot path (stems, finished word features).

use std::hash::{Hash, Hasher};

/// The longest word a [`ShortWord`] holds.
pub(crate) const INLINE: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ShortWord {
    bytes: [u64; 2],
    len: u8,
}

impl ShortWord {
    /// The key of `word`, or `None` when it is longer than [`INLINE`] bytes.
    #[inline]
    pub(crate) fn new(word: &str) -> Option<ShortWord> {
        let b = word.as_bytes();
        if b.len() > INLINE {
            return None;
        }
        Some(ShortWord {
            bytes: load_padded(b),
            len: b.len() as u8,
        })
    }
}

/// `bytes` (at most 16) as two little-endian words, zero-padded: what
/// copying them into a zeroed 16-byte array would give, but with a few fixed
/// loads (overlapping when the length is not a multiple of four) instead of a
/// call to copy a variable length, which cost more than the lookup itself.
#[inline]
fn load_padded(bytes: &[u8]) -> [u64; 2] {
    let n = bytes.len();
    if n >= 8 {
        let lo = le_u64(&bytes[..8]);
        // The last eight bytes hold bytes 8..n at their top: shift them down.
        let hi = if n > 8 {
            le_u64(&bytes[n - 8..]) >> (8 * (16 - n))
        } else {
            0
        };
        [lo, hi]
    } else if n >= 4 {
        let first = u64::from(le_u32(&bytes[..4]));
        let last = u64::from(le_u32(&bytes[n - 4..]));
        [first | last << (8 * (n - 4)), 0]
    } else {
        let lo = bytes
            .iter()
            .enumerate()
            .fold(0u64, |w, (i, &b)| w | u64::from(b) << (8 * i));
        [lo, 0]
    }
}

fn le_u64(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

fn le_u32(bytes: &[u8]) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[..4]);
    u32::from_le_bytes(word)
}

impl Hash for ShortWord {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.bytes[0]);
        state.write_u64(self.bytes[1] ^ u64::from(self.len).rotate_right(8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_different_lengths_do_not_collide() {
        // Zero padding must not make "a" and "a\0" the same key.
        assert_ne!(ShortWord::new("a"), ShortWord::new("a\u{0}"));
        assert_eq!(ShortWord::new("attack"), ShortWord::new("attack"));
        assert!(ShortWord::new("seventeen-letters").is_none());
        assert!(ShortWord::new("sixteen-letters!").is_some());
    }

    #[test]
    fn loads_are_the_zero_padded_bytes() {
        let source: Vec<u8> = (1..=16u8).map(|b| b.wrapping_mul(37) | 0x80).collect();
        for n in 0..=INLINE {
            let bytes = &source[..n];
            let mut padded = [0u8; INLINE];
            padded[..n].copy_from_slice(bytes);
            let want = [le_u64(&padded[..8]), le_u64(&padded[8..])];
            assert_eq!(load_padded(bytes), want, "{n}");
        }
    }
}

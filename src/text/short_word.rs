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
        let mut padded = [0u8; INLINE];
        padded[..b.len()].copy_from_slice(b);
        let (lo, hi) = padded.split_at(8);
        Some(ShortWord {
            bytes: [
                u64::from_le_bytes(lo.try_into().ok()?),
                u64::from_le_bytes(hi.try_into().ok()?),
            ],
            len: b.len() as u8,
        })
    }
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
}

//! Which of eight bytes are ASCII letters or digits, computed for all
//! eight at once in a `u64` (SWAR): the first look at every article
//! classifies each of its bytes, and a table look-up per byte cost more
//! than the rest of that scan.

/// Eight bytes loaded little-endian: byte `k` of the text is bits
/// `8k..8k+8`, so the lowest set bit of a mask is the earliest byte.
pub(super) fn load(chunk: [u8; 8]) -> u64 {
    u64::from_le_bytes(chunk)
}

/// `b` in every byte.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of every byte.
pub(super) const HIGH_BITS: u64 = splat(0x80);

/// High bit of each byte of `x` (7-bit values only) set when that byte is
/// in `lo..=hi`: adding `0x80 - lo` sets the high bit exactly when the byte
/// is at least `lo`, adding `0x7F - hi` exactly when it is above `hi`, and
/// neither sum carries into the next byte.
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = x.wrapping_add(splat(0x80 - lo));
    let above_hi = x.wrapping_add(splat(0x7F - hi));
    at_least_lo & !above_hi & HIGH_BITS
}

/// The high bit of each byte of `x` set when that byte is an ASCII letter
/// or digit (`u8::is_ascii_alphanumeric`), every other bit clear.
pub(super) fn alnum_mask(x: u64) -> u64 {
    // Non-ASCII bytes are classified on their low seven bits and then
    // dropped by `!x`.
    let low7 = x & !HIGH_BITS;
    let digits = in_range(low7, b'0', b'9');
    // Setting 0x20 folds 'A'..='Z' onto 'a'..='z' and maps no other
    // byte there.
    let letters = in_range(low7 | splat(0x20), b'a', b'z');
    (digits | letters) & !x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_is_ascii_alphanumeric_for_every_byte_in_every_place() {
        for b in 0..=255u8 {
            for place in 0..8 {
                // The byte among neighbours that are and are not alphanumeric.
                for fill in [b'a', b' ', 0xFF, b'9', 0x80] {
                    let mut chunk = [fill; 8];
                    if let Some(slot) = chunk.get_mut(place) {
                        *slot = b;
                    }
                    let mask = alnum_mask(load(chunk));
                    for (k, &c) in chunk.iter().enumerate() {
                        let set = mask & (0x80 << (8 * k)) != 0;
                        assert_eq!(set, c.is_ascii_alphanumeric(), "{chunk:?} byte {k}");
                    }
                    assert_eq!(mask & !HIGH_BITS, 0);
                }
            }
        }
    }
}

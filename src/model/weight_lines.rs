//! The feature lines of a version 2 payload: three `f32` weights as the hex of
//! their bits, then the feature name, one line per feature.
//!
//! ```text
//! 3f8ccccd bf000000 00000000 w:strike
//! ```
//!
//! Self-contained (std only) on purpose: `build.rs` includes this file to turn
//! the embedded model into its prebuilt table, so the build reads feature
//! lines with exactly the code that loading a model file does.

use std::ops::Range;

/// Width of the weight columns of a feature line: three times eight hex digits and a space.
pub const WEIGHTS_WIDTH: usize = 27;

/// Walk the feature lines of `table`, handing each row's name (as a byte range
/// of `table`) and weights to `row` in order; `row` returns false to reject a
/// line. The count of lines, or the 1-based number of the first bad line.
pub fn parse_lines(
    table: &[u8],
    mut row: impl FnMut(Range<usize>, [f32; 3]) -> bool,
) -> Result<usize, usize> {
    let mut lines = 0;
    let mut at = 0;
    while at < table.len() {
        let bad = lines + 1;
        // Names are short: a byte loop finds the newline sooner than memchr's set-up.
        let name_start = at + WEIGHTS_WIDTH;
        let end = table
            .get(name_start..)
            .ok_or(bad)?
            .iter()
            .position(|&b| b == b'\n')
            .map_or(table.len(), |n| name_start + n);
        let weights = parse_row(&table[at..name_start]).ok_or(bad)?;
        // Byte 26 is an ASCII space, so in UTF-8 text `name_start` is a char boundary.
        if !row(name_start..end, weights) {
            return Err(bad);
        }
        lines += 1;
        at = end + 1;
    }
    Ok(lines)
}

/// Each value as eight lowercase hex digits of its bits, then a space.
pub fn push_bits(out: &mut Vec<u8>, values: &[f32]) {
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
pub fn parse_row(b: &[u8]) -> Option<[f32; 3]> {
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
pub fn parse_bits(digits: &[u8]) -> Option<f32> {
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

    #[test]
    fn lines_give_names_and_rows_in_order_and_name_the_bad_line() {
        let table = b"3f800000 bf800000 00000000 w:a\n00000000 00000000 3f800000 b:a_b";
        let mut seen = Vec::new();
        let lines = parse_lines(table, |name, row| {
            seen.push((table[name].to_vec(), row));
            true
        });
        assert_eq!(lines, Ok(2));
        assert_eq!(seen[0], (b"w:a".to_vec(), [1.0, -1.0, 0.0]));
        assert_eq!(seen[1], (b"b:a_b".to_vec(), [0.0, 0.0, 1.0]));
        assert_eq!(parse_lines(b"3f800000 bf800000\n", |_, _| true), Err(1));
        assert_eq!(parse_lines(table, |name, _| name.start == 27), Err(2));
    }
}

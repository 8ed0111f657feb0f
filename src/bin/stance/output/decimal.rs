//! Probabilities and tones as JSON numbers, written without the general
//! float formatter.
//!
//! Every row carries five numbers rounded to four decimals by [`round4`],
//! and the shortest-round-trip formatter behind `serde_json` was a fifth of
//! the cost of writing a row. A value `round4` gives is the double nearest
//! to `n / 10000` for a whole `n`, and distinct decimals of at most 15
//! significant digits are distinct doubles, so its shortest form is `n /
//! 10000` itself with trailing zeros dropped: digits of `n`, written
//! directly. `serde_json` writes such a number with at least one decimal
//! ("1.0", "0.5", "-0.0"); a test compares every value in range with it.

use stance::prediction::round4;
use std::io;

/// Scaled values below this (a hundred in magnitude) take the direct path;
/// probabilities and tones stay within one.
const DIRECT_BELOW: f64 = 1_000_000.0;

/// Append `round4(x)` to `buf` exactly as `serde_json` writes it.
pub fn write_round4(buf: &mut Vec<u8>, x: f32) -> io::Result<()> {
    // `round4` is `scaled.round() / 10000`: the whole number is all we need.
    let scaled = f64::from(x) * 10_000.0;
    // Not NaN (which serde_json writes as null), nor anything huge.
    if scaled.is_nan() || scaled.abs() >= DIRECT_BELOW {
        return serde_json::to_writer(&mut *buf, &round4(x)).map_err(io::Error::from);
    }
    // Rounded half away from zero, as `f64::round` does, but without its
    // library call: the fraction `scaled - truncated` is exact at this size.
    let truncated = scaled as i64;
    let away = (scaled - truncated as f64).abs() >= 0.5;
    let n = truncated.unsigned_abs() + u64::from(away);
    let (whole, fraction) = (n / 10_000, n % 10_000);
    let mut text = [0u8; 12];
    let mut len = 0;
    // The rounded value keeps the sign of `x`, zero included ("-0.0").
    if scaled.is_sign_negative() {
        text[0] = b'-';
        len = 1;
    }
    if whole >= 10 {
        text[len] = b'0' + (whole / 10) as u8;
        len += 1;
    }
    text[len] = b'0' + (whole % 10) as u8;
    text[len + 1] = b'.';
    len += 2;
    let digits = [
        fraction / 1000,
        fraction / 100 % 10,
        fraction / 10 % 10,
        fraction % 10,
    ];
    // At least one decimal, then as many as up to the last that is not zero.
    let kept = match fraction {
        f if f % 1000 == 0 => 1,
        f if f % 100 == 0 => 2,
        f if f % 10 == 0 => 3,
        _ => 4,
    };
    for (slot, digit) in text[len..len + kept].iter_mut().zip(digits) {
        *slot = b'0' + digit as u8;
    }
    buf.extend_from_slice(&text[..len + kept]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `serde_json` writes for `v`: the reference the direct path must match.
    fn via_serde(v: f64) -> String {
        serde_json::to_string(&v).expect("a number serialises")
    }

    fn direct(x: f32) -> String {
        let mut buf = Vec::new();
        write_round4(&mut buf, x).expect("writing to a Vec");
        String::from_utf8(buf).expect("ASCII digits")
    }

    #[test]
    fn every_four_decimal_value_in_range_is_written_as_serde_json_writes_it() {
        for n in -120_000i32..=120_000 {
            // The f32 nearest to n / 10000 and its neighbours all round to some m / 10000.
            let x = n as f32 / 10_000.0;
            for y in [
                x,
                f32::from_bits(x.to_bits() + 1),
                f32::from_bits(x.to_bits().saturating_sub(1)),
            ] {
                assert_eq!(direct(y), via_serde(round4(y)), "{y:e}");
            }
        }
    }

    #[test]
    fn values_at_and_near_the_rounding_halves_are_written_as_serde_json_writes_them() {
        for n in -20_000i32..=20_000 {
            let x = (n as f32 + 0.5) / 10_000.0;
            for y in [
                x,
                f32::from_bits(x.to_bits() + 1),
                f32::from_bits(x.to_bits() - 1),
            ] {
                assert_eq!(direct(y), via_serde(round4(y)), "{y:e}");
            }
        }
        // And a spread of every magnitude between zero and past one.
        for bits in (0..0x4000_0000u32).step_by(1009) {
            for y in [f32::from_bits(bits), -f32::from_bits(bits)] {
                assert_eq!(direct(y), via_serde(round4(y)), "{y:e}");
            }
        }
    }

    #[test]
    fn odd_values_are_written_as_serde_json_writes_them() {
        for x in [
            0.0f32,
            -0.0,
            -0.00004,
            0.00005,
            0.99999,
            1.0,
            -1.0,
            99.99995,
            100.0,
            1e5,
            -3.4e38,
            f32::MAX,
            f32::MIN_POSITIVE,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ] {
            assert_eq!(direct(x), via_serde(round4(x)), "{x:e}");
        }
    }
}

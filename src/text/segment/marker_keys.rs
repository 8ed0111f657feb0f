//! A cheap test on a unit's raw bytes that rules out every boilerplate
//! marker phrase before the per-marker scan: each marker holds one of a
//! few key words, and an ASCII unit in which none of them occurs (ignoring
//! case) holds no marker once lowercased and collapsed.
//!
//! The key words are matched all at once, one table look-up and a few bit
//! operations per byte (shift-and matching): bit `j` of the state is set
//! when the last bytes read spell the first `j + 1` bytes of the key word
//! that occupies that bit.

/// Every phrase of the boilerplate markers holds one of these words (a test
/// checks this against the list); their lengths add up to at most 64 bits.
const KEYS: [&str; 7] = [
    "required",
    "privacy",
    "cookie",
    "newsletter",
    "inbox",
    "unsubscribe",
    "sponsored",
];

/// The state bits of each key's first byte.
const STARTS: u64 = key_bits().0;

/// The state bits of each key's last byte: a match when one is set.
const ENDS: u64 = key_bits().1;

const fn key_bits() -> (u64, u64) {
    let (mut starts, mut ends, mut bit, mut k) = (0u64, 0u64, 0, 0);
    while k < KEYS.len() {
        starts |= 1 << bit;
        bit += KEYS[k].len();
        ends |= 1 << (bit - 1);
        k += 1;
    }
    assert!(bit <= 64, "the key words fill more than one u64");
    (starts, ends)
}

/// Per byte, the state bits that it may continue: the positions in the key
/// words that hold this byte, in either ASCII case.
static BYTE_BITS: [u64; 256] = byte_bits();

const fn byte_bits() -> [u64; 256] {
    let mut table = [0u64; 256];
    let (mut bit, mut k) = (0, 0);
    while k < KEYS.len() {
        let word = KEYS[k].as_bytes();
        let mut j = 0;
        while j < word.len() {
            table[word[j].to_ascii_lowercase() as usize] |= 1 << bit;
            table[word[j].to_ascii_uppercase() as usize] |= 1 << bit;
            bit += 1;
            j += 1;
        }
        k += 1;
    }
    table
}

/// True unless `raw` certainly holds none of the marker phrases once it is
/// lowercased and its whitespace collapsed (a false positive only costs the
/// full marker scan). Text outside ASCII is never ruled out: two of its
/// chars lowercase to ASCII letters (KELVIN SIGN to "k", CAPITAL I WITH DOT
/// to "i̇"), and it is rare enough not to matter.
pub(super) fn may_hold_marker(raw: &[u8]) -> bool {
    if !raw.is_ascii() {
        return true;
    }
    let mut state = 0u64;
    raw.iter().any(|&b| {
        state = ((state << 1) | STARTS) & BYTE_BITS[b as usize];
        state & ENDS != 0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marker_holds_a_key() {
        for marker in super::super::boilerplate::MARKERS {
            assert!(KEYS.iter().any(|k| marker.contains(k)), "{marker}");
        }
    }

    #[test]
    fn only_two_chars_outside_ascii_lowercase_to_ascii() {
        let folding: Vec<char> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(folding, ['\u{130}', '\u{212A}']);
    }

    #[test]
    fn keys_are_found_in_any_ascii_case_and_anywhere() {
        for t in [
            "privacy",
            "Read our PRIVACY notice",
            "xxCoOkIe",
            "Get it in your Inbox.",
            "the NEWSLETTER",
            "Required",
            "unsubscribe",
            "this is SPONSORED",
            "ppprivacy",
            "rerequired",
            "a \u{212A}ettle",
            "\u{130}stanbul",
        ] {
            assert!(may_hold_marker(t.as_bytes()), "{t}");
        }
        for t in [
            "",
            "p",
            "privac",
            "rivacy",
            "cooki e",
            "inbo x",
            "The envoy said talks would go on, and the ministry agreed to meet.",
        ] {
            assert!(!may_hold_marker(t.as_bytes()), "{t}");
        }
    }

    #[test]
    fn agrees_with_a_plain_search_at_every_offset() {
        let filler = "The ENVOY said talks would go on; ";
        for key in KEYS {
            for cut in 0..filler.len() {
                let t = format!("{}{}{}", &filler[..cut], key.to_uppercase(), filler);
                assert!(may_hold_marker(t.as_bytes()), "{t}");
                let broken = format!("{}#{}{}", &filler[..cut], &key[1..], filler);
                assert!(!may_hold_marker(broken.as_bytes()), "{broken}");
            }
        }
    }
}

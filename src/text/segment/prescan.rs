//! The first look at an article, one pass over its bytes that tells the
//! speaker pass what it may find: where an attribution may start (the
//! words of saying, "said", "told", ..., and "according") and whether any
//! quotation mark glyph occurs. An article with neither skips the speaker
//! pass, one without a glyph skips the quote search: every record pays for
//! this scan, so it runs over bytes with a lookup table, turns most words
//! away by length and last byte before any list look-up, and looks at
//! quote glyphs only at the separator bytes that may start one.

use super::lexicon;
use super::quotes::{is_mark_glyph, is_mark_lead_byte};
use super::word_list::{last_byte_set, longest, shortest, ByteSet};

/// The word that opens "according to X", matched in any case.
const ACCORDING: &[u8] = b"according";

/// Shortest and longest word that may start an attribution, in bytes.
const MIN_LEN: usize = min(shortest(lexicon::SPEECH_VERB_WORDS), ACCORDING.len());
const MAX_LEN: usize = max(longest(lexicon::SPEECH_VERB_WORDS), ACCORDING.len());

/// Last bytes of the words that may start an attribution: "according"
/// ends in `g` or `G`.
const LAST_BYTES: ByteSet = last_byte_set(lexicon::SPEECH_VERB_WORDS)
    .with(b'g')
    .with(b'G');

const fn min(a: usize, b: usize) -> usize {
    if a < b {
        a
    } else {
        b
    }
}

const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// `ALNUM[b]` is `b.is_ascii_alphanumeric()`: one load per byte in the
/// scan instead of three range tests.
static ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

fn is_alnum(b: u8) -> bool {
    ALNUM[usize::from(b)]
}

/// What [`prescan`] found in an article.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Prescan {
    /// Byte offsets of the words that may start an attribution (a verb of
    /// saying or "according"), in order. Attribution words are plain
    /// ASCII letters, so each one the tokenizer finds is a whole run of
    /// ASCII letters and digits here too (a neighbouring non-ASCII char,
    /// alphanumeric or not, only splits runs further, which can add
    /// candidate words but never lose one). Sentences are cut at
    /// whitespace, so no run spans two of them.
    pub speech_words: Vec<usize>,
    /// Some char of the article may be a quotation mark
    /// ([`is_mark_glyph`]); when false, the quote search finds nothing.
    pub has_mark_glyph: bool,
}

#[inline(never)] // a stage of its own in training/speed/profile_stages.sh
pub(super) fn prescan(text: &str) -> Prescan {
    let bytes = text.as_bytes();
    let mut found = Prescan::default();
    // One plain loop over the bytes, a word checked at the separator that
    // ends it: searching for each word's start and end separately cost
    // more per word than the bytes themselves.
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if is_alnum(b) {
            continue;
        }
        if may_start_attribution(bytes.get(start..i).unwrap_or(&[])) {
            found.speech_words.push(start);
        }
        // Lead bytes start a char, so `i` is a char boundary here.
        if !found.has_mark_glyph && is_mark_lead_byte(b) {
            found.has_mark_glyph = text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(is_mark_glyph);
        }
        start = i + 1;
    }
    if may_start_attribution(bytes.get(start..).unwrap_or(&[])) {
        found.speech_words.push(start);
    }
    found
}

/// True for a verb of saying (as listed, lowercase) or "according" in any
/// case; the length and last-byte tests spare most words the look-up.
fn may_start_attribution(word: &[u8]) -> bool {
    let Some(&last) = word.last() else {
        return false;
    };
    if !(MIN_LEN..=MAX_LEN).contains(&word.len()) || !LAST_BYTES.contains(last) {
        return false;
    }
    lexicon::is_speech_verb_bytes(word) || word.eq_ignore_ascii_case(ACCORDING)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan it replaced: split at every non-alphanumeric ASCII byte.
    fn by_split(text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut start = 0;
        for word in text.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
            if lexicon::is_speech_verb_bytes(word) || word.eq_ignore_ascii_case(b"according") {
                out.push(start);
            }
            start += word.len() + 1;
        }
        out
    }

    fn speech_words(text: &str) -> Vec<usize> {
        prescan(text).speech_words
    }

    #[test]
    fn finds_verbs_of_saying_and_according() {
        let t = "He said, no. ACCORDING to her, they warned—and TOLD us; \
                 Said isn't listed, saidx neither. écrit said";
        assert_eq!(speech_words(t), by_split(t));
        let found: Vec<&str> = speech_words(t)
            .iter()
            .map(|&i| t.get(i..).unwrap_or("").split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(found, vec!["said,", "ACCORDING", "warned—and", "said"]);
    }

    #[test]
    fn agrees_with_splitting_on_odd_input() {
        for t in [
            "",
            "said",
            " said ",
            "according",
            "x\u{0}said\u{0}",
            "é said é",
            "--said--",
        ] {
            assert_eq!(speech_words(t), by_split(t), "{t:?}");
        }
    }

    #[test]
    fn notes_any_quotation_mark_glyph() {
        for (t, glyph) in [
            ("", false),
            ("Iran’s envoy — in Doha · said ‘no’ ©", false),
            ("\"", true),
            ("x“y", true),
            ("a ” b", true),
            ("„", true),
            ("«x»", true),
            ("»", true),
            ("\u{E2}", false),
        ] {
            let direct = t.chars().any(is_mark_glyph);
            assert_eq!(direct, glyph, "{t:?}");
            assert_eq!(prescan(t).has_mark_glyph, glyph, "{t:?}");
        }
    }
}

//! The first look at an article, one pass over its bytes that tells the
//! speaker pass what it may find: where an attribution may start (the
//! words of saying, "said", "told", ..., and "according") and whether any
//! quotation mark glyph occurs. An article with neither skips the speaker
//! pass, one without a glyph skips the quote search: every record pays for
//! this scan, so it runs over bytes with a lookup table, turns most words
//! away by length and last byte before any list look-up, and looks at
//! quote glyphs only at the separator bytes that may start one.

use super::alnum_mask::{alnum_mask, load, HIGH_BITS};
use super::lexicon;
use super::quotes::{is_mark_glyph, is_mark_lead_byte};
use super::word_list::{last_bytes_by_first, longest, shortest, ByteSet};

/// The word that opens "according to X", matched in any case.
const ACCORDING: &[u8] = b"according";

/// Shortest and longest word that may start an attribution, in bytes.
const MIN_LEN: usize = min(shortest(lexicon::SPEECH_VERB_WORDS), ACCORDING.len());
const MAX_LEN: usize = max(longest(lexicon::SPEECH_VERB_WORDS), ACCORDING.len());

/// For each first byte, the last bytes of the words that may start an
/// attribution: "according" in any case adds `g` and `G` after `a` and
/// `A`. Of the words of the right length, only about one in three
/// (sharper than the last byte alone) reaches the list look-up.
static ENDS_BY_START: [ByteSet; 256] = {
    let mut sets = last_bytes_by_first(lexicon::SPEECH_VERB_WORDS);
    sets[b'a' as usize] = sets[b'a' as usize].with(b'g').with(b'G');
    sets[b'A' as usize] = sets[b'A' as usize].with(b'g').with(b'G');
    sets
};

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
    // Eight bytes at a time: a chunk inside a word costs a few operations,
    // and only its separators (the bytes that are not ASCII letters or
    // digits) are visited one by one, each ending the word before it.
    let mut start = 0;
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder();
    for (n, chunk) in chunks.enumerate() {
        let x = <[u8; 8]>::try_from(chunk).map_or(0, load);
        let separators = !alnum_mask(x) & HIGH_BITS;
        found.at_separators(text, n * 8, separators, &mut start);
    }
    // The last bytes, padded with separators that are not visited.
    let base = bytes.len().saturating_sub(tail.len());
    let mut last = [0u8; 8];
    for (slot, &b) in last.iter_mut().zip(tail) {
        *slot = b;
    }
    let separators = !alnum_mask(load(last)) & tail_bits(tail.len());
    found.at_separators(text, base, separators, &mut start);
    found.note_word(bytes.get(start..).unwrap_or(&[]), start);
    found
}

/// The high bits of the first `len` (0 to 7) bytes of a chunk.
fn tail_bits(len: usize) -> u64 {
    HIGH_BITS & ((1u64 << (8 * len.min(7))) - 1)
}

impl Prescan {
    /// Visits the separators of the chunk at byte `base` (`separators`:
    /// their high bits): each ends the word from `*start`, and may start
    /// a quotation mark glyph. Inlined: called for every chunk.
    #[inline(always)]
    fn at_separators(&mut self, text: &str, base: usize, mut separators: u64, start: &mut usize) {
        let bytes = text.as_bytes();
        while separators != 0 {
            let i = base + (separators.trailing_zeros() / 8) as usize;
            separators &= separators - 1;
            self.note_word(bytes.get(*start..i).unwrap_or(&[]), *start);
            // Lead bytes start a char, so `i` is a char boundary here.
            if !self.has_mark_glyph && bytes.get(i).is_some_and(|&b| is_mark_lead_byte(b)) {
                self.has_mark_glyph = text
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(is_mark_glyph);
            }
            *start = i + 1;
        }
    }

    /// Keeps the word at byte `start` when it may start an attribution.
    #[inline(always)]
    fn note_word(&mut self, word: &[u8], start: usize) {
        if may_start_attribution(word) {
            self.speech_words.push(start);
        }
    }
}

/// True for a verb of saying (as listed, lowercase) or "according" in any
/// case; the length and first/last-byte tests spare most words the look-up.
fn may_start_attribution(word: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
        return false;
    };
    let ends = ENDS_BY_START.get(usize::from(first));
    if !(MIN_LEN..=MAX_LEN).contains(&word.len()) || !ends.is_some_and(|e| e.contains(last)) {
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
    fn agrees_with_splitting_across_chunk_boundaries() {
        let t = "Officials said: “the talks, according to Iran’s envoy, stalled,” \
                 Reyes TOLD reporters; she added\u{0}urged «calm» 6,221 times-said";
        let mut ends: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
        ends.push(t.len());
        for end in ends {
            let prefix = t.get(..end).unwrap_or("");
            assert_eq!(speech_words(prefix), by_split(prefix), "{prefix:?}");
            let glyph = prefix.chars().any(is_mark_glyph);
            assert_eq!(prescan(prefix).has_mark_glyph, glyph, "{prefix:?}");
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

//! Case-insensitive look-ups in the segmenter's closed word lists, without
//! allocating: the lists are consulted for nearly every capitalised word of
//! every sentence, so a lowercase `String` and a linear scan per look-up
//! dominated speaker resolution.

use std::sync::OnceLock;

/// A closed list of lowercase words, searched by binary search over a copy
/// sorted on first use (the source lists stay in their readable order).
pub(crate) struct WordList {
    words: &'static [&'static str],
    sorted: OnceLock<Box<[&'static str]>>,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordList {
            words,
            sorted: OnceLock::new(),
        }
    }

    /// True when `lower` (already lowercase) is in the list.
    pub fn contains(&self, lower: &str) -> bool {
        let sorted = self.sorted.get_or_init(|| {
            let mut v = self.words.to_vec();
            v.sort_unstable();
            v.into_boxed_slice()
        });
        sorted.binary_search(&lower).is_ok()
    }

    /// True when `word`, lowercased, is in the list.
    pub fn contains_lowercase_of(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.contains(w))
    }
}

/// Longest word lowercased on the stack; longer ones take the allocating path.
const STACK_WORD: usize = 32;

/// Calls `f` with `word.to_lowercase()`. Short ASCII words (nearly all) are
/// lowercased in a stack buffer; for ASCII, Unicode and ASCII lowercasing
/// agree, so the result is the same string either way.
pub(crate) fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; STACK_WORD];
    if word.is_ascii() {
        if let Some(dst) = buf.get_mut(..word.len()) {
            dst.copy_from_slice(word.as_bytes());
            dst.make_ascii_lowercase();
            if let Ok(lower) = std::str::from_utf8(dst) {
                return f(lower);
            }
        }
    }
    f(&word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    static LIST: WordList = WordList::new(&["said", "gen.", "u.s.", "añadió", "b", "a"]);

    #[test]
    fn matches_like_to_lowercase_and_contains() {
        for w in [
            "said",
            "SAID",
            "Said",
            "Gen.",
            "U.S.",
            "AÑADIÓ",
            "a",
            "B",
            "",
            "sai",
            "saidx",
            "\u{212A}",
            "ŞAID",
            "a-very-long-word-that-does-not-fit-the-stack-buffer",
        ] {
            let expected =
                ["said", "gen.", "u.s.", "añadió", "b", "a"].contains(&w.to_lowercase().as_str());
            assert_eq!(LIST.contains_lowercase_of(w), expected, "{w}");
        }
    }
}

//! Case-insensitive look-ups in the segmenter's closed word lists, without
//! allocating: the lists are consulted for nearly every capitalised word of
//! every sentence, so a lowercase `String` and a linear scan per look-up
//! dominated speaker resolution.

use std::sync::OnceLock;

/// A closed list of lowercase words, looked up in an open-addressing hash
/// table built on first use (the source lists stay in their readable order).
pub(crate) struct WordList {
    words: &'static [&'static str],
    table: OnceLock<Table>,
}

/// Power-of-two slots, at most half full, each `None` or a word.
struct Table {
    slots: Box<[Option<&'static [u8]>]>,
    mask: usize,
    /// Bit `b` set when some listed word ends with byte `b`: most words
    /// looked up are turned away by it before hashing.
    last_bytes: ByteSet,
    /// The same for the first byte.
    first_bytes: ByteSet,
    /// Shortest and longest listed word, in bytes.
    lengths: std::ops::RangeInclusive<usize>,
}

/// A set of bytes, one bit each; `const` so that sets of a static list can
/// be computed at compile time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ByteSet([u64; 4]);

impl ByteSet {
    pub const EMPTY: ByteSet = ByteSet([0; 4]);

    /// The set with byte `b` added.
    pub const fn with(self, b: u8) -> ByteSet {
        let mut words = self.0;
        // `b >> 6` is at most 3: in bounds.
        words[(b >> 6) as usize] |= 1 << (b & 63);
        ByteSet(words)
    }

    pub fn contains(&self, b: u8) -> bool {
        self.0
            .get(usize::from(b >> 6))
            .is_some_and(|w| w & (1 << (b & 63)) != 0)
    }
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordList {
            words,
            table: OnceLock::new(),
        }
    }

    /// True when `lower` (already lowercase) is in the list.
    pub fn contains(&self, lower: &str) -> bool {
        self.contains_bytes(lower.as_bytes())
    }

    /// True when `word`, lowercased, is in the list.
    pub fn contains_lowercase_of(&self, word: &str) -> bool {
        with_lowercase_bytes(word, |w| self.contains_bytes(w))
    }

    /// True when `lower` (already lowercase UTF-8) is in the list.
    pub fn contains_bytes(&self, lower: &[u8]) -> bool {
        let table = self.table.get_or_init(|| Table::build(self.words));
        // Cheap tests that every listed word passes turn most words away
        // before hashing: length, then last and first byte.
        if !table.lengths.contains(&lower.len()) {
            return false;
        }
        if let (Some(&first), Some(&last)) = (lower.first(), lower.last()) {
            if !table.last_bytes.contains(last) || !table.first_bytes.contains(first) {
                return false;
            }
        }
        let mut i = hash(lower) & table.mask;
        // The table is at most half full, so an empty slot ends every probe.
        while let Some(Some(word)) = table.slots.get(i) {
            if *word == lower {
                return true;
            }
            i = (i + 1) & table.mask;
        }
        false
    }
}

impl Table {
    fn build(words: &[&'static str]) -> Table {
        let size = (words.len() * 2).next_power_of_two().max(8);
        let mask = size - 1;
        let mut slots = vec![None; size].into_boxed_slice();
        let mut last_bytes = ByteSet::EMPTY;
        let mut first_bytes = ByteSet::EMPTY;
        for w in words {
            if let (Some(&first), Some(&last)) = (w.as_bytes().first(), w.as_bytes().last()) {
                first_bytes = first_bytes.with(first);
                last_bytes = last_bytes.with(last);
            }
            let mut i = hash(w.as_bytes()) & mask;
            while let Some(Some(existing)) = slots.get(i) {
                if *existing == w.as_bytes() {
                    break;
                }
                i = (i + 1) & mask;
            }
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(w.as_bytes());
            }
        }
        Table {
            slots,
            mask,
            last_bytes,
            first_bytes,
            // Empty (and so never containing a length) for an empty list.
            lengths: shortest(words)..=longest(words),
        }
    }
}

/// For each first byte, the last bytes of the words of `list` that start
/// with it: a compile-time filter sharper than either byte alone.
pub(crate) const fn last_bytes_by_first(list: &[&str]) -> [ByteSet; 256] {
    let mut sets = [ByteSet::EMPTY; 256];
    let mut i = 0;
    while i < list.len() {
        let w = list[i].as_bytes();
        if !w.is_empty() {
            let first = w[0] as usize;
            sets[first] = sets[first].with(w[w.len() - 1]);
        }
        i += 1;
    }
    sets
}

/// Length in bytes of the longest word of `list` (0 for none), for
/// compile-time bounds that let callers skip look-ups.
pub(crate) const fn longest(list: &[&str]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < list.len() {
        if list[i].len() > n {
            n = list[i].len();
        }
        i += 1;
    }
    n
}

/// Length in bytes of the shortest word of `list` (`usize::MAX` for none).
pub(crate) const fn shortest(list: &[&str]) -> usize {
    let mut n = usize::MAX;
    let mut i = 0;
    while i < list.len() {
        if list[i].len() < n {
            n = list[i].len();
        }
        i += 1;
    }
    n
}

/// FNV-1a: words are short, so a byte-at-a-time hash is cheapest.
fn hash(bytes: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h as usize
}

/// Longest word lowercased on the stack; longer ones take the allocating path.
const STACK_WORD: usize = 32;

/// Calls `f` with `word.to_lowercase()`. Short ASCII words (nearly all) are
/// lowercased in a stack buffer; for ASCII, Unicode and ASCII lowercasing
/// agree, so the result is the same string either way.
pub(crate) fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; STACK_WORD];
    if let Some(dst) = ascii_lowercase_into(word, &mut buf) {
        if let Ok(lower) = std::str::from_utf8(dst) {
            return f(lower);
        }
    }
    f(&word.to_lowercase())
}

/// [`with_lowercase`] as bytes, skipping the UTF-8 check of the stack copy
/// (list look-ups compare bytes).
pub(crate) fn with_lowercase_bytes<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut buf = [0u8; STACK_WORD];
    match ascii_lowercase_into(word, &mut buf) {
        Some(lower) => f(lower),
        None => f(word.to_lowercase().as_bytes()),
    }
}

/// `word` lowercased into `buf` when it is ASCII and fits.
fn ascii_lowercase_into<'b>(word: &str, buf: &'b mut [u8; STACK_WORD]) -> Option<&'b [u8]> {
    if !word.is_ascii() {
        return None;
    }
    let dst = buf.get_mut(..word.len())?;
    dst.copy_from_slice(word.as_bytes());
    dst.make_ascii_lowercase();
    Some(dst)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &[&str] = &["said", "gen.", "u.s.", "añadió", "b", "a", "said"];
    static LIST: WordList = WordList::new(WORDS);

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
            let expected = WORDS.contains(&w.to_lowercase().as_str());
            assert_eq!(LIST.contains_lowercase_of(w), expected, "{w}");
        }
    }

    #[test]
    fn every_listed_word_is_found() {
        for w in WORDS {
            assert!(LIST.contains(w), "{w}");
        }
    }
}

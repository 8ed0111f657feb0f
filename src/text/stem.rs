//! English Snowball stems with a per-thread cache.
//!
//! Stemming dominates featurization time, and news vocabulary is Zipfian, so a
//! cache of recent words saves most of the Snowball work. The cache is bounded:
//! it is cleared when it grows past `CACHE_LIMIT` entries, so memory stays flat
//! on any input.
//!
//! The cache is keyed with [`WordHasher`] rather than std's SipHash: a lookup
//! per word is the hot path of scoring, SipHash took more time than the
//! stemming it saved, and the keys are our own text, not an attacker's choice
//! of collisions against a long-lived server map (the map is per thread and
//! bounded anyway).

use crate::hash::WordBuild;
use crate::text::short_word::ShortWord;
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

const CACHE_LIMIT: usize = 100_000;

struct Cache {
    stemmer: Stemmer,
    /// Short word (held inline, see [`ShortWord`]) → bytes of its stem within `arena`.
    short: HashMap<ShortWord, (u32, u32), WordBuild>,
    arena: String,
    long: HashMap<Box<str>, Box<str>, WordBuild>,
}

impl Cache {
    fn make_room(&mut self) {
        if self.short.len() + self.long.len() >= CACHE_LIMIT {
            self.short.clear();
            self.long.clear();
            self.arena.clear();
        }
    }
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache {
        stemmer: Stemmer::create(Algorithm::English),
        short: HashMap::default(),
        arena: String::new(),
        long: HashMap::default(),
    });
}

/// The Snowball English stem of an already lowercased word.
pub fn stem(word: &str) -> String {
    with_stem(word, str::to_string)
}

/// The stem of `word` computed afresh, bypassing the cache: for a caller
/// that keeps a cache of its own (the featurizer's word cache), so a word is
/// not cached twice. The same stem as [`with_stem`] gives.
pub(crate) fn fresh_stem(word: &str) -> Cow<'_, str> {
    if word.starts_with('<') {
        return Cow::Borrowed(word); // shape tokens such as <num> are not words
    }
    Stemmer::create(Algorithm::English).stem(word)
}

/// Call `f` with the stem of `word` without copying it out of the cache
/// (`f` runs while the cache is borrowed, so it must not stem in turn).
pub fn with_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.starts_with('<') {
        return f(word); // shape tokens such as <num> are not words
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let cache = &mut *cache;
        match ShortWord::new(word) {
            Some(key) => {
                if let Some(&(start, end)) = cache.short.get(&key) {
                    return f(&cache.arena[start as usize..end as usize]);
                }
                cache.make_room();
                let start = cache.arena.len();
                let stemmed = cache.stemmer.stem(word);
                cache.arena.push_str(&stemmed);
                let end = cache.arena.len();
                // The arena holds at most CACHE_LIMIT stems of INLINE bytes or so: far below u32.
                cache.short.insert(key, (start as u32, end as u32));
                f(&cache.arena[start..end])
            }
            None => {
                if let Some(hit) = cache.long.get(word) {
                    return f(hit);
                }
                cache.make_room();
                let stemmed: Box<str> = cache.stemmer.stem(word).into();
                let out = f(&stemmed);
                cache.long.insert(word.into(), stemmed);
                out
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_inflections_together() {
        assert_eq!(stem("threatened"), stem("threatens"));
        assert_eq!(stem("negotiations"), stem("negotiation"));
        assert_eq!(stem("<num>"), "<num>");
    }

    #[test]
    fn cached_and_fresh_stems_agree() {
        let words = ["talks", "ruled", "ceasefire", "officials", "talks", "ruled"];
        let first: Vec<String> = words.iter().map(|w| stem(w)).collect();
        let again: Vec<String> = words.iter().map(|w| stem(w)).collect();
        assert_eq!(first, again);
        assert_eq!(first[0], "talk");
        assert_eq!(with_stem("officials", str::len), "offici".len());
        // Longer than the inline keys, and the 16-byte boundary itself.
        let long = "internationalizations";
        assert_eq!(stem(long), stem(long));
        assert_eq!(stem("internationalize"), stem("internationalize"));
        for word in ["talks", "<num>", long, "officials", ""] {
            assert_eq!(fresh_stem(word), stem(word), "{word}");
        }
    }
}

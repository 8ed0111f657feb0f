//! English Snowball stems with a per-thread cache.
//!
//! Stemming dominates featurization time, and news vocabulary is Zipfian, so a
//! cache of recent words roughly doubles throughput. The cache is bounded: it
//! is cleared when it grows past `CACHE_LIMIT` entries, so memory stays flat on
//! any input.

use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;
use std::collections::HashMap;

const CACHE_LIMIT: usize = 100_000;

thread_local! {
    static STEMMER: Stemmer = Stemmer::create(Algorithm::English);
    static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The Snowball English stem of an already lowercased word.
pub fn stem(word: &str) -> String {
    if word.starts_with('<') {
        return word.to_string(); // shape tokens such as <num> are not words
    }
    CACHE.with(|cache| {
        if let Some(hit) = cache.borrow().get(word) {
            return hit.clone();
        }
        let stemmed = STEMMER.with(|s| s.stem(word).into_owned());
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(word.to_string(), stemmed.clone());
        stemmed
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
}

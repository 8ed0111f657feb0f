//! Everything the featurizer derives from a word alone, cached per thread.
//!
//! News vocabulary is Zipfian: nearly every word of a unit has been seen
//! many times before. For each distinct folded word this keeps its stem, the
//! finished hashes of its unigram features, the hash state of a bigram that
//! starts with it, and what it does to a negation scope or a cue match. A
//! repeated word then costs one lookup, where it cost a stem-cache lookup,
//! FNV over the stem and a dozen string compares against the word lists.
//!
//! Bounded like the stem cache: emptied when it holds [`LIMIT`] words, so
//! memory stays flat on any input. Stems are shared (`Rc`), so what a unit
//! still holds (the word before, the cue window) outlives an emptying.

use super::words::{ends_scope, is_negating_verb, is_negator, negator_needing};
use super::{Prefix, BIGRAM, NEGATED_BIGRAM, NEGATED_WORD, WORD};
use crate::hash::{Fnv, WordBuild};
use crate::lexicon::{is_not_a_cue, CueTable};
use crate::reversal::{
    reverser_needing, reverses_what_follows, reverses_what_precedes, subsides_what_precedes,
};
use crate::text::short_word::ShortWord;
use crate::text::stem::fresh_stem;
use std::collections::HashMap;
use std::rc::Rc;

/// Distinct words kept per thread: about 100 bytes each with the map's own
/// slack, so at most some 6 MB a thread. A 30 MB news sample has 27,000.
const LIMIT: usize = 50_000;

/// One word's share of the feature stream.
pub(super) struct WordFeatures {
    pub stem: Rc<str>,
    /// A word of [`crate::lexicon::NOT_CUES`]: it matches no cue phrase.
    pub not_a_cue: bool,
    /// `fnv1a("w:" + stem)`.
    pub unigram: u64,
    /// `fnv1a("w:!" + stem)`.
    pub negated_unigram: u64,
    /// FNV state after `"b:" + stem + "_"`: a bigram with this word first
    /// only has the next stem left to hash.
    pub bigram_start: Fnv,
    /// The same after `"b:!" + stem + "_"`, for a bigram inside a negation scope.
    pub negated_bigram_start: Fnv,
    /// Negates what follows on its own ("not", "never").
    pub negator: bool,
    /// A negator that is a verb ("reject", "deny", "dismiss"): right after
    /// another negator it cancels that one's scope instead ("did not deny").
    pub negating_verb: bool,
    /// Negates only with this particle next ("refuse" + "to"), or, when
    /// `particle_reverses`, is a reversal verb that needs it ("called" + "off");
    /// no stem is both (a test checks), so one field holds either.
    pub particle: Option<&'static str>,
    pub particle_reverses: bool,
    /// A reversal verb that scopes what follows ("halted").
    pub reverser: bool,
    /// Ends a negation scope: "but" and the words that open a subordinate clause.
    pub ends_scope: bool,
    /// Turns a de-escalatory cue before it around ("collapsed").
    pub reverses_preceding: bool,
    /// Turns an escalatory cue before it around ("eased").
    pub subsides_preceding: bool,
    /// Some cue phrase starts with this stem.
    pub starts_cue: bool,
    /// An auxiliary verb ("was", "would", "have"): may stand between a cue
    /// and the "not" that negates it ("sanctions would not be extended").
    pub auxiliary: bool,
    /// "not" or "never", the negators that can follow what they negate.
    pub negates_preceding: bool,
    /// Any kind of reversal verb (the four fields above it that say so).
    pub reverses_any: bool,
}

/// Auxiliary verbs, as folded words.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "am", "will", "would", "shall", "should", "can",
    "could", "may", "might", "must", "has", "have", "had", "do", "does", "did",
];

impl WordFeatures {
    fn of(word: &str) -> WordFeatures {
        let stem: Rc<str> = fresh_stem(word).into();
        let s: &str = &stem;
        let not_a_cue = is_not_a_cue(word);
        let reverser = reverses_what_follows(s);
        let particle_reverses = negator_needing(s).is_none() && reverser_needing(s).is_some();
        let reverses_preceding = reverses_what_precedes(s);
        let subsides_preceding = subsides_what_precedes(s);
        WordFeatures {
            unigram: hash_after(WORD, s).finish(),
            negated_unigram: hash_after(NEGATED_WORD, s).finish(),
            bigram_start: hash_after(BIGRAM, s).bytes(b"_"),
            negated_bigram_start: hash_after(NEGATED_BIGRAM, s).bytes(b"_"),
            negator: is_negator(s),
            negating_verb: is_negating_verb(s),
            particle: negator_needing(s).or_else(|| reverser_needing(s)),
            particle_reverses,
            reverser,
            ends_scope: ends_scope(s),
            reverses_preceding,
            subsides_preceding,
            reverses_any: reverser || particle_reverses || reverses_preceding || subsides_preceding,
            starts_cue: !not_a_cue && CueTable::get().starts_a_phrase(s),
            auxiliary: AUXILIARIES.contains(&word),
            negates_preceding: s == "not" || s == "never",
            not_a_cue,
            stem,
        }
    }
}

fn hash_after(prefix: Prefix, stem: &str) -> Fnv {
    prefix.hash.str(stem)
}

/// Folded word → its [`WordFeatures`]; words of up to 16 bytes are keyed inline.
#[derive(Default)]
pub(super) struct WordCache {
    short: HashMap<ShortWord, WordFeatures, WordBuild>,
    long: HashMap<Box<str>, WordFeatures, WordBuild>,
}

impl WordCache {
    /// The features of `word` (folded and lowercased, as the tokenizer gives it).
    #[inline]
    pub fn get(&mut self, word: &str) -> &WordFeatures {
        match ShortWord::new(word) {
            Some(key) => {
                if self.is_full() && !self.short.contains_key(&key) {
                    self.clear();
                }
                self.short
                    .entry(key)
                    .or_insert_with(|| WordFeatures::of(word))
            }
            None => self.get_long(word),
        }
    }

    #[cold]
    fn get_long(&mut self, word: &str) -> &WordFeatures {
        if !self.long.contains_key(word) {
            if self.is_full() {
                self.clear();
            }
            self.long.insert(word.into(), WordFeatures::of(word));
        }
        &self.long[word]
    }

    fn is_full(&self) -> bool {
        self.short.len() + self.long.len() >= LIMIT
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::fnv1a;

    #[test]
    fn cached_features_are_those_of_the_stem() {
        let mut cache = WordCache::default();
        for word in [
            "talks",
            "ruled",
            "<num>",
            "internationalizations",
            "but",
            "talks",
        ] {
            let stem = fresh_stem(word).into_owned();
            let f = cache.get(word);
            assert_eq!(&*f.stem, stem);
            assert_eq!(f.unigram, fnv1a(format!("w:{stem}").as_bytes()));
            assert_eq!(f.negated_unigram, fnv1a(format!("w:!{stem}").as_bytes()));
            assert_eq!(
                f.bigram_start.str("x").finish(),
                fnv1a(format!("b:{stem}_x").as_bytes())
            );
        }
        assert!(cache.get("but").ends_scope);
        assert!(cache.get("whether").ends_scope);
        assert!(!cache.get("talks").ends_scope);
        assert_eq!(cache.get("ruled").particle, Some("out"));
        assert!(!cache.get("ruled").particle_reverses);
        assert_eq!(cache.get("called").particle, Some("off"));
        assert!(cache.get("called").particle_reverses);
        assert!(cache.get("talks").starts_cue);
    }

    #[test]
    fn no_stem_needs_a_particle_both_as_negator_and_as_reverser() {
        for stem in ["refus", "declin", "fail", "rule"] {
            assert!(negator_needing(stem).is_some() && reverser_needing(stem).is_none());
        }
        for stem in ["call", "tear", "tore", "wind", "scale", "stand", "back"] {
            assert!(reverser_needing(stem).is_some() && negator_needing(stem).is_none());
        }
    }

    #[test]
    fn a_full_cache_empties_and_goes_on() {
        let mut cache = WordCache::default();
        for i in 0..LIMIT + 10 {
            let word = format!("w{i}");
            assert_eq!(&*cache.get(&word).stem, &*fresh_stem(&word));
        }
        assert!(cache.short.len() <= LIMIT);
    }
}

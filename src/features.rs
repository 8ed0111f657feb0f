//! The one featurize function, shared by training, scoring and explanation.
//!
//! A unit of text becomes a stream of named features, each with the byte span
//! of the words behind it:
//! - `w:<stem>` for each word, `w:!<stem>` when the word is inside a negation scope;
//! - `b:<stem>_<stem>` for adjacent words within a clause;
//! - `c:<category>` / `c:!<category>` for cue-lexicon phrases (see [`crate::lexicon`]).
//!
//! Because training builds its matrix from exactly this stream and the scorer
//! looks up exactly these names, the two cannot disagree. The scorer takes the
//! stream as hashes ([`featurize_hashed`]): the same names, hashed piece by
//! piece as they are produced, so scoring never builds a string per feature.

use crate::hash::{fnv1a, Fnv};
use crate::lexicon::{lexicon_digest, CueTable};
use crate::text::span::Span;
use crate::text::stem::with_stem;
use crate::text::tokenize::{tokenize, TokenKind};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// Bumped whenever the feature stream for some text changes; part of the fingerprint.
pub const FEATURIZER_VERSION: &str = "stance-features/1";

/// Which feature families to emit, stored in every model file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureConfig {
    pub unigrams: bool,
    pub bigrams: bool,
    pub cues: bool,
    /// Pool cue hits into escalatory/de-escalatory votes (`p:esc`, `p:de`, `p:*_last`).
    #[serde(default)]
    pub polarity: bool,
    /// How many words after a negator stay negated (a clause break ends the scope sooner).
    pub negation_window: usize,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            unigrams: true,
            bigrams: true,
            cues: true,
            polarity: true,
            negation_window: 4,
        }
    }
}

impl FeatureConfig {
    /// Identity of the featurizer: version, configuration and lexicon contents.
    /// A model trained under one fingerprint must not score under another.
    pub fn fingerprint(&self) -> String {
        let config = format!(
            "{}|{}|{}|{}",
            self.unigrams, self.bigrams, self.cues, self.negation_window
        );
        let digest = fnv1a(config.as_bytes()) ^ lexicon_digest();
        format!("{FEATURIZER_VERSION}:{digest:016x}")
    }
}

/// One word of the unit after tokenizing, stemming and negation marking.
struct Word {
    /// Bytes of the stem within [`Words::stems`].
    stem: (usize, usize),
    span: Span,
    negated: bool,
    /// The word is the first after a clause break, so no bigram reaches back over it.
    clause_start: bool,
}

/// The words of a unit; their stems share one string instead of a `String` each.
#[derive(Default)]
struct Words {
    stems: String,
    words: Vec<Word>,
}

impl Words {
    fn stem(&self, i: usize) -> &str {
        let (start, end) = self.words[i].stem;
        &self.stems[start..end]
    }

    fn stem_at(&self, i: usize) -> Option<&str> {
        let &Word {
            stem: (start, end), ..
        } = self.words.get(i)?;
        self.stems.get(start..end)
    }

    /// Let go of buffers a huge unit grew, so one long record does not keep
    /// its memory for the rest of the run.
    fn release_if_huge(&mut self) {
        const KEEP_STEM_BYTES: usize = 1 << 20;
        const KEEP_WORDS: usize = 1 << 16;
        if self.stems.capacity() > KEEP_STEM_BYTES || self.words.capacity() > KEEP_WORDS {
            *self = Words::default();
        }
    }
}

thread_local! {
    /// The words of the unit being featurized, kept from unit to unit so that
    /// once they have grown a unit costs no allocation.
    static WORDS: RefCell<Words> = RefCell::new(Words::default());
}

/// Where the feature stream goes. A feature's name arrives as pieces (a
/// fixed prefix such as "w:", then stems and separators) whose concatenation
/// is the name, so a sink can hash it without building it.
trait Sink {
    fn feature(&mut self, prefix: Prefix, parts: &[&str], span: Span);
}

/// The fixed start of a feature name, with its hash state computed at compile time.
#[derive(Clone, Copy)]
struct Prefix {
    text: &'static str,
    hash: Fnv,
}

impl Prefix {
    const fn new(text: &'static str) -> Prefix {
        Prefix {
            text,
            hash: Fnv::new().bytes(text.as_bytes()),
        }
    }
}

const WORD: Prefix = Prefix::new("w:");
const NEGATED_WORD: Prefix = Prefix::new("w:!");
const BIGRAM: Prefix = Prefix::new("b:");
const CUE: Prefix = Prefix::new("c:");
const NEGATED_CUE: Prefix = Prefix::new("c:!");
const VOTE_ESCALATORY: Prefix = Prefix::new("p:esc");
const VOTE_DEESCALATORY: Prefix = Prefix::new("p:de");

/// Feed every feature of `text` to `emit(name, span)`, in text order.
pub fn featurize(text: &str, config: &FeatureConfig, emit: impl FnMut(&str, Span)) {
    struct Names<F> {
        name: String,
        emit: F,
    }
    impl<F: FnMut(&str, Span)> Sink for Names<F> {
        fn feature(&mut self, prefix: Prefix, parts: &[&str], span: Span) {
            self.name.clear();
            self.name.push_str(prefix.text);
            for part in parts {
                self.name.push_str(part);
            }
            (self.emit)(&self.name, span);
        }
    }
    let mut sink = Names {
        name: String::with_capacity(48),
        emit,
    };
    feature_stream(text, config, &mut sink);
}

/// The stream of [`featurize`] with each name given as `fnv1a(name)`, hashed
/// piece by piece: what the scorer looks up, without a string per feature.
pub fn featurize_hashed(text: &str, config: &FeatureConfig, emit: impl FnMut(u64, Span)) {
    struct Hashes<F>(F);
    impl<F: FnMut(u64, Span)> Sink for Hashes<F> {
        #[inline]
        fn feature(&mut self, prefix: Prefix, parts: &[&str], span: Span) {
            let hash = parts.iter().fold(prefix.hash, |h, part| h.str(part));
            (self.0)(hash.finish(), span);
        }
    }
    feature_stream(text, config, &mut Hashes(emit));
}

/// The one feature stream, in text order, behind both [`featurize`] and [`featurize_hashed`].
fn feature_stream(text: &str, config: &FeatureConfig, sink: &mut impl Sink) {
    WORDS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut words) => {
            stream_words(&mut words, text, config, sink);
            words.release_if_huge();
        }
        // A sink that featurizes in turn: the inner call gets buffers of its own.
        Err(_) => stream_words(&mut Words::default(), text, config, sink),
    })
}

fn stream_words(words: &mut Words, text: &str, config: &FeatureConfig, sink: &mut impl Sink) {
    words_with_scope(text, config.negation_window, words);
    let words = &*words;
    for (i, word) in words.words.iter().enumerate() {
        if config.unigrams {
            let prefix = if word.negated { NEGATED_WORD } else { WORD };
            sink.feature(prefix, &[words.stem(i)], word.span);
        }
        if config.bigrams && i > 0 && !word.clause_start {
            if let Some(prev) = words.words.get(i - 1) {
                sink.feature(
                    BIGRAM,
                    &[words.stem(i - 1), "_", words.stem(i)],
                    Span::new(prev.span.start, word.span.end),
                );
            }
        }
    }
    if config.cues {
        emit_cues(words, config, sink);
    }
}

/// Cue-lexicon features, then polarity features that pool all cues: each
/// cue votes escalatory or de-escalatory by its category, flipped inside a
/// negation scope ("will not attack" votes de-escalatory), and the last
/// vote is emitted again on its own, after the guide's last-main-clause rule.
fn emit_cues(words: &Words, config: &FeatureConfig, sink: &mut impl Sink) {
    let table = CueTable::get();
    let mut last_vote: Option<(Prefix, Span)> = None;
    for (i, word) in words.words.iter().enumerate() {
        table.for_each_match(
            |k| words.stem_at(k),
            i,
            |category, len| {
                let end = words
                    .words
                    .get(i + len - 1)
                    .map_or(word.span.end, |w| w.span.end);
                let span = Span::new(word.span.start, end);
                let prefix = if word.negated { NEGATED_CUE } else { CUE };
                sink.feature(prefix, &[category], span);
                if !config.polarity {
                    return;
                }
                if let Some(direction) = polarity(category) {
                    let vote = match (direction, word.negated) {
                        (Direction::Escalatory, false) | (Direction::DeEscalatory, true) => {
                            VOTE_ESCALATORY
                        }
                        _ => VOTE_DEESCALATORY,
                    };
                    sink.feature(vote, &[], span);
                    last_vote = Some((vote, span));
                }
            },
        );
    }
    if let Some((vote, span)) = last_vote {
        sink.feature(vote, &["_last"], span);
    }
}

enum Direction {
    Escalatory,
    DeEscalatory,
}

/// Which way a cue category leans before negation; `None` for categories
/// (conditions) that only shape the sentence.
fn polarity(category: &str) -> Option<Direction> {
    match category {
        "threat" | "force" | "coercion" | "rejection" | "hostility" | "tension" => {
            Some(Direction::Escalatory)
        }
        "calm" | "talks" | "ceasefire" | "mediation" | "withdrawal" | "cooperation" | "offer" => {
            Some(Direction::DeEscalatory)
        }
        _ => None,
    }
}

/// Words of `text` with their stems, marked for negation scope.
///
/// A negator (not, no, never, without, nor, refuse to, rule out, reject, deny,
/// decline to, no longer) negates the next `window` words, unless a clause
/// break or "but" comes first. The negator itself is not negated.
/// `out` is cleared first; its buffers are reused.
fn words_with_scope(text: &str, window: usize, out: &mut Words) {
    out.stems.clear();
    out.words.clear();
    let mut scope_left = 0usize;
    let mut clause_start = true;
    // A negator that needs its next word ("refuse" + "to", "rule" + "out").
    let mut pending: Option<&'static str> = None;
    tokenize(text, |token| {
        if token.kind == TokenKind::Break {
            scope_left = 0;
            clause_start = true;
            pending = None;
            return;
        }
        let start = out.stems.len();
        with_stem(token.text, |s| out.stems.push_str(s));
        let stem = &out.stems[start..];
        let negated = scope_left > 0;
        scope_left = scope_left.saturating_sub(1);
        let opens = match pending.take() {
            Some(needed) if needed == stem => true,
            _ => {
                pending = negator_needing(stem);
                is_negator(stem)
            }
        };
        if stem == "but" {
            scope_left = 0;
        }
        if opens {
            scope_left = window;
        }
        out.words.push(Word {
            stem: (start, out.stems.len()),
            span: token.span,
            negated,
            clause_start,
        });
        clause_start = false;
    });
}

/// Stems that negate what follows on their own.
fn is_negator(stem: &str) -> bool {
    matches!(
        stem,
        "not"
            | "no"
            | "never"
            | "without"
            | "nor"
            | "neither"
            | "none"
            | "nobodi"
            | "noth"
            | "reject"
            | "deni"
            | "dismiss"
    )
}

/// Stems that negate only with a particle: "refuse to", "rule out", "decline to", "fail to".
fn negator_needing(stem: &str) -> Option<&'static str> {
    match stem {
        "refus" | "declin" | "fail" => Some("to"),
        "rule" => Some("out"),
        _ => None,
    }
}

/// The distinct feature names of `text`, in first-seen order (what training stores per unit).
pub fn feature_names(text: &str, config: &FeatureConfig) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    featurize(text, config, |name, _| {
        if seen.insert(fnv1a(name.as_bytes())) {
            out.push(name.to_string());
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        featurize(text, &FeatureConfig::default(), |n, _| {
            out.push(n.to_string())
        });
        out
    }

    #[test]
    fn negation_scope_ends_at_a_clause_break() {
        let got = names("They will not attack, officials said.");
        assert!(got.contains(&"w:!attack".to_string()), "{got:?}");
        assert!(got.contains(&"c:!force".to_string()), "{got:?}");
        assert!(got.contains(&"w:offici".to_string()), "{got:?}");
    }

    #[test]
    fn two_word_negators_open_a_scope() {
        let got = names("Iran ruled out talks.");
        assert!(got.contains(&"w:!talk".to_string()), "{got:?}");
        assert!(got.contains(&"c:!talks".to_string()), "{got:?}");
        let got = names("He refused to withdraw troops");
        assert!(got.contains(&"c:!withdrawal".to_string()), "{got:?}");
    }

    #[test]
    fn hashed_stream_is_the_hash_of_the_named_stream() {
        let config = FeatureConfig::default();
        for text in [
            "Iran won\u{2019}t attack, but officials ruled out talks.",
            "A cease-fire after 6,221 deaths; the de-escalation held \u{1f525}",
            "",
        ] {
            let mut named = Vec::new();
            featurize(text, &config, |n, s| named.push((fnv1a(n.as_bytes()), s)));
            let mut hashed = Vec::new();
            featurize_hashed(text, &config, |h, s| hashed.push((h, s)));
            assert_eq!(named, hashed, "{text:?}");
        }
    }

    #[test]
    fn spans_point_at_the_words_behind_each_feature() {
        let text = "Talks resumed in Doha.";
        featurize(text, &FeatureConfig::default(), |name, span| {
            let words = span.slice(text);
            assert!(!words.is_empty(), "{name} has an empty span");
            if name == "b:talk_resum" {
                assert_eq!(words, "Talks resumed");
            }
        });
    }
}

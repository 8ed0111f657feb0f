//! The one featurize function, shared by training, scoring and explanation.
//!
//! A unit of text becomes a stream of named features, each with the byte span
//! of the words behind it:
//! - `w:<stem>` for each word, `w:!<stem>` when the word is inside a negation scope;
//! - `b:<stem>_<stem>` for adjacent words within a clause, `b:!<stem>_<stem>` when
//!   both are inside a negation scope;
//! - `c:<category>` / `c:!<category>` for cue-lexicon phrases (see [`crate::lexicon`]).
//!
//! Because training builds its matrix from exactly this stream and the scorer
//! looks up exactly these names, the two cannot disagree. The scorer takes the
//! stream as hashes ([`featurize_hashed`]): the same names, hashed piece by
//! piece as they are produced, so scoring never builds a string per feature.

use crate::hash::{fnv1a, Fnv};
mod cues;
mod word_cache;
mod words;

use crate::lexicon::lexicon_digest;
use crate::text::span::Span;
use cues::{CueHit, CueWindow};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use word_cache::WordCache;
use words::scan_words;

/// Bumped whenever the feature stream for some text changes; part of the fingerprint.
pub const FEATURIZER_VERSION: &str = "stance-features/4";

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
    /// Reversal verbs ("halted the campaign", "the truce collapsed") scope like
    /// negators; see [`crate::reversal`]. With it, a "not" after a cue and its
    /// auxiliaries negates the cue too ("sanctions would not be extended").
    /// Off in models trained before it existed.
    #[serde(default)]
    pub reversal: bool,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            unigrams: true,
            bigrams: true,
            cues: true,
            polarity: true,
            negation_window: 6,
            reversal: true,
        }
    }
}

impl FeatureConfig {
    /// Identity of the featurizer: version, configuration and lexicon contents.
    /// A model trained under one fingerprint must not score under another.
    pub fn fingerprint(&self) -> String {
        let mut config = format!(
            "{}|{}|{}|{}",
            self.unigrams, self.bigrams, self.cues, self.negation_window
        );
        // Appended only when on, so models trained before reversal keep their fingerprint.
        if self.reversal {
            config.push_str("|reversal");
        }
        let digest = fnv1a(config.as_bytes()) ^ lexicon_digest();
        format!("{FEATURIZER_VERSION}:{digest:016x}")
    }
}

/// Units longer than this are featurized in two passes over the text (words
/// and bigrams, then cues), so that memory stays flat however long one unit
/// is; shorter ones in one pass, with their few cue hits held back until the
/// words are done. Both give the same stream in the same order.
const TWO_PASSES_ABOVE: usize = 1 << 20;

thread_local! {
    /// Buffers of the unit being featurized, kept from unit to unit so that
    /// once they have grown a unit costs no allocation.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[derive(Default)]
struct Scratch {
    /// What each distinct word contributes, kept from unit to unit.
    words: WordCache,
    cues: CueWindow,
    /// Cue hits of a one-pass unit, emitted after its words.
    hits: Vec<CueHit>,
}

impl Scratch {
    /// Let go of buffers a huge unit grew, so that one long record does not
    /// keep its memory for the rest of the run (the word cache bounds itself).
    fn release_if_huge(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.hits.capacity() > KEEP {
            self.hits = Vec::new();
        }
    }
}

/// Where the feature stream goes. A feature's name arrives as pieces (a
/// fixed prefix such as "w:", then stems and separators) whose concatenation
/// is the name, together with `hash`, the name's `fnv1a`, so a sink can take
/// the hash without building the name (most of them come finished from the
/// word cache).
trait Sink {
    fn feature(&mut self, prefix: Prefix, parts: &[&str], hash: u64, span: Span);
}

/// `fnv1a` of the name made of `prefix` and `parts`.
fn name_hash(prefix: Prefix, parts: &[&str]) -> u64 {
    parts
        .iter()
        .fold(prefix.hash, |h, part| h.str(part))
        .finish()
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
const NEGATED_BIGRAM: Prefix = Prefix::new("b:!");
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
        fn feature(&mut self, prefix: Prefix, parts: &[&str], hash: u64, span: Span) {
            self.name.clear();
            self.name.push_str(prefix.text);
            for part in parts {
                self.name.push_str(part);
            }
            debug_assert_eq!(hash, fnv1a(self.name.as_bytes()), "{}", self.name);
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
        #[inline(always)]
        fn feature(&mut self, _prefix: Prefix, _parts: &[&str], hash: u64, span: Span) {
            (self.0)(hash, span);
        }
    }
    feature_stream(text, config, &mut Hashes(emit));
}

/// The one feature stream, in text order, behind both [`featurize`] and
/// [`featurize_hashed`]: for each word its unigram and bigram, then each cue
/// hit with its polarity vote, then the last vote again.
fn feature_stream(text: &str, config: &FeatureConfig, sink: &mut impl Sink) {
    let two_passes = text.len() > TWO_PASSES_ABOVE;
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            stream_with(&mut scratch, text, config, two_passes, sink);
            scratch.release_if_huge();
        }
        // A sink that featurizes in turn: the inner call gets buffers of its own.
        Err(_) => stream_with(&mut Scratch::default(), text, config, two_passes, sink),
    })
}

fn stream_with(
    scratch: &mut Scratch,
    text: &str,
    config: &FeatureConfig,
    two_passes: bool,
    sink: &mut impl Sink,
) {
    let Scratch { words, cues, hits } = scratch;
    let cues_on = config.cues;
    let mut votes = Votes::default();
    let mut previous: Option<PreviousWord> = None;
    cues.reset();
    hits.clear();
    scan_words(
        text,
        config.negation_window,
        config.reversal,
        words,
        |scanned| {
            let word = scanned.word;
            if config.unigrams {
                let (prefix, hash) = if scanned.negated {
                    (NEGATED_WORD, word.negated_unigram)
                } else {
                    (WORD, word.unigram)
                };
                sink.feature(prefix, &[&word.stem], hash, scanned.span);
            }
            if config.bigrams && !scanned.clause_start {
                if let Some(before) = &previous {
                    // Both words in a negation scope: the pair is negated, as a
                    // unigram is ("b:!launch_strike" in "will not launch strikes").
                    let (prefix, start) = if before.negated && scanned.negated {
                        (NEGATED_BIGRAM, before.negated_bigram_start)
                    } else {
                        (BIGRAM, before.bigram_start)
                    };
                    sink.feature(
                        prefix,
                        &[&before.stem, "_", &word.stem],
                        start.str(&word.stem).finish(),
                        Span::new(before.span.start, scanned.span.end),
                    );
                }
            }
            previous = Some(PreviousWord {
                stem: Rc::clone(&word.stem),
                bigram_start: word.bigram_start,
                negated_bigram_start: word.negated_bigram_start,
                span: scanned.span,
                negated: scanned.negated,
            });
            if cues_on && !two_passes {
                cues.push(&scanned, |hit| hits.push(hit));
            }
        },
    );
    if !cues_on {
        return;
    }
    if two_passes {
        scan_words(
            text,
            config.negation_window,
            config.reversal,
            words,
            |word| {
                cues.push(&word, |hit| votes.emit(hit, config, sink));
            },
        );
        cues.finish(|hit| votes.emit(hit, config, sink));
    } else {
        cues.finish(|hit| hits.push(hit));
        for hit in hits.iter() {
            votes.emit(*hit, config, sink);
        }
    }
    votes.finish(sink);
}

/// The word before, as much of it as the bigram it starts with the next word needs.
struct PreviousWord {
    stem: Rc<str>,
    /// Hash states after "b:" + stem + "_" and "b:!" + stem + "_".
    bigram_start: Fnv,
    negated_bigram_start: Fnv,
    span: Span,
    negated: bool,
}

/// Cue-lexicon features, then polarity features that pool all cues: each
/// cue votes escalatory or de-escalatory by its category, flipped inside a
/// negation scope ("will not attack" votes de-escalatory), and the last
/// vote is emitted again on its own, after the guide's last-main-clause rule.
#[derive(Default)]
struct Votes {
    last: Option<(Prefix, Span)>,
}

impl Votes {
    fn emit(&mut self, hit: CueHit, config: &FeatureConfig, sink: &mut impl Sink) {
        let reversed_after = config.reversal
            && match polarity(hit.category) {
                Some(Direction::DeEscalatory) => hit.collapses_after,
                Some(Direction::Escalatory) => hit.subsides_after,
                None => false,
            };
        let negated = hit.negated || reversed_after || (config.reversal && hit.negated_after);
        let prefix = if negated { NEGATED_CUE } else { CUE };
        let parts = [hit.category];
        sink.feature(prefix, &parts, name_hash(prefix, &parts), hit.span);
        if !config.polarity {
            return;
        }
        if let Some(direction) = polarity(hit.category) {
            let vote = match (direction, negated) {
                (Direction::Escalatory, false) | (Direction::DeEscalatory, true) => VOTE_ESCALATORY,
                _ => VOTE_DEESCALATORY,
            };
            sink.feature(vote, &[], vote.hash.finish(), hit.span);
            self.last = Some((vote, hit.span));
        }
    }

    fn finish(self, sink: &mut impl Sink) {
        if let Some((vote, span)) = self.last {
            sink.feature(vote, &["_last"], name_hash(vote, &["_last"]), span);
        }
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

    /// Assert that `text`'s features include every name of `wanted` and none of `unwanted`.
    #[track_caller]
    fn assert_features(text: &str, wanted: &[&str], unwanted: &[&str]) {
        let got = names(text);
        for name in wanted {
            assert!(
                got.iter().any(|n| n == name),
                "{text}: no {name} in {got:?}"
            );
        }
        for name in unwanted {
            assert!(!got.iter().any(|n| n == name), "{text}: {name} in {got:?}");
        }
    }

    #[test]
    fn bigrams_inside_a_negation_scope_are_negated() {
        assert_features(
            "Iran will not launch strikes on the base.",
            &["b:not_launch", "b:!launch_strike", "b:!the_base"],
            &["b:launch_strike", "b:!not_launch"],
        );
        assert_features(
            "Iran will launch strikes.",
            &["b:launch_strike"],
            &["b:!launch_strike"],
        );
    }

    #[test]
    fn negation_scope_ends_at_a_clause_break() {
        assert_features(
            "They will not attack, officials said.",
            &["w:!attack", "c:!force", "w:offici"],
            &[],
        );
    }

    #[test]
    fn negation_scope_ends_where_a_subordinate_clause_opens() {
        assert_features(
            "The minister would not say whether the army would attack.",
            &["w:attack"],
            &["w:!attack"],
        );
        // Without such a word, the scope reaches across a long object.
        assert_features(
            "They will not send more heavy armoured troops.",
            &["w:!troop"],
            &[],
        );
    }

    #[test]
    fn two_word_negators_open_a_scope() {
        assert_features("Iran ruled out talks.", &["w:!talk", "c:!talks"], &[]);
        assert_features("He refused to withdraw troops", &["c:!withdrawal"], &[]);
    }

    #[test]
    fn reversal_verbs_turn_the_cue_they_act_on() {
        // Before the cue: "halted" scopes what follows like a negator.
        assert_features(
            "The coalition halted its air strikes over Yemen.",
            &["c:!force", "p:de"],
            &[],
        );
        // After the cue, in the same clause: a collapse turns a de-escalatory cue...
        assert_features(
            "The truce in the north collapsed.",
            &["c:!ceasefire", "p:esc"],
            &[],
        );
        // ...and subsiding turns an escalatory one.
        assert_features("Tensions along the border eased.", &["c:!tension"], &[]);
        // A clause break stops the reach.
        assert_features(
            "The truce held, and the talks collapsed.",
            &["c:ceasefire"],
            &[],
        );
        // A verb with its particle: "called off".
        assert_features(
            "Organisers called off the march on parliament.",
            &["w:!march"],
            &[],
        );
    }

    #[test]
    fn a_not_after_a_cue_and_its_auxiliaries_negates_the_cue() {
        assert_features(
            "The minister said sanctions would not be extended.",
            &["c:!coercion", "p:de"],
            &[],
        );
        assert_features("The talks will not resume.", &["c:!talks", "p:esc"], &[]);
        // Not without an auxiliary between, not across a clause break, and not
        // when a reversal verb follows the "not" (the fighting goes on).
        for (text, cue) in [
            ("Sanctions not talks.", "c:coercion"),
            ("There were sanctions; would not say more.", "c:coercion"),
            ("The fighting has not ended.", "c:force"),
            ("Sanctions were not lifted.", "c:coercion"),
        ] {
            assert_features(text, &[cue], &[&cue.replace(':', ":!")]);
        }
    }

    #[test]
    fn a_negating_verb_right_after_a_negator_cancels_it() {
        assert_features(
            "He did not rule out military action.",
            &["c:force", "w:militari", "w:!rule"],
            &["c:!force", "w:!militari"],
        );
        assert_features(
            "Ankara refused to lift the sanctions.",
            &["c:coercion"],
            &["c:!coercion"],
        );
        assert_features(
            "Officials never denied the strikes.",
            &["c:force"],
            &["c:!force"],
        );
        // A plain negator opens its own scope, and a negating verb further on
        // starts a new one.
        assert_features(
            "They will not attack and will not negotiate.",
            &["w:!attack", "w:!negoti"],
            &[],
        );
        assert_features(
            "No troops came to the border and officials later rejected talks.",
            &["c:!talks"],
            &[],
        );
    }

    #[test]
    fn words_that_only_share_a_cue_stem_fire_no_cue() {
        // "according" and "accordance" stem to "accord", as the peace accord does.
        let text = "According to the executive, in accordance with the rules, life was normal.";
        let got = names(text);
        assert!(!got.iter().any(|n| n.starts_with("c:")), "{got:?}");
        assert_features(text, &["w:accord"], &[]);
        assert_features(
            "Both sides signed the accord after the executions and the mobilization.",
            &["c:ceasefire", "c:force"],
            &[],
        );
    }

    #[test]
    fn reversal_can_be_switched_off() {
        let config = FeatureConfig {
            reversal: false,
            ..FeatureConfig::default()
        };
        let mut got = Vec::new();
        featurize("The truce collapsed.", &config, |n, _| {
            got.push(n.to_string())
        });
        assert!(got.contains(&"c:ceasefire".to_string()), "{got:?}");
        assert_ne!(config.fingerprint(), FeatureConfig::default().fingerprint());
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
    fn two_passes_give_the_one_pass_stream() {
        struct Collect(Vec<(String, Span)>);
        impl Sink for Collect {
            fn feature(&mut self, prefix: Prefix, parts: &[&str], hash: u64, span: Span) {
                let mut name = prefix.text.to_string();
                parts.iter().for_each(|p| name.push_str(p));
                assert_eq!(hash, fnv1a(name.as_bytes()), "{name}");
                self.0.push((name, span));
            }
        }
        let config = FeatureConfig::default();
        for text in [
            "Iran won\u{2019}t attack, but officials ruled out talks. They called for calm",
            "no cease-fire; a red line, all options on the table, they will pay a heavy price",
            "talks",
            "",
        ] {
            let mut one = Collect(Vec::new());
            stream_with(&mut Scratch::default(), text, &config, false, &mut one);
            let mut two = Collect(Vec::new());
            stream_with(&mut Scratch::default(), text, &config, true, &mut two);
            assert_eq!(one.0, two.0, "{text:?}");
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

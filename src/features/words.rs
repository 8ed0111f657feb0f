//! The words of a unit, one at a time: tokenized, stemmed and marked for
//! negation scope. Nothing is kept from word to word but the scope state, so
//! the featurizer can stream a unit of any length.

use super::word_cache::{WordCache, WordFeatures};
use crate::text::span::Span;
use crate::text::tokenize::{tokenize, TokenKind};

/// One word as the featurizer sees it.
pub(super) struct ScannedWord<'a> {
    /// Its stem and what follows from it, from the word cache.
    pub word: &'a WordFeatures,
    pub span: Span,
    /// Inside a negation scope.
    pub negated: bool,
    /// The first word after a clause break, so no bigram reaches back over it.
    pub clause_start: bool,
}

/// Call `f` with each word of `text`, in order, its features from `cache`.
///
/// A negator (not, no, never, without, nor, refuse to, rule out, reject, deny,
/// decline to, no longer) negates the next `window` words, unless a clause
/// break, "but" or a word that opens a subordinate clause comes first. The
/// negator itself is not negated. With `reversal`, reversal verbs ("halted",
/// "called off") open the same scope.
pub(super) fn scan_words(
    text: &str,
    window: usize,
    reversal: bool,
    cache: &mut WordCache,
    mut f: impl FnMut(ScannedWord),
) {
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
        let word = cache.get(token.text);
        let negated = scope_left > 0;
        scope_left = scope_left.saturating_sub(1);
        let opens = match pending.take() {
            Some(needed) if needed == &*word.stem => true,
            _ => {
                pending = word
                    .particle
                    .filter(|_| reversal || !word.particle_reverses);
                word.negator || (reversal && word.reverser)
            }
        };
        if word.ends_scope {
            scope_left = 0;
        }
        if opens {
            scope_left = window;
        }
        f(ScannedWord {
            word,
            span: token.span,
            negated,
            clause_start,
        });
        clause_start = false;
    });
}

/// Stems that negate what follows on their own.
pub(super) fn is_negator(stem: &str) -> bool {
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

/// Stems after which a negation scope does not go on: "but", and the words
/// that open a subordinate clause, whose content the negator does not deny
/// ("would not say whether Israel would strike", "pledged not to target
/// troops during the withdrawal"). With these ends, a longer window can reach
/// across a long object ("will not lift the ban on the outlawed group").
pub(super) fn ends_scope(stem: &str) -> bool {
    matches!(
        stem,
        "but"
            | "whether"
            | "if"
            | "that"
            | "dure"
            | "after"
            | "befor"
            | "while"
            | "when"
            | "becaus"
            | "as"
            | "sinc"
            | "until"
            | "unless"
            | "which"
            | "who"
            | "although"
            | "though"
    )
}

/// Stems that negate only with a particle: "refuse to", "rule out", "decline to", "fail to".
pub(super) fn negator_needing(stem: &str) -> Option<&'static str> {
    match stem {
        "refus" | "declin" | "fail" => Some("to"),
        "rule" => Some("out"),
        _ => None,
    }
}

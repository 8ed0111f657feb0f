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

/// Words after a negator within which a negating verb cancels its scope:
/// "did not rule out", "refused to lift", "has not completely ruled out".
const CANCEL_REACH: usize = 3;

/// Call `f` with each word of `text`, in order, its features from `cache`.
///
/// A negator (not, no, never, without, nor, refuse to, rule out, reject, deny,
/// decline to, no longer) negates the next `window` words, unless a clause
/// break, "but" or a word that opens a subordinate clause comes first. The
/// negator itself is not negated. With `reversal`, reversal verbs ("halted",
/// "called off") open the same scope.
///
/// Two negations cancel: a negating verb (rule out, refuse to, deny, reject,
/// a reversal verb) that comes within [`CANCEL_REACH`] words of the negator
/// whose scope it is in closes that scope rather than opening its own, so in
/// "did not rule out military action" and "refused to lift the sanctions" the
/// action and the sanctions are not negated, as the guide reads them. A plain
/// negator there ("will not attack and will not talk") opens a new scope.
pub(super) fn scan_words(
    text: &str,
    window: usize,
    reversal: bool,
    cache: &mut WordCache,
    mut f: impl FnMut(ScannedWord),
) {
    let mut scope_left = 0usize;
    // Words since the open scope's negator.
    let mut since_open = 0usize;
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
        since_open += 1;
        // Whether this word opens a scope, and whether it is a verb that does.
        let (opens, verb) = match pending.take() {
            Some(needed) if needed == &*word.stem => (true, true),
            _ => {
                pending = word
                    .particle
                    .filter(|_| reversal || !word.particle_reverses);
                let verb = word.negating_verb || (reversal && word.reverser);
                (word.negator || verb, verb)
            }
        };
        if word.ends_scope {
            scope_left = 0;
        }
        if opens {
            let cancels = negated && verb && since_open <= CANCEL_REACH;
            scope_left = if cancels { 0 } else { window };
            since_open = 0;
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

/// Stems that negate what follows on their own: function words and the
/// negating verbs.
pub(super) fn is_negator(stem: &str) -> bool {
    matches!(
        stem,
        "not" | "no" | "never" | "without" | "nor" | "neither" | "none" | "nobodi" | "noth"
    ) || is_negating_verb(stem)
}

/// Stems of negators that are verbs (see [`scan_words`] on two negations).
pub(super) fn is_negating_verb(stem: &str) -> bool {
    matches!(stem, "reject" | "deni" | "dismiss")
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

//! Cue-lexicon matching over a window of the last few words, so cue
//! phrases are found while the words stream past instead of over a list of
//! every word of the unit.

use super::words::ScannedWord;
use crate::lexicon::CueTable;
use crate::text::span::Span;
use std::rc::Rc;

/// How many words after a cue phrase a verb may come and still turn it
/// around ("the ceasefire in Idlib collapsed"); a clause break ends the reach.
pub(super) const REVERSAL_REACH: usize = 4;

/// One cue phrase found: its category, the words it covers, whether its
/// first word is inside a negation scope, and which reversing verbs follow it
/// within [`REVERSAL_REACH`] words of the same clause.
#[derive(Clone, Copy)]
pub(super) struct CueHit {
    pub category: &'static str,
    pub span: Span,
    pub negated: bool,
    /// "collapsed", "stalled": turns a de-escalatory cue around.
    pub collapses_after: bool,
    /// "eased", "receded": turns an escalatory cue around.
    pub subsides_after: bool,
    /// "not" after it and its auxiliaries: "sanctions would not be extended",
    /// "an invasion was not on the table", "the talks will not resume".
    pub negated_after: bool,
}

/// The last words seen: as many as the longest cue phrase has, plus
/// [`REVERSAL_REACH`] to see what follows a phrase. A phrase
/// starting at the oldest word can be matched once the window is full; at
/// the end of the unit, [`CueWindow::finish`] matches the rest. Hits come in
/// the order of their first word, as a pass over all words would give them.
#[derive(Default)]
pub(super) struct CueWindow {
    /// A ring of slots, reused from word to word.
    slots: Vec<Slot>,
    /// Index in `slots` of the oldest word.
    oldest: usize,
    len: usize,
}

/// A word in the window: its stem (shared with the word cache, not copied)
/// and the few facts about it that matching asks for.
#[derive(Default)]
struct Slot {
    stem: Rc<str>,
    /// Shares a cue's stem but not its meaning ([`crate::lexicon::NOT_CUES`]).
    not_a_cue: bool,
    span: Span,
    negated: bool,
    clause_start: bool,
    starts_cue: bool,
    reverses_preceding: bool,
    subsides_preceding: bool,
    auxiliary: bool,
    negates_preceding: bool,
    /// Any kind of reversal verb (see [`crate::reversal`]).
    reverses: bool,
}

impl CueWindow {
    /// Empty the window for a new unit.
    pub fn reset(&mut self) {
        let size = CueTable::get().longest_phrase().max(1) + REVERSAL_REACH;
        if self.slots.len() != size {
            self.slots.resize_with(size, Slot::default);
        }
        self.oldest = 0;
        self.len = 0;
    }

    /// Take in the next word; `hit` gets the cues that start at the word
    /// that leaves the window.
    pub fn push(&mut self, word: &ScannedWord, hit: impl FnMut(CueHit)) {
        let size = self.slots.len();
        let slot = &mut self.slots[wrap(self.oldest + self.len, size)];
        slot.stem = Rc::clone(&word.word.stem);
        slot.not_a_cue = word.word.not_a_cue;
        slot.span = word.span;
        slot.negated = word.negated;
        slot.clause_start = word.clause_start;
        slot.starts_cue = word.word.starts_cue;
        slot.reverses_preceding = word.word.reverses_preceding;
        slot.subsides_preceding = word.word.subsides_preceding;
        slot.auxiliary = word.word.auxiliary;
        slot.negates_preceding = word.word.negates_preceding;
        slot.reverses = word.word.reverses_any;
        self.len += 1;
        if self.len == size {
            self.match_oldest(hit);
        }
    }

    /// The unit has ended: the cues that start at the words still in the window.
    pub fn finish(&mut self, mut hit: impl FnMut(CueHit)) {
        while self.len > 0 {
            self.match_oldest(&mut hit);
        }
    }

    /// The `k`-th word from the oldest.
    fn get(&self, k: usize) -> Option<&Slot> {
        (k < self.len).then(|| &self.slots[wrap(self.oldest + k, self.slots.len())])
    }

    /// Whether a word for which `verb` holds comes within [`REVERSAL_REACH`]
    /// words from the `from`-th word, before a clause break.
    fn followed_in_clause(&self, from: usize, verb: fn(&Slot) -> bool) -> bool {
        for k in from..from + REVERSAL_REACH {
            match self.get(k) {
                Some(slot) if slot.clause_start => return false,
                Some(slot) if verb(slot) => return true,
                Some(_) => {}
                None => return false,
            }
        }
        false
    }

    /// Whether the `from`-th word starts auxiliaries and then "not" ("would
    /// not", "was not", "will never"), in the same clause. Not when a
    /// reversal verb comes next: "the fighting has not ended" still reports
    /// fighting, and "sanctions were not lifted" still reports sanctions.
    fn negated_from(&self, from: usize) -> bool {
        let mut k = from;
        while k < from + 2 && self.get(k).is_some_and(|s| s.auxiliary && !s.clause_start) {
            k += 1;
        }
        let Some(negator) = self.get(k) else {
            return false;
        };
        k > from
            && negator.negates_preceding
            && !negator.clause_start
            && !self
                .get(k + 1)
                .is_some_and(|s| s.reverses && !s.clause_start)
    }

    fn match_oldest(&mut self, mut hit: impl FnMut(CueHit)) {
        // Most words start no phrase: the word cache knows, so the table is not asked.
        if let Some(first) = self.get(0).filter(|slot| slot.starts_cue) {
            CueTable::get().for_each_match(
                // A space is in no stem, so a word that is no cue matches no phrase.
                |k| {
                    self.get(k)
                        .map(|slot| if slot.not_a_cue { " " } else { &*slot.stem })
                },
                0,
                |category, len| {
                    let end = self.get(len - 1).map_or(first.span.end, |w| w.span.end);
                    hit(CueHit {
                        category,
                        span: Span::new(first.span.start, end),
                        negated: first.negated,
                        collapses_after: self
                            .followed_in_clause(len, |slot| slot.reverses_preceding),
                        subsides_after: self
                            .followed_in_clause(len, |slot| slot.subsides_preceding),
                        negated_after: self.negated_from(len),
                    });
                },
            );
        }
        self.oldest = wrap(self.oldest + 1, self.slots.len());
        self.len = self.len.saturating_sub(1);
    }
}

/// `index % size` for an index below twice the ring's size (all the ring
/// computes): a compare, where `%` is a division on every word of input.
#[inline]
fn wrap(index: usize, size: usize) -> usize {
    if index >= size {
        index - size
    } else {
        index
    }
}

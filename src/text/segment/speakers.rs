//! Who said it: attribution patterns ("X said", "said X", "according to
//! X"), titles kept apart from names, and resolution of surnames, pronouns
//! and "the group"-style references against what the article said before.

use super::attribution::find_attributions_at;
use super::paragraphs::paragraphs;
use super::prescan::prescan;
use super::quotes::{containing, find_quotes, is_fragment, unit_of, Quote, RawQuote};
use super::sentences::sentences;
use super::tracker::Tracker;
use super::words::tokenize_into;
use crate::text::span::Span;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// Full name of the person or organisation ("Abbas Araghchi", "Qatar",
    /// "Human Rights Activists News Agency").
    pub name: String,
    /// The attribution words that refer to the speaker in this place
    /// ("Araghchi", "he", "the group"); for a named speaker, just the name
    /// without the title.
    pub span: Span,
    /// Title or role kept apart from the name ("Foreign Minister").
    pub role: Option<String>,
}

/// Speakers and quotes of one article, computed once in a single forward
/// pass so that many [`SpeakerIndex::speaker_of`] look-ups stay cheap.
#[derive(Debug, Clone, Default)]
pub struct SpeakerIndex {
    quotes: Vec<Quote>,
    quote_speakers: Vec<Option<Speaker>>,
    attributions: Vec<Attribution>,
}

/// One verb of saying with its (possibly unresolved) speaker.
#[derive(Debug, Clone)]
struct Attribution {
    verb: Span,
    speaker: Option<Speaker>,
}

impl SpeakerIndex {
    /// Analyses a whole article: finds quotes, attributions and speakers.
    pub fn new(text: &str) -> Self {
        Self::with_paragraphs(text, &paragraphs(text))
    }

    /// [`SpeakerIndex::new`] for a caller that has already split `text`
    /// into `paras` with [`paragraphs`]: the split is not done again.
    #[inline(never)] // a stage of its own in training/speed/profile_stages.sh
    pub(crate) fn with_paragraphs(text: &str, paras: &[Span]) -> Self {
        let first_look = prescan(text);
        let speech = first_look.speech_words;
        let raw = if first_look.has_mark_glyph {
            find_quotes(text, paras)
        } else {
            // No char that could be a quotation mark: no quote.
            Vec::new()
        };
        if raw.is_empty() && speech.is_empty() {
            // Nothing to attribute: the full pass would find no attribution
            // and no quote, so every unit's speaker is `None` anyway.
            return SpeakerIndex::default();
        }
        let marks: Vec<Span> = raw.iter().map(|q| q.marks).collect();
        let sents: Vec<Span> = paras.iter().flat_map(|p| sentences(text, *p)).collect();
        let (attributions, per_sentence) = attribute(text, &sents, &marks, &speech);
        let index = Attributions {
            all: &attributions,
            per_sentence: &per_sentence,
            sentences: &sents,
            marks: &marks,
        };
        let mut quotes = Vec::with_capacity(raw.len());
        let mut quote_speakers = Vec::with_capacity(raw.len());
        for (i, q) in raw.iter().enumerate() {
            let prev = quotes
                .last()
                .map(|p: &Quote| (p.span, quote_speakers.last().and_then(Option::as_ref)));
            let (quote, speaker) = build_quote(text, i, q, &index, prev);
            quotes.push(quote);
            quote_speakers.push(speaker);
        }
        SpeakerIndex {
            quotes,
            quote_speakers,
            attributions,
        }
    }

    /// The article's quotes, in order (see [`super::quotes`]).
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    /// The speaker of any unit (paragraph, sentence, quote): the first
    /// resolved attribution inside it ("He said diplomacy cannot work." →
    /// the last person named), else the speaker of a quote inside it.
    /// `None` when the unit attributes nothing or the speaker is unknown.
    pub fn speaker_of(&self, unit: Span) -> Option<&Speaker> {
        let from = self
            .attributions
            .partition_point(|a| a.verb.start < unit.start);
        let direct = self
            .attributions
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|a| a.verb.end <= unit.end)
            .find_map(|a| a.speaker.as_ref());
        direct.or_else(|| {
            // Quotes are in text order: start at the first inside the unit.
            let first = self
                .quotes
                .partition_point(|q| q.quote_span.start < unit.start);
            self.quotes
                .iter()
                .zip(&self.quote_speakers)
                .skip(first)
                .take_while(|(q, _)| q.quote_span.start < unit.end)
                .filter(|(q, _)| q.quote_span.end <= unit.end)
                .find_map(|(_, s)| s.as_ref())
        })
    }
}

/// The speaker of `unit` in `text` (see [`SpeakerIndex::speaker_of`]).
/// Analyses the whole article on every call: for many units build one
/// [`SpeakerIndex`] instead.
pub fn speaker_of(text: &str, unit: Span) -> Option<Speaker> {
    SpeakerIndex::new(text).speaker_of(unit).cloned()
}

/// Forward pass over the sentences: finds every attribution and resolves
/// it against what came before. Returns the attributions (in text order)
/// and, per sentence, the range of its attributions.
/// `speech` holds the offsets of the words that may attribute
/// ([`Prescan::speech_words`](super::prescan::Prescan)).
fn attribute(
    text: &str,
    sents: &[Span],
    marks: &[Span],
    speech: &[usize],
) -> (Vec<Attribution>, Vec<Range<usize>>) {
    let mut tracker = Tracker::default();
    let mut all = Vec::new();
    let mut per_sentence = Vec::with_capacity(sents.len());
    // Reused from sentence to sentence: allocating it per sentence was a
    // large share of the paragraph-unit cost. Sized up front for the
    // longest sentence at a token per four bytes (a little more than
    // running text has), which spares most records the reallocations of
    // growing it one token at a time.
    let longest = sents.iter().map(|s| s.end.saturating_sub(s.start)).max();
    let mut toks = Vec::with_capacity(longest.unwrap_or(0) / 4 + 8);
    let mut resolved = Vec::new();
    // Only a sentence with a word of saying can hold an attribution, and
    // what the tracker learns is read only by later attributions: the pass
    // stops at the last sentence that may attribute, and skips the
    // attribution search in the others before it.
    let speaks: Vec<bool> = sents
        .iter()
        .map(|s| {
            let k = speech.partition_point(|&w| w < s.start);
            speech.get(k).is_some_and(|&w| w < s.end)
        })
        .collect();
    let last = speaks.iter().rposition(|&b| b);
    for (n, (s, &may)) in sents.iter().zip(&speaks).enumerate() {
        if last.is_none_or(|last| n > last) {
            break;
        }
        let first = marks.partition_point(|m| m.end <= s.start);
        tokenize_into(text, *s, marks.get(first..).unwrap_or(&[]), &mut toks);
        let before = all.len();
        let found = if may {
            let from = speech.partition_point(|&w| w < s.start);
            let to = speech.partition_point(|&w| w < s.end);
            find_attributions_at(text, &toks, speech.get(from..to).unwrap_or(&[]))
        } else {
            Vec::new()
        };
        resolved.clear();
        for (verb, subject) in found {
            let r = tracker.resolve(text, &subject);
            all.push(Attribution {
                verb,
                speaker: r.as_ref().map(|r| r.speaker.clone()),
            });
            resolved.push(r);
        }
        per_sentence.push(before..all.len());
        if Some(n) == last {
            // Nothing reads the tracker after this sentence.
            break;
        }
        tracker.observe(text, &toks);
        for r in &resolved {
            tracker.note_speaker(r.as_ref());
        }
    }
    // Sentences after the last one that may attribute have no attributions.
    per_sentence.resize(sents.len(), all.len()..all.len());
    (all, per_sentence)
}

/// Borrowed view of the forward pass, used to pick each quote's speaker.
struct Attributions<'a> {
    all: &'a [Attribution],
    per_sentence: &'a [Range<usize>],
    sentences: &'a [Span],
    marks: &'a [Span],
}

impl Attributions<'_> {
    fn in_range(&self, span: Span) -> &[Attribution] {
        let from = self.all.partition_point(|a| a.verb.start < span.start);
        let to = self.all.partition_point(|a| a.verb.start < span.end);
        self.all.get(from..to.max(from)).unwrap_or(&[])
    }

    /// True when a quotation other than `me` has marks inside `span`.
    fn other_quote_in(&self, me: usize, span: Span) -> bool {
        let from = self.marks.partition_point(|m| m.end <= span.start);
        self.marks
            .iter()
            .enumerate()
            .skip(from)
            .take_while(|(_, m)| m.start < span.end)
            .any(|(i, _)| i != me)
    }

    /// Attributions of the sentence `offset` sentences away from the one
    /// containing `pos`, when that sentence holds no quotation.
    fn neighbour(&self, pos: usize, offset: isize) -> Option<&[Attribution]> {
        let idx = self
            .sentences
            .partition_point(|s| s.start <= pos)
            .checked_sub(1)?;
        let n = idx.checked_add_signed(offset)?;
        let s = self.sentences.get(n)?;
        if self.other_quote_in(usize::MAX, *s) {
            return None;
        }
        self.all.get(self.per_sentence.get(n)?.clone())
    }
}

/// Builds the public quote for raw quote number `i`, choosing its speaker;
/// `prev` is the previous quote's unit and speaker.
fn build_quote(
    text: &str,
    i: usize,
    raw: &RawQuote,
    index: &Attributions,
    prev: Option<(Span, Option<&Speaker>)>,
) -> (Quote, Option<Speaker>) {
    let unit = unit_of(raw, index.sentences);
    let speaker = match choose_speaker(text, i, raw, unit, index) {
        Some(a) => a.speaker.clone(),
        // Only a quote that opens its sentence continues the previous
        // speaker; a scare quote in the reporter's sentence does not.
        None if raw.marks.start != unit.start => next_sentence_speaker(unit, index),
        None => match continued_speaker(unit, index, prev) {
            Some(continued) => continued,
            None => next_sentence_speaker(unit, index),
        },
    };
    let quote = Quote {
        span: unit,
        quote_span: raw.inner,
        fragment: is_fragment(text, raw.inner),
        speaker: speaker.as_ref().map(|s| s.name.clone()),
        speaker_span: speaker.as_ref().map(|s| s.span),
        role: speaker.as_ref().and_then(|s| s.role.clone()),
    };
    (quote, speaker)
}

/// A quote standing alone right after another quote's unit continues that
/// quote's speaker, known or not (`“A,” said X. “B.”`). `None` when the
/// previous sentence is not the previous quote's.
fn continued_speaker(
    unit: Span,
    index: &Attributions,
    prev: Option<(Span, Option<&Speaker>)>,
) -> Option<Option<Speaker>> {
    let (prev_unit, speaker) = prev?;
    let before = index.sentences.partition_point(|s| s.end <= unit.start);
    let previous_sentence = index.sentences.get(before.checked_sub(1)?)?;
    (previous_sentence.end == prev_unit.end).then(|| speaker.cloned())
}

/// The first attribution of the sentence right after the unit, when that
/// sentence quotes nobody.
fn next_sentence_speaker(unit: Span, index: &Attributions) -> Option<Speaker> {
    let last = containing(index.sentences, unit.end.saturating_sub(1))?;
    let attrs = index.neighbour(last.start, 1)?;
    attrs.first()?.speaker.clone()
}

/// Picks the attribution of quote `i`. A quote ending in `,”` `?”` `!”` or
/// opening its sentence takes the attribution right after it
/// (`“...,” he said`); otherwise the nearest one before it wins
/// (`He added, “...”`). Failing both, the last attribution of the sentence
/// just before the unit, when that sentence quotes nobody.
fn choose_speaker<'a>(
    text: &str,
    i: usize,
    raw: &RawQuote,
    unit: Span,
    index: &'a Attributions,
) -> Option<&'a Attribution> {
    let in_unit = index.in_range(unit);
    // Binary searches: a huge sentence may hold many attributions.
    let split = in_unit.partition_point(|a| a.verb.start < raw.marks.end);
    let after = in_unit
        .get(split)
        .filter(|a| !index.other_quote_in(i, Span::new(raw.marks.end, a.verb.start)));
    let before = in_unit
        .get(..split)
        .unwrap_or(&[])
        .iter()
        .rev()
        .take(8)
        .find(|a| a.verb.end <= raw.marks.start);
    let last_inside = text
        .get(raw.inner.start..raw.marks.end)
        .unwrap_or("")
        .trim_end_matches(|c: char| c.is_whitespace() || "\"”»".contains(c))
        .chars()
        .next_back();
    let tail_style = raw.marks.start == unit.start
        || last_inside.is_some_and(|c| ",?!—–".contains(c))
        || text
            .get(raw.marks.end..)
            .is_some_and(|t| t.starts_with(','));
    let in_sentence = if tail_style {
        after.or(before)
    } else {
        before.or(after)
    };
    in_sentence.or_else(|| index.neighbour(unit.start, -1).and_then(|a| a.last()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (quoted words, speaker, role) for every quote in `text`.
    fn speakers(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        SpeakerIndex::new(text)
            .quotes()
            .iter()
            .map(|q| {
                (
                    q.quote_span.slice(text).to_string(),
                    q.speaker.clone(),
                    q.role.clone(),
                )
            })
            .collect()
    }

    fn speaker_names(text: &str) -> Vec<Option<String>> {
        speakers(text).into_iter().map(|(_, s, _)| s).collect()
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn titles_are_split_from_names() {
        let t = "“We want calm,” said Foreign Minister Lena Sorvik. \
                 “No deal,” US President Mara Quill told reporters. \
                 “Never,” Varnland’s Defence Minister Ivo Brankov said.";
        assert_eq!(
            speakers(t),
            vec![
                (
                    "We want calm".into(),
                    some("Lena Sorvik"),
                    some("Foreign Minister")
                ),
                ("No deal".into(), some("Mara Quill"), some("US President")),
                (
                    "Never".into(),
                    some("Ivo Brankov"),
                    some("Defence Minister")
                ),
            ]
        );
    }

    #[test]
    fn surname_and_pronouns_resolve_to_earlier_person() {
        let t = "Foreign Minister Lena Sorvik met envoy Tomas Reyes on Monday.\n\n\
                 “We are ready,” Sorvik said.\n\n\
                 She added, “But not at any price.”\n\n\
                 Reyes later warned that “time is short.”";
        assert_eq!(
            speaker_names(t),
            vec![
                some("Lena Sorvik"),
                some("Lena Sorvik"),
                some("Tomas Reyes")
            ]
        );
    }

    #[test]
    fn pronoun_follows_the_last_subject_not_the_last_mention() {
        let t = "Envoy Tomas Reyes spoke with Lena Sorvik and Ivo Brankov. \
                 He urged both sides to “step back.”";
        assert_eq!(speaker_names(t), vec![some("Tomas Reyes")]);
    }

    #[test]
    fn organisations_named_and_referred_back() {
        let t = "The Coastal Monitoring Agency published new data.\n\n\
                 “The tanker went dark,” the agency said.\n\n\
                 The Northern Watch Group released a report. \
                 “Arrests doubled,” the group said.\n\n\
                 “We reject this,” the Kremlin said. \
                 “Stop,” Hamas said. “Enough,” Qatar said.";
        assert_eq!(
            speaker_names(t),
            vec![
                some("Coastal Monitoring Agency"),
                some("Northern Watch Group"),
                some("Kremlin"),
                some("Hamas"),
                some("Qatar")
            ]
        );
    }

    #[test]
    fn unknown_speakers_are_none() {
        let t = "“We will respond,” they said.\n\n“It is over,” the ministry said.\n\n\
                 “Nobody said that,” a spokesman said.\n\n“Anonymous words.”";
        assert_eq!(speaker_names(t), vec![None, None, None, None]);
    }

    #[test]
    fn according_to_and_statement_patterns() {
        let t = "Talks are “frozen,” according to Deputy Minister Arno Pell.\n\n\
                 Lena Sorvik said in a statement that “no ship will pass.”";
        assert_eq!(
            speakers(t),
            vec![
                ("frozen".into(), some("Arno Pell"), some("Deputy Minister")),
                ("no ship will pass.".into(), some("Lena Sorvik"), None),
            ]
        );
    }

    #[test]
    fn two_quotes_around_one_attribution() {
        let t = "“We came in peace,” Sorvik said, “and we leave in peace.” \
                 “Lies,” said Ivo Brankov.";
        assert_eq!(
            speaker_names(t),
            vec![some("Sorvik"), some("Sorvik"), some("Ivo Brankov")]
        );
    }

    #[test]
    fn speaker_of_units_without_quote_marks() {
        let t = "Foreign Minister Lena Sorvik arrived in Doha.\n\n\
                 She said diplomacy cannot work under threats.\n\n\
                 The weather was calm.";
        let idx = SpeakerIndex::new(t);
        let ps = paragraphs(t);
        let names: Vec<Option<String>> = ps
            .iter()
            .map(|p| idx.speaker_of(*p).map(|s| s.name.clone()))
            .collect();
        assert_eq!(names, vec![None, some("Lena Sorvik"), None]);
        let she = ps.get(1).copied().unwrap_or(Span::new(0, 0));
        let s = speaker_of(t, she);
        assert_eq!(s.as_ref().map(|s| s.span.slice(t)), Some("She"));
        assert_eq!(s.and_then(|s| s.role), some("Foreign Minister"));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "",
            "\"",
            "“",
            "said",
            "he said",
            "“x” said",
            "It said.",
            "the said the",
            "\u{0}said\u{0}",
        ] {
            let idx = SpeakerIndex::new(t);
            let _ = idx.speaker_of(Span::new(0, t.len()));
            let _ = idx.speaker_of(Span::new(5, 1));
        }
    }
}

//! Direct quotations: finding the marks, pairing them across paragraphs,
//! and building the quote unit around them.

use super::sentences::trim;
use super::speakers::SpeakerIndex;
use crate::text::span::Span;
use serde::{Deserialize, Serialize};

/// One direct quotation in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The unit to label: the sentence(s) holding the quotation, so the
    /// attribution is included when it sits in the same sentence(s), e.g.
    /// `“Diplomacy cannot work,” Araghchi said.`
    pub span: Span,
    /// Just the words inside the marks (for a quote continued across
    /// paragraphs this includes the paragraph break and reopening mark).
    pub quote_span: Span,
    /// A quote of one to three words ("no contact") used inside the
    /// reporter's own sentence rather than a full statement.
    pub fragment: bool,
    /// Who is quoted, resolved to a full name where the article allows
    /// (surname → full name, "he" → last person, "the group" → last
    /// organisation); `None` when unknown.
    pub speaker: Option<String>,
    /// The words of the attribution that name the speaker ("Araghchi",
    /// "he", "the group"), not the antecedent they resolve to.
    pub speaker_span: Option<Span>,
    /// The speaker's title or role ("Foreign Minister"), when known.
    pub role: Option<String>,
}

/// Finds every direct quotation in `text` (a whole article) with its unit,
/// fragment flag and speaker.
///
/// Straight `"` and curly `“ ”` (also `„ « »`) double marks delimit quotes;
/// single quotes and apostrophes never do, so nested ‘...’ stays inside.
/// A paragraph that ends inside a quote whose next paragraph reopens with an
/// opening mark continues that quote; otherwise an unclosed quote ends with
/// its paragraph.
pub fn quotes(text: &str) -> Vec<Quote> {
    SpeakerIndex::new(text).quotes().to_vec()
}

/// A quotation found by [`find_quotes`], before units and speakers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawQuote {
    /// From the opening mark to the end of the closing mark (or of the
    /// paragraph, for an unclosed quote).
    pub marks: Span,
    /// The words inside, trimmed.
    pub inner: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
}

/// An open quotation while scanning.
#[derive(Debug, Clone, Copy)]
struct Open {
    mark: usize,
    content: usize,
}

/// Pairs quotation marks over `paras`, the paragraphs of `text` (as
/// [`super::paragraphs`] splits them; passed in because callers already have them).
#[inline(never)] // a stage of its own in training/speed/profile_stages.sh
pub(crate) fn find_quotes(text: &str, paras: &[Span]) -> Vec<RawQuote> {
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    for (pi, para) in paras.iter().enumerate() {
        let body = para.slice(text);
        // The reopening mark of a continued quote is skipped.
        let from = match open {
            Some(_) => body.chars().next().map_or(0, char::len_utf8),
            None => 0,
        };
        for (off, c) in mark_candidates(body, from) {
            let pos = para.start + off;
            let Some(mark) = classify(text, pos, c, open.is_some()) else {
                continue;
            };
            let end = pos + c.len_utf8();
            match (mark, open) {
                (Mark::Open, Some(prev)) => {
                    // Two openers in a row: the first was never closed.
                    push_quote(text, prev, pos, pos, &mut out);
                    open = Some(Open {
                        mark: pos,
                        content: end,
                    });
                }
                (Mark::Open, None) => {
                    open = Some(Open {
                        mark: pos,
                        content: end,
                    })
                }
                (Mark::Close, Some(prev)) => {
                    push_quote(text, prev, pos, end, &mut out);
                    open = None;
                }
                (Mark::Close, None) => {}
            }
        }
        if let Some(prev) = open {
            let continues = paras
                .get(pi + 1)
                .and_then(|next| next.slice(text).chars().next())
                .is_some_and(is_opening_glyph);
            if !continues {
                push_quote(text, prev, para.end, para.end, &mut out);
                open = None;
            }
        }
    }
    out
}

/// The chars of `s` from byte `from` on that may be quotation marks, with
/// their offsets: every other char is ignored by [`classify`], so only the
/// bytes that start a mark are looked at (`"`, and the lead bytes of
/// `“ ” „` and `« »`), not every char of the article.
fn mark_candidates(s: &str, from: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = s.as_bytes();
    // Where the search for the next candidate byte starts.
    let mut at = from;
    std::iter::from_fn(move || loop {
        let rest = bytes.get(at..)?;
        let off = at + rest.iter().position(|&b| is_mark_lead_byte(b))?;
        at = off + 1;
        // Both lead bytes start a char, so the offset is a char boundary.
        if let Some(c) = s.get(off..).and_then(|t| t.chars().next()) {
            if is_mark_glyph(c) {
                return Some((off, c));
            }
        }
    })
}

/// The chars that may be quotation marks (whether one is depends on its
/// context, see [`classify`]).
pub(crate) fn is_mark_glyph(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// True for a byte that starts a [`is_mark_glyph`] char: `"`, and the lead
/// bytes of `“ ” „` and `« »`.
pub(crate) fn is_mark_lead_byte(b: u8) -> bool {
    matches!(b, b'"' | 0xE2 | 0xC2)
}

fn is_opening_glyph(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«')
}

/// Decides whether the char at `pos` opens or closes a quotation.
fn classify(text: &str, pos: usize, c: char, is_open: bool) -> Option<Mark> {
    let prev = text.get(..pos).and_then(|s| s.chars().next_back());
    let next = text
        .get(pos + c.len_utf8()..)
        .and_then(|s| s.chars().next());
    // Context that reads as an opening mark: start/space/bracket before,
    // a non-space after.
    let opens_here = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p))
        && next.is_some_and(|n| !n.is_whitespace());
    match c {
        '“' | '„' | '«' => Some(Mark::Open),
        '”' | '»' if is_open => Some(Mark::Close),
        '”' | '»' => opens_here.then_some(Mark::Open),
        '"' if is_open && !opens_here => Some(Mark::Close),
        '"' if opens_here => Some(Mark::Open),
        '"' => Some(Mark::Close),
        _ => None,
    }
}

/// Records a quotation from `open` whose words end at `content_end` and whose
/// marks end at `marks_end`; empty quotations are dropped.
fn push_quote(
    text: &str,
    open: Open,
    content_end: usize,
    marks_end: usize,
    out: &mut Vec<RawQuote>,
) {
    if content_end <= open.content {
        return;
    }
    // A comma before the closing mark is punctuation of the reporter's
    // sentence (`“...,” he said`), not part of the quoted words.
    let words = text
        .get(open.content..content_end)
        .map_or(0, |s| s.trim_end().trim_end_matches(',').len());
    if let Some(inner) = trim(text, Span::new(open.content, open.content + words)) {
        if inner.slice(text).chars().any(char::is_alphanumeric) {
            out.push(RawQuote {
                marks: Span::new(open.mark, marks_end),
                inner,
            });
        }
    }
}

/// True for a quote of one to three words.
pub(crate) fn is_fragment(text: &str, inner: Span) -> bool {
    let words = inner
        .slice(text)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    (1..=3).contains(&words)
}

/// The unit of a quotation: from the start of the sentence holding its
/// opening mark to the end of the sentence holding its last word.
/// `sentences` is sorted and non-overlapping.
pub(crate) fn unit_of(raw: &RawQuote, sentences: &[Span]) -> Span {
    let first = containing(sentences, raw.marks.start);
    let last = containing(sentences, raw.inner.end.saturating_sub(1));
    match (first, last) {
        (Some(a), Some(b)) if a.start <= b.end => Span::new(a.start, b.end.max(raw.marks.end)),
        _ => raw.marks,
    }
}

/// The sentence containing byte `pos`, if any.
pub(crate) fn containing(sentences: &[Span], pos: usize) -> Option<Span> {
    let idx = sentences.partition_point(|s| s.start <= pos);
    let s = sentences.get(idx.checked_sub(1)?)?;
    (pos < s.end).then_some(*s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::paragraphs;

    fn find_quotes(text: &str) -> Vec<RawQuote> {
        super::find_quotes(text, &paragraphs(text))
    }

    fn inner(text: &str) -> Vec<&str> {
        find_quotes(text)
            .iter()
            .map(|q| q.inner.slice(text))
            .collect()
    }

    #[test]
    fn straight_and_curly_marks() {
        let t = "“Diplomacy cannot work,” he said. Then \"we will see,\" she said.";
        assert_eq!(inner(t), vec!["Diplomacy cannot work", "we will see"]);
    }

    #[test]
    fn apostrophes_and_nested_single_quotes_are_not_quotes() {
        let t = "Iran’s envoy said “we don't accept the ‘final offer’ at all” today. Don't.";
        assert_eq!(inner(t), vec!["we don't accept the ‘final offer’ at all"]);
    }

    #[test]
    fn quote_continued_across_paragraphs_is_one() {
        let t = "“We will not retreat.\n\n“Nor will we attack,” he said.\n\nNext.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1);
        assert_eq!(
            q.first().map(|q| q.inner.slice(t)),
            Some("We will not retreat.\n\n“Nor will we attack")
        );
    }

    #[test]
    fn unbalanced_quote_closes_at_paragraph_end() {
        let t = "He said “this is over.\n\nThe talks then resumed. “Fine,” she said.";
        assert_eq!(inner(t), vec!["this is over.", "Fine"]);
    }

    #[test]
    fn stray_closers_and_empty_quotes_are_ignored() {
        assert_eq!(inner("Odd” mark and “” and \"\" here."), Vec::<&str>::new());
        assert!(find_quotes("").is_empty());
        assert!(find_quotes("\"").is_empty());
    }

    #[test]
    fn fragments() {
        let t = "“no contact” and “we will never talk to them”";
        let q = find_quotes(t);
        let flags: Vec<bool> = q.iter().map(|q| is_fragment(t, q.inner)).collect();
        assert_eq!(flags, vec![true, false]);
    }

    #[test]
    fn many_unbalanced_marks_stay_linear() {
        let t = "“a ".repeat(100_000);
        assert_eq!(find_quotes(&t).len(), 100_000);
    }
}

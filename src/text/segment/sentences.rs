//! Sentence splitting that is not fooled by abbreviations, initials,
//! decimals, ellipses or quotation marks around the sentence end.

use super::lexicon::{self, Abbrev};
use super::paragraphs::is_space;
use crate::text::span::Span;

/// Splits the part of `text` under `within` (usually one paragraph) into
/// sentences. Each span is trimmed and lies inside `within`; a `within` that
/// does not fit `text` is clipped to it.
///
/// A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes and
/// brackets) followed by whitespace and a word that does not start in
/// lowercase — except after abbreviations and initials ("Gen.", "U.S.",
/// "John F. Kennedy"), and except when a `!`/`?` inside quotes is followed by
/// an attribution (`"Why now?" Araghchi asked.`).
pub fn sentences(text: &str, within: Span) -> Vec<Span> {
    let Some(range) = clip(text, within) else {
        return Vec::new();
    };
    if is_one_sentence(range.slice(text)) {
        let mut out = Vec::new();
        push_trimmed(text, range, &mut out);
        return out;
    }
    let chars: Vec<(usize, char)> = text
        .get(range.start..range.end)
        .unwrap_or("")
        .char_indices()
        .map(|(i, c)| (i + range.start, c))
        .collect();
    let byte_at = |i: usize| chars.get(i).map_or(range.end, |&(p, _)| p);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(&(_, c)) = chars.get(i) {
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        let run_end = skip_while(&chars, i, is_terminator);
        let after = skip_while(&chars, run_end, is_closer);
        if chars.get(after).is_some_and(|&(_, c)| c.is_whitespace())
            && ends_sentence(text, &chars, i, run_end, after)
        {
            push_trimmed(text, Span::new(byte_at(start), byte_at(after)), &mut out);
            start = after;
        }
        i = after.max(i + 1);
    }
    push_trimmed(text, Span::new(byte_at(start), range.end), &mut out);
    out
}

/// True when `body` cannot split: no terminator before its final run of
/// terminators and closers, so no terminator is followed by whitespace
/// inside it. The common single-sentence paragraph is then found with a
/// byte scan instead of the char-by-char pass.
fn is_one_sentence(body: &str) -> bool {
    let core = body.trim_end_matches(|c| is_terminator(c) || is_closer(c));
    !core.bytes().any(|b| matches!(b, b'.' | b'!' | b'?')) && !core.contains('…')
}

/// Clips `span` to `text` and to char boundaries; `None` when empty.
pub(crate) fn clip(text: &str, span: Span) -> Option<Span> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (start < end).then_some(Span::new(start, end))
}

/// Pushes `span` trimmed of whitespace, unless nothing is left.
fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    if let Some(t) = trim(text, span) {
        out.push(t);
    }
}

/// `span` without leading/trailing whitespace; `None` when blank.
pub(crate) fn trim(text: &str, span: Span) -> Option<Span> {
    let s = text.get(span.start..span.end)?;
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trimmed = s.trim_matches(is_space);
    (!trimmed.is_empty()).then(|| Span::new(span.start + lead, span.start + lead + trimmed.len()))
}

fn skip_while(chars: &[(usize, char)], mut i: usize, f: fn(char) -> bool) -> usize {
    while chars.get(i).is_some_and(|&(_, c)| f(c)) {
        i += 1;
    }
    i
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets that belong to the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '}' | '»')
}

/// Opening quotes and brackets that may precede a sentence's first word.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '{' | '«' | '„')
}

/// Decides whether the terminator run `chars[term..run_end]`, followed by
/// closers up to `after` (a whitespace char), ends the sentence.
fn ends_sentence(
    text: &str,
    chars: &[(usize, char)],
    term: usize,
    run_end: usize,
    after: usize,
) -> bool {
    let Some(next) = next_word(text, chars, after) else {
        return true;
    };
    if next.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let run: Vec<char> = (term..run_end)
        .filter_map(|i| chars.get(i).map(|&(_, c)| c))
        .collect();
    let quoted = (run_end..after).any(|i| chars.get(i).is_some_and(|&(_, c)| c != ')' && c != ']'));
    if run.iter().any(|&c| c == '!' || c == '?') {
        return !(quoted && attribution_follows(text, chars, after));
    }
    if run.len() > 1 || run.first() == Some(&'…') || quoted || run_end != after {
        return true;
    }
    match lexicon::abbreviation(word_before(text, chars, term)) {
        Abbrev::None => true,
        Abbrev::Never => false,
        Abbrev::Sometimes => lexicon::is_sentence_opener(next),
    }
}

/// The word (letters, digits and inner periods) just before index `i`.
fn word_before<'a>(text: &'a str, chars: &[(usize, char)], i: usize) -> &'a str {
    let end = chars.get(i).map_or(0, |&(p, _)| p);
    let mut j = i;
    // Bounded look-back keeps this linear on pathological input.
    while j > 0 && i - j < 40 {
        match chars.get(j - 1) {
            Some(&(_, c)) if c.is_alphanumeric() || c == '.' => j -= 1,
            _ => break,
        }
    }
    let start = chars.get(j).map_or(end, |&(p, _)| p);
    text.get(start..end).unwrap_or("")
}

/// The first word after index `i`, skipping whitespace and opening marks
/// (at most a few characters, so this stays cheap).
fn next_word<'a>(text: &'a str, chars: &[(usize, char)], i: usize) -> Option<&'a str> {
    let mut j = i;
    while chars
        .get(j)
        .is_some_and(|&(_, c)| c.is_whitespace() || is_opener(c))
    {
        j += 1;
    }
    let &(start, first) = chars.get(j)?;
    if !first.is_alphanumeric() {
        return text.get(start..start + first.len_utf8());
    }
    let mut k = j;
    while chars.get(k).is_some_and(|&(_, c)| c.is_alphanumeric()) && k - j < 40 {
        k += 1;
    }
    let end = chars.get(k).map_or(text.len(), |&(p, _)| p);
    text.get(start..end)
}

/// True when the words after index `i` read like an attribution
/// ("Araghchi asked.", "said the ministry"): a verb of saying among the next
/// five words, before any punctuation.
fn attribution_follows(text: &str, chars: &[(usize, char)], i: usize) -> bool {
    let mut j = i;
    let mut words = 0;
    while words < 5 {
        while chars.get(j).is_some_and(|&(_, c)| c.is_whitespace()) {
            j += 1;
        }
        let start = j;
        while chars
            .get(j)
            .is_some_and(|&(_, c)| c.is_alphanumeric() || c == '’' || c == '\'' || c == '-')
        {
            j += 1;
        }
        if start == j {
            return false;
        }
        let (Some(&(s, _)), e) = (
            chars.get(start),
            chars.get(j).map_or(text.len(), |&(p, _)| p),
        ) else {
            return false;
        };
        if lexicon::is_speech_verb(text.get(s..e).unwrap_or("")) {
            return true;
        }
        words += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn single_sentences_and_trailing_marks() {
        for (t, expected) in [
            ("Talks failed", vec!["Talks failed"]),
            ("Talks failed.", vec!["Talks failed."]),
            ("  “Talks failed!”.  ", vec!["“Talks failed!”."]),
            ("Talks failed. .", vec!["Talks failed.", "."]),
            ("Talks failed… Then", vec!["Talks failed…", "Then"]),
            ("Talks failed ?", vec!["Talks failed ?"]),
            ("", vec![]),
        ] {
            assert_eq!(split(t), expected, "{t:?}");
        }
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("Talks failed. Both sides left! Will they return? Nobody knows."),
            vec![
                "Talks failed.",
                "Both sides left!",
                "Will they return?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let t = "Gen. Tomas Reyes met U.S. and U.N. envoys. Lt. Col. Ana Ruiz and Dr. Lee came. \
                 John F. Kennedy spoke at 3 p.m. on Jan. 5 and Sept. 9 at No. 10 St. James Inc. \
                 offices, e.g. in Paris, i.e. abroad. Mr. and Mrs. Smith agreed.";
        assert_eq!(
            split(t),
            vec![
                "Gen. Tomas Reyes met U.S. and U.N. envoys.",
                "Lt. Col. Ana Ruiz and Dr. Lee came.",
                "John F. Kennedy spoke at 3 p.m. on Jan. 5 and Sept. 9 at No. 10 St. James Inc. \
                 offices, e.g. in Paris, i.e. abroad.",
                "Mr. and Mrs. Smith agreed."
            ]
        );
    }

    #[test]
    fn ambiguous_abbreviation_splits_before_sentence_opener() {
        assert_eq!(
            split("The fleet left the U.S. The move angered Tehran. It was 9 a.m. He left."),
            vec![
                "The fleet left the U.S.",
                "The move angered Tehran.",
                "It was 9 a.m.",
                "He left."
            ]
        );
    }

    #[test]
    fn reference_abbreviations_before_numbers() {
        assert_eq!(
            split(
                "She cited Art. 5 of the treaty and p. 12. Prices rose 3 pct. Analysts shrugged."
            ),
            vec![
                "She cited Art. 5 of the treaty and p. 12.",
                "Prices rose 3 pct.",
                "Analysts shrugged."
            ]
        );
    }

    #[test]
    fn decimals_and_ellipses() {
        assert_eq!(
            split("Growth was 3.5 percent. Prices rose... and then fell… Officials said so."),
            vec![
                "Growth was 3.5 percent.",
                "Prices rose... and then fell…",
                "Officials said so."
            ]
        );
    }

    #[test]
    fn quotes_at_sentence_end() {
        assert_eq!(
            split("“We have won,” he said. “We won.” The crowd cheered. \"Why now?\" Reyes asked."),
            vec![
                "“We have won,” he said.",
                "“We won.”",
                "The crowd cheered.",
                "\"Why now?\" Reyes asked."
            ]
        );
        assert_eq!(
            split("He said \"it's over.\" he said. (See the map.) Next one."),
            vec![
                "He said \"it's over.\" he said.",
                "(See the map.)",
                "Next one."
            ]
        );
    }

    #[test]
    fn respects_within_and_bad_spans() {
        let t = "A one. B two. C three.";
        let got: Vec<&str> = sentences(t, Span::new(7, 22))
            .iter()
            .map(|s| s.slice(t))
            .collect();
        assert_eq!(got, vec!["B two.", "C three."]);
        assert!(sentences(t, Span::new(30, 40)).is_empty());
        assert!(sentences("é", Span::new(1, 2)).is_empty());
        assert!(sentences("", Span::new(0, 0)).is_empty());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "...",
            "?!",
            "\"",
            ". . .",
            "a.\u{0}B",
            "“”.",
            "x. ",
            ". X",
            "Ä. Ö. ü.",
        ] {
            for s in sentences(t, Span::new(0, t.len())) {
                assert!(t.get(s.start..s.end).is_some());
            }
        }
    }

    #[test]
    fn long_paragraph_is_fast() {
        let t = "Word U.S. a.b.c.d. 3.5 ... ".repeat(40_000);
        let n = sentences(&t, Span::new(0, t.len())).len();
        assert!(n >= 1);
    }
}

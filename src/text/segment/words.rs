//! A small word tokenizer shared by the attribution and mention finders.

use super::lexicon;
use crate::text::span::Span;

/// One token of a sentence: a word or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub span: Span,
    /// `None` for words, the character for punctuation.
    pub punct: Option<char>,
    /// Inside quotation marks (quoted words never name a speaker).
    pub quoted: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.punct.is_none()
    }

    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
}

/// Characters joining two alphanumeric runs into one word ("Iran’s",
/// "al-Sisi", "U.S", "6,221", "3.5").
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | ',' | '&')
}

/// Tokenizes `text[span]`, marking tokens that fall inside any of `quoted`
/// (sorted, non-overlapping byte ranges).
#[cfg(test)] // the segmenter itself tokenizes into a reused list
pub(crate) fn tokenize(text: &str, span: Span, quoted: &[Span]) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, span, quoted, &mut tokens);
    tokens
}

/// [`tokenize`] into `tokens` (cleared first), reusing its memory: the
/// speaker pass tokenizes sentence after sentence into one list.
///
/// Works on byte offsets, decoding a char only where a non-ASCII byte
/// starts one: building a list of every char first cost more than the
/// tokenizing itself.
pub(crate) fn tokenize_into(text: &str, span: Span, quoted: &[Span], tokens: &mut Vec<Token>) {
    tokens.clear();
    let Some(slice) = text.get(span.start..span.end) else {
        return;
    };
    let mut pos = 0;
    while let Some(c) = char_at(slice, pos) {
        let len = c.len_utf8();
        if c.is_whitespace() {
            pos += len;
            continue;
        }
        let (end, punct) = if c.is_alphanumeric() {
            (word_end(slice, pos), None)
        } else {
            (pos + len, Some(c))
        };
        tokens.push(Token {
            span: Span::new(span.start + pos, span.start + end),
            punct,
            quoted: false,
        });
        pos = end;
    }
    mark_quoted(tokens, quoted);
}

/// The char starting at byte `pos` of `s` (a char boundary), if any; ASCII
/// without decoding.
fn char_at(s: &str, pos: usize) -> Option<char> {
    match s.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s.get(pos..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// Byte offset in `s` just past the word starting at `start` (an
/// alphanumeric char), including a final period when the word is an
/// abbreviation or initial ("Gen.", "F.", "U.S.").
fn word_end(s: &str, start: usize) -> usize {
    let bytes = s.as_bytes();
    let mut j = start;
    loop {
        // The common case, an ASCII letter or digit, without decoding.
        if bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
            j += 1;
            continue;
        }
        let Some(c) = char_at(s, j) else {
            break;
        };
        let len = c.len_utf8();
        let joins =
            j > start && is_joiner(c) && char_at(s, j + len).is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || joins {
            j += len;
        } else {
            break;
        }
    }
    if bytes.get(j) == Some(&b'.') {
        let word = s.get(start..j).unwrap_or("");
        if lexicon::abbreviation(word) != lexicon::Abbrev::None {
            j += 1;
        }
    }
    j
}

/// Sets `quoted` on tokens inside any quoted range (both lists sorted).
fn mark_quoted(tokens: &mut [Token], quoted: &[Span]) {
    let mut q = 0;
    for t in tokens.iter_mut() {
        while quoted.get(q).is_some_and(|r| r.end <= t.span.start) {
            q += 1;
        }
        if let Some(r) = quoted.get(q) {
            t.quoted = r.start <= t.span.start && t.span.end <= r.end;
        }
    }
}

/// True when the word starts with an uppercase letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// True when the word starts with a lowercase letter.
pub(crate) fn is_lowercase(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_lowercase())
}

/// True for acronyms like "US", "USS", "NATO" (two or more capitals, no lowercase).
pub(crate) fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !word.chars().any(|c| c.is_lowercase())
}

/// The word without a possessive ending ("Iran’s" → "Iran").
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

/// True for possessive words ("Iran’s", "Qatar's").
pub(crate) fn is_possessive(word: &str) -> bool {
    strip_possessive(word).len() != word.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len()), &[])
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn keeps_possessives_abbreviations_and_numbers_whole() {
        assert_eq!(
            words("Iran’s Gen. F. Smith, U.S. 6,221 and 3.5."),
            vec!["Iran’s", "Gen.", "F.", "Smith", ",", "U.S.", "6,221", "and", "3.5", "."]
        );
    }

    #[test]
    fn marks_quoted_tokens() {
        let text = "He said “no contact” today";
        let open = text.find('“').unwrap_or(0);
        let close = text.find('”').unwrap_or(0) + '”'.len_utf8();
        let toks = tokenize(text, Span::new(0, text.len()), &[Span::new(open, close)]);
        let quoted: Vec<&str> = toks
            .iter()
            .filter(|t| t.quoted)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(quoted, vec!["“", "no", "contact", "”"]);
    }

    #[test]
    fn survives_odd_input() {
        assert!(words("").is_empty());
        assert_eq!(words("\u{0}\u{7}é."), vec!["\u{0}", "\u{7}", "é", "."]);
        assert_eq!(tokenize("abc", Span::new(2, 99), &[]).len(), 0);
    }
}

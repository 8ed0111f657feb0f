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
#[cfg(test)] // the segmenter itself tokenizes into reused buffers
pub(crate) fn tokenize(text: &str, span: Span, quoted: &[Span]) -> Vec<Token> {
    let mut buffers = TokenBuffers::default();
    tokenize_into(text, span, quoted, &mut buffers);
    buffers.tokens
}

/// The working lists of [`tokenize_into`], kept by a caller that tokenizes
/// sentence after sentence so that their memory is allocated once, not per
/// sentence.
#[derive(Debug, Default)]
pub(crate) struct TokenBuffers {
    chars: Vec<(usize, char)>,
    /// The tokens of the last call.
    pub tokens: Vec<Token>,
}

/// [`tokenize`] into `buffers.tokens` (cleared first), reusing their memory.
pub(crate) fn tokenize_into(text: &str, span: Span, quoted: &[Span], buffers: &mut TokenBuffers) {
    let TokenBuffers { chars, tokens } = buffers;
    chars.clear();
    tokens.clear();
    let Some(slice) = text.get(span.start..span.end) else {
        return;
    };
    // One char a byte at most: reserving that up front spares the
    // reallocations that growing from `char_indices`' low size hint costs.
    chars.reserve(slice.len());
    chars.extend(slice.char_indices().map(|(i, c)| (i + span.start, c)));
    let chars = chars.as_slice();
    let mut i = 0;
    while let Some(&(pos, c)) = chars.get(i) {
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let next = if c.is_alphanumeric() {
            word_end(chars, i, text)
        } else {
            i + 1
        };
        let end = chars.get(next).map_or(span.end, |&(p, _)| p);
        let punct = if c.is_alphanumeric() { None } else { Some(c) };
        tokens.push(Token {
            span: Span::new(pos, end),
            punct,
            quoted: false,
        });
        i = next.max(i + 1);
    }
    mark_quoted(tokens, quoted);
}

/// Index just past the word starting at `i`, including a final period when
/// the word is an abbreviation or initial ("Gen.", "F.", "U.S.").
fn word_end(chars: &[(usize, char)], i: usize, text: &str) -> usize {
    let mut j = i;
    while let Some(&(_, c)) = chars.get(j) {
        let joins =
            is_joiner(c) && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric()) && j > i;
        if c.is_alphanumeric() || joins {
            j += 1;
        } else {
            break;
        }
    }
    if chars.get(j).is_some_and(|&(_, c)| c == '.') {
        let start = chars.get(i).map_or(0, |&(p, _)| p);
        let end = chars.get(j).map_or(start, |&(p, _)| p);
        let word = text.get(start..end).unwrap_or("");
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

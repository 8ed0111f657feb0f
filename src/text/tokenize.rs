//! Word tokens with byte spans into the original text.
//!
//! Words come from Unicode word boundaries (UAX #29). On top of that we
//! expand English contractions ("won't" → will + not), drop possessive 's,
//! fold numbers to one shape token, and join a few hyphenated prefixes
//! ("de-escalation", "cease-fire") into one word, because the prefix flips or
//! fixes the meaning a linear model must see.

use super::normalize::{fold_char, fold_word_into};
use super::span::Span;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is, for the rules that follow tokenization (negation scope ends at punctuation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    /// Punctuation that closes a clause: . , ; : ! ? and brackets and quote marks.
    Break,
}

/// One token: its folded, lowercased text and the bytes of the original it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub span: Span,
    pub kind: TokenKind,
}

/// The shape token that every number becomes.
pub const NUMBER: &str = "<num>";

/// Prefixes that are joined to the word after a hyphen ("de-escalate" → "deescalate").
const JOINED_PREFIXES: &[&str] = &[
    "de", "anti", "non", "counter", "re", "pro", "cease", "self", "co", "pre", "post", "ex",
    "cross",
];

/// Tokenize `text`, calling `emit` for each token in order.
pub fn tokenize(text: &str, mut emit: impl FnMut(Token)) {
    let mut folded = String::new();
    // A word whose hyphen-join is still open: its text and span.
    let mut pending: Option<(String, Span)> = None;
    let mut pending_hyphen = false;
    for (start, piece) in text.split_word_bound_indices() {
        let span = Span::new(start, start + piece.len());
        let first = piece.chars().next().unwrap_or(' ');
        if first.is_alphanumeric() {
            fold_word_into(piece, &mut folded);
            if pending_hyphen {
                if let Some((prefix, pspan)) = pending.take() {
                    let joined = format!("{prefix}{folded}");
                    pending_hyphen = false;
                    push_word(
                        &joined,
                        Span::new(pspan.start, span.end),
                        &mut pending,
                        &mut emit,
                    );
                    continue;
                }
            }
            flush(&mut pending, &mut emit);
            push_word(&folded, span, &mut pending, &mut emit);
            continue;
        }
        if fold_char(first) == '-'
            && piece.chars().count() == 1
            && pending.is_some()
            && !pending_hyphen
        {
            // Keep the prefix open only when the hyphen touches it.
            if pending.as_ref().is_some_and(|(_, s)| s.end == start) {
                pending_hyphen = true;
                continue;
            }
        }
        pending_hyphen = false;
        flush(&mut pending, &mut emit);
        if first.is_whitespace() {
            continue;
        }
        if is_break(fold_char(first)) {
            emit(Token {
                text: fold_char(first).to_string(),
                span,
                kind: TokenKind::Break,
            });
        }
    }
    flush(&mut pending, &mut emit);
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '"'
    )
}

fn flush(pending: &mut Option<(String, Span)>, emit: &mut impl FnMut(Token)) {
    if let Some((text, span)) = pending.take() {
        emit(Token {
            text,
            span,
            kind: TokenKind::Word,
        });
    }
}

/// Emit one folded word, expanded; a joinable prefix is held back in `pending`.
fn push_word(
    word: &str,
    span: Span,
    pending: &mut Option<(String, Span)>,
    emit: &mut impl FnMut(Token),
) {
    if word.chars().any(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_numeric() || ".,'".contains(c))
    {
        emit(Token {
            text: NUMBER.to_string(),
            span,
            kind: TokenKind::Number,
        });
        return;
    }
    if JOINED_PREFIXES.contains(&word) {
        *pending = Some((word.to_string(), span));
        return;
    }
    for part in expand_contraction(word) {
        emit(Token {
            text: part,
            span,
            kind: TokenKind::Word,
        });
    }
}

/// "won't" → ["will", "not"]; "iran's" → ["iran"]; "we'll" → ["we", "will"]; "cannot" → ["can", "not"].
fn expand_contraction(word: &str) -> Vec<String> {
    if word == "cannot" {
        return vec!["can".into(), "not".into()];
    }
    if let Some(base) = word.strip_suffix("n't") {
        let base = match base {
            "wo" => "will",
            "ca" => "can",
            "sha" => "shall",
            "ai" => "is",
            other => other,
        };
        let mut out = Vec::with_capacity(2);
        if !base.is_empty() {
            out.push(base.to_string());
        }
        out.push("not".to_string());
        return out;
    }
    const SUFFIXES: &[(&str, &str)] = &[
        ("'ll", "will"),
        ("'ve", "have"),
        ("'re", "are"),
        ("'d", "would"),
        ("'m", "am"),
    ];
    for (suffix, expansion) in SUFFIXES {
        if let Some(base) = word.strip_suffix(suffix) {
            if !base.is_empty() {
                return vec![base.to_string(), (*expansion).to_string()];
            }
        }
    }
    if let Some(base) = word.strip_suffix("'s").or_else(|| word.strip_suffix('\'')) {
        if !base.is_empty() {
            return vec![base.to_string()];
        }
    }
    vec![word.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        tokenize(text, |t| out.push((t.text.clone(), t.span.slice(text))));
        out
    }

    #[test]
    fn contractions_expand_and_keep_the_original_span() {
        let got = words("Iran won\u{2019}t talk, they can't.");
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["iran", "will", "not", "talk", ",", "they", "can", "not", "."]
        );
        assert_eq!(got[1].1, "won\u{2019}t");
    }

    #[test]
    fn hyphenated_prefixes_join_and_numbers_fold() {
        let got = words(
            "A de-escalation after 6,221 deaths and a cease-fire in Israeli-Palestinian talks",
        );
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "a",
                "deescalation",
                "after",
                "<num>",
                "deaths",
                "and",
                "a",
                "ceasefire",
                "in",
                "israeli",
                "palestinian",
                "talks"
            ]
        );
        assert_eq!(got[1].1, "de-escalation");
    }

    #[test]
    fn a_dangling_prefix_is_still_a_word() {
        let texts: Vec<String> = words("anti - war re").into_iter().map(|(t, _)| t).collect();
        assert_eq!(texts, ["anti", "war", "re"]);
    }
}

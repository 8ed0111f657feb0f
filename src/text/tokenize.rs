//! Word tokens with byte spans into the original text.
//!
//! Words come from Unicode word boundaries (UAX #29). On top of that we
//! expand English contractions ("won't" → will + not), drop possessive 's,
//! fold numbers to one shape token, and join a few hyphenated prefixes
//! ("de-escalation", "cease-fire") into one word, because the prefix flips or
//! fixes the meaning a linear model must see.
//!
//! This is the hot loop of scoring, so tokens borrow their text (from the
//! input, a reused buffer or a constant) instead of each owning a `String`,
//! and ASCII text is split at word boundaries by a byte loop that gives the
//! same pieces as UAX #29 (see [`word_pieces`]).

use super::normalize::{fold_char, fold_word_into};
use super::span::Span;
use std::cell::RefCell;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub span: Span,
    pub kind: TokenKind,
}

/// The shape token that every number but a year becomes.
pub const NUMBER: &str = "<num>";

/// The shape token of a four-digit year (1800 to 2099). Kept apart from other
/// numbers because a year marks a retrospective ("shelled the island in
/// 2010"), which the guide labels neutral, where a count marks the size of
/// an event ("1,200 occasions", "3,000 troops").
pub const YEAR: &str = "<year>";

/// Prefixes that are joined to the word after a hyphen ("de-escalate" → "deescalate").
const JOINED_PREFIXES: &[&str] = &[
    "de", "anti", "non", "counter", "re", "pro", "cease", "self", "co", "pre", "post", "ex",
    "cross",
];

/// Tokenize `text`, calling `emit` for each token in order.
pub fn tokenize(text: &str, emit: impl FnMut(Token)) {
    thread_local! {
        /// Kept from call to call: a unit then costs no allocation for its words.
        static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
    }
    BUFFERS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffers) => {
            tokenize_with(text, &mut buffers, emit);
            buffers.release_if_huge();
        }
        // Tokenizing inside `emit`: the inner call gets buffers of its own.
        Err(_) => tokenize_with(text, &mut Buffers::default(), emit),
    })
}

/// Text a token is built in before `emit` borrows it.
#[derive(Default)]
struct Buffers {
    /// The folded word piece.
    folded: String,
    /// A prefix and the word after its hyphen ("de" + "escalation").
    joined: String,
    /// A word whose hyphen-join is still open (see `pending` in [`tokenize_with`]).
    prefix: String,
}

impl Buffers {
    fn release_if_huge(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.folded.capacity() + self.joined.capacity() + self.prefix.capacity() > KEEP {
            *self = Buffers::default();
        }
    }
}

fn tokenize_with(text: &str, buffers: &mut Buffers, mut emit: impl FnMut(Token)) {
    let Buffers {
        folded,
        joined,
        prefix,
    } = buffers;
    // The span of a word whose hyphen-join is still open; its text is in `prefix`.
    let mut pending: Option<Span> = None;
    let mut pending_hyphen = false;
    word_pieces(text, |start, piece, shape| {
        let span = Span::new(start, start + piece.len());
        let (word, marks) = match shape {
            // What the general path below does with whitespace, without decoding it.
            Shape::Space => {
                pending_hyphen = false;
                flush(&mut pending, prefix, &mut emit);
                return;
            }
            Shape::Word(marks) => (fold_ascii_piece(piece, marks, folded), marks),
            Shape::Unknown => {
                let first = piece.chars().next().unwrap_or(' ');
                if !first.is_alphanumeric() {
                    other_piece(
                        piece,
                        first,
                        span,
                        &mut pending,
                        &mut pending_hyphen,
                        prefix,
                        &mut emit,
                    );
                    return;
                }
                let word = fold_piece(piece, folded);
                (word, Marks::of(word))
            }
        };
        if pending_hyphen {
            if let Some(pspan) = pending.take() {
                joined.clear();
                joined.push_str(prefix);
                joined.push_str(word);
                pending_hyphen = false;
                push_word(
                    joined,
                    Marks::of(joined),
                    Span::new(pspan.start, span.end),
                    &mut pending,
                    prefix,
                    &mut emit,
                );
                return;
            }
        }
        flush(&mut pending, prefix, &mut emit);
        push_word(word, marks, span, &mut pending, prefix, &mut emit);
    });
    flush(&mut pending, prefix, &mut emit);
}

/// A piece that is not a word: a hyphen that may join a prefix to the next
/// word, whitespace, a clause break, or other punctuation (dropped).
fn other_piece(
    piece: &str,
    first: char,
    span: Span,
    pending: &mut Option<Span>,
    pending_hyphen: &mut bool,
    prefix: &str,
    emit: &mut impl FnMut(Token),
) {
    let start = span.start;
    if fold_char(first) == '-' && piece.chars().count() == 1 && !*pending_hyphen {
        // Keep the prefix open only when the hyphen touches it.
        if pending.is_some_and(|s| s.end == start) {
            *pending_hyphen = true;
            return;
        }
    }
    *pending_hyphen = false;
    flush(pending, prefix, emit);
    if first.is_whitespace() {
        return;
    }
    let folded_first = fold_char(first);
    if is_break(folded_first) {
        let mut utf8 = [0u8; 4];
        emit(Token {
            text: folded_first.encode_utf8(&mut utf8),
            span,
            kind: TokenKind::Break,
        });
    }
}

/// The folded, lowercased text of a word piece: the piece itself when
/// folding leaves it as it is, else built in `out`. ASCII word pieces (most
/// of them) only need lowercasing: no ASCII letter, digit or in-word mark
/// (`:` `.` `'` `,` `;` `_`) is changed by folding, and most words are
/// lowercase already, so they are not copied at all.
fn fold_piece<'a>(piece: &'a str, out: &'a mut String) -> &'a str {
    // Branch-free over the bytes: a table lookup each, one decision at the end.
    let mut all_plain = PLAIN;
    let mut any_upper = 0;
    for b in piece.bytes() {
        let flags = FOLD_FLAGS[usize::from(b)];
        all_plain &= flags;
        any_upper |= flags;
    }
    if all_plain & PLAIN == 0 {
        fold_word_into(piece, out);
        return out;
    }
    if any_upper & UPPER == 0 {
        return piece;
    }
    out.clear();
    out.push_str(piece);
    out.make_ascii_lowercase();
    out
}

/// [`fold_piece`] of a word piece of the ASCII splitter, whose marks it
/// already knows: every byte of such a piece is one folding leaves as it is
/// up to case, so only a piece with a capital is copied, lowercased.
fn fold_ascii_piece<'a>(piece: &'a str, marks: Marks, out: &'a mut String) -> &'a str {
    if marks.0 & Marks::UPPER == 0 {
        return piece;
    }
    out.clear();
    out.push_str(piece);
    out.make_ascii_lowercase();
    out
}

/// Which of the bytes the token rules look for a word holds, gathered in one
/// pass (by the ASCII splitter as it scans, or by [`Marks::of`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marks(u8);

impl Marks {
    const UPPER: u8 = 1;
    const DIGIT: u8 = 2;
    const APOSTROPHE: u8 = 4;

    /// The marks of the bytes of `word`.
    fn of(word: &str) -> Marks {
        Marks(word.bytes().fold(0, |m, b| m | MARK[usize::from(b)]))
    }
}

/// [`Marks`] of each byte.
const MARK: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            Marks::UPPER
        } else if c.is_ascii_digit() {
            Marks::DIGIT
        } else if c == b'\'' {
            Marks::APOSTROPHE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// What the ASCII splitter already knows of a piece it hands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Whitespace.
    Space,
    /// A run that starts with an ASCII letter or digit, with its marks.
    Word(Marks),
    /// Not known: look at the piece.
    Unknown,
}

/// A byte that folding leaves as it is up to case: ASCII letters, digits and `_:.',;`.
const PLAIN: u8 = 1;
/// An ASCII capital.
const UPPER: u8 = 2;

const FOLD_FLAGS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'_' | b':' | b'.' | b'\'' | b',' | b';') {
            table[b] = PLAIN;
        }
        if c.is_ascii_uppercase() {
            table[b] |= UPPER;
        }
        b += 1;
    }
    table
};

fn is_break(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '"'
    )
}

/// Emit the held-back prefix, if any, as a word of its own.
fn flush(pending: &mut Option<Span>, prefix: &str, emit: &mut impl FnMut(Token)) {
    if let Some(span) = pending.take() {
        emit(Token {
            text: prefix,
            span,
            kind: TokenKind::Word,
        });
    }
}

/// Emit one folded word, expanded; a joinable prefix is held back in
/// `pending` (its span) and `prefix` (its text). `marks` are those of `word`.
fn push_word(
    word: &str,
    marks: Marks,
    span: Span,
    pending: &mut Option<Span>,
    prefix: &mut String,
    emit: &mut impl FnMut(Token),
) {
    let digit = marks.0 & Marks::DIGIT != 0;
    let apostrophe = marks.0 & Marks::APOSTROPHE != 0;
    if digit && word.chars().all(|c| c.is_numeric() || ".,'".contains(c)) {
        emit(Token {
            text: if is_year(word) { YEAR } else { NUMBER },
            span,
            kind: TokenKind::Number,
        });
        return;
    }
    if is_joined_prefix(word) {
        prefix.clear();
        prefix.push_str(word);
        *pending = Some(span);
        return;
    }
    let mut emit_word = |part: &str| {
        emit(Token {
            text: part,
            span,
            kind: TokenKind::Word,
        })
    };
    // Every contraction rule but "cannot" needs an apostrophe: most words have none.
    if !apostrophe && word != "cannot" {
        emit_word(word);
    } else {
        expand_contraction(word, emit_word);
    }
}

/// Four ASCII digits from 1800 to 2099.
fn is_year(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|b| b.is_ascii_digit())
        && matches!(word.as_bytes()[..2], [b'1', b'8' | b'9'] | [b'2', b'0'])
}

/// One of [`JOINED_PREFIXES`]; a `match` compiles to a switch on the length
/// and a compare or two, where searching the list compared with each entry.
fn is_joined_prefix(word: &str) -> bool {
    let found = matches!(
        word,
        "de" | "anti"
            | "non"
            | "counter"
            | "re"
            | "pro"
            | "cease"
            | "self"
            | "co"
            | "pre"
            | "post"
            | "ex"
            | "cross"
    );
    debug_assert_eq!(found, JOINED_PREFIXES.contains(&word));
    found
}

/// "won't" → ["will", "not"]; "iran's" → ["iran"]; "we'll" → ["we", "will"]; "cannot" → ["can", "not"].
/// The parts go to `emit` in order (slices of `word` or constants: nothing is allocated).
fn expand_contraction(word: &str, mut emit: impl FnMut(&str)) {
    if word == "cannot" {
        emit("can");
        emit("not");
        return;
    }
    if let Some(base) = word.strip_suffix("n't") {
        let base = match base {
            "wo" => "will",
            "ca" => "can",
            "sha" => "shall",
            "ai" => "is",
            other => other,
        };
        if !base.is_empty() {
            emit(base);
        }
        emit("not");
        return;
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
                emit(base);
                emit(expansion);
                return;
            }
        }
    }
    if let Some(base) = word.strip_suffix("'s").or_else(|| word.strip_suffix('\'')) {
        if !base.is_empty() {
            emit(base);
            return;
        }
    }
    emit(word);
}

/// The pieces of `text` between Unicode word boundaries (UAX #29), with their
/// byte offsets: exactly what `split_word_bound_indices` yields.
///
/// Most news text is ASCII, and for ASCII the boundary rules reduce to a few
/// byte classes, so this splits the text at ASCII whitespace into chunks,
/// segments ASCII chunks with a byte loop and hands any chunk with a
/// non-ASCII byte to the full UAX #29 implementation. Splitting there is
/// sound because the rules always break before a whitespace byte that follows
/// an ASCII non-whitespace character, and after whitespace that an ASCII
/// character follows (only a non-ASCII extender could join onto it). The
/// tests compare the pieces with `split_word_bound_indices` on random mixes of
/// every character class involved.
pub(crate) fn word_pieces<'a>(text: &'a str, mut emit: impl FnMut(usize, &'a str, Shape)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if kind(bytes[i]) == SPACE {
            // A run of spaces is one piece (WB3d), CR LF is one (WB3), any other whitespace byte
            // is a piece of its own.
            let mut j = i + 1;
            if bytes[i] == b' ' {
                while j < bytes.len() && bytes[j] == b' ' {
                    j += 1;
                }
            } else if bytes[i] == b'\r' && bytes.get(j) == Some(&b'\n') {
                j += 1;
            }
            // Followed by a non-ASCII character (which may extend it, WB4): segment it with that.
            if bytes.get(j).is_none_or(u8::is_ascii) {
                emit(i, &text[i..j], Shape::Space);
                i = j;
                continue;
            }
        }
        // A chunk ends before a whitespace byte that follows an ASCII non-whitespace one: the
        // rules always break there (only whitespace joins onto whitespace, WB3 and WB3d, and
        // non-ASCII spaces such as U+2009 join too, so the byte before must be ASCII).
        let start = i;
        let mut ascii = true;
        let mut end = i;
        while end < bytes.len() {
            // Plain ASCII bytes change nothing here: step over them eight at a time.
            end = skip_plain_ascii(bytes, end);
            let Some(&b) = bytes.get(end) else { break };
            match kind(b) {
                ASCII_NOT_SPACE => {}
                SPACE => {
                    if end > start && kind(bytes[end - 1]) == ASCII_NOT_SPACE {
                        break;
                    }
                }
                _ => ascii = false,
            }
            end += 1;
        }
        let chunk = &text[start..end];
        if ascii {
            ascii_pieces(chunk, start, &mut emit);
        } else {
            for (k, piece) in chunk.split_word_bound_indices() {
                emit(start + k, piece, Shape::Unknown);
            }
        }
        i = end;
    }
}

/// The first index from `at` on whose byte is ASCII whitespace, another
/// control byte or part of a non-ASCII character (`bytes.len()` when none
/// is), looking at eight bytes a step: the chunk scan of [`word_pieces`]
/// runs over every byte of input, and only those bytes matter to it. In a
/// word `v`, `(v - 0x21..) & !v` sets the top bit of each byte below 0x21
/// that no borrow reached, and a borrow only runs on from a byte that is
/// itself below 0x21, so the lowest byte flagged (with `v`'s own top bits,
/// the non-ASCII bytes) is exactly the first byte looked for.
#[inline]
fn skip_plain_ascii(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word);
        let flagged = ((v.wrapping_sub(ONES * 0x21) & !v) | v) & HIGHS;
        if flagged != 0 {
            return at + (flagged.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && (0x21..0x80).contains(&bytes[at]) {
        at += 1;
    }
    at
}

/// ASCII whitespace as UAX #29 sees it: space (WSegSpace), tab (Other), and the line breaks.
const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The three kinds of byte the chunking of [`word_pieces`] tells apart,
/// looked up in [`KIND`]: it runs on every byte of input.
const ASCII_NOT_SPACE: u8 = 0;
const SPACE: u8 = 1;
const NON_ASCII: u8 = 2;

fn kind(b: u8) -> u8 {
    KIND[usize::from(b)]
}

/// ASCII whitespace ([`is_space`]) or not, or a byte of a non-ASCII character.
const KIND: [u8; 256] = {
    let mut table = [ASCII_NOT_SPACE; 256];
    let mut b = 0;
    while b < 256 {
        if is_space(b as u8) {
            table[b] = SPACE;
        } else if b >= 0x80 {
            table[b] = NON_ASCII;
        }
        b += 1;
    }
    table
};

/// The Word_Break property of an ASCII byte, as far as the rules tell them apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// ':' (MidLetter)
    MidLetter,
    /// '.' and '\'' (MidNumLet, Single_Quote)
    MidNumLet,
    /// ',' and ';' (MidNum)
    MidNum,
    /// '_'
    ExtendNumLet,
    Other,
}

fn class(b: u8) -> Class {
    CLASS[usize::from(b)]
}

/// [`class`] of every byte, looked up rather than matched: it runs per byte of input.
const CLASS: [Class; 256] = {
    let mut table = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            b':' => Class::MidLetter,
            b'.' | b'\'' => Class::MidNumLet,
            b',' | b';' => Class::MidNum,
            b'_' => Class::ExtendNumLet,
            _ => Class::Other,
        };
        b += 1;
    }
    table
};

/// The UAX #29 pieces of an ASCII chunk with no whitespace: runs of letters,
/// digits and '_' (WB5, WB8 to WB10, WB13a/b), carried across one mid
/// character between two letters or two digits; any other byte is a piece of
/// its own (WB999).
fn ascii_pieces<'a>(chunk: &'a str, offset: usize, emit: &mut impl FnMut(usize, &'a str, Shape)) {
    let bytes = chunk.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = class(bytes[i]);
        let mut j = i + 1;
        if !matches!(c, Class::Letter | Class::Digit | Class::ExtendNumLet) {
            emit(offset + i, &chunk[i..j], Shape::Unknown);
            i = j;
            continue;
        }
        // The marks of the run's bytes, gathered on the way for the token rules.
        let mut marks = MARK[usize::from(bytes[i])];
        let mut prev = c;
        while j < bytes.len() {
            let next = class(bytes[j]);
            match next {
                Class::Letter | Class::Digit | Class::ExtendNumLet => {
                    marks |= MARK[usize::from(bytes[j])];
                    prev = next;
                    j += 1;
                }
                Class::MidLetter | Class::MidNumLet | Class::MidNum => {
                    let after = bytes.get(j + 1).map(|&b| class(b));
                    // WB6/WB7: letter (: . ') letter; WB11/WB12: digit (, ; . ') digit.
                    let joins = matches!(
                        (prev, next, after),
                        (
                            Class::Letter,
                            Class::MidLetter | Class::MidNumLet,
                            Some(Class::Letter)
                        ) | (
                            Class::Digit,
                            Class::MidNum | Class::MidNumLet,
                            Some(Class::Digit)
                        )
                    );
                    if joins {
                        marks |= MARK[usize::from(bytes[j])] | MARK[usize::from(bytes[j + 1])];
                        prev = after.unwrap_or(Class::Other);
                        j += 2;
                    } else {
                        break;
                    }
                }
                Class::Other => break,
            }
        }
        // A run led by '_' is not a word to the token rules: they look at it themselves.
        let shape = if c == Class::ExtendNumLet {
            Shape::Unknown
        } else {
            Shape::Word(Marks(marks))
        };
        emit(offset + i, &chunk[i..j], shape);
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        tokenize(text, |t| out.push((t.text.to_string(), t.span.slice(text))));
        out
    }

    /// The token texts of `words`' output, without their spans.
    fn texts<'a>(got: &'a [(String, &str)]) -> Vec<&'a str> {
        got.iter().map(|(t, _)| t.as_str()).collect()
    }

    #[test]
    fn four_digit_years_fold_apart_from_other_numbers() {
        let got = words("In 2014, 1,200 raids; 1799 and 2100 are counts, 1800 and 2099 years.");
        assert_eq!(
            texts(&got),
            [
                "in", YEAR, ",", NUMBER, "raids", ";", NUMBER, "and", NUMBER, "are", "counts", ",",
                YEAR, "and", YEAR, "years", "."
            ]
        );
        assert_eq!(got[1].1, "2014");
    }

    #[test]
    fn contractions_expand_and_keep_the_original_span() {
        let got = words("Iran won\u{2019}t talk, they can't.");
        assert_eq!(
            texts(&got),
            ["iran", "will", "not", "talk", ",", "they", "can", "not", "."]
        );
        assert_eq!(got[1].1, "won\u{2019}t");
    }

    #[test]
    fn hyphenated_prefixes_join_and_numbers_fold() {
        let got = words(
            "A de-escalation after 6,221 deaths and a cease-fire in Israeli-Palestinian talks",
        );
        assert_eq!(
            texts(&got),
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
    fn the_prefix_switch_is_the_prefix_list() {
        for prefix in JOINED_PREFIXES {
            assert!(is_joined_prefix(prefix), "{prefix}");
        }
        for word in ["", "d", "dee", "counters", "crosss", "anti-", "Re"] {
            assert!(!is_joined_prefix(word), "{word}");
        }
    }

    #[test]
    fn a_dangling_prefix_is_still_a_word() {
        assert_eq!(texts(&words("anti - war re")), ["anti", "war", "re"]);
    }

    /// What UAX #29 itself gives, for comparison with [`word_pieces`].
    fn uax29(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    fn ours(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        word_pieces(text, |i, p, shape| {
            // What the splitter knows of a piece must be what the piece shows.
            match shape {
                Shape::Space => assert!(p.chars().all(char::is_whitespace), "{p:?}"),
                Shape::Word(marks) => {
                    assert!(p.as_bytes()[0].is_ascii_alphanumeric(), "{p:?}");
                    assert_eq!(marks, Marks::of(p), "{p:?}");
                }
                Shape::Unknown => {}
            }
            out.push((i, p))
        });
        out
    }

    #[test]
    fn word_pieces_match_uax29_on_news_text() {
        for text in [
            "Iran won\u{2019}t attack, officials said.",
            "A cease-fire after 6,221 deaths: 3.5% of U.S. troops left.",
            "hello   world\r\n\tnext\x0b\x0cend",
            "e.g. a.b.c 1.2.3 a_b __ x:y:z a:1 3,4;5 it's 'quoted'",
            " \u{301}x a \u{200d}b \u{2009} c\u{2009}\u{2009}d",
            "\u{1f525}\u{1f4a5} strike \u{1f468}\u{200d}\u{1f469}",
        ] {
            assert_eq!(ours(text), uax29(text), "{text:?}");
        }
    }

    #[test]
    fn skipping_plain_ascii_stops_at_the_first_byte_that_matters() {
        // Every byte value at every place of a word and of the tail after it,
        // behind plain letters and behind a byte that borrows.
        for lead in [b'a', 0x00, 0x20] {
            for at in 0..12 {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'x'; 12];
                    bytes[0] = lead;
                    bytes[at] = b;
                    let from = usize::from(lead != b'a' && at != 0);
                    let want = (from..bytes.len())
                        .find(|&k| !(0x21..0x80).contains(&bytes[k]))
                        .unwrap_or(bytes.len());
                    assert_eq!(skip_plain_ascii(&bytes, from), want, "{lead} {at} {b}");
                }
            }
        }
    }

    /// Characters around which the word-boundary rules differ: every class the
    /// ASCII splitter distinguishes, whitespace of each kind, and non-ASCII
    /// letters, marks, joiners, spaces and emoji that must go to UAX #29.
    const PIECES: &[&str] = &[
        "a",
        "Z",
        "q",
        "7",
        "0",
        ":",
        ".",
        "'",
        ",",
        ";",
        "_",
        "-",
        "\"",
        "(",
        "!",
        "$",
        "/",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\x0b",
        "\x0c",
        "\x00",
        "\x1f",
        "\x7f",
        "\u{2019}",
        "\u{201c}",
        "\u{2014}",
        "\u{e9}",
        "\u{301}",
        "\u{200d}",
        "\u{1f525}",
        "\u{1f3fd}",
        "\u{a0}",
        "\u{2009}",
        "\u{3000}",
        "\u{5d0}",
        "\u{30a2}",
        "\u{1f1fa}",
        "\u{ad}",
        "\u{200b}",
        "\u{85}",
        "\u{2028}",
        "\u{feff}",
        "\u{ff0e}",
        "1.5",
        "a.b",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        #[test]
        fn word_pieces_match_uax29(parts in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = parts.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(ours(&text), uax29(&text), "{:?}", text);
        }
    }
}

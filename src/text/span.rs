//! Byte ranges into the caller's original text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the original text. Both ends always
/// fall on `char` boundaries, so `&text[span.start..span.end]` never panics for
/// the text the span was made from.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text under this span, or `""` when the span does not fit `text`
    /// (a span from another text must not panic the caller).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

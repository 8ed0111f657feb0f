//! The start of an ASCII unit as the boilerplate lists see it (lowercased,
//! runs of whitespace collapsed to one space, no leading or trailing
//! whitespace), written into a small fixed buffer instead of normalising
//! the whole unit: the list tests only ever read a unit's first few dozen
//! bytes, and nearly every unit is a news sentence that fails them there.

/// The ASCII chars that `char::is_whitespace` accepts (unlike
/// `u8::is_ascii_whitespace`, this includes the vertical tab).
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// At most `N` bytes of the normalised form of an ASCII unit, and whether
/// they are all of it.
pub(super) struct FoldedHead<const N: usize> {
    bytes: [u8; N],
    len: usize,
    complete: bool,
}

impl<const N: usize> FoldedHead<N> {
    /// Folds the start of `raw` (ASCII) until `N` bytes are written. Other
    /// bytes are copied as they are, so a caller must only compare the head
    /// of ASCII text with it.
    pub fn of(raw: &[u8]) -> Self {
        let mut head = FoldedHead {
            bytes: [0; N],
            len: 0,
            complete: true,
        };
        // A space is written only before the next word, so trailing
        // whitespace leaves none.
        let mut space_due = false;
        for &b in raw {
            if is_space(b) {
                space_due = head.len > 0;
                continue;
            }
            if (space_due && !head.push(b' ')) || !head.push(b.to_ascii_lowercase()) {
                head.complete = false;
                break;
            }
            space_due = false;
        }
        head
    }

    fn push(&mut self, b: u8) -> bool {
        match self.bytes.get_mut(self.len) {
            Some(slot) => {
                *slot = b;
                self.len += 1;
                true
            }
            None => false,
        }
    }

    /// The folded bytes written (all of the normalised unit when
    /// [`FoldedHead::is_complete`]).
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }

    /// True when the whole normalised unit fitted in `N` bytes.
    pub fn is_complete(&self) -> bool {
        self.complete
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalised(t: &str) -> String {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    #[test]
    fn matches_the_start_of_the_normalised_unit() {
        for t in [
            "",
            "   ",
            "Read  MORE\t\x0b\x0c\r\n now ",
            " Share\nthis ",
            "\x1cFILE\x1fSEP\x7f ",
            "a",
            "abcdefgh",
            "abcdefghi",
            "abcd efgh",
            "abcdefg h",
            "abcdefgh ",
            "  abc   defgh   ",
        ] {
            let full = normalised(t);
            let head = FoldedHead::<8>::of(t.as_bytes());
            let n = full.len().min(8);
            assert_eq!(head.as_bytes(), &full.as_bytes()[..n], "{t:?}");
            assert_eq!(head.is_complete(), full.len() <= 8, "{t:?}");
        }
    }
}

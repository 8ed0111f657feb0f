//! The distinct weight rows of a unit, gathered as a bitset so that they come
//! out ascending and once each without a sort.

/// A set of weight rows: one bit per row of the model, and a summary bit
/// per 64-bit word of those, so that listing the set visits only the words
/// that hold a row. Left empty after each unit by [`RowSet::drain_sorted`].
#[derive(Default)]
pub(super) struct RowSet {
    words: Vec<u64>,
    /// Bit `w % 64` of `summary[w / 64]`: `words[w]` is not zero.
    summary: Vec<u64>,
    /// Rows past the model's last one (a table never gives them, but a
    /// corrupt one must not index out of the bitset): listed after the
    /// bitset's rows, sorted and distinct.
    beyond: Vec<u32>,
}

impl RowSet {
    /// Make room for rows below `n_rows`.
    pub(super) fn fit(&mut self, n_rows: usize) {
        let words = n_rows.div_ceil(64);
        if self.words.len() < words {
            self.words.resize(words, 0);
            self.summary.resize(words.div_ceil(64), 0);
        }
    }

    #[inline]
    pub(super) fn insert(&mut self, row: u32) {
        let w = row as usize / 64;
        match self.words.get_mut(w) {
            Some(word) => {
                *word |= 1 << (row % 64);
                self.summary[w / 64] |= 1 << (w % 64);
            }
            None => self.beyond.push(row),
        }
    }

    /// Give the rows to `each` in ascending order, each once, and empty the set.
    pub(super) fn drain_sorted(&mut self, mut each: impl FnMut(u32)) {
        for (s, summary) in self.summary.iter_mut().enumerate() {
            let mut marked = std::mem::take(summary);
            while marked != 0 {
                let w = s * 64 + marked.trailing_zeros() as usize;
                marked &= marked - 1;
                let mut bits = std::mem::take(&mut self.words[w]);
                while bits != 0 {
                    each((w * 64) as u32 + bits.trailing_zeros());
                    bits &= bits - 1;
                }
            }
        }
        if !self.beyond.is_empty() {
            self.beyond.sort_unstable();
            self.beyond.dedup();
            self.beyond.drain(..).for_each(each);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_past_the_bitset_come_last_sorted_and_distinct() {
        let mut set = RowSet::default();
        set.fit(100);
        for row in [5000, 7, 130, 5000, 7, 4999, 0] {
            set.insert(row);
        }
        let mut rows = Vec::new();
        set.drain_sorted(|row| rows.push(row));
        assert_eq!(rows, [0, 7, 130, 4999, 5000]);
    }
}

//! Folding of typographic variants so that “curly” and "straight" text featurize alike.
//!
//! Folding is per character and never changes where a token lies in the
//! original text: tokens keep their byte spans, only their feature text is folded.

/// The plain form of a typographic character, or the character itself.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`'
        | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
        _ => c,
    }
}

/// Lowercased, folded copy of a word, appended to `out` (reused to avoid allocation).
pub fn fold_word_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        let c = fold_char(c);
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_apostrophes_and_dashes_fold() {
        let mut out = String::new();
        fold_word_into("Won\u{2019}t", &mut out);
        assert_eq!(out, "won't");
        assert_eq!(fold_char('\u{201C}'), '"');
        assert_eq!(fold_char('\u{2014}'), '-');
        fold_word_into("ÉLYSÉE", &mut out);
        assert_eq!(out, "élysée");
    }
}

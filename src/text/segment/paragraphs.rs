//! Paragraph splitting: blank lines separate paragraphs.

use crate::text::span::Span;

/// Splits `text` into paragraphs at blank lines (lines holding only
/// whitespace; `\n` and `\r\n` endings alike). Each span is trimmed of
/// surrounding whitespace and empty paragraphs are dropped, so
/// `&text[p.start..p.end]` is the paragraph exactly.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    // Byte range of the paragraph being built: first non-blank line's content
    // start to the last non-blank line's content end.
    let mut current: Option<Span> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_matches(is_space);
        if trimmed.is_empty() {
            out.extend(current.take());
        } else {
            let lead = line.len() - line.trim_start_matches(is_space).len();
            let content_end = line_start + line.trim_end_matches(is_space).len();
            let start = current.map_or(line_start + lead, |p| p.start);
            current = Some(Span::new(start, content_end));
        }
        line_start += line.len();
    }
    out.extend(current);
    out
}

/// Whitespace for trimming units: Unicode whitespace plus the byte-order
/// mark and zero-width space, which editors leave at line starts.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text).iter().map(|p| p.slice(text)).collect()
    }

    #[test]
    fn splits_on_blank_lines_and_trims() {
        let t = "  Title  \n\nFirst line\nsecond line.\n \t \nLast.\n\n\n";
        assert_eq!(texts(t), vec!["Title", "First line\nsecond line.", "Last."]);
    }

    #[test]
    fn byte_order_mark_is_not_content() {
        let t = "\u{feff}Headline\n\n\u{200b}\nBody.";
        assert_eq!(texts(t), vec!["Headline", "Body."]);
    }

    #[test]
    fn handles_crlf() {
        let t = "One.\r\n\r\nTwo a.\r\nTwo b.\r\n\r\n";
        assert_eq!(texts(t), vec!["One.", "Two a.\r\nTwo b."]);
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n \r\n\t\n").is_empty());
        assert_eq!(texts("no newline"), vec!["no newline"]);
    }

    #[test]
    fn unicode_whitespace_and_control_chars() {
        let t = "\u{3000}Ä\u{0}b\u{2028}\n\u{a0}\nNext";
        let ps = paragraphs(t);
        assert_eq!(ps.len(), 2);
        for p in ps {
            assert!(t.get(p.start..p.end).is_some());
        }
    }
}

//! The fast path for the common JSON Lines record: one flat object whose only
//! fields are the text and id fields, each a string, each given once, e.g.
//! `{"id": "r1", "text": "..."}`.
//!
//! Such a line is read in one pass over its bytes, without `serde_json`'s
//! general value building. Anything else (other fields, non-string values,
//! duplicate or escaped field names, lone surrogates, control characters,
//! trailing bytes, any malformed JSON) returns `None`, and the caller parses
//! the line with `serde_json` as before. So this path only ever answers for
//! lines `serde_json` reads without error, and then gives the same strings:
//! every output and error row stays what it was.

/// The text and id strings of a flat two-field line, or `None` when the line
/// is anything else. Either field may be absent (`{}` has neither).
pub fn parse(
    line: &str,
    text_field: &str,
    id_field: &str,
) -> Option<(Option<String>, Option<String>)> {
    if text_field == id_field {
        return None;
    }
    let mut at = Cursor {
        line,
        bytes: line.as_bytes(),
        pos: 0,
    };
    let mut text = None;
    let mut id = None;
    at.skip_whitespace();
    at.expect(b'{')?;
    at.skip_whitespace();
    if at.peek() == Some(b'}') {
        at.pos += 1;
    } else {
        loop {
            at.expect(b'"')?;
            let key = at.plain_string()?;
            let slot = if key == text_field {
                &mut text
            } else if key == id_field {
                &mut id
            } else {
                return None;
            };
            if slot.is_some() {
                return None;
            }
            at.skip_whitespace();
            at.expect(b':')?;
            at.skip_whitespace();
            at.expect(b'"')?;
            *slot = Some(at.string()?);
            at.skip_whitespace();
            match at.next()? {
                b',' => at.skip_whitespace(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    at.skip_whitespace();
    if at.pos != at.bytes.len() {
        return None;
    }
    Some((text, id))
}

/// A read position in a line. Every place the cursor slices at is next to
/// an ASCII byte, so slices of the line are cheap `str::get`s.
struct Cursor<'l> {
    line: &'l str,
    bytes: &'l [u8],
    pos: usize,
}

impl<'l> Cursor<'l> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn expect(&mut self, wanted: u8) -> Option<()> {
        (self.next()? == wanted).then_some(())
    }

    /// JSON's whitespace, exactly the four bytes `serde_json` skips.
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The bytes up to the next quote, backslash or control byte (or the end).
    fn skip_plain(&mut self) {
        // Sixteen bytes at a time while none of them needs a look, then byte
        // by byte from the first block that has one.
        for block in self.bytes[self.pos..].chunks_exact(16) {
            let (low, high) = block.split_at(8);
            if needs_look(word(low)) | needs_look(word(high)) {
                break;
            }
            self.pos += 16;
        }
        while let Some(byte) = self.peek() {
            if byte == b'"' || byte == b'\\' || byte < 0x20 {
                return;
            }
            self.pos += 1;
        }
    }

    /// A string without escapes, after its opening quote; `None` if it has any.
    fn plain_string(&mut self) -> Option<&'l str> {
        let start = self.pos;
        self.skip_plain();
        if self.peek()? != b'"' {
            return None;
        }
        let s = self.line.get(start..self.pos)?;
        self.pos += 1;
        Some(s)
    }

    /// A string after its opening quote, escapes decoded as `serde_json`
    /// decodes them; `None` for anything it would reject or that needs a
    /// closer look (a surrogate not in a valid pair).
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.skip_plain();
        if self.peek()? == b'"' {
            // No escapes: one allocation of the exact size.
            let plain = self.line.get(start..self.pos)?.to_string();
            self.pos += 1;
            return Some(plain);
        }
        // The decoded string is never longer than the rest of the line.
        let mut out = String::with_capacity(self.bytes.len() - start);
        out.push_str(self.line.get(start..self.pos)?);
        loop {
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => out.push(self.escape()?),
                _ => return None,
            }
            let from = self.pos;
            self.skip_plain();
            out.push_str(self.line.get(from..self.pos)?);
        }
    }

    /// The character an escape stands for, after its backslash.
    fn escape(&mut self) -> Option<char> {
        Some(match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                if (0xD800..0xDC00).contains(&unit) {
                    self.expect(b'\\')?;
                    self.expect(b'u')?;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                } else {
                    char::from_u32(unit)?
                }
            }
            _ => return None,
        })
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Option<u32> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = char::from(self.next()?).to_digit(16)?;
            value = value * 16 + digit;
        }
        Some(value)
    }
}

/// Eight bytes as one word (`bytes` holds exactly eight).
fn word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(bytes);
    u64::from_ne_bytes(word)
}

/// Whether any of the word's eight bytes is a quote, a backslash or a
/// control byte (below 0x20). May also say so for a byte after one that is,
/// which only costs a closer look.
fn needs_look(x: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    // A byte is flagged when it is zero (after the xor) or below 0x20; bytes
    // of 0x80 and up never flag by themselves since `!x` clears their high bit.
    let zero_quote = quote.wrapping_sub(ONES) & !quote;
    let zero_backslash = backslash.wrapping_sub(ONES) & !backslash;
    let control = x.wrapping_sub(ONES * 0x20) & !x;
    (zero_quote | zero_backslash | control) & HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// What `serde_json` makes of the line's two fields, when the line is a
    /// flat object of just those two fields as strings.
    fn via_serde(line: &str, text: &str, id: &str) -> Option<(Option<String>, Option<String>)> {
        let Ok(Value::Object(object)) = serde_json::from_str::<Value>(line) else {
            return None;
        };
        let as_string = |key: &str| match object.get(key) {
            Some(Value::String(s)) => Some(Some(s.clone())),
            Some(_) => None,
            None => Some(None),
        };
        Some((as_string(text)?, as_string(id)?))
    }

    #[test]
    fn every_answer_is_what_serde_json_reads() {
        let lines = [
            r#"{"id": "r1", "text": "plain words"}"#,
            r#"{"text":"t","id":"a"}"#,
            " \t{ \"id\" :\r\n\"a\" , \"text\"\t: \"t\" }\r\n ",
            r#"{"text":"only text"}"#,
            r#"{"id":"only id"}"#,
            r#"{}"#,
            r#"  {  }  "#,
            r#"{"text":""}"#,
            r#"{"text":"\"quoted\" \\ \/ \b\f\n\r\t end"}"#,
            r#"{"text":"\u00e9\u00C9\u20ac\u0000 and \ud83d\ude00!"}"#,
            r#"{"text":"lone high \ud800"}"#,
            r#"{"text":"lone high then text \ud800x"}"#,
            r#"{"text":"lone low \udc00"}"#,
            r#"{"text":"high then bad low \ud800\u0041"}"#,
            r#"{"text":"bad hex \u00g0"}"#,
            r#"{"text":"short hex \u00"}"#,
            r#"{"text":"bad escape \x"}"#,
            "{\"text\":\"raw control \u{1} byte\"}",
            "{\"text\":\"raw tab \t byte\"}",
            "{\"text\":\"del \u{7f} and é ü 中文 😀 non-ASCII, long enough to take chunks\"}",
            r#"{"text":"eight by eight: 01234567890123456789\"0123456789\\012345"}"#,
            r#"{"id":"dup","text":"one","text":"two"}"#,
            r#"{"id":"a","id":"b","text":"t"}"#,
            r#"{"id":5,"text":"number id"}"#,
            r#"{"id":null,"text":"null id"}"#,
            r#"{"id":"a","text":null}"#,
            r#"{"id":"a","text":["x"]}"#,
            r#"{"id":"a","text":"t","extra":"field"}"#,
            r#"{"t\u0065xt":"escaped key"}"#,
            r#"{"text":"x"} trailing"#,
            r#"{"text":"x"}}"#,
            r#"{"text":"x",}"#,
            r#"{"text":"x""#,
            r#"{"text":"unterminated"#,
            r#"{"text" "x"}"#,
            r#"{,}"#,
            r#"["text"]"#,
            r#""text""#,
            r#""#,
        ];
        for line in lines {
            for (text, id) in [
                ("text", "id"),
                ("body", "id"),
                ("text", "text"),
                ("id", "text"),
            ] {
                let fast = parse(line, text, id);
                if fast.is_some() {
                    assert_eq!(
                        fast,
                        via_serde(line, text, id),
                        "{line:?} text={text} id={id}"
                    );
                }
            }
        }
        // The common shapes must take the fast path, or it gains nothing.
        for line in [
            r#"{"id": "r1", "text": "plain words"}"#,
            r#"{"text":"\"quoted\" \\ \/ \b\f\n\r\t end"}"#,
            r#"{"text":"\u00e9\u00C9\u20ac\u0000 and \ud83d\ude00!"}"#,
        ] {
            assert!(parse(line, "text", "id").is_some(), "{line}");
        }
    }
}

//! One CSV row, written into a byte buffer.
//!
//! Numbers use Rust's `Display` for `f64` (`0`, `0.25`, `1`), as they always
//! have; a field is quoted only when it holds a comma, quote or line break.

use super::Row;
use stance::prediction::round4;
use stance::Stance;
use std::io::{self, Write};

pub const HEADER: &str =
    "id,unit,index,start,end,label,confidence,escalatory,de-escalatory,neutral,tone,error\n";

/// Append one row and its newline to `buf`.
pub fn write_row(buf: &mut Vec<u8>, row: &Row) -> io::Result<()> {
    match row {
        Row::Scored {
            id, unit, abstain, ..
        } => {
            let p = &unit.prediction;
            field(buf, id);
            write!(
                buf,
                ",{},{},{},{},",
                unit.unit.as_str(),
                unit.index,
                p.span.start,
                p.span.end
            )?;
            if !*abstain {
                buf.extend_from_slice(p.label.as_str().as_bytes());
            }
            write!(
                buf,
                ",{},{},{},{},{},",
                round4(p.confidence),
                round4(p.scores.get(Stance::Escalatory)),
                round4(p.scores.get(Stance::DeEscalatory)),
                round4(p.scores.get(Stance::Neutral)),
                round4(p.tone)
            )?;
        }
        Row::Failed { id, line, error } => {
            field(buf, id);
            buf.extend_from_slice(b",,,,,,,,,,,");
            field(buf, &format!("line {line}: {error}"));
        }
    }
    buf.push(b'\n');
    Ok(())
}

/// One field, quoted (with quotes doubled) when it must be.
fn field(buf: &mut Vec<u8>, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        buf.push(b'"');
        for part in s.split_inclusive('"') {
            buf.extend_from_slice(part.as_bytes());
            if part.ends_with('"') {
                buf.push(b'"');
            }
        }
        buf.push(b'"');
    } else {
        buf.extend_from_slice(s.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        for (raw, want) in [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"no\"", "\"say \"\"no\"\"\""),
            ("\"", "\"\"\"\""),
            ("line\nbreak", "\"line\nbreak\""),
            ("cr\r", "\"cr\r\""),
            ("", ""),
        ] {
            let mut buf = Vec::new();
            field(&mut buf, raw);
            assert_eq!(String::from_utf8(buf).unwrap(), want, "{raw:?}");
        }
    }
}

//! The bodies of the fuzz targets, shared by cargo-fuzz (`fuzz_targets/*.rs`)
//! and the stable soak harness (`tests/robustness_fuzz.rs`), which include this
//! file by path. Each takes arbitrary bytes, must never panic, and asserts the
//! invariants of issue 5: spans inside the text on char boundaries, scores
//! summing to 1, one record (or error) per non-blank JSONL line.
//!
//! The includer must also include `src/bin/stance/input/mod.rs` as `crate::input`
//! (the CLI's reader, which is not part of the library).

use crate::input::{CsvReader, Fields, JsonlReader};
use stance::model::Model;
use stance::text::segment::{paragraphs, quotes, sentences, SpeakerIndex};
use stance::{featurize, Classifier, FeatureConfig, Scores, Span, Unit};
use std::io::BufReader;

fn classifier() -> Classifier {
    Classifier::bundled().expect("the embedded model loads")
}

fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries"
    );
}

fn check_scores(scores: &Scores, what: &str) {
    let sum: f32 = scores.0.iter().sum();
    assert!(
        (sum - 1.0).abs() <= 1e-4,
        "{what}: {scores:?} sums to {sum}"
    );
}

/// Every unit of a document: well-formed spans and scores.
fn check_document(classifier: &Classifier, text: &str, unit: Unit) {
    let units = classifier.classify_document(text, unit);
    assert!(
        unit == Unit::Quote || !units.is_empty(),
        "{unit:?} gave no rows"
    );
    for (i, u) in units.iter().enumerate() {
        assert_eq!(u.index, i);
        check_span(text, u.prediction.span, unit.as_str());
        check_scores(&u.prediction.scores, unit.as_str());
        if let Some(s) = &u.speaker {
            check_span(text, s.span, "speaker");
        }
    }
}

/// `featurize`, `classify` and `explain` on the bytes decoded lossily.
pub fn featurizer(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    featurize(&text, &FeatureConfig::default(), |name, span| {
        assert!(!name.is_empty());
        check_span(&text, span, name);
    });
    let classifier = classifier();
    let p = classifier.classify(&text);
    check_scores(&p.scores, "classify");
    for c in classifier.explain(&text).contributions {
        check_span(&text, c.span, "explain");
    }
}

/// Paragraphs, sentences, quotes and speakers, and `classify_document` in every unit.
pub fn segmenter(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let index = SpeakerIndex::new(&text);
    for p in paragraphs(&text) {
        check_span(&text, p, "paragraph");
        for s in sentences(&text, p) {
            check_span(&text, s, "sentence");
            assert!(
                s.start >= p.start && s.end <= p.end,
                "sentence outside its paragraph"
            );
            if let Some(sp) = index.speaker_of(s) {
                check_span(&text, sp.span, "speaker_of");
            }
        }
    }
    for q in quotes(&text) {
        check_span(&text, q.span, "quote");
        check_span(&text, q.quote_span, "quote words");
    }
    let classifier = classifier();
    for unit in Unit::ALL {
        check_document(&classifier, &text, unit);
    }
}

fn fields() -> Fields {
    Fields {
        text: "text".to_string(),
        id: "id".to_string(),
    }
}

/// The CLI's JSON Lines reader, then `classify_document` on each text. The
/// first byte picks the unit and the read buffer size (so lines straddle reads).
pub fn jsonl_reader(data: &[u8]) {
    let Some((&knob, body)) = data.split_first() else {
        return;
    };
    let unit = Unit::ALL[usize::from(knob) % Unit::ALL.len()];
    let capacity = 1 + usize::from(knob >> 2);
    let classifier = classifier();
    let reader = JsonlReader::new(BufReader::with_capacity(capacity, body), "fuzz", fields());
    let mut records = 0usize;
    let mut last_line = 0usize;
    for record in reader {
        records += 1;
        assert!(record.line > last_line, "lines go forward");
        last_line = record.line;
        if let Ok(text) = &record.text {
            check_document(&classifier, text, unit);
        }
    }
    // Never lose a record: one per line that is not blank (a BOM alone is blank).
    let mut expected = 0usize;
    for (i, line) in body.split(|&b| b == b'\n').enumerate() {
        let line = if i == 0 {
            line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line)
        } else {
            line
        };
        if !line.iter().all(u8::is_ascii_whitespace) {
            expected += 1;
        }
    }
    assert_eq!(records, expected, "records read vs non-blank lines");
}

/// The CLI's CSV reader, then `classify_document` on each text.
pub fn csv_reader(data: &[u8]) {
    let classifier = classifier();
    for record in CsvReader::new(data, "fuzz", fields()) {
        if let Ok(text) = &record.text {
            check_document(&classifier, text, Unit::Paragraph);
        }
    }
}

/// `Model::from_bytes` on the bytes as they are, and behind a header that
/// matches them (so the payload parser and validation see them); a model that
/// loads must score.
pub fn model_loader(data: &[u8]) {
    let _ = Model::from_bytes(data);
    let header = serde_json::json!({
        "format": "stance-model",
        "version": 1,
        "fingerprint": FeatureConfig::default().fingerprint(),
        "payload_bytes": data.len(),
        "checksum": format!("{:016x}", stance::hash::fnv1a(data)),
    });
    let mut sealed = header.to_string().into_bytes();
    sealed.push(b'\n');
    sealed.extend_from_slice(data);
    if let Ok(model) = Model::from_bytes(&sealed) {
        let p = Classifier::new(model).classify("Troops struck the port; officials urged calm.");
        check_scores(&p.scores, "a loaded model");
    }
}

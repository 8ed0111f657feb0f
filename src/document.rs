//! Whole documents: split into units, label each.

use crate::classifier::Classifier;
use crate::prediction::Prediction;
use crate::text::span::Span;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// What one labelled unit of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// The whole text as one unit.
    Document,
    /// Blocks separated by blank lines.
    Paragraph,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Document => "document",
            Unit::Paragraph => "paragraph",
        }
    }
}

impl FromStr for Unit {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "document" => Ok(Unit::Document),
            "paragraph" => Ok(Unit::Paragraph),
            other => Err(format!(
                "unknown unit {other:?}: expected document or paragraph"
            )),
        }
    }
}

/// The label of one unit of a document; `prediction.span` is into the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitPrediction {
    pub unit: Unit,
    /// Position of the unit in the document, from 0.
    pub index: usize,
    pub prediction: Prediction,
}

impl Classifier {
    /// Split `text` into units and label each, in order. A document with no
    /// words still yields one unit (the empty document), so every input gives
    /// at least one row.
    pub fn classify_document(&self, text: &str, unit: Unit) -> Vec<UnitPrediction> {
        let spans = match unit {
            Unit::Document => vec![Span::new(0, text.len())],
            Unit::Paragraph => paragraphs(text),
        };
        let spans = if spans.is_empty() {
            vec![Span::new(0, text.len())]
        } else {
            spans
        };
        spans
            .into_iter()
            .enumerate()
            .map(|(index, span)| {
                let mut prediction = self.classify(span.slice(text));
                prediction.span = span;
                UnitPrediction {
                    unit,
                    index,
                    prediction,
                }
            })
            .collect()
    }
}

/// Blocks of text separated by blank lines, trimmed, empty ones dropped.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(trimmed(text, Span::new(s, end)));
            }
        } else {
            start.get_or_insert(offset);
            end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(trimmed(text, Span::new(s, end)));
    }
    out
}

fn trimmed(text: &str, span: Span) -> Span {
    let inner = span.slice(text);
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    Span::new(span.start + lead, span.end - trail)
}

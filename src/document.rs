//! Whole documents: split into units (paragraphs, sentences, quotes), label
//! each, and say who is speaking and what is page furniture.

use crate::classifier::Classifier;
use crate::prediction::{Prediction, Scores};
use crate::text::segment::{self, Speaker, SpeakerIndex};
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
    /// Sentences within paragraphs.
    Sentence,
    /// Quotations with their attribution; a document without quotes has no quote units.
    Quote,
}

impl Unit {
    pub const ALL: [Unit; 4] = [Unit::Document, Unit::Paragraph, Unit::Sentence, Unit::Quote];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Document => "document",
            Unit::Paragraph => "paragraph",
            Unit::Sentence => "sentence",
            Unit::Quote => "quote",
        }
    }
}

impl FromStr for Unit {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Unit::ALL
            .into_iter()
            .find(|u| u.as_str() == s)
            .ok_or_else(|| {
                format!("unknown unit {s:?}: expected document, paragraph, sentence or quote")
            })
    }
}

/// The label of one unit of a document; `prediction.span` is into the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitPrediction {
    pub unit: Unit,
    /// Position of the unit in the document, from 0.
    pub index: usize,
    pub prediction: Prediction,
    /// The unit is (in) the article's headline.
    pub headline: bool,
    /// Page furniture (advertising, subscribe and comment prompts, cookie text):
    /// labelled neutral whatever its words, and left out of summaries.
    pub boilerplate: bool,
    /// A quote of one to three words ("no contact").
    pub fragment: bool,
    /// Who says this unit, when the attribution names or resolves to someone.
    pub speaker: Option<Speaker>,
}

/// A unit found by segmentation, before it is scored.
struct Piece {
    span: Span,
    headline: bool,
    boilerplate: bool,
    fragment: bool,
    speaker: Option<Speaker>,
}

impl Classifier {
    /// Split `text` into units and label each, in order. Document and
    /// paragraph units always yield at least one row (an empty text is one
    /// empty unit), so every record gives a row.
    pub fn classify_document(&self, text: &str, unit: Unit) -> Vec<UnitPrediction> {
        let whole = || plain(Span::new(0, text.len()));
        if unit == Unit::Document {
            // The common case of one unit per record: no segmentation, no piece list.
            return vec![self.label_piece(text, unit, 0, whole())];
        }
        let mut pieces = pieces(text, unit);
        if pieces.is_empty() && unit != Unit::Quote {
            pieces.push(whole());
        }
        pieces
            .into_iter()
            .enumerate()
            .map(|(index, piece)| self.label_piece(text, unit, index, piece))
            .collect()
    }

    fn label_piece(&self, text: &str, unit: Unit, index: usize, piece: Piece) -> UnitPrediction {
        let mut prediction = if piece.boilerplate {
            Prediction::from_scores(Scores([0.0, 0.0, 1.0]), piece.span)
        } else {
            self.classify(piece.span.slice(text))
        };
        prediction.span = piece.span;
        UnitPrediction {
            unit,
            index,
            prediction,
            headline: piece.headline,
            boilerplate: piece.boilerplate,
            fragment: piece.fragment,
            speaker: piece.speaker,
        }
    }
}

fn plain(span: Span) -> Piece {
    Piece {
        span,
        headline: false,
        boilerplate: false,
        fragment: false,
        speaker: None,
    }
}

/// Paragraph, sentence or quote pieces of an article, with their metadata.
#[inline(never)] // a stage of its own in training/speed/profile_stages.sh
fn pieces(text: &str, unit: Unit) -> Vec<Piece> {
    // Split once: the speaker pass and the units share the paragraphs.
    let paragraphs = segment::paragraphs(text);
    let speakers = SpeakerIndex::with_paragraphs(text, &paragraphs);
    if unit == Unit::Quote {
        return speakers
            .quotes()
            .iter()
            .map(|q| Piece {
                span: q.span,
                headline: false,
                boilerplate: false,
                fragment: q.fragment,
                speaker: q.speaker.clone().map(|name| Speaker {
                    name,
                    span: q.speaker_span.unwrap_or(q.span),
                    role: q.role.clone(),
                }),
            })
            .collect();
    }
    let mut out = Vec::new();
    for (i, &paragraph) in paragraphs.iter().enumerate() {
        let boilerplate = segment::is_boilerplate(paragraph.slice(text));
        // Same answer as `segment::is_headline`, without a second boilerplate test.
        let headline = !boilerplate && segment::has_headline_shape(text, paragraph, i);
        let spans = if unit == Unit::Sentence {
            segment::sentences(text, paragraph)
        } else {
            vec![paragraph]
        };
        for span in spans {
            let speaker = if boilerplate || headline {
                None
            } else {
                speakers.speaker_of(span).cloned()
            };
            out.push(Piece {
                span,
                headline,
                boilerplate,
                fragment: false,
                speaker,
            });
        }
    }
    out
}

//! What the classifier says about one unit of text.

use crate::stance::Stance;
use crate::text::span::Span;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Probabilities of the three labels, summing to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores(pub [f32; 3]);

impl Scores {
    pub fn get(&self, label: Stance) -> f32 {
        self.0[label.index()]
    }

    /// The most probable label and its probability (ties go to the earlier label in [`Stance::ALL`]).
    pub fn top(&self) -> (Stance, f32) {
        let mut best = (Stance::Neutral, f32::MIN);
        for label in Stance::ALL {
            if self.get(label) > best.1 {
                best = (label, self.get(label));
            }
        }
        best
    }
}

impl Serialize for Scores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        for label in Stance::ALL {
            map.serialize_entry(label.as_str(), &round4(self.get(label)))?;
        }
        map.end()
    }
}

/// Four decimals are plenty for a probability and keep output stable and short.
pub fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

/// The label of one unit, with everything needed to show and trust it.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub label: Stance,
    /// Probability of `label`.
    pub confidence: f32,
    pub scores: Scores,
    /// P(escalatory) − P(de-escalatory), in [−1, 1].
    pub tone: f32,
    /// Bytes of the unit within the text given to the classifier.
    pub span: Span,
}

impl Prediction {
    pub(crate) fn from_scores(scores: Scores, span: Span) -> Prediction {
        let (label, confidence) = scores.top();
        let tone = scores.get(Stance::Escalatory) - scores.get(Stance::DeEscalatory);
        Prediction {
            label,
            confidence,
            scores,
            tone,
            span,
        }
    }
}

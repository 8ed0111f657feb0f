//! Word-by-word reasons for a decision.

use crate::stance::Stance;
use crate::text::span::Span;

/// One feature that moved the decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    /// Feature name, e.g. `w:!talk` (the stem "talk" inside a negation scope) or `c:threat`.
    pub feature: String,
    /// Where the feature's words are in the text.
    pub span: Span,
    /// The label this feature pushes toward most.
    pub pushes: Stance,
    /// How much the feature raised the predicted label's logit over the other two (negative: lowered it).
    pub weight: f32,
    /// The feature's addition to each label's logit, in [`Stance::ALL`] order.
    pub logits: [f32; 3],
}

/// A prediction and the features behind it, strongest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub prediction: crate::Prediction,
    pub contributions: Vec<Contribution>,
}

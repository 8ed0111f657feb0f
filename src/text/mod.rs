//! Text handling: typographic folding, tokens with byte spans, stems, and
//! segmentation into paragraphs, sentences and quotes.

pub mod normalize;
pub mod segment;
pub(crate) mod short_word;
pub mod span;
pub mod stem;
pub mod tokenize;

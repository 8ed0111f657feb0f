//! Text segmentation for stance labelling: paragraphs, sentences, quotes,
//! speakers, boilerplate and headlines.
//!
//! Every function returns [`Span`]s: byte offsets into the caller's
//! original text, on `char` boundaries, trimmed of surrounding whitespace,
//! so `&text[s.start..s.end]` is exactly the unit. Nothing here panics on
//! any input, and everything runs in (near) linear time in the length of
//! the article.
//!
//! ```
//! use stance::text::segment::{paragraphs, sentences, quotes, SpeakerIndex};
//!
//! let text = "Envoy Lena Sorvik met officials.\n\n“No deal,” she said. He left.";
//! let paras = paragraphs(text);
//! let second = sentences(text, paras[1]);
//! assert_eq!(second[0].slice(text), "“No deal,” she said.");
//!
//! let q = &quotes(text)[0];
//! assert_eq!(q.quote_span.slice(text), "No deal");
//! assert_eq!(q.speaker.as_deref(), Some("Lena Sorvik"));
//! assert_eq!(q.role.as_deref(), Some("Envoy"));
//!
//! // Units without quote marks: one index per article, many look-ups.
//! let index = SpeakerIndex::new(text);
//! assert_eq!(index.speaker_of(second[0]).map(|s| s.name.as_str()), Some("Lena Sorvik"));
//! assert!(index.speaker_of(second[1]).is_none());
//! ```
//!
//! Layout: `paragraphs`, `sentences`, `quotes` (marks and units),
//! `speakers` (public speaker API and per-quote choice), `attribution`
//! (verb-of-saying patterns), `prescan` (the cheap first look that lets
//! most articles skip the speaker pass), `names` (role/name split, person vs
//! organisation), `tracker` (surname, pronoun and "the group" resolution),
//! `boilerplate` (page furniture and headlines), `marker_keys` (a cheap
//! test that rules out boilerplate marker phrases), `folded_head` (the
//! normalised start of an ASCII unit, for the boilerplate lists), `words` (tokenizer) and
//! `lexicon` (word lists).

mod alnum_mask;
mod attribution;
mod boilerplate;
mod folded_head;
mod lexicon;
mod marker_keys;
mod names;
mod paragraphs;
mod prescan;
mod quotes;
mod sentences;
mod speakers;
mod tracker;
mod word_list;
mod words;

pub(crate) use boilerplate::has_headline_shape;
pub use boilerplate::{is_boilerplate, is_headline};
pub use paragraphs::paragraphs;
pub use quotes::{quotes, Quote};
pub use sentences::sentences;
pub use speakers::{speaker_of, Speaker, SpeakerIndex};

#[allow(unused_imports)] // for the [`Span`] doc links
use crate::text::span::Span;

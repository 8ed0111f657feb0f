//! Function words whose unigram features training may leave out.
//!
//! The model gave words like "the", "and" and "on" real weight: habits of our
//! writers' style rather than anything about a dispute, and they do not carry
//! over to real news. Leaving their unigrams out of the vocabulary (their
//! bigrams stay, so "will not" and "on the table" still count) is exactly
//! dropping the feature: the scorer ignores names a model does not have.
//! Negators and condition words are not on the list; they carry the guide's
//! hard cases.

use crate::text::stem::stem;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Our list of English function words (articles, pronouns, auxiliaries,
/// prepositions, conjunctions, determiners).
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "so",
    "yet",
    "as",
    "than",
    "that",
    "this",
    "these",
    "those",
    "there",
    "here",
    "it",
    "its",
    "itself",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "do",
    "does",
    "did",
    "doing",
    "has",
    "have",
    "had",
    "having",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "to",
    "from",
    "into",
    "onto",
    "upon",
    "about",
    "over",
    "under",
    "between",
    "among",
    "through",
    "during",
    "before",
    "after",
    "above",
    "below",
    "up",
    "down",
    "out",
    "off",
    "around",
    "across",
    "along",
    "within",
    "per",
    "via",
    "also",
    "too",
    "very",
    "just",
    "then",
    "thus",
    "hence",
    "all",
    "any",
    "both",
    "each",
    "either",
    "neither",
    "every",
    "some",
    "such",
    "own",
    "same",
    "other",
    "another",
    "more",
    "most",
    "much",
    "many",
    "few",
    "several",
    "again",
    "further",
    "whether",
    "while",
    "although",
    "though",
    "because",
    "since",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "would",
    "will",
];

/// Whether `name` is the unigram feature (`w:` or negated `w:!`) of a stop word.
pub fn is_stop_unigram(name: &str) -> bool {
    static STEMS: OnceLock<HashSet<String>> = OnceLock::new();
    let stems = STEMS.get_or_init(|| STOP_WORDS.iter().map(|w| stem(w)).collect());
    let Some(rest) = name.strip_prefix("w:") else {
        return false;
    };
    stems.contains(rest.strip_prefix('!').unwrap_or(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unigrams_of_listed_words_are_stop_unigrams() {
        assert!(is_stop_unigram("w:the"));
        assert!(is_stop_unigram("w:!the"));
        assert!(!is_stop_unigram("b:the_talk"));
        assert!(!is_stop_unigram("w:not"));
        assert!(!is_stop_unigram("w:unless"));
        assert!(!is_stop_unigram("w:strike"));
        assert!(!is_stop_unigram("c:talks"));
    }
}

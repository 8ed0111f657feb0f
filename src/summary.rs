//! One document at a glance: how many paragraphs lean each way, the overall
//! tone and its course through the article, the strongest units on each
//! side, and the tone of each quoted speaker.
//!
//! Page furniture (units flagged `boilerplate`) is left out of everything
//! here: an "Advertisement" line says nothing about the dispute, and counting
//! it as neutral would dilute every share.
//!
//! ```
//! use stance::{summary::summarize, Classifier};
//!
//! let classifier = Classifier::bundled().expect("the embedded model loads");
//! let text = "Talks Resume\n\nBoth sides agreed to a ceasefire.\n\nAdvertisement";
//! let s = summarize(&classifier, text);
//! assert_eq!(s.paragraphs, 2); // the headline and one paragraph; not the advertisement
//! assert!(s.headline.is_some());
//! ```

use crate::classifier::Classifier;
use crate::document::{Unit, UnitPrediction};
use crate::prediction::round4;
use crate::stance::Stance;
use crate::text::span::Span;
use serde::Serialize;

/// Everything `stance summarize` prints for one document (besides its id).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentSummary {
    /// Non-boilerplate paragraph units (the headline included) that the counts cover.
    pub paragraphs: usize,
    /// Paragraphs per label.
    pub counts: LabelCounts,
    /// `counts` divided by `paragraphs` (all zero for an empty document).
    pub shares: LabelShares,
    /// Mean paragraph tone; `None` when there is no paragraph.
    pub mean_tone: Option<f64>,
    /// Highest paragraph tone (the most escalatory paragraph's tone).
    pub max_tone: Option<f64>,
    /// Lowest paragraph tone (the most de-escalatory paragraph's tone).
    pub min_tone: Option<f64>,
    /// The sentence with the highest positive tone, if any sentence leans escalatory.
    pub most_escalatory: Option<UnitSummary>,
    /// The sentence with the lowest negative tone, if any sentence leans de-escalatory.
    pub most_deescalatory: Option<UnitSummary>,
    /// Tone per quoted speaker, in order of first quote.
    pub speakers: Vec<SpeakerTone>,
    /// Tone of each paragraph in article order.
    pub trajectory: Vec<TrajectoryPoint>,
    /// The headline's label, when the article starts with one.
    pub headline: Option<HeadlineLabel>,
}

/// How many units got each label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LabelCounts {
    pub escalatory: usize,
    #[serde(rename = "de-escalatory")]
    pub de_escalatory: usize,
    pub neutral: usize,
}

impl LabelCounts {
    fn add(&mut self, label: Stance) {
        match label {
            Stance::Escalatory => self.escalatory += 1,
            Stance::DeEscalatory => self.de_escalatory += 1,
            Stance::Neutral => self.neutral += 1,
        }
    }

    pub fn get(&self, label: Stance) -> usize {
        match label {
            Stance::Escalatory => self.escalatory,
            Stance::DeEscalatory => self.de_escalatory,
            Stance::Neutral => self.neutral,
        }
    }
}

/// Fractions of units per label, rounded to four decimals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LabelShares {
    pub escalatory: f64,
    #[serde(rename = "de-escalatory")]
    pub de_escalatory: f64,
    pub neutral: f64,
}

/// One unit singled out by the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitSummary {
    /// Which kind of unit this is (always `sentence` today).
    pub unit: Unit,
    pub index: usize,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub label: Stance,
    pub confidence: f64,
    pub tone: f64,
    /// Who says it, when the article attributes it.
    pub speaker: Option<String>,
}

/// The tone of one speaker's quotes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerTone {
    pub name: String,
    /// The first role the article gives the speaker.
    pub role: Option<String>,
    /// Quote units attributed to the speaker.
    pub units: usize,
    pub mean_tone: f64,
    pub counts: LabelCounts,
}

/// One paragraph's place on the tone trajectory.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrajectoryPoint {
    /// The paragraph's index among all paragraph units (as in `stance score --unit paragraph`).
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub label: Stance,
    pub tone: f64,
}

/// The headline's label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineLabel {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub label: Stance,
    pub confidence: f64,
    pub tone: f64,
}

/// The labelled units a summary (and a report) is built from: every
/// paragraph, sentence and quote unit of one text.
#[derive(Debug, Clone)]
pub struct DocumentUnits {
    pub paragraphs: Vec<UnitPrediction>,
    pub sentences: Vec<UnitPrediction>,
    pub quotes: Vec<UnitPrediction>,
}

impl DocumentUnits {
    /// Labels `text` at paragraph, sentence and quote level.
    pub fn classify(classifier: &Classifier, text: &str) -> DocumentUnits {
        DocumentUnits {
            paragraphs: classifier.classify_document(text, Unit::Paragraph),
            sentences: classifier.classify_document(text, Unit::Sentence),
            quotes: classifier.classify_document(text, Unit::Quote),
        }
    }

    /// True when `span` lies (even partly) in a boilerplate paragraph: quote
    /// units carry no boilerplate flag of their own, so they inherit it here.
    pub fn in_boilerplate(&self, span: Span) -> bool {
        self.paragraphs
            .iter()
            .filter(|p| p.boilerplate)
            .any(|p| overlaps(p.prediction.span, span))
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Summarises one document with `classifier`. Never fails: an empty text
/// gives zero counts and `None` tones.
pub fn summarize(classifier: &Classifier, text: &str) -> DocumentSummary {
    summarize_units(text, &DocumentUnits::classify(classifier, text))
}

/// Summarises units already labelled (the report labels once and uses them twice).
pub fn summarize_units(text: &str, units: &DocumentUnits) -> DocumentSummary {
    let paragraphs: Vec<&UnitPrediction> = units
        .paragraphs
        .iter()
        .filter(|u| counts_for_summary(text, u))
        .collect();
    let mut counts = LabelCounts::default();
    for p in &paragraphs {
        counts.add(p.prediction.label);
    }
    let tones: Vec<f32> = paragraphs.iter().map(|p| p.prediction.tone).collect();
    let sentences: Vec<&UnitPrediction> = units
        .sentences
        .iter()
        .filter(|u| counts_for_summary(text, u))
        .collect();
    DocumentSummary {
        paragraphs: paragraphs.len(),
        counts,
        shares: shares(counts, paragraphs.len()),
        mean_tone: mean(&tones).map(round4),
        max_tone: tones.iter().copied().reduce(f32::max).map(round4),
        min_tone: tones.iter().copied().reduce(f32::min).map(round4),
        most_escalatory: extreme(text, &sentences, 1.0),
        most_deescalatory: extreme(text, &sentences, -1.0),
        speakers: speaker_tones(text, units),
        trajectory: paragraphs.iter().map(|p| trajectory_point(p)).collect(),
        headline: paragraphs
            .iter()
            .find(|p| p.headline)
            .map(|p| headline(text, p)),
    }
}

/// A unit the summary counts: not page furniture, and with some text (an
/// empty document still yields one empty paragraph unit, which says nothing).
fn counts_for_summary(text: &str, unit: &UnitPrediction) -> bool {
    !unit.boilerplate && !unit.prediction.span.slice(text).trim().is_empty()
}

fn shares(counts: LabelCounts, total: usize) -> LabelShares {
    let share = |n: usize| {
        if total == 0 {
            0.0
        } else {
            round4(n as f32 / total as f32)
        }
    };
    LabelShares {
        escalatory: share(counts.escalatory),
        de_escalatory: share(counts.de_escalatory),
        neutral: share(counts.neutral),
    }
}

fn mean(values: &[f32]) -> Option<f32> {
    (!values.is_empty()).then(|| values.iter().sum::<f32>() / values.len() as f32)
}

/// The unit whose tone times `sign` is largest and positive: `sign` 1 finds
/// the most escalatory, −1 the most de-escalatory. Ties keep the earlier unit
/// so the output does not depend on anything but the text.
fn extreme(text: &str, units: &[&UnitPrediction], sign: f32) -> Option<UnitSummary> {
    let mut best: Option<&UnitPrediction> = None;
    for u in units {
        let score = u.prediction.tone * sign;
        if score > 0.0 && best.is_none_or(|b| score > b.prediction.tone * sign) {
            best = Some(u);
        }
    }
    best.map(|u| unit_summary(text, u))
}

fn unit_summary(text: &str, u: &UnitPrediction) -> UnitSummary {
    let p = &u.prediction;
    UnitSummary {
        unit: u.unit,
        index: u.index,
        text: p.span.slice(text).to_string(),
        start: p.span.start,
        end: p.span.end,
        label: p.label,
        confidence: round4(p.confidence),
        tone: round4(p.tone),
        speaker: u.speaker.as_ref().map(|s| s.name.clone()),
    }
}

/// Mean tone per speaker over quote units with a speaker, outside boilerplate.
fn speaker_tones(text: &str, units: &DocumentUnits) -> Vec<SpeakerTone> {
    // (speaker, sum of tones): a Vec keeps first-quote order, and articles
    // quote few enough people that a linear look-up is cheap.
    let mut acc: Vec<(SpeakerTone, f32)> = Vec::new();
    for q in &units.quotes {
        let Some(speaker) = &q.speaker else { continue };
        if units.in_boilerplate(q.prediction.span)
            || q.prediction.span.slice(text).trim().is_empty()
        {
            continue;
        }
        let pos = match acc.iter().position(|(s, _)| s.name == speaker.name) {
            Some(pos) => pos,
            None => {
                acc.push((
                    SpeakerTone {
                        name: speaker.name.clone(),
                        role: None,
                        units: 0,
                        mean_tone: 0.0,
                        counts: LabelCounts::default(),
                    },
                    0.0,
                ));
                acc.len() - 1
            }
        };
        let (entry, sum) = &mut acc[pos];
        entry.units += 1;
        entry.counts.add(q.prediction.label);
        if entry.role.is_none() {
            entry.role.clone_from(&speaker.role);
        }
        *sum += q.prediction.tone;
    }
    acc.into_iter()
        .map(|(mut s, sum)| {
            s.mean_tone = round4(sum / s.units as f32);
            s
        })
        .collect()
}

fn trajectory_point(p: &UnitPrediction) -> TrajectoryPoint {
    TrajectoryPoint {
        index: p.index,
        start: p.prediction.span.start,
        end: p.prediction.span.end,
        label: p.prediction.label,
        tone: round4(p.prediction.tone),
    }
}

fn headline(text: &str, p: &UnitPrediction) -> HeadlineLabel {
    HeadlineLabel {
        text: p.prediction.span.slice(text).to_string(),
        start: p.prediction.span.start,
        end: p.prediction.span.end,
        label: p.prediction.label,
        confidence: round4(p.prediction.confidence),
        tone: round4(p.prediction.tone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written article: a headline, Pelora's threats, Vastmark's and a
    /// U.N. envoy's calls for talks, and three lines of page furniture.
    const ARTICLE: &str = include_str!("../tests/articles/report-pelora-vastmark-dam.txt");

    fn summary() -> DocumentSummary {
        let classifier = Classifier::bundled().expect("the embedded model loads");
        summarize(&classifier, ARTICLE)
    }

    #[test]
    fn boilerplate_is_left_out_of_counts_and_trajectory() {
        let s = summary();
        // 15 paragraphs, of which "Advertisement", "Share this article" and the sign-up line are furniture.
        assert_eq!(s.paragraphs, 12);
        assert_eq!(
            s.counts.escalatory + s.counts.de_escalatory + s.counts.neutral,
            12
        );
        assert_eq!(s.trajectory.len(), 12);
        for p in &s.trajectory {
            let text = &ARTICLE[p.start..p.end];
            assert!(
                !text.contains("Advertisement")
                    && !text.contains("Share this")
                    && !text.contains("Sign up")
            );
        }
        let indices: Vec<usize> = s.trajectory.iter().map(|p| p.index).collect();
        assert_eq!(indices, [0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13]);
    }

    #[test]
    fn shares_and_tones_agree_with_the_trajectory() {
        let s = summary();
        let sum = s.shares.escalatory + s.shares.de_escalatory + s.shares.neutral;
        assert!((sum - 1.0).abs() < 1e-3, "shares sum to {sum}");
        let tones: Vec<f64> = s.trajectory.iter().map(|p| p.tone).collect();
        let max = tones.iter().copied().fold(f64::MIN, f64::max);
        let mean = tones.iter().sum::<f64>() / tones.len() as f64;
        assert_eq!(s.max_tone, Some(max));
        assert!((s.mean_tone.unwrap_or(f64::NAN) - mean).abs() < 1e-3);
        // Both sides of this dispute are clearly present.
        assert!(
            s.counts.escalatory >= 2 && s.counts.de_escalatory >= 2,
            "{:?}",
            s.counts
        );
    }

    #[test]
    fn strongest_units_are_the_threat_and_the_call_for_restraint() {
        let s = summary();
        let esc = s.most_escalatory.expect("an escalatory sentence");
        assert_eq!(esc.label, Stance::Escalatory);
        assert_eq!(esc.text, &ARTICLE[esc.start..esc.end]);
        // The article's clear escalatory steps: Varga's threats (opening the
        // gates themselves; rejecting talks with "our army is ready") and the
        // brigades sent to the border (force moved toward an adversary).
        if esc.text.contains("we will open them ourselves")
            || esc.text.contains("our army is ready")
        {
            assert_eq!(esc.speaker.as_deref(), Some("Tomas Varga"));
        } else {
            assert!(
                esc.text.contains("deployed two armoured brigades"),
                "{}",
                esc.text
            );
        }
        let de = s.most_deescalatory.expect("a de-escalatory sentence");
        assert_eq!(de.label, Stance::DeEscalatory);
        assert!(de.tone < 0.0 && de.tone <= esc.tone * -0.5);
        assert_eq!(de.text, &ARTICLE[de.start..de.end]);
    }

    #[test]
    fn speakers_are_in_first_quote_order_with_their_tone() {
        let s = summary();
        let names: Vec<&str> = s.speakers.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Tomas Varga",
                "Edda Lindqvist",
                "Marta Koenig",
                "Anja Brell"
            ]
        );
        let tone = |name: &str| {
            s.speakers
                .iter()
                .find(|t| t.name == name)
                .map(|t| t.mean_tone)
        };
        assert!(tone("Tomas Varga") > Some(0.0), "Varga threatens");
        assert!(
            tone("Edda Lindqvist") < Some(0.0),
            "Lindqvist invites talks"
        );
        assert!(tone("Marta Koenig") < Some(0.0), "Koenig urges restraint");
        let varga = &s.speakers[0];
        assert_eq!(
            (varga.units, varga.role.as_deref()),
            (2, Some("Defence Minister"))
        );
    }

    #[test]
    fn headline_is_labelled() {
        let h = summary().headline.expect("the article has a headline");
        assert_eq!(
            h.text,
            "Pelora Sends Troops to Ilven River as Vastmark Offers Dam Talks"
        );
        assert_eq!((h.start, h.end), (0, h.text.len()));
    }

    #[test]
    fn empty_and_furniture_only_documents_summarise_to_nothing() {
        let classifier = Classifier::bundled().expect("the embedded model loads");
        for text in ["", "  \n\n ", "Advertisement\n\nShare this article"] {
            let s = summarize(&classifier, text);
            assert_eq!(s.paragraphs, 0, "{text:?}");
            assert_eq!((s.mean_tone, s.max_tone), (None, None));
            assert!(s.trajectory.is_empty() && s.speakers.is_empty());
            assert!(s.most_escalatory.is_none() && s.headline.is_none());
            assert_eq!(s.shares, LabelShares::default());
        }
    }

    #[test]
    fn quotes_inside_furniture_do_not_count_for_speakers() {
        let classifier = Classifier::bundled().expect("the embedded model loads");
        let text = "Sign up for “our war briefing,” said Ivo Brankov.\n\n“We will talk,” said Lena Sorvik.";
        let s = summarize(&classifier, text);
        let names: Vec<&str> = s.speakers.iter().map(|t| t.name.as_str()).collect();
        assert!(!names.contains(&"Ivo Brankov"), "{names:?}");
    }
}

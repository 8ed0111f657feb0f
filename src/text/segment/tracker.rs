//! The article's memory while reading forward: who was named, who last
//! acted or spoke, which organisations were mentioned. Resolves surnames,
//! pronouns and "the group"-style references.

use super::attribution::{name_run, Subject};
use super::lexicon;
use super::names::{kind_of, org_core_name, parse_name, Kind};
use super::speakers::Speaker;
use super::word_list::with_lowercase;
use super::words::{self, Token};
use crate::text::span::Span;
use std::collections::HashMap;

/// A speaker resolved with its kind (to keep the article's memory).
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub speaker: Speaker,
    pub kind: Kind,
}

/// A person the article has named.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    role: Option<String>,
}

/// An organisation the article has named.
#[derive(Debug, Clone)]
struct Org {
    name: String,
    kind: Kind,
}

/// How far back "the group" looks for its organisation (keeps look-ups
/// bounded on huge inputs).
const ORG_LOOKBACK: usize = 200;

#[derive(Debug, Default)]
pub(crate) struct Tracker {
    persons: Vec<Person>,
    /// Lowercase full names and surnames → person.
    by_name: HashMap<String, usize>,
    /// The antecedent of "he"/"she": the last named person who spoke or
    /// was a sentence's subject.
    last_person: Option<usize>,
    orgs: Vec<Org>,
    /// Lowercase names (and names without "Inc.") → organisation.
    org_by_name: HashMap<String, usize>,
    /// Organisation mentions in order (indexes into `orgs`).
    mentions: Vec<usize>,
}

impl Tracker {
    /// Resolves an attribution's subject against what was read so far.
    pub fn resolve(&self, text: &str, subject: &Subject) -> Option<Resolved> {
        match subject {
            Subject::Pronoun { person: true, span } => {
                let p = self.persons.get(self.last_person?)?;
                Some(person_speaker(p, *span))
            }
            Subject::Pronoun {
                person: false,
                span,
            } => {
                let org = self.orgs.get(*self.mentions.last()?)?;
                Some(org_speaker(org, *span))
            }
            Subject::OrgRef { noun, span } => Some(org_speaker(self.find_org(noun)?, *span)),
            Subject::OrgNamed(span) => {
                let name = span.slice(text).to_string();
                let kind = Kind::Body;
                Some(org_speaker(&Org { name, kind }, *span))
            }
            Subject::Named { run, role } => {
                let mut r = self.resolve_named(text, run)?;
                if r.speaker.role.is_none() {
                    r.speaker.role = role.map(|s| s.slice(text).to_string());
                }
                if r.speaker.role.is_some() && r.kind == Kind::Unknown {
                    r.kind = Kind::Person;
                }
                Some(r)
            }
            Subject::Unknown => None,
        }
    }

    /// The most recent organisation matching an org noun ("the agency" →
    /// a name containing "Agency"; "the group" → any non-state body).
    fn find_org(&self, noun: &str) -> Option<&Org> {
        let noun = noun.to_lowercase();
        let synonyms = lexicon::org_noun_synonyms(&noun);
        self.mentions
            .iter()
            .rev()
            .take(ORG_LOOKBACK)
            .filter_map(|&i| self.orgs.get(i))
            .find(|org| {
                let lower = org.name.to_lowercase();
                let has = |w: &str| {
                    lower
                        .split_whitespace()
                        .any(|x| words::strip_possessive(x) == w)
                };
                has(&noun)
                    || synonyms.iter().any(|s| has(s))
                    || (lexicon::is_generic_org_noun(&noun) && org.kind == Kind::Body)
            })
    }

    fn lookup_person(&self, name: &str) -> Option<&Person> {
        let idx = with_lowercase(name, |lower| self.by_name.get(lower).copied())?;
        self.persons.get(idx)
    }

    fn lookup_org(&self, name: &str) -> Option<&Org> {
        let idx = with_lowercase(name, |lower| self.org_by_name.get(lower).copied())?;
        self.orgs.get(idx)
    }

    fn resolve_named(&self, text: &str, run: &[Token]) -> Option<Resolved> {
        let parsed = parse_name(text, run)?;
        if let Some(p) = self.lookup_person(&parsed.name) {
            let mut r = person_speaker(p, parsed.name_span);
            if parsed.role.is_some() {
                r.speaker.role = parsed.role;
            }
            return Some(r);
        }
        if let Some(org) = self.lookup_org(&parsed.name) {
            return Some(org_speaker(org, parsed.name_span));
        }
        Some(Resolved {
            kind: kind_of(&parsed),
            speaker: Speaker {
                name: parsed.name,
                span: parsed.name_span,
                role: parsed.role,
            },
        })
    }

    /// Remembers a speaker: persons become the antecedent of "he"/"she",
    /// organisations the latest mention. An unresolved speaker ("a
    /// teacher said") clears the antecedent so "she said" is not guessed.
    pub fn note_speaker(&mut self, r: Option<&Resolved>) {
        let Some(r) = r else {
            self.last_person = None;
            return;
        };
        match r.kind {
            Kind::Person => {
                let idx = self.add_person(&r.speaker.name, r.speaker.role.clone());
                self.last_person = Some(idx);
            }
            kind => self.add_org(&r.speaker.name, kind),
        }
    }

    fn add_person(&mut self, name: &str, role: Option<String>) -> usize {
        if let Some(idx) = with_lowercase(name, |lower| self.by_name.get(lower).copied()) {
            if let Some(p) = self.persons.get_mut(idx) {
                if p.role.is_none() {
                    p.role = role.clone();
                }
                if p.name.split_whitespace().count() >= name.split_whitespace().count() {
                    return idx;
                }
            }
        }
        let idx = self.persons.len();
        self.persons.push(Person {
            name: name.to_string(),
            role,
        });
        self.by_name.insert(name.to_lowercase(), idx);
        if let Some(surname) = name.split_whitespace().last() {
            self.by_name.insert(surname.to_lowercase(), idx);
        }
        idx
    }

    fn add_org(&mut self, name: &str, kind: Kind) {
        let key = name.to_lowercase();
        let idx = match self.org_by_name.get(&key) {
            Some(&i) => i,
            None => {
                self.orgs.push(Org {
                    name: name.to_string(),
                    kind,
                });
                let i = self.orgs.len() - 1;
                self.org_by_name.insert(key, i);
                self.org_by_name
                    .entry(org_core_name(name).to_lowercase())
                    .or_insert(i);
                i
            }
        };
        self.mentions.push(idx);
    }

    /// Reads a sentence for named people and organisations, and for its
    /// subject (a named person acting becomes the antecedent of "he").
    pub fn observe(&mut self, text: &str, toks: &[Token]) {
        let subject_at = subject_start(toks);
        let mut i = 0;
        while i < toks.len() {
            let run = name_run(text, toks, i);
            if run.is_empty() {
                i += 1;
                continue;
            }
            let end = i + run.len();
            let is_subject = i == subject_at
                && toks
                    .get(end)
                    .is_some_and(|t| t.is_word() && words::is_lowercase(t.text(text)));
            self.observe_run(text, run, is_subject);
            i = end;
        }
    }

    fn observe_run(&mut self, text: &str, run: &[Token], is_subject: bool) {
        let Some(parsed) = parse_name(text, run) else {
            return;
        };
        let known = self.lookup_person(&parsed.name).map(|p| p.name.clone());
        let (name, kind) = match known {
            Some(full) => (full, Kind::Person),
            None => match self.lookup_org(&parsed.name) {
                Some(org) => (org.name.clone(), org.kind),
                None => (parsed.name.clone(), kind_of(&parsed)),
            },
        };
        match kind {
            Kind::Person => {
                let idx = self.add_person(&name, parsed.role);
                if is_subject {
                    self.last_person = Some(idx);
                }
            }
            Kind::State | Kind::Body => self.add_org(&name, kind),
            Kind::Unknown => {}
        }
    }
}

fn person_speaker(p: &Person, span: Span) -> Resolved {
    Resolved {
        speaker: Speaker {
            name: p.name.clone(),
            span,
            role: p.role.clone(),
        },
        kind: Kind::Person,
    }
}

fn org_speaker(org: &Org, span: Span) -> Resolved {
    Resolved {
        speaker: Speaker {
            name: org.name.clone(),
            span,
            role: None,
        },
        kind: org.kind,
    }
}

/// Index of the token where the sentence's subject starts: after a short
/// introductory phrase ending in a comma ("In addition, ..."), else 0.
fn subject_start(toks: &[Token]) -> usize {
    let intro = toks.iter().take(6).position(|t| t.punct == Some(','));
    match intro {
        Some(c) if toks.iter().take(c).all(|t| t.is_word()) => c + 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::attribution::find_attributions;
    use crate::text::segment::words::tokenize;

    /// Reads `sentences` in order (one per string, joined by spaces) and
    /// returns the resolved speaker name of each attribution.
    fn run(sentences: &[&str]) -> Vec<Option<String>> {
        let text = sentences.join(" ");
        let mut tracker = Tracker::default();
        let mut out = Vec::new();
        let mut start = 0;
        for s in sentences {
            let span = Span::new(start, start + s.len());
            start += s.len() + 1;
            let toks = tokenize(&text, span, &[]);
            let mut resolved = Vec::new();
            for (_, subject) in find_attributions(&text, &toks) {
                let r = tracker.resolve(&text, &subject);
                out.push(r.as_ref().map(|r| r.speaker.name.clone()));
                resolved.push(r);
            }
            tracker.observe(&text, &toks);
            for r in &resolved {
                tracker.note_speaker(r.as_ref());
            }
        }
        out
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn pronoun_needs_a_named_subject_and_is_reset_by_unknowns() {
        assert_eq!(run(&["He said so."]), vec![None]);
        assert_eq!(
            run(&[
                "Envoy Tomas Reyes arrived.",
                "He said so.",
                "A witness said no.",
                "She said yes."
            ]),
            vec![some("Tomas Reyes"), None, None]
        );
    }

    #[test]
    fn surnames_and_org_references() {
        assert_eq!(
            run(&[
                "The Delta Watch Group published data.",
                "Qatar backed talks.",
                "The group said so.",
                "It said more.",
                "The ministry said nothing.",
            ]),
            vec![some("Delta Watch Group"), some("Delta Watch Group"), None]
        );
        assert_eq!(
            run(&[
                "Minister Lena Sorvik met Ivo Brankov.",
                "Brankov said no.",
                "Sorvik said yes."
            ]),
            vec![some("Ivo Brankov"), some("Lena Sorvik")]
        );
    }

    #[test]
    fn corporate_names_match_without_suffix() {
        assert_eq!(
            run(&[
                "It was built by Arktis Dynamics Inc. in 2020.",
                "Arktis Dynamics said nothing."
            ]),
            vec![some("Arktis Dynamics Inc.")]
        );
    }
}

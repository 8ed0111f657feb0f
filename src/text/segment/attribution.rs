//! Finding attributions in a sentence: a verb of saying and the words that
//! name its subject ("Araghchi said", "said the ministry", "according to
//! X", "Gen. X, the head of the navy, said").

use super::lexicon;
use super::words::{self, Token};
use crate::text::span::Span;

/// What an attribution says about its speaker, before resolution.
#[derive(Debug, Clone)]
pub(crate) enum Subject {
    /// "he"/"she" (`person`) or "it".
    Pronoun { person: bool, span: Span },
    /// "the group", "the ministry": refers back to an organisation.
    OrgRef { noun: String, span: Span },
    /// An organisation named by a phrase ending in an org noun
    /// ("Reskan’s army", "the U.N. Secretary-General's office").
    OrgNamed(Span),
    /// Capitalised words, possibly with a title ("Foreign Minister X"),
    /// and a role given in apposition ("X, a spokesman for ...").
    Named { run: Vec<Token>, role: Option<Span> },
    /// A subject we cannot resolve ("they", "a statement", "officials").
    Unknown,
}

/// Finds the verbs of saying in a sentence (outside quotes) with their
/// subjects, in order.
#[cfg(test)] // the speaker pass knows where the candidate words are
pub(crate) fn find_attributions(text: &str, toks: &[Token]) -> Vec<(Span, Subject)> {
    let every_token: Vec<usize> = toks.iter().map(|t| t.span.start).collect();
    find_attributions_at(text, toks, &every_token)
}

/// [`find_attributions`] looking only at the tokens that start at one of
/// `candidates` (sorted byte offsets, the words of saying found by
/// [`super::prescan`]: every verb of saying and "according" the tokenizer
/// finds starts at one), instead of looking every word up in the list.
pub(crate) fn find_attributions_at(
    text: &str,
    toks: &[Token],
    candidates: &[usize],
) -> Vec<(Span, Subject)> {
    let mut out: Vec<(Span, Subject)> = Vec::new();
    let mut candidates = candidates.iter().peekable();
    for (i, t) in toks.iter().enumerate() {
        while candidates.next_if(|&&c| c < t.span.start).is_some() {}
        if candidates.peek() != Some(&&t.span.start) || !t.is_word() || t.quoted {
            continue;
        }
        let w = t.text(text);
        if w.eq_ignore_ascii_case("according") && word_at(text, toks, i + 1) == Some("to") {
            let end = toks.get(i + 1).map_or(t.span.end, |n| n.span.end);
            out.push((
                Span::new(t.span.start, end),
                subject_after(text, toks, i + 2),
            ));
        } else if lexicon::is_speech_verb(w) {
            let subject = match subject_before(text, toks, i) {
                // "... and said": the subject of the earlier verb.
                Some(Before::Conjunction) => {
                    out.last().map_or(Subject::Unknown, |(_, s)| s.clone())
                }
                Some(Before::Subject(s)) => s,
                None => subject_after(text, toks, i + 1),
            };
            out.push((t.span, subject));
        }
    }
    out
}

/// The word at `i`, when it is an unquoted word.
fn word_at<'a>(text: &'a str, toks: &[Token], i: usize) -> Option<&'a str> {
    toks.get(i)
        .filter(|t| t.is_word() && !t.quoted)
        .map(|t| t.text(text))
}

/// What precedes a verb of saying.
enum Before {
    Subject(Subject),
    /// "and"/"but": the verb shares an earlier subject.
    Conjunction,
}

/// The subject before the verb at `verb`. `None` when no word precedes it
/// in its clause (so the subject may follow: `“...,” said Araghchi`).
fn subject_before(text: &str, toks: &[Token], verb: usize) -> Option<Before> {
    let head_idx = skip_adverbs_back(text, toks, verb).checked_sub(1)?;
    if toks.get(head_idx).is_some_and(|t| t.punct == Some(',')) {
        return appositive_subject(text, toks, head_idx).map(Before::Subject);
    }
    let head = word_at(text, toks, head_idx)?;
    let span = toks.get(head_idx).map(|t| t.span)?;
    let lower = head.to_lowercase();
    Some(Before::Subject(match lower.as_str() {
        "and" | "but" => return Some(Before::Conjunction),
        "he" | "she" => Subject::Pronoun { person: true, span },
        "it" => Subject::Pronoun {
            person: false,
            span,
        },
        _ if words::is_lowercase(head) && lexicon::is_org_noun(&lower) => {
            org_phrase_before(text, toks, head_idx)
        }
        _ => named_before(text, toks, head_idx),
    }))
}

/// Index of the first adverb (or weekday phrase) directly before `verb`,
/// i.e. where the subject ends.
fn skip_adverbs_back(text: &str, toks: &[Token], verb: usize) -> usize {
    let mut j = verb;
    while let Some(w) = j.checked_sub(1).and_then(|k| word_at(text, toks, k)) {
        let after_is_weekday = word_at(text, toks, j).is_some_and(lexicon::is_weekday);
        if lexicon::is_adverb(w) || lexicon::is_weekday(w) || (w == "on" && after_is_weekday) {
            j -= 1;
        } else {
            break;
        }
    }
    j
}

/// `X, a spokesman for Y, said` and `Reskan’s Foreign Minister, Oskar
/// Brandt, said`: the comma before the verb closes an apposition.
fn appositive_subject(text: &str, toks: &[Token], comma: usize) -> Option<Subject> {
    // Previous comma, within a short window and with no quote in between.
    let open = (comma.saturating_sub(16)..comma)
        .rev()
        .take_while(|&k| toks.get(k).is_some_and(|t| !t.quoted))
        .find(|&k| toks.get(k).is_some_and(|t| t.punct == Some(',')))?;
    let between = toks.get(open + 1..comma)?;
    let before = run_ending_at(text, toks, open.checked_sub(1)?);
    let between_is_name = !between.is_empty()
        && between.iter().all(|t| name_part(text, t))
        && between.iter().any(|t| words::is_capitalised(t.text(text)));
    let before_has_title = before.iter().any(|t| lexicon::is_head_title(t.text(text)));
    if between_is_name && before_has_title {
        let mut run = before.to_vec();
        run.extend_from_slice(between);
        return Some(Subject::Named { run, role: None });
    }
    // Only a name opening the sentence is the subject of the verb.
    let starts_sentence = open == before.len();
    if before.is_empty() || !starts_sentence {
        return None;
    }
    Some(Subject::Named {
        run: before.to_vec(),
        role: apposition_role(text, toks, open + 1),
    })
}

/// The name run (names, titles, connectors) that ends at token `end`.
fn run_ending_at<'a>(text: &str, toks: &'a [Token], end: usize) -> &'a [Token] {
    let mut k = end + 1;
    while let Some(t) = k.checked_sub(1).and_then(|i| toks.get(i)) {
        let connector = t.is_word()
            && !t.quoted
            && lexicon::is_connector(t.text(text))
            && k.checked_sub(2)
                .and_then(|i| toks.get(i))
                .is_some_and(|p| name_part(text, p));
        if name_part(text, t) || connector || modifier_at(text, toks, k - 1) {
            k -= 1;
        } else {
            break;
        }
    }
    toks.get(k..=end).unwrap_or(&[])
}

/// "a spokesman for ...", "the head of ...": the title word of an
/// apposition starting at `from`, if any.
fn apposition_role(text: &str, toks: &[Token], from: usize) -> Option<Span> {
    let first = word_at(text, toks, from)?.to_lowercase();
    if !matches!(first.as_str(), "a" | "an" | "the") {
        return None;
    }
    (from + 1..from + 4)
        .map_while(|k| toks.get(k).filter(|t| t.is_word()))
        .find(|t| lexicon::is_head_title(t.text(text)))
        .map(|t| t.span)
}

/// "the (Iranian foreign) ministry", "Reskan’s army", "the U.N.
/// Secretary-General's office": walks back from the org noun.
fn org_phrase_before(text: &str, toks: &[Token], noun: usize) -> Subject {
    let Some(end) = toks.get(noun).map(|t| t.span.end) else {
        return Subject::Unknown;
    };
    let noun_text = word_at(text, toks, noun).unwrap_or("");
    let mut named = false;
    for k in (noun.saturating_sub(4)..noun).rev() {
        let Some(w) = word_at(text, toks, k) else {
            break;
        };
        let start = toks.get(k).map_or(end, |t| t.span.start);
        if w.eq_ignore_ascii_case("the") {
            return if named {
                toks.get(k + 1).map_or(Subject::Unknown, |t| {
                    Subject::OrgNamed(Span::new(t.span.start, end))
                })
            } else {
                Subject::OrgRef {
                    noun: noun_text.to_string(),
                    span: Span::new(start, end),
                }
            };
        }
        if words::is_possessive(w) && words::is_capitalised(w) {
            // The whole owner's name: "the U.N. Secretary-General's office".
            let owner = run_ending_at(text, toks, k);
            let first = owner
                .iter()
                .find(|t| !lexicon::is_stop_cap(t.text(text)))
                .map_or(start, |t| t.span.start);
            return Subject::OrgNamed(Span::new(first, end));
        }
        named |= words::is_capitalised(w);
    }
    Subject::Unknown
}

/// A lowercase word qualifying a lowercase title after a possessive:
/// "fisheries" in "Ormund’s fisheries minister".
fn modifier_at(text: &str, toks: &[Token], i: usize) -> bool {
    let Some(w) = word_at(text, toks, i) else {
        return false;
    };
    let owner = i
        .checked_sub(1)
        .and_then(|k| word_at(text, toks, k))
        .is_some_and(|p| words::is_possessive(p) && words::is_capitalised(p));
    let title_next =
        word_at(text, toks, i + 1).is_some_and(|n| words::is_lowercase(n) && lexicon::is_title(n));
    owner && title_next && words::is_lowercase(w) && !lexicon::is_title(w)
}

/// True for tokens that can be part of a name or title run.
pub(crate) fn name_part(text: &str, t: &Token) -> bool {
    if !t.is_word() || t.quoted {
        return false;
    }
    let w = t.text(text);
    words::is_capitalised(w) || (words::is_lowercase(w) && lexicon::is_title(w))
}

/// The capitalised run ending at `head`. "Jonas Brevik of the Lomna
/// Institute said" names the person, not the institute.
fn named_before(text: &str, toks: &[Token], head: usize) -> Subject {
    let run = run_ending_at(text, toks, head);
    let start = head + 1 - run.len();
    let named = |t: &Token| {
        let w = t.text(text);
        words::is_capitalised(w) && !lexicon::is_stop_cap(w)
    };
    if !run.iter().any(named) {
        // Nothing but "Officials", "Analysts", ...: nobody in particular.
        return Subject::Unknown;
    }
    let prep = match (
        word_at(text, toks, start.wrapping_sub(1)),
        word_at(text, toks, start.wrapping_sub(2)),
    ) {
        (Some("the"), Some(p)) => Some((p, start.wrapping_sub(3))),
        (Some(p), _) => Some((p, start.wrapping_sub(2))),
        _ => None,
    };
    if let Some((_, end)) = prep.filter(|(p, _)| matches!(*p, "of" | "at" | "from")) {
        let holder = run_ending_at(text, toks, end);
        if !holder.is_empty() && super::names::looks_like_person(text, holder) {
            return Subject::Named {
                run: holder.to_vec(),
                role: None,
            };
        }
    }
    Subject::Named {
        run: run.to_vec(),
        role: None,
    }
}

/// The subject after a verb or "according to" (inverted attribution).
fn subject_after(text: &str, toks: &[Token], from: usize) -> Subject {
    let mut j = from;
    while word_at(text, toks, j).is_some_and(lexicon::is_adverb) {
        j += 1;
    }
    let Some(first) = word_at(text, toks, j) else {
        return Subject::Unknown;
    };
    let span = toks.get(j).map_or(Span::new(0, 0), |t| t.span);
    match first.to_lowercase().as_str() {
        "he" | "she" => return Subject::Pronoun { person: true, span },
        "the" => return the_phrase_after(text, toks, j),
        _ => {}
    }
    named_after(text, toks, j)
}

/// A name run starting at `from`, joined with a name given in apposition
/// ("Seluna’s chief negotiator, Dr. Imani Sowe") and followed by an
/// apposition role ("Tomas Adeyemi, a spokesman for ...").
fn named_after(text: &str, toks: &[Token], from: usize) -> Subject {
    let run = name_run(text, toks, from);
    if run.is_empty() {
        return Subject::Unknown;
    }
    let after = from + run.len();
    let comma_next = toks.get(after).is_some_and(|t| t.punct == Some(','));
    if comma_next && run.iter().any(|t| lexicon::is_head_title(t.text(text))) {
        let name = name_run(text, toks, after + 1);
        if !name.is_empty() && !name.iter().any(|t| lexicon::is_head_title(t.text(text))) {
            let mut joined = run.to_vec();
            joined.extend_from_slice(name);
            return Subject::Named {
                run: joined,
                role: None,
            };
        }
    }
    let role = if comma_next {
        apposition_role(text, toks, after + 1)
    } else {
        None
    };
    Subject::Named {
        run: run.to_vec(),
        role,
    }
}

/// After "the": an organisation noun within four words ("the Iranian
/// foreign ministry"), a name in apposition ("the army’s spokesman, Col.
/// Teodor Vasić"), else a capitalised name ("the Kremlin").
fn the_phrase_after(text: &str, toks: &[Token], the: usize) -> Subject {
    let start = toks.get(the).map_or(0, |t| t.span.start);
    for k in the + 1..the + 5 {
        match toks.get(k) {
            Some(t) if t.punct == Some(',') => {
                let name = name_run(text, toks, k + 1);
                if !name.is_empty() {
                    return Subject::Named {
                        run: name.to_vec(),
                        role: None,
                    };
                }
                break;
            }
            Some(t) if t.is_word() && !t.quoted => {
                let w = t.text(text);
                if words::is_lowercase(w) && lexicon::is_org_noun(w) {
                    return Subject::OrgRef {
                        noun: w.to_string(),
                        span: Span::new(start, t.span.end),
                    };
                }
            }
            _ => break,
        }
    }
    let run = name_run(text, toks, the + 1);
    if run.is_empty() {
        Subject::Unknown
    } else {
        Subject::Named {
            run: run.to_vec(),
            role: None,
        }
    }
}

/// The capitalised run (names, titles, connectors, "of the") starting at
/// `from`.
pub(crate) fn name_run<'a>(text: &str, toks: &'a [Token], from: usize) -> &'a [Token] {
    let first_ok = toks
        .get(from)
        .is_some_and(|t| t.is_word() && !t.quoted && words::is_capitalised(t.text(text)));
    if !first_ok {
        return &[];
    }
    let mut k = from + 1;
    loop {
        if toks.get(k).is_some_and(|t| name_part(text, t)) || modifier_at(text, toks, k) {
            k += 1;
        } else if connector_at(text, toks, k) {
            // "of the Red Cross": connector, optional "the", then a name.
            let skip = if word_at(text, toks, k + 1) == Some("the") {
                2
            } else {
                1
            };
            if toks.get(k + skip).is_some_and(|t| name_part(text, t)) {
                k += skip;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    toks.get(from..k).unwrap_or(&[])
}

fn connector_at(text: &str, toks: &[Token], k: usize) -> bool {
    word_at(text, toks, k).is_some_and(lexicon::is_connector)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::words::tokenize;

    /// (verb, subject as text) for each attribution in `text`.
    fn found(text: &str) -> Vec<(String, String)> {
        let toks = tokenize(text, Span::new(0, text.len()), &[]);
        find_attributions(text, &toks)
            .into_iter()
            .map(|(verb, s)| (verb.slice(text).to_string(), describe(text, &s)))
            .collect()
    }

    fn describe(text: &str, s: &Subject) -> String {
        match s {
            Subject::Pronoun { span, .. } => format!("pronoun:{}", span.slice(text)),
            Subject::OrgRef { noun, span } => format!("ref:{noun}:{}", span.slice(text)),
            Subject::OrgNamed(span) => format!("org:{}", span.slice(text)),
            Subject::Named { run, role } => {
                let words: Vec<&str> = run.iter().map(|t| t.text(text)).collect();
                let role = role.map_or("", |r| r.slice(text));
                format!("named:{}|{role}", words.join(" "))
            }
            Subject::Unknown => "unknown".into(),
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn subject_before_verb() {
        assert_eq!(
            found("Foreign Minister Lena Sorvik also said on Monday it was over."),
            pairs(&[("said", "named:Foreign Minister Lena Sorvik|")])
        );
        assert_eq!(
            found("He told reporters."),
            pairs(&[("told", "pronoun:He")])
        );
        assert_eq!(
            found("The Iranian foreign ministry said so."),
            pairs(&[("said", "org:Iranian foreign ministry")])
        );
        assert_eq!(
            found("The foreign ministry said so."),
            pairs(&[("said", "ref:ministry:The foreign ministry")])
        );
        assert_eq!(
            found("Reskan’s army said so."),
            pairs(&[("said", "org:Reskan’s army")])
        );
        assert_eq!(found("Officials said so."), pairs(&[("said", "unknown")]));
    }

    #[test]
    fn inverted_and_according_to() {
        assert_eq!(
            found("“No,” said Tomas Adeyemi, a spokesman for the presidency."),
            pairs(&[("said", "named:Tomas Adeyemi|spokesman")])
        );
        assert_eq!(
            found("“No,” said the ministry."),
            pairs(&[("said", "ref:ministry:the ministry")])
        );
        assert_eq!(
            found("It fell, according to the International Committee of the Red Cross."),
            pairs(&[(
                "according to",
                "named:International Committee of the Red Cross|"
            )])
        );
    }

    #[test]
    fn appositions_and_conjunctions() {
        assert_eq!(
            found("Gen. Pavel Ristov, the head of the navy, said no."),
            pairs(&[("said", "named:Gen. Pavel Ristov|head")])
        );
        assert_eq!(
            found("Ormund’s fisheries minister, Jon Haraldsen, said no."),
            pairs(&[("said", "named:Ormund’s fisheries minister Jon Haraldsen|")])
        );
        assert_eq!(
            found("Kestria declared a zone and said it was legal."),
            pairs(&[("declared", "named:Kestria|"), ("said", "named:Kestria|")])
        );
        assert_eq!(
            found("A teacher from Belo Vrh, who asked not to be named, said so."),
            pairs(&[("asked", "unknown"), ("said", "unknown")])
        );
    }

    #[test]
    fn person_of_an_institution() {
        assert_eq!(
            found("Analyst Jonas Brevik of the Lomna Institute said so."),
            pairs(&[("said", "named:Analyst Jonas Brevik|")])
        );
    }
}

//! Names: splitting a capitalised run into role and name, and telling
//! people from organisations.

use super::lexicon;
use super::words::{self, Token};
use crate::text::span::Span;

/// Whether a name is a person or which kind of organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Person,
    /// A state or capital speaking ("Qatar", "Tehran").
    State,
    /// A body with an organisational name ("... News Agency", "Hamas").
    Body,
    /// A single unknown capitalised word named as a speaker.
    Unknown,
}

/// A name split into role and name, before looking it up.
#[derive(Debug, Clone)]
pub(crate) struct Parsed<'a> {
    pub name: String,
    pub name_span: Span,
    pub role: Option<String>,
    /// Borrowed from the text: a name is parsed for nearly every
    /// capitalised run, and kept only as `name`.
    pub name_words: Vec<&'a str>,
}

/// Splits a capitalised run into role and name: "Iran’s Foreign Minister
/// Abbas Araghchi" → role "Foreign Minister", name "Abbas Araghchi";
/// "Kestria’s Foreign Ministry" stays whole. `None` when no name is left
/// (a bare role such as "the Prime Minister").
pub(crate) fn parse_name<'a>(text: &'a str, run: &[Token]) -> Option<Parsed<'a>> {
    let all: Vec<(&str, Span)> = run
        .iter()
        .filter(|t| t.is_word())
        .map(|t| (t.text(text), t.span))
        .collect();
    let ws = strip_leading(&all);
    let last_title = ws.iter().rposition(|(w, _)| lexicon::is_head_title(w));
    let last_poss = ws.iter().rposition(|(w, _)| words::is_possessive(w));
    let name_start = match (last_title, last_poss) {
        (Some(t), _) => t + 1,
        (None, Some(p)) if !is_org_run(ws.get(p + 1..).unwrap_or(&[])) => p + 1,
        _ => 0,
    };
    let mut name_ws = trim_name(ws.get(name_start..).unwrap_or(&[]));
    // A person's name ends before "of": "President Amara Okonta of Seluna".
    if let Some(of) = name_ws.iter().position(|(w, _)| *w == "of") {
        let head = name_ws.get(..of).unwrap_or(&[]);
        if last_title.is_some() || is_person_words(head) {
            name_ws = trim_name(head);
        }
    }
    let (first, last) = (name_ws.first()?, name_ws.last()?);
    if name_ws.iter().all(|(w, _)| lexicon::is_stop_cap(w)) {
        return None;
    }
    let name_span = Span::new(first.1.start, last.1.end);
    let role = last_title.and_then(|t| {
        let role_start = last_poss.filter(|&p| p < t).map_or(0, |p| p + 1);
        let from = ws.get(role_start)?.1.start;
        let to = ws.get(t)?.1.end;
        text.get(from..to).map(str::to_string)
    });
    Some(Parsed {
        name: words::strip_possessive(name_span.slice(text)).to_string(),
        name_span,
        role,
        name_words: name_ws.iter().map(|(w, _)| *w).collect(),
    })
}

/// Drops sentence-opening words, honorifics and lowercase words from the
/// front of a run ("The", "However", "Mr.").
fn strip_leading<'a, 'b>(ws: &'b [(&'a str, Span)]) -> &'b [(&'a str, Span)] {
    let mut start = 0;
    while ws.get(start).is_some_and(|(w, _)| {
        lexicon::is_stop_cap(w)
            || lexicon::is_honorific(w)
            || (!words::is_capitalised(w) && !lexicon::is_title(w))
    }) && start + 1 < ws.len()
    {
        start += 1;
    }
    ws.get(start..).unwrap_or(&[])
}

/// Trims honorifics and lowercase words from both ends of a name.
fn trim_name<'a, 'b>(mut ws: &'b [(&'a str, Span)]) -> &'b [(&'a str, Span)] {
    while ws
        .first()
        .is_some_and(|(w, _)| !words::is_capitalised(w) || lexicon::is_honorific(w))
    {
        ws = ws.get(1..).unwrap_or(&[]);
    }
    while ws.last().is_some_and(|(w, _)| !words::is_capitalised(w)) {
        ws = ws.get(..ws.len() - 1).unwrap_or(&[]);
    }
    ws
}

fn is_org_run(ws: &[(&str, Span)]) -> bool {
    ws.iter()
        .any(|(w, _)| lexicon::is_org_keyword(w) || lexicon::is_known_body(w))
}

/// Two or more capitalised name words and nothing that rules a person out.
fn is_person_words(ws: &[(&str, Span)]) -> bool {
    ws.len() >= 2 && ws.iter().all(|(w, _)| is_person_word(w))
}

fn is_person_word(w: &str) -> bool {
    (words::is_capitalised(w)
        && !words::is_acronym(w)
        && !lexicon::rules_out_person(w)
        && !lexicon::is_org_keyword(w)
        && !lexicon::is_state(w)
        && !words::is_possessive(w))
        || lexicon::is_connector(w)
}

/// True when a run names a person: it has a title, or two or more name
/// words.
pub(crate) fn looks_like_person(text: &str, run: &[Token]) -> bool {
    parse_name(text, run).is_some_and(|p| kind_of(&p) == Kind::Person)
}

/// Classifies a parsed name that is not a known person.
pub(crate) fn kind_of(p: &Parsed) -> Kind {
    if p.role.is_some() {
        return Kind::Person;
    }
    let ws = &p.name_words;
    if ws
        .iter()
        .any(|w| lexicon::is_org_keyword(w) || lexicon::is_known_body(w))
    {
        return Kind::Body;
    }
    if let [only] = ws.as_slice() {
        return if lexicon::is_state(only) {
            Kind::State
        } else if words::is_acronym(only) {
            Kind::Body
        } else {
            Kind::Unknown
        };
    }
    if ws.len() >= 2 && ws.iter().all(|w| is_person_word(w)) {
        Kind::Person
    } else {
        Kind::Unknown
    }
}

/// The name without a corporate suffix ("Arktis Dynamics Inc." →
/// "Arktis Dynamics"), used as a second key for organisations.
pub(crate) fn org_core_name(name: &str) -> &str {
    let trimmed = name.trim_end_matches('.');
    for suffix in [" Inc", " Corp", " Ltd", " Co", " LLC", " PLC", " plc"] {
        if let Some(core) = trimmed.strip_suffix(suffix) {
            return core.trim_end_matches(',');
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::words::tokenize;

    fn parse(text: &str) -> Option<(String, Option<String>, Kind)> {
        let toks = tokenize(text, Span::new(0, text.len()), &[]);
        parse_name(text, &toks).map(|p| (p.name.clone(), p.role.clone(), kind_of(&p)))
    }

    fn person(name: &str, role: Option<&str>) -> Option<(String, Option<String>, Kind)> {
        Some((name.to_string(), role.map(str::to_string), Kind::Person))
    }

    #[test]
    fn roles_are_kept_apart() {
        assert_eq!(
            parse("Foreign Minister Badr Abdelatty"),
            person("Badr Abdelatty", Some("Foreign Minister"))
        );
        assert_eq!(
            parse("US President Donald Trump"),
            person("Donald Trump", Some("US President"))
        );
        assert_eq!(
            parse("Iran’s Foreign Minister Abbas Araghchi"),
            person("Abbas Araghchi", Some("Foreign Minister"))
        );
        assert_eq!(
            parse("Saudi Crown Prince Mohammed bin Salman"),
            person("Mohammed bin Salman", Some("Saudi Crown Prince"))
        );
        assert_eq!(
            parse("Water Minister Dr. Hendrik J. Molenaar"),
            person("Hendrik J. Molenaar", Some("Water Minister"))
        );
        assert_eq!(
            parse("President Amara Okonta of Seluna"),
            person("Amara Okonta", Some("President"))
        );
        assert_eq!(parse("Mr. Lars Eng"), person("Lars Eng", None));
    }

    #[test]
    fn organisations_and_bare_roles() {
        let org = |n: &str, k| Some((n.to_string(), None, k));
        assert_eq!(
            parse("The Human Rights Activists News Agency"),
            org("Human Rights Activists News Agency", Kind::Body)
        );
        assert_eq!(
            parse("Kestria’s Foreign Ministry"),
            org("Kestria’s Foreign Ministry", Kind::Body)
        );
        assert_eq!(parse("Qatar"), org("Qatar", Kind::State));
        assert_eq!(parse("Hamas"), org("Hamas", Kind::Body));
        assert_eq!(parse("Varnland"), org("Varnland", Kind::Unknown));
        assert_eq!(parse("Possible US"), org("US", Kind::State));
        assert_eq!(parse("Qatar’s Prime Minister"), None);
        assert_eq!(parse("However"), None);
    }

    #[test]
    fn corporate_suffixes() {
        assert_eq!(org_core_name("Arktis Dynamics Inc."), "Arktis Dynamics");
        assert_eq!(org_core_name("Hamas"), "Hamas");
    }
}

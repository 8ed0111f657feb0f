//! Golden tests for `stance::text::segment` on hand-written news articles in
//! `tests/articles/NAME.txt`, each with a hand-checked `NAME.golden.json`
//! listing its sentences (per paragraph), quotes with speakers, speaker
//! look-ups for unquoted sentences, boilerplate paragraphs and headline.

use serde::Deserialize;
use stance::text::segment::{
    is_boilerplate, is_headline, paragraphs, quotes, sentences, SpeakerIndex,
};
use stance::text::span::Span;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Golden {
    headline: Option<String>,
    paragraphs: Vec<Vec<String>>,
    boilerplate: Vec<String>,
    quotes: Vec<GoldenQuote>,
    speakers: Vec<GoldenSpeaker>,
}

#[derive(Debug, Deserialize)]
struct GoldenQuote {
    /// The quote unit (quoted words plus attribution in the same sentences).
    text: String,
    /// The words inside the marks.
    quote: String,
    fragment: bool,
    speaker: Option<String>,
    role: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GoldenSpeaker {
    /// A sentence of the article (no quote marks needed).
    unit: String,
    speaker: Option<String>,
    role: Option<String>,
}

/// `tests/articles`, whether this file is compiled by its own crate or by a
/// scratch crate that points at it.
fn articles_dir() -> PathBuf {
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
    if own.is_dir() {
        return own;
    }
    Path::new(file!())
        .parent()
        .map(|p| p.join("articles"))
        .unwrap_or(own)
}

fn article_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(articles_dir())
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter_map(|n| n.strip_suffix(".txt").map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn read(name: &str, ext: &str) -> String {
    let path = articles_dir().join(format!("{name}{ext}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text[span]`, checking that the span is exact and trimmed.
fn slice<'a>(text: &'a str, span: Span, what: &str, errors: &mut Vec<String>) -> &'a str {
    match text.get(span.start..span.end) {
        Some(s) => {
            if s.trim() != s {
                errors.push(format!("{what}: span {span:?} not trimmed: {s:?}"));
            }
            s
        }
        None => {
            errors.push(format!("{what}: span {span:?} does not fit the text"));
            ""
        }
    }
}

fn check_article(name: &str) -> Vec<String> {
    let text = read(name, ".txt");
    let golden: Golden = serde_json::from_str(&read(name, ".golden.json"))
        .unwrap_or_else(|e| panic!("{name}.golden.json: {e}"));
    let mut errors = Vec::new();
    check_paragraphs(&text, &golden, &mut errors);
    check_quotes(&text, &golden, &mut errors);
    check_speakers(&text, &golden, &mut errors);
    errors
        .into_iter()
        .map(|e| format!("[{name}] {e}"))
        .collect()
}

fn check_paragraphs(text: &str, golden: &Golden, errors: &mut Vec<String>) {
    let paras = paragraphs(text);
    if paras.len() != golden.paragraphs.len() {
        errors.push(format!(
            "{} paragraphs, expected {}",
            paras.len(),
            golden.paragraphs.len()
        ));
    }
    let mut boiler = Vec::new();
    for (i, (p, want)) in paras.iter().zip(&golden.paragraphs).enumerate() {
        let ptext = slice(text, *p, "paragraph", errors);
        let got: Vec<&str> = sentences(text, *p)
            .into_iter()
            .map(|s| slice(text, s, "sentence", errors))
            .collect();
        if got != *want {
            errors.push(format!(
                "paragraph {i} sentences:\n  got  {got:?}\n  want {want:?}"
            ));
        }
        if is_boilerplate(ptext) {
            boiler.push(ptext.to_string());
        }
        let headline = is_headline(text, *p, i);
        let want_headline = i == 0 && golden.headline.as_deref() == Some(ptext);
        if headline != want_headline {
            errors.push(format!("paragraph {i} headline = {headline}: {ptext:?}"));
        }
    }
    if boiler != golden.boilerplate {
        errors.push(format!(
            "boilerplate:\n  got  {boiler:?}\n  want {:?}",
            golden.boilerplate
        ));
    }
}

fn check_quotes(text: &str, golden: &Golden, errors: &mut Vec<String>) {
    let got = quotes(text);
    if got.len() != golden.quotes.len() {
        errors.push(format!(
            "{} quotes, expected {}",
            got.len(),
            golden.quotes.len()
        ));
    }
    for (q, want) in got.iter().zip(&golden.quotes) {
        let unit = slice(text, q.span, "quote unit", errors);
        let inner = slice(text, q.quote_span, "quote words", errors);
        let found = (
            unit,
            inner,
            q.fragment,
            q.speaker.as_deref(),
            q.role.as_deref(),
        );
        let expected = (
            want.text.as_str(),
            want.quote.as_str(),
            want.fragment,
            want.speaker.as_deref(),
            want.role.as_deref(),
        );
        if found != expected {
            errors.push(format!("quote:\n  got  {found:?}\n  want {expected:?}"));
        }
        match (q.speaker.is_some(), q.speaker_span) {
            (true, Some(s)) => {
                slice(text, s, "speaker span", errors);
            }
            (false, None) => {}
            other => errors.push(format!("speaker and speaker_span disagree: {other:?}")),
        }
    }
}

fn check_speakers(text: &str, golden: &Golden, errors: &mut Vec<String>) {
    let index = SpeakerIndex::new(text);
    for want in &golden.speakers {
        let Some(start) = text.find(&want.unit) else {
            errors.push(format!("unit not in article: {:?}", want.unit));
            continue;
        };
        let unit = Span::new(start, start + want.unit.len());
        let got = index.speaker_of(unit);
        let found = (
            got.map(|s| s.name.as_str()),
            got.and_then(|s| s.role.as_deref()),
        );
        let expected = (want.speaker.as_deref(), want.role.as_deref());
        if found != expected {
            errors.push(format!(
                "speaker_of {:?}:\n  got  {found:?}\n  want {expected:?}",
                want.unit
            ));
        }
    }
}

#[test]
fn golden_articles() {
    let names = article_names();
    assert!(
        names.len() >= 5,
        "expected at least five articles, found {names:?}"
    );
    let errors: Vec<String> = names.iter().flat_map(|n| check_article(n)).collect();
    assert!(
        errors.is_empty(),
        "{} mismatches:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// The shared example article, when present (it is not part of this repo).
#[test]
fn shared_example_speakers() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/examples/iran-rejects-us-talks.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let qs = quotes(&text);
    let expected = [
        ("Conducting diplomacy", "Abbas Araghchi", false),
        ("If they want negotiations", "Abbas Araghchi", false),
        ("no contact", "Abbas Araghchi", true),
        ("Iran has not sought negotiations.", "Abbas Araghchi", false),
        ("all efforts aimed at reducing escalation.", "Qatar", false),
        (
            "ease tensions and work towards de-escalation.",
            "Badr Abdelatty",
            false,
        ),
        (
            "These developments",
            "Human Rights Activists News Agency",
            false,
        ),
    ];
    for (prefix, speaker, fragment) in expected {
        let q = qs
            .iter()
            .find(|q| q.quote_span.slice(&text).starts_with(prefix))
            .unwrap_or_else(|| panic!("no quote starting {prefix:?}"));
        assert_eq!(q.speaker.as_deref(), Some(speaker), "{prefix}");
        assert_eq!(q.fragment, fragment, "{prefix}");
    }
    let index = SpeakerIndex::new(&text);
    let he_said = paragraphs(&text)
        .into_iter()
        .flat_map(|p| sentences(&text, p))
        .find(|s| s.slice(&text).starts_with("He said diplomacy cannot work"))
        .expect("the unquoted attribution sentence");
    assert_eq!(
        index.speaker_of(he_said).map(|s| s.name.as_str()),
        Some("Abbas Araghchi")
    );
}

/// Every public function on hostile input: no panic, spans on char
/// boundaries, and a 1 MB paragraph handled in one pass.
#[test]
fn hostile_input() {
    let mut inputs = vec![
        String::new(),
        "\"".into(),
        "“".repeat(1000),
        "”\"„«»".into(),
        "\u{0}\u{1b}[31m said he.\r\n\r\n\u{feff}“x".into(),
        "é. Ü! ñ? 日本語。 “مرحبا,” he said.\n\n\"unclosed".into(),
        "Gen. U.S. e.g. ... … ?! \"\" “” ’’ '".into(),
    ];
    let big = "He said “Word U.S. 3.5 ... Gen. ‘x’ Iran’s ".repeat(25_000);
    inputs.push(big);
    for text in &inputs {
        let ok = |s: Span| text.get(s.start..s.end).is_some();
        for (i, p) in paragraphs(text).into_iter().enumerate() {
            assert!(ok(p));
            let _ = is_headline(text, p, i);
            let _ = is_boilerplate(p.slice(text));
            assert!(sentences(text, p).into_iter().all(ok));
        }
        let index = SpeakerIndex::new(text);
        for q in index.quotes() {
            assert!(ok(q.span) && ok(q.quote_span));
            assert!(q.speaker_span.is_none_or(ok));
        }
        let _ = index.speaker_of(Span::new(0, text.len()));
        let _ = index.speaker_of(Span::new(text.len(), 0));
        assert!(sentences(text, Span::new(3, usize::MAX))
            .into_iter()
            .all(ok));
    }
}

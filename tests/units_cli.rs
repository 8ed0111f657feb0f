//! Unit-level golden tests for `stance score` on hand-written articles:
//! every `--unit sentence` and `--unit quote` row's `text[start..end]` is the
//! expected sentence or quote, with the expected speaker and role, the
//! headline row says `"kind": "headline"` and page furniture says
//! `"boilerplate": true`. Expectations come from the article's hand-checked
//! `tests/articles/NAME.golden.json` (the segmenter's format), so the CLI is
//! held to the same truth as the library.

use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Our articles; the other golden articles belong to the segmenter's tests.
const ARTICLES: &[&str] = &[
    "report-pelora-vastmark-dam",
    "report-orvania-talsk-airspace",
];

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
    text: String,
    speaker: Option<String>,
    role: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GoldenSpeaker {
    unit: String,
    speaker: Option<String>,
    role: Option<String>,
}

struct Article {
    name: &'static str,
    path: PathBuf,
    text: String,
    golden: Golden,
}

fn article(name: &'static str) -> Article {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
    let path = dir.join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).expect("article");
    let golden =
        std::fs::read_to_string(dir.join(format!("{name}.golden.json"))).expect("golden file");
    let golden = serde_json::from_str(&golden).expect("golden JSON");
    Article {
        name,
        path,
        text,
        golden,
    }
}

/// `stance score --unit UNIT FILE`, one JSON value per row.
fn rows(a: &Article, unit: &str) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["score", "--unit", unit])
        .arg(&a.path)
        .output()
        .expect("run stance");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON row"))
        .collect()
}

/// The row's unit text, `text[start..end]`, checked to fit and be trimmed.
fn slice<'a>(a: &'a Article, row: &Value) -> &'a str {
    let n = |k: &str| row[k].as_u64().unwrap_or_else(|| panic!("{k} in {row}")) as usize;
    let s = a
        .text
        .get(n("start")..n("end"))
        .unwrap_or_else(|| panic!("[{}] span does not fit: {row}", a.name));
    assert_eq!(s.trim(), s, "[{}] span not trimmed", a.name);
    s
}

fn speaker(row: &Value) -> (Option<&str>, Option<&str>) {
    (row["speaker"].as_str(), row["role"].as_str())
}

#[test]
fn sentence_rows_are_the_expected_sentences() {
    for name in ARTICLES {
        let a = article(name);
        let rows = rows(&a, "sentence");
        let got: Vec<&str> = rows.iter().map(|r| slice(&a, r)).collect();
        let want: Vec<&str> = a
            .golden
            .paragraphs
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        assert_eq!(got, want, "[{name}] sentences");
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r["index"], i, "[{name}] indices count up");
        }
    }
}

#[test]
fn sentence_rows_name_the_expected_speakers() {
    for name in ARTICLES {
        let a = article(name);
        let rows = rows(&a, "sentence");
        for want in &a.golden.speakers {
            let row = rows
                .iter()
                .find(|r| slice(&a, r) == want.unit)
                .unwrap_or_else(|| panic!("[{name}] no sentence row {:?}", want.unit));
            assert_eq!(
                speaker(row),
                (want.speaker.as_deref(), want.role.as_deref()),
                "[{name}] {:?}",
                want.unit
            );
        }
    }
}

#[test]
fn quote_rows_are_the_expected_quotes_and_speakers() {
    for name in ARTICLES {
        let a = article(name);
        let rows = rows(&a, "quote");
        assert_eq!(rows.len(), a.golden.quotes.len(), "[{name}] quote count");
        for (row, want) in rows.iter().zip(&a.golden.quotes) {
            assert_eq!(slice(&a, row), want.text, "[{name}] quote unit");
            assert_eq!(
                speaker(row),
                (want.speaker.as_deref(), want.role.as_deref()),
                "[{name}] {:?}",
                want.text
            );
            if let (Some(s), Some(span)) = (want.speaker.as_deref(), row.get("speaker_span")) {
                let n = |k: &str| span[k].as_u64().unwrap_or(0) as usize;
                let words = &a.text[n("start")..n("end")];
                assert!(
                    !words.is_empty()
                        && (s.contains(words) || ["he", "she", "they"].contains(&words)),
                    "[{name}] speaker span {words:?} for {s}"
                );
            }
        }
    }
}

#[test]
fn headline_and_furniture_are_flagged() {
    for name in ARTICLES {
        let a = article(name);
        for unit in ["paragraph", "sentence"] {
            for row in rows(&a, unit) {
                let text = slice(&a, &row);
                let headline = a.golden.headline.as_deref() == Some(text) && row["index"] == 0;
                assert_eq!(
                    row.get("kind").and_then(Value::as_str),
                    headline.then_some("headline"),
                    "[{name}] {unit} {text:?}"
                );
                let furniture = a.golden.boilerplate.iter().any(|b| b == text);
                assert_eq!(
                    row.get("boilerplate") == Some(&Value::Bool(true)),
                    furniture,
                    "[{name}] {unit} {text:?}"
                );
                if furniture {
                    assert_eq!(
                        (row["label"].as_str(), row["speaker"].as_str()),
                        (Some("neutral"), None)
                    );
                }
            }
        }
    }
}

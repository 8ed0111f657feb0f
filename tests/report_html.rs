//! `stance report` end to end: the page for a hand-written article is
//! well-formed, loads nothing, escapes article text, and colours exactly
//! the paragraphs and quotes that `stance score` reports, with the same
//! spans, labels and confidences. A headless Chromium run checks that the
//! browser's DOM keeps them (skipped without Chromium, unless CI=true).

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const ARTICLE: &str = "report-pelora-vastmark-dam.txt";
const CHROMIUM: &str = "/usr/bin/chromium";

fn article_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/articles")
        .join(ARTICLE)
}

fn stance(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .output()
        .expect("run stance");
    assert!(
        out.status.success(),
        "stance {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// One labelled unit as the score JSON and the page's data attributes both describe it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct UnitKey {
    unit: String,
    index: usize,
    start: usize,
    end: usize,
    label: String,
    /// Confidence in ten-thousandths (both sides round to four decimals).
    confidence: i64,
}

fn ten_thousandths(x: f64) -> i64 {
    (x * 10_000.0).round() as i64
}

fn score_keys(file: &Path, unit: &str) -> BTreeSet<UnitKey> {
    let path = file.to_str().expect("UTF-8 path");
    stance(&["score", "--unit", unit, path])
        .lines()
        .map(|line| {
            let row: Value = serde_json::from_str(line).expect("JSON row");
            let n = |k: &str| row[k].as_u64().unwrap_or_else(|| panic!("{k} in {line}")) as usize;
            UnitKey {
                unit: unit.to_string(),
                index: n("index"),
                start: n("start"),
                end: n("end"),
                label: row["label"].as_str().expect("label").to_string(),
                confidence: ten_thousandths(row["confidence"].as_f64().expect("confidence")),
            }
        })
        .collect()
}

/// An element of the page: tag name, attributes, and its inner HTML.
#[derive(Debug)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    inner: String,
}

impl Element {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn key(&self) -> UnitKey {
        let get = |k: &str| {
            self.attr(k)
                .unwrap_or_else(|| panic!("{k} missing on {:?}", self.attrs))
        };
        let num = |k: &str| {
            get(k)
                .parse::<usize>()
                .unwrap_or_else(|e| panic!("{k}: {e}"))
        };
        UnitKey {
            unit: get("data-unit").to_string(),
            index: num("data-index"),
            start: num("data-start"),
            end: num("data-end"),
            label: get("data-label").to_string(),
            confidence: ten_thousandths(get("data-confidence").parse().expect("data-confidence")),
        }
    }
}

/// Elements that never have a closing tag in HTML.
const VOID: &[&str] = &["meta", "br", "link", "img", "hr", "input"];

/// Parses the page's tags, checking that every element is closed in order,
/// and returns every element that carries `data-unit`. Attribute values are
/// escaped by the report, so a `>` always ends a tag.
fn elements(html: &str) -> Vec<Element> {
    let mut stack: Vec<(Element, usize)> = Vec::new();
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = html[rest..].find('<').map(|i| rest + i) {
        let close = html[open..].find('>').map(|i| open + i).expect("tag ends");
        let tag = &html[open + 1..close];
        rest = close + 1;
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let (el, start) = stack
                .pop()
                .unwrap_or_else(|| panic!("stray </{name}> at {open}"));
            assert_eq!(
                el.name,
                name.trim(),
                "</{name}> closes <{}> at {open}",
                el.name
            );
            if el.attr("data-unit").is_some() {
                found.push(Element {
                    inner: html[start..open].to_string(),
                    ..el
                });
            }
            continue;
        }
        let el = parse_tag(tag);
        if !(tag.ends_with('/') || VOID.contains(&el.name.as_str())) {
            stack.push((el, rest));
        }
        if stack
            .last()
            .is_some_and(|(e, _)| e.name == "style" || e.name == "title")
        {
            // Raw text: skip to the closing tag so CSS or titles cannot look like tags.
            let name = &stack
                .last()
                .map(|(e, _)| e.name.clone())
                .unwrap_or_default();
            rest = html[rest..]
                .find(&format!("</{name}>"))
                .map_or(rest, |i| rest + i);
        }
    }
    let open: Vec<&str> = stack.iter().map(|(e, _)| e.name.as_str()).collect();
    assert!(open.is_empty(), "unclosed elements: {open:?}");
    found
}

fn parse_tag(tag: &str) -> Element {
    let tag = tag.trim_end_matches('/');
    let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
    let mut attrs = Vec::new();
    let mut rest = &tag[name_end..];
    while let Some(eq) = rest.find("=\"") {
        let key = rest[..eq].trim().to_string();
        let after = &rest[eq + 2..];
        let end = after.find('"').expect("attribute value ends");
        attrs.push((key, unescape(&after[..end])));
        rest = &after[end + 1..];
    }
    Element {
        name: tag[..name_end].to_ascii_lowercase(),
        attrs,
        inner: String::new(),
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of some inner HTML: tags dropped, entities decoded.
fn text_of(inner: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

/// The page's coloured units agree with `stance score` on `file`, and
/// each element shows exactly (paragraph) or part of (quote) its unit's text.
fn check_page_matches_score(html: &str, file: &Path) {
    let text = std::fs::read_to_string(file).expect("article");
    let els = elements(html);
    for unit in ["paragraph", "quote"] {
        let want = score_keys(file, unit);
        let ours: Vec<&Element> = els
            .iter()
            .filter(|e| e.attr("data-unit") == Some(unit))
            .collect();
        let got: BTreeSet<UnitKey> = ours.iter().map(|e| e.key()).collect();
        assert_eq!(got, want, "{unit} elements vs stance score --unit {unit}");
        for e in ours {
            let k = e.key();
            let shown = text_of(&e.inner);
            let unit_text = &text[k.start..k.end];
            if unit == "paragraph" {
                assert_eq!(shown, unit_text, "paragraph {}", k.index);
            } else {
                assert!(
                    unit_text.contains(shown.as_str()),
                    "quote {}: {shown:?} not in {unit_text:?}",
                    k.index
                );
            }
        }
    }
    let paragraphs = els
        .iter()
        .filter(|e| e.attr("data-unit") == Some("paragraph"))
        .count();
    assert_eq!(
        paragraphs,
        score_keys(file, "paragraph").len(),
        "one element per paragraph"
    );
}

/// No URL anywhere, and no markup that fetches (article text may mention
/// `src=`; only tags and the style sheet are checked for it).
fn assert_loads_nothing(html: &str) {
    for bad in ["http://", "https://", "ftp://"] {
        assert!(!html.contains(bad), "the page contains {bad:?}");
    }
    for tag in html.split('<').skip(1).filter_map(|t| t.split('>').next()) {
        let tag = tag.to_ascii_lowercase();
        for bad in ["src=", "srcset=", "url(", "@import"] {
            assert!(!tag.contains(bad), "tag <{tag}> contains {bad:?}");
        }
        for name in [
            "link", "img", "iframe", "script", "object", "embed", "video", "audio", "source",
        ] {
            assert!(
                tag.split_whitespace().next() != Some(name),
                "the page has a <{name}> element"
            );
        }
        let href = tag.find("href=\"").map(|i| &tag[i + 6..]);
        assert!(
            href.is_none_or(|h| h.starts_with('#')),
            "a link leaves the page: <{tag}>"
        );
    }
    let style = html
        .split("<style>")
        .nth(1)
        .and_then(|s| s.split("</style>").next())
        .unwrap_or("");
    assert!(
        !style.contains("url(") && !style.contains("@import"),
        "the style sheet fetches"
    );
}

#[test]
fn page_matches_score_and_loads_nothing() {
    let path = article_path();
    let html = stance(&["report", path.to_str().expect("UTF-8 path")]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_loads_nothing(&html);
    check_page_matches_score(&html, &path);
    // The summary sits above the article, with a bar per paragraph.
    let summary = html.find("class=\"summary\"").expect("summary");
    assert!(summary < html.find("class=\"article\"").expect("article"));
    assert_eq!(
        html.matches("<rect ").count(),
        12,
        "one bar per non-boilerplate paragraph"
    );
    for speaker in [
        "Tomas Varga",
        "Edda Lindqvist",
        "Marta Koenig",
        "Anja Brell",
    ] {
        assert!(
            html.contains(&format!("<span class=\"who\">{speaker}")),
            "{speaker} in the margin"
        );
    }
    assert_eq!(html.matches("class=\"para boilerplate\"").count(), 3);
}

#[test]
fn second_article_page_matches_score() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/articles/report-orvania-talsk-airspace.txt");
    let html = stance(&["report", path.to_str().expect("UTF-8 path")]);
    assert_loads_nothing(&html);
    check_page_matches_score(&html, &path);
    assert_eq!(html.matches("class=\"para boilerplate\"").count(), 3);
}

/// The article with markup planted in a paragraph, a quote, a speaker's
/// name and an attribute-breaking sequence.
fn hostile_article(dir: &Path) -> PathBuf {
    let mut text = std::fs::read_to_string(article_path()).expect("article");
    text.push_str(
        "\n\nHackers defaced the ministry website with <script>alert(1)</script> on Tuesday, officials said.\n\n\
         “<script>alert(1)</script> \" onmouseover=\"alert(2)\" & <b>we will strike</b>,” said Ivo <img src=x onerror=alert(3)> Brankov.\n",
    );
    let path = dir.join("report-hostile.txt");
    std::fs::write(&path, text).expect("write article");
    path
}

#[test]
fn markup_in_the_article_is_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = hostile_article(dir.path());
    let html = stance(&["report", path.to_str().expect("UTF-8 path")]);
    assert!(
        !html.contains("<script"),
        "a script element reached the page"
    );
    assert!(
        !html.contains("<b>") && !html.contains("<img"),
        "article markup reached the page"
    );
    assert!(
        !html.contains("onmouseover=\"alert"),
        "an attribute escaped its quotes"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the script text is shown, escaped"
    );
    assert_loads_nothing(&html);
    check_page_matches_score(&html, &path);
}

fn chromium_available() -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{CHROMIUM} is missing but CI=true: .ci/run installs it"
    );
    println!("skipping: {CHROMIUM} not found (install with `apt-get install -y chromium`)");
    false
}

/// Runs headless Chromium on `page` with a fresh profile and no network
/// features, returning stdout.
fn chromium(profile: &Path, extra: &[&str], page: &Path) -> String {
    let mut args = vec![
        "120".to_string(),
        CHROMIUM.to_string(),
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(format!("file://{}", page.display()));
    // `timeout` so a wedged browser fails the test instead of hanging it.
    let out = Command::new("timeout")
        .args(&args)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn chromium_renders_the_coloured_units() {
    if !chromium_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let article = hostile_article(dir.path());
    let page = dir.path().join("report.html");
    std::fs::write(
        &page,
        stance(&["report", article.to_str().expect("UTF-8 path")]),
    )
    .expect("write page");

    let dom = chromium(&dir.path().join("profile-dom"), &["--dump-dom"], &page);
    assert!(
        dom.contains("data-unit=\"paragraph\""),
        "no DOM dumped: {dom:.200}"
    );
    assert!(
        !dom.contains("<script"),
        "the browser found a script element"
    );
    check_page_matches_score(&dom, &article);

    let png = dir.path().join("shot.png");
    let screenshot = format!("--screenshot={}", png.display());
    chromium(
        &dir.path().join("profile-shot"),
        &[&screenshot, "--window-size=1000,1400"],
        &page,
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(
        bytes.len() > 1000 && bytes.starts_with(b"\x89PNG"),
        "not a PNG: {} bytes",
        bytes.len()
    );
}

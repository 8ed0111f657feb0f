//! `stance summarize` end to end: one JSON line per document, consistent
//! with `stance score` on the same text, from text files, stdin and JSON
//! Lines with custom fields; unreadable records give error rows.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn article_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles/report-pelora-vastmark-dam.txt")
}

fn stance(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run stance");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("stance output")
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn summary_agrees_with_score_paragraphs() {
    let path = article_path();
    let path = path.to_str().expect("UTF-8 path");
    let out = stance(&["summarize", path], b"");
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "one line per document");
    let s = &lines[0];
    assert_eq!(s["id"], path);

    let rows = json_lines(&stance(&["score", "--unit", "paragraph", path], b""));
    let kept: Vec<&Value> = rows
        .iter()
        .filter(|r| r.get("boilerplate").is_none())
        .collect();
    assert_eq!(s["paragraphs"], kept.len());
    for label in ["escalatory", "de-escalatory", "neutral"] {
        let n = kept.iter().filter(|r| r["label"] == label).count();
        assert_eq!(s["counts"][label], n, "{label} count");
        let share = s["shares"][label].as_f64().expect("share");
        assert!(
            (share - n as f64 / kept.len() as f64).abs() < 1e-4,
            "{label} share"
        );
    }
    let trajectory = s["trajectory"].as_array().expect("trajectory");
    assert_eq!(trajectory.len(), kept.len());
    for (point, row) in trajectory.iter().zip(&kept) {
        for k in ["index", "start", "end", "label", "tone"] {
            assert_eq!(point[k], row[k], "trajectory {k}");
        }
    }
    let max = kept
        .iter()
        .filter_map(|r| r["tone"].as_f64())
        .fold(f64::MIN, f64::max);
    assert_eq!(s["max_tone"].as_f64(), Some(max));
    assert_eq!(s["headline"]["label"], kept[0]["label"]);
    assert_eq!(s["headline"]["start"], 0);
    for key in ["most_escalatory", "most_deescalatory"] {
        for field in [
            "text",
            "start",
            "end",
            "speaker",
            "tone",
            "confidence",
            "label",
        ] {
            assert!(s[key].get(field).is_some(), "{key}.{field}");
        }
    }
    let speakers: Vec<&str> = s["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(
        speakers,
        [
            "Tomas Varga",
            "Edda Lindqvist",
            "Marta Koenig",
            "Anja Brell"
        ]
    );
}

#[test]
fn jsonl_records_with_custom_fields_and_a_bad_record() {
    let article = std::fs::read_to_string(article_path()).expect("article");
    let records = [
        serde_json::json!({"key": "pelora", "body": article}).to_string(),
        serde_json::json!({"key": "short", "body": "Both sides agreed to a ceasefire and talks in Geneva."}).to_string(),
        serde_json::json!({"key": "missing"}).to_string(),
        "{not json".to_string(),
        serde_json::json!({"key": "empty", "body": ""}).to_string(),
    ];
    let input = records.join("\n") + "\n";
    let out = stance(
        &[
            "summarize",
            "--input",
            "jsonl",
            "--text-field",
            "body",
            "--id-field",
            "key",
        ],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "some records failed");
    let lines = json_lines(&out);
    let ids: Vec<&str> = lines.iter().filter_map(|l| l["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["pelora", "short", "missing", "<stdin>:4", "empty"],
        "input order, one line each"
    );
    assert!(lines[0]["paragraphs"].as_u64() > Some(10));
    assert_eq!(lines[1]["paragraphs"], 1);
    assert_eq!(lines[1]["counts"]["de-escalatory"], 1);
    assert!(lines[2]["error"]
        .as_str()
        .is_some_and(|e| e.contains("body")));
    assert_eq!(lines[3]["line"], 4);
    assert_eq!(
        (
            lines[4]["paragraphs"].as_u64(),
            lines[4]["mean_tone"].is_null()
        ),
        (Some(0), true)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 record(s)"));
}

#[test]
fn stdin_text_and_missing_files() {
    let out = stance(
        &["summarize"],
        "Ceasefire Holds\n\nBoth armies pulled back from the border.".as_bytes(),
    );
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!((lines.len(), lines[0]["id"].as_str()), (1, Some("<stdin>")));
    assert_eq!(lines[0]["headline"]["text"], "Ceasefire Holds");

    let out = stance(&["summarize", "/nonexistent/article.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert!(lines[0]["error"]
        .as_str()
        .is_some_and(|e| e.contains("cannot open")));
}

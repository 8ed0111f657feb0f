//! Issue 5, at the command line: bad input never crashes `stance score` and
//! never loses a record. Every record gives its rows or exactly one error row
//! `{"id", "error", "line"}` in its place, in input order; the exit code says
//! whether any failed (0 / 1), or that the run could not start (2).
//!
//! These run the built binary on temp files. Inputs are generated here (the
//! fixtures in tests/data/robustness/ are the small hand-written ones).

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_stance");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/robustness")
        .join(name)
}

/// Run `stance ARGS` with `stdin` as standard input.
fn stance(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    // Feed stdin from a thread so a large input cannot deadlock against a full stdout pipe.
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn parse_rows(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed by a signal")
}

fn is_error_row(row: &Value) -> bool {
    let keys: Vec<&str> = row
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys == ["id", "error", "line"]
}

fn is_scored_row(row: &Value) -> bool {
    row.get("error").is_none()
        && ["escalatory", "de-escalatory", "neutral"].contains(&row["label"].as_str().unwrap_or(""))
}

const DOC: &[&str] = &["score", "--input", "jsonl", "--unit", "document"];

#[test]
fn the_contract_one_row_per_line_same_id_with_a_label() {
    let mut input = String::new();
    for i in 0..1500 {
        let text = match i % 5 {
            0 => "Warplanes struck the port overnight.".to_string(),
            1 => "Both sides agreed to return to talks.".to_string(),
            2 => String::new(),
            3 => "Rain is expected.\n\nA second paragraph. \"Quoted,\" he said.".to_string(),
            _ => format!("Record {i} with unicode: Київ, 東京, 🕊️."),
        };
        input.push_str(&serde_json::json!({"id": format!("rec-{i}"), "text": text}).to_string());
        input.push('\n');
    }
    let out = stance(DOC, input.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let rows = parse_rows(&out);
    assert_eq!(rows.len(), 1500);
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row["id"], format!("rec-{i}"));
        assert!(is_scored_row(row), "{row}");
        assert_eq!(row["unit"], "document");
    }
}

#[test]
fn every_bad_record_gives_one_error_row_in_its_place_and_the_run_goes_on() {
    let deep = format!(
        "{{\"id\":\"deep\",\"x\":{}1{},\"text\":\"hi\"}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let lines: Vec<(String, Option<&str>)> = vec![
        (
            r#"{"id":"ok1","text":"Troops shelled the town."}"#.into(),
            None,
        ),
        (
            r#"{"id":"broken","text":"unterminated"#.into(),
            Some("malformed JSON"),
        ),
        ("{bad json".into(), Some("malformed JSON")),
        ("[1, 2, 3]".into(), Some("not an object")),
        ("42".into(), Some("not an object")),
        (r#""just a string""#.into(), Some("not an object")),
        ("null".into(), Some("not an object")),
        (r#"{"id":"notext"}"#.into(), Some("missing text field")),
        (
            r#"{"id":"num","text":5}"#.into(),
            Some("not a string but a number"),
        ),
        (
            r#"{"id":"nul","text":null}"#.into(),
            Some("not a string but null"),
        ),
        (
            r#"{"id":"obj","text":{"a":1}}"#.into(),
            Some("not a string but an object"),
        ),
        (
            r#"{"id":"arr","text":["a"]}"#.into(),
            Some("not a string but an array"),
        ),
        (
            "{\"id\":\"rawctl\",\"text\":\"a\u{1}b\"}".into(),
            Some("control character"),
        ),
        (
            "{\"id\":\"rawnul\",\"text\":\"a\"}\u{0}".into(),
            Some("malformed JSON"),
        ),
        (deep, Some("recursion limit")),
        (
            r#"{"id":"ok2","text":"Officials urged calm."}"#.into(),
            None,
        ),
    ];
    let input: String = lines.iter().map(|(l, _)| format!("{l}\n")).collect();
    let out = stance(DOC, input.as_bytes());
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let rows = parse_rows(&out);
    assert_eq!(rows.len(), lines.len(), "{rows:#?}");
    let failures = lines.iter().filter(|(_, e)| e.is_some()).count();
    for (n, ((line, expected), row)) in lines.iter().zip(&rows).enumerate() {
        match expected {
            None => assert!(is_scored_row(row), "line {}: {row}", n + 1),
            Some(reason) => {
                assert!(is_error_row(row), "line {}: {line:.60} gave {row}", n + 1);
                assert_eq!(row["line"], n + 1);
                let error = row["error"].as_str().unwrap();
                assert!(error.contains(reason), "line {}: {error}", n + 1);
            }
        }
    }
    // The record's own id when it can be read, else <file>:<line>.
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "ok1",
            "broken",
            "<stdin>:3",
            "<stdin>:4",
            "<stdin>:5",
            "<stdin>:6",
            "<stdin>:7",
            "notext",
            "num",
            "nul",
            "obj",
            "arr",
            "rawctl",
            "rawnul",
            "deep",
            "ok2"
        ]
    );
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("{failures} record(s) could not be scored")),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_scored_lossily_with_a_warning() {
    let input = b"{\"id\":\"bad\",\"text\":\"Troops \xff\xfe struck \xc3 the port.\"}\n{\"id\":\"good\",\"text\":\"calm\"}\n";
    let out = stance(DOC, input);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = parse_rows(&out);
    assert_eq!(rows.len(), 2);
    assert!(is_scored_row(&rows[0]));
    assert!(rows[0]["warning"]
        .as_str()
        .unwrap()
        .contains("invalid UTF-8"));
    assert!(rows[1].get("warning").is_none());

    // The same in text and CSV input.
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.txt");
    std::fs::write(&text, b"Troops \xff struck.\n\nOfficials \xc3 urged calm.").unwrap();
    let out = stance(&["score", text.to_str().unwrap()], b"");
    assert_eq!(code(&out), 0);
    let rows = parse_rows(&out);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["warning"].is_string()));
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, b"id,text\nx,Troops \xff struck.\ny,fine\n").unwrap();
    let out = stance(&["score", "--unit", "document", csv.to_str().unwrap()], b"");
    let rows = parse_rows(&out);
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["warning"].is_string());
    assert!(rows[1].get("warning").is_none());
}

#[test]
fn nul_and_control_characters_in_text_are_scored() {
    let text = "Troops\u{0} struck\u{1}\u{7}\u{1b}[31m the\u{8} port\u{7f}.\u{b}\u{c}\u{85}\u{2028}Calm\u{2029}talks.\u{200b}\u{feff}";
    let out = stance(
        &["score", "--input", "jsonl", "--unit", "sentence"],
        format!("{}\n", serde_json::json!({"id": "ctl", "text": text})).as_bytes(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = parse_rows(&out);
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row["id"], "ctl");
        let (start, end) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        assert!(start <= end && end <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    }
    // Raw NUL and control bytes in a text file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ctl.txt");
    std::fs::write(&file, b"\0\0Troops\x01 struck.\r\n\r\n\x1b\x07\0 calm\0").unwrap();
    for unit in ["document", "paragraph", "sentence", "quote"] {
        let out = stance(&["score", "--unit", unit, file.to_str().unwrap()], b"");
        assert_eq!(code(&out), 0, "{unit}: {}", stderr(&out));
        assert!(parse_rows(&out).iter().all(is_scored_row));
    }
}

#[test]
fn a_byte_order_mark_is_ignored_in_every_format() {
    let out = stance(
        DOC,
        b"\xef\xbb\xbf{\"id\":\"a\",\"text\":\"hi\"}\n{\"id\":\"b\",\"text\":\"x\"}\n",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ids: Vec<Value> = parse_rows(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["a", "b"]);

    let out = stance(
        &["score", "--input", "csv", "--unit", "document"],
        b"\xef\xbb\xbfid,text\nc,hello\n",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(parse_rows(&out)[0]["id"], "c");

    let out = stance(
        &["score", "--input", "text", "--unit", "document"],
        b"\xef\xbb\xbfHello",
    );
    let rows = parse_rows(&out);
    assert_eq!(rows[0]["end"], 5, "the BOM is not part of the text");
    assert!(rows[0].get("warning").is_none());
}

#[test]
fn crlf_line_endings_read_like_lf() {
    let lf = stance(
        DOC,
        b"{\"id\":\"a\",\"text\":\"Troops struck.\"}\n{\"id\":\"b\",\"text\":\"Calm.\"}\n",
    );
    let crlf = stance(
        DOC,
        b"{\"id\":\"a\",\"text\":\"Troops struck.\"}\r\n{\"id\":\"b\",\"text\":\"Calm.\"}\r\n",
    );
    assert_eq!(code(&crlf), 0, "{}", stderr(&crlf));
    assert_eq!(lf.stdout, crlf.stdout);

    let csv = ["score", "--input", "csv", "--unit", "document"];
    let lf = stance(&csv, b"id,text\na,Troops struck.\nb,Calm.\n");
    let crlf = stance(&csv, b"id,text\r\na,Troops struck.\r\nb,Calm.\r\n");
    assert_eq!(code(&crlf), 0, "{}", stderr(&crlf));
    assert_eq!(lf.stdout, crlf.stdout);
    assert_eq!(parse_rows(&crlf).len(), 2);

    // Paragraphs separated by CRLF blank lines split like LF ones.
    let para = ["score", "--input", "text"];
    let lf = parse_rows(&stance(&para, b"One.\n\nTwo."));
    let crlf = parse_rows(&stance(&para, b"One.\r\n\r\nTwo."));
    assert_eq!(lf.len(), 2);
    assert_eq!(crlf.len(), 2);
}

#[test]
fn empty_input_prints_nothing_and_succeeds() {
    for input in [
        &b""[..],
        b"\n",
        b"\n\n  \n\r\n",
        b"\xef\xbb\xbf",
        b"\xef\xbb\xbf\n",
    ] {
        let out = stance(DOC, input);
        assert_eq!(code(&out), 0, "{input:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{input:?}");
        assert!(out.stderr.is_empty(), "{input:?}");
    }
    let out = stance(&["score", "--input", "csv"], b"");
    assert_eq!(
        code(&out),
        1,
        "an empty CSV has no text column: one error row"
    );
    assert!(is_error_row(&parse_rows(&out)[0]));
    let out = stance(&["score", "--input", "csv"], b"id,text\n");
    assert_eq!(code(&out), 0);
    assert!(out.stdout.is_empty());
    // An empty text file is one empty record.
    let out = stance(&["score", "--input", "text"], b"");
    assert_eq!(code(&out), 0);
    assert_eq!(parse_rows(&out).len(), 1);
}

#[test]
fn an_empty_text_gets_one_row_in_every_unit_but_quote() {
    let input = b"{\"id\":\"e\",\"text\":\"\"}\n{\"id\":\"w\",\"text\":\" \\n\\n \\t\"}\n";
    for unit in ["document", "paragraph", "sentence"] {
        let out = stance(&["score", "--input", "jsonl", "--unit", unit], input);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let rows = parse_rows(&out);
        assert_eq!(rows.len(), 2, "{unit}: {rows:?}");
        assert_eq!(rows[0]["id"], "e");
        assert_eq!(rows[0]["label"], "neutral");
        assert_eq!(
            (rows[0]["start"].as_u64(), rows[0]["end"].as_u64()),
            (Some(0), Some(0))
        );
        assert_eq!(rows[1]["id"], "w");
    }
    let out = stance(&["score", "--input", "jsonl", "--unit", "quote"], input);
    assert_eq!(code(&out), 0);
    assert!(
        out.stdout.is_empty(),
        "a text without quotes has no quote units"
    );
}

#[test]
fn a_very_long_single_line_is_scored_and_the_next_line_too() {
    // ~20 MB in release; a tenth of that in a debug build, which is far slower.
    let target = if cfg!(debug_assertions) {
        2 << 20
    } else {
        20 << 20
    };
    let sentence = "Officials said the army would not rule out strikes, but urged calm talks. ";
    let mut text = String::with_capacity(target + sentence.len());
    while text.len() < target {
        text.push_str(sentence);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        serde_json::to_writer(&mut f, &serde_json::json!({"id": "long", "text": text})).unwrap();
        f.write_all(b"\n{\"id\":\"after\",\"text\":\"calm\"}\n")
            .unwrap();
    }
    let out = stance(
        &["score", "--unit", "document", path.to_str().unwrap()],
        b"",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = parse_rows(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "long");
    assert_eq!(rows[0]["end"], text.len());
    assert!(is_scored_row(&rows[0]));
    assert_eq!(rows[1]["id"], "after");
}

#[test]
fn deeply_nested_json_is_an_error_row_not_a_stack_overflow() {
    let mut input = Vec::new();
    for depth in [1_000usize, 100_000, 1_000_000] {
        input.extend(std::iter::repeat_n(b'[', depth));
        input.push(b'\n');
        input.extend(b"{\"a\":".repeat(depth / 5));
        input.push(b'\n');
    }
    input.extend(b"{\"id\":\"last\",\"text\":\"ok\"}\n");
    let out = stance(DOC, &input);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let rows = parse_rows(&out);
    assert_eq!(rows.len(), 7);
    assert!(rows[..6].iter().all(is_error_row));
    assert_eq!(rows[6]["id"], "last");
}

#[test]
fn csv_with_ragged_rows_and_embedded_newlines() {
    let out = stance(
        &[
            "score",
            "--unit",
            "document",
            fixture("ragged.csv").to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let rows = parse_rows(&out);
    let summary: Vec<(String, bool)> = rows
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), is_error_row(r)))
        .collect();
    let file = fixture("ragged.csv").to_str().unwrap().to_string();
    assert_eq!(
        summary,
        [
            ("a".to_string(), false),
            ("multi".to_string(), false),
            (format!("{file}:7"), true),
            (format!("{file}:8"), true),
            ("crlf".to_string(), false),
            ("quoted,id".to_string(), false),
            (format!("{file}:12"), false),
            ("last".to_string(), false),
        ]
    );
    assert!(rows[2]["error"]
        .as_str()
        .unwrap()
        .contains("2 fields, header has 3"));
    assert_eq!(rows[2]["line"], 7);
    assert!(rows[3]["error"].as_str().unwrap().contains("4 fields"));
    // The multi-line text is one record, passed through whole.
    assert_eq!(rows[1]["source"], "wire");
    assert!(rows[1]["end"].as_u64().unwrap() > 60);
    assert!(stderr(&out).contains("2 record(s)"));
}

#[test]
fn a_missing_file_among_several_is_one_error_row_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    let missing = dir.path().join("missing.jsonl");
    std::fs::write(
        &a,
        "{\"id\":\"a1\",\"text\":\"x\"}\n{\"id\":\"a2\",\"text\":\"y\"}\n",
    )
    .unwrap();
    std::fs::write(&b, "{\"id\":\"b1\",\"text\":\"z\"}\n").unwrap();
    let (a, b, missing, d) = (
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        missing.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    );
    let out = stance(
        &[
            "score", "--unit", "document", a, missing, b, d, "--input", "jsonl",
        ],
        b"",
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let rows = parse_rows(&out);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a1", "a2", missing, "b1", &format!("{d}:1")]);
    assert!(is_error_row(&rows[2]));
    assert!(rows[2]["error"].as_str().unwrap().contains("cannot open"));
    assert!(is_error_row(&rows[4]), "a directory cannot be read");
    assert!(stderr(&out).contains("2 record(s)"));
}

#[test]
fn a_dash_means_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    std::fs::write(&a, "{\"id\":\"file\",\"text\":\"x\"}\n").unwrap();
    let out = stance(
        &[
            "score",
            "--input",
            "jsonl",
            "--unit",
            "document",
            a.to_str().unwrap(),
            "-",
        ],
        b"{\"id\":\"stdin\",\"text\":\"y\"}\nbad\n",
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let ids: Vec<Value> = parse_rows(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["file", "stdin", "<stdin>:2"]);
}

#[test]
fn csv_output_keeps_one_line_per_row_with_errors() {
    let input = b"{\"id\":\"a\",\"text\":\"x\"}\nnope\n{\"id\":\"c,\\\"q\\\"\",\"text\":\"y\"}\n";
    let out = stance(
        &[
            "score", "--input", "jsonl", "--unit", "document", "--output", "csv",
        ],
        input,
    );
    assert_eq!(code(&out), 1);
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(&records[0][0], "a");
    assert!(records[1][11].contains("malformed JSON"));
    assert_eq!(&records[2][0], "c,\"q\"");
}

#[test]
fn bad_arguments_exit_2_without_output() {
    for args in [
        &["score", "--unit", "chapter"][..],
        &["score", "--min-confidence", "1.5"],
        &["score", "--input", "xml"],
        &["score", "--threads", "many"],
    ] {
        let out = stance(args, b"{\"text\":\"x\"}\n");
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

fn bundled_model_bytes() -> Vec<u8> {
    stance::Classifier::bundled()
        .unwrap()
        .model()
        .to_bytes()
        .unwrap()
}

#[test]
fn truncated_corrupted_or_foreign_models_fail_at_load_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = bundled_model_bytes();
    let fingerprint = stance::FeatureConfig::default().fingerprint();
    let foreign = String::from_utf8(good.clone()).unwrap().replacen(
        &fingerprint,
        "stance-features/0:0000000000000000",
        1,
    );
    let mut flipped = good.clone();
    let at = flipped.len() - 10;
    flipped[at] ^= 0x20;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", good[..good.len() / 2].to_vec(), "truncated"),
        (
            "header-only",
            good[..good.iter().position(|&b| b == b'\n').unwrap()].to_vec(),
            "no header",
        ),
        ("empty", Vec::new(), "not a stance model"),
        ("corrupted", flipped, "corrupted"),
        ("foreign", foreign.into_bytes(), "retrain"),
        (
            "garbage",
            b"\x00\xff garbage\nmore".to_vec(),
            "not a stance model",
        ),
    ];
    for (name, bytes, reason) in cases {
        let path = dir.path().join(format!("{name}.model"));
        std::fs::write(&path, bytes).unwrap();
        let out = score_one_record_with_model(&path);
        assert_eq!(code(&out), 2, "{name}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{name}");
        let err = stderr(&out);
        assert!(err.contains(path.to_str().unwrap()), "{name}: {err}");
        assert!(err.contains(reason), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
    }
    let missing = dir.path().join("missing.model");
    let out = stance(&["--model", missing.to_str().unwrap(), "score"], b"");
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot read"));
    // And the good model, from a file, works.
    let path = dir.path().join("good.model");
    std::fs::write(&path, good).unwrap();
    let out = score_one_record_with_model(&path);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

/// `n` JSONL records of a few sentences each, written to `path`.
fn write_records(path: &Path, n: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let sentences = [
        "Warplanes struck the port overnight, officials said.",
        "The minister urged both sides to return to talks.",
        "\"We will not back down,\" the general said.",
        "Rain is expected in the capital on Tuesday.",
        "Iran ruled out talks with Washington.",
    ];
    for i in 0..n {
        let text: Vec<&str> = (0..1 + i % 7)
            .map(|k| sentences[(i + k) % sentences.len()])
            .collect();
        let text = text.join(if i % 2 == 0 { " " } else { "\n\n" });
        serde_json::to_writer(
            &mut f,
            &serde_json::json!({"id": format!("r{i}"), "text": text}),
        )
        .unwrap();
        f.write_all(b"\n").unwrap();
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly_with_0() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    write_records(&path, 40_000);
    let mut child = Command::new(BIN)
        .args(["score", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"id\":\"r0\""), "{first}");
    drop(stdout); // like `| head -1`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn sigint_leaves_only_whole_lines_and_a_prefix_of_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let out_path = dir.path().join("out.jsonl");
    write_records(&path, 200_000);
    let mut child = Command::new(BIN)
        .args(["score", "--unit", "sentence", path.to_str().unwrap()])
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the run is under way, then interrupt it.
    let start = std::time::Instant::now();
    while std::fs::metadata(&out_path).unwrap().len() < 100_000 {
        assert!(start.elapsed().as_secs() < 60, "no output after a minute");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    let output = std::fs::read_to_string(&out_path).unwrap();
    assert!(output.ends_with('\n'), "the output ends inside a line");
    // Every line parses, and the ids are those of a full run, in order, up to where it stopped.
    let mut expected_record = 0usize;
    let mut rows = 0usize;
    for line in output.lines() {
        let row: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let id = row["id"].as_str().unwrap();
        let n: usize = id[1..].parse().unwrap();
        assert!(
            n == expected_record || n == expected_record + 1,
            "{id} after r{expected_record}"
        );
        expected_record = n;
        rows += 1;
    }
    if status.code() == Some(0) {
        // The machine was fast enough to finish first: then it must be complete.
        assert_eq!(expected_record, 199_999);
    } else {
        assert_eq!(status.code(), Some(130), "{err}");
        assert!(err.contains("interrupted"), "{err}");
        assert!(expected_record < 199_999, "{rows} rows");
    }
}

#[test]
fn output_is_byte_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mix.jsonl");
    write_records(&path, 3_000);
    // Add bad lines and an article in between.
    let article = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sample-article.txt"),
    )
    .unwrap();
    let mut content = std::fs::read_to_string(&path).unwrap();
    content.insert_str(0, "not json\n");
    content.push_str(&format!(
        "{}\n[1]\n",
        serde_json::json!({"id": "article", "text": article})
    ));
    std::fs::write(&path, content).unwrap();
    for unit in ["document", "paragraph", "sentence", "quote"] {
        let run = |threads: &str| {
            stance(
                &[
                    "score",
                    "--unit",
                    unit,
                    "--threads",
                    threads,
                    path.to_str().unwrap(),
                ],
                b"",
            )
        };
        let one = run("1");
        assert_eq!(code(&one), 1);
        assert!(one.stdout.len() > 1000);
        for threads in ["2", "4"] {
            let other = run(threads);
            assert!(
                one.stdout == other.stdout,
                "{unit}: --threads {threads} differs from 1"
            );
            assert_eq!(code(&other), 1);
        }
    }
}

#[test]
fn sigint_while_waiting_for_input_ends_the_run_at_once() {
    let mut child = Command::new(BIN)
        .args(["score", "--input", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A producer that has sent a little and then goes quiet, holding the pipe open.
    let mut input = child.stdin.take().unwrap();
    input
        .write_all(b"{\"id\":\"a\",\"text\":\"Troops struck.\"}\n")
        .unwrap();
    input.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed().as_secs() < 10,
            "still blocked on input 10 s after Ctrl-C"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    drop(input);
    assert_eq!(status.code(), Some(130));
    let mut output = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut output)
        .unwrap();
    assert!(output.is_empty() || output.ends_with('\n'));
    for line in output.lines() {
        serde_json::from_str::<Value>(line).unwrap();
    }
}

/// `stance --model PATH score --input jsonl` on one small record.
fn score_one_record_with_model(path: &Path) -> Output {
    stance(
        &[
            "--model",
            path.to_str().unwrap(),
            "score",
            "--input",
            "jsonl",
        ],
        b"{\"text\":\"x\"}\n",
    )
}

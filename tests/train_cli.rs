//! `stance train` and `stance eval` end to end on a small sample of our
//! corpus: the same code path that builds the bundled model, kept small so
//! the test is quick.

use std::path::Path;
use std::process::Command;

fn stance() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stance"))
}

/// Every 15th record of our training split, written to `dir/sample.jsonl`.
fn sample(dir: &Path) -> std::path::PathBuf {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("training/data/train.jsonl");
    let text = std::fs::read_to_string(corpus).unwrap();
    let lines: Vec<&str> = text.lines().step_by(15).collect();
    let path = dir.join("sample.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

fn train(data: &Path, out: &Path) {
    let status = stance()
        .args([
            "train", "--folds", "2", "--alphas", "0.1,0.3", "--seed", "7", "--data",
        ])
        .arg(format!("{}:1.5", data.display()))
        .arg("--out")
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn training_is_deterministic_and_the_model_scores() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample(dir.path());
    let first = dir.path().join("a.model");
    train(&data, &first);
    let first_bytes = std::fs::read(&first).unwrap();
    // Same command (the card records it), same seed: the same bytes.
    train(&data, &first);
    assert!(
        first_bytes == std::fs::read(&first).unwrap(),
        "training is not deterministic"
    );

    let info = stance()
        .arg("--model")
        .arg(&first)
        .arg("info")
        .output()
        .unwrap();
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(info["card"]["seed"], 7);
    assert_eq!(info["card"]["data"][0]["weight"], 1.5);

    let eval = stance()
        .arg("--model")
        .arg(&first)
        .args(["eval", "--json", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(eval.status.success());
    let eval: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    let f1 = eval["three_way"]["macro_f1"].as_f64().unwrap();
    // Scored on its own training data, a working fit is far above chance (0.33).
    assert!(f1 > 0.6, "training-set macro-F1 {f1}");
    assert!(eval["escalatory_vs_rest"]["macro_f1"].as_f64().unwrap() > 0.6);
}

#[test]
fn bad_training_data_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("bad.jsonl");
    std::fs::write(
        &data,
        "{\"text\": \"ok\", \"label\": \"neutral\"}\n{\"text\": \"x\", \"label\": \"angry\"}\n",
    )
    .unwrap();
    let out = stance()
        .args(["train", "--out", "/dev/null", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.jsonl:2") && stderr.contains("angry"),
        "{stderr}"
    );
}

#[test]
fn eval_scores_a_binary_corpus_as_escalatory_versus_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("binary.jsonl");
    std::fs::write(
        &data,
        "{\"text\": \"Artillery shelled the border villages overnight, killing nine.\", \"label\": \"escalatory\"}\n\
         {\"text\": \"The committee adopted its agenda and thanked the secretariat.\", \"label\": \"not-escalatory\"}\n",
    )
    .unwrap();
    let out = stance()
        .args(["eval", "--json", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let eval: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        eval["three_way"]["n"] == 1,
        "only the record with one of our labels counts three-way"
    );
    assert_eq!(eval["escalatory_vs_rest"]["n"], 2);
}

#[test]
fn calibration_file_must_be_a_training_file_and_is_named_in_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample(dir.path());
    let other = dir.path().join("other.jsonl");
    std::fs::write(&other, "{\"text\": \"ok\", \"label\": \"neutral\"}\n").unwrap();
    let out = stance()
        .args(["train", "--folds", "2", "--alphas", "0.3", "--out"])
        .arg(dir.path().join("x.model"))
        .arg("--data")
        .arg(&data)
        .arg("--calibrate-on")
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not one of the --data files"), "{stderr}");

    let model = dir.path().join("cal.model");
    let status = stance()
        .args(["train", "--folds", "2", "--alphas", "0.3", "--out"])
        .arg(&model)
        .arg("--data")
        .arg(format!("{}:1", data.display()))
        .arg("--calibrate-on")
        .arg(&data)
        .status()
        .unwrap();
    assert!(status.success());
    let info = stance()
        .arg("--model")
        .arg(&model)
        .arg("info")
        .output()
        .unwrap();
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    let notes = info["card"]["notes"].as_str().unwrap();
    assert!(
        notes.contains(&format!(
            "fitted on out-of-fold predictions of {}",
            data.display()
        )),
        "{notes}"
    );
}

//! Labelled records for training and evaluation.

use crate::error::{Error, Result};
use crate::stance::Stance;
use serde::Deserialize;
use std::io::BufRead;
use std::path::Path;

/// The label a record carries: one of ours, or `not-escalatory` from binary corpora.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gold {
    Label(Stance),
    NotEscalatory,
}

/// One labelled unit of text.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledRecord {
    pub id: String,
    pub text: String,
    pub gold: Gold,
    /// The dispute or story; cross-validation keeps a topic within one fold.
    pub topic: Option<String>,
    pub sure: Option<bool>,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    label: String,
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    sure: Option<bool>,
}

/// Read a JSON Lines file of `{id?, text, label, topic?, sure?}`. A bad line is an
/// error naming the file, the line and the reason: training on silently
/// skipped data would be worse than stopping.
pub fn read_labelled(path: &Path) -> Result<Vec<LabelledRecord>> {
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line_no = i + 1;
        let line =
            line.map_err(|e| Error::TrainingData(format!("{}:{line_no}: {e}", path.display())))?;
        if line.trim().is_empty() {
            continue;
        }
        let raw: Raw = serde_json::from_str(&line)
            .map_err(|e| Error::TrainingData(format!("{}:{line_no}: {e}", path.display())))?;
        let gold =
            if raw.label == "not-escalatory" {
                Gold::NotEscalatory
            } else {
                Gold::Label(raw.label.parse().map_err(|e| {
                    Error::TrainingData(format!("{}:{line_no}: {e}", path.display()))
                })?)
            };
        let id = match raw.id {
            Some(serde_json::Value::String(s)) => s,
            Some(other) => other.to_string(),
            None => format!("{}:{line_no}", path.display()),
        };
        out.push(LabelledRecord {
            id,
            text: raw.text,
            gold,
            topic: raw.topic,
            sure: raw.sure,
        });
    }
    Ok(out)
}

/// `FILE` or `FILE:WEIGHT` from the command line.
pub fn parse_weighted_path(arg: &str) -> Result<(std::path::PathBuf, f64)> {
    if let Some((path, weight)) = arg.rsplit_once(':') {
        if let Ok(w) = weight.parse::<f64>() {
            if !(w.is_finite() && w >= 0.0) {
                return Err(Error::Config(format!(
                    "weight of {path} must be a finite number >= 0, got {weight}"
                )));
            }
            return Ok((path.into(), w));
        }
    }
    Ok((arg.into(), 1.0))
}

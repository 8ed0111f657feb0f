//! Turns the embedded model, `models/stance-en.model`, into its scoring
//! table at compile time (see `src/model/bundled.rs`), so that the first
//! `Classifier::bundled()` call parses no feature line.
//!
//! The model file stays the only source: this reruns whenever it changes, and
//! reads it with the crate's own code for feature lines, name hashes and the
//! table layout (the same files, included by path). A file it cannot read
//! gives an empty table file, and the library then parses the model file at
//! run time, reporting whatever is wrong with it as it always has.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/hash.rs"]
mod hash;

#[allow(dead_code)]
#[path = "src/model/weight_lines.rs"]
mod weight_lines;

#[allow(dead_code)]
#[path = "src/model/feature_table.rs"]
mod feature_table;

const MODEL: &str = "models/stance-en.model";

fn main() {
    for path in [
        MODEL,
        "build.rs",
        "src/hash.rs",
        "src/model/weight_lines.rs",
        "src/model/feature_table.rs",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let file = std::fs::read(MODEL).unwrap_or_default();
    let table = match prebuilt_table(&file) {
        Ok(table) => table,
        Err(why) => {
            println!(
                "cargo:warning={MODEL}: no prebuilt table ({why}); it will be parsed at run time"
            );
            Vec::new()
        }
    };
    std::fs::write(out.join("bundled-table.bin"), table).expect("OUT_DIR is writable");
}

/// The payload checksum (u64, little endian) and the [`feature_table::FeatureTable`]
/// bytes of a version 2 model file, or why there are none.
fn prebuilt_table(file: &[u8]) -> Result<Vec<u8>, String> {
    let newline = file
        .iter()
        .position(|&b| b == b'\n')
        .ok_or("no header line")?;
    let (header, payload) = (&file[..newline], &file[newline + 1..]);
    // The header is one line of JSON written by the library; the run-time
    // loader parses it in full and checks this same field against the table.
    let field = b"\"checksum\":\"";
    let at = header
        .windows(field.len())
        .position(|w| w == field)
        .ok_or("no checksum in the header")?
        + field.len();
    let digits = header
        .get(at..at + 16)
        .and_then(|d| std::str::from_utf8(d).ok())
        .ok_or("short checksum")?;
    let expected = u64::from_str_radix(digits, 16).map_err(|e| e.to_string())?;
    if hash::checksum(payload) != expected {
        return Err("the payload does not match its checksum (or is not format version 2)".into());
    }
    let text = std::str::from_utf8(payload).map_err(|e| e.to_string())?;
    let (_, lines) = text.split_once('\n').ok_or("payload has no table")?;
    let mut hashes = Vec::new();
    let mut weights = Vec::new();
    weight_lines::parse_lines(lines.as_bytes(), |name, row| {
        let finite = row.iter().all(|w| w.is_finite());
        hashes.push(hash::fnv1a(&lines.as_bytes()[name]));
        weights.push(row);
        finite
    })
    .map_err(|line| format!("feature line {line} is bad or not finite"))?;
    let table = feature_table::FeatureTable::build(&hashes, &weights);
    let mut out = expected.to_le_bytes().to_vec();
    out.extend_from_slice(table.as_bytes());
    Ok(out)
}

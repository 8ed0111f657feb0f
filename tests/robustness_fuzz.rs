//! A stable-toolchain harness for the fuzz targets in `fuzz/`: the very same
//! bodies (`fuzz/bodies.rs`), driven by a small mutation loop instead of
//! libFuzzer.
//!
//! - `fuzz_bodies_survive_a_short_run` runs each body on a few hundred inputs
//!   (seeds and mutations, fixed random seed) as part of `cargo test`.
//! - `soak` is `#[ignore]`d: it runs each body for `STANCE_FUZZ_SECS` seconds
//!   (default 30) with a fresh random seed, and saves any input that panics:
//!
//!       STANCE_FUZZ_SECS=120 cargo test --release --test robustness_fuzz -- --ignored --nocapture

#[path = "../src/bin/stance/input/mod.rs"]
#[allow(dead_code)]
mod input;

#[path = "../fuzz/bodies.rs"]
#[allow(dead_code)]
mod bodies;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

type Body = fn(&[u8]);

const TARGETS: &[(&str, Body)] = &[
    ("featurizer", bodies::featurizer),
    ("segmenter", bodies::segmenter),
    ("jsonl_reader", bodies::jsonl_reader),
    ("csv_reader", bodies::csv_reader),
    ("model_loader", bodies::model_loader),
];

/// SplitMix64: small, deterministic for a given seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Fragments that matter to the readers, the segmenter and the featurizer.
const DICTIONARY: &[&str] = &[
    "{\"id\":\"a\",\"text\":\"",
    "\"}\n",
    "\\n\\n",
    "\\u0000",
    "\\ud800",
    "\\\"",
    "\n",
    "\r\n",
    "\n\n",
    "\u{feff}",
    "\"",
    "“",
    "”",
    "«",
    "»",
    "„",
    "‘",
    "’",
    ". ",
    "? ",
    "! ",
    "… ",
    "Gen. ",
    "U.S. ",
    "said ",
    "he said",
    "according to ",
    "not ",
    "won't ",
    "ruled out talks",
    "strike ",
    "calm ",
    "de-escalation ",
    "3.5 ",
    "Київ ",
    "🕊️",
    "\u{0}",
    "\u{1b}",
    "\u{85}",
    "\u{2028}",
    "\u{301}",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "id,text\n",
    "\"a,b\"",
    "\"\"",
];

fn seeds() -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"{\"id\":\"a\",\"text\":\"Warplanes struck the port.\"}\n{\"text\":\"calm\"}\n".to_vec(),
        b"\xef\xbb\xbf{\"id\":\"b\",\"text\":\"\\u201cNo deal,\\u201d she said.\"}\r\n\n[1]\n".to_vec(),
        b"id,text,source\na,\"two\nlines\",x\nb,ragged\n".to_vec(),
        "Envoy Lena Sorvik met officials.\n\n“No deal,” she said. He left. Gen. Ruiz, of the U.S., said talks would not resume."
            .as_bytes()
            .to_vec(),
        b"\xff\xfe\x00garbage\x80\n\n\"unclosed".to_vec(),
    ];
    for path in [
        "examples/sample-article.txt",
        "tests/data/robustness/ragged.csv",
        "tests/articles/halvar-reskan-truce.txt",
    ] {
        if let Ok(bytes) = std::fs::read(root.join(path)) {
            seeds.push(bytes);
        }
    }
    // A small valid model: mutations of it reach the payload parser.
    let tiny = stance::Model {
        config: stance::FeatureConfig::default(),
        card: stance::ModelCard::default(),
        features: vec!["w:strike".into(), "c:calm".into()],
        weights: vec![[1.0, -1.0, 0.0], [-1.0, 1.0, 0.0]],
        bias: [0.0, 0.0, 0.1],
        temperature: 1.0,
    };
    let bytes = tiny.to_bytes().unwrap();
    let newline = bytes.iter().position(|&b| b == b'\n').unwrap();
    seeds.push(bytes[newline + 1..].to_vec());
    seeds.push(bytes);
    seeds
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    // Keep inputs small: the bodies are quadratic in nothing, but time is short.
    if data.len() > 4096 {
        let start = rng.below(data.len() - 4096);
        data = data[start..start + 4096].to_vec();
    }
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(7) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] = rng.next() as u8;
            }
            1 => data.insert(at, rng.next() as u8),
            2 if at < data.len() => {
                let end = (at + 1 + rng.below(16)).min(data.len());
                data.drain(at..end);
            }
            3 | 4 => {
                let piece = DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
                data.splice(at..at, piece.iter().copied());
            }
            5 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(256)).min(other.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let n = rng.below(64);
                data.splice(at..at, (0..n).map(|_| rng.next() as u8));
            }
        }
    }
    data
}

/// Run `body` on seeds and mutations until `iterations` or `budget` runs out.
/// Returns how many inputs ran; panics with the saved input's path on failure.
fn drive(name: &str, body: Body, seed: u64, iterations: usize, budget: Duration) -> usize {
    let seeds = seeds();
    let mut rng = Rng(seed);
    let start = Instant::now();
    let mut ran = 0;
    while ran < iterations && start.elapsed() < budget {
        let data = if ran < seeds.len() {
            seeds[ran].clone()
        } else {
            mutate(&mut rng, &seeds)
        };
        if catch_unwind(AssertUnwindSafe(|| body(&data))).is_err() {
            let path = std::env::temp_dir().join(format!("stance-fuzz-{name}-{seed:016x}-{ran}"));
            std::fs::write(&path, &data).unwrap();
            panic!(
                "{name} panicked on input saved to {} (seed {seed:#x})",
                path.display()
            );
        }
        ran += 1;
    }
    ran
}

#[test]
fn fuzz_bodies_survive_a_short_run() {
    for &(name, body) in TARGETS {
        let ran = drive(name, body, 0x5eed, 300, Duration::from_secs(20));
        assert!(ran >= 50, "{name}: only {ran} inputs in the time budget");
    }
}

#[test]
#[ignore = "a soak run: STANCE_FUZZ_SECS seconds per target"]
fn soak() {
    let secs: u64 = std::env::var("STANCE_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    for &(name, body) in TARGETS {
        let ran = drive(name, body, seed, usize::MAX, Duration::from_secs(secs));
        println!("{name}: {ran} inputs in {secs} s, no panic (seed {seed:#x})");
    }
}

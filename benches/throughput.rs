//! Throughput of the scoring path, in bytes of text per second.
//!
//!     cargo bench --bench throughput            # all groups, about two minutes
//!     cargo bench --bench throughput -- units   # one group
//!
//! The texts are generated here from our own word lists (a fixed seed), so the
//! figures do not depend on any data outside this repository: news-like
//! sentences and articles, plus inputs chosen to be pathological for a
//! tokenizer or segmenter (an emoji flood, one 1 MB paragraph, 10,000
//! one-word lines), each scored as every unit. The `cli_io` group measures the
//! command's own reading of JSON Lines and writing of rows (the modules are
//! compiled in from `src/bin/stance/`), the stages around scoring.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use stance::{featurize, Classifier, FeatureConfig, Model, Unit};
use std::time::Duration;

// Their unit tests come along but do not run here (no test harness).
#[path = "../src/bin/stance/input/mod.rs"]
#[allow(dead_code, unused_imports)]
mod input;
#[path = "../src/bin/stance/output/mod.rs"]
#[allow(dead_code, unused_imports)]
mod output;

/// A small deterministic generator (xorshift64*): no `rand` dependency, same texts every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[(self.next() % words.len() as u64) as usize]
    }
}

const ACTORS: &[&str] = &[
    "The foreign minister",
    "Officials in Velsk",
    "The defence ministry",
    "A government spokeswoman",
    "Rebel commanders",
    "The prime minister",
    "Diplomats from Cordania",
    "The army",
    "Negotiators",
    "The president's office",
    "Border guards",
    "The UN envoy",
];
const VERBS: &[&str] = &[
    "warned of a crushing response to",
    "called for calm after",
    "ruled out talks over",
    "offered to mediate",
    "threatened retaliation for",
    "welcomed the ceasefire following",
    "did not rule out strikes after",
    "urged both sides to return to negotiations on",
    "rejected the proposal on",
    "announced the withdrawal of troops from",
    "won't accept",
    "denied any role in",
    "said it was ready to resume dialogue about",
    "deployed additional artillery near",
];
const OBJECTS: &[&str] = &[
    "the drone attack on the northern dam",
    "the seizure of a fishing vessel",
    "the disputed grain corridor",
    "shelling near the border crossing",
    "the 2,400 prisoners held since March",
    "sanctions on the central bank",
    "a cease-fire brokered by Oman",
    "the missile test over the strait",
    "de-escalation talks in Geneva",
    "the tanker seized on Tuesday",
    "an exchange of fire overnight",
    "the humanitarian corridor",
];
const TAILS: &[&str] = &[
    ".",
    ", officials said.",
    ", according to state media.",
    " on Sunday.",
    ", a statement said.",
    " despite mounting pressure.",
    "; no date was set.",
    " as talks stalled.",
];
const QUOTES: &[&str] = &[
    "\u{201c}We will not be intimidated,\u{201d} the minister said.",
    "\u{201c}There is no military solution,\u{201d} said the envoy, Maria Okafor.",
    "\"Any attack will be met with force,\" a spokesman warned.",
    "\u{201c}Our door remains open to dialogue,\u{201d} he told reporters.",
];

fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {}{}",
        rng.pick(ACTORS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(TAILS)
    )
}

/// About `bytes` of one-sentence texts, as separate units.
fn sentences(seed: u64, bytes: usize) -> Vec<String> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let s = sentence(&mut rng);
        total += s.len();
        out.push(s);
    }
    out
}

/// A news article: a headline, then paragraphs of two to five sentences, some with a quote.
fn article(rng: &mut Rng, paragraphs: usize) -> String {
    let mut text = String::from("Talks stall as border tension rises\n\n");
    for _ in 0..paragraphs {
        let n = 2 + rng.next() % 4;
        for i in 0..n {
            if i > 0 {
                text.push(' ');
            }
            if rng.next().is_multiple_of(4) {
                text.push_str(rng.pick(QUOTES));
            } else {
                text.push_str(&sentence(rng));
            }
        }
        text.push_str("\n\n");
    }
    text
}

/// Short measurements: these are for comparing changes, not for publication-grade statistics.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

fn bench_featurize(c: &mut Criterion) {
    let texts = sentences(1, 200_000);
    let bytes: usize = texts.iter().map(String::len).sum();
    let config = FeatureConfig::default();
    let mut group = c.benchmark_group("featurize");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("sentences", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for t in &texts {
                featurize(t, &config, |name, _| n += name.len());
            }
            black_box(n)
        })
    });
    group.finish();
}

fn bench_classify(c: &mut Criterion) {
    let classifier = Classifier::bundled().expect("the embedded model loads");
    let texts = sentences(2, 200_000);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("sentences", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(classifier.classify(t));
            }
        })
    });
    group.finish();
}

fn bench_units(c: &mut Criterion) {
    let classifier = Classifier::bundled().expect("the embedded model loads");
    let mut rng = Rng(3);
    let articles: Vec<String> = (0..40).map(|_| article(&mut rng, 8)).collect();
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut group = c.benchmark_group("units");
    group.throughput(Throughput::Bytes(bytes as u64));
    for unit in Unit::ALL {
        group.bench_function(unit.as_str(), |b| {
            b.iter(|| {
                for a in &articles {
                    black_box(classifier.classify_document(a, unit));
                }
            })
        });
    }
    group.finish();
}

fn bench_pathological(c: &mut Criterion) {
    let classifier = Classifier::bundled().expect("the embedded model loads");
    let mut rng = Rng(4);
    // Emoji with skin-tone modifiers and ZWJ sequences between a few words: every
    // grapheme is a multi-byte, non-word segment.
    let mut emoji = String::new();
    while emoji.len() < 200_000 {
        emoji.push_str(
            "\u{1f525}\u{1f4a5}\u{1f44d}\u{1f3fd} \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} ",
        );
        if rng.next().is_multiple_of(8) {
            emoji.push_str("strike ");
        }
    }
    // One paragraph of 1 MB: no blank line anywhere.
    let mut huge = String::new();
    while huge.len() < 1_000_000 {
        huge.push_str(&sentence(&mut rng));
        huge.push(' ');
    }
    // 10,000 one-word lines.
    let lines: String = (0..10_000)
        .map(|i| format!("{}\n", ["talks", "strike", "calm", "Velsk"][i % 4]))
        .collect();

    let mut group = c.benchmark_group("pathological");
    let inputs: [(&str, &str); 3] = [
        ("emoji", &emoji),
        ("1mb_paragraph", &huge),
        ("one_word_lines", &lines),
    ];
    for (name, text) in inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        for unit in Unit::ALL {
            group.bench_function(format!("{name}_{}", unit.as_str()), |b| {
                b.iter(|| black_box(classifier.classify_document(text, unit)))
            });
        }
    }
    group.finish();
}

/// The command's stages around scoring: parsing JSON Lines records, and
/// formatting scored rows as JSON Lines and CSV. Throughput is bytes of text.
fn bench_cli_io(c: &mut Criterion) {
    let texts = sentences(5, 1_000_000);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut jsonl = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let line = serde_json::json!({"id": format!("r{i}"), "text": t});
        jsonl.extend_from_slice(line.to_string().as_bytes());
        jsonl.push(b'\n');
    }
    let fields = || input::Fields {
        text: "text".into(),
        id: "id".into(),
    };
    let mut group = c.benchmark_group("cli_io");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("read_jsonl", |b| {
        b.iter(|| {
            input::JsonlReader::new(&jsonl[..], "bench", fields())
                .map(|r| r.text.map_or(0, |t| t.len()))
                .sum::<usize>()
        })
    });
    let classifier = Classifier::bundled().expect("the embedded model loads");
    let records: Vec<input::InputRecord> =
        input::JsonlReader::new(&jsonl[..], "bench", fields()).collect();
    let scored: Vec<Vec<stance::UnitPrediction>> = records
        .iter()
        .map(|r| {
            let text = r.text.as_deref().unwrap_or("");
            classifier.classify_document(text, Unit::Document)
        })
        .collect();
    for format in [output::OutputFormat::Jsonl, output::OutputFormat::Csv] {
        group.bench_function(format!("write_{format:?}").to_lowercase(), |b| {
            b.iter(|| {
                let mut writer = output::RowWriter::new(std::io::sink(), format);
                for (record, units) in records.iter().zip(&scored) {
                    for unit in units {
                        writer
                            .write(&output::Row::Scored {
                                id: &record.id,
                                unit,
                                abstain: false,
                                warning: None,
                                extra: &record.extra,
                            })
                            .expect("a sink takes any write");
                    }
                }
                writer.flush().expect("a sink takes any write");
            })
        });
    }
    group.finish();
}

/// What start-up costs: parsing the embedded model's JSON, indexing its features,
/// and `Classifier::bundled()` once it is cached.
fn bench_startup(c: &mut Criterion) {
    let bytes: &[u8] = include_bytes!("../models/stance-en.model");
    let mut group = c.benchmark_group("startup");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("model_from_bytes", |b| {
        b.iter(|| black_box(Model::from_bytes(bytes).expect("model parses")))
    });
    let model = Model::from_bytes(bytes).expect("model parses");
    group.bench_function("classifier_new", |b| {
        b.iter_batched(|| model.clone(), Classifier::new, BatchSize::LargeInput)
    });
    Classifier::bundled().expect("the embedded model loads");
    group.bench_function("bundled_cached", |b| {
        b.iter(|| black_box(Classifier::bundled().expect("cached")))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_startup, bench_featurize, bench_classify, bench_units, bench_pathological, bench_cli_io
}
criterion_main!(benches);

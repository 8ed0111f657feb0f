#![no_main]
//! `cargo +nightly fuzz run jsonl_reader` (see fuzz/README.md).

use libfuzzer_sys::fuzz_target;

#[path = "../../src/bin/stance/input/mod.rs"]
#[allow(dead_code)]
mod input;

#[path = "../bodies.rs"]
#[allow(dead_code)]
mod bodies;

fuzz_target!(|data: &[u8]| bodies::jsonl_reader(data));

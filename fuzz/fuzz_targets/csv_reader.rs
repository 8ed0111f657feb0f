#![no_main]
//! `cargo +nightly fuzz run csv_reader` (see fuzz/README.md).

use libfuzzer_sys::fuzz_target;

#[path = "../../src/bin/stance/input/mod.rs"]
#[allow(dead_code)]
mod input;

#[path = "../bodies.rs"]
#[allow(dead_code)]
mod bodies;

fuzz_target!(|data: &[u8]| bodies::csv_reader(data));

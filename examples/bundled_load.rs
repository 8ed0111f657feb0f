//! How long the first `Classifier::bundled()` call takes (loading the
//! embedded model and its prebuilt table), in microseconds. The first call
//! happens once per process, so this runs itself in fresh processes and
//! prints the median (and range) of their first calls.
//!
//!     cargo run --release --example bundled_load            # 31 processes
//!     cargo run --release --example bundled_load -- 101     # 101 processes
//!     cargo run --release --example bundled_load -- once    # this process only

use stance::Classifier;
use std::process::Command;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("once") {
        return once();
    }
    let runs: usize = arg.as_deref().unwrap_or("31").parse()?;
    let exe = std::env::current_exe()?;
    let mut firsts = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let out = Command::new(&exe).arg("once").output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        // "first call N us, ..."
        let micros = text
            .split_whitespace()
            .nth(2)
            .and_then(|n| n.parse::<u64>().ok())
            .ok_or_else(|| format!("unexpected output {text:?}"))?;
        firsts.push(micros);
    }
    firsts.sort_unstable();
    println!(
        "first call over {} processes: median {} us (min {}, max {})",
        firsts.len(),
        firsts[firsts.len() / 2],
        firsts[0],
        firsts[firsts.len() - 1]
    );
    Ok(())
}

fn once() -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let classifier = Classifier::bundled()?;
    let first = start.elapsed();
    let start = Instant::now();
    Classifier::bundled()?;
    let again = start.elapsed();
    println!(
        "first call {} us, second {} us, confidence {}",
        first.as_micros(),
        again.as_micros(),
        classifier.classify("").confidence
    );
    Ok(())
}

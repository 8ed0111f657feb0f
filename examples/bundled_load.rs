//! How long the first `Classifier::bundled()` call takes (parsing and
//! indexing the embedded model), in microseconds: median of fresh processes
//! is what matters, so run it several times.
//!
//!     cargo run --release --example bundled_load

use stance::Classifier;
use std::time::Instant;

fn main() -> Result<(), stance::Error> {
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

//! Labels each line of a text file with the library alone (no JSON in or out):
//! the target for profiling the featurize + classify path in isolation.
//!
//!     cargo build --release --example classify_lines
//!     valgrind --tool=callgrind target/release/examples/classify_lines FILE [document|paragraph|sentence|quote]
//!
//! Prints how many lines got each label, so the work cannot be optimised away.

use stance::{Classifier, Unit};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: classify_lines FILE [UNIT]")?;
    let unit: Unit = args.next().as_deref().unwrap_or("document").parse()?;
    let text = std::fs::read_to_string(&path)?;
    let classifier = Classifier::bundled()?;
    let mut counts = [0usize; 3];
    for line in text.lines() {
        if unit == Unit::Document {
            counts[classifier.classify(line).label.index()] += 1;
        } else {
            for row in classifier.classify_document(line, unit) {
                counts[row.prediction.label.index()] += 1;
            }
        }
    }
    println!("{counts:?}");
    Ok(())
}

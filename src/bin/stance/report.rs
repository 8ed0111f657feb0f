//! `stance report`: one self-contained HTML page for one article.

use crate::input::read_text;
use crate::Outcome;
use stance::Classifier;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The article (plain text); standard input when not given.
    pub file: Option<String>,
    /// Page title when the article has no headline (default: the file name).
    #[arg(long)]
    pub title: Option<String>,
}

pub fn run(args: &ReportArgs, classifier: &Classifier) -> Outcome {
    let name = args.file.as_deref().unwrap_or("<stdin>");
    let record = match &args.file {
        None => read_text(std::io::stdin().lock(), name),
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => read_text(f, name),
            Err(e) => return Outcome::CouldNotStart(format!("cannot open {path}: {e}")),
        },
    };
    let text = match record.text {
        Ok(text) => text,
        Err(reason) => return Outcome::CouldNotStart(format!("{name}: {reason}")),
    };
    if let Some(warning) = &record.warning {
        crate::print_error(&format!("{name}: {warning}"));
    }
    let title = args.title.as_deref().unwrap_or(name);
    let html = stance::report::render(classifier, &text, title);
    let mut out = std::io::stdout().lock();
    match out.write_all(html.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Outcome::Ok,
        Err(e) => crate::write_failure(e),
    }
}

//! `stance train`: fit a model from labelled JSON Lines.

use crate::Outcome;
use stance::train::data::{parse_weighted_path, read_labelled};
use stance::train::fit::{train, TrainConfig, TrainingFile};
use stance::FeatureConfig;

#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// Training files, each optionally weighted: FILE or FILE:WEIGHT.
    #[arg(long = "data", required = true, num_args = 1..)]
    pub data: Vec<String>,
    /// Where to write the model.
    #[arg(long)]
    pub out: String,
    /// Seed that assigns topics to cross-validation folds (training is deterministic for a seed).
    #[arg(long, default_value_t = 13)]
    pub seed: u64,
    /// Columns kept by chi-square feature selection.
    #[arg(long, default_value_t = 6000)]
    pub max_features: usize,
    /// L2 strengths to cross-validate, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = vec![0.5, 1.0, 2.0, 4.0])]
    pub alphas: Vec<f64>,
    /// Cross-validation folds (grouped by topic).
    #[arg(long, default_value_t = 4)]
    pub folds: usize,
    /// Maximum L-BFGS iterations per fit.
    #[arg(long, default_value_t = 300)]
    pub max_iterations: u64,
    /// Class weighting: 1 balances the labels, 0 keeps the data's own mix.
    #[arg(long, default_value_t = 1.0)]
    pub balance: f64,
    /// Leave function words' unigrams ("the", "and", "on") out of the model; their bigrams stay.
    #[arg(long)]
    pub drop_stop_unigrams: bool,
    /// Scale each feature by its Naive Bayes log-count ratio before the fit, so
    /// features that tell the labels apart are penalised less (Wang and Manning 2012).
    #[arg(long)]
    pub nb_scale: bool,
    /// Minimum number of training units a feature must occur in.
    #[arg(long, default_value_t = 2)]
    pub min_df: usize,
    /// Words after a negator that stay negated.
    #[arg(long, default_value_t = FeatureConfig::default().negation_window)]
    pub negation_window: usize,
    /// Leave out adjacent-stem bigram features.
    #[arg(long)]
    pub no_bigrams: bool,
    /// Leave out cue-lexicon features.
    #[arg(long)]
    pub no_cues: bool,
    /// Leave out the pooled cue-polarity features.
    #[arg(long)]
    pub no_polarity: bool,
    /// Do not treat reversal verbs ("halted", "collapsed") as negation scopes.
    #[arg(long)]
    pub no_reversal: bool,
    /// Training files (given in --data too) whose out-of-fold predictions fit the
    /// confidence temperature; by default every training unit. Real text
    /// labelled by the guide calibrates confidence on real news best.
    #[arg(long = "calibrate-on", num_args = 1..)]
    pub calibrate_on: Vec<String>,
    /// Worker threads for cross-validation (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

pub fn run(args: &TrainArgs) -> Outcome {
    let mut files = Vec::new();
    let mut calibrate_paths: Vec<std::path::PathBuf> = Vec::new();
    for arg in &args.calibrate_on {
        match parse_weighted_path(arg) {
            Ok((path, _)) => calibrate_paths.push(path),
            Err(e) => return Outcome::CouldNotStart(e.to_string()),
        }
    }
    for arg in &args.data {
        let (path, weight) = match parse_weighted_path(arg) {
            Ok(p) => p,
            Err(e) => return Outcome::CouldNotStart(e.to_string()),
        };
        match read_labelled(&path) {
            Ok(records) => files.push(TrainingFile {
                calibrate: calibrate_paths.contains(&path),
                path: path.display().to_string(),
                weight,
                records,
            }),
            Err(e) => return Outcome::CouldNotStart(e.to_string()),
        }
    }
    let data_paths: Vec<std::path::PathBuf> = files.iter().map(|f| f.path.clone().into()).collect();
    if let Some(stray) = calibrate_paths.iter().find(|p| !data_paths.contains(p)) {
        return Outcome::CouldNotStart(format!(
            "--calibrate-on {}: not one of the --data files",
            stray.display()
        ));
    }
    let config = TrainConfig {
        max_features: args.max_features,
        alphas: args.alphas.clone(),
        folds: args.folds,
        max_iterations: args.max_iterations,
        seed: args.seed,
        balance: args.balance,
        drop_stop_unigrams: args.drop_stop_unigrams,
        nb_scale: args.nb_scale,
        min_df: args.min_df,
        features: FeatureConfig {
            negation_window: args.negation_window,
            bigrams: !args.no_bigrams,
            cues: !args.no_cues,
            polarity: !args.no_polarity,
            reversal: !args.no_reversal,
            ..FeatureConfig::default()
        },
    };
    let command = std::iter::once("stance".to_string())
        .chain(std::env::args().skip(1))
        .collect::<Vec<_>>()
        .join(" ");
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => return Outcome::CouldNotStart(format!("cannot start threads: {e}")),
    };
    let model = match pool.install(|| train(&files, &config, &command)) {
        Ok(m) => m,
        Err(e) => return Outcome::CouldNotStart(e.to_string()),
    };
    if let Err(e) = model.save(std::path::Path::new(&args.out)) {
        return Outcome::CouldNotStart(e.to_string());
    }
    eprintln!(
        "stance: wrote {} ({} features, alpha {}, cross-validated macro-F1 {:.4}, temperature {:.2})",
        args.out,
        model.features.len(),
        model.card.alpha,
        model.card.cv_macro_f1,
        model.temperature
    );
    Outcome::Ok
}

//! The one error type of t-SNE: invalid parameters, unusable data, caps, divergence and cancellation.

use crate::engine::progress::Cancelled;

/// Why a t-SNE fit could not run or did not finish.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TsneError {
    // ---- parameters (data-independent rules, from `TsneParams::check`)
    #[error("n_components must be 1, 2 or 3, got {0}")]
    NComponents(usize),
    #[error("perplexity must be a finite number > 0, got {0}")]
    Perplexity(f64),
    #[error("early_exaggeration must be a finite number >= 1, got {0}")]
    EarlyExaggeration(f64),
    #[error("learning_rate must be a finite number > 0 (or unset for \"auto\"), got {0}")]
    LearningRate(f64),
    #[error("max_iter must be >= 1, got 0")]
    MaxIter,
    #[error("exaggeration_iter must be <= max_iter ({max_iter}), got {exaggeration_iter}")]
    ExaggerationIter { exaggeration_iter: usize, max_iter: usize },
    #[error("min_grad_norm must be a finite number >= 0, got {0}")]
    MinGradNorm(f64),
    #[error("angle must be in [0, 1], got {0}")]
    Angle(f64),

    // ---- data (rules that depend on the rows)
    #[error("t-sne needs at least 2 rows and 1 column, got {rows} × {cols}")]
    TooFewRows { rows: usize, cols: usize },
    #[error("t-sne needs finite values; row {row}, column {col} is {value}")]
    NotFinite { row: usize, col: usize, value: f64 },
    #[error("perplexity must be < the number of rows ({rows}), got {perplexity}")]
    PerplexityNotBelowRows { perplexity: f64, rows: usize },
    #[error("t-sne runs on at most {cap} rows, got {rows}: use the PCA map (or a sample) instead")]
    TooManyRows { rows: usize, cap: usize },
    #[error("exact t-sne runs on at most {cap} rows, got {rows}: use the barnes-hut method")]
    ExactTooManyRows { rows: usize, cap: usize },

    // ---- run
    #[error(
        "t-sne diverged at iteration {iteration} (a coordinate became non-finite): lower the learning rate"
    )]
    Diverged { iteration: usize },
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// Result of the t-SNE module.
pub type Result<T> = std::result::Result<T, TsneError>;

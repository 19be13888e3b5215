//! Clustering quality and agreement metrics, pure functions on `ArrayView2<f64>` + `&[i32]` labels, with
//! scikit-learn's definitions (checked against it in `tests/metrics_reference.rs`).
//!
//! Label convention, everywhere in this module: a label of −1 (the engine's noise label) is an ordinary
//! label, as in scikit-learn. Drop noise rows first to score only the segments.
//! Every function errors (never panics) on empty data, NaN/∞, length mismatches and, for the internal
//! indices, a number of distinct labels outside 2..=n−1.
//!
//! Caps on quadratic work: [`silhouette`] is exact up to 10,000 rows and samples above (the explicit
//! [`silhouette_exact`] is O(n²) time but only O(n·d) memory); Davies–Bouldin accepts at most 20,000
//! distinct labels. Everything else is O(n·d) or O(n log n).

mod calinski_harabasz;
mod compare;
mod davies_bouldin;
mod error;
pub mod input;
pub mod sample;
mod scatter;
pub mod silhouette;

pub use calinski_harabasz::calinski_harabasz;
pub use compare::{adjusted_rand_index, normalized_mutual_info};
pub use davies_bouldin::{davies_bouldin, MAX_LABELS as DAVIES_BOULDIN_MAX_LABELS};
pub use error::{MetricsError, Result};
pub use scatter::within_sum_of_squares;
pub use silhouette::{
    silhouette, silhouette_exact, silhouette_sampled, Silhouette, SilhouetteJob, SilhouetteParams,
    SilhouetteValidParams,
};

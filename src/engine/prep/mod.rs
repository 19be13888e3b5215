//! Preprocessing: a [`Table`](crate::engine::table::Table) in, a clean feature matrix out, every action reported.
//!
//! Steps, in order, each `Params → fit → Fitted → transform`: select features (dates → days, booleans → 0/1,
//! ±∞ → missing) → missing values ([`impute`]) → outliers per column and across columns ([`outliers`]) →
//! per-column transforms ([`transform`]) → categorical encoding ([`encode`]) → scaling ([`scale`]).
//! [`fit_transform`] returns a serialisable [`FittedPrep`] whose [`FittedPrep::transform`] scores new tables the
//! same way, and a [`Prepared`] matrix with its [`PrepReport`]. Never panics on bad data: problems are
//! [`PrepError`]s or report entries. The O(n²) parts (k-NN imputation, LOF) are capped at 20 000 reference rows
//! by default, above which a seeded sample is used and reported.

mod config;
pub mod encode;
mod error;
mod fit;
mod fitted;
mod frame;
pub mod impute;
mod neighbors;
pub mod outliers;
mod prepared;
mod report;
pub mod scale;
mod select;
mod serde_nan;
pub(crate) mod stats;
pub mod transform;

pub use config::{CheckedPrepConfig, PrepConfig};
pub use encode::{EncodeConfig, Encoding, FittedEncoding, OrderBy, OrdinalOrder};
pub use error::{PrepError, Result};
pub use fit::fit_transform;
pub use fitted::{FittedFeature, FittedPrep};
pub use frame::FeatureKind;
pub use impute::{FillValue, Impute, ImputeConfig, KnnParams};
pub use outliers::{
    Contamination, Detector, IsolationForestParams, LofParams, OutlierAction, OutlierConfig, OutlierRule,
    RowAction,
};
pub use prepared::{CategoricalBlock, FittedOutput, Prepared};
pub use report::{sentence, Action, PrepReport, ReportEntry, Step};
pub use scale::{FittedScale, Scaling};
pub use transform::{NegativeValues, Transform};

//! 2-D maps of the feature space for charts: PCA (all sizes).

mod pca;

pub use pca::{Pca, PcaError};

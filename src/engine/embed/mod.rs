//! 2-D maps of the feature space for charts: PCA (all sizes).

mod pca;
pub mod tsne;

pub use pca::{Pca, PcaError};
pub use tsne::{Tsne, TsneError, TsneParams};

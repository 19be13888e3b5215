//! 2-D maps of the feature space for charts: PCA (all sizes), t-SNE (within its cap), and the fixed-width
//! binning behind the map's density shading.

pub mod bins;
mod eigen;
mod pca;
pub mod tsne;

pub use pca::{Pca, PcaError};
pub use tsne::{Tsne, TsneError, TsneParams};

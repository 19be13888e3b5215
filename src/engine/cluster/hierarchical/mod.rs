//! Hierarchical agglomerative clustering (ward, complete, average, single on Euclidean distance): a scipy-format
//! linkage matrix, cuts matching scikit-learn's `AgglomerativeClustering`, a dendrogram for charts, nearest-centroid
//! predict, and documented memory caps with a micro-cluster fallback.
//!
//! Caps (defaults; see [`HierarchicalParams`]): ward and single are exact up to 30,000 rows with O(n) memory
//! (nearest-neighbour chain on centroids; Prim's spanning tree); complete and average are exact up to 10,000 rows
//! (condensed f64 matrix, 400 MB at the cap). Above a cap the rows are compressed into 2,000 seeded k-means
//! micro-clusters and the tree is built on those, weighted by their row counts.
//!
//! Ties: exactly equal linkage distances are broken as scipy's `nn_chain` (ward/complete/average) and sklearn's
//! `mst_linkage_core` (single) break them — first in slot order with a strict `<` — but ward's centroid formula can
//! round differently from scipy's recurrence, so merges at tied heights may come in another order; the heights and
//! any cut not at a tied height are unaffected.

mod dendrogram;
mod fit;
mod micro;
mod model;
mod pairwise;
mod params;
mod single;
#[cfg(test)]
mod tests;
mod tree;
mod ward;

pub use dendrogram::{dendrogram, Dendrogram, DendrogramLeaf, DendrogramLink};
pub use fit::HierarchicalFit;
pub use model::{HierarchicalModel, Segments};
pub use params::{
    check_cut, Cut, HierarchicalError, HierarchicalParams, HierarchicalValidParams, Linkage, Result,
    PAIRWISE_CAP_LIMIT,
};
pub use tree::{cut_k, cut_leaves, Merge};

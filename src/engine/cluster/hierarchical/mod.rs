//! Hierarchical agglomerative clustering.

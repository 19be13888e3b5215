//! DBSCAN with scikit-learn's exact labels, a kd-tree (O(n) memory), the k-distance curve for choosing eps, and a
//! fitted model that labels new rows by their nearest core point.

mod fit;
mod kdist;
mod model;
mod params;
#[cfg(test)]
mod tests;

pub use fit::DbscanFit;
pub use kdist::{
    decimate, k_distance_curve, k_distances, kneedle_convex_increasing, KDistanceCurve, MAX_CURVE_POINTS,
};
pub use model::DbscanModel;
pub use params::{DbscanError, DbscanParams, DbscanValidParams, Result};

//! Hierarchical clustering against scipy/sklearn on cc_general (8,950 × 17): all four linkages are within the exact
//! caps; heights within 1e-9 relative of scipy, labels ARI = 1 with sklearn for k = 2..8.

use crate::cluster_density_support;

use cluster_density_support::check_hierarchical;

#[test]
fn cc_ward_matches() {
    check_hierarchical("cc", "ward");
}

#[test]
fn cc_single_matches() {
    check_hierarchical("cc", "single");
}

#[test]
fn cc_complete_matches() {
    check_hierarchical("cc", "complete");
}

#[test]
fn cc_average_matches() {
    check_hierarchical("cc", "average");
}

//! Hierarchical clustering against scipy/sklearn on mall_customers and wholesale: heights equal scipy's `linkage`
//! within 1e-9 relative, labels ARI = 1 with sklearn's `AgglomerativeClustering` for k = 2..8, all four linkages.

use crate::cluster_density_support;

use cluster_density_support::check_hierarchical;

#[test]
fn mall_all_linkages_match_scipy_and_sklearn() {
    for linkage in ["ward", "complete", "average", "single"] {
        check_hierarchical("mall", linkage);
    }
}

#[test]
fn wholesale_all_linkages_match_scipy_and_sklearn() {
    for linkage in ["ward", "complete", "average", "single"] {
        check_hierarchical("wholesale", linkage);
    }
}

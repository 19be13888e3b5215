//! The dendrogram layout against scipy's `dendrogram(Z, truncate_mode="lastp", p)` on wholesale (whose linkage
//! matrix we reproduce row for row): the same links (icoord/dcoord), leaves and leaf counts.

use crate::cluster_density_support;

use cluster_density_support::{dataset, expected, floats, ints};
use segscope::engine::cluster::hierarchical::{HierarchicalParams, Linkage};
use segscope::engine::progress::Silent;

#[test]
fn dendrogram_equals_scipy_on_wholesale() {
    let x = dataset("wholesale");
    let reference = expected("cluster_density_dendrogram.json");
    for case in reference.as_array().unwrap() {
        let linkage = match case["linkage"].as_str().unwrap() {
            "ward" => Linkage::Ward,
            "average" => Linkage::Average,
            _ => Linkage::Single,
        };
        let p = case["p"].as_u64().unwrap() as usize;
        let fit = HierarchicalParams::default().with_linkage(linkage).check().unwrap();
        let d = fit.fit(x.view(), &mut Silent).unwrap().model.dendrogram(p);
        let icoord = case["icoord"].as_array().unwrap();
        let dcoord = case["dcoord"].as_array().unwrap();
        assert_eq!(d.links.len(), icoord.len(), "{linkage:?} p={p}");
        for ((link, xs), ys) in d.links.iter().zip(icoord).zip(dcoord) {
            assert_eq!(link.x.to_vec(), floats(xs));
            for (a, b) in link.y.iter().zip(floats(ys)) {
                assert!((a - b).abs() <= 1e-9 * b.abs().max(1e-12), "{linkage:?} p={p}: {a} vs {b}");
            }
        }
        let leaves: Vec<i64> = d.leaves.iter().map(|l| l.node as i64).collect();
        assert_eq!(leaves, ints(&case["leaves"]), "{linkage:?} p={p}");
        for (leaf, label) in d.leaves.iter().zip(case["ivl"].as_array().unwrap()) {
            let label = label.as_str().unwrap();
            let want = if label.starts_with('(') {
                label.trim_matches(|c| c == '(' || c == ')').parse().unwrap()
            } else {
                1
            };
            assert_eq!(leaf.leaves, want);
            assert_eq!(leaf.rows, want);
        }
    }
}

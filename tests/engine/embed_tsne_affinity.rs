//! t-SNE affinities against scikit-learn 1.9 (tests/reference/embed_tsne.py): the k-NN graph, the per-row
//! precisions β from the perplexity search, the conditional P and the symmetrised joint P of
//! `_joint_probabilities_nn` on mall_customers and wholesale, and the exact method's dense P on mall.

use crate::embed_tsne_support::{expected, load_standardized};
use segscope::engine::embed::tsne::TsneParams;
use segscope::engine::progress::Silent;

fn floats(v: &serde_json::Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(|x| x.as_f64().expect("number")).collect()
}

fn check_dataset(name: &str) {
    let doc = expected(&format!("embed_tsne_affinity_{name}.json"));
    let x = load_standardized(name);
    for (a, b) in x.row(0).iter().zip(floats(&doc["standardized_first_row"])) {
        assert!((a - b).abs() < 1e-12, "{name}: standardization differs");
    }
    assert_eq!(doc["boundary_ties"], 0, "{name}: k-NN sets are implementation-defined under ties");
    let params = TsneParams::default().check().unwrap();
    let aff = params.affinities(x.view(), &mut Silent).unwrap();
    let (n, k) = (x.nrows(), aff.knn.k);
    assert_eq!(k as u64, doc["k"].as_u64().unwrap());

    // the k-NN graph: the same neighbours per row (the order of equally distant ones is the tree's choice),
    // with the same β and the same conditional P per neighbour
    let nbrs: Vec<Vec<u32>> = doc["neighbors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as u32).collect())
        .collect();
    let cond: Vec<Vec<f64>> = doc["conditional"].as_array().unwrap().iter().map(floats).collect();
    let betas = floats(&doc["betas"]);
    let beta_err = aff.betas.iter().zip(&betas).map(|(a, b)| (a - b).abs() / b).fold(0.0, f64::max);
    let (mut cond_err, mut reordered) = (0.0_f64, 0);
    for i in 0..n {
        let ours = &aff.knn.indices[i * k..(i + 1) * k];
        if ours != nbrs[i].as_slice() {
            reordered += 1;
        }
        for (t, j) in ours.iter().enumerate() {
            let at = nbrs[i]
                .iter()
                .position(|s| s == j)
                .unwrap_or_else(|| panic!("{name}: row {i} neighbour {j}"));
            cond_err = cond_err.max((aff.conditional[i * k + t] - cond[i][at]).abs());
            let (d_ours, d_next) = (aff.knn.sqdist[i * k + t], aff.knn.sqdist[i * k + at]);
            assert!((d_ours - d_next).abs() < 1e-12, "{name}: row {i} differs beyond ties");
        }
    }

    // the joint P in CSR form
    let joint = &doc["joint"];
    let indptr: Vec<usize> =
        joint["indptr"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    let indices: Vec<u32> =
        joint["indices"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as u32).collect();
    let data = floats(&joint["data"]);
    assert_eq!(aff.joint.indptr, indptr, "{name}: joint P row pointers");
    assert_eq!(aff.joint.indices, indices, "{name}: joint P columns");
    let joint_abs = aff.joint.values.iter().zip(&data).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    let joint_rel = aff.joint.values.iter().zip(&data).map(|(a, b)| (a - b).abs() / b).fold(0.0, f64::max);
    println!(
        "{name}: n={n} k={k} nnz={}, {reordered} rows list equally distant neighbours in another order; \
         max rel error β {beta_err:.2e}; max abs error conditional P {cond_err:.2e}; \
         joint P max abs {joint_abs:.2e}, max rel {joint_rel:.2e}",
        data.len()
    );
    assert!(beta_err < 1e-9, "{name}: β rel error {beta_err}");
    assert!(cond_err < 1e-9, "{name}: conditional P error {cond_err}");
    assert!(joint_abs < 1e-9 && joint_rel < 1e-6, "{name}: joint P error {joint_abs} / {joint_rel}");
}

#[test]
fn mall_affinities_match_scikit_learn() {
    check_dataset("mall");
}

#[test]
fn wholesale_affinities_match_scikit_learn() {
    check_dataset("wholesale");
}

#[test]
fn mall_exact_affinities_match_scikit_learn() {
    let doc = expected("embed_tsne_affinity_mall.json");
    let x = load_standardized("mall");
    let n = x.nrows();
    let params = TsneParams::default().check().unwrap();
    let aff = params.exact_affinities(x.view(), &mut Silent).unwrap();
    let betas = floats(&doc["exact"]["betas"]);
    let beta_err = aff.betas.iter().zip(&betas).map(|(a, b)| (a - b).abs() / b).fold(0.0, f64::max);
    let condensed = floats(&doc["exact"]["joint_condensed"]);
    assert_eq!(condensed.len(), n * (n - 1) / 2);
    let mut t = 0;
    let (mut abs, mut rel) = (0.0_f64, 0.0_f64);
    for i in 0..n {
        for j in (i + 1)..n {
            let (a, b) = (aff.joint[i * n + j], condensed[t]);
            assert_eq!(a, aff.joint[j * n + i]);
            abs = abs.max((a - b).abs());
            rel = rel.max((a - b).abs() / b);
            t += 1;
        }
    }
    println!("mall exact: max rel error β {beta_err:.2e}; joint P max abs {abs:.2e}, max rel {rel:.2e}");
    assert!(beta_err < 1e-9 && abs < 1e-9 && rel < 1e-6, "{beta_err} {abs} {rel}");
}

//! Test helpers of the t-SNE tests: load and standardize a dataset with the `csv` crate (as
//! tests/reference/embed_tsne.py does with pandas + StandardScaler), read the reference JSON, and score a
//! map with scikit-learn's trustworthiness and a leave-one-out k-NN vote.
#![allow(dead_code)]

use ndarray::{Array2, ArrayView2};

/// Path of a file under tests/.
pub fn path(rel: &str) -> String {
    format!("{}/tests/{}", env!("CARGO_MANIFEST_DIR"), rel)
}

/// The reference JSON `tests/reference/expected/<name>`.
pub fn expected(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(path(&format!("reference/expected/{name}"))).expect("reference json");
    serde_json::from_str(&text).expect("valid json")
}

/// The dataset's reference columns, standardized with the population standard deviation.
pub fn load_standardized(name: &str) -> Array2<f64> {
    let (file, cols): (&str, &[&str]) = match name {
        "mall" => ("mall_customers.csv", &["Age", "Annual Income (k$)", "Spending Score (1-100)"]),
        "wholesale" => (
            "wholesale_customers.csv",
            &["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"],
        ),
        other => panic!("unknown dataset {other}"),
    };
    let mut rdr = csv::Reader::from_path(path(&format!("data/{file}"))).expect("open csv");
    let headers: Vec<String> = rdr.headers().expect("headers").iter().map(String::from).collect();
    let idx: Vec<usize> = cols.iter().map(|c| headers.iter().position(|h| h == c).expect("column")).collect();
    let mut data = Vec::new();
    let mut rows = 0;
    for rec in rdr.records() {
        let rec = rec.expect("record");
        data.extend(idx.iter().map(|&i| rec[i].trim().parse::<f64>().expect("number")));
        rows += 1;
    }
    let mut x = Array2::from_shape_vec((rows, idx.len()), data).expect("shape");
    for mut col in x.columns_mut() {
        let mean = col.sum() / rows as f64;
        let sd = (col.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / rows as f64).sqrt();
        col.mapv_inplace(|v| (v - mean) / if sd == 0.0 { 1.0 } else { sd });
    }
    x
}

/// A JSON array of arrays of numbers as a matrix.
pub fn matrix(v: &serde_json::Value) -> Array2<f64> {
    let rows: Vec<Vec<f64>> = v
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r.as_array().expect("row").iter().map(|c| c.as_f64().expect("number")).collect())
        .collect();
    let d = rows.first().map_or(0, Vec::len);
    Array2::from_shape_vec((rows.len(), d), rows.concat()).expect("rectangular")
}

fn sqdist(x: ArrayView2<f64>, i: usize, j: usize) -> f64 {
    x.row(i).iter().zip(x.row(j)).map(|(a, b)| (a - b) * (a - b)).sum()
}

/// Rows of `x` other than `i`, nearest first (ties by index).
fn ranking(x: ArrayView2<f64>, i: usize) -> Vec<usize> {
    let d: Vec<f64> = (0..x.nrows()).map(|j| sqdist(x, i, j)).collect();
    let mut order: Vec<usize> = (0..x.nrows()).filter(|&j| j != i).collect();
    order.sort_by(|&a, &b| d[a].total_cmp(&d[b]).then(a.cmp(&b)));
    order
}

/// scikit-learn's `trustworthiness(x, emb, n_neighbors=k)`.
pub fn trustworthiness(x: ArrayView2<f64>, emb: ArrayView2<f64>, k: usize) -> f64 {
    let n = x.nrows();
    let mut t = 0.0;
    for i in 0..n {
        let mut rank = vec![0usize; n];
        for (r, j) in ranking(x, i).into_iter().enumerate() {
            rank[j] = r + 1;
        }
        for j in ranking(emb, i).into_iter().take(k) {
            t += rank[j].saturating_sub(k) as f64;
        }
    }
    let (n, k) = (n as f64, k as f64);
    1.0 - t * (2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)))
}

/// Share of rows whose label wins the vote of their k nearest other rows in `emb` (ties to the smallest label).
pub fn knn_accuracy(emb: ArrayView2<f64>, labels: &[usize], k: usize) -> f64 {
    let n = emb.nrows();
    let classes = labels.iter().max().map_or(0, |m| m + 1);
    let hits = (0..n)
        .filter(|&i| {
            let mut votes = vec![0usize; classes];
            for j in ranking(emb, i).into_iter().take(k) {
                votes[labels[j]] += 1;
            }
            let best = (0..classes).fold(0, |b, c| if votes[c] > votes[b] { c } else { b });
            best == labels[i]
        })
        .count();
    hits as f64 / n as f64
}

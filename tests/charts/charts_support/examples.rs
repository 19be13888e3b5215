//! Realistic example specs for every chart, shared by the gallery and the chart tests.

use segscope::charts::{
    bars, boxplot, clv, dendrogram, drift, heatmap, importance, kdistance, ksweep, rfm, silhouette, weights,
};

pub fn sizes() -> bars::BarSpec {
    let names = ["Loyal big spenders", "Occasional buyers", "New customers", "Bargain hunters", "Lapsed"];
    let sizes = [1234.0, 2871.0, 650.0, 1720.0, 412.0];
    bars::BarSpec {
        title: "Segment sizes".into(),
        value_label: "customers".into(),
        bars: names
            .iter()
            .zip(sizes)
            .enumerate()
            .map(|(i, (n, v))| bars::Bar { label: n.to_string(), value: v, segment: i as i32 })
            .collect(),
    }
}

pub fn sweep() -> ksweep::KSweepSpec {
    use ksweep::{Direction::*, Metric};
    let some = |v: &[f64]| v.iter().map(|&x| if x.is_nan() { None } else { Some(x) }).collect::<Vec<_>>();
    let metric = |name: &str, direction, values: &[f64], errors: &[f64], pick| Metric {
        name: name.into(),
        direction,
        values: some(values),
        errors: some(errors),
        pick,
        ceiling: name.starts_with("Stability").then_some(1.0),
    };
    ksweep::KSweepSpec {
        title: "Choosing the number of segments".into(),
        ks: (2..=10).collect(),
        metrics: vec![
            metric(
                "Inertia",
                Elbow,
                &[9.1e5, 6.2e5, 3.9e5, 3.5e5, 3.2e5, 3.0e5, 2.85e5, 2.7e5, 2.6e5],
                &[],
                Some(4),
            ),
            metric(
                "Silhouette",
                HigherIsBetter,
                &[0.41, 0.47, 0.55, 0.49, 0.44, 0.40, 0.38, 0.37, 0.35],
                &[],
                Some(4),
            ),
            metric(
                "Calinski–Harabasz",
                HigherIsBetter,
                &[1830.0, 2210.0, 2950.0, 2700.0, 2480.0, 2300.0, 2150.0, 2040.0, 1950.0],
                &[],
                Some(4),
            ),
            metric(
                "Davies–Bouldin",
                LowerIsBetter,
                &[0.92, 0.81, 0.63, 0.74, 0.80, 0.86, 0.90, 0.93, 0.97],
                &[],
                Some(4),
            ),
            metric(
                "BIC",
                LowerIsBetter,
                &[f64::NAN, 5.42e4, 5.11e4, 5.08e4, 5.12e4, 5.19e4, f64::NAN, 5.31e4, 5.38e4],
                &[],
                Some(5),
            ),
            metric(
                "Gap",
                HigherIsBetter,
                &[0.52, 0.61, 0.74, 0.75, 0.77, 0.78, 0.78, 0.79, 0.80],
                &[0.02, 0.02, 0.02, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03],
                Some(4),
            ),
            metric(
                "Stability (ARI)",
                HigherIsBetter,
                &[0.88, 0.91, 0.97, 0.83, 0.79, 0.74, 0.70, 0.69, 0.66],
                &[0.05, 0.04, 0.01, 0.07, 0.08, 0.08, 0.09, 0.09, 0.1],
                Some(4),
            ),
        ],
        suggested: Some(4),
    }
}

/// A deterministic pseudo-random number in 0..1 (no RNG needed for pictures).
pub fn noise(i: usize) -> f64 {
    let x = (i as f64 * 12.9898 + 78.233).sin() * 43_758.545_3;
    x - x.floor()
}

pub const NAMES: [&str; 5] =
    ["Loyal big spenders", "Occasional buyers", "New customers", "Bargain hunters", "Lapsed"];

pub fn silhouettes() -> silhouette::SilhouetteSpec {
    let sizes = [6_000, 14_000, 3_000, 9_000, 2_500];
    let centres = [0.55, 0.35, 0.25, 0.45, 0.15];
    let (mut values, mut labels) = (Vec::new(), Vec::new());
    let mut i = 0;
    for (s, (&n, &c)) in sizes.iter().zip(&centres).enumerate() {
        for _ in 0..n {
            let u = noise(i) + noise(i + 7) + noise(i + 13) - 1.5;
            values.push((c + 0.35 * u).clamp(-0.6, 0.95));
            labels.push(s as i32);
            i += 1;
        }
    }
    silhouette::SilhouetteSpec {
        title: "Silhouette by segment".into(),
        values,
        labels,
        segments: NAMES.iter().enumerate().map(|(i, n)| (i as i32, n.to_string())).collect(),
        mean: None,
        max_bars: silhouette::DEFAULT_MAX_BARS,
        sizes: Vec::new(),
    }
}

pub const FEATURES: [&str; 9] = [
    "recency_days",
    "orders",
    "total_spend",
    "avg_basket_value",
    "share_of_discounted_orders",
    "distinct_categories",
    "returns_rate",
    "tenure_months",
    "newsletter_opened_last_quarter",
];

pub fn segments() -> Vec<(i32, String)> {
    NAMES.iter().enumerate().map(|(i, n)| (i as i32, n.to_string())).collect()
}

pub fn profile() -> heatmap::HeatmapSpec {
    let features: Vec<String> = FEATURES.iter().map(|s| s.to_string()).collect();
    let z = (0..5 * 9).map(|i| (noise(i * 3) - 0.5) * 6.0).collect();
    heatmap::profile("Segment profiles (z-scores)", &segments(), &features, z)
}

pub fn correlation() -> heatmap::HeatmapSpec {
    let n = 12;
    let names: Vec<String> = (0..n).map(|i| format!("{}_{i}", FEATURES[i % 9])).collect();
    let mut r = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let v = if i == j { 1.0 } else { (noise(i * 31 + j) - 0.5) * 1.6 };
            r[i * n + j] = v;
            r[j * n + i] = v;
        }
    }
    heatmap::correlation("Feature correlations", &names, r)
}

pub fn boxes() -> boxplot::BoxPlotSpec {
    let groups = (0..5)
        .map(|s| {
            let values: Vec<f64> = (0..2_000)
                .map(|i| (40.0 + 30.0 * s as f64) * (-(1.0 - noise(i * 5 + s)).ln()) + 5.0)
                .collect();
            boxplot::BoxGroup {
                segment: s as i32,
                name: NAMES[s].into(),
                stats: boxplot::summarize(&values).unwrap(),
            }
        })
        .collect();
    boxplot::BoxPlotSpec {
        title: "Average basket value by segment".into(),
        value_label: "average basket value (€)".into(),
        groups,
        max_outliers: boxplot::DEFAULT_MAX_OUTLIERS,
    }
}

/// Links and leaves the way scipy lays them out, from merges (a, b, height) over `sizes.len()` leaves.
pub fn tree(sizes: &[usize], merges: &[(usize, usize, f64)], cut: f64) -> dendrogram::DendrogramSpec {
    let n = sizes.len();
    // Leaf order by depth-first walk from the root.
    fn order(node: usize, n: usize, merges: &[(usize, usize, f64)], out: &mut Vec<usize>) {
        if node < n {
            out.push(node);
        } else {
            let (a, b, _) = merges[node - n];
            order(a, n, merges, out);
            order(b, n, merges, out);
        }
    }
    let mut leaf_order = Vec::new();
    order(n + merges.len() - 1, n, merges, &mut leaf_order);
    let mut x = vec![0.0; n + merges.len()];
    let mut h = vec![0.0; n + merges.len()];
    for (pos, &leaf) in leaf_order.iter().enumerate() {
        x[leaf] = 5.0 + 10.0 * pos as f64;
    }
    // Segments: clusters formed below the cut, numbered by leaf order.
    let mut seg: Vec<Option<i32>> = vec![None; n + merges.len()];
    let mut next = 0;
    fn mark(node: usize, n: usize, merges: &[(usize, usize, f64)], s: i32, seg: &mut Vec<Option<i32>>) {
        seg[node] = Some(s);
        if node >= n {
            let (a, b, _) = merges[node - n];
            mark(a, n, merges, s, seg);
            mark(b, n, merges, s, seg);
        }
    }
    fn assign(
        node: usize,
        n: usize,
        merges: &[(usize, usize, f64)],
        cut: f64,
        next: &mut i32,
        seg: &mut Vec<Option<i32>>,
    ) {
        if node < n || merges[node - n].2 <= cut {
            mark(node, n, merges, *next, seg);
            *next += 1;
        } else {
            let (a, b, _) = merges[node - n];
            assign(a, n, merges, cut, next, seg);
            assign(b, n, merges, cut, next, seg);
        }
    }
    assign(n + merges.len() - 1, n, merges, cut, &mut next, &mut seg);
    let mut links = Vec::new();
    for (i, &(a, b, height)) in merges.iter().enumerate() {
        let id = n + i;
        x[id] = (x[a] + x[b]) / 2.0;
        h[id] = height;
        links.push(dendrogram::Link { left: (x[a], h[a]), right: (x[b], h[b]), height, segment: seg[id] });
    }
    let leaves = (0..n)
        .map(|i| dendrogram::Leaf { x: x[i], label: format!("({})", sizes[i]), segment: seg[i] })
        .collect();
    dendrogram::DendrogramSpec {
        title: "Hierarchical clustering (Ward)".into(),
        height_label: "merge distance (Ward)".into(),
        links,
        leaves,
        cut_height: Some(cut),
        cut_label: format!("cut at {cut} → {next} segments"),
    }
}

pub fn dendro() -> dendrogram::DendrogramSpec {
    let sizes = [123, 88, 240, 57, 310, 19, 75, 140, 66, 205, 31, 97];
    let merges = [
        (0, 1, 2.0),
        (2, 3, 2.5),
        (4, 5, 1.8),
        (6, 7, 3.1),
        (8, 9, 2.2),
        (10, 11, 1.5),
        (12, 13, 4.0),
        (14, 15, 4.6),
        (16, 17, 3.9),
        (18, 19, 9.5),
        (20, 21, 14.0),
    ];
    tree(&sizes, &merges, 7.0)
}

pub fn kdist() -> kdistance::KDistanceSpec {
    let n = 400;
    let points: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let t = i as f64 / (n - 1) as f64;
            (t * 12_000.0, 0.15 + 0.35 * t + 0.8 * (t - 0.9).max(0.0) * 10.0 * (t - 0.9).max(0.0) * 10.0)
        })
        .collect();
    let knee = points[364];
    kdistance::KDistanceSpec { title: "Choosing eps".into(), k: 5, points, knee: Some(knee), eps: Some(0.5) }
}

pub fn weights_spec() -> weights::WeightsSpec {
    let w = [0.31, 0.24, 0.18, 0.12, 0.09, 0.035, 0.012, 0.006, 0.004, 0.002, 0.001];
    weights::WeightsSpec {
        title: "Mixture component weights".into(),
        components: w
            .iter()
            .enumerate()
            .map(|(i, &weight)| weights::Component {
                label: format!("{}", i + 1),
                weight,
                segment: (weight >= 0.01).then_some(i as i32),
            })
            .collect(),
        threshold: 0.01,
        sorted: true,
    }
}

pub fn importance_spec() -> importance::ImportanceSpec {
    let scores = [0.42, 0.35, 0.28, 0.21, 0.12, 0.07, 0.03, 0.01, -0.005];
    importance::ImportanceSpec {
        title: "Which features separate the segments".into(),
        score_label: "permutation importance (drop in silhouette)".into(),
        items: FEATURES
            .iter()
            .zip(scores)
            .enumerate()
            .map(|(i, (f, s))| importance::Importance {
                feature: f.to_string(),
                score: s,
                error: Some(0.01 + 0.02 * noise(i)),
                suggested_drop: s < 0.05,
            })
            .collect(),
        sorted: true,
        max_items: 30,
    }
}

pub fn rfm_counts() -> rfm::RfmCountsSpec {
    let names = [
        "Champions",
        "Loyal",
        "Potential loyalist",
        "New",
        "Promising",
        "Need attention",
        "About to sleep",
        "At risk",
        "Can't lose them",
        "Hibernating",
        "Lost",
    ];
    let counts = [1820.0, 2410.0, 1530.0, 420.0, 380.0, 760.0, 1110.0, 2050.0, 310.0, 2890.0, 3110.0];
    rfm::RfmCountsSpec {
        title: "Customers per RFM segment".into(),
        counts: names.iter().map(|s| s.to_string()).zip(counts).collect(),
    }
}

pub fn rfm_grid() -> rfm::RfmGridSpec {
    let counts = (0..25).map(|i| (80.0 + 1500.0 * noise(i * 11)).round()).collect();
    let mean_monetary = (0..25).map(|i| 20.0 + 40.0 * (i % 5) as f64 + 300.0 * noise(i + 3)).collect();
    rfm::RfmGridSpec { title: "Recency × frequency".into(), counts, mean_monetary, currency: "€".into() }
}

pub fn clv_values() -> Vec<f64> {
    (0..20_000).map(|i| if i % 9 == 0 { 0.0 } else { 30.0 * (-(1.0 - noise(i)).ln()).powf(2.2) }).collect()
}

pub fn clv_hist() -> clv::ClvHistogramSpec {
    clv::ClvHistogramSpec {
        title: "Predicted customer lifetime value".into(),
        values: clv_values(),
        value_label: "predicted CLV, next 12 months (€)".into(),
        bins: 40,
        log_x: true,
    }
}

pub fn alive() -> clv::AliveSpec {
    let value = clv_values();
    let p_alive = (0..value.len()).map(|i| (noise(i * 7 + 1).powf(0.6)).min(1.0)).collect();
    clv::AliveSpec {
        title: "Who might be slipping away".into(),
        p_alive,
        value,
        value_label: "past spend (€)".into(),
        alive_threshold: 0.3,
        value_threshold: 100.0,
        log_x: true,
        max_points: 5_000,
    }
}

pub fn shares() -> drift::ShareShiftSpec {
    let train = [0.19, 0.42, 0.09, 0.22, 0.08];
    let scored = [0.16, 0.45, 0.13, 0.20, 0.06];
    drift::ShareShiftSpec {
        title: "Segment shares: training vs scored file".into(),
        rows: (0..5)
            .map(|i| drift::ShareRow {
                segment: i as i32,
                name: NAMES[i].into(),
                training: train[i],
                scored: scored[i],
            })
            .collect(),
    }
}

pub fn psi() -> drift::PsiSpec {
    let v = [0.02, 0.31, 0.12, 0.05, 0.08, 0.27, 0.01, 0.15, 0.04];
    drift::PsiSpec {
        title: "Feature drift".into(),
        features: FEATURES.iter().map(|s| s.to_string()).zip(v).collect(),
        moderate: 0.1,
        major: 0.25,
        sorted: true,
    }
}

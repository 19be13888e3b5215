//! Every chart of the dashboard, built from a report. Segments are drawn in their stable colour (the profile's
//! colour index), so a segment keeps its colour across re-runs and in every chart.

use crate::charts::{
    bars, boxplot, clv, dendrogram, heatmap, importance, kdistance, ksweep, rfm, scatter, silhouette,
    weights, ChartSpec,
};
use crate::engine::choose_k::KSweep;
use crate::engine::cluster::NOISE;
use crate::engine::pipeline::Report;

/// The colour index of segment `label` (−1 stays −1 = noise grey).
pub fn colour_of(report: &Report, label: i32) -> i32 {
    if label == NOISE {
        return NOISE;
    }
    report.profiles.segment(label).and_then(|s| s.colour).map(|c| c as i32).unwrap_or(label)
}

/// Customers in segment `label` (None when the profiles do not list it).
fn size_of(report: &Report, label: i32) -> Option<usize> {
    report.profiles.segment(label).map(|s| s.size)
}

/// Segment name of `label`.
pub fn name_of(report: &Report, label: i32) -> String {
    crate::engine::pipeline::export::segment_name(report, label)
}

/// Segments in display order: (label, name, colour index).
pub fn segments(report: &Report) -> Vec<(i32, String, i32)> {
    report.profiles.segments.iter().map(|s| (s.label, s.name.clone(), colour_of(report, s.label))).collect()
}

/// Dots the map draws at most; beyond it the map shades the density of everyone (issue 8).
pub const MAP_MAX_DOTS: usize = 50_000;

/// The segment map on axes `x` and `y` (indices into `report.map.axes`): the shown customers as dots, and when
/// they are a sample, the density of every clustered customer shaded underneath.
pub fn map(report: &Report, x: usize, y: usize) -> ChartSpec {
    let axis = |i: usize| report.map.axes.get(i).cloned().unwrap_or_default();
    let ((x_label, xs), (y_label, ys)) = (axis(x), axis(y));
    let dots = report.map.labels.len().min(MAP_MAX_DOTS);
    let title = if dots < report.map.n_total {
        format!(
            "Segment map: {} of {} customers as dots",
            crate::charts::format::fmt_count(dots),
            crate::charts::format::fmt_count(report.map.n_total)
        )
    } else {
        "Segment map".to_string()
    };
    ChartSpec::Scatter(scatter::ScatterSpec {
        title,
        x_label,
        y_label,
        x: xs,
        y: ys,
        labels: report.map.labels.iter().map(|&l| colour_of(report, l)).collect(),
        legend: segments(report).into_iter().map(|(_, name, c)| (c, name)).collect(),
        max_points: MAP_MAX_DOTS,
        density: super::density::grid(report, x, y),
    })
}

/// Customers per segment.
pub fn sizes(report: &Report) -> ChartSpec {
    ChartSpec::Bars(bars::BarSpec {
        title: "Segment sizes".into(),
        value_label: "customers".into(),
        bars: report
            .profiles
            .segments
            .iter()
            .map(|s| bars::Bar {
                label: s.name.clone(),
                value: s.size as f64,
                segment: colour_of(report, s.label),
            })
            .collect(),
    })
}

/// Elbow, silhouette, Calinski–Harabasz, Davies–Bouldin, BIC, gap and stability against k.
pub fn ksweep(sweep: &KSweep) -> Option<ChartSpec> {
    let a = sweep.algorithms.first()?;
    let ks: Vec<usize> = a.scores.iter().map(|s| s.k).collect();
    let metric =
        |name: &str, direction, values: Vec<Option<f64>>, errors: Vec<Option<f64>>, pick: Option<usize>| {
            // a mean ARI is at most 1: its ± sd bar stops there (it ran to 1.2)
            let ceiling = name.starts_with("Stability").then_some(1.0);
            ksweep::Metric { name: name.into(), direction, values, errors, pick, ceiling }
        };
    let none = || vec![None; ks.len()];
    let mut metrics = vec![metric(
        "Inertia (elbow)",
        ksweep::Direction::Elbow,
        a.scores.iter().map(|s| Some(s.inertia)).collect(),
        none(),
        a.picks.elbow,
    )];
    metrics.push(metric(
        "Silhouette",
        ksweep::Direction::HigherIsBetter,
        a.scores.iter().map(|s| s.silhouette).collect(),
        none(),
        a.picks.silhouette,
    ));
    if a.scores.iter().any(|s| s.bic.is_some()) {
        metrics.push(metric(
            "BIC",
            ksweep::Direction::LowerIsBetter,
            a.scores.iter().map(|s| s.bic).collect(),
            none(),
            a.picks.bic,
        ));
    }
    if a.scores.iter().any(|s| s.stability.is_some()) {
        metrics.push(metric(
            "Stability (mean ARI)",
            ksweep::Direction::HigherIsBetter,
            a.scores.iter().map(|s| s.stability).collect(),
            a.scores.iter().map(|s| s.stability_sd).collect(),
            a.picks.stability,
        ));
    }
    if a.scores.iter().any(|s| s.gap.is_some()) {
        metrics.push(metric(
            "Gap statistic",
            ksweep::Direction::HigherIsBetter,
            a.scores.iter().map(|s| s.gap).collect(),
            a.scores.iter().map(|s| s.gap_se).collect(),
            a.picks.gap,
        ));
    }
    metrics.push(metric(
        "Calinski–Harabasz",
        ksweep::Direction::HigherIsBetter,
        a.scores.iter().map(|s| s.calinski_harabasz).collect(),
        none(),
        a.picks.calinski_harabasz,
    ));
    metrics.push(metric(
        "Davies–Bouldin",
        ksweep::Direction::LowerIsBetter,
        a.scores.iter().map(|s| s.davies_bouldin).collect(),
        none(),
        a.picks.davies_bouldin,
    ));
    Some(ChartSpec::KSweep(ksweep::KSweepSpec {
        title: format!("Choosing k ({})", a.algorithm),
        ks,
        metrics,
        suggested: Some(sweep.suggestion.k),
    }))
}

/// The silhouette plot by segment.
pub fn silhouette(report: &Report) -> Option<ChartSpec> {
    let plot = report.silhouette_plot.as_ref()?;
    let mut values = Vec::new();
    let mut labels = Vec::new();
    for (segment, v) in &plot.segments {
        values.extend(v.iter().copied());
        labels.extend(std::iter::repeat_n(colour_of(report, *segment), v.len()));
    }
    let named: Vec<(i32, String)> =
        plot.segments.iter().map(|(s, _)| (colour_of(report, *s), name_of(report, *s))).collect();
    let title = match report.metrics.silhouette_sample {
        Some(n) => format!("Silhouette by segment (sample of {n})"),
        None => "Silhouette by segment".to_string(),
    };
    Some(ChartSpec::Silhouette(silhouette::SilhouetteSpec {
        title,
        values,
        labels,
        segments: named,
        mean: Some(plot.mean),
        max_bars: silhouette::DEFAULT_MAX_BARS,
        // the plot keeps at most a few thousand quantiles of a segment; its label gives its size
        sizes: plot.segments.iter().map(|(s, v)| size_of(report, *s).unwrap_or(v.len())).collect(),
    }))
}

/// Segments × features, coloured by z-score.
pub fn profile_heatmap(report: &Report) -> Option<ChartSpec> {
    let first = report.profiles.segments.iter().find(|s| s.label != NOISE)?;
    let features: Vec<String> = first.numeric.iter().map(|n| n.feature.clone()).collect();
    if features.is_empty() {
        return None;
    }
    let rows: Vec<_> = report.profiles.segments.iter().filter(|s| s.label != NOISE).collect();
    let named: Vec<(i32, String)> =
        rows.iter().map(|s| (colour_of(report, s.label), s.name.clone())).collect();
    let z: Vec<f64> = rows
        .iter()
        .flat_map(|s| {
            features.iter().map(move |f| {
                s.numeric.iter().find(|n| &n.feature == f).and_then(|n| n.z).unwrap_or(f64::NAN)
            })
        })
        .collect();
    Some(ChartSpec::Heatmap(heatmap::profile(
        "Segment profiles (z-scores against all customers)",
        &named,
        &features,
        z,
    )))
}

/// Correlation between the prepared features.
pub fn correlation(report: &Report) -> Option<ChartSpec> {
    let r = report.correlation.as_ref()?;
    Some(ChartSpec::Heatmap(heatmap::correlation(
        "Feature correlation (Pearson r)",
        &report.features,
        r.concat(),
    )))
}

/// Box plots of `feature` by segment.
pub fn boxplot(report: &Report, feature: &str) -> Option<ChartSpec> {
    let fb = report.boxes.iter().find(|b| b.feature == feature)?;
    let groups = fb
        .boxes
        .iter()
        .map(|b| boxplot::BoxGroup {
            segment: colour_of(report, b.segment),
            name: name_of(report, b.segment),
            stats: boxplot::BoxStats {
                n: b.n,
                n_missing: 0,
                q1: b.q1,
                median: b.median,
                q3: b.q3,
                whisker_low: b.low_whisker,
                whisker_high: b.high_whisker,
                mean: b.mean,
                n_outliers: b.outliers.len(),
                outliers: b.outliers.clone(),
            },
        })
        .collect();
    Some(ChartSpec::BoxPlot(boxplot::BoxPlotSpec {
        title: format!("{feature} by segment"),
        value_label: feature.to_string(),
        groups,
        max_outliers: 200,
    }))
}

/// The dendrogram of the last merges with the cut line.
pub fn dendrogram(report: &Report) -> Option<ChartSpec> {
    let d = report.extras.dendrogram.as_ref()?;
    let links = d
        .links
        .iter()
        .map(|l| dendrogram::Link {
            left: (l.x[0], l.y[0]),
            right: (l.x[3], l.y[3]),
            height: l.y[1],
            segment: None,
        })
        .collect();
    let leaves = d
        .leaves
        .iter()
        .map(|l| dendrogram::Leaf {
            x: l.x,
            label: if l.leaves > 1 { format!("({})", l.rows) } else { format!("{}", l.node) },
            segment: None,
        })
        .collect();
    let cut_label = match report.extras.cut_height {
        Some(h) => format!("cut at {h:.3} → {} segments", report.n_clusters),
        None => String::new(),
    };
    Some(ChartSpec::Dendrogram(dendrogram::DendrogramSpec {
        title: "Dendrogram (last merges)".into(),
        height_label: "merge distance".into(),
        links,
        leaves,
        cut_height: report.extras.cut_height,
        cut_label,
    }))
}

/// DBSCAN's k-distance curve with its knee and the current eps.
pub fn kdistance(report: &Report) -> Option<ChartSpec> {
    let c = report.extras.k_distance.as_ref()?;
    let eps = match &report.config.algorithm {
        crate::engine::pipeline::AlgorithmConfig::Dbscan(p) => Some(p.eps),
        _ => None,
    };
    Some(ChartSpec::KDistance(kdistance::KDistanceSpec {
        title: format!("Distance to the {}th nearest neighbour", c.min_samples),
        k: c.min_samples,
        points: c.points.iter().map(|&(i, d)| (i as f64, d)).collect(),
        knee: c.knee.map(|(i, d)| (i as f64, d)),
        eps,
    }))
}

/// Mixture component weights.
pub fn weights(report: &Report) -> Option<ChartSpec> {
    let w = report.extras.weights.as_ref()?;
    let components = w
        .iter()
        .enumerate()
        .map(|(i, &weight)| {
            let label = i as i32;
            let used = report.profiles.segment(label).is_some();
            weights::Component {
                label: if used { name_of(report, label) } else { format!("component {}", i + 1) },
                weight,
                segment: used.then(|| colour_of(report, label)),
            }
        })
        .collect();
    Some(ChartSpec::Weights(weights::WeightsSpec {
        title: "Mixture component weights".into(),
        components,
        threshold: 0.01,
        sorted: false,
    }))
}

/// How much each feature separates the segments: permutation importance when measured, else η².
pub fn importance(report: &Report) -> Option<ChartSpec> {
    let s = report.selection.as_ref()?;
    let use_perm = s.features.iter().any(|f| f.permutation_importance.is_some());
    let items = s
        .features
        .iter()
        .filter_map(|f| {
            let (score, error) = if use_perm {
                let p = f.permutation_importance.as_ref()?;
                (p.mean, Some(p.std))
            } else {
                (f.eta_squared?, None)
            };
            Some(importance::Importance {
                feature: f.name.clone(),
                score,
                error,
                suggested_drop: matches!(f.action, crate::engine::features::selection::Action::Drop),
            })
        })
        .collect();
    let score_label =
        if use_perm { "drop in accuracy when shuffled" } else { "η² (share of variance between segments)" };
    Some(ChartSpec::Importance(importance::ImportanceSpec {
        title: "Feature importance".into(),
        score_label: score_label.into(),
        items,
        sorted: true,
        max_items: 30,
    }))
}

/// Named RFM segments and the R × F grid.
pub fn rfm_charts(report: &Report) -> Option<(ChartSpec, ChartSpec)> {
    let t = report.transactions.as_ref()?;
    let counts = t.rfm.segments.iter().map(|c| (c.label.clone(), c.customers as f64)).collect();
    let grid = &t.rfm.grid;
    let flat = |f: &dyn Fn(usize, usize) -> f64| {
        (0..5).flat_map(|r| (0..5).map(move |c| (r, c))).map(|(r, c)| f(r, c)).collect::<Vec<f64>>()
    };
    Some((
        ChartSpec::RfmCounts(rfm::RfmCountsSpec { title: "RFM segments".into(), counts }),
        ChartSpec::RfmGrid(rfm::RfmGridSpec {
            title: "Recency × frequency scores".into(),
            counts: flat(&|r, c| grid.counts[r][c] as f64),
            mean_monetary: flat(&|r, c| grid.mean_monetary[r][c].unwrap_or(f64::NAN)),
            currency: String::new(),
        }),
    ))
}

/// CLV histogram and P(alive) against past value, with the at-risk thresholds.
pub fn lifetime_charts(report: &Report) -> Option<(Option<ChartSpec>, ChartSpec)> {
    let l = report.transactions.as_ref()?.lifetime.as_ref()?;
    let clv: Vec<f64> = l.values.iter().filter_map(|v| v.clv).collect();
    let histogram = (!clv.is_empty()).then(|| {
        ChartSpec::ClvHistogram(clv::ClvHistogramSpec {
            title: format!("Customer lifetime value, next {} months", l.clv.months),
            values: clv,
            value_label: "CLV (discounted)".into(),
            bins: 30,
            log_x: true,
        })
    });
    let (alive_threshold, value_threshold) = match &l.at_risk {
        Some(a) => (at_risk_params(report).p_alive_below, a.value_threshold.unwrap_or(f64::NAN)),
        None => (0.5, f64::NAN),
    };
    // The value axis is the at-risk list's value basis, so its threshold line is in the axis's units.
    let by_clv = at_risk_params(report).value_basis == crate::engine::lifetime::ValueBasis::Clv;
    let alive = ChartSpec::Alive(clv::AliveSpec {
        title: format!("Who is at risk: P(alive) against {}", if by_clv { "CLV" } else { "past value" }),
        p_alive: l.values.iter().map(|v| v.p_alive).collect(),
        value: l
            .values
            .iter()
            .map(|v| if by_clv { v.clv.unwrap_or(f64::NAN) } else { v.past_value })
            .collect(),
        value_label: if by_clv { "CLV (discounted)" } else { "past value (total spend)" }.into(),
        alive_threshold,
        value_threshold,
        log_x: true,
        max_points: 5_000,
    });
    Some((histogram, alive))
}

/// The at-risk list's settings.
fn at_risk_params(report: &Report) -> crate::engine::lifetime::AtRiskParams {
    match &report.config.mode {
        crate::engine::pipeline::DataMode::Transactions(t) => t.at_risk,
        _ => crate::engine::lifetime::AtRiskParams::default(),
    }
}

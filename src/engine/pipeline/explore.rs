//! Data for exploring segments: the 2-D map (PCA or t-SNE, thinned for drawing, with feature axes and ids for
//! hover, and every customer binned for density shading when thinned), box plots of each feature by segment,
//! and the feature correlation matrix.

use super::config::{MapConfig, MapMethod};
use super::map_sample::stratified;
use super::report::{AxisBins, BoxStats, FeatureBoxes, MapDensity, MapReport};
use crate::engine::embed::tsne::{TsneError, TsneParams, MAX_ROWS as TSNE_MAX_ROWS};
use crate::engine::embed::{bins, Pca};
use crate::engine::features::selection::pearson_matrix;
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::table::{ColumnData, ColumnRole, Table};
use ndarray::ArrayView2;

/// Outlier dots kept per box.
const MAX_BOX_OUTLIERS: usize = 200;
/// Principal components offered as map axes.
const MAP_COMPONENTS: usize = 3;

/// Evenly spaced indices `0..n`, at most `max` of them (all when `n <= max`).
pub fn thin(n: usize, max: usize) -> Vec<usize> {
    if n <= max {
        return (0..n).collect();
    }
    (0..max).map(|i| i * n / max).collect()
}

/// The map of the prepared matrix `x` (rows = clustered customers), thinned to `config.max_points`: t-SNE
/// axes first when asked for (on at most t-SNE's row cap of customers, sampled by segment), then the principal
/// components, then every numeric feature in original units. `rows[i]` is the customer-table row of matrix
/// row i; `table` supplies feature axes and ids. When the map shows only some of the customers, every one of
/// them is also binned on each axis (`MapReport::density`) so the UI can shade where all of them are. Only a
/// cancel is an error; a t-SNE that cannot run leaves the PCA map and a note saying why.
pub fn map(
    x: ArrayView2<f64>,
    labels: &[i32],
    rows: &[usize],
    table: &Table,
    config: &MapConfig,
    seed: u64,
    monitor: &mut dyn Monitor,
) -> Result<MapReport, Cancelled> {
    let tsne = config.method == MapMethod::Tsne;
    let (points, tsne_note) = map_points(labels, config, seed);
    let sampled = points.len() < x.nrows();
    let mut report = MapReport {
        n_total: x.nrows(),
        labels: points.iter().map(|&i| labels[i]).collect(),
        default_axes: (0, 1),
        ..MapReport::default()
    };
    // Every customer on each axis, for the density shading (only when the map shows a sample).
    let mut all: Vec<Option<Vec<f32>>> = Vec::new();
    if tsne {
        tsne_axes(x, &points, seed, monitor, &mut report)?;
        report.notes.extend(tsne_note);
        all.resize(report.axes.len(), None);
    }
    match Pca::fit(x, MAP_COMPONENTS) {
        Ok(pca) => {
            let sample =
                ndarray::Array2::from_shape_fn((points.len(), x.ncols()), |(i, j)| x[[points[i], j]]);
            let projected = pca.transform(sample.view());
            let everyone = sampled.then(|| pca.transform(x));
            for c in 0..projected.ncols() {
                let share = pca.explained_variance_ratio[c] * 100.0;
                let name = format!("PC{} ({share:.0}% of variance)", c + 1);
                report.axes.push((name, projected.column(c).iter().map(|&v| v as f32).collect()));
                all.push(everyone.as_ref().map(|e| e.column(c).iter().map(|&v| v as f32).collect()));
            }
            if projected.ncols() == 1 {
                report.axes.push(("(one feature only)".into(), vec![0.0; points.len()]));
                all.push(sampled.then(|| vec![0.0; x.nrows()]));
            }
        }
        Err(e) => report.notes.push(format!("No PCA map: {e}.")),
    }
    for column in table.columns.iter().filter(|c| c.role == ColumnRole::Feature) {
        if let ColumnData::Numbers(values) = &column.data {
            let axis = points.iter().map(|&i| values[rows[i]] as f32).collect();
            report.axes.push((column.name.clone(), axis));
            all.push(sampled.then(|| rows.iter().map(|&r| values[r] as f32).collect()));
        }
    }
    if let Some(id) = table.columns.iter().find(|c| c.role == ColumnRole::Id) {
        report.ids = Some(points.iter().map(|&i| id.display(rows[i])).collect());
    }
    if sampled {
        if monitor.cancelled() {
            return Err(Cancelled);
        }
        let density = density(all, x.nrows(), DENSITY_MAX_CODES);
        let shaded = density.axes.iter().flatten().count();
        report.notes.push(format!(
            "The map draws {} of {} customers as dots (a sample in proportion to the segments); the shading \
             under them counts all of them. Every chart and table uses all of them.",
            points.len(),
            x.nrows()
        ));
        let binnable = report.axes.len() - report.axes.iter().filter(|(n, _)| n.starts_with("t-SNE")).count();
        if shaded < binnable {
            report.notes.push(format!(
                "Density shading is kept to the first {shaded} axes (at most {DENSITY_MAX_CODES} binned values)."
            ));
        }
        report.density = Some(density);
    }
    report.points = points;
    Ok(report)
}

/// Binned values (one byte each) kept for the map's density shading: axes past this many in all get none.
pub const DENSITY_MAX_CODES: usize = 16 << 20;

/// Bins every customer on each axis that has all of them, in axis order, while `max_codes` allow.
fn density(all: Vec<Option<Vec<f32>>>, n: usize, max_codes: usize) -> MapDensity {
    let mut budget = max_codes;
    let axes = all
        .into_iter()
        .map(|values| {
            let values = values.filter(|_| budget >= n)?;
            budget -= n;
            let b = bins::bin(&values);
            Some(AxisBins { lo: b.lo, hi: b.hi, codes: b.codes })
        })
        .collect();
    MapDensity { axes }
}

/// The customers the map shows (at most `config.max_points`, and at most t-SNE's row cap for a t-SNE map: a
/// seeded sample stratified by segment, see `map_sample`), and the note to show when t-SNE's cap is what
/// thinned them.
fn map_points(labels: &[i32], config: &MapConfig, seed: u64) -> (Vec<usize>, Option<String>) {
    let n = labels.len();
    if config.method == MapMethod::Tsne && n > TSNE_MAX_ROWS && config.max_points > TSNE_MAX_ROWS {
        let note = format!(
            "t-SNE runs on at most {TSNE_MAX_ROWS} customers, so the map shows {TSNE_MAX_ROWS} of them (a \
             sample in proportion to the segments)."
        );
        return (stratified(labels, TSNE_MAX_ROWS, seed), Some(note));
    }
    (stratified(labels, config.max_points, seed), None)
}

/// Adds the axes "t-SNE 1" and "t-SNE 2" for the shown customers (scikit-learn's defaults, perplexity
/// lowered for tiny data since it must stay below the row count), or a note when t-SNE cannot run.
fn tsne_axes(
    x: ArrayView2<f64>,
    points: &[usize],
    seed: u64,
    monitor: &mut dyn Monitor,
    report: &mut MapReport,
) -> Result<(), Cancelled> {
    let sample = ndarray::Array2::from_shape_fn((points.len(), x.ncols()), |(i, j)| x[[points[i], j]]);
    let perplexity = 30f64.min((points.len().saturating_sub(1) as f64 / 3.0).max(1.0));
    match TsneParams::default().with_perplexity(perplexity).with_seed(seed).fit(sample.view(), monitor) {
        Ok(t) => {
            let e = t.embedding();
            for c in 0..e.ncols() {
                report
                    .axes
                    .push((format!("t-SNE {}", c + 1), e.column(c).iter().map(|&v| v as f32).collect()));
            }
            Ok(())
        }
        Err(TsneError::Cancelled(c)) => Err(c),
        Err(e) => {
            report.notes.push(format!("No t-SNE map ({e}); showing principal components instead."));
            Ok(())
        }
    }
}

/// Linear-interpolation quantile (numpy's default) of `values` in any order, by selection (reordered).
fn quantile(values: &mut [f64], q: f64) -> f64 {
    let pos = q * (values.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let (a, b) = crate::engine::prep::stats::ordered_pair(values, lo);
    if pos.ceil() as usize == lo {
        a
    } else {
        a + (b - a) * (pos - lo as f64)
    }
}

/// Box statistics of `values` (NaN skipped); `None` when there is no value. The quartiles come by selection,
/// not a sort (see [`crate::engine::prep::stats::ordered_pair`]); the values beyond the whiskers are sorted.
pub fn box_stats(segment: i32, values: &mut Vec<f64>) -> Option<BoxStats> {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return None;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let (q1, median, q3) = (quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75));
    let iqr = q3 - q1;
    let (lo_fence, hi_fence) = (q1 - 1.5 * iqr, q3 + 1.5 * iqr);
    let smallest =
        |keep: &dyn Fn(f64) -> bool| values.iter().copied().filter(|&v| keep(v)).min_by(f64::total_cmp);
    let largest =
        |keep: &dyn Fn(f64) -> bool| values.iter().copied().filter(|&v| keep(v)).max_by(f64::total_cmp);
    let low_whisker = smallest(&|v| v >= lo_fence).unwrap_or(q1);
    let high_whisker = largest(&|v| v <= hi_fence).unwrap_or(q3);
    let (min, max) = (smallest(&|_| true).unwrap_or(q1), largest(&|_| true).unwrap_or(q3));
    let mut beyond: Vec<f64> = values.iter().copied().filter(|&v| v < lo_fence || v > hi_fence).collect();
    beyond.sort_by(f64::total_cmp);
    let outliers = thin(beyond.len(), MAX_BOX_OUTLIERS).into_iter().map(|i| beyond[i]).collect();
    Some(BoxStats {
        segment,
        min,
        q1,
        median,
        q3,
        max,
        mean,
        low_whisker,
        high_whisker,
        outliers,
        n: values.len(),
    })
}

/// Box plots of every numeric feature column (original units) by segment.
pub fn boxes(table: &Table, rows: &[usize], labels: &[i32]) -> Vec<FeatureBoxes> {
    let segments: std::collections::BTreeSet<i32> = labels.iter().copied().collect();
    table
        .columns
        .iter()
        .filter(|c| c.role == ColumnRole::Feature)
        .filter_map(super::shown_values::shown_values)
        .map(|(feature, values)| {
            let boxes = segments
                .iter()
                .filter_map(|&s| {
                    let mut v: Vec<f64> =
                        rows.iter().zip(labels).filter(|(_, &l)| l == s).map(|(&r, _)| values[r]).collect();
                    box_stats(s, &mut v)
                })
                .collect();
            FeatureBoxes { feature, boxes }
        })
        .collect()
}

/// Pearson correlation between the prepared features (`None` for fewer than 2 features or rows).
pub fn correlation(x: ArrayView2<f64>) -> Option<Vec<Vec<f64>>> {
    if x.ncols() < 2 || x.nrows() < 2 {
        return None;
    }
    let r = pearson_matrix(x);
    Some(r.outer_iter().map(|row| row.to_vec()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_stats_match_numpy_percentiles() {
        let mut v = vec![1.0, 2.0, 3.0, 4.0, 100.0, f64::NAN];
        let b = box_stats(0, &mut v).unwrap();
        assert_eq!((b.q1, b.median, b.q3), (2.0, 3.0, 4.0));
        assert_eq!((b.low_whisker, b.high_whisker), (1.0, 4.0));
        assert_eq!(b.outliers, vec![100.0]);
        assert_eq!(b.n, 5);
        assert!(box_stats(0, &mut vec![f64::NAN]).is_none());
    }

    #[test]
    fn tsne_cap_thins_the_map_and_says_so() {
        let tsne = MapConfig { method: MapMethod::Tsne, max_points: 50_000 };
        let labels = |n: usize| (0..n).map(|i| (i % 3) as i32).collect::<Vec<_>>();
        let (points, note) = map_points(&labels(TSNE_MAX_ROWS + 500), &tsne, 0);
        assert_eq!(points.len(), TSNE_MAX_ROWS);
        assert!(note.unwrap().contains("at most 10000 customers"));
        let (points, note) = map_points(&labels(TSNE_MAX_ROWS), &tsne, 0);
        assert_eq!((points.len(), note), (TSNE_MAX_ROWS, None));
        let small = MapConfig { method: MapMethod::Tsne, max_points: 300 };
        assert_eq!(map_points(&labels(20_000), &small, 0).0.len(), 300, "the user's own cap is not t-SNE's");
        let pca = MapConfig { method: MapMethod::Pca, max_points: 50_000 };
        assert_eq!(map_points(&labels(20_000), &pca, 0), ((0..20_000).collect(), None));
    }

    #[test]
    fn density_bins_the_axes_that_have_everyone_until_the_cap() {
        let axis = |k: f32| Some((0..10).map(|i| i as f32 * k).collect::<Vec<_>>());
        let d = density(vec![None, axis(1.0), axis(2.0), axis(3.0)], 10, 25);
        assert_eq!(d.axes.len(), 4, "one entry per map axis");
        assert!(d.axes[0].is_none(), "an axis of the shown customers only (t-SNE) has no density");
        let first = d.axes[1].as_ref().unwrap();
        assert_eq!((first.lo, first.hi, first.codes.len()), (0.0, 9.0, 10));
        assert_eq!(first.codes[9] as usize, bins::BINS - 1);
        assert_eq!(d.axes[2].as_ref().unwrap().hi, 18.0);
        assert!(d.axes[3].is_none(), "past the cap (25 codes for 3 × 10)");
    }

    #[test]
    fn thinning_keeps_order_and_bound() {
        assert_eq!(thin(3, 10), vec![0, 1, 2]);
        let t = thin(10, 4);
        assert_eq!(t, vec![0, 2, 5, 7]);
    }
}

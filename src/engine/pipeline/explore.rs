//! Data for exploring segments: the 2-D map (PCA or t-SNE, thinned for drawing, with feature axes and ids for
//! hover), box plots of each feature by segment, and the feature correlation matrix.

use super::config::{MapConfig, MapMethod};
use super::report::{BoxStats, FeatureBoxes, MapReport};
use crate::engine::embed::tsne::{TsneError, TsneParams, MAX_ROWS as TSNE_MAX_ROWS};
use crate::engine::embed::Pca;
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
/// axes first when asked for (on at most t-SNE's row cap of evenly spread customers), then the principal
/// components, then every numeric feature in original units. `rows[i]` is the customer-table row of matrix
/// row i; `table` supplies feature axes and ids. Only a cancel is an error; a t-SNE that cannot run leaves
/// the PCA map and a note saying why.
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
    let (points, tsne_note) = map_points(x.nrows(), config);
    let mut report = MapReport {
        n_total: x.nrows(),
        labels: points.iter().map(|&i| labels[i]).collect(),
        default_axes: (0, 1),
        ..MapReport::default()
    };
    if points.len() < x.nrows() {
        report.notes.push(format!(
            "The map shows {} of {} customers (evenly spread); every chart and table uses all of them.",
            points.len(),
            x.nrows()
        ));
    }
    if tsne {
        tsne_axes(x, &points, seed, monitor, &mut report)?;
        report.notes.extend(tsne_note);
    }
    match Pca::fit(x, MAP_COMPONENTS) {
        Ok(pca) => {
            let sample =
                ndarray::Array2::from_shape_fn((points.len(), x.ncols()), |(i, j)| x[[points[i], j]]);
            let projected = pca.transform(sample.view());
            for c in 0..projected.ncols() {
                let share = pca.explained_variance_ratio[c] * 100.0;
                let name = format!("PC{} ({share:.0}% of variance)", c + 1);
                report.axes.push((name, projected.column(c).iter().map(|&v| v as f32).collect()));
            }
            if projected.ncols() == 1 {
                report.axes.push(("(one feature only)".into(), vec![0.0; points.len()]));
            }
        }
        Err(e) => report.notes.push(format!("No PCA map: {e}.")),
    }
    for column in table.columns.iter().filter(|c| c.role == ColumnRole::Feature) {
        if let ColumnData::Numbers(values) = &column.data {
            let axis = points.iter().map(|&i| values[rows[i]] as f32).collect();
            report.axes.push((column.name.clone(), axis));
        }
    }
    if let Some(id) = table.columns.iter().find(|c| c.role == ColumnRole::Id) {
        report.ids = Some(points.iter().map(|&i| id.display(rows[i])).collect());
    }
    report.points = points;
    Ok(report)
}

/// The customers the map shows (evenly spread, at most `config.max_points`, and at most t-SNE's row cap for
/// a t-SNE map), and the note to show when t-SNE's cap is what thinned them.
fn map_points(n: usize, config: &MapConfig) -> (Vec<usize>, Option<String>) {
    if config.method == MapMethod::Tsne && n > TSNE_MAX_ROWS && config.max_points > TSNE_MAX_ROWS {
        let note = format!(
            "t-SNE runs on at most {TSNE_MAX_ROWS} customers, so the map shows {TSNE_MAX_ROWS} evenly spread ones."
        );
        return (thin(n, TSNE_MAX_ROWS), Some(note));
    }
    (thin(n, config.max_points), None)
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

/// Linear-interpolation quantile (numpy's default) of sorted values.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Box statistics of `values` (NaN skipped); `None` when there is no value.
pub fn box_stats(segment: i32, values: &mut Vec<f64>) -> Option<BoxStats> {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let (q1, median, q3) = (quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75));
    let iqr = q3 - q1;
    let (lo_fence, hi_fence) = (q1 - 1.5 * iqr, q3 + 1.5 * iqr);
    let low_whisker = values.iter().copied().find(|&v| v >= lo_fence).unwrap_or(q1);
    let high_whisker = values.iter().rev().copied().find(|&v| v <= hi_fence).unwrap_or(q3);
    let beyond: Vec<f64> = values.iter().copied().filter(|&v| v < lo_fence || v > hi_fence).collect();
    let outliers = thin(beyond.len(), MAX_BOX_OUTLIERS).into_iter().map(|i| beyond[i]).collect();
    Some(BoxStats {
        segment,
        min: values[0],
        q1,
        median,
        q3,
        max: values[values.len() - 1],
        mean: values.iter().sum::<f64>() / values.len() as f64,
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
        .filter_map(|c| c.numbers().map(|v| (c.name.clone(), v)))
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
        let (points, note) = map_points(TSNE_MAX_ROWS + 500, &tsne);
        assert_eq!(points.len(), TSNE_MAX_ROWS);
        assert!(note.unwrap().contains("at most 10000 customers"));
        let (points, note) = map_points(TSNE_MAX_ROWS, &tsne);
        assert_eq!((points.len(), note), (TSNE_MAX_ROWS, None));
        let small = MapConfig { method: MapMethod::Tsne, max_points: 300 };
        assert_eq!(map_points(20_000, &small).0.len(), 300, "the user's own cap is not t-SNE's");
        let pca = MapConfig { method: MapMethod::Pca, max_points: 50_000 };
        assert_eq!(map_points(20_000, &pca), ((0..20_000).collect(), None));
    }

    #[test]
    fn thinning_keeps_order_and_bound() {
        assert_eq!(thin(3, 10), vec![0, 1, 2]);
        let t = thin(10, 4);
        assert_eq!(t, vec![0, 2, 5, 7]);
    }
}

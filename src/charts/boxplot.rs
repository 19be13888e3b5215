//! Box plots of one feature by segment: quartile box, median, whiskers at the most extreme values within
//! 1.5 IQR of the box (matplotlib's rule), outliers as hollow dots (capped per box), in segment colours.
//! `summarize` turns raw values into the five numbers with numpy's default ("linear") quantiles.

use super::common::{self, anchored, text_style, vertical};
use super::{palette::segment_colour, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Outliers a `BoxStats` keeps (evenly thinned, extremes kept); `n_outliers` still counts all.
pub const MAX_KEPT_OUTLIERS: usize = 500;
/// Default cap on outlier dots drawn per box.
pub const DEFAULT_MAX_OUTLIERS: usize = 200;

/// The summary a box is drawn from.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxStats {
    /// Finite values summarised.
    pub n: usize,
    /// Values skipped because they were NaN or infinite.
    pub n_missing: usize,
    /// First quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
    /// Smallest value ≥ q1 − 1.5 IQR.
    pub whisker_low: f64,
    /// Largest value ≤ q3 + 1.5 IQR.
    pub whisker_high: f64,
    /// Mean of the finite values.
    pub mean: f64,
    /// Values beyond the whiskers, ascending (at most `MAX_KEPT_OUTLIERS`, extremes kept).
    pub outliers: Vec<f64>,
    /// How many values lie beyond the whiskers.
    pub n_outliers: usize,
}

/// The `p`-quantile (0..1) of ascending `sorted` by linear interpolation between closest ranks — numpy's
/// default `method="linear"`: h = (n − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). NaN when empty.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 || !p.is_finite() {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// `m` evenly spaced picks of `v` (first and last kept); all of it when short enough.
fn thin(v: &[f64], m: usize) -> Vec<f64> {
    if v.len() <= m {
        return v.to_vec();
    }
    if m < 2 {
        return v.first().copied().into_iter().take(m).collect();
    }
    (0..m).map(|j| v[j * (v.len() - 1) / (m - 1)]).collect()
}

/// Summarises raw values; NaN and ±inf are skipped (counted in `n_missing`). `None` when no finite
/// value is left.
pub fn summarize(values: &[f64]) -> Option<BoxStats> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let (q1, median, q3) = (quantile(&v, 0.25), quantile(&v, 0.5), quantile(&v, 0.75));
    let iqr = q3 - q1;
    let (lo_fence, hi_fence) = (q1 - 1.5 * iqr, q3 + 1.5 * iqr);
    let whisker_low = v.iter().copied().find(|&x| x >= lo_fence).unwrap_or(q1);
    let whisker_high = v.iter().rev().copied().find(|&x| x <= hi_fence).unwrap_or(q3);
    let out: Vec<f64> = v.iter().copied().filter(|&x| x < whisker_low || x > whisker_high).collect();
    // Summing in sorted order keeps the mean deterministic.
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    Some(BoxStats {
        n: v.len(),
        n_missing: values.len() - v.len(),
        q1,
        median,
        q3,
        whisker_low,
        whisker_high,
        mean,
        n_outliers: out.len(),
        outliers: thin(&out, MAX_KEPT_OUTLIERS),
    })
}

/// One box.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxGroup {
    /// Segment id, for the colour (−1 = noise).
    pub segment: i32,
    /// Display name.
    pub name: String,
    /// The box's summary.
    pub stats: BoxStats,
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxPlotSpec {
    /// Chart title.
    pub title: String,
    /// The feature with its unit ("total spend (€)").
    pub value_label: String,
    /// One box per segment, left to right.
    pub groups: Vec<BoxGroup>,
    /// Outlier dots drawn per box at most (evenly thinned, extremes kept).
    pub max_outliers: usize,
}

fn drawable(s: &BoxStats) -> bool {
    [s.q1, s.median, s.q3, s.whisker_low, s.whisker_high].iter().all(|v| v.is_finite())
}

/// Draws one box per group with finite quartiles; "No data" when there is none.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &BoxPlotSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let groups: Vec<&BoxGroup> = spec.groups.iter().filter(|g| drawable(&g.stats)).collect();
    if groups.is_empty() {
        return common::no_data(area, theme, &spec.title, "No segment has a value for this feature.");
    }
    let dots: Vec<Vec<f64>> = groups
        .iter()
        .map(|g| thin(&g.stats.outliers, spec.max_outliers).into_iter().filter(|v| v.is_finite()).collect())
        .collect();
    let all = groups
        .iter()
        .flat_map(|g| [g.stats.whisker_low, g.stats.whisker_high, g.stats.q1, g.stats.q3])
        .chain(dots.iter().flatten().copied());
    let (lo, hi) = common::finite_bounds(all).unwrap_or((0.0, 1.0));
    let y = common::padded(lo, hi, 0.06);
    let body = common::frame(area, theme, &spec.title, &[])?;
    let n = groups.len();
    // Name over "n = …" when both fit under the box, else one vertical line.
    let names: Vec<(String, String)> = groups
        .iter()
        .map(|g| (common::truncate(&g.name, 20), format!("n = {}", common::fmt_count(g.stats.n))))
        .collect();
    let widest = |f: &dyn Fn(&(String, String)) -> String| {
        names.iter().map(|s| common::text_width(theme, 11.0, &f(s))).max().unwrap_or(0)
    };
    let (w, _) = body.dim_in_pixel();
    let slot = (w as f64 - theme.px(90.0) as f64) / n as f64;
    let horizontal =
        widest(&|s| s.0.clone()).max(widest(&|s| s.1.clone())) as f64 + theme.px(8.0) as f64 <= slot;
    let longest = widest(&|s| format!("{} ({})", s.0, s.1)) as u32;
    let label_h = if horizontal { theme.px(40.0) } else { (longest + theme.px(12.0)).min(theme.px(170.0)) };
    let mut c = ChartBuilder::on(&body)
        .margin(theme.px(12.0))
        .x_label_area_size(label_h)
        .y_label_area_size(theme.px(64.0))
        .build_cartesian_2d(-0.5..(n as f64 - 0.5), y.clone())?;
    let fmt = common::tick_formatter(y.start, y.end, 6);
    c.configure_mesh()
        .y_desc(&spec.value_label)
        .axis_desc_style(text_style(theme, 13.0, theme.foreground))
        .label_style(text_style(theme, 12.0, theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&fmt)
        .draw()?;
    let half = 0.3_f64.min(0.5 - 0.5 / (n as f64 + 1.0)).max(0.15);
    let base = body.get_base_pixel();
    for (i, (g, dots)) in groups.iter().zip(&dots).enumerate() {
        let s = &g.stats;
        let x = i as f64;
        let colour = segment_colour(g.segment);
        let stroke = colour.stroke_width(theme.px(1.5));
        for (from, to) in [(s.q3, s.whisker_high), (s.q1, s.whisker_low)] {
            c.draw_series(std::iter::once(PathElement::new(vec![(x, from), (x, to)], stroke)))?;
            let cap = vec![(x - half / 2.0, to), (x + half / 2.0, to)];
            c.draw_series(std::iter::once(PathElement::new(cap, stroke)))?;
        }
        let rect = [(x - half, s.q1), (x + half, s.q3)];
        c.draw_series(std::iter::once(Rectangle::new(rect, colour.mix(0.35).filled())))?;
        c.draw_series(std::iter::once(Rectangle::new(rect, stroke)))?;
        let median = theme.foreground.stroke_width(theme.px(2.5));
        c.draw_series(std::iter::once(PathElement::new(
            vec![(x - half, s.median), (x + half, s.median)],
            median,
        )))?;
        let r = theme.px(2.5);
        c.draw_series(dots.iter().map(|&v| Circle::new((x, v), r, colour.stroke_width(theme.px(1.0)))))?;
        let p = common::local(base, c.backend_coord(&(x, y.start)));
        let st = text_style(theme, 11.0, theme.foreground);
        let at = (p.0, p.1 + theme.px(6.0) as i32);
        let (name, count) = &names[i];
        if horizontal {
            body.draw(&Text::new(name.clone(), at, anchored(st, HPos::Center, VPos::Top)))?;
            let st = anchored(text_style(theme, 10.0, theme.muted), HPos::Center, VPos::Top);
            body.draw(&Text::new(count.clone(), (at.0, at.1 + theme.px(15.0) as i32), st))?;
        } else {
            let st = vertical(anchored(st, HPos::Right, VPos::Center));
            body.draw(&Text::new(format!("{name} ({count})"), at, st))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25]
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!((quantile(&v, 0.25), quantile(&v, 0.5), quantile(&v, 0.75)), (1.75, 2.5, 3.25));
        assert!(quantile(&[], 0.5).is_nan());
        assert_eq!(quantile(&[7.0], 0.9), 7.0);
    }

    #[test]
    fn summarize_skips_nan_and_finds_whiskers_and_outliers() {
        let mut v: Vec<f64> = (1..=20).map(f64::from).collect();
        v.extend([100.0, f64::NAN, f64::INFINITY, -50.0]);
        let s = summarize(&v).unwrap();
        assert_eq!((s.n, s.n_missing), (22, 2));
        // Sorted: -50, 1..20, 100 → q1 at h = 5.25 → 5.25, q3 at h = 15.75 → 15.75, IQR 10.5.
        assert!((s.q1 - 5.25).abs() < 1e-12 && (s.q3 - 15.75).abs() < 1e-12);
        assert_eq!((s.whisker_low, s.whisker_high), (1.0, 20.0));
        assert_eq!(s.outliers, vec![-50.0, 100.0]);
        assert!(summarize(&[f64::NAN]).is_none());
        assert!(summarize(&[]).is_none());
    }

    #[test]
    fn kept_outliers_are_capped_with_extremes() {
        let mut v: Vec<f64> = (0..10_000).map(|i| f64::from(i % 10)).collect();
        v.extend((0..2_000).map(|i| 1_000.0 + i as f64));
        let s = summarize(&v).unwrap();
        assert_eq!(s.n_outliers, 2_000);
        assert_eq!(s.outliers.len(), MAX_KEPT_OUTLIERS);
        assert_eq!((s.outliers[0], *s.outliers.last().unwrap()), (1_000.0, 2_999.0));
    }
}

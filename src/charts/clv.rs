//! Customer lifetime value charts: a histogram of predicted CLV, and P(alive) against past value with the
//! at-risk corner (valuable but probably gone) shaded and its thresholds as dashed lines. The log option
//! draws value axes as log10(1 + x), so customers with zero value stay on the chart; negative values
//! cannot be shown there and are counted in the legend instead.

use super::common::{self, anchored, text_style, LegendEntry, Mark};
use super::{scatter::thin, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Colour of the at-risk region, its thresholds and its customers.
pub const AT_RISK_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Histogram of predicted CLV.
#[derive(Debug, Clone, PartialEq)]
pub struct ClvHistogramSpec {
    /// Chart title.
    pub title: String,
    /// One value per customer.
    pub values: Vec<f64>,
    /// The value axis with units ("predicted CLV, next 12 months (€)").
    pub value_label: String,
    /// Number of equal-width bins (1–500).
    pub bins: usize,
    /// Draw the value axis as log10(1 + x).
    pub log_x: bool,
}

/// One histogram bar on the drawn axis (log10(1 + x) units when log).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// Lower edge.
    pub lo: f64,
    /// Upper edge.
    pub hi: f64,
    /// Values in the bin.
    pub count: usize,
}

/// Equal-width bins on the drawn axis and the number of values that could not be placed (non-finite,
/// or negative on a log axis). A single distinct value gets one unit-wide bin.
pub fn histogram(values: &[f64], bins: usize, log: bool) -> (Vec<Bin>, usize) {
    let xs: Vec<f64> = values.iter().filter_map(|&v| common::axis_value(v, log)).collect();
    let skipped = values.len() - xs.len();
    let Some((lo, hi)) = common::finite_bounds(xs.iter().copied()) else { return (Vec::new(), skipped) };
    let bins = bins.clamp(1, 500);
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 0.5, hi + 0.5) };
    let width = (hi - lo) / bins as f64;
    let mut counts = vec![0usize; bins];
    for x in &xs {
        let i = (((x - lo) / width).floor() as usize).min(bins - 1);
        counts[i] += 1;
    }
    let out = counts
        .into_iter()
        .enumerate()
        .map(|(i, count)| Bin { lo: lo + i as f64 * width, hi: lo + (i + 1) as f64 * width, count })
        .collect();
    (out, skipped)
}

/// Draws the histogram; "No data" with fewer than two placeable values.
pub fn draw_histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ClvHistogramSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let (bins, skipped) = histogram(&spec.values, spec.bins, spec.log_x);
    let placed: usize = bins.iter().map(|b| b.count).sum();
    if placed < 2 {
        return common::no_data(
            area,
            theme,
            &spec.title,
            "A histogram needs at least two customers with a value.",
        );
    }
    let accent = common::accent(theme);
    let mut legend =
        vec![LegendEntry::new(Mark::Swatch(accent), format!("{} customers", common::fmt_count(placed)))];
    if skipped > 0 {
        let why = if spec.log_x { "negative or missing" } else { "missing" };
        legend.push(LegendEntry::new(
            Mark::Swatch(theme.grid),
            format!("{} {why}, not shown", common::fmt_count(skipped)),
        ));
    }
    let body = common::frame(area, theme, &spec.title, &legend)?;
    let (x0, x1) = (bins[0].lo, bins[bins.len() - 1].hi);
    let top = bins.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f64 * 1.08;
    let mut c = ChartBuilder::on(&body)
        .margin(theme.px(12.0))
        .margin_right(theme.px(20.0))
        .x_label_area_size(theme.px(44.0))
        .y_label_area_size(theme.px(60.0))
        .build_cartesian_2d(x0..x1, 0.0..top)?;
    let yf = common::tick_formatter(0.0, top, 6);
    let log = spec.log_x;
    let xf = |v: &f64| common::axis_label(*v, log);
    let x_desc = if log { format!("{} — log scale", spec.value_label) } else { spec.value_label.clone() };
    c.configure_mesh()
        .x_desc(x_desc)
        .y_desc("customers")
        .axis_desc_style(text_style(theme, 13.0, theme.foreground))
        .label_style(text_style(theme, 12.0, theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&yf)
        .draw()?;
    let base = body.get_base_pixel();
    let ticks: Vec<(i32, String)> = common::value_ticks(x0, x1, log)
        .into_iter()
        .map(|t| (common::local(base, c.backend_coord(&(t, 0.0))).0, xf(&t)))
        .collect();
    let axis_y = common::local(base, c.backend_coord(&(x0, 0.0))).1;
    common::x_ticks(&body, theme, &ticks, axis_y)?;
    c.draw_series(bins.iter().filter(|b| b.count > 0).map(|b| {
        let mut r = Rectangle::new([(b.lo, 0.0), (b.hi, b.count as f64)], accent.filled());
        r.set_margin(0, 0, 1, 0);
        r
    }))?;
    Ok(())
}

/// P(alive) against past value.
#[derive(Debug, Clone, PartialEq)]
pub struct AliveSpec {
    /// Chart title.
    pub title: String,
    /// Probability each customer is still active, 0..1.
    pub p_alive: Vec<f64>,
    /// Each customer's past value (same order).
    pub value: Vec<f64>,
    /// The value axis with units ("past spend (€)").
    pub value_label: String,
    /// At risk below this P(alive)…
    pub alive_threshold: f64,
    /// …and at or above this value.
    pub value_threshold: f64,
    /// Draw the value axis as log10(1 + x).
    pub log_x: bool,
    /// At most this many dots (an even, deterministic thinning).
    pub max_points: usize,
}

/// Draws the scatter; "No data" with fewer than two customers that can be placed.
pub fn draw_alive<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &AliveSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let log = spec.log_x;
    let pts: Vec<(f64, f64)> = spec
        .value
        .iter()
        .zip(&spec.p_alive)
        .filter_map(|(&v, &p)| Some((common::axis_value(v, log)?, p)).filter(|_| p.is_finite()))
        .map(|(x, p)| (x, p.clamp(0.0, 1.0)))
        .collect();
    if pts.len() < 2 {
        return common::no_data(
            area,
            theme,
            &spec.title,
            "The chart needs at least two customers with both values.",
        );
    }
    let p_thr = if spec.alive_threshold.is_finite() { spec.alive_threshold.clamp(0.0, 1.0) } else { 0.0 };
    let v_thr = common::axis_value(spec.value_threshold, log);
    let at_risk = |&(x, p): &(f64, f64)| v_thr.is_some_and(|t| x >= t) && p < p_thr;
    let n_risk = pts.iter().filter(|p| at_risk(p)).count();
    let accent = common::accent(theme);
    let mut legend = vec![
        LegendEntry::new(Mark::Dot(AT_RISK_COLOUR), format!("at risk: {}", common::fmt_count(n_risk))),
        LegendEntry::new(Mark::Dot(accent), format!("others: {}", common::fmt_count(pts.len() - n_risk))),
        LegendEntry::new(Mark::Dashed(AT_RISK_COLOUR), "thresholds"),
    ];
    let skipped = spec.value.len().min(spec.p_alive.len()) - pts.len();
    if skipped > 0 {
        legend.push(LegendEntry::new(
            Mark::Swatch(theme.grid),
            format!("{} not shown", common::fmt_count(skipped)),
        ));
    }
    let body = common::frame(area, theme, &spec.title, &legend)?;
    let (lo, hi) = common::finite_bounds(pts.iter().map(|p| p.0).chain(v_thr)).unwrap_or((0.0, 1.0));
    let x = common::padded(lo, hi, 0.03);
    let mut c = ChartBuilder::on(&body)
        .margin(theme.px(12.0))
        .margin_right(theme.px(20.0))
        .x_label_area_size(theme.px(44.0))
        .y_label_area_size(theme.px(60.0))
        .build_cartesian_2d(x.clone(), -0.02..1.02)?;
    let xf = |v: &f64| common::axis_label(*v, log);
    let yf = |v: &f64| format!("{v:.1}");
    let x_desc = if log { format!("{} — log scale", spec.value_label) } else { spec.value_label.clone() };
    c.configure_mesh()
        .x_desc(x_desc)
        .y_desc("P(alive)")
        .axis_desc_style(text_style(theme, 13.0, theme.foreground))
        .label_style(text_style(theme, 12.0, theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&yf)
        .draw()?;
    let base = body.get_base_pixel();
    let ticks: Vec<f64> = common::value_ticks(x.start, x.end, log);
    let grid = theme.grid.stroke_width(theme.px(1.0));
    c.draw_series(ticks.iter().map(|&t| PathElement::new(vec![(t, -0.02), (t, 1.02)], grid)))?;
    let labels: Vec<(i32, String)> =
        ticks.iter().map(|&t| (common::local(base, c.backend_coord(&(t, 0.0))).0, xf(&t))).collect();
    let axis_y = common::local(base, c.backend_coord(&(x.start, -0.02))).1;
    common::x_ticks(&body, theme, &labels, axis_y)?;
    if let Some(t) = v_thr {
        let region = [(t.max(x.start), -0.02), (x.end, p_thr)];
        c.draw_series(std::iter::once(Rectangle::new(region, AT_RISK_COLOUR.mix(0.12).filled())))?;
        // In the region's outer corner, where the fewest dots are.
        let p = common::local(base, c.backend_coord(&(x.end, -0.02)));
        let st = anchored(text_style(theme, 12.0, AT_RISK_COLOUR), HPos::Right, VPos::Bottom);
        body.draw(&Text::new(
            "at risk".to_string(),
            (p.0 - theme.px(6.0) as i32, p.1 - theme.px(4.0) as i32),
            st,
        ))?;
    }
    let keep = thin(pts.len(), spec.max_points.max(1));
    let r = theme.px(if keep.len() > 5_000 { 1.5 } else { 2.5 });
    c.draw_series(
        keep.iter()
            .map(|&i| pts[i])
            .filter(|p| !at_risk(p))
            .map(|p| Circle::new(p, r, accent.mix(0.55).filled())),
    )?;
    c.draw_series(
        keep.iter().map(|&i| pts[i]).filter(at_risk).map(|p| Circle::new(p, r, AT_RISK_COLOUR.filled())),
    )?;
    let dash = |pts: Vec<(f64, f64)>| {
        DashedLineSeries::new(pts, theme.px(7.0), theme.px(4.0), AT_RISK_COLOUR.stroke_width(theme.px(1.5)))
    };
    c.draw_series(dash(vec![(x.start, p_thr), (x.end, p_thr)]))?;
    if let Some(t) = v_thr.filter(|t| *t >= x.start) {
        c.draw_series(dash(vec![(t, -0.02), (t, 1.02)]))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_cover_every_value_once() {
        let v = [0.0, 1.0, 2.0, 3.0, 4.0, f64::NAN];
        let (b, skipped) = histogram(&v, 4, false);
        assert_eq!(skipped, 1);
        assert_eq!(b.iter().map(|b| b.count).collect::<Vec<_>>(), vec![1, 1, 1, 2]);
        let (b, skipped) = histogram(&[-1.0, 0.0, 9.0, 99.0], 2, true);
        assert_eq!(skipped, 1);
        assert_eq!((b[0].lo, b[1].hi), (0.0, 2.0));
        let (b, _) = histogram(&[5.0, 5.0], 10, false);
        assert_eq!(b.iter().map(|b| b.count).sum::<usize>(), 2);
    }
}

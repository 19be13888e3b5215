//! The 2-D segment map: one dot per customer, coloured by segment, with a legend of segment names.

use super::{palette::segment_colour, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Everything the map needs; built from a report, independent of any backend.
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterSpec {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    /// Segment of each point (−1 = noise).
    pub labels: Vec<i32>,
    /// Legend entries in display order: (segment id, name).
    pub legend: Vec<(i32, String)>,
    /// At most this many points are drawn (an even, deterministic thinning of each segment beyond it).
    pub max_points: usize,
}

/// Indices of the points to draw: all of them, or every n-th one when there are more than `max`.
pub fn thin(n: usize, max: usize) -> Vec<usize> {
    if n <= max || max == 0 {
        return (0..n).collect();
    }
    let step = n as f64 / max as f64;
    (0..max).map(|i| ((i as f64 * step) as usize).min(n - 1)).collect()
}

fn padded_range(values: &[f32]) -> std::ops::Range<f64> {
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v as f64), hi.max(v as f64)));
    if !lo.is_finite() {
        return -1.0..1.0;
    }
    let pad = ((hi - lo) * 0.05).max(1e-9);
    (lo - pad)..(hi + pad)
}

/// Draws the map and returns the mapping from data to pixel coordinates (for hover).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ScatterSpec,
    theme: &Theme,
) -> Result<Frame, ChartError> {
    area.fill(&theme.background)?;
    let text = |size: f64| (theme.font, theme.font_px(size)).into_font().color(&theme.foreground);
    let (xr, yr) = (padded_range(&spec.x), padded_range(&spec.y));
    let (xf, yf) = (
        super::common::tick_formatter(xr.start, xr.end, 6),
        super::common::tick_formatter(yr.start, yr.end, 6),
    );
    let mut chart = ChartBuilder::on(area)
        .caption(&spec.title, text(16.0))
        .margin(theme.px(12.0))
        .x_label_area_size(theme.px(42.0))
        .y_label_area_size(theme.px(56.0))
        .build_cartesian_2d(xr, yr)?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let frame =
        Frame { x: chart.x_range(), y: chart.y_range(), px: (px.start, px.end), py: (py.start, py.end) };
    chart
        .configure_mesh()
        .x_desc(&spec.x_label)
        .y_desc(&spec.y_label)
        .axis_desc_style(text(13.0))
        .label_style(text(12.0).color(&theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&xf)
        .y_label_formatter(&yf)
        .draw()?;
    let keep = thin(spec.x.len().min(spec.y.len()).min(spec.labels.len()), spec.max_points);
    let radius = theme.px(if keep.len() > 5_000 { 2.0 } else { 3.5 });
    for (id, name) in &spec.legend {
        let colour = segment_colour(*id);
        let points = keep
            .iter()
            .filter(|&&i| spec.labels[i] == *id && spec.x[i].is_finite() && spec.y[i].is_finite())
            .map(|&i| Circle::new((spec.x[i] as f64, spec.y[i] as f64), radius, colour.mix(0.8).filled()));
        let legend_radius = theme.px(5.0);
        chart
            .draw_series(points)?
            .label(name.as_str())
            .legend(move |(x, y)| Circle::new((x, y), legend_radius, colour.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(theme.background.mix(0.85))
        .border_style(theme.grid)
        .label_font(text(12.0))
        .margin(theme.px(8.0))
        .draw()?;
    Ok(frame)
}

/// Where the plot landed: data ranges and the pixel box they map to (for hover hit-testing).
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub x: std::ops::Range<f64>,
    pub y: std::ops::Range<f64>,
    pub px: (i32, i32),
    pub py: (i32, i32),
}

impl Frame {
    /// Pixel position of a data point (y grows downwards).
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        let fx = (x - self.x.start) / (self.x.end - self.x.start);
        let fy = (y - self.y.start) / (self.y.end - self.y.start);
        (
            self.px.0 as f64 + fx * (self.px.1 - self.px.0) as f64,
            self.py.1 as f64 - fy * (self.py.1 - self.py.0) as f64,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_is_even_and_bounded() {
        assert_eq!(thin(5, 10), vec![0, 1, 2, 3, 4]);
        let t = thin(100_000, 50_000);
        assert_eq!(t.len(), 50_000);
        assert_eq!(t[1], 2);
        assert!(t.windows(2).all(|w| w[0] < w[1]));
    }
}

//! The 2-D segment map: one dot per customer, coloured by segment, with a legend of segment names; when the
//! dots are a sample, a density layer of every customer underneath ([`super::density`]).
//!
//! It draws in steps so a browser can spread a big map over several frames: [`draw_frame`] (background,
//! title, legend, axes) returns the [`Frame`]; [`draw_density`] and [`draw_points`] then draw any slice of the
//! density cells and of the dots in [`draw_order`] on that frame. [`draw`] runs every step at once (SVG
//! export, tests): the same pixels as the steps.

use super::common::text_style;
use super::density::{self, Density};
use super::format::fmt_count;
use super::frame::{frame, LegendEntry, Mark};
use super::{palette::segment_colour, ChartError, Theme};
use plotters::coord::types::RangedCoordf64;
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
    /// Every customer counted on a grid, drawn under the dots (when the dots are a sample).
    pub density: Option<Density>,
}

/// Indices of the points to draw: all of them, or every n-th one when there are more than `max`.
pub fn thin(n: usize, max: usize) -> Vec<usize> {
    if n <= max || max == 0 {
        return (0..n).collect();
    }
    let step = n as f64 / max as f64;
    (0..max).map(|i| ((i as f64 * step) as usize).min(n - 1)).collect()
}

/// The points drawn, in drawing order: segment by segment in legend order (later segments on top), thinned to
/// `max_points`, without points that lack a coordinate or whose segment is not in the legend.
pub fn draw_order(spec: &ScatterSpec) -> Vec<usize> {
    let keep = thin(spec.x.len().min(spec.y.len()).min(spec.labels.len()), spec.max_points);
    let finite = |i: usize| spec.x[i].is_finite() && spec.y[i].is_finite();
    spec.legend
        .iter()
        .flat_map(|(id, _)| keep.iter().copied().filter(move |&i| spec.labels[i] == *id))
        .filter(|&i| finite(i))
        .collect()
}

/// Dot radius in device pixels for `drawn` dots: smaller when there are many.
pub fn point_radius(drawn: usize, theme: &Theme) -> u32 {
    theme.px(if drawn > 5_000 { 2.0 } else { 3.5 })
}

fn padded_range(values: &[f32], also: Option<std::ops::Range<f64>>) -> std::ops::Range<f64> {
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .map(|&v| v as f64)
        .chain(also.into_iter().flat_map(|r| [r.start, r.end]))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !lo.is_finite() {
        return -1.0..1.0;
    }
    // The map's coordinates are f32: a spread below its resolution (customers whose features are all alike
    // give ±1e-17) is one place, shown in a unit window rather than as ticks of 0.000000001.
    if hi - lo <= 1e-6 * lo.abs().max(hi.abs()).max(1.0) {
        let mid = (lo + hi) / 2.0;
        return (mid - 1.0)..(mid + 1.0);
    }
    let pad = (hi - lo) * 0.05;
    (lo - pad)..(hi + pad)
}

/// The axis range of `values`: all of them (and `also`, the density grid's span) with a margin, unless a few
/// far-off customers would squash the rest into a corner. The 1st to 99th percentile, widened by half its
/// span on both sides (never past the data), is the frame when it covers less than half of the full span;
/// the dots beyond it are drawn on its edge as rings ([`draw_points`]). One customer with an income of
/// 666,666 put 2,239 others in a 15th of a map's width. A map with density shading keeps the full span: its
/// cells count every customer.
/// The flag says whether the range frames the bulk (so that some dots may lie beyond it).
fn axis_range(values: &[f32], also: Option<std::ops::Range<f64>>) -> (std::ops::Range<f64>, bool) {
    let full = padded_range(values, also.clone());
    // checked first: a shaded map holds up to every customer (200k), and this runs in a main-thread step
    if also.is_some() || values.len() < MIN_POINTS_TO_FRAME_THE_BULK {
        return (full, false);
    }
    let mut v: Vec<f64> = values.iter().filter(|x| x.is_finite()).map(|&x| f64::from(x)).collect();
    if v.len() < MIN_POINTS_TO_FRAME_THE_BULK {
        return (full, false);
    }
    let last = v.len() - 1;
    let (min, max) = (
        v.iter().copied().fold(f64::INFINITY, f64::min),
        v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let mut at = |q: f64| *v.select_nth_unstable_by((last as f64 * q).round() as usize, f64::total_cmp).1;
    let (lo, hi) = (at(0.01), at(0.99));
    let span = hi - lo;
    let (a, b) = ((lo - 0.5 * span).max(min), (hi + 0.5 * span).min(max));
    if span > 0.0 && b - a < 0.5 * (max - min) {
        (super::common::padded(a, b, 0.05), true)
    } else {
        (full, false)
    }
}

/// A map frames the bulk of its dots ([`axis_range`]) only from this many dots on (percentiles of fewer are
/// a handful of customers).
const MIN_POINTS_TO_FRAME_THE_BULK: usize = 100;

/// The legend: one dot per segment, what the shading means when there is one, and the ring of the dots
/// drawn on the frame's edge (`beyond` of them).
fn legend(spec: &ScatterSpec, theme: &Theme, beyond: usize) -> Vec<LegendEntry> {
    let mut entries: Vec<LegendEntry> = spec
        .legend
        .iter()
        .map(|(id, name)| LegendEntry::new(Mark::Dot(segment_colour(*id)), name.clone()))
        .collect();
    if let Some(d) = &spec.density {
        let shade = if super::common::is_dark(theme) {
            RGBColor(0x5A, 0x63, 0x6E)
        } else {
            RGBColor(0xC8, 0xCE, 0xD6)
        };
        entries.push(LegendEntry::new(
            Mark::Swatch(shade),
            format!("shading: all {} customers", fmt_count(d.total)),
        ));
    }
    if beyond > 0 {
        entries.push(LegendEntry::new(
            Mark::Ring(theme.foreground),
            format!("{} far off, drawn on the edge", fmt_count(beyond)),
        ));
    }
    entries
}

/// Draws the background, title, legend and axes; returns where the plot landed (for the other steps and hover).
pub fn draw_frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ScatterSpec,
    theme: &Theme,
) -> Result<Frame, ChartError> {
    let ((xr, x_framed), (yr, y_framed)) = (
        axis_range(&spec.x, spec.density.as_ref().map(|d| d.x.clone())),
        axis_range(&spec.y, spec.density.as_ref().map(|d| d.y.clone())),
    );
    // inclusive, as [`Frame::clamp`]: a dot on the range's end is drawn as a dot
    let within = |v: f32, r: &std::ops::Range<f64>| (r.start..=r.end).contains(&f64::from(v));
    let inside = |i: usize| within(spec.x[i], &xr) && within(spec.y[i], &yr);
    let beyond =
        if x_framed || y_framed { draw_order(spec).into_iter().filter(|&i| !inside(i)).count() } else { 0 };
    let body = frame(area, theme, &spec.title, &legend(spec, theme, beyond))?;
    let (xf, yf) = (
        super::common::tick_formatter(xr.start, xr.end, 6),
        super::common::tick_formatter(yr.start, yr.end, 6),
    );
    let mut chart = ChartBuilder::on(&body)
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
        .axis_desc_style(text_style(theme, 13.0, theme.foreground))
        .label_style(text_style(theme, 12.0, theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&xf)
        .y_label_formatter(&yf)
        .draw()?;
    Ok(frame)
}

/// Draws density cells `cells` (a range of `spec.density.cells`) on a drawn frame.
pub fn draw_density<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ScatterSpec,
    frame: &Frame,
    cells: std::ops::Range<usize>,
) -> Result<(), ChartError> {
    match &spec.density {
        Some(d) => density::draw_cells(&area.apply_coord_spec(frame.coords()), d, cells),
        None => Ok(()),
    }
}

/// Draws the dots `points` (a slice of [`draw_order`]) of radius `radius` on a drawn frame.
pub fn draw_points<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ScatterSpec,
    frame: &Frame,
    points: &[usize],
    radius: u32,
) -> Result<(), ChartError> {
    let plot = area.apply_coord_spec(frame.coords());
    for &i in points {
        let (x, y) = (f64::from(spec.x[i]), f64::from(spec.y[i]));
        let (cx, cy) = frame.clamp(x, y);
        let colour = segment_colour(spec.labels[i]);
        if (cx, cy) == (x, y) {
            plot.draw(&Circle::new((x, y), radius, colour.mix(0.8).filled()))?;
        } else {
            // a far-off dot, on the edge as a ring in its segment's colour
            plot.draw(&Circle::new((cx, cy), radius + 1, colour.stroke_width(2)))?;
        }
    }
    Ok(())
}

/// Draws the whole map at once and returns the mapping from data to pixel coordinates (for hover).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ScatterSpec,
    theme: &Theme,
) -> Result<Frame, ChartError> {
    let frame = draw_frame(area, spec, theme)?;
    draw_density(area, spec, &frame, 0..spec.density.as_ref().map_or(0, |d| d.cells.len()))?;
    let order = draw_order(spec);
    draw_points(area, spec, &frame, &order, point_radius(order.len(), theme))?;
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
    /// A data point moved onto the frame's edge when it lies beyond it (as [`draw_points`] draws it).
    pub fn clamp(&self, x: f64, y: f64) -> (f64, f64) {
        let within = |v: f64, r: &std::ops::Range<f64>| v.clamp(r.start.min(r.end), r.end.max(r.start));
        (within(x, &self.x), within(y, &self.y))
    }

    /// Pixel position of a data point (y grows downwards); a point beyond the frame is where it is drawn, on
    /// the edge ([`Frame::clamp`]).
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        let (x, y) = self.clamp(x, y);
        let fx = (x - self.x.start) / (self.x.end - self.x.start);
        let fy = (y - self.y.start) / (self.y.end - self.y.start);
        (
            self.px.0 as f64 + fx * (self.px.1 - self.px.0) as f64,
            self.py.1 as f64 - fy * (self.py.1 - self.py.0) as f64,
        )
    }

    /// The plot's coordinate system, exactly as the chart builder made it (so later steps land on the same
    /// pixels as the frame's axes).
    pub fn coords(&self) -> Cartesian2d<RangedCoordf64, RangedCoordf64> {
        Cartesian2d::new(
            self.x.clone(),
            self.y.clone(),
            (self.px.0..self.px.1 - 1, (self.py.1 - 1)..self.py.0),
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

    #[test]
    fn draw_order_goes_segment_by_segment_and_skips_what_cannot_be_drawn() {
        let spec = ScatterSpec {
            title: "m".into(),
            x_label: "x".into(),
            y_label: "y".into(),
            x: vec![0.0, 1.0, f32::NAN, 3.0, 4.0],
            y: vec![0.0; 5],
            labels: vec![1, 0, 0, 7, 1],
            legend: vec![(0, "A".into()), (1, "B".into())],
            max_points: 50_000,
            density: None,
        };
        assert_eq!(
            draw_order(&spec),
            vec![1, 0, 4],
            "segment 0, then 1; NaN and unlisted segment 7 left out"
        );
    }

    #[test]
    fn points_in_one_place_get_a_unit_window() {
        assert_eq!(padded_range(&[1e-17, -2e-17, 0.0], None), -1.0..1.0);
        let r = padded_range(&[5.0, 5.0000005], None);
        assert!((r.start - 4.0).abs() < 1e-6 && (r.end - 6.0).abs() < 1e-6, "{r:?}");
        let r = padded_range(&[0.0, 2.0], None);
        assert!((r.start + 0.1).abs() < 1e-12 && (r.end - 2.1).abs() < 1e-12);
        assert_eq!(padded_range(&[], None), -1.0..1.0);
    }

    fn shaded() -> ScatterSpec {
        let n = 300;
        let cells = (0..40u16)
            .map(|k| density::Cell { i: k * 3, j: k, count: 1 + k as u32 * 10, segment: (k % 3) as i32 })
            .collect();
        ScatterSpec {
            title: "Segment map: 300 of 9,000 customers as dots".into(),
            x_label: "PC1".into(),
            y_label: "PC2".into(),
            x: (0..n).map(|i| (i % 17) as f32).collect(),
            y: (0..n).map(|i| (i % 11) as f32 * 0.5).collect(),
            labels: (0..n).map(|i| i % 3).collect(),
            legend: vec![(0, "A".into()), (1, "B".into()), (2, "C".into())],
            max_points: 50_000,
            density: Some(Density {
                x: -2.0..20.0,
                y: -1.0..6.0,
                nx: 120,
                ny: 60,
                cells,
                max: 391,
                total: 9_000,
            }),
        }
    }

    fn svg(f: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError>) -> String {
        super::super::svg::render(900, 460, f).unwrap()
    }

    #[test]
    fn drawing_in_steps_gives_the_same_picture_as_drawing_at_once() {
        let spec = shaded();
        let theme = Theme::dark(2.0);
        let whole = svg(|a| draw(a, &spec, &theme).map(|_| ()));
        let stepped = svg(|a| {
            let frame = draw_frame(a, &spec, &theme)?;
            for start in (0..40).step_by(7) {
                draw_density(a, &spec, &frame, start..start + 7)?;
            }
            let order = draw_order(&spec);
            let radius = point_radius(order.len(), &theme);
            for chunk in order.chunks(64) {
                draw_points(a, &spec, &frame, chunk, radius)?;
            }
            Ok(())
        });
        assert_eq!(whole, stepped);
    }

    #[test]
    fn the_density_is_drawn_under_the_dots_and_the_legend_says_what_it_counts() {
        let svg = svg(|a| draw(a, &shaded(), &Theme::light(1.0)).map(|_| ()));
        assert!(svg.contains("300 of 9,000 customers as dots"), "the title says how many dots of how many");
        assert!(svg.contains("shading: all 9,000 customers"));
        // Every one of the 300 dots comes after the last density cell, and there are 40 cells.
        let last_rect = svg.rfind("<rect").unwrap();
        assert_eq!(svg[last_rect..].matches("<circle").count(), 300);
        assert!(svg.matches("<rect").count() >= 40);
        // Without density: no shading entry, no cells.
        let plain = ScatterSpec { density: None, ..shaded() };
        let svg =
            super::super::svg::render(900, 460, |a| draw(a, &plain, &Theme::light(1.0)).map(|_| ())).unwrap();
        assert!(!svg.contains("shading"));
    }
}

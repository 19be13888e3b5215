//! Choosing k: small multiples of each criterion against k (elbow, silhouette, Calinski–Harabasz,
//! Davies–Bouldin, BIC, gap ± s_k, stability ± sd), each titled with its direction, the suggested k marked
//! by a dashed vertical line in every panel and each criterion's own pick ringed. Missing values break
//! the line.

use super::common::{self, anchored, text_style, LegendEntry, Mark};
use super::{ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Which way a criterion is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Larger values are better (silhouette, Calinski–Harabasz, gap, stability).
    HigherIsBetter,
    /// Smaller values are better (Davies–Bouldin, BIC).
    LowerIsBetter,
    /// Read by its bend (the elbow of the inertia curve).
    Elbow,
}

impl Direction {
    /// The phrase shown in the panel title.
    pub fn phrase(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher is better",
            Direction::LowerIsBetter => "lower is better",
            Direction::Elbow => "look for the bend",
        }
    }
}

/// One criterion over the swept k.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// "Silhouette", "Inertia (elbow)", …
    pub name: String,
    /// Which way the criterion is read.
    pub direction: Direction,
    /// One value per k of the spec (`None` = not computed or undefined at that k).
    pub values: Vec<Option<f64>>,
    /// ± half-widths of error bars per k (gap s_k, stability sd); empty for none.
    pub errors: Vec<Option<f64>>,
    /// The k this criterion picks on its own (ringed).
    pub pick: Option<usize>,
    /// The largest value the criterion can take (1 for a mean ARI): error bars stop there.
    pub ceiling: Option<f64>,
}

/// The whole figure.
#[derive(Debug, Clone, PartialEq)]
pub struct KSweepSpec {
    /// Chart title.
    pub title: String,
    /// The swept k, ascending.
    pub ks: Vec<usize>,
    /// One panel per metric with at least one finite value, in this order.
    pub metrics: Vec<Metric>,
    /// The suggested k (a dashed vertical line with a label in every panel).
    pub suggested: Option<usize>,
}

/// Colour of the suggested-k line and the picks (the curves use `common::accent`).
pub const SUGGESTED_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

fn has_values(m: &Metric) -> bool {
    m.values.iter().any(|v| v.is_some_and(f64::is_finite))
}

/// Panel grid for `n` panels on a `w`-pixel-wide figure: (columns, rows), panels at least 260 CSS px wide.
pub fn grid(n: usize, w: u32, theme: &Theme) -> (usize, usize) {
    let cols = ((w as f64 / theme.px(260.0) as f64).floor() as usize).clamp(1, 3).min(n.max(1));
    (cols, n.div_ceil(cols).max(1))
}

/// Draws the figure; "No data" when fewer than two k were swept or no metric has a value.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &KSweepSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let panels: Vec<&Metric> = spec.metrics.iter().filter(|m| has_values(m)).collect();
    if spec.ks.len() < 2 {
        let msg = match spec.ks.first() {
            Some(k) => format!("Only k = {k} was tried; there is nothing to compare."),
            None => "The sweep has no results.".to_string(),
        };
        return common::no_data(area, theme, &spec.title, &msg);
    }
    if panels.is_empty() {
        return common::no_data(area, theme, &spec.title, "No criterion could be computed.");
    }
    let mut legend = vec![LegendEntry::new(Mark::Line(common::accent(theme)), "criterion")];
    if panels.iter().any(|m| m.pick.is_some()) {
        legend.push(LegendEntry::new(Mark::Ring(SUGGESTED_COLOUR), "criterion's own pick"));
    }
    if let Some(k) = spec.suggested {
        legend.push(LegendEntry::new(Mark::Dashed(SUGGESTED_COLOUR), format!("suggested k = {k}")));
    }
    let body = common::frame(area, theme, &spec.title, &legend)?;
    let (cols, rows) = grid(panels.len(), body.dim_in_pixel().0, theme);
    let cells = body.split_evenly((rows, cols));
    for (m, cell) in panels.iter().zip(&cells) {
        draw_panel(cell, &spec.ks, m, spec.suggested, theme)?;
    }
    Ok(())
}

/// Draws one criterion's panel (usable on its own for a single-metric chart).
pub fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ks: &[usize],
    m: &Metric,
    suggested: Option<usize>,
    theme: &Theme,
) -> Result<(), ChartError> {
    let points: Vec<(f64, Option<f64>, f64)> = ks
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let v = m.values.get(i).copied().flatten().filter(|v| v.is_finite());
            let e = m.errors.get(i).copied().flatten().filter(|e| e.is_finite()).unwrap_or(0.0).abs();
            (k as f64, v, e)
        })
        .collect();
    let (kmin, kmax) = common::finite_bounds(points.iter().map(|p| p.0)).unwrap_or((1.0, 2.0));
    let top = |v: f64, e: f64| m.ceiling.map_or(v + e, |c| (v + e).min(c.max(v)));
    let ends = points.iter().filter_map(|&(_, v, e)| v.map(|v| [v - e, top(v, e)])).flatten();
    let (lo, hi) = common::finite_bounds(ends).unwrap_or((0.0, 1.0));
    let y = common::padded(lo, hi, 0.08);
    // Head-room for the "k = …" label.
    let y = y.start..(y.end + (y.end - y.start) * 0.2);
    let (w, h) = area.dim_in_pixel();
    // About one y label per 40 CSS pixels of panel height, 2 to 5.
    let y_labels = ((h as f64 / theme.px(40.0) as f64) as usize).clamp(2, 5);
    let max_chars = (w as f64 / (0.55 * theme.font_px(13.0))).max(8.0) as usize;
    let caption = common::truncate(&format!("{} — {}", m.name, m.direction.phrase()), max_chars);
    let mut c = ChartBuilder::on(area)
        .caption(caption, text_style(theme, 13.0, theme.foreground))
        .margin(theme.px(8.0))
        .margin_right(theme.px(14.0))
        .x_label_area_size(theme.px(36.0))
        .y_label_area_size(theme.px(50.0))
        .build_cartesian_2d((kmin - 0.5)..(kmax + 0.5), y.clone())?;
    let yfmt = common::tick_formatter(y.start, y.end, y_labels);
    let xfmt = |v: &f64| if (v - v.round()).abs() < 1e-6 { format!("{}", v.round()) } else { String::new() };
    c.configure_mesh()
        .x_desc("k (segments)")
        .axis_desc_style(text_style(theme, 12.0, theme.foreground))
        .label_style(text_style(theme, 11.0, theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .x_labels(((kmax - kmin) as usize + 1).min(10))
        .y_labels(y_labels)
        .x_label_formatter(&xfmt)
        .y_label_formatter(&yfmt)
        .draw()?;
    if let Some(k) = suggested {
        let style = SUGGESTED_COLOUR.stroke_width(theme.px(1.5));
        let kx = k as f64;
        c.draw_series(DashedLineSeries::new(
            vec![(kx, y.start), (kx, y.end)],
            theme.px(6.0),
            theme.px(4.0),
            style,
        ))?;
        let base = area.get_base_pixel();
        let p = common::local(base, c.backend_coord(&(kx, y.end)));
        let right_half = kx > (kmin + kmax) / 2.0;
        let (h, dx) = if right_half { (HPos::Right, -4) } else { (HPos::Left, 4) };
        let st = anchored(text_style(theme, 11.0, SUGGESTED_COLOUR), h, VPos::Top);
        area.draw(&Text::new(format!("k = {k}"), (p.0 + dx * theme.px(1.0) as i32, p.1 + 2), st))?;
    }
    // The line, broken where a value is missing.
    let mut run: Vec<(f64, f64)> = Vec::new();
    let accent = common::accent(theme);
    let line = accent.stroke_width(theme.px(2.0));
    for &(k, v, _) in points.iter().chain(std::iter::once(&(0.0, None, 0.0))) {
        match v {
            Some(v) => run.push((k, v)),
            None => {
                if run.len() > 1 {
                    c.draw_series(std::iter::once(PathElement::new(std::mem::take(&mut run), line)))?;
                }
                run.clear();
            }
        }
    }
    let base = area.get_base_pixel();
    for &(k, v, e) in &points {
        let Some(v) = v else { continue };
        if e > 0.0 {
            let a = common::local(base, c.backend_coord(&(k, v - e)));
            let b = common::local(base, c.backend_coord(&(k, top(v, e))));
            common::error_bar(area, theme, a, b)?;
        }
    }
    let dots = points.iter().filter_map(|&(k, v, _)| v.map(|v| (k, v)));
    c.draw_series(dots.map(|p| Circle::new(p, theme.px(3.5), accent.filled())))?;
    if let Some(pick) = m.pick {
        let hit = points.iter().find(|p| p.0 == pick as f64).and_then(|p| p.1.map(|v| (p.0, v)));
        if let Some(p) = hit {
            let ring = SUGGESTED_COLOUR.stroke_width(theme.px(2.0));
            c.draw_series(std::iter::once(Circle::new(p, theme.px(7.0), ring)))?;
        }
    }
    Ok(())
}

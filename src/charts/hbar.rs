//! The horizontal-bar layout shared by the size, importance, RFM-segment and PSI charts: one labelled bar
//! per row from the top, optional ± error bars, hatching, dashed guide lines and value annotations.

use super::common::{self, anchored, text_style, LegendEntry};
use super::{ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One bar, drawn from zero to `value`.
#[derive(Debug, Clone, PartialEq)]
pub struct HBarRow {
    /// Display text.
    pub label: String,
    /// The value drawn.
    pub value: f64,
    /// Fill or stroke colour.
    pub colour: RGBColor,
    /// Half-width of a ± error bar.
    pub error: Option<f64>,
    /// Drawn light with diagonal hatching (e.g. "suggested to drop").
    pub hatched: bool,
    /// Text printed past the bar's end.
    pub annotation: String,
}

/// A dashed vertical reference line with a label above the plot.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    /// The value drawn.
    pub value: f64,
    /// Display text.
    pub label: String,
    /// Fill or stroke colour.
    pub colour: RGBColor,
}

/// Everything the layout needs.
#[derive(Debug, Clone, Copy)]
pub struct HBarChart<'a> {
    /// Chart title.
    pub title: &'a str,
    /// Value axis title with units.
    pub value_label: &'a str,
    /// Bars, top first.
    pub rows: &'a [HBarRow],
    /// Dashed reference lines.
    pub guides: &'a [Guide],
    /// Legend under the title.
    pub legend: &'a [LegendEntry],
    /// Value axis as percentages of 0..1.
    pub percent: bool,
}

/// Longest bar label kept before truncation with an ellipsis.
pub const MAX_LABEL_CHARS: usize = 28;

/// Draws the bars; rows with a non-finite value are skipped. Callers send "No data" for empty rows.
pub fn draw_hbars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    chart: HBarChart<'_>,
) -> Result<(), ChartError> {
    let rows: Vec<&HBarRow> = chart.rows.iter().filter(|r| r.value.is_finite()).collect();
    let body = common::frame(area, theme, chart.title, chart.legend)?;
    let n = rows.len().max(1);
    let ends = rows.iter().flat_map(|r| {
        let e = r.error.filter(|e| e.is_finite()).unwrap_or(0.0).abs();
        [r.value - e, r.value + e]
    });
    let guides = chart.guides.iter().map(|g| g.value).filter(|v| v.is_finite());
    let (lo, hi) = common::finite_bounds(ends.chain(guides).chain([0.0])).unwrap_or((0.0, 1.0));
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    // Room past the bar ends for the annotations.
    let x_range = (if lo < 0.0 { lo - span * 0.14 } else { 0.0 })..(hi + span * 0.16);
    let longest = rows.iter().map(|r| r.label.chars().count()).max().unwrap_or(4).clamp(4, MAX_LABEL_CHARS);
    let label_w = theme.px(20.0) + common::text_width(theme, 12.0, &"m".repeat(longest)) as u32;
    let top = if chart.guides.is_empty() { 8.0 } else { 24.0 };
    let mut c = ChartBuilder::on(&body)
        .margin(theme.px(12.0))
        .margin_top(theme.px(top))
        .x_label_area_size(theme.px(44.0))
        .y_label_area_size(label_w)
        .build_cartesian_2d(x_range.clone(), 0.0..n as f64)?;
    let fmt = common::tick_formatter(x_range.start, x_range.end, 6);
    let percent = chart.percent;
    let x_fmt = move |v: &f64| if percent { format!("{}%", fmt(&(v * 100.0))) } else { fmt(v) };
    c.configure_mesh()
        .x_desc(chart.value_label)
        .axis_desc_style(text_style(theme, 13.0, theme.foreground))
        .label_style(text_style(theme, 12.0, theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(6)
        .x_label_formatter(&x_fmt)
        .draw()?;
    let gap = 0.16;
    let y_of = |i: usize| (n - 1 - i) as f64;
    for (i, r) in rows.iter().enumerate() {
        let (y0, y1) = (y_of(i) + gap, y_of(i) + 1.0 - gap);
        let style = if r.hatched { r.colour.mix(0.22).filled() } else { r.colour.filled() };
        c.draw_series(std::iter::once(Rectangle::new([(0.0, y0), (r.value, y1)], style)))?;
        if r.hatched {
            let base = body.get_base_pixel();
            let a = common::local(base, c.backend_coord(&(0.0, y1)));
            let b = common::local(base, c.backend_coord(&(r.value, y0)));
            common::hatch(&body, theme, (a.0, a.1, b.0, b.1), r.colour)?;
            c.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y0), (r.value, y1)],
                r.colour.stroke_width(theme.px(1.0)),
            )))?;
        }
    }
    for (i, r) in rows.iter().enumerate() {
        let Some(e) = r.error.filter(|e| e.is_finite() && *e > 0.0) else { continue };
        let base = body.get_base_pixel();
        let a = common::local(base, c.backend_coord(&(r.value - e, y_of(i) + 0.5)));
        let b = common::local(base, c.backend_coord(&(r.value + e, y_of(i) + 0.5)));
        common::error_bar(&body, theme, a, b)?;
    }
    for g in chart.guides.iter().filter(|g| g.value.is_finite()) {
        let style = g.colour.stroke_width(theme.px(1.5));
        let dash = DashedLineSeries::new(
            vec![(g.value, 0.0), (g.value, n as f64)],
            theme.px(6.0),
            theme.px(4.0),
            style,
        );
        c.draw_series(dash)?;
        let at = anchored(text_style(theme, 11.0, g.colour), HPos::Center, VPos::Bottom);
        let base = body.get_base_pixel();
        let p = common::local(base, c.backend_coord(&(g.value, n as f64)));
        body.draw(&Text::new(g.label.clone(), (p.0, p.1 - theme.px(4.0) as i32), at))?;
    }
    // Row labels left of the axis and annotations past the bar ends; thinned when rows get too thin.
    let base = body.get_base_pixel();
    let row_px = (c.backend_coord(&(0.0, 0.0)).1 - c.backend_coord(&(0.0, 1.0)).1).abs().max(1);
    let every = ((theme.px(13.0) as i32 + row_px - 1) / row_px).max(1) as usize;
    let annotate = row_px >= theme.px(12.0) as i32;
    for (i, r) in rows.iter().enumerate() {
        let y = y_of(i) + 0.5;
        if i % every == 0 {
            let p = common::local(base, c.backend_coord(&(x_range.start, y)));
            let st = anchored(text_style(theme, 12.0, theme.foreground), HPos::Right, VPos::Center);
            body.draw(&Text::new(
                common::truncate(&r.label, MAX_LABEL_CHARS),
                (p.0 - theme.px(8.0) as i32, p.1),
                st,
            ))?;
        }
        if annotate && !r.annotation.is_empty() {
            let e = r.error.filter(|e| e.is_finite()).unwrap_or(0.0).abs();
            let (end, h, dx) = if r.value < 0.0 {
                (r.value - e, HPos::Right, -(theme.px(4.0) as i32))
            } else {
                (r.value + e, HPos::Left, theme.px(4.0) as i32)
            };
            let p = common::local(base, c.backend_coord(&(end, y)));
            let st = anchored(text_style(theme, 11.0, theme.muted), h, VPos::Center);
            body.draw(&Text::new(r.annotation.clone(), (p.0 + dx, p.1), st))?;
        }
    }
    Ok(())
}

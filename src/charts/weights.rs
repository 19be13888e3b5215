//! Mixture component weights (GMM / Bayesian GMM) as vertical bars with the "effective component"
//! threshold (1% by default) as a dashed line: effective components in their segment's colour, the rest
//! grey.

use super::common::{self, anchored, text_style, vertical, LegendEntry, Mark};
use super::{palette, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One mixture component.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// "1", "Component 3", …
    pub label: String,
    /// Mixing weight, 0..1.
    pub weight: f64,
    /// The segment the component became, for its colour.
    pub segment: Option<i32>,
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightsSpec {
    /// Chart title.
    pub title: String,
    /// Every component.
    pub components: Vec<Component>,
    /// Weight at or above which a component counts as effective (0.01 = 1%).
    pub threshold: f64,
    /// Largest weight first (else in the given order).
    pub sorted: bool,
}

/// Colour of negligible components.
pub const NEGLIGIBLE_COLOUR: RGBColor = palette::NOISE_COLOUR;
/// Colour of the threshold line.
pub const THRESHOLD_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Draws the bars; "No data" when no component has a finite weight.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &WeightsSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let mut comps: Vec<&Component> = spec.components.iter().filter(|c| c.weight.is_finite()).collect();
    if comps.is_empty() {
        return common::no_data(area, theme, &spec.title, "There are no mixture components to show.");
    }
    if spec.sorted {
        comps.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    }
    let thr = if spec.threshold.is_finite() { spec.threshold.max(0.0) } else { 0.01 };
    let effective = |c: &Component| c.weight >= thr;
    let colour = |c: &Component| {
        if effective(c) {
            c.segment.map(palette::segment_colour).unwrap_or(common::accent(theme))
        } else {
            NEGLIGIBLE_COLOUR
        }
    };
    let n_eff = comps.iter().filter(|c| effective(c)).count();
    let first_eff = comps.iter().find(|c| effective(c)).map(|c| colour(c)).unwrap_or(common::accent(theme));
    let pct = common::fmt_percent(thr);
    let legend = [
        LegendEntry::new(
            Mark::Swatch(first_eff),
            format!("effective (≥ {pct}): {n_eff}, in segment colours"),
        ),
        LegendEntry::new(
            Mark::Swatch(NEGLIGIBLE_COLOUR),
            format!("negligible (< {pct}): {}", comps.len() - n_eff),
        ),
        LegendEntry::new(Mark::Dashed(THRESHOLD_COLOUR), format!("{pct} threshold")),
    ];
    let body = common::frame(area, theme, &spec.title, &legend)?;
    let n = comps.len();
    let (_, hi) = common::finite_bounds(comps.iter().map(|c| c.weight).chain([thr])).unwrap_or((0.0, 1.0));
    let top = if hi > 0.0 { hi * 1.15 } else { 1.0 };
    let labels: Vec<String> = comps.iter().map(|c| common::truncate(&c.label, 16)).collect();
    let longest = labels.iter().map(|s| common::text_width(theme, 11.0, s)).max().unwrap_or(0);
    let (w, _) = body.dim_in_pixel();
    let slot = (w as f64 - theme.px(90.0) as f64) / n as f64;
    let horizontal = longest as f64 + theme.px(4.0) as f64 <= slot;
    let label_h = theme.px(20.0) + if horizontal { theme.px(16.0) } else { longest as u32 };
    let mut c = ChartBuilder::on(&body)
        .margin(theme.px(12.0))
        .x_label_area_size(label_h.min(theme.px(140.0)))
        .y_label_area_size(theme.px(60.0))
        .build_cartesian_2d(-0.5..(n as f64 - 0.5), 0.0..top)?;
    let fmt = common::tick_formatter(0.0, top * 100.0, 6);
    let yf = move |v: &f64| format!("{}%", fmt(&(v * 100.0)));
    c.configure_mesh()
        .y_desc("weight (share of customers)")
        .x_desc("mixture component")
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
    let half = 0.38;
    c.draw_series(comps.iter().enumerate().map(|(i, comp)| {
        let x = i as f64;
        Rectangle::new([(x - half, 0.0), (x + half, comp.weight.max(0.0))], colour(comp).filled())
    }))?;
    let style = THRESHOLD_COLOUR.stroke_width(theme.px(1.5));
    c.draw_series(DashedLineSeries::new(
        vec![(-0.5, thr), (n as f64 - 0.5, thr)],
        theme.px(7.0),
        theme.px(4.0),
        style,
    ))?;
    let base = body.get_base_pixel();
    let bar_px = slot * 2.0 * half;
    let every = ((theme.px(12.0) as f64 / slot.max(1.0)).ceil() as usize).max(1);
    for (i, (comp, label)) in comps.iter().zip(&labels).enumerate() {
        let x = i as f64;
        let text = common::fmt_percent(comp.weight);
        if common::text_width(theme, 10.0, &text) as f64 <= bar_px + theme.px(6.0) as f64 {
            // Above the threshold line for bars below it, so the line never crosses the text.
            let p = common::local(base, c.backend_coord(&(x, comp.weight.max(thr))));
            let st = anchored(text_style(theme, 10.0, theme.muted), HPos::Center, VPos::Bottom);
            body.draw(&Text::new(text, (p.0, p.1 - theme.px(3.0) as i32), st))?;
        }
        if i % every != 0 {
            continue;
        }
        let p = common::local(base, c.backend_coord(&(x, 0.0)));
        let at = (p.0, p.1 + theme.px(6.0) as i32);
        let st = text_style(theme, 11.0, theme.foreground);
        if horizontal {
            body.draw(&Text::new(label.clone(), at, anchored(st, HPos::Center, VPos::Top)))?;
        } else {
            body.draw(&Text::new(label.clone(), at, vertical(anchored(st, HPos::Right, VPos::Center))))?;
        }
    }
    Ok(())
}

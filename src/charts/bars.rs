//! Horizontal bar chart, one bar per segment (sizes, shares), in segment colours.

use super::{palette::segment_colour, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Segment id, for the colour (−1 = noise).
    pub segment: i32,
}

/// A bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BarSpec {
    pub title: String,
    /// Axis title of the values, with units ("customers").
    pub value_label: String,
    pub bars: Vec<Bar>,
}

/// Draws the bars, largest value scale from zero.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &BarSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    area.fill(&theme.background)?;
    let text = |size: f64| (theme.font, theme.font_px(size)).into_font().color(&theme.foreground);
    let n = spec.bars.len().max(1);
    let max = spec.bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let max = if max > 0.0 { max * 1.12 } else { 1.0 };
    let longest = spec.bars.iter().map(|b| b.label.chars().count()).max().unwrap_or(4).clamp(4, 28);
    let labels: Vec<String> = spec
        .bars
        .iter()
        .map(|b| {
            if b.label.chars().count() > 28 {
                format!("{}…", b.label.chars().take(27).collect::<String>())
            } else {
                b.label.clone()
            }
        })
        .collect();
    let mut chart = ChartBuilder::on(area)
        .caption(&spec.title, text(16.0))
        .margin(theme.px(12.0))
        .x_label_area_size(theme.px(42.0))
        .y_label_area_size(theme.px(16.0 + 7.0 * longest as f64))
        .build_cartesian_2d(0.0..max, (0..n).into_segmented())?;
    chart
        .configure_mesh()
        .x_desc(&spec.value_label)
        .axis_desc_style(text(13.0))
        .label_style(text(12.0).color(&theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => labels.get(*i).cloned().unwrap_or_default(),
            SegmentValue::Last => String::new(),
        })
        .x_labels(6)
        .draw()?;
    let gap = 0.18;
    chart.draw_series(spec.bars.iter().enumerate().map(|(i, b)| {
        let mut bar = Rectangle::new(
            [(0.0, SegmentValue::Exact(i)), (b.value, SegmentValue::Exact(i + 1))],
            segment_colour(b.segment).filled(),
        );
        bar.set_margin(theme.px(30.0 * gap), theme.px(30.0 * gap), 0, 0);
        bar
    }))?;
    chart.draw_series(spec.bars.iter().enumerate().map(|(i, b)| {
        Text::new(
            crate::engine::table::format_number(b.value),
            (b.value + max * 0.01, SegmentValue::CenterOf(i)),
            text(12.0).pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
        )
    }))?;
    Ok(())
}

//! Horizontal bar chart, one bar per segment (sizes, shares), in segment colours, first bar at the top.

use super::hbar::{draw_hbars, HBarChart, HBarRow};
use super::{common, palette::segment_colour, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Display text.
    pub label: String,
    /// The value drawn.
    pub value: f64,
    /// Segment id, for the colour (−1 = noise).
    pub segment: i32,
}

/// A bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BarSpec {
    /// Chart title.
    pub title: String,
    /// Axis title of the values, with units ("customers").
    pub value_label: String,
    /// Bars, top first.
    pub bars: Vec<Bar>,
}

/// An exact whole number ("12345") or about three significant digits.
fn annotation(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        crate::engine::table::format_number(v)
    } else {
        common::fmt_value(v)
    }
}

/// Draws the bars on a value scale from zero (integer ticks for counts); "No data" when no bar has a
/// finite value.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &BarSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    if !spec.bars.iter().any(|b| b.value.is_finite()) {
        return common::no_data(area, theme, &spec.title, "There are no segments to show.");
    }
    let rows: Vec<HBarRow> = spec
        .bars
        .iter()
        .map(|b| HBarRow {
            label: b.label.clone(),
            value: b.value,
            colour: segment_colour(b.segment),
            error: None,
            hatched: false,
            annotation: annotation(b.value),
        })
        .collect();
    let chart = HBarChart {
        title: &spec.title,
        value_label: &spec.value_label,
        rows: &rows,
        guides: &[],
        legend: &[],
        percent: false,
    };
    draw_hbars(area, theme, chart)
}

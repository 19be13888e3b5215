//! Feature importance as horizontal bars (η², permutation importance ± std, …), highest first, with the
//! features suggested for dropping drawn grey and hatched, and a legend saying so.

use super::common::{self, LegendEntry, Mark};
use super::hbar::{draw_hbars, HBarChart, HBarRow};
use super::{ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One feature's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Importance {
    /// Feature name.
    pub feature: String,
    /// The importance score.
    pub score: f64,
    /// ± one standard deviation (permutation importance), drawn as an error bar.
    pub error: Option<f64>,
    /// Drawn grey and hatched.
    pub suggested_drop: bool,
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportanceSpec {
    /// Chart title.
    pub title: String,
    /// What the score is, with units ("η² (share of variance explained by the segments)").
    pub score_label: String,
    /// One entry per feature.
    pub items: Vec<Importance>,
    /// Highest score first (else in the given order).
    pub sorted: bool,
    /// At most this many bars (the first ones after sorting); the legend says how many were left out.
    pub max_items: usize,
}

/// Colour of features suggested for dropping.
pub const DROP_COLOUR: RGBColor = RGBColor(0x88, 0x88, 0x88);

/// Draws the bars; "No data" when no feature has a finite score.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ImportanceSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let mut items: Vec<&Importance> = spec.items.iter().filter(|i| i.score.is_finite()).collect();
    if items.is_empty() {
        return common::no_data(area, theme, &spec.title, "No feature has a score.");
    }
    if spec.sorted {
        items.sort_by(|a, b| b.score.total_cmp(&a.score));
    }
    let total = items.len();
    items.truncate(spec.max_items.max(1));
    let accent = common::accent(theme);
    let rows: Vec<HBarRow> = items
        .iter()
        .map(|i| HBarRow {
            label: i.feature.clone(),
            value: i.score,
            colour: if i.suggested_drop { DROP_COLOUR } else { accent },
            error: i.error.filter(|e| e.is_finite() && *e > 0.0),
            hatched: i.suggested_drop,
            annotation: common::fmt_value(i.score),
        })
        .collect();
    let mut legend = vec![LegendEntry::new(Mark::Swatch(accent), "kept")];
    if items.iter().any(|i| i.suggested_drop) {
        legend.push(LegendEntry::new(Mark::Hatched(DROP_COLOUR), "suggested to drop"));
    }
    if rows.iter().any(|r| r.error.is_some()) {
        legend.push(LegendEntry::new(Mark::Line(theme.muted), "± 1 standard deviation"));
    }
    if total > items.len() {
        legend.push(LegendEntry::new(
            Mark::Swatch(theme.grid),
            format!("{} more not shown", total - items.len()),
        ));
    }
    let chart = HBarChart {
        title: &spec.title,
        value_label: &spec.score_label,
        rows: &rows,
        guides: &[],
        legend: &legend,
        percent: false,
    };
    draw_hbars(area, theme, chart)
}

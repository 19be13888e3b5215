//! RFM charts: customers per named RFM segment as horizontal bars in a fixed colour per segment, and the
//! R × F grid (5 × 5) as a heatmap of customer counts with the mean monetary value of each cell below.
//!
//! Fixed segment colours (Paul Tol's muted/bright families, distinguishable with the common colour-vision
//! deficiencies; "good" segments green/teal/blue, "slipping" warm, "gone" purple/grey):
//!
//! | segment | colour |
//! |---|---|
//! | Champions | #117733 green |
//! | Loyal | #44AA99 teal |
//! | Potential loyalist | #88CCEE cyan |
//! | New | #332288 indigo |
//! | Promising | #DDCC77 sand |
//! | Need attention | #E69F00 orange |
//! | About to sleep | #CC6677 rose |
//! | At risk | #D55E00 vermillion |
//! | Can't lose them | #882255 wine |
//! | Hibernating | #AA4499 purple |
//! | Lost | #888888 grey |

use super::common;
use super::hbar::{draw_hbars, HBarChart, HBarRow};
use super::heatmap::{self, HeatmapSpec};
use super::scale::Scale;
use super::{ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;

const RFM_COLOURS: [(&str, RGBColor); 11] = [
    ("champions", RGBColor(0x11, 0x77, 0x33)),
    ("loyal", RGBColor(0x44, 0xAA, 0x99)),
    ("potentialloyalist", RGBColor(0x88, 0xCC, 0xEE)),
    ("new", RGBColor(0x33, 0x22, 0x88)),
    ("promising", RGBColor(0xDD, 0xCC, 0x77)),
    ("needattention", RGBColor(0xE6, 0x9F, 0x00)),
    ("abouttosleep", RGBColor(0xCC, 0x66, 0x77)),
    ("atrisk", RGBColor(0xD5, 0x5E, 0x00)),
    ("cantlosethem", RGBColor(0x88, 0x22, 0x55)),
    ("hibernating", RGBColor(0xAA, 0x44, 0x99)),
    ("lost", RGBColor(0x88, 0x88, 0x88)),
];

/// Colour of a name that is not one of the eleven RFM segments.
pub const OTHER_COLOUR: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);

/// The fixed colour of a named RFM segment ("Can't lose them", "cant_lose_them" and "CANT LOSE THEM" all
/// match); unknown names get `OTHER_COLOUR`.
pub fn rfm_colour(name: &str) -> RGBColor {
    let key: String = name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    RFM_COLOURS.iter().find(|(k, _)| *k == key).map(|(_, c)| *c).unwrap_or(OTHER_COLOUR)
}

/// Customers per named segment.
#[derive(Debug, Clone, PartialEq)]
pub struct RfmCountsSpec {
    /// Chart title.
    pub title: String,
    /// (segment name, customers), drawn top to bottom in this order.
    pub counts: Vec<(String, f64)>,
}

/// Draws the counts with their shares; "No data" when there is no customer.
pub fn draw_counts<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &RfmCountsSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let total: f64 = spec.counts.iter().map(|c| c.1).filter(|v| v.is_finite() && *v > 0.0).sum();
    if total <= 0.0 {
        return common::no_data(area, theme, &spec.title, "No customer has an RFM segment.");
    }
    let rows: Vec<HBarRow> = spec
        .counts
        .iter()
        .filter(|c| c.1.is_finite())
        .map(|(name, n)| HBarRow {
            label: name.clone(),
            value: n.max(0.0),
            colour: rfm_colour(name),
            error: None,
            hatched: false,
            annotation: format!(
                "{} ({})",
                common::fmt_count(n.max(0.0).round() as usize),
                common::fmt_percent(n.max(0.0) / total)
            ),
        })
        .collect();
    let chart = HBarChart {
        title: &spec.title,
        value_label: "customers",
        rows: &rows,
        guides: &[],
        legend: &[],
        percent: false,
    };
    draw_hbars(area, theme, chart)
}

/// The R × F grid.
#[derive(Debug, Clone, PartialEq)]
pub struct RfmGridSpec {
    /// Chart title.
    pub title: String,
    /// Customers per cell, 25 entries at `(r − 1) · 5 + (f − 1)` for scores r, f in 1..=5.
    pub counts: Vec<f64>,
    /// Mean monetary value per cell, same layout (NaN = none).
    pub mean_monetary: Vec<f64>,
    /// Currency symbol or unit for the monetary note ("€", "USD"); may be empty.
    pub currency: String,
}

/// The heatmap the grid is drawn as: R = 5 (most recent) on the top row, F = 1 in the left column.
pub fn grid_heatmap(spec: &RfmGridSpec) -> HeatmapSpec {
    let at = |v: &[f64], r: usize, f: usize| v.get((r - 1) * 5 + (f - 1)).copied().unwrap_or(f64::NAN);
    let (mut values, mut text, mut note) = (Vec::new(), Vec::new(), Vec::new());
    for r in (1..=5).rev() {
        for f in 1..=5 {
            let n = at(&spec.counts, r, f);
            values.push(n);
            text.push(if n.is_finite() {
                common::fmt_count(n.max(0.0).round() as usize)
            } else {
                "–".into()
            });
            let m = at(&spec.mean_monetary, r, f);
            note.push(if m.is_finite() && n > 0.0 {
                format!("avg {}{}", spec.currency, common::fmt_value(m))
            } else {
                String::new()
            });
        }
    }
    HeatmapSpec {
        title: spec.title.clone(),
        rows: (1..=5).rev().map(|r| format!("R {r}")).collect(),
        cols: (1..=5).map(|f| format!("F {f}")).collect(),
        values,
        cell_text: text,
        cell_note: note,
        decimals: 0,
        scale: Scale::Sequential { max: None },
        legend_label: "customers".to_string(),
        row_title: "recency score (5 = most recent)".to_string(),
        col_title: "frequency score (5 = most frequent)".to_string(),
        row_segments: Vec::new(),
    }
}

/// Draws the grid; "No data" when every cell is empty.
pub fn draw_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &RfmGridSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    if !spec.counts.iter().any(|c| c.is_finite() && *c > 0.0) {
        return common::no_data(area, theme, &spec.title, "No customer has R and F scores.");
    }
    heatmap::draw(area, &grid_heatmap(spec), theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_loosely_and_colours_are_distinct() {
        assert_eq!(rfm_colour("Can't lose them"), rfm_colour("cant_lose_them"));
        assert_eq!(rfm_colour("POTENTIAL LOYALIST"), RFM_COLOURS[2].1);
        assert_eq!(rfm_colour("VIP"), OTHER_COLOUR);
        let mut seen = std::collections::HashSet::new();
        assert!(RFM_COLOURS.iter().all(|(_, c)| seen.insert((c.0, c.1, c.2))));
    }

    #[test]
    fn the_grid_puts_recent_rows_on_top() {
        let mut counts = vec![0.0; 25];
        counts[4 * 5] = 7.0; // r = 5, f = 1
        let h = grid_heatmap(&RfmGridSpec {
            title: "t".into(),
            counts,
            mean_monetary: vec![],
            currency: "€".into(),
        });
        assert_eq!(h.rows[0], "R 5");
        assert_eq!(h.values[0], 7.0);
        assert_eq!(h.cell_text[0], "7");
    }
}

//! Drift between the training file and a scored file: segment shares side by side (training hatched,
//! scored solid, in segment colours, with the change in percentage points), and the population stability
//! index per feature with the usual 0.1 ("moderate") and 0.25 ("major") guide lines.

use super::common::{self, anchored, text_style, LegendEntry, Mark};
use super::hbar::{draw_hbars, Guide, HBarChart, HBarRow};
use super::{palette::segment_colour, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One segment's share in each file (0..1).
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRow {
    /// Segment id, for the colour (−1 = noise).
    pub segment: i32,
    /// Display name.
    pub name: String,
    /// Share in the training file.
    pub training: f64,
    /// Share in the scored file.
    pub scored: f64,
}

/// Segment shares, training vs scored.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareShiftSpec {
    /// Chart title.
    pub title: String,
    /// One row per segment, left to right.
    pub rows: Vec<ShareRow>,
}

/// Draws the grouped bars; "No data" when no segment has both shares.
pub fn draw_shares<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ShareShiftSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let rows: Vec<&ShareRow> =
        spec.rows.iter().filter(|r| r.training.is_finite() && r.scored.is_finite()).collect();
    if rows.is_empty() {
        return common::no_data(area, theme, &spec.title, "There are no segment shares to compare.");
    }
    let legend = [
        LegendEntry::new(Mark::Hatched(theme.muted), "training file"),
        LegendEntry::new(Mark::Swatch(theme.muted), "scored file"),
    ];
    let body = common::frame(area, theme, &spec.title, &legend)?;
    let n = rows.len();
    let hi = rows.iter().flat_map(|r| [r.training, r.scored]).fold(0.0_f64, f64::max);
    let top = if hi > 0.0 { (hi * 1.18).min(1.1) } else { 1.0 };
    let names: Vec<String> = rows.iter().map(|r| common::truncate(&r.name, 18)).collect();
    let longest = names.iter().map(|s| common::text_width(theme, 11.0, s)).max().unwrap_or(0);
    let (w, _) = body.dim_in_pixel();
    let slot = (w as f64 - theme.px(90.0) as f64) / n as f64;
    let horizontal = longest as f64 + theme.px(4.0) as f64 <= slot;
    let label_h = theme.px(14.0) + if horizontal { theme.px(16.0) } else { longest as u32 };
    let mut c = ChartBuilder::on(&body)
        .margin(theme.px(12.0))
        .x_label_area_size(label_h.min(theme.px(140.0)))
        .y_label_area_size(theme.px(60.0))
        .build_cartesian_2d(-0.5..(n as f64 - 0.5), 0.0..top)?;
    let fmt = common::tick_formatter(0.0, top * 100.0, 6);
    let yf = move |v: &f64| format!("{}%", fmt(&(v * 100.0)));
    c.configure_mesh()
        .y_desc("share of customers")
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
    for (i, (r, name)) in rows.iter().zip(&names).enumerate() {
        let x = i as f64;
        let colour = segment_colour(r.segment);
        let train = [(x - 0.38, 0.0), (x - 0.01, r.training.max(0.0))];
        c.draw_series(std::iter::once(Rectangle::new(train, colour.mix(0.25).filled())))?;
        let a = common::local(base, c.backend_coord(&train[0]));
        let b = common::local(base, c.backend_coord(&train[1]));
        common::hatch(&body, theme, (a.0, a.1, b.0, b.1), colour)?;
        c.draw_series(std::iter::once(Rectangle::new(train, colour.stroke_width(theme.px(1.0)))))?;
        let scored = [(x + 0.01, 0.0), (x + 0.38, r.scored.max(0.0))];
        c.draw_series(std::iter::once(Rectangle::new(scored, colour.filled())))?;
        let pp = (r.scored - r.training) * 100.0;
        let shift =
            if pp.abs() < 0.05 { "±0 pp".to_string() } else { format!("{pp:+.1} pp").replace('-', "−") };
        if common::text_width(theme, 10.0, &shift) as f64 <= slot {
            let p = common::local(base, c.backend_coord(&(x, r.training.max(r.scored).max(0.0))));
            let st = anchored(text_style(theme, 10.0, theme.muted), HPos::Center, VPos::Bottom);
            body.draw(&Text::new(shift, (p.0, p.1 - theme.px(4.0) as i32), st))?;
        }
        let p = common::local(base, c.backend_coord(&(x, 0.0)));
        let at = (p.0, p.1 + theme.px(6.0) as i32);
        let st = text_style(theme, 11.0, theme.foreground);
        if horizontal {
            body.draw(&Text::new(name.clone(), at, anchored(st, HPos::Center, VPos::Top)))?;
        } else {
            let st = common::vertical(anchored(st, HPos::Right, VPos::Center));
            body.draw(&Text::new(name.clone(), at, st))?;
        }
    }
    Ok(())
}

/// Population stability index per feature.
#[derive(Debug, Clone, PartialEq)]
pub struct PsiSpec {
    /// Chart title.
    pub title: String,
    /// (feature, PSI).
    pub features: Vec<(String, f64)>,
    /// Guide for a moderate shift (usually 0.1).
    pub moderate: f64,
    /// Guide for a major shift (usually 0.25).
    pub major: f64,
    /// Largest PSI first (else in the given order).
    pub sorted: bool,
}

/// Bar colours by level: stable, moderate, major.
pub const PSI_COLOURS: [RGBColor; 3] =
    [RGBColor(0x00, 0x9E, 0x73), RGBColor(0xE6, 0x9F, 0x00), RGBColor(0xD5, 0x5E, 0x00)];

/// Draws the PSI bars; "No data" when no feature has a finite PSI.
pub fn draw_psi<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &PsiSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let mut feats: Vec<&(String, f64)> = spec.features.iter().filter(|f| f.1.is_finite()).collect();
    if feats.is_empty() {
        return common::no_data(area, theme, &spec.title, "No feature could be compared.");
    }
    if spec.sorted {
        feats.sort_by(|a, b| b.1.total_cmp(&a.1));
    }
    let (moderate, major) = (spec.moderate, spec.major);
    let level = |v: f64| {
        if v >= major {
            2
        } else if v >= moderate {
            1
        } else {
            0
        }
    };
    let rows: Vec<HBarRow> = feats
        .iter()
        .map(|(name, v)| HBarRow {
            label: name.clone(),
            value: *v,
            colour: PSI_COLOURS[level(*v)],
            error: None,
            hatched: false,
            annotation: common::fmt_value(*v),
        })
        .collect();
    let (m, j) = (common::fmt_short(moderate), common::fmt_short(major));
    let legend = [
        LegendEntry::new(Mark::Swatch(PSI_COLOURS[0]), format!("stable (< {m})")),
        LegendEntry::new(Mark::Swatch(PSI_COLOURS[1]), format!("moderate shift ({m}–{j})")),
        LegendEntry::new(Mark::Swatch(PSI_COLOURS[2]), format!("major shift (≥ {j})")),
    ];
    let guides = [
        Guide { value: moderate, label: "moderate".into(), colour: PSI_COLOURS[1] },
        Guide { value: major, label: "major".into(), colour: PSI_COLOURS[2] },
    ];
    let chart = HBarChart {
        title: &spec.title,
        value_label: "population stability index (PSI)",
        rows: &rows,
        guides: &guides,
        legend: &legend,
        percent: false,
    };
    draw_hbars(area, theme, chart)
}

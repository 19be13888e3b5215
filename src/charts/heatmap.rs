//! Matrix heatmap: rows × columns of coloured cells with the value printed where the cell is big enough,
//! row names (optionally with a segment swatch), column names (horizontal, or vertical and truncated with
//! an ellipsis when the columns are narrow) and a colour bar. Used for segment profiles (z-scores), feature
//! correlations (r) and the RFM R × F grid (counts).

use super::common::{self, anchored, text_style, vertical};
use super::scale::Scale;
use super::{palette::segment_colour, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Rectangles in the colour bar.
pub const COLOURBAR_STEPS: usize = 32;
/// Longest row or column name kept before truncation with an ellipsis.
pub const MAX_LABEL_CHARS: usize = 24;

/// A matrix to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapSpec {
    /// Chart title.
    pub title: String,
    /// Row names, top first.
    pub rows: Vec<String>,
    /// Column names, left first.
    pub cols: Vec<String>,
    /// Row-major `rows × cols` values; NaN (or a missing entry) = no value, drawn as an empty cell.
    pub values: Vec<f64>,
    /// Text per cell, row-major; empty = the value with `decimals` decimals.
    pub cell_text: Vec<String>,
    /// A smaller second line per cell (e.g. mean monetary), row-major; empty for none.
    pub cell_note: Vec<String>,
    /// Decimals of the printed cell values.
    pub decimals: usize,
    /// How values map to colours.
    pub scale: Scale,
    /// Title of the colour bar, with units ("z-score", "r", "customers").
    pub legend_label: String,
    /// Axis titles; empty for none.
    pub row_title: String,
    /// Title of the column axis; empty for none.
    pub col_title: String,
    /// Segment id per row, shown as a colour swatch before its name; empty for none.
    pub row_segments: Vec<i32>,
}

/// A segment profile: segments × features, cells = z-scores on a diverging scale clamped at ±2.5.
pub fn profile(title: &str, segments: &[(i32, String)], features: &[String], z: Vec<f64>) -> HeatmapSpec {
    HeatmapSpec {
        title: title.to_string(),
        rows: segments.iter().map(|s| s.1.clone()).collect(),
        cols: features.to_vec(),
        values: z,
        cell_text: Vec::new(),
        cell_note: Vec::new(),
        decimals: 1,
        scale: Scale::Diverging { limit: 2.5 },
        legend_label: "z-score".to_string(),
        row_title: String::new(),
        col_title: String::new(),
        row_segments: segments.iter().map(|s| s.0).collect(),
    }
}

/// Category shares by segment: segments × levels ("Channel: Retail"), each cell's text its share ("85%")
/// and its colour how much more (red) or less (blue) common the level is in the segment than among all
/// customers, in percentage points, full strength at 50.
pub fn category_shares(
    title: &str,
    segments: &[(i32, String)],
    levels: &[String],
    shares: Vec<String>,
    points: Vec<f64>,
) -> HeatmapSpec {
    HeatmapSpec {
        cell_text: shares,
        decimals: 0,
        scale: Scale::Diverging { limit: 50.0 },
        legend_label: "points vs all".to_string(),
        ..profile(title, segments, levels, points)
    }
}

/// A correlation matrix: features × features, r in −1..1.
pub fn correlation(title: &str, features: &[String], r: Vec<f64>) -> HeatmapSpec {
    HeatmapSpec {
        title: title.to_string(),
        rows: features.to_vec(),
        cols: features.to_vec(),
        values: r,
        cell_text: Vec::new(),
        cell_note: Vec::new(),
        decimals: 2,
        scale: Scale::Diverging { limit: 1.0 },
        legend_label: "Pearson r".to_string(),
        row_title: String::new(),
        col_title: String::new(),
        row_segments: Vec::new(),
    }
}

fn cell_label(spec: &HeatmapSpec, i: usize, v: f64) -> String {
    cell_text(spec, i, v, spec.decimals)
}

/// The text of cell `i` (value `v`) at `decimals` places, signed on a diverging scale: the chart writes it at
/// the spec's places, its Values table at two or more.
pub(crate) fn cell_text(spec: &HeatmapSpec, i: usize, v: f64, decimals: usize) -> String {
    match spec.cell_text.get(i).filter(|t| !t.is_empty()) {
        Some(t) => t.clone(),
        None if !v.is_finite() => "–".to_string(),
        None if matches!(spec.scale, Scale::Diverging { .. }) && v > 0.0 => format!("+{v:.*}", decimals),
        None => format!("{v:.*}", decimals).replace('-', "−"),
    }
}

/// Draws the heatmap; "No data" when there is no row, no column or no finite value.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &HeatmapSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let (nr, nc) = (spec.rows.len(), spec.cols.len());
    let value = |r: usize, c: usize| spec.values.get(r * nc + c).copied().unwrap_or(f64::NAN);
    let cells = (0..nr).flat_map(|r| (0..nc).map(move |c| (r, c)));
    let Some((data_min, data_max)) = common::finite_bounds(cells.map(|(r, c)| value(r, c))) else {
        return common::no_data(area, theme, &spec.title, "There is no value to show.");
    };
    let body = common::frame(area, theme, &spec.title, &[])?;
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    let px = |v: f64| theme.px(v) as f64;
    let m = px(10.0);
    let row_title_w = if spec.row_title.is_empty() { 0.0 } else { px(24.0) };
    let swatch_w = if spec.row_segments.is_empty() { 0.0 } else { px(18.0) };
    let rows: Vec<String> = spec.rows.iter().map(|s| common::truncate(s, MAX_LABEL_CHARS)).collect();
    let longest_row = rows.iter().map(|s| common::text_width(theme, 12.0, s)).max().unwrap_or(0) as f64;
    let label_w = (longest_row + px(10.0)).min(w * 0.35);
    // On a narrow canvas the names are cut to the room they get (a phone cut "Mostly channel 1" at the left).
    let row_chars = ((label_w - px(10.0)) / (0.6 * theme.font_px(12.0))).max(3.0) as usize;
    let rows: Vec<String> = rows.iter().map(|s| common::truncate(s, row_chars)).collect();
    let bar_w = px(92.0);
    let gx0 = m + row_title_w + swatch_w + label_w;
    let gw = (w - gx0 - bar_w - m).max(1.0);
    let cw = gw / nc as f64;
    let cols: Vec<String> =
        spec.cols.iter().map(|s| common::truncate_keeping_detail(s, MAX_LABEL_CHARS)).collect();
    let longest_col = cols.iter().map(|s| common::text_width(theme, 11.0, s)).max().unwrap_or(0) as f64;
    let horizontal = longest_col + px(6.0) <= cw;
    let col_label_h = if horizontal { px(22.0) } else { (longest_col + px(10.0)).min(h * 0.4) };
    let col_chars = ((col_label_h - px(10.0)) / (0.6 * theme.font_px(11.0))).max(3.0) as usize;
    let col_title_h = if spec.col_title.is_empty() { 0.0 } else { px(22.0) };
    let gy0 = m;
    let gh = (h - 2.0 * m - col_label_h - col_title_h).max(1.0);
    let ch = gh / nr as f64;
    let domain = spec.scale.domain(data_max);
    let gap = if cw >= px(8.0) && ch >= px(8.0) { 1.0 } else { 0.0 };
    for r in 0..nr {
        for c in 0..nc {
            let (x0, y0) = (gx0 + c as f64 * cw, gy0 + r as f64 * ch);
            let (x1, y1) = (x0 + cw, y0 + ch);
            let v = value(r, c);
            let fill = if v.is_finite() { spec.scale.colour(v, domain, theme) } else { theme.grid };
            let rect = [
                ((x0 + gap).round() as i32, (y0 + gap).round() as i32),
                ((x1 - gap).round() as i32, (y1 - gap).round() as i32),
            ];
            body.draw(&Rectangle::new(rect, fill.filled()))?;
            let i = r * nc + c;
            let t = cell_label(spec, i, v);
            let note = spec.cell_note.get(i).filter(|n| !n.is_empty());
            let fits = |s: &str, size: f64| common::text_width(theme, size, s) as f64 + px(4.0) <= cw;
            if ch < px(15.0) || !fits(&t, 11.0) {
                continue;
            }
            let ink = if v.is_finite() { common::ink_on(fill) } else { theme.muted };
            let (cx, cy) = (((x0 + x1) / 2.0) as i32, ((y0 + y1) / 2.0) as i32);
            let two = note.is_some_and(|n| ch >= px(32.0) && fits(n, 10.0));
            let ty = if two { cy - px(7.0) as i32 } else { cy };
            let st = anchored(text_style(theme, 11.0, ink), HPos::Center, VPos::Center);
            body.draw(&Text::new(t, (cx, ty), st))?;
            if let (true, Some(n)) = (two, note) {
                let st = anchored(text_style(theme, 10.0, ink), HPos::Center, VPos::Center);
                body.draw(&Text::new(n.clone(), (cx, cy + px(8.0) as i32), st))?;
            }
        }
    }
    // Row names (and swatches), thinned when rows are thinner than the text.
    let every = (px(12.0) / ch).ceil().max(1.0) as usize;
    for (r, name) in rows.iter().enumerate() {
        let cy = (gy0 + (r as f64 + 0.5) * ch) as i32;
        if let Some(&seg) = spec.row_segments.get(r) {
            let s = (px(5.0) as i32).min((ch / 2.0) as i32).max(1);
            let x = (gx0 - swatch_w) as i32;
            body.draw(&Rectangle::new([(x, cy - s), (x + 2 * s, cy + s)], segment_colour(seg).filled()))?;
        }
        if r % every == 0 {
            let st = anchored(text_style(theme, 12.0, theme.foreground), HPos::Right, VPos::Center);
            body.draw(&Text::new(name.clone(), ((gx0 - swatch_w - px(6.0)) as i32, cy), st))?;
        }
    }
    // Column names under the grid.
    let gy1 = gy0 + gh;
    let every = if horizontal { 1 } else { (px(12.0) / cw).ceil().max(1.0) as usize };
    for (c, name) in cols.iter().enumerate().filter(|(c, _)| c % every == 0) {
        let cx = (gx0 + (c as f64 + 0.5) * cw) as i32;
        let y = (gy1 + px(4.0)) as i32;
        let base = text_style(theme, 11.0, theme.foreground);
        if horizontal {
            body.draw(&Text::new(name.clone(), (cx, y), anchored(base, HPos::Center, VPos::Top)))?;
        } else {
            let st = vertical(anchored(base, HPos::Right, VPos::Center));
            body.draw(&Text::new(common::truncate_keeping_detail(name, col_chars), (cx, y), st))?;
        }
    }
    let axis_title = anchored(text_style(theme, 12.0, theme.muted), HPos::Center, VPos::Center);
    if !spec.col_title.is_empty() {
        let at = ((gx0 + gw / 2.0) as i32, (gy1 + col_label_h + col_title_h / 2.0) as i32);
        body.draw(&Text::new(spec.col_title.clone(), at, axis_title.clone()))?;
    }
    if !spec.row_title.is_empty() {
        let at = ((m + row_title_w / 2.0) as i32, (gy0 + gh / 2.0) as i32);
        body.draw(&Text::new(spec.row_title.clone(), at, vertical(axis_title)))?;
    }
    let clamped = (data_min < domain.0, data_max > domain.1);
    draw_colour_bar(&body, spec, theme, (domain, clamped), (w - bar_w + px(12.0), gy0, gh))
}

fn draw_colour_bar<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    spec: &HeatmapSpec,
    theme: &Theme,
    (domain, clamped): ((f64, f64), (bool, bool)),
    (x, top, avail): (f64, f64, f64),
) -> Result<(), ChartError> {
    let px = |v: f64| theme.px(v) as f64;
    let title = anchored(text_style(theme, 11.0, theme.foreground), HPos::Left, VPos::Top);
    body.draw(&Text::new(common::truncate(&spec.legend_label, 14), (x as i32, top as i32), title))?;
    let y0 = top + px(20.0);
    let len = (avail - px(20.0)).clamp(px(40.0), px(240.0));
    let bw = px(14.0);
    let step = len / COLOURBAR_STEPS as f64;
    for i in 0..COLOURBAR_STEPS {
        // Top = the high end.
        let t = 1.0 - (i as f64 + 0.5) / COLOURBAR_STEPS as f64;
        let colour = spec.scale.colour(domain.0 + t * (domain.1 - domain.0), domain, theme);
        let a = (x as i32, (y0 + i as f64 * step).round() as i32);
        let b = ((x + bw) as i32, (y0 + (i + 1) as f64 * step).round() as i32);
        body.draw(&Rectangle::new([a, b], colour.filled()))?;
    }
    let diverging = matches!(spec.scale, Scale::Diverging { .. });
    let ticks: &[f64] = if diverging { &[0.0, 0.25, 0.5, 0.75, 1.0] } else { &[0.0, 0.5, 1.0] };
    for &t in ticks {
        let v = domain.0 + t * (domain.1 - domain.0);
        let y = (y0 + (1.0 - t) * len) as i32;
        let mut label = common::fmt_short(v);
        // Ends that clamp real values read "≤ −2.5" / "≥ 2.5".
        if clamped.0 && t == 0.0 {
            label = format!("≤ {label}");
        } else if clamped.1 && t == 1.0 {
            label = format!("≥ {label}");
        }
        let tick = theme.muted.stroke_width(theme.px(1.0));
        body.draw(&PathElement::new(vec![((x + bw) as i32, y), ((x + bw + px(4.0)) as i32, y)], tick))?;
        let st = anchored(text_style(theme, 11.0, theme.muted), HPos::Left, VPos::Center);
        body.draw(&Text::new(label, ((x + bw + px(7.0)) as i32, y), st))?;
    }
    Ok(())
}

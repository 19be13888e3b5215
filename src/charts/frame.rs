//! The frame every chart shares: background, title, a legend strip under the title, and the friendly
//! "No data" panel for empty or degenerate input.

use super::common::{anchored, hatch, text_style, text_width};
use super::format::truncate;
use super::{ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Draws the background and a centred "No data" message under the title; the friendly answer to empty
/// or degenerate input.
pub fn no_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    title: &str,
    message: &str,
) -> Result<(), ChartError> {
    let body = frame(area, theme, title, &[])?;
    let (w, h) = body.dim_in_pixel();
    let centre = (w as i32 / 2, h as i32 / 2);
    let big = anchored(text_style(theme, 15.0, theme.foreground), HPos::Center, VPos::Center);
    body.draw(&Text::new("No data".to_string(), (centre.0, centre.1 - theme.px(12.0) as i32), big))?;
    let small = anchored(text_style(theme, 12.0, theme.muted), HPos::Center, VPos::Center);
    body.draw(&Text::new(message.to_string(), (centre.0, centre.1 + theme.px(10.0) as i32), small))?;
    Ok(())
}

/// What a legend entry shows next to its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A filled square.
    Swatch(RGBColor),
    /// A light square with diagonal hatching.
    Hatched(RGBColor),
    /// A solid line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A dot.
    Dot(RGBColor),
    /// A hollow ring.
    Ring(RGBColor),
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// The symbol drawn before the text.
    pub mark: Mark,
    /// Display text.
    pub label: String,
}

impl LegendEntry {
    /// An entry showing `mark` before `label`.
    pub fn new(mark: Mark, label: impl Into<String>) -> LegendEntry {
        LegendEntry { mark, label: label.into() }
    }
}

const LEGEND_FONT: f64 = 12.0;

/// Lays legend entries out in rows no wider than `width`: (row, x offset) per entry, and the row count.
fn legend_layout(theme: &Theme, width: i32, labels: &[String]) -> (Vec<(i32, i32)>, i32) {
    let gap = theme.px(18.0) as i32;
    let mark = theme.px(22.0) as i32;
    let mut rows = Vec::with_capacity(labels.len());
    let (mut row, mut x) = (0, 0);
    for label in labels {
        let w = mark + text_width(theme, LEGEND_FONT, label);
        if x > 0 && x + w > width {
            row += 1;
            x = 0;
        }
        rows.push((row, x));
        x += w + gap;
    }
    (rows, if labels.is_empty() { 0 } else { row + 1 })
}

/// The smallest chart area, in CSS pixels, that a chart is drawn on (below it layouts would invert).
pub const MIN_SIZE: (f64, f64) = (200.0, 140.0);

/// Fills the background, draws the title and (below it) the legend, and returns the area left for the
/// plot. An area smaller than `MIN_SIZE` gets only its background and an error (never a panic).
pub fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    title: &str,
    legend: &[LegendEntry],
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    area.fill(&theme.background)?;
    let (w, h) = area.dim_in_pixel();
    if w < theme.px(MIN_SIZE.0) || h < theme.px(MIN_SIZE.1) {
        return Err(ChartError(format!("the chart area is {w}×{h} pixels, too small to draw on")));
    }
    let title_h = theme.px(34.0);
    let (top, rest) = area.split_vertically(title_h);
    let margin = theme.px(16.0) as i32;
    // Text is cut to the width it gets, so a phone shows "Segment 1 · Most…" instead of losing both ends past
    // the canvas. Estimated at 0.52 em a character (the sans-serif's average), not `text_width`'s generous
    // 0.6: a cut title where the whole one fits would be worse than one that runs a little wide.
    let fits = |size: f64, room: i32| ((room.max(0) as f64 / (0.52 * theme.font_px(size))) as usize).max(6);
    let style = anchored(text_style(theme, 16.0, theme.foreground), HPos::Center, VPos::Center);
    let title = truncate(title, fits(16.0, w as i32 - 2 * margin).min(90));
    top.draw(&Text::new(title, (w as i32 / 2, title_h as i32 / 2 + 2), style))?;
    if legend.is_empty() {
        return Ok(rest);
    }
    let mark = theme.px(22.0) as i32;
    let room = fits(LEGEND_FONT, w as i32 - 2 * margin - mark);
    let labels: Vec<String> = legend.iter().map(|e| truncate(&e.label, room)).collect();
    let (pos, rows) = legend_layout(theme, w as i32 - 2 * margin, &labels);
    let row_h = theme.px(20.0) as i32;
    let (strip, body) = rest.split_vertically(rows * row_h + theme.px(4.0) as i32);
    // Centre each row.
    let mut row_width = vec![0; rows as usize];
    for (label, &(r, x)) in labels.iter().zip(&pos) {
        let end = x + mark + text_width(theme, LEGEND_FONT, label);
        row_width[r as usize] = row_width[r as usize].max(end);
    }
    for ((e, label), &(r, x)) in legend.iter().zip(labels).zip(&pos) {
        // centred, but never starting left of the margin (the estimate runs wider than the text)
        let left = ((w as i32 - row_width[r as usize]) / 2).max(margin) + x;
        let cy = r * row_h + row_h / 2;
        draw_mark(&strip, theme, e.mark, (left, cy))?;
        let style = anchored(text_style(theme, LEGEND_FONT, theme.foreground), HPos::Left, VPos::Center);
        strip.draw(&Text::new(label, (left + mark, cy), style))?;
    }
    Ok(body)
}

fn draw_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    mark: Mark,
    (x, cy): (i32, i32),
) -> Result<(), ChartError> {
    let s = theme.px(6.0) as i32;
    let line = |c: RGBColor| c.stroke_width(theme.px(2.0));
    match mark {
        Mark::Swatch(c) => area.draw(&Rectangle::new([(x, cy - s), (x + 2 * s, cy + s)], c.filled()))?,
        Mark::Hatched(c) => {
            area.draw(&Rectangle::new([(x, cy - s), (x + 2 * s, cy + s)], c.mix(0.25).filled()))?;
            hatch(area, theme, (x, cy - s, x + 2 * s, cy + s), c)?;
        }
        Mark::Line(c) => area.draw(&PathElement::new(vec![(x, cy), (x + 2 * s + 2, cy)], line(c)))?,
        Mark::Dashed(c) => {
            area.draw(&PathElement::new(vec![(x, cy), (x + s - 1, cy)], line(c)))?;
            area.draw(&PathElement::new(vec![(x + s + 2, cy), (x + 2 * s + 2, cy)], line(c)))?;
        }
        Mark::Dot(c) => area.draw(&Circle::new((x + s, cy), theme.px(4.0), c.filled()))?,
        Mark::Ring(c) => {
            area.draw(&Circle::new((x + s, cy), theme.px(5.0), c.stroke_width(theme.px(2.0))))?
        }
    }
    Ok(())
}

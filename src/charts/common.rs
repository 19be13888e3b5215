//! Drawing helpers shared by the charts: text styles, the title + legend frame, the "No data" panel, tick
//! and value formatting, hatching. Sizes go through `Theme::px` / `Theme::font_px`; no DOM code here.

use super::{ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};

/// A text style of `size` CSS pixels in `colour` (owns nothing borrowed, so it outlives any local colour).
pub fn text_style(theme: &Theme, size: f64, colour: RGBColor) -> TextStyle<'static> {
    let font = FontDesc::new(FontFamily::Name(theme.font), theme.font_px(size), FontStyle::Normal);
    TextStyle { font, color: colour.to_backend_color(), pos: Pos::new(HPos::Left, VPos::Top) }
}

/// `style` anchored at (`h`, `v`).
pub fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// `style` rotated to read bottom-to-top.
pub fn vertical(style: TextStyle<'static>) -> TextStyle<'static> {
    style.transform(FontTransform::Rotate270)
}

/// A generous width estimate of `text` at `size` CSS pixels, in device pixels (the native backend has
/// no font metrics, so layouts reserve room by this estimate rather than by measuring).
pub fn text_width(theme: &Theme, size: f64, text: &str) -> i32 {
    (text.chars().count() as f64 * 0.6 * theme.font_px(size)).ceil() as i32
}

/// `s` cut to at most `max` characters, with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let keep: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", keep.trim_end())
    }
}

/// The smallest and largest finite value, or `None` when there is none.
pub fn finite_bounds(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    lo.is_finite().then_some((lo, hi))
}

/// `lo..hi` widened by `frac` of its span on both sides; a zero span gets a unit-sized window.
pub fn padded(lo: f64, hi: f64, frac: f64) -> std::ops::Range<f64> {
    let span = hi - lo;
    let tiny = 1e-12 * lo.abs().max(hi.abs()).max(1e-300);
    if span.is_nan() || span <= tiny {
        let pad = if lo.abs() > 0.0 { lo.abs() * 0.1 } else { 1.0 };
        return (lo - pad)..(hi + pad);
    }
    (lo - span * frac)..(hi + span * frac)
}

/// The smallest 1/2/5 × 10ⁿ step that puts at most `n` ticks on `lo..hi` (plotters never picks a finer one).
fn finest_step(lo: f64, hi: f64, n: usize) -> f64 {
    let span = (hi - lo).abs().max(1e-300);
    let mut step = 10f64.powf((span / n.max(1) as f64).log10().floor() - 1.0);
    for _ in 0..40 {
        for m in [1.0, 2.0, 5.0] {
            let s = step * m;
            if (span / s).floor() + 1.0 <= n as f64 {
                return s;
            }
        }
        step *= 10.0;
    }
    span
}

/// Evenly spaced 1/2/5 × 10ⁿ ticks inside `lo..hi`, at most `n` of them (at least the two ends when
/// the span is degenerate).
pub fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![lo, hi].into_iter().filter(|v| v.is_finite()).collect();
    }
    let step = finest_step(lo, hi, n.max(2));
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .take(1_000)
        .map(|i| i as f64 * step)
        .map(|v| if v.abs() < step * 1e-9 { 0.0 } else { v })
        .collect()
}

/// A tick-label formatter for an axis over `lo..hi` with about `n` ticks: as few decimals as the tick step
/// needs (counts print "100", not "100.0"), and k / M / G suffixes for large magnitudes.
pub fn tick_formatter(lo: f64, hi: f64, n: usize) -> impl Fn(&f64) -> String {
    let step = finest_step(lo, hi, n);
    let big = lo.abs().max(hi.abs());
    let (div, suffix) = match big {
        b if b >= 1e9 => (1e9, "G"),
        b if b >= 1e6 => (1e6, "M"),
        b if b >= 1e4 => (1e3, "k"),
        _ => (1.0, ""),
    };
    let decimals = (-(step / div).log10().floor()).clamp(0.0, 8.0) as usize;
    move |v: &f64| {
        let x = v / div;
        if x.abs() < 0.5 * 10f64.powi(-(decimals as i32)) {
            return if div > 1.0 { "0".to_string() } else { format!("{:.decimals$}", 0.0) };
        }
        format!("{x:.decimals$}{suffix}").replace('-', "−")
    }
}

/// A value for a label: about three significant digits, thousands as k / M / G.
pub fn fmt_value(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let a = v.abs();
    let (x, suffix) = match a {
        a if a >= 1e9 => (v / 1e9, "G"),
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e4 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    let xa = x.abs();
    let s = if xa >= 100.0 || (suffix.is_empty() && x.fract() == 0.0) {
        format!("{x:.0}")
    } else if xa >= 10.0 {
        format!("{x:.1}")
    } else if xa >= 0.01 || xa == 0.0 {
        format!("{x:.2}")
    } else if xa >= 0.0001 {
        // Two significant digits, trailing zeros dropped.
        let d = (1.0 - xa.log10().floor()) as usize;
        format!("{x:.d$}").trim_end_matches('0').to_string()
    } else {
        format!("{x:.1e}")
    };
    format!("{s}{suffix}").replace('-', "−")
}

/// A tick value with the fewest decimals (up to 2) that show it exactly; large values as `fmt_value`.
/// Negative values get a true minus sign.
pub fn fmt_short(v: f64) -> String {
    if !v.is_finite() || v.abs() >= 100.0 {
        return fmt_value(v).replace('-', "−");
    }
    let d = (0..2).find(|&d| ((v * 10f64.powi(d)).round() / 10f64.powi(d) - v).abs() < 1e-9).unwrap_or(2);
    let s = format!("{v:.*}", d as usize);
    if s.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        "0".to_string()
    } else {
        s.replace('-', "−")
    }
}

/// A share 0..1 as a percentage label ("12.5%").
pub fn fmt_percent(v: f64) -> String {
    let p = v * 100.0;
    if !p.is_finite() {
        "–".to_string()
    } else if p.abs() >= 10.0 || p == 0.0 || (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

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
    pub mark: Mark,
    pub label: String,
}

impl LegendEntry {
    pub fn new(mark: Mark, label: impl Into<String>) -> LegendEntry {
        LegendEntry { mark, label: label.into() }
    }
}

const LEGEND_FONT: f64 = 12.0;

/// Lays legend entries out in rows no wider than `width`: (row, x offset) per entry, and the row count.
fn legend_layout(theme: &Theme, width: i32, entries: &[LegendEntry]) -> (Vec<(i32, i32)>, i32) {
    let gap = theme.px(18.0) as i32;
    let mark = theme.px(22.0) as i32;
    let mut rows = Vec::with_capacity(entries.len());
    let (mut row, mut x) = (0, 0);
    for e in entries {
        let w = mark + text_width(theme, LEGEND_FONT, &e.label);
        if x > 0 && x + w > width {
            row += 1;
            x = 0;
        }
        rows.push((row, x));
        x += w + gap;
    }
    (rows, if entries.is_empty() { 0 } else { row + 1 })
}

/// Fills the background, draws the title and (below it) the legend, and returns the area left for the plot.
pub fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    title: &str,
    legend: &[LegendEntry],
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    area.fill(&theme.background)?;
    let (w, _) = area.dim_in_pixel();
    let title_h = theme.px(34.0);
    let (top, rest) = area.split_vertically(title_h);
    let style = anchored(text_style(theme, 16.0, theme.foreground), HPos::Center, VPos::Center);
    top.draw(&Text::new(truncate(title, 90), (w as i32 / 2, title_h as i32 / 2 + 2), style))?;
    if legend.is_empty() {
        return Ok(rest);
    }
    let margin = theme.px(16.0) as i32;
    let (pos, rows) = legend_layout(theme, w as i32 - 2 * margin, legend);
    let row_h = theme.px(20.0) as i32;
    let (strip, body) = rest.split_vertically(rows * row_h + theme.px(4.0) as i32);
    // Centre each row.
    let mut row_width = vec![0; rows as usize];
    for (e, &(r, x)) in legend.iter().zip(&pos) {
        let end = x + theme.px(22.0) as i32 + text_width(theme, LEGEND_FONT, &e.label);
        row_width[r as usize] = row_width[r as usize].max(end);
    }
    for (e, &(r, x)) in legend.iter().zip(&pos) {
        let left = (w as i32 - row_width[r as usize]) / 2 + x;
        let cy = r * row_h + row_h / 2;
        draw_mark(&strip, theme, e.mark, (left, cy))?;
        let style = anchored(text_style(theme, LEGEND_FONT, theme.foreground), HPos::Left, VPos::Center);
        strip.draw(&Text::new(e.label.clone(), (left + theme.px(22.0) as i32, cy), style))?;
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

/// Diagonal hatching clipped to the pixel box (x0, y0, x1, y1) of `area`: one path per stroke.
pub fn hatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    colour: RGBColor,
) -> Result<(), ChartError> {
    let (x0, x1) = (x0.min(x1), x0.max(x1));
    let (y0, y1) = (y0.min(y1), y0.max(y1));
    let spacing = theme.px(5.0) as i32;
    let style = colour.stroke_width(theme.px(1.0));
    // Lines x − y = c, each clipped to the box: x runs over [max(x0, y0 + c), min(x1, y1 + c)].
    let mut c = x0 - y1 + spacing / 2;
    while c < x1 - y0 {
        let (ax, bx) = (x0.max(y0 + c), x1.min(y1 + c));
        if ax < bx {
            area.draw(&PathElement::new(vec![(ax, ax - c), (bx, bx - c)], style))?;
        }
        c += spacing;
    }
    Ok(())
}

/// An error bar between the pixel points `a` and `b` (horizontal or vertical) with end caps: 3 paths.
pub fn error_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    a: (i32, i32),
    b: (i32, i32),
) -> Result<(), ChartError> {
    let style = theme.muted.stroke_width(theme.px(1.5));
    let cap = theme.px(4.0) as i32;
    area.draw(&PathElement::new(vec![a, b], style))?;
    for p in [a, b] {
        let ends = if a.1 == b.1 {
            [(p.0, p.1 - cap), (p.0, p.1 + cap)]
        } else {
            [(p.0 - cap, p.1), (p.0 + cap, p.1)]
        };
        area.draw(&PathElement::new(ends.to_vec(), style))?;
    }
    Ok(())
}

/// The accent for single-series lines and bars: blue on light, sky blue on dark backgrounds.
pub fn accent(theme: &Theme) -> RGBColor {
    if is_dark(theme) {
        RGBColor(0x56, 0xB4, 0xE9)
    } else {
        RGBColor(0x00, 0x72, 0xB2)
    }
}

/// True for a dark background.
pub fn is_dark(theme: &Theme) -> bool {
    let b = theme.background;
    (b.0 as u32 + b.1 as u32 + b.2 as u32) < 3 * 128
}

/// A count with thousands separators ("14,000").
pub fn fmt_count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Tick marks and labels under a horizontal axis at pixel row `axis_y`, for axes whose ticks the chart
/// places itself (e.g. log scales): one (pixel x, label) per tick.
pub fn x_ticks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    ticks: &[(i32, String)],
    axis_y: i32,
) -> Result<(), ChartError> {
    let tick = theme.muted.stroke_width(theme.px(1.0));
    let len = theme.px(5.0) as i32;
    for (x, label) in ticks {
        area.draw(&PathElement::new(vec![(*x, axis_y), (*x, axis_y + len)], tick))?;
        let st = anchored(text_style(theme, 12.0, theme.muted), HPos::Center, VPos::Top);
        area.draw(&Text::new(label.clone(), (*x, axis_y + len + theme.px(3.0) as i32), st))?;
    }
    Ok(())
}

/// Black or white, whichever reads better on `bg`.
pub fn ink_on(bg: RGBColor) -> RGBColor {
    let lum = 0.2126 * bg.0 as f64 + 0.7152 * bg.1 as f64 + 0.0722 * bg.2 as f64;
    if lum > 140.0 {
        RGBColor(0x1F, 0x23, 0x28)
    } else {
        RGBColor(0xFF, 0xFF, 0xFF)
    }
}

/// The pixel position of `p` relative to `area` (for drawing on the root area at a chart coordinate).
pub fn local(area_base: (i32, i32), p: (i32, i32)) -> (i32, i32) {
    (p.0 - area_base.0, p.1 - area_base.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_use_the_decimals_the_step_needs() {
        let f = tick_formatter(0.0, 500.0, 6);
        assert_eq!(f(&100.0), "100");
        let f = tick_formatter(0.0, 1.0, 6);
        assert_eq!(f(&0.2), "0.2");
        let f = tick_formatter(0.0, 2.5e6, 6);
        assert_eq!(f(&1.5e6), "1.5M");
        let f = tick_formatter(-1.0, 1.0, 6);
        assert_eq!(f(&-1e-17), "0.0");
        assert_eq!(f(&-0.6), "−0.6");
        let f = tick_formatter(0.0, 12_000.0, 6);
        assert_eq!((f(&0.0), f(&5_000.0)), ("0".to_string(), "5k".to_string()));
        assert_eq!(nice_ticks(0.0, 1.0, 6), vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]);
        assert_eq!(nice_ticks(-0.5, 10.5, 6), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    }

    #[test]
    fn values_and_truncation() {
        assert_eq!(fmt_value(0.4213), "0.42");
        assert_eq!(fmt_value(12345.0), "12.3k");
        assert_eq!(fmt_value(120.0), "120");
        assert_eq!(fmt_value(f64::NAN), "–");
        assert_eq!(fmt_value(-0.005), "−0.005");
        assert_eq!(fmt_value(0.00042), "0.00042");
        assert_eq!(fmt_percent(0.01), "1%");
        assert_eq!(fmt_percent(0.126), "13%");
        assert_eq!(fmt_percent(0.0126), "1.3%");
        assert_eq!(truncate("abcdefgh", 5), "abcd…");
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(fmt_count(14_000), "14,000");
        assert_eq!(fmt_count(999), "999");
        assert_eq!(fmt_short(-2.5), "−2.5");
        assert_eq!(fmt_short(-1.25), "−1.25");
        assert_eq!(fmt_short(1.0), "1");
        assert_eq!(fmt_short(-0.0001), "0");
        assert_eq!(fmt_count(1_234_567), "1,234,567");
    }

    #[test]
    fn padding_handles_zero_spans() {
        assert_eq!(padded(2.0, 2.0, 0.05), 1.8..2.2);
        assert_eq!(padded(0.0, 0.0, 0.05), -1.0..1.0);
        assert_eq!(padded(0.0, 10.0, 0.1), -1.0..11.0);
    }
}

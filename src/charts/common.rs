//! Drawing helpers shared by the charts: text styles and width estimates, hatching, error bars, hand-placed
//! ticks, theme-aware accent and ink colours. Sizes go through `Theme::px` / `Theme::font_px`; no DOM code
//! here. Formatting and the frame live in `format` and `frame` and are re-exported here.

pub use super::format::*;
pub use super::frame::*;
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

/// The first of `texts` that fits in `room` pixels at `size`, else the last: an axis title with a shorter
/// wording for a narrow plot (a centred title wider than its plot runs off the chart's right edge).
pub fn first_fitting<'a>(theme: &Theme, size: f64, room: f64, texts: &[&'a str]) -> &'a str {
    let fits = |t: &&&str| f64::from(text_width(theme, size, t)) <= room;
    texts.iter().find(fits).or(texts.last()).copied().unwrap_or_default()
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

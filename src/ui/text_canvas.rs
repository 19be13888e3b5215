//! `TextCanvas`: plotters' canvas backend with text measured by a canvas instead of the page. plotters sizes
//! text in the browser by adding a `<span>` to the page and reading its size back, which forces a layout of
//! the whole page for every axis label, legend entry and title: about 40 ms of main-thread time for one map
//! frame on the Explore step. `measureText` on a detached canvas gives the width with no layout at all.
//! Filled circles set the fill style only when their colour changes (a map's dots come segment by segment):
//! plotters-canvas builds a new colour string for every dot, which the canvas parses again. (Filling a
//! segment's dots as one path would be faster still, but overlapping dots would no longer darken, and the
//! picture would depend on where the drawing was cut into slices.) Everything else is plotters-canvas
//! unchanged.

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

type Error = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

/// A canvas backend whose text measurement never touches the page's layout.
pub struct TextCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// The colour the context's fill style was set to by the last filled circle, while nothing else has
    /// drawn since.
    fill_style: Option<((u8, u8, u8), f64)>,
}

impl TextCanvas {
    /// The backend for `canvas`, or None when it has no 2-D context.
    pub fn new(canvas: web_sys::HtmlCanvasElement) -> Option<TextCanvas> {
        let context = canvas.get_context("2d").ok().flatten()?.dyn_into().ok()?;
        CanvasBackend::with_canvas_object(canvas).map(|inner| TextCanvas { inner, context, fill_style: None })
    }

    /// Forgets the fill style: every other drawing operation may set its own.
    fn forget_fill_style(&mut self) {
        self.fill_style = None;
    }
}

thread_local! {
    /// A detached canvas whose context measures text (never drawn on, never in the page).
    static MEASURE: Option<CanvasRenderingContext2d> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .and_then(|c| c.get_context("2d").ok().flatten())
        .and_then(|c| c.dyn_into().ok());
}

/// Width and height in pixels of `text` in `style`, as the canvas will draw it (the CSS font string is the
/// one plotters-canvas sets before drawing text). The height is the font's ascent plus descent.
fn measure<S: BackendTextStyle>(text: &str, style: &S) -> Option<(u32, u32)> {
    MEASURE.with(|ctx| {
        let ctx = ctx.as_ref()?;
        ctx.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        let m = ctx.measure_text(text).ok()?;
        let height = m.font_bounding_box_ascent() + m.font_bounding_box_descent();
        let height = if height.is_finite() && height > 0.0 { height } else { style.size() * 1.2 };
        Some((m.width().max(0.0).ceil() as u32, height.ceil() as u32))
    })
}

impl DrawingBackend for TextCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), Error> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Error> {
        self.forget_fill_style();
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error> {
        self.forget_fill_style();
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        self.forget_fill_style();
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        self.forget_fill_style();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        self.forget_fill_style();
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        let colour = style.color();
        if !fill || colour.alpha == 0.0 {
            self.forget_fill_style();
            return self.inner.draw_circle(center, radius, style, fill);
        }
        let key = (colour.rgb, colour.alpha);
        if self.fill_style != Some(key) {
            let (r, g, b) = colour.rgb;
            self.context.set_fill_style_str(&format!("rgba({r},{g},{b},{})", colour.alpha));
            self.fill_style = Some(key);
        }
        let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        self.context.begin_path();
        if self.context.arc(x, y, r, 0.0, std::f64::consts::TAU).is_err() {
            // not for a radius ≥ 0; plotters-canvas reports the error in its own type
            self.forget_fill_style();
            return self.inner.draw_circle(center, radius, style, fill);
        }
        self.context.fill();
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        self.forget_fill_style();
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Error> {
        self.forget_fill_style();
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Error> {
        match measure(text, style) {
            Some(size) => Ok(size),
            None => self.inner.estimate_text_size(text, style),
        }
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), Error> {
        self.forget_fill_style();
        self.inner.blit_bitmap(pos, size, src)
    }
}

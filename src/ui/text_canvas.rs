//! `TextCanvas`: plotters' canvas backend with text measured by a canvas instead of the page. plotters sizes
//! text in the browser by adding a `<span>` to the page and reading its size back, which forces a layout of
//! the whole page for every axis label, legend entry and title: about 40 ms of main-thread time for one map
//! frame on the Explore step. `measureText` on a detached canvas gives the width with no layout at all.
//! Everything else is plotters-canvas unchanged.

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

type Error = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

/// A canvas backend whose text measurement never touches the page's layout.
pub struct TextCanvas {
    inner: CanvasBackend,
}

impl TextCanvas {
    /// The backend for `canvas`, or None when it has no 2-D context.
    pub fn new(canvas: web_sys::HtmlCanvasElement) -> Option<TextCanvas> {
        CanvasBackend::with_canvas_object(canvas).map(|inner| TextCanvas { inner })
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
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Error> {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Error> {
        match measure(text, style) {
            Some(size) => Ok(size),
            None => self.inner.estimate_text_size(text, style),
        }
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), Error> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

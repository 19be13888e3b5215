//! `<ChartCanvas>`: the one component that owns canvases. Sizes the bitmap to the element times the device
//! pixel ratio (crisp on high-DPI screens), picks the light or dark theme, and calls a chart's draw function.

use crate::charts::{ChartError, Theme};
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// A boxed draw function over the canvas backend.
pub type DrawFn = std::sync::Arc<
    dyn Fn(&DrawingArea<CanvasBackend, Shift>, &Theme) -> Result<(), ChartError> + Send + Sync,
>;

/// True when the user prefers a dark colour scheme.
pub fn prefers_dark() -> bool {
    window().match_media("(prefers-color-scheme: dark)").ok().flatten().map(|m| m.matches()).unwrap_or(false)
}

/// A canvas that redraws whenever a signal read inside `draw` changes, or the window resizes.
#[component]
pub fn ChartCanvas(
    /// Accessible description of the chart.
    #[prop(into)]
    label: String,
    /// `data-testid` for tests.
    #[prop(into)]
    testid: String,
    /// Height in CSS pixels.
    #[prop(default = 360)]
    height: u32,
    draw: DrawFn,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0u32);
    let handle =
        window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n = n.wrapping_add(1)));
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        resized.track();
        let Some(el) = canvas.get() else { return };
        let dpr = window().device_pixel_ratio().max(1.0);
        let width = el.client_width().max(1) as f64;
        let height = el.client_height().max(1) as f64;
        el.set_width((width * dpr).round() as u32);
        el.set_height((height * dpr).round() as u32);
        let theme = if prefers_dark() { Theme::dark(dpr) } else { Theme::light(dpr) };
        let Some(backend) = CanvasBackend::with_canvas_object(el.clone()) else { return };
        let area = backend.into_drawing_area();
        let result = draw(&area, &theme).and_then(|_| area.present().map_err(ChartError::from));
        if let Err(e) = result {
            web_sys::console::warn_1(&format!("{e}").into());
        }
    });
    view! {
        <canvas
            node_ref=canvas
            class="chart"
            role="img"
            aria-label=label
            data-testid=testid
            style:height=format!("{height}px")
        ></canvas>
    }
}

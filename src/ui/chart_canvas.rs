//! `<ChartCanvas>`: the one component that owns chart canvases. It sizes the bitmap to the element times the
//! device pixel ratio (crisp on high-DPI screens), follows the light/dark theme, redraws when the spec or the
//! window changes — through the main thread's work queue (`slices`), never inside the reactive update that brought the new
//! spec — and offers the chart as PNG (the canvas pixels) and SVG (the same draw on the SVG backend).

use super::download::{download, download_canvas_png};
use super::slices::{self, Next};
use super::text_canvas::TextCanvas;
use crate::charts::{ChartError, ChartSpec, Theme};
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use wasm_bindgen::JsCast;

/// True when the user prefers a dark colour scheme. Asked once and then kept by the scheme's `change`
/// listener ([`SCHEME_FLIPS`]): every chart asks on every draw, and `matchMedia` cost ~1 ms of each 10k-row
/// re-run's drawing.
pub fn prefers_dark() -> bool {
    SCHEME_FLIPS.with(|_| ());
    DARK.with(std::cell::Cell::get)
}

fn query_prefers_dark() -> bool {
    window().match_media("(prefers-color-scheme: dark)").ok().flatten().map(|m| m.matches()).unwrap_or(false)
}

/// The theme for the current colour scheme at `scale` device pixels per CSS pixel.
pub fn current_theme(scale: f64) -> Theme {
    if prefers_dark() {
        Theme::dark(scale)
    } else {
        Theme::light(scale)
    }
}

/// Sizes `canvas` for the screen and runs `draw` on it; returns the theme used.
pub fn draw_on_canvas(
    canvas: &web_sys::HtmlCanvasElement,
    draw: impl FnOnce(&DrawingArea<TextCanvas, Shift>, &Theme) -> Result<(), ChartError>,
) -> Result<Theme, ChartError> {
    let dpr = window().device_pixel_ratio().max(1.0);
    let width = canvas.client_width().max(1) as f64;
    let height = canvas.client_height().max(1) as f64;
    canvas.set_width((width * dpr).round() as u32);
    canvas.set_height((height * dpr).round() as u32);
    let theme = current_theme(dpr);
    let backend =
        TextCanvas::new(canvas.clone()).ok_or_else(|| ChartError("no 2-D canvas context".into()))?;
    let area = backend.into_drawing_area();
    draw(&area, &theme)?;
    area.present().map_err(ChartError::from)?;
    Ok(theme)
}

/// A drawing area on `canvas` as it is (not resized or cleared): for the later steps of a chart drawn in steps.
pub fn canvas_area(canvas: &web_sys::HtmlCanvasElement) -> Option<DrawingArea<TextCanvas, Shift>> {
    TextCanvas::new(canvas.clone()).map(|b| b.into_drawing_area())
}

thread_local! {
    /// Whether the colour scheme is dark, as last seen by [`SCHEME_FLIPS`]'s listener.
    static DARK: std::cell::Cell<bool> = std::cell::Cell::new(query_prefers_dark());
    /// Counts flips of the colour scheme: one `change` listener on the `prefers-color-scheme` query for the
    /// page's lifetime, shared by every chart (a chart drawn in the old theme would keep its old colours).
    static SCHEME_FLIPS: ArcRwSignal<u32> = {
        let flips = ArcRwSignal::new(0u32);
        if let Some(query) = window().match_media("(prefers-color-scheme: dark)").ok().flatten() {
            let bump = flips.clone();
            let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                DARK.with(|d| d.set(query_prefers_dark()));
                bump.update(|n| *n = n.wrapping_add(1))
            });
            if query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref()).is_ok() {
                listener.forget();
            }
        }
        flips
    };
}

/// A signal that changes when the window is resized or the colour scheme flips.
pub fn use_redraw_tick() -> RwSignal<u32> {
    let tick = RwSignal::new(0u32);
    let bump = move || tick.update(|n| *n = n.wrapping_add(1));
    let handle = window_event_listener(leptos::ev::resize, move |_| bump());
    on_cleanup(move || handle.remove());
    let flips = SCHEME_FLIPS.with(ArcRwSignal::clone);
    // Skips the first run (the chart's first draw needs no bump), then bumps on every flip.
    Effect::new(move |seen: Option<()>| {
        flips.track();
        if seen.is_some() {
            bump();
        }
    });
    tick
}

/// A chart on a canvas, with PNG and SVG downloads.
#[component]
pub fn ChartCanvas(
    /// The chart; `None` draws nothing.
    #[prop(into)]
    spec: Signal<Option<ChartSpec>>,
    /// `data-testid` for tests.
    #[prop(into)]
    testid: String,
    /// Height in CSS pixels.
    #[prop(default = 360)]
    height: u32,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let tick = use_redraw_tick();
    let key = slices::key();
    on_cleanup(move || slices::cancel(key));
    let name = format!("draw {testid}");
    Effect::new(move |_| {
        tick.track();
        let Some(el) = canvas.get() else { return };
        let Some(chart) = spec.get() else { return };
        let name = name.clone();
        slices::run(key, move |_| {
            let drawn =
                super::perf::span(&name, || draw_on_canvas(&el, |area, theme| chart.draw(area, theme)));
            if let Err(e) = drawn {
                web_sys::console::warn_1(&format!("{}: {e}", chart.title()).into());
            }
            Next::Done
        });
    });
    let label = move || spec.with(|s| s.as_ref().map(|s| s.title().to_string()).unwrap_or_default());
    let save_png = move |_| {
        if let (Some(el), Some(chart)) = (canvas.get_untracked(), spec.get_untracked()) {
            let _ = download_canvas_png(&el, &format!("{}.png", chart.file_stem()));
        }
    };
    let save_svg = move |_| {
        let (Some(el), Some(chart)) = (canvas.get_untracked(), spec.get_untracked()) else { return };
        let (w, h) = (el.client_width().max(320) as u32, el.client_height().max(200) as u32);
        match chart.to_svg(w, h, &Theme::light(1.0)) {
            Ok(svg) => {
                let _ = download(&format!("{}.svg", chart.file_stem()), "image/svg+xml", svg.as_bytes());
            }
            Err(e) => web_sys::console::warn_1(&e.to_string().into()),
        }
    };
    let figure_id = format!("{testid}-figure");
    view! {
        <figure class="chart-figure" data-testid=figure_id>
            <canvas
                node_ref=canvas
                class="chart"
                role="img"
                aria-label=label
                data-testid=testid
                style:height=format!("{height}px")
            ></canvas>
            <figcaption class="chart-tools">
                <button type="button" class="link-button" on:click=save_png aria-label=move || format!("Download {} as PNG", label())>"PNG"</button>
                <button type="button" class="link-button" on:click=save_svg aria-label=move || format!("Download {} as SVG", label())>"SVG"</button>
            </figcaption>
            <ChartValues spec=spec/>
        </figure>
    }
}

/// The chart's values as a table (its text alternative), built when opened.
#[component]
fn ChartValues(spec: Signal<Option<ChartSpec>>) -> impl IntoView {
    let has_table = move || spec.with(|s| s.as_ref().is_some_and(crate::charts::data_table::has_table));
    let open = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        let is_open = ev.target().and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok());
        open.set(is_open.and_then(|v| v.as_bool()).unwrap_or(false));
    };
    let table = move || {
        let (t, title) = spec.with(|s| {
            let s = s.as_ref()?;
            Some((crate::charts::data_table::data_table(s)?, s.title().to_string()))
        })?;
        let head = t.header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view();
        Some(view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=format!("Values of {title}")>
                <table class="grid compact">
                    <thead>
                        <tr>{head}</tr>
                    </thead>
                    <tbody>
                        {t.rows.into_iter().map(|r| {
                            let mut cells = r.into_iter();
                            let first = cells.next().unwrap_or_default();
                            let rest = cells.map(|c| view! { <td class="num">{c}</td> }).collect_view();
                            view! { <tr><th scope="row">{first}</th>{rest}</tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    view! {
        <Show when=has_table>
            <details class="chart-data" on:toggle=on_toggle>
                <summary>"Values"</summary>
                {move || open.get().then(table)}
            </details>
        </Show>
    }
}

//! The 2-D segment map: method (PCA / t-SNE), selectable axes (components or any two features), and hover
//! that shows the customer id and values. Drawn on its own canvas, in steps through the work queue (`slices`) (the
//! frame first, then the density shading and the dots a slice at a time: up to 50,000 dots never block the
//! page), so the plot frame is known for hit-testing (`views::explore::nearest_point`).

use super::super::super::chart_canvas::{canvas_area, draw_on_canvas, use_redraw_tick};
use super::super::super::download::download_canvas_png;
use super::super::super::perf;
use super::super::super::slices::{self, Deadline, Next};
use super::super::super::state::AppContext;
use super::super::super::widgets::SelectField;
use crate::charts::scatter::{self, Frame};
use crate::charts::ChartSpec;
use crate::charts::Theme;
use crate::engine::pipeline::MapMethod;
use crate::engine::pipeline::Report;
use crate::views::{charts, explore};
use leptos::prelude::*;
use std::sync::Arc;

/// Hover reach in CSS pixels.
const REACH: f64 = 10.0;

#[component]
pub fn SegmentMap() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let x_name = RwSignal::new(None::<String>);
    let y_name = RwSignal::new(None::<String>);
    let axes = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.as_ref()
                .map(|r| r.map.axes.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let chosen = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.as_ref().map(|r| {
                let x = explore::axis_index(&r.map, x_name.get().as_deref(), r.map.default_axes.0);
                let y = explore::axis_index(&r.map, y_name.get().as_deref(), r.map.default_axes.1);
                (x, y)
            })
        })
    });
    let axis_value = move |i: usize| {
        Signal::derive(move || {
            let (x, y) = chosen.get().unwrap_or((0, 1));
            axes.get().get(if i == 0 { x } else { y }).cloned().unwrap_or_default()
        })
    };
    let method = Signal::derive(move || {
        ctx.config.with(|c| if c.map.method == MapMethod::Tsne { "tsne" } else { "pca" }.to_string())
    });
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let frame = RwSignal::new(None::<Frame>);
    let hover = RwSignal::new(None::<(usize, f64, f64)>);
    let tick = use_redraw_tick();
    let key = slices::key();
    on_cleanup(move || slices::cancel(key));
    Effect::new(move |_| {
        tick.track();
        let Some(el) = canvas.get() else { return };
        let Some(r) = ctx.report.get() else { return };
        let Some((x, y)) = chosen.get() else { return };
        hover.set(None);
        let mut steps = MapSteps::new(el, r, x, y, frame);
        slices::run(key, move |deadline| steps.step(deadline));
    });
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let (Some(f), Some((x, y))) = (frame.get_untracked(), chosen.get_untracked()) else { return };
        let dpr = window().device_pixel_ratio().max(1.0);
        let (cx, cy) = (ev.offset_x() as f64, ev.offset_y() as f64);
        let hit = ctx.report.with_untracked(|r| {
            let r = r.as_ref()?;
            let (xs, ys) = (&r.map.axes.get(x)?.1, &r.map.axes.get(y)?.1);
            let i = explore::nearest_point(&f, xs, ys, cx * dpr, cy * dpr, REACH * dpr)?;
            let (px, py) = f.to_pixel(xs[i] as f64, ys[i] as f64);
            Some((i, px / dpr, py / dpr))
        });
        if hover.get_untracked() != hit {
            hover.set(hit);
        }
    };
    let tooltip = move || {
        let (i, px, py) = hover.get()?;
        let (x, y) = chosen.get()?;
        let (title, lines) = ctx.report.with(|r| r.as_ref().and_then(|r| explore::tooltip(r, i, x, y)))?;
        let width = canvas.get().map(|c| c.client_width() as f64).unwrap_or(800.0);
        let left = if px > width - 290.0 { px - 282.0 } else { px + 14.0 };
        Some(view! {
            <span class="map-ring" style:left=format!("{px}px") style:top=format!("{py}px") aria-hidden="true"></span>
            <div class="map-tooltip" role="tooltip" data-testid="map-tooltip" style:left=format!("{left}px") style:top=format!("{}px", (py - 12.0).max(0.0))>
                <strong>{title}</strong>
                <span class="tt-segment">{lines.first().map(|l| l.1.clone())}</span>
                <dl>
                    {lines.into_iter().skip(1).map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            </div>
        })
    };
    let notes = move || ctx.report.with(|r| r.as_ref().map(|r| r.map.notes.clone()).unwrap_or_default());
    let save_png = move |_| {
        if let Some(el) = canvas.get_untracked() {
            let _ = download_canvas_png(&el, "segment-map.png");
        }
    };
    let axis_options = move || axes.get().into_iter().map(|a| (a.clone(), a)).collect::<Vec<_>>();
    view! {
        <div class="card-controls map-controls">
            <SelectField
                label="Map method"
                id="map-method"
                options=vec![("pca".into(), "PCA (fast, any size)".into()), ("tsne".into(), "t-SNE (local groups)".into())]
                value=method
                on_change=Callback::new(move |v: String| {
                    x_name.set(None);
                    y_name.set(None);
                    ctx.edit(|c| c.map.method = if v == "tsne" { MapMethod::Tsne } else { MapMethod::Pca });
                })
                help="t-SNE keeps neighbours together; it is slower and limited in size (PCA is used above the limit)."
            />
            {move || {
                let options = axis_options();
                view! {
                    <SelectField
                        label="Horizontal axis"
                        id="map-x"
                        options=options.clone()
                        value=axis_value(0)
                        on_change=Callback::new(move |v: String| x_name.set(Some(v)))
                    />
                    <SelectField
                        label="Vertical axis"
                        id="map-y"
                        options=options
                        value=axis_value(1)
                        on_change=Callback::new(move |v: String| y_name.set(Some(v)))
                    />
                }
            }}
        </div>
        <div class="map-wrap" on:mouseleave=move |_| hover.set(None)>
            <canvas
                node_ref=canvas
                class="chart"
                role="img"
                aria-label="Segment map: one dot per customer, coloured by segment"
                data-testid="map-canvas"
                style:height="460px"
                on:mousemove=on_move
            ></canvas>
            {tooltip}
        </div>
        <div class="chart-tools">
            <span class="help map-hint">"Hover a dot to see the customer."</span>
            <button type="button" class="link-button" on:click=save_png aria-label="Download the segment map as PNG">"PNG"</button>
        </div>
        <ul class="notes" data-testid="map-notes">
            {move || notes().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
        </ul>
    }
}

/// Dots or density cells drawn between two looks at the clock.
const BATCH: usize = 256;

/// The map drawn in steps: the spec, the frame, then density cells and dots, each as far as a slice allows.
struct MapSteps {
    canvas: web_sys::HtmlCanvasElement,
    report: Option<Arc<Report>>,
    axes: (usize, usize),
    frame_out: RwSignal<Option<Frame>>,
    /// The spec, built in the first step and framed in the second (each costs a chart's frame on its own).
    spec: Option<scatter::ScatterSpec>,
    drawn: Option<Drawn>,
}

/// What the first step made and the later ones continue from.
struct Drawn {
    spec: scatter::ScatterSpec,
    order: Vec<usize>,
    frame: Frame,
    radius: u32,
    cells_done: usize,
    dots_done: usize,
}

impl MapSteps {
    fn new(
        canvas: web_sys::HtmlCanvasElement,
        report: Arc<Report>,
        x: usize,
        y: usize,
        frame_out: RwSignal<Option<Frame>>,
    ) -> Self {
        MapSteps { canvas, report: Some(report), axes: (x, y), frame_out, spec: None, drawn: None }
    }

    fn step(&mut self, deadline: &Deadline) -> Next {
        match self.drawn.as_mut() {
            None if self.spec.is_none() => self.build_spec(),
            None => self.draw_frame(),
            Some(d) => match Self::more(&self.canvas, d, deadline) {
                Ok(step) => step,
                Err(e) => {
                    web_sys::console::warn_1(&format!("map: {e}").into());
                    Next::Done
                }
            },
        }
    }

    /// Builds the spec (counting every customer for the density).
    fn build_spec(&mut self) -> Next {
        let Some(report) = self.report.take() else { return Next::Done };
        let (x, y) = self.axes;
        let ChartSpec::Scatter(spec) = perf::span("spec map", || charts::map(&report, x, y)) else {
            return Next::Done;
        };
        self.spec = Some(spec);
        Next::More
    }

    /// Draws the frame (axes, labels, legend), which the density cells and dots are placed in.
    fn draw_frame(&mut self) -> Next {
        let Some(spec) = self.spec.take() else { return Next::Done };
        let mut theme_used = None::<Theme>;
        let drawn = perf::span("draw map frame", || {
            draw_on_canvas(&self.canvas, |area, theme| {
                theme_used = Some(*theme);
                let f = scatter::draw_frame(area, &spec, theme)?;
                self.frame_out.set(Some(f));
                Ok(())
            })
        });
        let (Ok(_), Some(theme), Some(frame)) = (drawn, theme_used, self.frame_out.get_untracked()) else {
            return Next::Done;
        };
        let order = scatter::draw_order(&spec);
        let radius = scatter::point_radius(order.len(), &theme);
        self.drawn = Some(Drawn { spec, order, frame, radius, cells_done: 0, dots_done: 0 });
        Next::More
    }

    /// Density cells, then dots, in batches until the slice is spent.
    fn more(
        canvas: &web_sys::HtmlCanvasElement,
        d: &mut Drawn,
        deadline: &Deadline,
    ) -> Result<Next, crate::charts::ChartError> {
        let Some(area) = canvas_area(canvas) else { return Ok(Next::Done) };
        let cells = d.spec.density.as_ref().map_or(0, |g| g.cells.len());
        perf::span("draw map slice", || {
            while d.cells_done < cells {
                let end = (d.cells_done + BATCH).min(cells);
                scatter::draw_density(&area, &d.spec, &d.frame, d.cells_done..end)?;
                d.cells_done = end;
                if deadline.passed() {
                    return Ok(Next::More);
                }
            }
            while d.dots_done < d.order.len() {
                let end = (d.dots_done + BATCH).min(d.order.len());
                scatter::draw_points(&area, &d.spec, &d.frame, &d.order[d.dots_done..end], d.radius)?;
                d.dots_done = end;
                if deadline.passed() {
                    return Ok(Next::More);
                }
            }
            Ok(Next::Done)
        })
    }
}

//! k-means settings: the variant (accelerated, Lloyd, mini-batch), restarts, iteration limit, tolerance and the
//! Hartigan refinement.

use super::super::super::state::AppContext;
use super::super::super::widgets::{NumberField, SelectField, Toggle};
use super::algo_number;
use crate::engine::pipeline::AlgorithmConfig;
use crate::views::segment::{kmeans_variant, set_kmeans_variant, KMEANS_VARIANTS};
use leptos::prelude::*;

/// Applies `f` to the shared k-means fields (restarts, passes, tolerance) of either variant.
fn edit(ctx: AppContext, f: impl FnOnce(&mut usize, &mut usize, &mut f64)) {
    ctx.edit(|c| match &mut c.algorithm {
        AlgorithmConfig::Kmeans(p) => f(&mut p.n_init, &mut p.max_iter, &mut p.tol),
        AlgorithmConfig::MiniBatchKmeans(p) => f(&mut p.n_init, &mut p.max_iter, &mut p.tol),
        _ => {}
    });
}

#[component]
pub fn KMeansForm() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let variant = Signal::derive(move || {
        ctx.config.with(|c| kmeans_variant(&c.algorithm).unwrap_or("accelerated").to_string())
    });
    let variant_help = move || {
        let v = variant.get();
        KMEANS_VARIANTS.iter().find(|(value, _, _)| *value == v).map(|(_, _, h)| *h).unwrap_or("")
    };
    let minibatch = move || variant.get() == "minibatch";
    let refine = Signal::derive(move || {
        ctx.config.with(|c| matches!(&c.algorithm, AlgorithmConfig::Kmeans(p) if p.refine))
    });
    let n_init = algo_number(ctx, |a| match a {
        AlgorithmConfig::Kmeans(p) => Some(p.n_init as f64),
        AlgorithmConfig::MiniBatchKmeans(p) => Some(p.n_init as f64),
        _ => None,
    });
    let max_iter = algo_number(ctx, |a| match a {
        AlgorithmConfig::Kmeans(p) => Some(p.max_iter as f64),
        AlgorithmConfig::MiniBatchKmeans(p) => Some(p.max_iter as f64),
        _ => None,
    });
    let tol = algo_number(ctx, |a| match a {
        AlgorithmConfig::Kmeans(p) => Some(p.tol),
        AlgorithmConfig::MiniBatchKmeans(p) => Some(p.tol),
        _ => None,
    });
    let batch = algo_number(ctx, |a| match a {
        AlgorithmConfig::MiniBatchKmeans(p) => Some(p.batch_size as f64),
        _ => None,
    });
    view! {
        <div class="param-grid" data-testid="algorithm-params">
            <div class="field">
                <SelectField
                    label="Variant"
                    id="kmeans-variant"
                    options=KMEANS_VARIANTS.iter().map(|(v, l, _)| (v.to_string(), l.to_string())).collect()
                    value=variant
                    on_change=Callback::new(move |v: String| ctx.edit(|c| set_kmeans_variant(&mut c.algorithm, &v)))
                />
                <p class="help">{variant_help}</p>
            </div>
            <NumberField
                label="Restarts"
                id="kmeans-n-init"
                value=n_init
                min=1.0
                max=100.0
                on_change=Callback::new(move |v: f64| edit(ctx, |n, _, _| *n = v.round() as usize))
                help="Independent starts; the best one is kept. More is steadier but slower."
            />
            <NumberField
                label="Max iterations"
                id="kmeans-max-iter"
                value=max_iter
                min=1.0
                max=10000.0
                on_change=Callback::new(move |v: f64| edit(ctx, |_, m, _| *m = v.round() as usize))
                help="Upper limit of passes per start; raise it if the fit did not converge."
            />
            <NumberField
                label="Tolerance"
                id="kmeans-tol"
                value=tol
                min=0.0
                max=1.0
                step=0.00001
                on_change=Callback::new(move |v: f64| edit(ctx, |_, _, t| *t = v))
                help="Stop when the centres move less than this (relative). Smaller is more precise."
            />
            <Show when=move || !minibatch()>
                <Toggle
                    label="Refine each start (Hartigan)"
                    id="kmeans-refine"
                    checked=refine
                    on_change=Callback::new(move |on: bool| {
                        ctx.edit(|c| {
                            if let AlgorithmConfig::Kmeans(p) = &mut c.algorithm {
                                p.refine = on;
                            }
                        })
                    })
                    help="Moves single customers while that tightens the segments; never worse. Off: plain scikit-learn k-means."
                />
            </Show>
            <Show when=minibatch>
                <NumberField
                    label="Batch size"
                    id="kmeans-batch"
                    value=batch
                    min=16.0
                    max=100000.0
                    on_change=Callback::new(move |v: f64| {
                        ctx.edit(|c| {
                            if let AlgorithmConfig::MiniBatchKmeans(p) = &mut c.algorithm {
                                p.batch_size = v.round() as usize;
                            }
                        })
                    })
                    help="Customers drawn per step. Larger batches are more exact."
                />
            </Show>
        </div>
    }
}

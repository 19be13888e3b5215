//! Gaussian mixture settings: covariance shape, restarts, iteration limit and covariance regularisation.

use super::super::super::chart_canvas::ChartCanvas;
use super::super::super::state::AppContext;
use super::super::super::widgets::{NumberField, SelectField};
use super::algo_number;
use crate::engine::cluster::gmm::CovarianceType;
use crate::engine::pipeline::AlgorithmConfig;
use crate::views::{charts, format};
use leptos::prelude::*;

/// Covariance shapes: (value, label, help, type).
pub const COVARIANCES: [(&str, &str, &str, CovarianceType); 4] = [
    (
        "full",
        "Full",
        "Each segment its own tilted ellipse: the most flexible (recommended).",
        CovarianceType::Full,
    ),
    (
        "tied",
        "Tied",
        "All segments share one ellipse shape: steadier with few customers.",
        CovarianceType::Tied,
    ),
    ("diag", "Diagonal", "Ellipses along the feature axes: fast with many features.", CovarianceType::Diag),
    (
        "spherical",
        "Spherical",
        "Round segments of their own size: closest to k-means.",
        CovarianceType::Spherical,
    ),
];

/// The value of a covariance type.
pub fn covariance_value(t: CovarianceType) -> String {
    COVARIANCES.iter().find(|c| c.3 == t).map(|c| c.0).unwrap_or("full").to_string()
}

/// Help text of the covariance value `v`.
pub fn covariance_help(v: &str) -> &'static str {
    COVARIANCES.iter().find(|c| c.0 == v).map(|c| c.2).unwrap_or("")
}

fn edit(ctx: AppContext, f: impl FnOnce(&mut crate::engine::cluster::gmm::GmmParams)) {
    ctx.edit(|c| {
        if let AlgorithmConfig::Gmm(p) = &mut c.algorithm {
            f(p);
        }
    });
}

#[component]
pub fn GmmForm() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let cov = Signal::derive(move || {
        ctx.config.with(|c| match &c.algorithm {
            AlgorithmConfig::Gmm(p) => covariance_value(p.covariance_type),
            _ => "full".into(),
        })
    });
    let n_init = algo_number(ctx, |a| match a {
        AlgorithmConfig::Gmm(p) => Some(p.n_init as f64),
        _ => None,
    });
    let max_iter = algo_number(ctx, |a| match a {
        AlgorithmConfig::Gmm(p) => Some(p.max_iter as f64),
        _ => None,
    });
    let reg = algo_number(ctx, |a| match a {
        AlgorithmConfig::Gmm(p) => Some(p.reg_covar),
        _ => None,
    });
    let chart = Signal::derive(move || ctx.report.get().and_then(|r| charts::weights(&r)));
    let fit_numbers = move || {
        ctx.report.with(|r| {
            let m = &r.as_ref()?.metrics;
            let bic = m.bic?;
            Some(format!(
                "BIC {} · AIC {} · mean log-likelihood {} — BIC and AIC are lower for a better trade-off between fit and complexity; compare them across k in the chart below.",
                format::number(bic),
                format::number(m.aic.unwrap_or(f64::NAN)),
                format::metric(m.mean_log_likelihood, 3)
            ))
        })
    };
    view! {
        <div class="param-grid" data-testid="algorithm-params">
            <div class="field">
                <SelectField
                    label="Covariance shape"
                    id="gmm-covariance"
                    options=COVARIANCES.iter().map(|c| (c.0.to_string(), c.1.to_string())).collect()
                    value=cov
                    on_change=Callback::new(move |v: String| {
                        if let Some(t) = COVARIANCES.iter().find(|c| c.0 == v).map(|c| c.3) {
                            edit(ctx, |p| p.covariance_type = t);
                        }
                    })
                />
                <p class="help">{move || covariance_help(&cov.get())}</p>
            </div>
            <NumberField
                label="Restarts"
                id="gmm-n-init"
                value=n_init
                min=1.0
                max=50.0
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.n_init = v.round() as usize))
                help="Fits from different starting points; the most likely one is kept."
            />
            <NumberField
                label="Max iterations"
                id="gmm-max-iter"
                value=max_iter
                min=1.0
                max=10000.0
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.max_iter = v.round() as usize))
                help="Upper limit of refinement steps per restart."
            />
            <NumberField
                label="Covariance regularisation"
                id="gmm-reg-covar"
                value=reg
                min=0.0
                max=10.0
                step=0.000001
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.reg_covar = v))
                help="Added to every variance so tiny segments stay stable. Raise it if the fit fails."
            />
        </div>
        <p class="callout">{fit_numbers}</p>
        <ChartCanvas spec=chart testid="algorithm-canvas" height=280/>
    }
}

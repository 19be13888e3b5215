//! Bayesian Gaussian mixture settings: the weight prior and its concentration, covariance shape, restarts;
//! the component-weights chart and how many components it really uses.

use super::super::super::chart_canvas::ChartCanvas;
use super::super::super::state::AppContext;
use super::super::super::widgets::{NumberField, SelectField};
use super::algo_number;
use super::gmm::{covariance_help, covariance_value, COVARIANCES};
use crate::engine::cluster::bayes_gmm::{BayesGmmParams, WeightPrior};
use crate::engine::pipeline::AlgorithmConfig;
use crate::views::charts;
use leptos::prelude::*;

fn edit(ctx: AppContext, f: impl FnOnce(&mut BayesGmmParams)) {
    ctx.edit(|c| {
        if let AlgorithmConfig::BayesGmm(p) = &mut c.algorithm {
            f(p);
        }
    });
}

#[component]
pub fn BayesGmmForm() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let prior = Signal::derive(move || {
        ctx.config.with(|c| match &c.algorithm {
            AlgorithmConfig::BayesGmm(p)
                if p.weight_concentration_prior_type == WeightPrior::DirichletDistribution =>
            {
                "distribution".to_string()
            }
            _ => "process".to_string(),
        })
    });
    let cov = Signal::derive(move || {
        ctx.config.with(|c| match &c.algorithm {
            AlgorithmConfig::BayesGmm(p) => covariance_value(p.covariance_type),
            _ => "full".into(),
        })
    });
    let concentration = algo_number(ctx, |a| match a {
        AlgorithmConfig::BayesGmm(p) => {
            Some(p.weight_concentration_prior.unwrap_or(1.0 / p.n_components.max(1) as f64))
        }
        _ => None,
    });
    let n_init = algo_number(ctx, |a| match a {
        AlgorithmConfig::BayesGmm(p) => Some(p.n_init as f64),
        _ => None,
    });
    let chart = Signal::derive(move || ctx.report.get().and_then(|r| charts::weights(&r)));
    let effective = move || {
        ctx.report.with(|r| {
            let r = r.as_ref()?;
            let used = r.extras.effective_components?;
            let upper = r.config.algorithm.k().unwrap_or(used);
            let small = r.n_clusters.saturating_sub(used);
            let kept = match small {
                0 => String::new(),
                1 => " The one below the line that still holds customers is kept as a small segment.".into(),
                n => format!(" The {n} below the line that still hold customers are kept as small segments."),
            };
            Some(format!(
                "{used} of {upper} components carry more than 1% of the customers: the data supports about \
                 {used} segments; the prior shrinks the others' weight towards zero.{kept}"
            ))
        })
    };
    view! {
        <div class="param-grid" data-testid="algorithm-params">
            <div class="field">
                <SelectField
                    label="Weight prior"
                    id="bgmm-prior"
                    options=vec![
                        ("process".into(), "Dirichlet process (stick-breaking)".into()),
                        ("distribution".into(), "Dirichlet distribution".into()),
                    ]
                    value=prior
                    on_change=Callback::new(move |v: String| {
                        edit(ctx, |p| {
                            p.weight_concentration_prior_type = if v == "distribution" {
                                WeightPrior::DirichletDistribution
                            } else {
                                WeightPrior::DirichletProcess
                            }
                        })
                    })
                />
                <p class="help">
                    {move || if prior.get() == "process" {
                        "Switches surplus components off readily: good for finding how many segments there are."
                    } else {
                        "Keeps components more evenly used."
                    }}
                </p>
            </div>
            <NumberField
                label="Weight concentration"
                id="bgmm-concentration"
                value=concentration
                min=0.000001
                max=1000.0
                step=0.01
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.weight_concentration_prior = Some(v)))
                help="Small (default 1 / components): fewer segments used. Large: more components kept."
            />
            <div class="field">
                <SelectField
                    label="Covariance shape"
                    id="bgmm-covariance"
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
                id="bgmm-n-init"
                value=n_init
                min=1.0
                max=50.0
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.n_init = v.round() as usize))
                help="Fits from different starting points; the best one is kept."
            />
        </div>
        <p class="callout" data-testid="effective-components">{effective}</p>
        <ChartCanvas spec=chart testid="algorithm-canvas" height=300/>
    }
}

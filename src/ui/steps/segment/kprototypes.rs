//! k-prototypes settings: γ (how much a category mismatch weighs against numeric distance), the start
//! method and restarts.

use super::super::super::state::AppContext;
use super::super::super::widgets::{NumberField, SelectField, Toggle};
use super::algo_number;
use crate::engine::cluster::kprototypes::{KPrototypesInit, KPrototypesParams};
use crate::engine::pipeline::AlgorithmConfig;
use leptos::prelude::*;

fn edit(ctx: AppContext, f: impl FnOnce(&mut KPrototypesParams)) {
    ctx.edit(|c| {
        if let AlgorithmConfig::Kprototypes(p) = &mut c.algorithm {
            f(p);
        }
    });
}

#[component]
pub fn KPrototypesForm() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let auto = Signal::derive(move || {
        ctx.config.with(|c| matches!(&c.algorithm, AlgorithmConfig::Kprototypes(p) if p.gamma.is_none()))
    });
    let gamma = algo_number(ctx, |a| match a {
        AlgorithmConfig::Kprototypes(p) => Some(p.gamma.unwrap_or(0.5)),
        _ => None,
    });
    let init = Signal::derive(move || {
        ctx.config.with(|c| match &c.algorithm {
            AlgorithmConfig::Kprototypes(p) if p.init == KPrototypesInit::Huang => "huang".to_string(),
            _ => "cao".to_string(),
        })
    });
    let n_init = algo_number(ctx, |a| match a {
        AlgorithmConfig::Kprototypes(p) => Some(p.n_init as f64),
        _ => None,
    });
    view! {
        <div class="param-grid" data-testid="algorithm-params">
            <Toggle
                label="Automatic category weight"
                id="kproto-gamma-auto"
                checked=auto
                on_change=Callback::new(move |on: bool| edit(ctx, |p| p.gamma = if on { None } else { Some(0.5) }))
                help="γ = half the typical spread of the numeric features, so numbers and categories count alike."
            />
            <Show when=move || !auto.get()>
                <NumberField
                    label="Category weight (γ)"
                    id="kproto-gamma"
                    value=gamma
                    min=0.0
                    max=1000.0
                    step=0.05
                    on_change=Callback::new(move |v: f64| edit(ctx, |p| p.gamma = Some(v)))
                    help="How much one differing category counts against numeric distance. Higher: categories dominate."
                />
            </Show>
            <SelectField
                label="Start"
                id="kproto-init"
                options=vec![
                    ("cao".into(), "Density-based (Cao), repeatable".into()),
                    ("huang".into(), "Random (Huang)".into()),
                ]
                value=init
                on_change=Callback::new(move |v: String| {
                    edit(ctx, |p| p.init = if v == "huang" { KPrototypesInit::Huang } else { KPrototypesInit::Cao })
                })
                help="How the first prototypes are picked."
            />
            <NumberField
                label="Restarts"
                id="kproto-n-init"
                value=n_init
                min=1.0
                max=50.0
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.n_init = v.round() as usize))
                help="Independent starts; the lowest-cost one is kept."
            />
        </div>
    }
}

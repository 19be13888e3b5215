//! Consensus settings: which members run, seeds per member, the stability bootstrap and the pairwise limit,
//! with the runs' summary, whether the limit applied, how new customers are scored, and the segment-stability
//! chart.

use super::super::super::chart_canvas::ChartCanvas;
use super::super::super::state::AppContext;
use super::super::super::widgets::NumberField;
use super::algo_number;
use crate::engine::pipeline::consensus::{ConsensusConfig, MAX_BOOTSTRAP_RUNS, MAX_SEEDS};
use crate::engine::pipeline::AlgorithmConfig;
use crate::views::consensus::{self, MEMBERS};
use leptos::prelude::*;

fn edit(ctx: AppContext, f: impl FnOnce(&mut ConsensusConfig)) {
    ctx.edit(|c| {
        if let AlgorithmConfig::Consensus(p) = &mut c.algorithm {
            f(p);
        }
    });
}

/// The member check boxes; a box that would leave fewer than two runs is disabled, with the reason.
#[component]
fn Members() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let cost =
        move || ctx.config.with(|c| consensus::config(&c.algorithm).map(consensus::cost).unwrap_or_default());
    let current = Memo::new(move |_| ctx.config.with(|c| consensus::config(&c.algorithm).cloned()));
    view! {
        <fieldset class="field consensus-members">
            <legend>"Members"</legend>
            {MEMBERS
                .iter()
                .map(|&(member, help)| {
                    let id = format!("consensus-member-{}", member.name());
                    let checked = move || current.with(|c| c.as_ref().is_some_and(|c| c.members.contains(&member)));
                    let locked = move || {
                        current.with(|c| {
                            c.as_ref().is_some_and(|c| consensus::with_member(c, member, !c.members.contains(&member)).is_none())
                        })
                    };
                    view! {
                        <div class="member-row">
                            <input
                                id=id.clone()
                                type="checkbox"
                                prop:checked=checked
                                disabled=locked
                                title=move || if locked() { "A consensus needs at least two runs: keep k-means or the mixture." } else { "" }
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    edit(ctx, |p| {
                                        if let Some(next) = consensus::with_member(p, member, on) {
                                            *p = next;
                                        }
                                    });
                                }
                            />
                            <label for=id>{member.label()}</label>
                            <span class="help">{help}</span>
                        </div>
                    }
                })
                .collect_view()}
            <p class="help consensus-cost" data-testid="consensus-cost">{cost}</p>
        </fieldset>
    }
}

#[component]
pub fn ConsensusForm() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let seeds = algo_number(ctx, |a| consensus::config(a).map(|p| p.seeds as f64));
    let bootstrap = algo_number(ctx, |a| consensus::config(a).map(|p| p.bootstrap_runs as f64));
    let cap = algo_number(ctx, |a| consensus::config(a).map(|p| p.sample_cap as f64));
    let summary = move || ctx.report.with(|r| r.as_ref().and_then(|r| consensus::summary(r)));
    let sampled = move || {
        ctx.report.with(|r| r.as_ref().and_then(|r| r.extras.consensus.as_ref()).is_some_and(|c| c.sampled))
    };
    let sampling = move || ctx.report.with(|r| r.as_ref().and_then(|r| consensus::sampling_note(r)));
    let scoring = move || ctx.report.with(|r| r.as_ref().and_then(|r| consensus::scoring_note(r)));
    let chart = Signal::derive(move || ctx.report.get().and_then(|r| consensus::stability_chart(&r)));
    view! {
        <div class="param-grid consensus-params" data-testid="algorithm-params">
            <Members/>
            <NumberField
                label="Seeds per member"
                id="consensus-seeds"
                value=seeds
                min=1.0
                max=MAX_SEEDS as f64
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.seeds = v.round() as usize))
                help="k-means and the mixture run this many times, each from its own start. More runs: steadier, slower."
            />
            <NumberField
                label="Stability re-runs"
                id="consensus-bootstrap"
                value=bootstrap
                min=0.0
                max=MAX_BOOTSTRAP_RUNS as f64
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.bootstrap_runs = v.round() as usize))
                help="Resample the customers and re-run every member this many times to measure each segment's stability; 0 skips it (much faster)."
            />
            <NumberField
                label="Pairwise limit"
                id="consensus-sample-cap"
                value=cap
                min=100.0
                max=crate::engine::cluster::consensus::MAX_SAMPLE_CAP as f64
                step=100.0
                on_change=Callback::new(move |v: f64| edit(ctx, |p| p.sample_cap = v.round() as usize))
                help="Customers up to which every pair is compared; above it, a seeded sample of this many (memory grows with its square)."
            />
        </div>
        <p class="callout" data-testid="consensus-summary">{summary}</p>
        <p class="help consensus-note" class:applied=sampled data-testid="consensus-sampling">{sampling}</p>
        <p class="help" data-testid="consensus-scoring">{scoring}</p>
        <ChartCanvas spec=chart testid="stability-canvas" height=300/>
        <p class="help">{consensus::STABILITY_HELP}</p>
    }
}

//! The per-column table of the Prepare step: each feature with its missing-value strategy, outlier rule,
//! transform or encoding (its own or the default; each change re-runs), what preparation did to it, and its
//! distribution as read with the range kept after clipping (before → after).

use super::super::super::state::AppContext;
use super::super::fields::{slug, Choice};
use crate::engine::pipeline::Report;
use crate::views::format;
use crate::views::prep_columns::{self as pc, PrepColumn};
use crate::views::prep_form as pf;
use crate::views::prep_preview::{before_after, BeforeAfter};
use leptos::prelude::*;
use std::sync::Arc;

fn mini_hist(b: BeforeAfter, name: &str) -> impl IntoView {
    let label = match b.band {
        Some((l, r)) => format!(
            "Distribution of {name} from {} to {}; values outside the shaded range ({:.0}% to {:.0}% of the axis) were clipped",
            b.lo,
            b.hi,
            l * 100.0,
            r * 100.0
        ),
        None => format!("Distribution of {name} from {} to {}", b.lo, b.hi),
    };
    let band = b.band.map(|(l, r)| {
        let style = format!("left:{:.1}%;width:{:.1}%", l * 100.0, (r - l).max(0.0) * 100.0);
        view! { <span class="ba-band" style=style></span> }
    });
    view! {
        <div class="before-after" role="img" aria-label=label>
            <div class="ba-bars">
                {band}
                {b.bars
                    .into_iter()
                    .map(|bar| {
                        let h = format!("{:.0}%", (bar.height * 100.0).max(if bar.count > 0 { 6.0 } else { 0.0 }));
                        view! { <span class="ba-bar" class:outside=bar.outside style:height=h></span> }
                    })
                    .collect_view()}
            </div>
            <div class="ba-axis">
                <span>{b.lo}</span>
                <span>{b.hi}</span>
            </div>
        </div>
    }
}

fn effects_text(c: &PrepColumn) -> Vec<String> {
    let e = &c.effects;
    e.missing.iter().chain(&e.outliers).chain(&e.transform).chain(&e.output).cloned().collect()
}

#[component]
fn ColumnRow(column: PrepColumn, report: Arc<Report>, index: usize) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let name = column.name.clone();
    let id = format!("prep-{index}-{}", slug(&name));
    let holds = column.holds;
    let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name.clone());
    let impute = Signal::derive(move || ctx.config.with(|c| pc::impute_value(c, &n1)));
    let on_impute = Callback::new(move |v: String| ctx.edit(|c| pc::set_impute(c, &n2, &v)));
    let impute_opts = ctx.config.with_untracked(|c| pc::impute_choices(c, holds));
    let second = if holds.numeric() {
        let outlier = Signal::derive(move || ctx.config.with(|c| pc::outlier_value(c, &n3)));
        let on_outlier = Callback::new(move |v: String| ctx.edit(|c| pc::set_outlier(c, &n4, &v)));
        let (t1, t2) = (name.clone(), name.clone());
        let transform = Signal::derive(move || ctx.config.with(|c| pc::transform_value(c, &t1)));
        let on_transform = Callback::new(move |v: String| ctx.edit(|c| pc::set_transform(c, &t2, &v)));
        let outlier_opts = ctx.config.with_untracked(pc::outlier_choices);
        view! {
            <span class="mini-label" aria-hidden="true">"Outliers"</span>
            <Choice label=format!("Outliers in {name}") id=format!("{id}-outliers") options=outlier_opts value=outlier on_change=on_outlier compact=true/>
            <span class="mini-label" aria-hidden="true">"Transform"</span>
            <Choice label=format!("Transform of {name}") id=format!("{id}-transform") options=pf::transform_options() value=transform on_change=on_transform compact=true/>
        }
        .into_any()
    } else if holds == pc::Holds::Category {
        let (e1, e2) = (name.clone(), name.clone());
        let encoding = Signal::derive(move || ctx.config.with(|c| pc::encoding_value(c, &e1)));
        let on_encoding = Callback::new(move |v: String| ctx.edit(|c| pc::set_encoding(c, &e2, &v)));
        let opts = ctx.config.with_untracked(pc::encoding_choices);
        view! {
            <span class="mini-label" aria-hidden="true">"Encoding"</span>
            <Choice label=format!("Encoding of {name}") id=format!("{id}-encoding") options=opts value=encoding on_change=on_encoding compact=true/>
        }
        .into_any()
    } else {
        view! {
            <span class="mini-label">"As"</span>
            <span class="muted">"0 / 1"</span>
        }
        .into_any()
    };
    let preview = report
        .data
        .columns
        .iter()
        .find(|c| c.name == name)
        .and_then(|s| before_after(s, &report.prep))
        .map(|b| mini_hist(b, &name).into_any())
        .unwrap_or_else(|| view! { <span class="muted">"–"</span> }.into_any());
    let effects = effects_text(&column);
    let kind_line = match column.missing {
        0 => holds.label().to_string(),
        n => format!("{} · {} missing", holds.label(), format::thousands(n as f64)),
    };
    view! {
        <tr data-column=name.clone()>
            <th scope="row">
                <span class="col-name">{name.clone()}</span>
                <span class="kind-tag" class:warn={column.missing > 0}>{kind_line}</span>
            </th>
            <td>
                <div class="cell-settings">
                    <span class="mini-label" aria-hidden="true">"Fill"</span>
                    <Choice label=format!("Missing values in {name}") id=format!("{id}-impute") options=impute_opts value=impute on_change=on_impute compact=true/>
                    {second}
                </div>
            </td>
            <td class="effects">
                <ul>{effects.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            </td>
            <td class="ba-cell">{preview}</td>
        </tr>
    }
}

/// The per-column table of the last run's features.
#[component]
pub fn ColumnsTable(report: Arc<Report>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let cols = pc::columns(&report);
    let n_own = move || ctx.config.with(pc::n_own_settings);
    view! {
        <section class="table-wrap prep-columns" aria-labelledby="prep-columns-title">
            <div class="table-head">
                <div>
                    <h3 class="card-title" id="prep-columns-title">"Column by column"</h3>
                    <p class="help">
                        "Give a column its own setting where the default does not fit, e.g. a logarithm for a skewed amount. The bars show each column as read; the shaded range is what clipping kept."
                    </p>
                </div>
                <Show when=move || { n_own() > 0 }>
                    <button type="button" class="button small" data-testid="reset-prep-columns" on:click=move |_| ctx.edit(pc::reset_own_settings)>
                        {move || format!("Reset {} column setting{}", n_own(), if n_own() == 1 { "" } else { "s" })}
                    </button>
                </Show>
            </div>
            <table class="grid prep-table" data-testid="prep-columns">
                <thead>
                    <tr>
                        <th scope="col">"Feature"</th>
                        <th scope="col">"Settings"</th>
                        <th scope="col">"What happened"</th>
                        <th scope="col">"Before → after"</th>
                    </tr>
                </thead>
                <tbody>
                    {cols
                        .into_iter()
                        .enumerate()
                        .map(|(i, c)| view! { <ColumnRow column=c report=report.clone() index=i/> })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

//! The Features step: which columns the segments are built on, with ranked suggestions (and the reason for
//! each suggested drop) applied in one click, feature importance and the correlation heatmap.

use super::super::chart_canvas::ChartCanvas;
use super::super::state::AppContext;
use super::NeedsData;
use crate::engine::features::selection::Action;
use crate::engine::table::ColumnKind;
use crate::views::charts;
use leptos::prelude::*;

#[component]
pub fn FeaturesStep() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let importance = Signal::derive(move || ctx.report.get().and_then(|r| charts::importance(&r)));
    let correlation = Signal::derive(move || ctx.report.get().and_then(|r| charts::correlation(&r)));
    let candidates = move || {
        ctx.report.get().map(|r| {
            r.data
                .columns
                .iter()
                .filter(|c| !matches!(c.kind, ColumnKind::Identifier | ColumnKind::Text))
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        })
    };
    let used = move |name: &str| {
        ctx.config.with(|c| match &c.prep.features {
            Some(list) => list.iter().any(|f| f == name),
            None => {
                ctx.report.with(|r| r.as_ref().is_some_and(|r| r.prep.features_in.iter().any(|f| f == name)))
            }
        })
    };
    let toggle = move |name: String, on: bool| {
        let current: Vec<String> =
            ctx.report.with_untracked(|r| r.as_ref().map(|r| r.prep.features_in.clone()).unwrap_or_default());
        ctx.edit(|c| {
            let mut list = c.prep.features.clone().unwrap_or(current);
            list.retain(|f| f != &name);
            if on {
                list.push(name);
            }
            c.prep.features = Some(list);
        });
    };
    let apply = move |_| {
        let Some(r) = ctx.report.get_untracked() else { return };
        let Some(s) = r.selection.as_ref() else { return };
        // The suggestion names matrix columns; map one-hot columns back to their source column.
        let keep: Vec<String> = r
            .prep
            .features_in
            .iter()
            .filter(|f| s.suggested.iter().any(|m| m == *f || m.starts_with(&format!("{f}_"))))
            .cloned()
            .collect();
        ctx.edit(|c| c.prep.features = Some(keep));
    };
    view! {
        <Show when=move || ctx.report.with(|r| r.is_some()) fallback=|| view! { <NeedsData/> }>
            <fieldset class="feature-list">
                <legend>"Features used for segmenting"</legend>
                {move || {
                    candidates()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|name| {
                            let id = format!("feature-{}", name.replace(|c: char| !c.is_alphanumeric(), "-"));
                            let n1 = name.clone();
                            let n2 = name.clone();
                            let label_for = id.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input
                                        id=id
                                        type="checkbox"
                                        prop:checked=move || used(&n1)
                                        on:change=move |ev| toggle(n2.clone(), event_target_checked(&ev))
                                    />
                                    {name}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
            {move || {
                ctx.report.get().and_then(|r| r.selection.clone()).map(|s| {
                    let drops = s.dropped.len();
                    view! {
                        <div class="suggestion">
                            <p>
                                {if drops == 0 {
                                    "No feature looks redundant or uninformative.".to_string()
                                } else {
                                    format!("{drops} feature(s) look redundant or uninformative; see the reasons below.")
                                }}
                            </p>
                            <button type="button" class="button small" disabled=drops == 0 on:click=apply>
                                "Apply suggestion"
                            </button>
                        </div>
                        <div class="table-wrap">
                            <table class="grid" data-testid="feature-suggestions">
                                <caption>"Features, ranked"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col" class="num">"Rank"</th>
                                        <th scope="col">"Feature"</th>
                                        <th scope="col">"Suggestion"</th>
                                        <th scope="col">"Why"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {s.features
                                        .iter()
                                        .map(|f| {
                                            let drop = matches!(f.action, Action::Drop);
                                            view! {
                                                <tr class:drop=drop>
                                                    <td class="num">{f.rank}</td>
                                                    <th scope="row">{f.name.clone()}</th>
                                                    <td>{if drop { "drop" } else { "keep" }}</td>
                                                    <td>{f.explanation.clone()}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })
            }}
            <div class="cards">
                <div class="card">
                    <ChartCanvas spec=importance testid="importance-canvas" height=360/>
                </div>
                <div class="card">
                    <ChartCanvas spec=correlation testid="correlation-canvas" height=400/>
                </div>
            </div>
        </Show>
    }
}

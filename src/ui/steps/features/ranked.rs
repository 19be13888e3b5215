//! The ranked feature table and the suggestion above it: what to drop and why, applied in one click.

use super::super::super::state::AppContext;
use crate::views::selection as sel;
use leptos::prelude::*;

/// The suggestion banner with "Apply suggestion".
#[component]
pub fn Suggestion() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let drops =
        Memo::new(move |_| ctx.report.with(|r| r.as_deref().map(sel::suggested_drops).unwrap_or_default()));
    let keep = Memo::new(move |_| ctx.report.with(|r| r.as_deref().and_then(sel::suggested_features)));
    let has_selection = move || ctx.report.with(|r| r.as_ref().is_some_and(|r| r.selection.is_some()));
    let applied = move || {
        let k = keep.get();
        ctx.config.with(|c| k.is_some() && c.prep.features == k)
    };
    let apply = move |_| {
        if let Some(k) = keep.get_untracked() {
            ctx.edit(|c| c.prep.features = Some(k));
        }
    };
    let text = move || {
        let d = drops.get();
        let custom = ctx.config.with(|c| c.prep.features.is_some());
        match d.len() {
            0 if custom => "Among the features in use, none looks redundant or uninformative.".to_string(),
            0 => "Every feature carries its weight: nothing to drop.".to_string(),
            1 => format!("Suggestion: leave out {} (reason in the table below).", d[0]),
            n => {
                format!("Suggestion: leave out {n} features — {} (reasons in the table below).", d.join(", "))
            }
        }
    };
    view! {
        <Show
            when=has_selection
            fallback=|| {
                view! {
                    <p class="muted">"Feature ranking needs at least two features and enough customers; it appears after the next run."</p>
                }
            }
        >
            <div class="suggestion" data-testid="feature-suggestion">
                <p>{text}</p>
                <button
                    type="button"
                    class="button primary small"
                    disabled=move || drops.with(Vec::is_empty) || applied()
                    on:click=apply
                >
                    "Apply suggestion"
                </button>
                <Show when=applied>
                    <span class="badge ok">"applied"</span>
                </Show>
            </div>
        </Show>
    }
}

/// The ranked table of the prepared matrix columns.
#[component]
pub fn RankedTable() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let rows = Memo::new(move |_| ctx.report.with(|r| r.as_deref().map(sel::rows).unwrap_or_default()));
    let notes = move || {
        ctx.report.with(|r| {
            r.as_ref().and_then(|r| r.selection.as_ref()).map(|s| s.notes.clone()).unwrap_or_default()
        })
    };
    view! {
        <Show when=move || rows.with(|r| !r.is_empty())>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Features, best first">
                <table class="grid ranked" data-testid="feature-suggestions">
                    <caption>
                        "Features, best first"
                        <span class="help caption-help">
                            " Separation (η²): how much of the column's spread the segments explain (0 to 1). Importance: how much worse segments are recognised when the column is shuffled."
                        </span>
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">"Rank"</th>
                            <th scope="col">"Column"</th>
                            <th scope="col">"Suggestion"</th>
                            <th scope="col">"Why"</th>
                            <th scope="col" class="num">"Separation (η²)"</th>
                            <th scope="col" class="num">"Importance"</th>
                            <th scope="col">"Most correlated with"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            rows.get()
                                .into_iter()
                                .map(|f| {
                                    view! {
                                        <tr class:drop=f.drop data-feature=f.name.clone()>
                                            <td class="num">{f.rank}</td>
                                            <th scope="row">{f.name.clone()}</th>
                                            <td>
                                                {if f.drop {
                                                    view! { <span class="badge warn">"drop"</span> }.into_any()
                                                } else {
                                                    view! { <span class="badge ok">"keep"</span> }.into_any()
                                                }}
                                            </td>
                                            <td class="why">{f.why.clone()}</td>
                                            <td class="num">{f.eta_squared.clone()}</td>
                                            <td class="num">{f.importance.clone()}</td>
                                            <td class="corr">{f.correlation.clone()}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
                <ul class="notes table-notes">{move || notes().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        </Show>
    }
}

//! The skew hint (`views::skew`) as a callout: which used features are strongly right-skewed, and a button
//! that gives them a logarithm and re-runs. Shown on Explore and Prepare; it goes away once the columns have a
//! transform of their own (set here or in Prepare's table, where "none" undoes it).

use super::super::state::AppContext;
use crate::views::skew;
use leptos::prelude::*;

#[component]
pub fn SkewHint() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let hint = Memo::new(move |_| {
        ctx.report.with(|r| r.as_ref().and_then(|r| ctx.config.with(|c| skew::hint(r, c))))
    });
    move || {
        hint.get().map(|h| {
            let columns: Vec<String> = h.columns.iter().map(|c| c.0.clone()).collect();
            let label = match columns.as_slice() {
                [one] => format!("Use a logarithm for {one}"),
                many => format!("Use a logarithm for these {} columns", many.len()),
            };
            view! {
                <div class="callout skew-hint" role="note" data-testid="skew-hint">
                    <p>{skew::sentence(&h)}</p>
                    <button
                        type="button"
                        class="button small"
                        on:click=move |_| ctx.edit_now(|c| skew::apply(c, &columns))
                    >
                        {label}
                    </button>
                </div>
            }
        })
    }
}

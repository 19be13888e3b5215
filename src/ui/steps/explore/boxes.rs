//! Box plots of one feature by segment, with a feature selector.

use super::super::super::chart_canvas::ChartCanvas;
use super::super::super::state::AppContext;
use super::super::super::widgets::SelectField;
use crate::views::{charts, explore};
use leptos::prelude::*;

#[component]
pub fn BoxPlots() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let chosen = RwSignal::new(None::<String>);
    let features = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.as_ref()
                .map(|r| r.boxes.iter().map(|b| b.feature.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let preferred =
        Memo::new(move |_| ctx.report.with(|r| r.as_ref().and_then(|r| explore::default_box_feature(r))));
    let feature = Signal::derive(move || {
        let list = features.get();
        chosen.get().filter(|f| list.contains(f)).or_else(|| preferred.get()).unwrap_or_default()
    });
    let chart = Signal::derive(move || ctx.report.get().and_then(|r| charts::boxplot(&r, &feature.get())));
    view! {
        <Show when=move || !features.get().is_empty()>
            <div class="card-controls">
                {move || {
                    view! {
                        <SelectField
                            label="Feature"
                            id="box-feature"
                            options=features.get().into_iter().map(|f| (f.clone(), f)).collect()
                            value=feature
                            on_change=Callback::new(move |v: String| chosen.set(Some(v)))
                            help="How this feature is spread within each segment (original units)."
                        />
                    }
                }}
            </div>
            <ChartCanvas spec=chart testid="boxplot-canvas" height=340/>
        </Show>
    }
}

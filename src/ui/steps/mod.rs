//! One panel per step of the flow.

mod data;
mod explore;
mod export;
mod features;
mod fields;
mod prepare;
pub(super) mod segment;
mod skew_hint;

use super::state::Step;
use leptos::prelude::*;

/// The panel of `step`.
pub fn panel(step: Step) -> AnyView {
    let body = match step {
        Step::Data => view! { <data::DataStep/> }.into_any(),
        Step::Prepare => view! { <prepare::PrepareStep/> }.into_any(),
        Step::Features => view! { <features::FeaturesStep/> }.into_any(),
        Step::Segment => view! { <segment::SegmentStep/> }.into_any(),
        Step::Explore => view! { <explore::ExploreStep/> }.into_any(),
        Step::Export => view! { <export::ExportStep/> }.into_any(),
    };
    view! {
        <section class="step-panel" id=step.id() aria-labelledby=format!("{}-title", step.id())>
            <h2 class="step-heading" id=format!("{}-title", step.id())>{step.title()}</h2>
            {body}
        </section>
    }
    .into_any()
}

/// Shown by steps that need a result when there is none yet.
#[component]
pub fn NeedsData() -> impl IntoView {
    let ctx = expect_context::<super::state::AppContext>();
    view! {
        <div class="empty">
            <p>"Load a file in the Data step first, or try the bundled sample."</p>
            <button type="button" class="button" on:click=move |_| ctx.step.set(Step::Data)>"Go to Data"</button>
        </div>
    }
}

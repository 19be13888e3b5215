//! Hierarchical settings: the linkage, the dendrogram with the cut line, and how large data is handled.

use super::super::super::chart_canvas::ChartCanvas;
use super::super::super::state::AppContext;
use super::super::super::widgets::SelectField;
use crate::engine::cluster::hierarchical::Linkage;
use crate::engine::pipeline::AlgorithmConfig;
use crate::views::{charts, segment};
use leptos::prelude::*;

const LINKAGES: [(&str, &str, &str, Linkage); 4] = [
    (
        "ward",
        "Ward",
        "Merges the pair that adds least spread: compact, even segments (recommended).",
        Linkage::Ward,
    ),
    (
        "complete",
        "Complete",
        "Distance between the farthest members: compact segments, sensitive to outliers.",
        Linkage::Complete,
    ),
    ("average", "Average", "Mean distance between members: a middle ground.", Linkage::Average),
    (
        "single",
        "Single",
        "Distance between the nearest members: finds chains and odd shapes, often one big segment.",
        Linkage::Single,
    ),
];

#[component]
pub fn HierarchicalForm() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let linkage = Signal::derive(move || {
        ctx.config.with(|c| match &c.algorithm {
            AlgorithmConfig::Hierarchical(p) => {
                LINKAGES.iter().find(|l| l.3 == p.linkage).map(|l| l.0).unwrap_or("ward").to_string()
            }
            _ => "ward".to_string(),
        })
    });
    let help = move || {
        let l = linkage.get();
        LINKAGES.iter().find(|x| x.0 == l).map(|x| x.2).unwrap_or("")
    };
    let cap_note = move || {
        let n = ctx.report.with(|r| r.as_ref().map(|r| r.n_used).unwrap_or(0));
        ctx.config.with(|c| match &c.algorithm {
            AlgorithmConfig::Hierarchical(p) => segment::hierarchical_cap_note(p, n),
            _ => String::new(),
        })
    };
    let chart = Signal::derive(move || ctx.report.get().and_then(|r| charts::dendrogram(&r)));
    view! {
        <div class="param-grid" data-testid="algorithm-params">
            <div class="field">
                <SelectField
                    label="Linkage"
                    id="hierarchical-linkage"
                    options=LINKAGES.iter().map(|l| (l.0.to_string(), l.1.to_string())).collect()
                    value=linkage
                    on_change=Callback::new(move |v: String| {
                        let Some(l) = LINKAGES.iter().find(|l| l.0 == v).map(|l| l.3) else { return };
                        ctx.edit(|c| {
                            if let AlgorithmConfig::Hierarchical(p) = &mut c.algorithm {
                                p.linkage = l;
                            }
                        })
                    })
                />
                <p class="help">{help}</p>
            </div>
            <div class="field note-field">
                <span class="field-label">"Size limit"</span>
                <p class="help" data-testid="cap-note">{cap_note}</p>
            </div>
        </div>
        <ChartCanvas spec=chart testid="algorithm-canvas" height=340/>
        <p class="help">"The horizontal cut line splits the tree into the segments: every branch it crosses is one segment."</p>
    }
}

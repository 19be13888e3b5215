//! The status line: progress with stage and percent (shown after ~300 ms), Cancel, errors and notices. Screen
//! readers hear a short polite sentence when a run starts, ends or is cancelled, and errors once (an alert),
//! not every percentage of every stage.

use super::state::{AppContext, LateSweep, Status};
use leptos::prelude::*;

#[component]
pub fn StatusLine() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    // what the polite live region says: it changes only when the kind of status does
    let announcement = Memo::new(move |_| match ctx.status.get() {
        Status::Running { .. } => "Working on your data…".to_string(),
        Status::Idle if matches!(ctx.late_sweep.get(), LateSweep::Computing(_)) => {
            "Your segments are ready.".to_string()
        }
        Status::Idle if ctx.report.with(|r| r.is_some()) => "Your segments are ready.".to_string(),
        Status::Cancelled => "Run cancelled. The previous result is still shown.".to_string(),
        Status::Info(text) => text,
        Status::Idle | Status::Failed(_) => String::new(),
    });
    view! {
        <p class="visually-hidden" role="status" aria-live="polite" data-testid="announcement">
            {announcement}
        </p>
        <div class="status" data-testid="status">
            {move || match ctx.status.get() {
                Status::Idle if matches!(ctx.late_sweep.get(), LateSweep::Computing(_)) => {
                    view! {
                        <div class="progress-row">
                            <p class="note" data-testid="sweep-note">
                                "Your segments are ready. "
                                "The Choose-k comparison (in Segment) is still being computed."
                            </p>
                            <button type="button" class="button small" on:click=move |_| ctx.stop_sweep()>
                                "Stop comparing"
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Status::Idle => ().into_any(),
                Status::Cancelled => {
                    view! { <p class="note">"Run cancelled. The previous result is still shown."</p> }.into_any()
                }
                Status::Info(text) => view! { <p class="note" data-testid="info">{text}</p> }.into_any(),
                Status::Running { stage, fraction } => {
                    let pct = (fraction.clamp(0.0, 1.0) * 100.0).round();
                    view! {
                        <div class="progress-row">
                            <div class="progress" data-testid="progress">
                                <span class="progress-label">{format!("{stage} · {pct}%")}</span>
                                <progress max="100" value=pct aria-label="Progress"></progress>
                            </div>
                            <button type="button" class="button small" on:click=move |_| ctx.cancel()>
                                "Cancel"
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Status::Failed(message) => {
                    view! {
                        <p class="error" role="alert" data-testid="error">
                            {message}
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

//! `<Later>`: a part of a view built in a later slice of the main thread's work queue (`slices`), not in the
//! task that mounts it, so a view too big for one task (the Explore step, shown with a new result) is built
//! a part per task. The first 100k-row result built all of Explore in one task of 34–49 ms CPU time on a
//! 2-core machine (over 50 on a slower one), most of it the first run's lazy compiling of the code it calls;
//! `tests/e2e/specs/workspace.spec.js` holds every main-thread task of that run under 50 ms.

use super::slices::{self, Next};
use leptos::prelude::*;

/// Builds `children` once the work queue reaches it (one `<Later>` per task), then keeps them.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    let key = slices::key();
    slices::run(key, move |deadline| {
        ready.set(true);
        deadline.end_now(); // the children are built in this slice's task, alone
        Next::Done
    });
    on_cleanup(move || slices::cancel(key));
    move || ready.get().then(|| children())
}

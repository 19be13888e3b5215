//! Opt-in timings of the main thread's own work: with `?perf` in the page URL, [`span`] records each step
//! (decoding a worker reply, building a chart spec, drawing a chart or a slice of one) as a User Timing
//! `performance.measure` named `segscope:<step>`. They show in the browser's Performance panel, and the
//! end-to-end suite reads them to say what a long task was made of. Off, it costs one flag check.

use std::cell::Cell;

thread_local! {
    /// None until first asked; then whether `?perf` is in the URL.
    static ON: Cell<Option<bool>> = const { Cell::new(None) };
}

/// True when the page was opened with `?perf` (read once).
pub fn enabled() -> bool {
    ON.with(|on| {
        if let Some(v) = on.get() {
            return v;
        }
        let v = web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|s| {
            s.trim_start_matches('?').split('&').any(|p| p == "perf" || p.starts_with("perf="))
        });
        on.set(Some(v));
        v
    })
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// Runs `f`, recording it as the measure `segscope:<name>` when timings are on.
pub fn span<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let Some(p) = enabled().then(performance).flatten() else { return f() };
    let full = format!("segscope:{name}");
    let start = format!("{full}:start");
    let _ = p.mark(&start);
    let out = f();
    let _ = p.measure_with_start_mark(&full, &start);
    p.clear_marks_with_mark_name(&start);
    out
}

/// Records an instant `segscope:<name>` (a mark) when timings are on.
pub fn mark(name: &str) {
    if let Some(p) = enabled().then(performance).flatten() {
        let _ = p.mark(&format!("segscope:{name}"));
    }
}

/// Logs `line()` to the console as `segscope: <line>` when timings are on (for the end-to-end suite, which
/// reads the worker's own stage timings this way).
pub fn log(line: impl FnOnce() -> String) {
    if enabled() {
        web_sys::console::log_1(&format!("segscope: {}", line()).into());
    }
}

//! Wasm half of `make bench` (not shipped, not a test): the engine steps of `tests/bench/steps.rs` behind a
//! small wasm-bindgen API, built with `wasm-bindgen --target no-modules` into `tests/bench/build/` and loaded by
//! the benchmark worker (`tests/bench/src/worker.js`), which times each call with `performance.now()`.
//! State (the ingested table, the standardised matrix, the last labels) lives in this module between calls.
//! On native targets this example is an empty program.

#[cfg(target_arch = "wasm32")]
#[path = "../tests/bench/steps.rs"]
mod steps;

#[cfg(target_arch = "wasm32")]
mod api {
    use std::cell::RefCell;

    use ndarray::{s, Array2};
    use segscope::engine::table::Table;
    use wasm_bindgen::prelude::*;

    use super::steps;

    thread_local! {
        static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
        static MATRIX: RefCell<Option<Array2<f64>>> = const { RefCell::new(None) };
        static LABELS: RefCell<Vec<i32>> = const { RefCell::new(Vec::new()) };
    }

    /// Ingests the CSV bytes (copied into wasm memory by the binding); returns the number of rows.
    #[wasm_bindgen]
    pub fn ingest(bytes: &[u8]) -> usize {
        let table = steps::ingest(bytes);
        let n = table.n_rows();
        TABLE.with(|t| *t.borrow_mut() = Some(table));
        n
    }

    /// Drops the table and the matrix (so the next ingest starts from the same memory state).
    #[wasm_bindgen]
    pub fn reset() {
        TABLE.with(|t| *t.borrow_mut() = None);
        MATRIX.with(|m| *m.borrow_mut() = None);
        LABELS.with(|l| l.borrow_mut().clear());
    }

    /// Standardises the ingested table into the matrix; returns its number of columns.
    #[wasm_bindgen]
    pub fn standardize() -> usize {
        let x = TABLE.with(|t| steps::standardize(t.borrow().as_ref().expect("ingest first")));
        let d = x.ncols();
        MATRIX.with(|m| *m.borrow_mut() = Some(x));
        d
    }

    /// The standardised matrix, row-major (for the JavaScript libraries, so that all see the same numbers).
    #[wasm_bindgen]
    pub fn matrix() -> Vec<f64> {
        MATRIX.with(|m| m.borrow().as_ref().expect("standardize first").iter().copied().collect())
    }

    /// k-means on the matrix; returns `[inertia, iterations]`.
    #[wasm_bindgen]
    pub fn kmeans() -> Vec<f64> {
        let fit = MATRIX.with(|m| steps::kmeans(m.borrow().as_ref().expect("standardize first").view()));
        let out = vec![fit.inertia, fit.info.iterations as f64];
        LABELS.with(|l| *l.borrow_mut() = fit.labels);
        out
    }

    /// DBSCAN on the first `rows` rows of the matrix; returns `[clusters, noise]`.
    #[wasm_bindgen]
    pub fn dbscan(rows: usize) -> Vec<f64> {
        MATRIX.with(|m| {
            let m = m.borrow();
            let x = m.as_ref().expect("standardize first");
            let fit = steps::dbscan(x.slice(s![..rows.min(x.nrows()), ..]));
            vec![fit.n_clusters as f64, fit.n_noise as f64]
        })
    }

    /// Bytes of wasm linear memory: it never shrinks, so this is the peak so far.
    #[wasm_bindgen]
    pub fn memory_bytes() -> f64 {
        (core::arch::wasm32::memory_size(0) * 65_536) as f64
    }
}

fn main() {}

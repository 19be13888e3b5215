//! The exact silhouette kernel: blocked, O(n·d) extra memory, never an n×n matrix.
//!
//! The points are reordered by label once and packed into panels of 4 points stored feature by feature
//! (`[panel][feature][4]`, each label's points padded to whole panels). Rows are scored in blocks of
//! [`R`]: for each panel the R×4 squared distances accumulate in registers over the features, then their
//! square roots go into four running sums per row and label. Every row's sums are accumulated in one fixed
//! order (lane = position mod 4 within its label, lanes combined as (l0 + l1) + (l2 + l3)) whatever the
//! block, tile or thread, so results do not depend on the number of threads. a(i), b(i) and s(i) follow
//! from the per-label sums as in scikit-learn's `silhouette_samples`.

use rayon::prelude::*;

use crate::engine::metrics::input::Encoded;
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::simd::panel_root_sums;

/// Rows scored together (register blocking).
const R: usize = 4;
/// Panels (of 4 points) per cache tile.
const TILE_PANELS: usize = 64;
/// Rows per parallel task.
const TASK: usize = 32;
/// Rows between progress reports and cancel checks.
const OUTER: usize = 2048;

/// Silhouette values of rows `range` of `x` (row-major, `d` columns; every row takes part in the distances)
/// with the given encoded labels. The value of a row does not depend on the range it is scored in.
///
/// Requires at least 2 labels (checked by the caller).
pub fn silhouette_values(
    x: &[f64],
    d: usize,
    enc: &Encoded,
    range: std::ops::Range<usize>,
    monitor: &mut dyn Monitor,
) -> Result<Vec<f64>, Cancelled> {
    let packed = Packed::new(x, d, enc);
    let mut values = vec![0.0; range.len()];
    let mut lo = range.start;
    while lo < range.end {
        monitor.progress("silhouette", (lo - range.start) as f64 / range.len() as f64);
        if monitor.cancelled() {
            return Err(Cancelled);
        }
        let hi = (lo + OUTER).min(range.end);
        values[lo - range.start..hi - range.start].par_chunks_mut(TASK).enumerate().for_each(|(t, out)| {
            packed.score_rows(x, lo + t * TASK, out);
        });
        lo = hi;
    }
    monitor.progress("silhouette", 1.0);
    Ok(values)
}

/// The points in label order, packed 4 per panel, with each label's panel range.
struct Packed<'a> {
    d: usize,
    k: usize,
    enc: &'a Encoded,
    /// `[panel][feature][lane]`, lanes past a label's last point are zero padding.
    panels: Vec<f64>,
    /// First panel of each label; label c owns panels `first[c]..first[c + 1]`.
    first: Vec<usize>,
}

impl<'a> Packed<'a> {
    fn new(x: &[f64], d: usize, enc: &'a Encoded) -> Self {
        let k = enc.n_labels();
        let mut first = vec![0usize; k + 1];
        for (c, &cnt) in enc.counts.iter().enumerate() {
            first[c + 1] = first[c] + cnt.div_ceil(4);
        }
        let mut panels = vec![0.0; first[k] * d * 4];
        let mut next: Vec<usize> = first[..k].iter().map(|&p| p * 4).collect();
        for (i, &c) in enc.codes.iter().enumerate() {
            let slot = next[c];
            next[c] += 1;
            let (p, lane) = (slot / 4, slot % 4);
            for f in 0..d {
                panels[(p * d + f) * 4 + lane] = x[i * d + f];
            }
        }
        Self { d, k, enc, panels, first }
    }

    /// Scores rows `first_row..first_row + out.len()` into `out`.
    fn score_rows(&self, x: &[f64], first_row: usize, out: &mut [f64]) {
        let (d, k) = (self.d, self.k);
        let rows = out.len();
        let mut lanes = vec![[0.0f64; 4]; rows * k];
        let mut block = vec![[0.0f64; R]; d];
        for c in 0..k {
            let (p_start, p_end) = (self.first[c], self.first[c + 1]);
            let valid_last = self.enc.counts[c] - 4 * (p_end - p_start - 1);
            let mut t0 = p_start;
            while t0 < p_end {
                let t1 = (t0 + TILE_PANELS).min(p_end);
                for rb in (0..rows).step_by(R) {
                    let rn = R.min(rows - rb);
                    for (f, slot) in block.iter_mut().enumerate() {
                        for (r, v) in slot.iter_mut().enumerate() {
                            *v = if r < rn { x[(first_row + rb + r) * d + f] } else { 0.0 };
                        }
                    }
                    let mut acc = [[0.0f64; 4]; R];
                    for (r, a) in acc.iter_mut().enumerate().take(rn) {
                        *a = lanes[(rb + r) * k + c];
                    }
                    // full panels of this tile; the label's last panel may be partial
                    let full_end = if t1 == p_end && valid_last < 4 { t1 - 1 } else { t1 };
                    self.full_panels(&block, t0, full_end, &mut acc);
                    if full_end < t1 {
                        self.partial_panel(&block, full_end, valid_last, &mut acc);
                    }
                    for (r, a) in acc.iter().enumerate().take(rn) {
                        lanes[(rb + r) * k + c] = *a;
                    }
                }
                t0 = t1;
            }
        }
        for (r, v) in out.iter_mut().enumerate() {
            let sums: Vec<f64> =
                lanes[r * k..(r + 1) * k].iter().map(|l| (l[0] + l[1]) + (l[2] + l[3])).collect();
            *v = self.score(self.enc.codes[first_row + r], &sums);
        }
    }

    /// Adds √distance from the R block rows to every point of panels `p0..p1` into the rows' lane sums
    /// (wasm simd128 through `engine::simd`, the same operations as scalar code).
    #[inline(always)]
    fn full_panels(&self, block: &[[f64; R]], p0: usize, p1: usize, lanes: &mut [[f64; 4]; R]) {
        let stride = self.d * 4;
        for panel in self.panels[p0 * stride..p1 * stride].chunks_exact(stride) {
            panel_root_sums(block, panel, lanes);
        }
    }

    /// The same for the first `valid` lanes of panel `p` (a label's last, partial panel).
    fn partial_panel(&self, block: &[[f64; R]], p: usize, valid: usize, lanes: &mut [[f64; 4]; R]) {
        let stride = self.d * 4;
        let panel = &self.panels[p * stride..(p + 1) * stride];
        for r in 0..R {
            for l in 0..valid {
                let mut s = 0.0;
                for (v, xf) in panel.chunks_exact(4).zip(block) {
                    let t = xf[r] - v[l];
                    s += t * t;
                }
                lanes[r][l] += s.sqrt();
            }
        }
    }

    /// s(i) from the row's per-label distance sums, with scikit-learn's rules: a singleton scores 0, and
    /// 0/0 (a = b = 0) scores 0.
    fn score(&self, own: usize, sums: &[f64]) -> f64 {
        let counts = &self.enc.counts;
        if counts[own] <= 1 {
            return 0.0;
        }
        let a = sums[own] / (counts[own] - 1) as f64;
        let b = (0..self.k)
            .filter(|&c| c != own)
            .map(|c| sums[c] / counts[c] as f64)
            .fold(f64::INFINITY, f64::min);
        let m = a.max(b);
        if m > 0.0 {
            (b - a) / m
        } else {
            0.0
        }
    }
}

//! Lane-exact distance kernels: wasm `simd128` when the build enables it (`.cargo/config.toml` does for
//! wasm32), plain scalar code otherwise (native, or a wasm build without the feature).
//!
//! Both paths perform the very same IEEE operations in the same order on every lane — four running sums over
//! `j mod 4`, each `acc[j % 4] += (a[j] − b[j])²`, held as two `f64x2` vectors on wasm — so results are
//! bit-identical to native (wasm SIMD has no fused multiply-add and Rust never contracts one). Callers combine
//! the four sums and add the tail in their own fixed order. `tests/web.rs` pins wasm labels to native ones;
//! the unit tests below compare both paths on awkward lengths.
//!
//! Why hand-written: they were written when the worker was built at opt-level "z", where LLVM does not
//! auto-vectorise loops, so `+simd128` alone left these loops scalar (docs/BENCHMARKS.md, "wasm SIMD"). The
//! worker is now built at opt-level 3 (`[profile.worker-release]`); the explicit kernels fix the summation
//! order, which keeps native and wasm results bit-identical.

/// The four running sums `s[t] = Σ (a[j] − b[j])²` over `j ≡ t (mod 4)`, `j < n − n % 4`, `n = a.len()`.
/// `b` must be at least as long as `a` (extra values are ignored).
#[inline(always)]
pub(crate) fn sq_dist_lanes(a: &[f64], b: &[f64]) -> [f64; 4] {
    assert!(b.len() >= a.len(), "sq_dist_lanes: b is shorter than a");
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::sq_dist_lanes(a, b)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        scalar::sq_dist_lanes(a, b)
    }
}

/// The four running sums of the squared distance from `q` to the box `[lo, hi]`: per feature
/// `max(lo − q, q − hi, 0)²`, grouped as [`sq_dist_lanes`] (`lo` and `hi` at least as long as `q`).
#[inline(always)]
pub(crate) fn box_min_lanes(q: &[f64], lo: &[f64], hi: &[f64]) -> [f64; 4] {
    assert!(lo.len() >= q.len() && hi.len() >= q.len(), "box_min_lanes: box shorter than q");
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::box_lanes::<false>(q, lo, hi)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        scalar::box_lanes::<false>(q, lo, hi)
    }
}

/// The four running sums of the squared distance from `q` to the farthest corner of the box `[lo, hi]`: per
/// feature `max(|q − lo|, |hi − q|)²`, grouped as [`sq_dist_lanes`].
#[inline(always)]
pub(crate) fn box_max_lanes(q: &[f64], lo: &[f64], hi: &[f64]) -> [f64; 4] {
    assert!(lo.len() >= q.len() && hi.len() >= q.len(), "box_max_lanes: box shorter than q");
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::box_lanes::<true>(q, lo, hi)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        scalar::box_lanes::<true>(q, lo, hi)
    }
}

/// One panel of the silhouette kernel: `panel` holds 4 points feature by feature (`[feature][4]`), `block` R
/// rows feature by feature (`[feature][R]`). For each row r and point l, the squared distance
/// `Σ_f (block[f][r] − panel[f·4 + l])²` (summed over the features in order) has its square root added to
/// `sums[r][l]`. Element-wise per (r, l), so exact on any lanes.
#[inline(always)]
pub(crate) fn panel_root_sums<const R: usize>(block: &[[f64; R]], panel: &[f64], sums: &mut [[f64; 4]; R]) {
    assert!(panel.len() >= block.len() * 4, "panel_root_sums: panel shorter than the block's features");
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::panel_root_sums(block, panel, sums)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        scalar::panel_root_sums(block, panel, sums)
    }
}

/// `s[j] += x[j] * w` for every `j < s.len()` (`x` at least as long). Element-wise, so exact on any lanes.
#[inline(always)]
pub(crate) fn add_scaled(s: &mut [f64], x: &[f64], w: f64) {
    assert!(x.len() >= s.len(), "add_scaled: x is shorter than s");
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        wasm::add_scaled(s, x, w)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        scalar::add_scaled(s, x, w)
    }
}

/// The reference kernels (the native build's, and the twin the wasm kernels must equal bit for bit).
#[cfg_attr(all(target_arch = "wasm32", target_feature = "simd128"), allow(dead_code))]
mod scalar {
    #[inline(always)]
    pub fn panel_root_sums<const R: usize>(block: &[[f64; R]], panel: &[f64], sums: &mut [[f64; 4]; R]) {
        let mut acc = [[0.0f64; 4]; R];
        for (v, xf) in panel.chunks_exact(4).zip(block) {
            for r in 0..R {
                for l in 0..4 {
                    let t = xf[r] - v[l];
                    acc[r][l] += t * t;
                }
            }
        }
        for r in 0..R {
            for l in 0..4 {
                sums[r][l] += acc[r][l].sqrt();
            }
        }
    }

    #[inline(always)]
    pub fn sq_dist_lanes(a: &[f64], b: &[f64]) -> [f64; 4] {
        let mut acc = [0.0f64; 4];
        for (x, y) in a.chunks_exact(4).zip(b.chunks_exact(4)) {
            for t in 0..4 {
                let d = x[t] - y[t];
                acc[t] += d * d;
            }
        }
        acc
    }

    #[inline(always)]
    pub fn box_lanes<const FAR: bool>(q: &[f64], lo: &[f64], hi: &[f64]) -> [f64; 4] {
        let mut acc = [0.0f64; 4];
        for ((q, lo), hi) in q.chunks_exact(4).zip(lo.chunks_exact(4)).zip(hi.chunks_exact(4)) {
            for t in 0..4 {
                let d = if FAR {
                    (q[t] - lo[t]).abs().max((hi[t] - q[t]).abs())
                } else {
                    (lo[t] - q[t]).max(q[t] - hi[t]).max(0.0)
                };
                acc[t] += d * d;
            }
        }
        acc
    }

    #[inline(always)]
    pub fn add_scaled(s: &mut [f64], x: &[f64], w: f64) {
        s.iter_mut().zip(x).for_each(|(s, v)| *s += v * w);
    }
}

/// The simd128 kernels. Plain `while` loops over raw pointers, fast at any opt-level: at "z" (the app's
/// profile) LLVM leaves iterator adaptors (`zip`, `chunks_exact`, sub-slicing) as out-of-line calls — in these
/// loops they cost more than the arithmetic. Callers have checked the lengths (see the wrappers above).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm {
    use core::arch::wasm32::*;

    /// Lanes `[p[0], p[1]]`.
    ///
    /// # Safety
    /// `p` must be valid for reading two `f64` (no alignment needed: v128.load is 1-aligned).
    #[inline(always)]
    unsafe fn ld(p: *const f64) -> v128 {
        v128_load(p.cast())
    }

    /// The two accumulators as `[s0, s1, s2, s3]`.
    #[inline(always)]
    fn lanes(lo: v128, hi: v128) -> [f64; 4] {
        [
            f64x2_extract_lane::<0>(lo),
            f64x2_extract_lane::<1>(lo),
            f64x2_extract_lane::<0>(hi),
            f64x2_extract_lane::<1>(hi),
        ]
    }

    /// Needs `panel.len() >= 4 * block.len()`.
    #[inline(always)]
    pub fn panel_root_sums<const R: usize>(block: &[[f64; R]], panel: &[f64], sums: &mut [[f64; 4]; R]) {
        let p = panel.as_ptr();
        let mut acc = [[f64x2_splat(0.0); 2]; R];
        for (f, xf) in block.iter().enumerate() {
            // SAFETY: 4f + 4 <= 4 * block.len() <= panel.len()
            let (v01, v23) = unsafe { (ld(p.add(4 * f)), ld(p.add(4 * f + 2))) };
            for r in 0..R {
                let x = f64x2_splat(xf[r]);
                let (d01, d23) = (f64x2_sub(x, v01), f64x2_sub(x, v23));
                acc[r][0] = f64x2_add(acc[r][0], f64x2_mul(d01, d01));
                acc[r][1] = f64x2_add(acc[r][1], f64x2_mul(d23, d23));
            }
        }
        for r in 0..R {
            let [a, b] = acc[r];
            let roots = lanes(f64x2_sqrt(a), f64x2_sqrt(b));
            for l in 0..4 {
                sums[r][l] += roots[l];
            }
        }
    }

    /// Needs `b.len() >= a.len()`.
    #[inline(always)]
    pub fn sq_dist_lanes(a: &[f64], b: &[f64]) -> [f64; 4] {
        let full = a.len() - a.len() % 4;
        let (pa, pb) = (a.as_ptr(), b.as_ptr());
        let (mut s01, mut s23) = (f64x2_splat(0.0), f64x2_splat(0.0));
        let mut j = 0;
        while j < full {
            // SAFETY: j + 4 <= full <= a.len() <= b.len()
            let (d01, d23) = unsafe {
                (f64x2_sub(ld(pa.add(j)), ld(pb.add(j))), f64x2_sub(ld(pa.add(j + 2)), ld(pb.add(j + 2))))
            };
            s01 = f64x2_add(s01, f64x2_mul(d01, d01));
            s23 = f64x2_add(s23, f64x2_mul(d23, d23));
            j += 4;
        }
        lanes(s01, s23)
    }

    /// `f64::max` for finite values (the kd-tree's inputs): only a signed zero may differ, and it is squared.
    #[inline(always)]
    fn max(a: v128, b: v128) -> v128 {
        f64x2_pmax(a, b)
    }

    #[inline(always)]
    fn term<const FAR: bool>(q: v128, lo: v128, hi: v128) -> v128 {
        let d = if FAR {
            max(f64x2_abs(f64x2_sub(q, lo)), f64x2_abs(f64x2_sub(hi, q)))
        } else {
            max(max(f64x2_sub(lo, q), f64x2_sub(q, hi)), f64x2_splat(0.0))
        };
        f64x2_mul(d, d)
    }

    /// Needs `lo.len() >= q.len()` and `hi.len() >= q.len()`.
    #[inline(always)]
    pub fn box_lanes<const FAR: bool>(q: &[f64], lo: &[f64], hi: &[f64]) -> [f64; 4] {
        let full = q.len() - q.len() % 4;
        let (pq, pl, ph) = (q.as_ptr(), lo.as_ptr(), hi.as_ptr());
        let (mut s01, mut s23) = (f64x2_splat(0.0), f64x2_splat(0.0));
        let mut j = 0;
        while j < full {
            // SAFETY: j + 4 <= full <= q.len() <= lo.len(), hi.len()
            unsafe {
                s01 = f64x2_add(s01, term::<FAR>(ld(pq.add(j)), ld(pl.add(j)), ld(ph.add(j))));
                s23 = f64x2_add(s23, term::<FAR>(ld(pq.add(j + 2)), ld(pl.add(j + 2)), ld(ph.add(j + 2))));
            }
            j += 4;
        }
        lanes(s01, s23)
    }

    /// Needs `x.len() >= s.len()`.
    #[inline(always)]
    pub fn add_scaled(s: &mut [f64], x: &[f64], w: f64) {
        let (n, wv) = (s.len(), f64x2_splat(w));
        let (ps, px) = (s.as_mut_ptr(), x.as_ptr());
        let mut j = 0;
        while j + 2 <= n {
            // SAFETY: j + 2 <= n = s.len() <= x.len()
            unsafe {
                let v = f64x2_add(ld(ps.add(j)), f64x2_mul(ld(px.add(j)), wv));
                v128_store(ps.add(j).cast(), v);
            }
            j += 2;
        }
        if j < n {
            s[j] += x[j] * w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(n: usize, seed: u64) -> Vec<f64> {
        let mut z = seed;
        (0..n)
            .map(|_| {
                z = z.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                ((z >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 1e3
            })
            .collect()
    }

    #[test]
    fn panel_root_sums_follow_the_definition() {
        for d in [1, 2, 3, 8, 17] {
            let (x, panel) = (data(4 * d, 5), data(4 * d, 6));
            let block: Vec<[f64; 4]> = (0..d).map(|f| [x[f], x[d + f], x[2 * d + f], x[3 * d + f]]).collect();
            let mut sums = [[1.5f64; 4]; 4];
            panel_root_sums(&block, &panel, &mut sums);
            for r in 0..4 {
                for l in 0..4 {
                    let mut s = 0.0;
                    for f in 0..d {
                        s += (block[f][r] - panel[4 * f + l]) * (block[f][r] - panel[4 * f + l]);
                    }
                    assert_eq!(sums[r][l].to_bits(), (1.5 + s.sqrt()).to_bits(), "d = {d}, r = {r}, l = {l}");
                }
            }
        }
    }

    #[test]
    fn lanes_follow_the_stated_order() {
        for n in [0, 1, 3, 4, 5, 8, 9, 13, 16] {
            let (a, b) = (data(n, 1), data(n + 2, 2));
            let mut want = [0.0f64; 4];
            for j in 0..n - n % 4 {
                want[j % 4] += (a[j] - b[j]) * (a[j] - b[j]);
            }
            assert_eq!(sq_dist_lanes(&a, &b).map(f64::to_bits), want.map(f64::to_bits), "n = {n}");
        }
    }

    #[test]
    fn box_lanes_are_zero_inside_and_follow_the_order_outside() {
        let q = data(8, 3);
        let lo: Vec<f64> = q.iter().map(|v| v - 1.0).collect();
        let hi: Vec<f64> = q.iter().map(|v| v + 2.0).collect();
        assert_eq!(box_min_lanes(&q, &lo, &hi), [0.0; 4]);
        let far = box_max_lanes(&q, &lo, &hi);
        assert_eq!(far, [8.0; 4]); // two features per lane, each max(1, 2)² = 4
        let out: Vec<f64> = q.iter().map(|v| v + 3.0).collect();
        let near = box_min_lanes(&out, &lo, &hi);
        assert_eq!(near, [2.0; 4]); // each feature 1 beyond hi
    }

    #[test]
    fn add_scaled_is_element_wise() {
        for n in [0, 1, 2, 3, 8, 9] {
            let (mut s, x) = (data(n, 4), data(n, 5));
            let want: Vec<f64> = s.iter().zip(&x).map(|(s, v)| s + v * 0.3).collect();
            add_scaled(&mut s, &x, 0.3);
            assert_eq!(s, want, "n = {n}");
        }
    }
}

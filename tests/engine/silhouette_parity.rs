//! The silhouette kernel gives the same bits natively (scalar) and in wasm (simd128, `engine::simd`): every
//! value of an exact silhouette on seeded data is pinned. Run natively by `cargo test` and in the browser by
//! `tests/web.rs`.

// In wasm this runs from tests/web.rs, not as this binary's test.
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use ndarray::Array2;
use segscope::engine::metrics::silhouette_exact;
use segscope::engine::progress::Silent;

/// FNV-1a over the bits of every value, in order.
const PINNED: u64 = 15_521_678_228_140_742_667;

fn data() -> (Array2<f64>, Vec<i32>) {
    let mut z = 11u64;
    let mut next = || {
        z = z.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (z >> 11) as f64 / (1u64 << 53) as f64
    };
    let (n, d) = (503, 7);
    let labels: Vec<i32> = (0..n).map(|i| (i % 4) as i32).collect();
    let x = Array2::from_shape_fn((n, d), |(i, _)| next() * 10.0 + labels[i] as f64 * 3.0);
    (x, labels)
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
pub fn exact_silhouette_bits_are_pinned() {
    let (x, labels) = data();
    let s = silhouette_exact(x.view(), &labels, &mut Silent).unwrap();
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for v in &s.values {
        for byte in v.to_bits().to_le_bytes() {
            h = (h ^ byte as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    assert_eq!(h, PINNED, "silhouette bits changed (mean {})", s.mean);
}

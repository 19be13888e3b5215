//! t-SNE gives the same bits natively and in wasm32: fingerprints (FNV-1a over the coordinate and KL bits)
//! of three fits on generated data are pinned here, and this same file runs in both places: natively in
//! `cargo test --test engine` and in headless Chromium through `tests/web.rs` (`make test-wasm`).
//! After an intended change to the algorithm, copy the new fingerprints from the failure message.

// In wasm these run from tests/web.rs (between yields to the page), not as this binary's tests.
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use ndarray::Array2;
use segscope::engine::embed::tsne::{Tsne, TsneInit, TsneMethod, TsneParams};
use segscope::engine::progress::Silent;
use segscope::engine::rng::{rng, Rng};

/// `n` rows around 4 centres in 5 dimensions, from the engine generator (portable).
fn blobs(n: usize, seed: u64) -> Array2<f64> {
    let mut r = rng(seed);
    let centres: Vec<Vec<f64>> = (0..4).map(|_| (0..5).map(|_| r.gen::<f64>() * 10.0).collect()).collect();
    Array2::from_shape_fn((n, 5), |(i, j)| centres[i % 4][j] + r.gen::<f64>() + r.gen::<f64>() - 1.0)
}

fn fingerprint(t: &Tsne) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for v in t.coordinates.iter().chain(std::iter::once(&t.kl_divergence)) {
        for b in v.to_bits().to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
pub fn barnes_hut_default_fit_is_pinned() {
    let t = TsneParams::default().fit(blobs(300, 1).view(), &mut Silent).unwrap();
    assert_eq!(fingerprint(&t), 6831299093678375903, "kl {}", t.kl_divergence);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
pub fn exact_fit_is_pinned() {
    let p = TsneParams::default().with_method(TsneMethod::Exact).with_perplexity(15.0).with_max_iter(400);
    let t = p.fit(blobs(120, 2).view(), &mut Silent).unwrap();
    assert_eq!(fingerprint(&t), 10524279330567446762, "kl {}", t.kl_divergence);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
pub fn random_init_3d_fit_is_pinned() {
    let p = TsneParams::default()
        .with_n_components(3)
        .with_init(TsneInit::Random)
        .with_seed(7)
        .with_max_iter(300);
    let t = p.fit(blobs(200, 3).view(), &mut Silent).unwrap();
    assert_eq!(fingerprint(&t), 13453967775772757413, "kl {}", t.kl_divergence);
}

//! Initial prototypes for k-prototypes: Huang's frequency-based draw and Cao's density-based choice, both
//! ending on actual rows (numeric values and categories of a data row).

use super::data::{dissim, Mixed, MISSING};
use super::params::KPrototypesInit;
use crate::engine::rng::{EngineRng, Rng};

/// Row indices whose values become the `k` initial prototypes.
pub(crate) fn initial_rows(
    data: &Mixed,
    k: usize,
    gamma: f64,
    how: KPrototypesInit,
    rng: &mut EngineRng,
) -> Vec<usize> {
    match how {
        KPrototypesInit::Huang => huang(data, k, gamma, rng),
        KPrototypesInit::Cao => cao(data, k, gamma),
    }
}

/// Per categorical column, the count of each dense level.
fn frequencies(data: &Mixed) -> Vec<Vec<usize>> {
    let mut f: Vec<Vec<usize>> = data.levels.iter().map(|l| vec![0; l.len()]).collect();
    for i in 0..data.n {
        for (j, &c) in data.cat_row(i).iter().enumerate() {
            if c != MISSING {
                f[j][c as usize] += 1;
            }
        }
    }
    f
}

fn huang(data: &Mixed, k: usize, gamma: f64, rng: &mut EngineRng) -> Vec<usize> {
    let freq = frequencies(data);
    let n = data.n as f64;
    let (mean, sd): (Vec<f64>, Vec<f64>) = (0..data.p)
        .map(|j| {
            let m = (0..data.n).map(|i| data.num[i * data.p + j]).sum::<f64>() / n;
            let v = (0..data.n).map(|i| (data.num[i * data.p + j] - m).powi(2)).sum::<f64>() / n;
            (m, v.sqrt())
        })
        .unzip();
    let mut chosen: Vec<usize> = Vec::with_capacity(k);
    for _ in 0..k {
        let cn: Vec<f64> = (0..data.p)
            .map(|j| {
                let (u1, u2): (f64, f64) = (rng.gen::<f64>().max(1e-300), rng.gen());
                mean[j] + sd[j] * (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
            })
            .collect();
        let cc: Vec<u32> = freq
            .iter()
            .map(|f| {
                let total: usize = f.iter().sum();
                if total == 0 {
                    return MISSING;
                }
                let mut t = rng.gen_range(0..total);
                f.iter()
                    .position(|&c| {
                        if t < c {
                            true
                        } else {
                            t -= c;
                            false
                        }
                    })
                    .unwrap_or(0) as u32
            })
            .collect();
        // the nearest row not chosen yet (rows may repeat only when k exceeds the distinct rows)
        let mut order: Vec<(f64, usize)> =
            (0..data.n).map(|i| (dissim(data.num_row(i), data.cat_row(i), &cn, &cc, gamma), i)).collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let pick = order.iter().map(|o| o.1).find(|i| !chosen.contains(i)).unwrap_or(order[0].1);
        chosen.push(pick);
    }
    chosen
}

fn cao(data: &Mixed, k: usize, gamma: f64) -> Vec<usize> {
    let freq = frequencies(data);
    let denom = (data.n * data.m.max(1)) as f64;
    let dens: Vec<f64> = (0..data.n)
        .map(|i| {
            if data.m == 0 {
                return 1.0;
            }
            data.cat_row(i)
                .iter()
                .enumerate()
                .map(|(j, &c)| if c == MISSING { 0.0 } else { freq[j][c as usize] as f64 / denom })
                .sum()
        })
        .collect();
    let argmax = |v: &[f64]| (0..v.len()).fold(0, |b, i| if v[i] > v[b] { i } else { b });
    let mut chosen = vec![argmax(&dens)];
    let mut score: Vec<f64> = vec![f64::INFINITY; data.n];
    while chosen.len() < k {
        let c = *chosen.last().expect("non-empty");
        for i in 0..data.n {
            let d = dissim(data.num_row(i), data.cat_row(i), data.num_row(c), data.cat_row(c), gamma);
            score[i] = score[i].min(d * dens[i]);
        }
        let next = argmax(&score);
        // all remaining rows coincide with a chosen one: take the first row not chosen
        let next =
            if score[next] > 0.0 { next } else { (0..data.n).find(|i| !chosen.contains(i)).unwrap_or(0) };
        chosen.push(next);
    }
    chosen
}

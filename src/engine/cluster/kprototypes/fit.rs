//! The k-prototypes iteration (Huang 1998) in its batch form: assign every row to its nearest prototype,
//! then recompute each prototype (numeric mean, per-column mode with the lowest code winning ties), until
//! no label changes. Both steps can only lower the cost, so the cost history is non-increasing; an empty
//! cluster takes the row farthest from its prototype, which also cannot raise it. (Huang's original moves
//! rows one at a time; the batch form is chosen for that guarantee and for parallel assignment.)

use ndarray::ArrayView2;
use rayon::prelude::*;

use super::data::{dissim, Mixed, MISSING};
use super::init::initial_rows;
use super::model::{FittedKPrototypes, KPrototypesFit};
use super::params::{KPrototypesError, KPrototypesValidParams, Result};
use crate::engine::cluster::common::FitInfo;
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::rng::sub_rng;

const CHUNK: usize = 1024;

/// Prototypes in dense category indices.
struct Protos {
    num: Vec<f64>,
    cat: Vec<u32>,
}

/// Labels of the nearest prototypes and the total cost (per-chunk sums in order).
fn assign(d: &Mixed, pr: &Protos, k: usize, gamma: f64, labels: &mut [u32]) -> (f64, Vec<f64>) {
    let mut own = vec![0.0; d.n];
    let parts: Vec<f64> = labels
        .par_chunks_mut(CHUNK)
        .zip(own.par_chunks_mut(CHUNK))
        .enumerate()
        .map(|(c, (lab, ow))| {
            let mut s = 0.0;
            for o in 0..lab.len() {
                let i = c * CHUNK + o;
                let mut best = (0, f64::INFINITY);
                for j in 0..k {
                    let cn = &pr.num[j * d.p..(j + 1) * d.p];
                    let dist = dissim(d.num_row(i), d.cat_row(i), cn, &pr.cat[j * d.m..(j + 1) * d.m], gamma);
                    if dist < best.1 {
                        best = (j, dist);
                    }
                }
                lab[o] = best.0 as u32;
                ow[o] = best.1;
                s += best.1;
            }
            s
        })
        .collect();
    (parts.iter().sum(), own)
}

/// New prototypes from labels; empty clusters take the rows farthest from their prototypes (the labels of
/// those rows move with them). Returns the number of relocations.
fn update(d: &Mixed, labels: &mut [u32], own: &[f64], k: usize, old: &Protos) -> (Protos, usize) {
    let mut size = vec![0usize; k];
    labels.iter().for_each(|&l| size[l as usize] += 1);
    let mut relocated = 0;
    let empty: Vec<usize> = (0..k).filter(|&j| size[j] == 0).collect();
    if !empty.is_empty() {
        let mut order: Vec<usize> = (0..d.n).collect();
        order.sort_by(|&a, &b| own[b].total_cmp(&own[a]).then(a.cmp(&b)));
        let mut candidates = order.into_iter();
        for &j in &empty {
            // the farthest row whose cluster keeps at least one member
            let Some(i) = candidates.by_ref().find(|&i| size[labels[i] as usize] > 1) else { break };
            if own[i] <= 0.0 {
                break;
            }
            size[labels[i] as usize] -= 1;
            labels[i] = j as u32;
            size[j] = 1;
            relocated += 1;
        }
    }
    let mut num = vec![0.0; k * d.p];
    for (i, &l) in labels.iter().enumerate() {
        let c = &mut num[l as usize * d.p..(l as usize + 1) * d.p];
        c.iter_mut().zip(d.num_row(i)).for_each(|(a, v)| *a += v);
    }
    for j in 0..k {
        let c = &mut num[j * d.p..(j + 1) * d.p];
        if size[j] > 0 {
            c.iter_mut().for_each(|v| *v /= size[j] as f64);
        } else {
            c.copy_from_slice(&old.num[j * d.p..(j + 1) * d.p]);
        }
    }
    let mut cat = vec![MISSING; k * d.m];
    for a in 0..d.m {
        let levels = d.levels[a].len();
        let mut counts = vec![0usize; k * levels];
        for (i, &l) in labels.iter().enumerate() {
            let c = d.cat[i * d.m + a];
            if c != MISSING {
                counts[l as usize * levels + c as usize] += 1;
            }
        }
        for j in 0..k {
            let cj = &counts[j * levels..(j + 1) * levels];
            let best = (0..levels).fold(None, |b: Option<usize>, t| match b {
                Some(b) if cj[b] >= cj[t] => Some(b),
                _ if cj[t] > 0 => Some(t),
                b => b,
            });
            cat[j * d.m + a] = match best {
                Some(t) => t as u32,
                None if size[j] == 0 => old.cat[j * d.m + a],
                None => MISSING,
            };
        }
    }
    (Protos { num, cat }, relocated)
}

struct Run {
    protos: Protos,
    labels: Vec<u32>,
    history: Vec<f64>,
    converged: bool,
    relocated: usize,
}

fn run(
    d: &Mixed,
    k: usize,
    gamma: f64,
    init: Protos,
    max_iter: usize,
    monitor: &mut dyn Monitor,
    slot: (usize, usize),
) -> std::result::Result<Run, Cancelled> {
    let mut labels = vec![0u32; d.n];
    let (cost, mut own) = assign(d, &init, k, gamma, &mut labels);
    let (mut protos, mut history, mut converged, mut relocated) = (init, vec![cost], false, 0);
    for it in 0..max_iter {
        monitor.progress("k-prototypes", (slot.0 as f64 + it as f64 / max_iter as f64) / slot.1 as f64);
        if monitor.cancelled() {
            return Err(Cancelled);
        }
        let before = labels.clone();
        let (p, r) = update(d, &mut labels, &own, k, &protos);
        relocated += r;
        protos = p;
        let (cost, o) = assign(d, &protos, k, gamma, &mut labels);
        own = o;
        history.push(cost);
        if labels == before {
            converged = true;
            break;
        }
    }
    Ok(Run { protos, labels, history, converged, relocated })
}

impl KPrototypesValidParams {
    /// Fits k-prototypes to rows given as standardised numeric columns and categorical codes
    /// ([`super::MISSING`] = missing; either part may have zero columns, not both).
    pub fn fit(
        &self,
        numeric: ArrayView2<f64>,
        categorical: ArrayView2<u32>,
        monitor: &mut dyn Monitor,
    ) -> Result<KPrototypesFit> {
        let p = &self.0;
        let start = monitor.now_ms();
        let d = Mixed::new(numeric, categorical)?;
        let k = p.n_clusters;
        if k > d.n {
            return Err(KPrototypesError::TooManyClusters { n_clusters: k, n_rows: d.n });
        }
        let gamma = p.gamma.unwrap_or_else(|| d.default_gamma());
        let mut best: Option<Run> = None;
        let mut costs = Vec::with_capacity(p.n_init);
        for r in 0..p.n_init {
            let rows = initial_rows(&d, k, gamma, p.init, &mut sub_rng(p.seed, r as u64));
            let init = Protos {
                num: rows.iter().flat_map(|&i| d.num_row(i).to_vec()).collect(),
                cat: rows.iter().flat_map(|&i| d.cat_row(i).to_vec()).collect(),
            };
            let out = run(&d, k, gamma, init, p.max_iter, monitor, (r, p.n_init))?;
            let cost = *out.history.last().expect("at least one pass");
            costs.push(cost);
            if best.as_ref().is_none_or(|b| cost < *b.history.last().expect("non-empty")) {
                best = Some(out);
            }
        }
        let best = best.expect("n_init >= 1 was checked");
        let cost = *best.history.last().expect("non-empty");
        let mut notes =
            vec![format!("{} restart(s), {:?} initialisation, gamma = {gamma:.6}", p.n_init, p.init)];
        if p.init == super::KPrototypesInit::Cao && p.n_init > 1 {
            notes.push("Cao initialisation is deterministic: every restart started alike".into());
        }
        if best.relocated > 0 {
            notes.push(format!("{} empty cluster(s) took the farthest row", best.relocated));
        }
        if !best.converged {
            notes.push(format!("the best restart reached max_iter = {} before labels settled", p.max_iter));
        }
        monitor.progress("k-prototypes", 1.0);
        let model = FittedKPrototypes {
            numeric_centroids: best
                .protos
                .num
                .chunks(d.p.max(1))
                .take(k)
                .map(|c| if d.p == 0 { vec![] } else { c.to_vec() })
                .collect(),
            categorical_modes: (0..k)
                .map(|j| {
                    (0..d.m)
                        .map(|a| match best.protos.cat[j * d.m + a] {
                            MISSING => MISSING,
                            t => d.levels[a][t as usize],
                        })
                        .collect()
                })
                .collect(),
            gamma,
        };
        Ok(KPrototypesFit {
            model,
            labels: best.labels.iter().map(|&l| l as i32).collect(),
            info: FitInfo {
                iterations: best.history.len() - 1,
                converged: best.converged,
                elapsed_ms: monitor.now_ms() - start,
                notes,
            },
            cost,
            cost_history: best.history,
            restart_costs: costs,
        })
    }
}

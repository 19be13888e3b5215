//! The two entry points: consensus of given labelings, and consensus of clusterer runs (which can be
//! re-run on bootstrap draws for Hennig's stability).

use ndarray::{ArrayView2, Axis};
use serde::{Deserialize, Serialize};

use super::assign::{assign_rest, consensus_on, mostly_noise};
use super::error::{ConsensusError, Result};
use super::params::ConsensusValidParams;
use super::stability::{clusterwise_jaccard, SegmentStability};
use crate::engine::choose_k::{SweepClusterer, Within};
use crate::engine::cluster::common::NOISE;
use crate::engine::metrics::{adjusted_rand_index, sample::sample_rows};
use crate::engine::progress::{Cancelled, Monitor};
use crate::engine::rng::{sub_rng, Rng};

/// Consensus segments and how stable each one is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consensus {
    /// One label per row: 0..k, or −1 for rows that are noise in most runs (or could not be assigned).
    pub labels: Vec<i32>,
    /// Number of consensus segments.
    pub k: usize,
    /// Bootstrap Jaccard stability per segment (empty when `bootstrap_runs = 0`).
    pub segments: Vec<SegmentStability>,
    /// True when the co-association matrix was built on a sample of the rows.
    pub sampled: bool,
    /// Rows in the co-association matrix.
    pub sample_size: usize,
    /// Adjusted Rand index between each run and the consensus (all rows).
    pub run_agreement: Vec<f64>,
    /// Rows outside the sample that shared no run label with any sampled segment member (labelled −1).
    pub unassigned: usize,
    /// What was done that the numbers do not show.
    pub notes: Vec<String>,
}

/// One base run: a clusterer fitted at `k` with `seed`.
#[derive(Clone, Copy)]
pub struct ConsensusRun<'a> {
    /// The algorithm.
    pub clusterer: &'a dyn SweepClusterer,
    /// Its number of segments.
    pub k: usize,
    /// Its seed.
    pub seed: u64,
}

/// Labels of the drawn rows (one labeling per run, each `draw.len()` long) for a bootstrap replicate.
type Relabel<'a> = dyn FnMut(&[usize], &mut dyn Monitor) -> Result<Vec<Vec<i32>>> + 'a;

/// Consensus of given labelings (one label per row each; −1 = noise). Stability re-clusters bootstrap draws
/// of the co-association rows from the same labelings.
pub fn consensus(
    labelings: &[Vec<i32>],
    params: &ConsensusValidParams,
    monitor: &mut dyn Monitor,
) -> Result<Consensus> {
    let mut relabel = |rows: &[usize], _: &mut dyn Monitor| -> Result<Vec<Vec<i32>>> {
        Ok(labelings.iter().map(|l| rows.iter().map(|&i| l[i]).collect()).collect())
    };
    build(labelings, params, &mut relabel, monitor)
}

/// Fits every run on `x`, then builds their consensus. Stability re-fits every run on each bootstrap draw
/// (Hennig's scheme proper), so it costs `bootstrap_runs × runs` fits on at most `sample_cap` rows.
/// Returns the consensus and each run's labels.
pub fn consensus_of_runs(
    x: ArrayView2<f64>,
    runs: &[ConsensusRun<'_>],
    params: &ConsensusValidParams,
    monitor: &mut dyn Monitor,
) -> Result<(Consensus, Vec<Vec<i32>>)> {
    if let Some(v) = x.iter().find(|v| !v.is_finite()) {
        return Err(ConsensusError::Data(format!("a cell is {v}")));
    }
    if runs.len() < 2 {
        return Err(ConsensusError::TooFewRuns(runs.len()));
    }
    let labelings = fit_all(x, runs, None, monitor)?;
    let mut replicate = 0u64;
    let mut relabel = |rows: &[usize], monitor: &mut dyn Monitor| -> Result<Vec<Vec<i32>>> {
        replicate += 1;
        fit_all(x.select(Axis(0), rows).view(), runs, Some(replicate), monitor)
    };
    let consensus = build(&labelings, params, &mut relabel, monitor)?;
    Ok((consensus, labelings))
}

/// The progress stage of the member fits.
const RUNS_STAGE: &str = "consensus: member runs";

/// Every run fitted on `xs`; with `stream`, each run's seed is varied for that bootstrap replicate.
fn fit_all(
    xs: ArrayView2<f64>,
    runs: &[ConsensusRun<'_>],
    stream: Option<u64>,
    monitor: &mut dyn Monitor,
) -> Result<Vec<Vec<i32>>> {
    let mut out = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let (lo, hi) = (i as f64 / runs.len() as f64, (i + 1) as f64 / runs.len() as f64);
        let seed = stream.map_or(run.seed, |b| sub_rng(run.seed, b).gen());
        let fit = run.clusterer.fit_k(xs, run.k, seed, &mut Within::new(monitor, RUNS_STAGE, lo, hi));
        monitor.progress(RUNS_STAGE, hi);
        if monitor.cancelled() {
            return Err(Cancelled.into());
        }
        let (algorithm, k) = (run.clusterer.name().to_string(), run.k);
        let fit = fit.map_err(|message| ConsensusError::Fit { algorithm: algorithm.clone(), k, message })?;
        if fit.labels.len() != xs.nrows() {
            let message = format!("returned {} labels for {} rows", fit.labels.len(), xs.nrows());
            return Err(ConsensusError::Fit { algorithm, k, message });
        }
        out.push(fit.labels);
    }
    Ok(out)
}

/// The most common number of segments (distinct labels other than −1) among the runs; ties → smaller.
fn modal_k(runs: &[Vec<i32>]) -> usize {
    let ks: Vec<usize> = runs
        .iter()
        .map(|r| {
            let mut l: Vec<i32> = r.iter().copied().filter(|&v| v != NOISE).collect();
            l.sort_unstable();
            l.dedup();
            l.len()
        })
        .collect();
    let mut best = (0, 0);
    for &k in &ks {
        let c = ks.iter().filter(|&&v| v == k).count();
        if c > best.1 || (c == best.1 && k < best.0) {
            best = (k, c);
        }
    }
    best.0
}

fn build(
    runs: &[Vec<i32>],
    params: &ConsensusValidParams,
    relabel: &mut Relabel<'_>,
    monitor: &mut dyn Monitor,
) -> Result<Consensus> {
    if runs.len() < 2 {
        return Err(ConsensusError::TooFewRuns(runs.len()));
    }
    let n = runs[0].len();
    if n == 0 {
        return Err(ConsensusError::Empty);
    }
    if let Some((index, r)) = runs.iter().enumerate().find(|(_, r)| r.len() != n) {
        return Err(ConsensusError::LengthMismatch { index, got: r.len(), expected: n });
    }
    let k = params.k().unwrap_or_else(|| modal_k(runs));
    if k < 2 {
        return Err(ConsensusError::K(k));
    }
    let mut notes = Vec::new();
    let sampled = n > params.sample_cap();
    let sample = sample_rows(n, params.sample_cap(), params.seed(), 1);
    let eligible = sample.iter().filter(|&&i| !mostly_noise(runs, i)).count();
    if eligible < k {
        return Err(ConsensusError::TooFewRows { k, rows: eligible });
    }
    if sampled {
        notes.push(format!(
            "co-association built on a seeded sample of {} of {n} rows; the others joined the segment with \
             the highest mean co-association",
            sample.len()
        ));
    }
    monitor.progress("consensus", 0.0);
    if monitor.cancelled() {
        return Err(Cancelled.into());
    }
    let sample_labels = consensus_on(runs, &sample, k);
    let (labels, unassigned) =
        if sampled { assign_rest(runs, &sample, &sample_labels, k) } else { (sample_labels.clone(), 0) };
    if unassigned > 0 {
        notes
            .push(format!("{unassigned} rows shared no run label with any sampled segment member: label -1"));
    }
    let noise = labels.iter().filter(|&&l| l == NOISE).count() - unassigned;
    if noise > 0 {
        notes.push(format!("{noise} rows are noise in most runs: label -1"));
    }
    let segments = if params.bootstrap_runs() > 0 {
        let mut recluster = |draw: &[usize], monitor: &mut dyn Monitor| -> Result<Vec<i32>> {
            let rows: Vec<usize> = draw.iter().map(|&p| sample[p]).collect();
            let new = relabel(&rows, monitor)?;
            let all: Vec<usize> = (0..rows.len()).collect();
            Ok(consensus_on(&new, &all, k))
        };
        let seed = sub_rng(params.seed(), 2).gen();
        clusterwise_jaccard(&sample_labels, k, params.bootstrap_runs(), seed, &mut recluster, monitor)?
    } else {
        Vec::new()
    };
    let run_agreement = runs.iter().map(|r| adjusted_rand_index(r, &labels).unwrap_or(f64::NAN)).collect();
    monitor.progress("consensus", 1.0);
    Ok(Consensus {
        labels,
        k,
        segments,
        sampled,
        sample_size: sample.len(),
        run_agreement,
        unassigned,
        notes,
    })
}

//! Agreement between two labelings of the same rows: adjusted Rand index and normalized mutual information,
//! with scikit-learn's definitions (`adjusted_rand_score`, `normalized_mutual_info_score` with the arithmetic
//! average). Every label value, including −1, is an ordinary class. Both are symmetric.

use super::error::{MetricsError, Result};
use super::input::encode;

/// Non-zero cells of the contingency table of two labelings, with the row and column sums.
struct Contingency {
    /// (row code, column code) of each non-zero cell, ascending.
    keys: Vec<(usize, usize)>,
    cells: Vec<u64>,
    rows: Vec<u64>,
    cols: Vec<u64>,
    n: u64,
}

fn contingency(a: &[i32], b: &[i32]) -> Result<Contingency> {
    if a.len() != b.len() {
        return Err(MetricsError::LengthMismatch { rows: a.len(), labels: b.len() });
    }
    if a.is_empty() {
        return Err(MetricsError::Empty);
    }
    let (ea, eb) = (encode(a), encode(b));
    let kb = eb.n_labels() as u64;
    let mut keys: Vec<u64> =
        ea.codes.iter().zip(&eb.codes).map(|(&i, &j)| i as u64 * kb + j as u64).collect();
    keys.sort_unstable();
    let (mut cells, mut cell_keys) = (Vec::new(), Vec::new());
    let mut start = 0;
    for i in 1..=keys.len() {
        if i == keys.len() || keys[i] != keys[start] {
            cells.push((i - start) as u64);
            cell_keys.push(((keys[start] / kb) as usize, (keys[start] % kb) as usize));
            start = i;
        }
    }
    let to_u64 = |v: &[usize]| v.iter().map(|&c| c as u64).collect();
    Ok(Contingency {
        keys: cell_keys,
        cells,
        rows: to_u64(&ea.counts),
        cols: to_u64(&eb.counts),
        n: a.len() as u64,
    })
}

/// Adjusted Rand index (Hubert & Arabie 1985) via the pair confusion matrix, exactly as scikit-learn:
/// 1.0 when the two labelings put every pair the same way (including both having one label).
/// Ranges up to 1; 0 is chance level; can be negative.
pub fn adjusted_rand_index(a: &[i32], b: &[i32]) -> Result<f64> {
    let t = contingency(a, b)?;
    let n = t.n as i128;
    let sum_sq: i128 = t.cells.iter().map(|&c| (c as i128) * (c as i128)).sum();
    let sq = |v: &[u64]| -> i128 { v.iter().map(|&c| (c as i128) * (c as i128)).sum() };
    // pair confusion matrix (ordered pairs), as sklearn.metrics.cluster.pair_confusion_matrix
    let tp = sum_sq - n;
    let fp = sq(&t.cols) - sum_sq; // same cluster in b only
    let fn_ = sq(&t.rows) - sum_sq; // same cluster in a only
    let tn = n * n - fp - fn_ - sum_sq;
    if fn_ == 0 && fp == 0 {
        return Ok(1.0);
    }
    let num = 2.0 * ((tp * tn - fn_ * fp) as f64);
    let den = ((tp + fn_) * (fn_ + tn) + (tp + fp) * (fp + tn)) as f64;
    Ok(num / den)
}

/// Shannon entropy (nats) of label counts, as scikit-learn's `entropy`.
fn entropy(counts: &[u64]) -> f64 {
    if counts.len() <= 1 {
        return 0.0;
    }
    let total: f64 = counts.iter().map(|&c| c as f64).sum();
    -counts
        .iter()
        .map(|&c| {
            let c = c as f64;
            (c / total) * (c.ln() - total.ln())
        })
        .sum::<f64>()
}

/// Normalized mutual information with the arithmetic mean of the entropies, as scikit-learn's default:
/// 1.0 when both labelings have a single label, 0.0 when the mutual information is 0.
pub fn normalized_mutual_info(a: &[i32], b: &[i32]) -> Result<f64> {
    let t = contingency(a, b)?;
    if t.rows.len() == 1 && t.cols.len() == 1 {
        return Ok(1.0);
    }
    let mi = mutual_info(&t);
    if mi == 0.0 {
        return Ok(0.0);
    }
    let norm = (entropy(&t.rows) + entropy(&t.cols)) / 2.0;
    Ok(mi / norm)
}

/// Mutual information (nats) from the contingency table, following scikit-learn's `mutual_info_score`
/// term by term (including zeroing terms below machine epsilon and clipping the sum at 0).
fn mutual_info(t: &Contingency) -> f64 {
    if t.rows.len() == 1 || t.cols.len() == 1 {
        return 0.0;
    }
    let n = t.n as f64;
    let (log_n, log_sum_rows, log_sum_cols) = (n.ln(), n.ln(), n.ln());
    let mut total = 0.0;
    for (&(i, j), &c) in t.keys.iter().zip(&t.cells) {
        let c = c as f64;
        let p = c / n;
        let outer = (t.rows[i] as f64) * (t.cols[j] as f64);
        let log_outer = -outer.ln() + log_sum_rows + log_sum_cols;
        let term = p * (c.ln() - log_n) + p * log_outer;
        if term.abs() >= f64::EPSILON {
            total += term;
        }
    }
    total.max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_up_to_renaming_is_one() {
        let a = [0, 0, 1, 1, 2, 2];
        let b = [5, 5, -1, -1, 3, 3];
        assert_eq!(adjusted_rand_index(&a, &b).unwrap(), 1.0);
        assert!((normalized_mutual_info(&a, &b).unwrap() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn known_values() {
        // sklearn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
        //          normalized_mutual_info_score([0,0,1,1],[0,0,1,2]) = 0.8
        let a = [0, 0, 1, 1];
        let b = [0, 0, 1, 2];
        assert!((adjusted_rand_index(&a, &b).unwrap() - 0.571_428_571_428_571_5).abs() < 1e-15);
        assert!((normalized_mutual_info(&a, &b).unwrap() - 0.8).abs() < 1e-15);
        // one labeling with a single class: ARI 0, NMI 0
        assert_eq!(adjusted_rand_index(&[0, 0, 0, 0], &a).unwrap(), 0.0);
        assert_eq!(normalized_mutual_info(&[0, 0, 0, 0], &a).unwrap(), 0.0);
    }

    #[test]
    fn both_single_class_is_one() {
        assert_eq!(adjusted_rand_index(&[1, 1, 1], &[2, 2, 2]).unwrap(), 1.0);
        assert_eq!(normalized_mutual_info(&[1, 1, 1], &[2, 2, 2]).unwrap(), 1.0);
    }

    #[test]
    fn length_mismatch_and_empty_are_errors() {
        assert_eq!(
            adjusted_rand_index(&[0, 1], &[0]),
            Err(MetricsError::LengthMismatch { rows: 2, labels: 1 })
        );
        assert_eq!(normalized_mutual_info(&[], &[]), Err(MetricsError::Empty));
    }

    #[test]
    fn large_n_does_not_overflow() {
        let n = 3_000_000;
        let a: Vec<i32> = (0..n).map(|i| i % 2).collect();
        let b: Vec<i32> = (0..n).map(|i| i % 3).collect();
        let ari = adjusted_rand_index(&a, &b).unwrap();
        assert!(ari.is_finite() && ari.abs() < 1e-6);
    }
}

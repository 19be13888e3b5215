//! The exact number of distinct finite values of a numeric column (`-0.0` and `0.0` count as one, like
//! pandas' `nunique`), for the column summary. Values are spread over buckets by a hash of their bits, one
//! pass counts the bucket sizes, one scatters the bits into a caller's scratch buffer (reused across the
//! columns of a file, one `u64` per value), and each bucket is counted with a small open-addressing set
//! that stays in cache.
//!
//! Hand-written because a sort of the whole column (the previous way) was 16 % of the 1M-row ingest in
//! `make bench`; this takes about half the time of `sort_unstable` + `dedup` on those columns (8 vs 16 ms
//! per million values, `docs/BENCHMARKS.md`), and a `HashSet<u64>` of a million values would need twice
//! the scratch memory and miss the cache on every insert. Buckets keep each set to tens of KiB; a bucket
//! that grows past [`MAX_SET`] distinct values (only possible with hostile data) is sorted in place
//! instead, so memory stays at the scratch buffer plus one set.

/// Values per bucket aimed at (a set of four times that many `u64`s is 64 KiB: inside L2).
const PER_BUCKET: usize = 2048;
/// Largest set a bucket may build before it is sorted instead.
const MAX_SET: usize = 1 << 16;
/// An empty slot: the bits of a NaN, which never enters a set.
const EMPTY: u64 = u64::MAX;

/// The bits a value is counted by (`-0.0` becomes `0.0`).
#[inline(always)]
fn key(x: f64) -> u64 {
    (x + 0.0).to_bits()
}

/// Bucket hash (top bits used).
#[inline(always)]
fn bucket_hash(k: u64) -> u64 {
    (k ^ (k >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Slot hash inside a bucket's set (top bits used; independent of the bucket bits).
#[inline(always)]
fn slot_hash(k: u64) -> u64 {
    (k ^ (k >> 32)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

/// Counts of values per bucket, gathered by [`Buckets::add`] in a pass the caller already makes.
pub(crate) struct Buckets {
    shift: u32,
    counts: Vec<usize>,
}

impl Buckets {
    /// Buckets for about `n` values.
    pub fn new(n: usize) -> Self {
        let mut bits = 0u32;
        while (PER_BUCKET << bits) < n && bits < 16 {
            bits += 1;
        }
        Buckets { shift: 64 - bits, counts: vec![0; (1 << bits) + 1] }
    }

    #[inline(always)]
    fn of(&self, k: u64) -> usize {
        // `checked_shr` gives 0 for a shift of 64 (one bucket).
        bucket_hash(k).checked_shr(self.shift).unwrap_or(0) as usize
    }

    /// Counts finite value `x` (call once for each finite value of the column).
    #[inline(always)]
    pub fn add(&mut self, x: f64) {
        let b = self.of(key(x));
        self.counts[b + 1] += 1;
    }

    /// The number of distinct values among `v`'s finite values (the ones passed to [`add`](Self::add));
    /// `each` sees every finite value once, in order, on the way.
    pub fn distinct(mut self, v: &[f64], scratch: &mut Vec<u64>, mut each: impl FnMut(f64)) -> usize {
        let nb = self.counts.len() - 1;
        for b in 0..nb {
            self.counts[b + 1] += self.counts[b];
        }
        let total = self.counts[nb];
        // Every slot below `total` is written by the scatter: only grow (and zero) when needed.
        if scratch.len() < total {
            scratch.resize(total, 0);
        }
        let mut next = self.counts.clone();
        for &x in v {
            if x.is_finite() {
                each(x);
                let k = key(x);
                let b = self.of(k);
                scratch[next[b]] = k;
                next[b] += 1;
            }
        }
        let mut set = Vec::new();
        let mut distinct = 0;
        for b in 0..nb {
            distinct += count_bucket(&mut scratch[self.counts[b]..self.counts[b + 1]], &mut set);
        }
        distinct
    }
}

/// Distinct keys of one bucket: an open-addressing set (linear probing, load ≤ 1/2) grown as needed; a
/// bucket with more than [`MAX_SET`] distinct keys is sorted in place instead.
fn count_bucket(keys: &mut [u64], set: &mut Vec<u64>) -> usize {
    if keys.len() <= 1 {
        return keys.len();
    }
    // Sized for a load of at most 1/4 when all keys differ (fewer probes: ~1/3 faster than 1/2 on the
    // `make bench` columns), grown when it passes 1/2.
    let mut bits = (4 * keys.len().min(4 * PER_BUCKET)).next_power_of_two().trailing_zeros();
    'grow: loop {
        set.clear();
        set.resize(1 << bits, EMPTY);
        let mask = set.len() - 1;
        let mut count = 0;
        for &k in keys.iter() {
            let mut i = (slot_hash(k) >> (64 - bits)) as usize;
            loop {
                let s = set[i];
                if s == k {
                    break;
                }
                if s == EMPTY {
                    set[i] = k;
                    count += 1;
                    if 2 * count > set.len() {
                        if set.len() >= 2 * MAX_SET {
                            break 'grow;
                        }
                        bits += 1;
                        continue 'grow;
                    }
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        return count;
    }
    keys.sort_unstable();
    1 + keys.windows(2).filter(|w| w[0] != w[1]).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::{rng, Rng};

    fn by_sort(v: &[f64]) -> usize {
        let mut b: Vec<u64> = v.iter().filter(|x| x.is_finite()).map(|&x| key(x)).collect();
        b.sort_unstable();
        b.dedup();
        b.len()
    }

    fn count(v: &[f64]) -> usize {
        count_with(v, &mut Vec::new())
    }

    fn count_with(v: &[f64], scratch: &mut Vec<u64>) -> usize {
        let mut b = Buckets::new(v.len());
        for &x in v {
            if x.is_finite() {
                b.add(x);
            }
        }
        let mut seen = 0;
        let d = b.distinct(v, scratch, |_| seen += 1);
        assert_eq!(seen, v.iter().filter(|x| x.is_finite()).count());
        d
    }

    #[test]
    fn matches_a_sort_on_random_columns_with_repeats() {
        let mut r = rng(7);
        for (n, levels) in [(0usize, 1u32), (1, 1), (5, 3), (3000, 10), (50_000, 1_000_000), (200_000, 40)] {
            let mut v: Vec<f64> = (0..n).map(|_| f64::from(r.gen_range(0..levels)) / 8.0 - 3.0).collect();
            for k in (0..n).step_by(97) {
                v[k] = if k % 2 == 0 { f64::NAN } else { -0.0 };
            }
            assert_eq!(count(&v), by_sort(&v), "n {n}, levels {levels}");
        }
    }

    #[test]
    fn a_reused_scratch_with_stale_values_changes_nothing() {
        let mut scratch = Vec::new();
        let big: Vec<f64> = (0..100_000).map(|k| f64::from(k % 5000)).collect();
        assert_eq!(count_with(&big, &mut scratch), 5000);
        let small = [3.0, 3.0, 7.0, f64::NAN];
        assert_eq!(count_with(&small, &mut scratch), 2);
        assert_eq!(count_with(&big[..4000], &mut scratch), 4000);
    }

    #[test]
    fn zero_signs_count_once_and_nan_not_at_all() {
        assert_eq!(count(&[0.0, -0.0, f64::NAN, 1.0, f64::NAN]), 2);
        assert_eq!(count(&[f64::NAN; 3]), 0);
    }

    #[test]
    fn a_huge_bucket_is_sorted_instead() {
        let mut set = Vec::new();
        let mut keys: Vec<u64> = (0..(3 * MAX_SET as u64)).map(|k| k / 2).collect();
        assert_eq!(count_bucket(&mut keys, &mut set), 3 * MAX_SET / 2);
        assert!(set.len() <= 2 * MAX_SET);
    }
}

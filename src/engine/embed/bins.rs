//! Fixed-width bins of one map axis over every customer: the axis's finite range and each value's bin as one
//! byte. With two binned axes the UI counts the customers in every cell of a 2-D grid (the map's density
//! shading under the dots) for any pair of axes, from all customers, without receiving their values.
//! Pure: no I/O, no allocation beyond one byte per value.

/// Bins per axis. 240 = 2⁴·3·5, so grids of 120, 80, 60, 48, 40, 30 … cells merge whole bins (no banding).
pub const BINS: usize = 240;
/// The code of a missing value (NaN or infinite).
pub const MISSING: u8 = 255;

/// One axis binned: values `lo..=hi` split into [`BINS`] equal bins.
#[derive(Debug, Clone, PartialEq)]
pub struct Binned {
    /// Smallest finite value (0 when there is none).
    pub lo: f32,
    /// Largest finite value (equal to `lo` when every value is the same, or there is none).
    pub hi: f32,
    /// The bin of each value, `0..BINS`, or [`MISSING`].
    pub codes: Vec<u8>,
}

/// Bins `values` (one pass for the range, one for the codes).
pub fn bin(values: &[f32]) -> Binned {
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 0.0) };
    let width = (hi as f64 - lo as f64) / BINS as f64;
    let codes = values
        .iter()
        .map(|&v| {
            if !v.is_finite() {
                MISSING
            } else if width <= 0.0 {
                0
            } else {
                (((v as f64 - lo as f64) / width) as usize).min(BINS - 1) as u8
            }
        })
        .collect();
    Binned { lo, hi, codes }
}

/// The value at the lower edge of bin `b` of the range `lo..=hi` (`b = BINS` gives `hi`).
pub fn edge(lo: f32, hi: f32, b: usize) -> f64 {
    lo as f64 + (hi as f64 - lo as f64) * b as f64 / BINS as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fall_in_equal_bins_with_the_maximum_in_the_last() {
        let b = bin(&[0.0, 1.0, 2.0, 3.0, f32::NAN, 2.4, f32::INFINITY]);
        assert_eq!((b.lo, b.hi), (0.0, 3.0));
        assert_eq!(b.codes, vec![0, 80, 160, 239, MISSING, 192, MISSING]);
        assert_eq!(edge(b.lo, b.hi, 80), 1.0);
        assert_eq!(edge(b.lo, b.hi, BINS), 3.0);
        // Every code's bin holds its value.
        for (&v, &c) in [0.0f32, 1.0, 2.0, 2.4].iter().zip(&[0u8, 80, 160, 192]) {
            assert!(
                edge(b.lo, b.hi, c as usize) <= v as f64 && (v as f64) < edge(b.lo, b.hi, c as usize + 1)
            );
        }
    }

    #[test]
    fn constant_empty_and_all_missing_axes_do_not_divide_by_zero() {
        assert_eq!(bin(&[5.0, 5.0]).codes, vec![0, 0]);
        assert_eq!(bin(&[5.0, 5.0]).lo, 5.0);
        let none = bin(&[f32::NAN]);
        assert_eq!((none.lo, none.hi, none.codes), (0.0, 0.0, vec![MISSING]));
        assert!(bin(&[]).codes.is_empty());
    }

    #[test]
    fn extreme_ranges_stay_in_bounds() {
        let b = bin(&[-f32::MAX, f32::MAX, 0.0]);
        assert_eq!(b.codes[0], 0);
        assert_eq!(b.codes[1], (BINS - 1) as u8);
        assert_eq!(b.codes[2], 120);
    }
}

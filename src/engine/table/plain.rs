//! Plain decimals for the fast lane: `[+-]digits[point digits]` with 1 to 15 digits. The value is computed
//! by [`Plain::value`], the same correctly rounded division as [`fast_number`](super::number::fast_number),
//! whose flags and bits it matches exactly (tests below).
//!
//! Hand-written for the branches: a sign that differs cell to cell and integer parts of one or two digits
//! made the general parser's loop mispredict about once per cell; without those branches the lane parses
//! the `make bench` file about 20 % faster (`docs/BENCHMARKS.md`). Reading eight digits at a time (SWAR)
//! was tried and was slower on such short numbers.

use super::number::{clinger, flag};

/// A plain decimal found in the input; its value is computed by [`value`](Self::value).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Plain {
    /// All digits, integer and fraction, as one integer (at most 15 digits).
    pub mantissa: u64,
    /// Digits after the point.
    pub frac: u8,
    pub negative: bool,
    /// [`flag::INTEGER`] or [`flag::DECIMAL_COMMA`] or 0, as `fast_number` gives them.
    pub flags: u8,
}

impl Plain {
    /// `±mantissa / 10^frac`, correctly rounded (the sign is set without a branch: the quotient is ≥ 0).
    #[inline(always)]
    pub fn value(self) -> f64 {
        let v = clinger(self.mantissa, usize::from(self.frac), false);
        f64::from_bits(v.to_bits() | (u64::from(self.negative) << 63))
    }
}

/// Continues `mantissa` with the run of ASCII digits at `p` (wrapping: callers refuse more than 15 digits);
/// the new mantissa and the run's length.
#[inline(always)]
fn digit_run(input: &[u8], p: usize, mut mantissa: u64) -> (u64, usize) {
    let mut q = p;
    while let Some(d) = input.get(q).map(|b| b.wrapping_sub(b'0')) {
        if d > 9 {
            break;
        }
        mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
        q += 1;
    }
    (mantissa, q - p)
}

/// The integer part at `p`: its first two digits without a loop (most numbers have one or two, and a loop
/// whose length varies cell to cell mispredicts its exit), the rest in [`digit_run`].
#[inline(always)]
fn int_run(input: &[u8], p: usize) -> (u64, usize) {
    let digit = |k: usize| input.get(k).map_or(10, |b| b.wrapping_sub(b'0'));
    let d0 = digit(p);
    if d0 > 9 {
        return (0, 0);
    }
    let d1 = digit(p + 1);
    if d1 > 9 {
        return (u64::from(d0), 1);
    }
    let (m, len) = digit_run(input, p + 2, u64::from(d0) * 10 + u64::from(d1));
    (m, len + 2)
}

/// A plain decimal at `p` with `point` as its decimal point: where it ends, and the number.
#[inline(always)]
pub(crate) fn plain_number(input: &[u8], p: usize, point: u8) -> Option<(usize, Plain)> {
    let first = *input.get(p)?;
    let negative = first == b'-';
    let mut q = p + usize::from(negative | (first == b'+'));
    let (mut mantissa, mut digits) = int_run(input, q);
    q += digits;
    let (mut frac, mut flags) = (0, flag::INTEGER);
    if input.get(q) == Some(&point) {
        (mantissa, frac) = digit_run(input, q + 1, mantissa);
        q += 1 + frac;
        digits += frac;
        flags = if point == b',' { flag::DECIMAL_COMMA } else { 0 };
    }
    (digits > 0 && digits <= 15).then_some((q, Plain { mantissa, frac: frac as u8, negative, flags }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::{rng, Rng};
    use crate::engine::table::number::fast_number;

    /// `t` followed by `after`, read with `point`, must match `fast_number(t)` exactly (or both refuse).
    fn same(t: &str, after: &str, point: u8) {
        let bytes = format!("{t}{after}");
        let got = plain_number(bytes.as_bytes(), 0, point);
        let want = fast_number(t.as_bytes(), point == b',').filter(|_| {
            let digits = t.bytes().filter(u8::is_ascii_digit).count();
            digits <= 15 && t.bytes().all(|b| b.is_ascii_digit() || b == point || b == b'-' || b == b'+')
        });
        match (got, want) {
            (Some((end, n)), Some(w)) if end == t.len() => {
                assert_eq!((n.value().to_bits(), n.flags), (w.value.to_bits(), w.flags), "{t:?}")
            }
            (None, None) => {}
            (Some((end, _)), None) if end < t.len() => {}
            _ => panic!("{t:?}{after:?}: got {got:?}, fast_number {want:?}"),
        }
    }

    #[test]
    fn matches_fast_number_on_hand_picked_cells() {
        for t in [
            "0",
            "-12.5",
            "+3",
            ".5",
            "5.",
            "123456789012345",
            "0.00000000000001",
            "-9.078348",
            "-0",
            "12345678",
            "123456789",
            "1234567890123456",
            "00000000000000012",
            "",
            "-",
            ".",
            "+.",
            "abc",
            "1.2.3",
            "7e5",
        ] {
            for after in [",", "\n", "", ";1234567890", "x"] {
                same(t, after, b'.');
            }
        }
        for t in ["3,25", "-0,5", "12,", "1.5"] {
            same(t, ";", b',');
        }
    }

    #[test]
    fn matches_fast_number_on_random_decimals() {
        let mut r = rng(11);
        for _ in 0..20_000 {
            let int_len = r.gen_range(0..12usize);
            let frac_len = r.gen_range(0..12usize);
            let mut t = String::new();
            match r.gen_range(0..3) {
                0 => t.push('-'),
                1 => t.push('+'),
                _ => {}
            }
            for _ in 0..int_len {
                t.push(char::from(b'0' + r.gen_range(0..10u8)));
            }
            if r.gen_bool(0.8) {
                t.push('.');
                for _ in 0..frac_len {
                    t.push(char::from(b'0' + r.gen_range(0..10u8)));
                }
            }
            same(&t, [",", "\r\n", ""][r.gen_range(0..3)], b'.');
        }
    }
}

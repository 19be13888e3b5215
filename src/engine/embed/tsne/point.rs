//! Fixed-size coordinate arithmetic for the hot loops of the map, written out for 1, 2 and 3 dimensions so
//! that it is unrolled at every optimisation level: the release profile optimises for size
//! (`opt-level = "z"`; the worker now has its own at 3), which leaves `for a in 0..D` loops rolled with the
//! coordinates on the stack (a third of the gradient's time in `examples/bench_tsne.rs`). The operations and their order are those of the
//! plain loops, so results are the same bits.

/// A point of the map.
pub trait Coords: Copy + Send + Sync + 'static {
    /// (self − other, |self − other|²), the squares summed in coordinate order.
    fn diff_sq(&self, other: &Self) -> (Self, f64);
    /// self += m · v, coordinate by coordinate.
    fn add_scaled(&mut self, m: f64, v: &Self);
    /// The largest absolute coordinate.
    fn max_abs(&self) -> f64;
}

impl Coords for [f64; 1] {
    #[inline(always)]
    fn diff_sq(&self, o: &Self) -> (Self, f64) {
        let a = self[0] - o[0];
        ([a], a * a)
    }
    #[inline(always)]
    fn add_scaled(&mut self, m: f64, v: &Self) {
        self[0] += m * v[0];
    }
    #[inline(always)]
    fn max_abs(&self) -> f64 {
        self[0].abs()
    }
}

impl Coords for [f64; 2] {
    #[inline(always)]
    fn diff_sq(&self, o: &Self) -> (Self, f64) {
        let (a, b) = (self[0] - o[0], self[1] - o[1]);
        ([a, b], a * a + b * b)
    }
    #[inline(always)]
    fn add_scaled(&mut self, m: f64, v: &Self) {
        self[0] += m * v[0];
        self[1] += m * v[1];
    }
    #[inline(always)]
    fn max_abs(&self) -> f64 {
        self[0].abs().max(self[1].abs())
    }
}

impl Coords for [f64; 3] {
    #[inline(always)]
    fn diff_sq(&self, o: &Self) -> (Self, f64) {
        let (a, b, c) = (self[0] - o[0], self[1] - o[1], self[2] - o[2]);
        ([a, b, c], a * a + b * b + c * c)
    }
    #[inline(always)]
    fn add_scaled(&mut self, m: f64, v: &Self) {
        self[0] += m * v[0];
        self[1] += m * v[1];
        self[2] += m * v[2];
    }
    #[inline(always)]
    fn max_abs(&self) -> f64 {
        self[0].abs().max(self[1].abs()).max(self[2].abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain-loop versions, which the written-out ones must reproduce bit for bit.
    fn loop_diff_sq<const D: usize>(p: &[f64; D], q: &[f64; D]) -> ([f64; D], f64) {
        let mut diff = [0.0; D];
        let mut d2 = 0.0;
        for a in 0..D {
            diff[a] = p[a] - q[a];
            d2 += diff[a] * diff[a];
        }
        (diff, d2)
    }

    #[test]
    fn same_bits_as_the_loops() {
        let p3 = [0.1, -7.3e-3, 1e8 / 3.0];
        let q3 = [2.0 / 3.0, 5.5, -1.25];
        assert_eq!(p3.diff_sq(&q3), loop_diff_sq(&p3, &q3));
        let (p2, q2) = ([p3[0], p3[1]], [q3[0], q3[1]]);
        assert_eq!(p2.diff_sq(&q2), loop_diff_sq(&p2, &q2));
        assert_eq!([p3[2]].diff_sq(&[q3[2]]), loop_diff_sq(&[p3[2]], &[q3[2]]));
        let mut acc = [0.0, -0.0, 3.0];
        acc.add_scaled(0.3, &p3);
        assert_eq!(acc, [0.0 + 0.3 * p3[0], -0.0 + 0.3 * p3[1], 3.0 + 0.3 * p3[2]]);
        assert_eq!([-4.0, 2.0, -1.0].max_abs(), 4.0);
    }
}

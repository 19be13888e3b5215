//! Quintile R, F and M scores (1–5) and the named RFM segments, with per-segment counts and an R × F grid.
//!
//! Scores: R from `recency` (time since the last purchase; reversed, so the most recent fifth scores 5),
//! F from `orders`, M from `monetary_total`. Customers are ranked by value, tied values sharing their
//! lowest rank ρ (pandas `rank(method="min")`), and ρ gets the smallest k in 1..=5 with
//! ρ − 1 ≤ k(n − 1)/5 (exact integer arithmetic; `tests/rfm_cdnow.rs` checks it against pandas). Without
//! ties this is `pandas.qcut(x.rank(method="first"), 5, labels=1..5)`. Ties share a score: with ranks
//! broken by id order, two one-order customers who bought yesterday were "New" and "Potential loyalist"
//! by where their ids sorted. The lowest rank keeps every one-order customer at F = 1 and every customer
//! who bought on the last day at R = 5 however many they are; the fifths are then uneven. A single
//! customer scores F = M = 1 and R = 5.
//!
//! Named segments come from the widely used R × F grid (the F score is the column):
//!
//! | R \ F | 1 | 2 | 3 | 4 | 5 |
//! |---|---|---|---|---|---|
//! | **5** | New | Potential loyalist | Potential loyalist | Champions | Champions |
//! | **4** | Promising | Potential loyalist | Potential loyalist | Loyal | Loyal |
//! | **3** | About to sleep | About to sleep | Need attention | Loyal | Loyal |
//! | **2** | Hibernating | Hibernating | At risk | At risk | Can't lose them |
//! | **1** | Lost | Hibernating | At risk | At risk | Can't lose them |
//!
//! This is the common regex map (`[1-2][1-2]` hibernating, `[1-2][3-4]` at risk, `[1-2]5` can't lose,
//! `3[1-2]` about to sleep, `33` need attention, `[3-4][4-5]` loyal, `41` promising, `51` new,
//! `[4-5][2-3]` potential loyalists, `5[4-5]` champions) with its worst cell, R = F = 1, split off as Lost.

use serde::{Deserialize, Serialize};

use super::summary::CustomerRecord;

/// A named RFM segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RfmSegment {
    Champions,
    Loyal,
    PotentialLoyalist,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLoseThem,
    Hibernating,
    Lost,
}

impl RfmSegment {
    /// Every segment, best first.
    pub const ALL: [RfmSegment; 11] = [
        RfmSegment::Champions,
        RfmSegment::Loyal,
        RfmSegment::PotentialLoyalist,
        RfmSegment::New,
        RfmSegment::Promising,
        RfmSegment::NeedAttention,
        RfmSegment::AboutToSleep,
        RfmSegment::AtRisk,
        RfmSegment::CantLoseThem,
        RfmSegment::Hibernating,
        RfmSegment::Lost,
    ];

    /// The segment of R score `r` and F score `f` (both 1..=5; out-of-range values are clamped).
    pub fn of(r: u8, f: u8) -> RfmSegment {
        use RfmSegment::*;
        match (r.clamp(1, 5), f.clamp(1, 5)) {
            (1, 1) => Lost,
            (1..=2, 1..=2) => Hibernating,
            (1..=2, 3..=4) => AtRisk,
            (1..=2, _) => CantLoseThem,
            (3, 1..=2) => AboutToSleep,
            (3, 3) => NeedAttention,
            (3..=4, 4..=5) => Loyal,
            (4, 1) => Promising,
            (5, 1) => New,
            (4..=5, 2..=3) => PotentialLoyalist,
            _ => Champions,
        }
    }

    /// The display name ("Can't lose them").
    pub fn label(self) -> &'static str {
        match self {
            RfmSegment::Champions => "Champions",
            RfmSegment::Loyal => "Loyal",
            RfmSegment::PotentialLoyalist => "Potential loyalist",
            RfmSegment::New => "New",
            RfmSegment::Promising => "Promising",
            RfmSegment::NeedAttention => "Need attention",
            RfmSegment::AboutToSleep => "About to sleep",
            RfmSegment::AtRisk => "At risk",
            RfmSegment::CantLoseThem => "Can't lose them",
            RfmSegment::Hibernating => "Hibernating",
            RfmSegment::Lost => "Lost",
        }
    }
}

/// One customer's scores and segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmScore {
    pub id: String,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: RfmSegment,
}

/// How many customers a segment holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentCount {
    pub segment: RfmSegment,
    pub label: String,
    pub customers: usize,
    /// Share of all customers, 0..=1.
    pub share: f64,
    /// Mean `monetary_total` of the segment's customers (`None` when empty).
    pub mean_monetary: Option<f64>,
}

/// The R × F grid for charts: `counts[r - 1][f - 1]` and the cells' mean `monetary_total`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfGrid {
    pub counts: [[usize; 5]; 5],
    pub mean_monetary: [[Option<f64>; 5]; 5],
}

/// Scores, segment counts (every segment, zeros included, best first) and the grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmScores {
    pub customers: Vec<RfmScore>,
    pub segments: Vec<SegmentCount>,
    pub grid: RfGrid,
}

/// Quintile scores 1..=5 of `values` (see the module doc); tied values share the score of their first
/// position.
pub fn quintile_scores(values: &[f64]) -> Vec<u8> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    // tied values share a score, so their order within a block does not matter
    order.sort_unstable_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut scores = vec![0u8; n];
    let span = n.saturating_sub(1) as u128;
    let mut start = 0;
    while start < n {
        let mut end = start;
        while end + 1 < n && values[order[end + 1]] == values[order[start]] {
            end += 1;
        }
        let first = start as u128;
        let k = (1..=5u8).find(|&k| 5 * first <= u128::from(k) * span).unwrap_or(5);
        order[start..=end].iter().for_each(|&i| scores[i] = k);
        start = end + 1;
    }
    scores
}

/// Scores and names `customers`.
pub fn rfm_scores(customers: &[CustomerRecord]) -> RfmScores {
    let r: Vec<u8> = quintile_scores(&customers.iter().map(|c| c.recency).collect::<Vec<_>>())
        .into_iter()
        .map(|s| 6 - s)
        .collect();
    let f = quintile_scores(&customers.iter().map(|c| c.orders).collect::<Vec<_>>());
    let m = quintile_scores(&customers.iter().map(|c| c.monetary_total).collect::<Vec<_>>());
    let scored: Vec<RfmScore> = customers
        .iter()
        .enumerate()
        .map(|(i, c)| RfmScore {
            id: c.id.clone(),
            r: r[i],
            f: f[i],
            m: m[i],
            segment: RfmSegment::of(r[i], f[i]),
        })
        .collect();
    let mut counts = [[0usize; 5]; 5];
    let mut sums = [[0.0f64; 5]; 5];
    for (s, c) in scored.iter().zip(customers) {
        counts[usize::from(s.r - 1)][usize::from(s.f - 1)] += 1;
        sums[usize::from(s.r - 1)][usize::from(s.f - 1)] += c.monetary_total;
    }
    let mut mean_monetary = [[None; 5]; 5];
    for i in 0..5 {
        for j in 0..5 {
            mean_monetary[i][j] = (counts[i][j] > 0).then(|| sums[i][j] / counts[i][j] as f64);
        }
    }
    let n = customers.len().max(1) as f64;
    let segments = RfmSegment::ALL
        .iter()
        .map(|&seg| {
            let members: Vec<f64> = scored
                .iter()
                .zip(customers)
                .filter(|(s, _)| s.segment == seg)
                .map(|(_, c)| c.monetary_total)
                .collect();
            SegmentCount {
                segment: seg,
                label: seg.label().to_string(),
                customers: members.len(),
                share: members.len() as f64 / n,
                mean_monetary: (!members.is_empty())
                    .then(|| members.iter().sum::<f64>() / members.len() as f64),
            }
        })
        .collect();
    RfmScores { customers: scored, segments, grid: RfGrid { counts, mean_monetary } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_mapping_matches_the_documented_table() {
        use RfmSegment::*;
        let table = [
            [New, PotentialLoyalist, PotentialLoyalist, Champions, Champions],
            [Promising, PotentialLoyalist, PotentialLoyalist, Loyal, Loyal],
            [AboutToSleep, AboutToSleep, NeedAttention, Loyal, Loyal],
            [Hibernating, Hibernating, AtRisk, AtRisk, CantLoseThem],
            [Lost, Hibernating, AtRisk, AtRisk, CantLoseThem],
        ];
        for (row, r) in table.iter().zip([5u8, 4, 3, 2, 1]) {
            for (f, &seg) in (1u8..=5).zip(row) {
                assert_eq!(RfmSegment::of(r, f), seg, "r={r} f={f}");
            }
        }
    }

    #[test]
    fn quintiles_of_ten_distinct_values_pair_up() {
        let v: Vec<f64> = (0..10).map(|i| f64::from(9 - i)).collect();
        assert_eq!(quintile_scores(&v), vec![5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    }

    #[test]
    fn ties_share_a_score_and_tiny_inputs_do_not_panic() {
        assert_eq!(quintile_scores(&[1.0, 1.0, 1.0, 1.0, 1.0]), vec![1, 1, 1, 1, 1]);
        // six one-order customers of ten all score 1; the two-order pair shares position 6 (5·6 ≤ 4·9)
        let orders = [1.0, 3.0, 1.0, 1.0, 2.0, 1.0, 1.0, 5.0, 1.0, 2.0];
        assert_eq!(quintile_scores(&orders), vec![1, 5, 1, 1, 4, 1, 1, 5, 1, 4]);
        assert_eq!(quintile_scores(&[7.0]), vec![1]);
        assert!(quintile_scores(&[]).is_empty());
        assert!(rfm_scores(&[]).customers.is_empty());
    }
}

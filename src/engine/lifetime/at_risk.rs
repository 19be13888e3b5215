//! The at-risk list: customers of high value (top share by past spend or by CLV) whose P(alive) is low,
//! ranked by the value at stake, value × (1 − P(alive)), each with the reason in words.

use serde::{Deserialize, Serialize};

use super::clv::CustomerValue;
use super::error::{LifetimeError, Result};
use crate::engine::features::rfm::id_order;

/// Which value makes a customer "high value".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueBasis {
    /// Total spend so far (default).
    #[default]
    PastValue,
    /// CLV over the horizon (needs a Gamma-Gamma model).
    Clv,
}

/// Who counts as at risk.
///
/// Defaults: `value_basis = past_value`, `top_share = 0.2` (the top 20% by value), `p_alive_below = 0.5`,
/// `max_customers = None` (no cap).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AtRiskParams {
    pub value_basis: ValueBasis,
    /// Share of customers, by value, that counts as high value; in (0, 1].
    pub top_share: f64,
    /// P(alive) strictly below this is low; in [0, 1].
    pub p_alive_below: f64,
    /// Keep at most this many rows.
    pub max_customers: Option<usize>,
}

impl Default for AtRiskParams {
    fn default() -> Self {
        AtRiskParams {
            value_basis: ValueBasis::PastValue,
            top_share: 0.2,
            p_alive_below: 0.5,
            max_customers: None,
        }
    }
}

impl AtRiskParams {
    /// Sets the value basis.
    pub fn with_value_basis(mut self, basis: ValueBasis) -> Self {
        self.value_basis = basis;
        self
    }

    /// Sets the top share.
    pub fn with_top_share(mut self, share: f64) -> Self {
        self.top_share = share;
        self
    }

    /// Sets the P(alive) threshold.
    pub fn with_p_alive_below(mut self, p: f64) -> Self {
        self.p_alive_below = p;
        self
    }

    /// Caps the list length.
    pub fn with_max_customers(mut self, n: Option<usize>) -> Self {
        self.max_customers = n;
        self
    }

    /// Checks the parameters.
    pub fn check(&self) -> Result<()> {
        if !(self.top_share > 0.0 && self.top_share <= 1.0) {
            return Err(LifetimeError::TopShare(self.top_share));
        }
        if !(0.0..=1.0).contains(&self.p_alive_below) {
            return Err(LifetimeError::PAliveBelow(self.p_alive_below));
        }
        Ok(())
    }
}

/// One at-risk customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AtRiskCustomer {
    /// 1 = most value at stake.
    pub rank: usize,
    pub id: String,
    pub p_alive: f64,
    pub past_value: f64,
    pub expected_purchases: f64,
    pub clv: Option<f64>,
    /// The value on the chosen basis times (1 − P(alive)).
    pub value_at_stake: f64,
    pub reason: String,
}

/// The ranked list and how it was drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AtRiskList {
    pub customers: Vec<AtRiskCustomer>,
    /// Customers counted as high value.
    pub high_value: usize,
    /// The lowest value that still counted as high value.
    pub value_threshold: Option<f64>,
    pub sentence: String,
}

/// The at-risk customers among `rows` (durations in the reason use `time_unit`, e.g. "weeks").
pub fn at_risk(rows: &[CustomerValue], params: &AtRiskParams, time_unit: &str) -> Result<AtRiskList> {
    params.check()?;
    let value = |r: &CustomerValue| match params.value_basis {
        ValueBasis::PastValue => Some(r.past_value),
        ValueBasis::Clv => r.clv,
    };
    let mut valued: Vec<(usize, f64)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| value(r).filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    valued.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| id_order(&rows[a.0].id, &rows[b.0].id)));
    // The top share, and every customer tied with its last one: the chart shades everyone at or above the
    // cut value, so a tie cut by id would be at risk on the chart and missing from the list.
    let mut n_high = ((params.top_share * valued.len() as f64).ceil() as usize).min(valued.len());
    if let Some(&(_, cut)) = n_high.checked_sub(1).and_then(|last| valued.get(last)) {
        n_high += valued[n_high..].iter().take_while(|&&(_, v)| v == cut).count();
    }
    let high = &valued[..n_high];
    let basis = match params.value_basis {
        ValueBasis::PastValue => "past spend",
        ValueBasis::Clv => "CLV",
    };
    let pct = params.top_share * 100.0;
    let mut list: Vec<AtRiskCustomer> = high
        .iter()
        .enumerate()
        .filter(|(_, &(i, _))| rows[i].p_alive < params.p_alive_below)
        .map(|(pos, &(i, v))| {
            let r = &rows[i];
            let reason = format!(
                "in the top {pct:.0}% by {basis} ({v:.2}, rank {} of {}) but P(alive) is {:.2} (< {:.2}): last \
                 purchase {} {time_unit} before the observation end, after {}",
                pos + 1,
                valued.len(),
                r.p_alive,
                params.p_alive_below,
                whole_or_tenth(r.recency),
                crate::engine::words::count(r.frequency as usize, "repeat purchase", "repeat purchases")
            );
            AtRiskCustomer {
                rank: 0,
                id: r.id.clone(),
                p_alive: r.p_alive,
                past_value: r.past_value,
                expected_purchases: r.expected_purchases,
                clv: r.clv,
                value_at_stake: v * (1.0 - r.p_alive),
                reason,
            }
        })
        .collect();
    list.sort_by(|a, b| b.value_at_stake.total_cmp(&a.value_at_stake).then_with(|| id_order(&a.id, &b.id)));
    if let Some(cap) = params.max_customers {
        list.truncate(cap);
    }
    for (k, c) in list.iter_mut().enumerate() {
        c.rank = k + 1;
    }
    let sentence = format!(
        "{} of the {n_high} customers in the top {pct:.0}% by {basis} have P(alive) below {:.2}",
        list.len(),
        params.p_alive_below
    );
    Ok(AtRiskList {
        customers: list,
        high_value: n_high,
        value_threshold: high.last().map(|&(_, v)| v),
        sentence,
    })
}

/// "282" for a whole number of periods, "3.4" otherwise ("282.0 days" read oddly).
fn whole_or_tenth(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_periods_read_without_decimals() {
        assert_eq!((whole_or_tenth(282.0), whole_or_tenth(3.4285)), ("282".to_string(), "3.4".to_string()));
    }

    fn row(id: &str, past_value: f64, p_alive: f64) -> CustomerValue {
        CustomerValue {
            id: id.into(),
            frequency: 3.0,
            recency: 10.0,
            tenure: 40.0,
            past_value,
            p_alive,
            expected_purchases: 0.5,
            expected_average_profit: None,
            clv: None,
        }
    }

    #[test]
    fn top_share_out_of_range_is_rejected() {
        for bad in [0.0, 1.5, f64::NAN] {
            assert!(matches!(
                AtRiskParams::default().with_top_share(bad).check(),
                Err(LifetimeError::TopShare(_))
            ));
        }
    }

    #[test]
    fn p_alive_threshold_out_of_range_is_rejected() {
        let err = AtRiskParams::default().with_p_alive_below(1.2).check().unwrap_err();
        assert_eq!(err.to_string(), "p_alive_below must be in [0, 1], got 1.2");
    }

    #[test]
    fn ranks_high_value_low_p_alive_by_value_at_stake() {
        let rows = [
            row("1", 100.0, 0.9),
            row("2", 500.0, 0.2),
            row("3", 400.0, 0.1),
            row("4", 10.0, 0.01),
            row("5", 300.0, 0.6),
        ];
        let l = at_risk(&rows, &AtRiskParams::default().with_top_share(0.6), "weeks").unwrap();
        assert_eq!(l.high_value, 3);
        assert_eq!(l.value_threshold, Some(300.0));
        let ids: Vec<&str> = l.customers.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["2", "3"]); // 500·0.8 = 400 > 400·0.9 = 360; "5" is alive, "4" is low value
        assert_eq!(l.customers[0].rank, 1);
        assert!(l.customers[0].reason.contains("rank 1 of 5"), "{}", l.customers[0].reason);
    }

    #[test]
    fn customers_tied_with_the_cut_value_are_all_high_value() {
        // top 40% of 5 is 2 customers, but "c" has the same spend as "b": all three are high value, as the
        // chart (everyone at or above the cut value) shows them
        let rows = [row("a", 900.0, 0.9), row("b", 200.0, 0.3), row("c", 200.0, 0.2), row("d", 50.0, 0.1)];
        let l = at_risk(&rows, &AtRiskParams::default().with_top_share(0.4), "weeks").unwrap();
        assert_eq!((l.high_value, l.value_threshold), (3, Some(200.0)));
        let ids: Vec<&str> = l.customers.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c", "b"]);
        assert!(l.sentence.starts_with("2 of the 3 customers in the top 40%"), "{}", l.sentence);
    }

    #[test]
    fn clv_basis_without_clv_gives_an_empty_list() {
        let l = at_risk(
            &[row("1", 5.0, 0.1)],
            &AtRiskParams::default().with_value_basis(ValueBasis::Clv),
            "days",
        )
        .unwrap();
        assert!(l.customers.is_empty() && l.high_value == 0 && l.value_threshold.is_none());
        assert!(at_risk(&[], &AtRiskParams::default(), "days").unwrap().customers.is_empty());
    }
}

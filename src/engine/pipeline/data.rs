//! The data stage: bytes → typed table; for a transaction log, per-customer features, RFM scores and lifetime
//! models (BG/NBD, Gamma-Gamma, CLV, at-risk customers). The result is one row per customer, ready to prepare.

use super::config::{DataMode, TransactionsConfig};
use super::run::PipelineError;
use crate::engine::features::rfm::{
    self, customer_features, detect_mapping, rfm_scores, CustomerFeatures, MappingProposal, RfmScores,
    TransactionMapping,
};
use crate::engine::lifetime::{
    at_risk, score_customers, AtRiskList, AtRiskParams, BgNbdModel, ClvParams, CustomerValue, FitParams,
    GammaGammaModel, History,
};
use crate::engine::progress::Monitor;
use crate::engine::table::{is_customer_name, read_table, ColumnKind, IngestOptions, Ingested, Table};
use serde::{Deserialize, Serialize};

/// Detection confidence from which `DataMode::Auto` treats a file as a transaction log.
pub const AUTO_TRANSACTIONS_CONFIDENCE: f64 = 0.6;

/// The mode note of a file read as one row per customer as it is.
pub const ONE_ROW: &str = "One row per customer.";
/// The mode note when the user said the file has one row per customer.
pub const ONE_ROW_AS_SET: &str = "One row per customer (as set).";

/// What to say when a file read as one row per customer has a customer column whose ids repeat (two rows or
/// more per id on average): an orders table without purchase dates, whose rows are then segmented as they
/// are, though they are not customers (an Instacart-style `orders.csv` gave "17528 customers" for 800 users).
fn repeated_customer_ids(ingested: &Ingested) -> Option<String> {
    // the ingest's column summaries already count distinct values: no second pass over every id
    ingested.table.columns.iter().zip(&ingested.summaries).find_map(|(c, summary)| {
        let present = summary.rows.saturating_sub(summary.missing);
        let repeats = summary.distinct > 0 && 2 * summary.distinct <= present;
        (c.kind == ColumnKind::Identifier && is_customer_name(&c.name) && repeats).then(|| {
            format!(
                "Each row was read as one customer, but {:?} repeats: {} on {} rows, so a row is more \
                 likely an order or a visit. Without a purchase date no customers can be built from the \
                 rows, so each row is segmented as it is: give the file one row per customer, or add each \
                 purchase's date and read it as a transaction log.",
                c.name,
                crate::engine::words::count(summary.distinct, "id", "ids"),
                present
            )
        })
    })
}

/// Reads the file.
pub fn ingest(
    bytes: &[u8],
    source: &str,
    opts: &IngestOptions,
    monitor: &mut dyn Monitor,
) -> Result<Ingested, PipelineError> {
    read_table(bytes, source, opts, monitor).map_err(PipelineError::Ingest)
}

/// Lifetime models fitted on the customers' purchase histories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LifetimeOutcome {
    pub bgnbd: BgNbdModel,
    /// The spend model; absent when too few customers bought more than once.
    pub gamma_gamma: Option<GammaGammaModel>,
    /// One per customer, in the customer table's order.
    pub values: Vec<CustomerValue>,
    pub at_risk: Option<AtRiskList>,
    /// The unit of every duration ("days", "weeks"…).
    pub time_unit: String,
    pub clv: ClvParams,
    pub notes: Vec<String>,
}

/// What transaction mode produced.
#[derive(Debug, Clone)]
pub struct Transactions {
    pub config: TransactionsConfig,
    pub mapping: TransactionMapping,
    /// Set when the mapping was detected rather than given.
    pub detected: Option<MappingProposal>,
    pub features: CustomerFeatures,
    pub scores: RfmScores,
    /// Absent when lifetime models are off or could not be fitted (see `lifetime_note`).
    pub lifetime: Option<LifetimeOutcome>,
    pub lifetime_note: Option<String>,
}

/// One row per customer, and how it was obtained.
#[derive(Debug, Clone)]
pub struct CustomerData {
    /// `None` when the ingested table is already one row per customer (use it directly).
    pub transactions: Option<Transactions>,
    /// Why this mode was used, for the report.
    pub mode_note: String,
}

impl CustomerData {
    /// The per-customer table: derived from transactions, or the ingested one.
    pub fn table<'a>(&'a self, ingested: &'a Ingested) -> &'a Table {
        match &self.transactions {
            Some(t) => &t.features.table,
            None => &ingested.table,
        }
    }
}

/// Resolves the data mode and, for a transaction log, derives the customer table and lifetime models.
pub fn customers(
    ingested: &Ingested,
    mode: &DataMode,
    monitor: &mut dyn Monitor,
) -> Result<CustomerData, PipelineError> {
    let (config, mapping, detected, mode_note) = match mode {
        DataMode::Customers => {
            return Ok(CustomerData { transactions: None, mode_note: ONE_ROW_AS_SET.into() })
        }
        DataMode::Auto => match detect_mapping(&ingested.table) {
            Some(p) if p.confidence >= AUTO_TRANSACTIONS_CONFIDENCE => {
                let note = format!(
                    "This looks like a transaction log ({}), so customers were built from it.",
                    p.reasons.join("; ")
                );
                (TransactionsConfig::default(), p.mapping.clone(), Some(p), note)
            }
            _ => {
                let mode_note = repeated_customer_ids(ingested).unwrap_or_else(|| ONE_ROW.into());
                return Ok(CustomerData { transactions: None, mode_note });
            }
        },
        DataMode::Transactions(t) => match (&t.mapping, detect_mapping(&ingested.table)) {
            (Some(m), _) => (
                t.as_ref().clone(),
                m.clone(),
                None,
                "A transaction log (as set), with your column mapping.".into(),
            ),
            (None, Some(p)) => {
                let note = format!("A transaction log (as set); columns detected: {}.", p.reasons.join("; "));
                (t.as_ref().clone(), p.mapping.clone(), Some(p), note)
            }
            (None, None) => {
                return Err(PipelineError::NoTransactionMapping { file: ingested.table.source.clone() })
            }
        },
    };
    let features =
        customer_features(&ingested.table, &mapping, &config.rfm, monitor).map_err(PipelineError::Rfm)?;
    let scores = rfm_scores(&features.customers);
    let (lifetime, lifetime_note) = if config.lifetime {
        match lifetime_models(&features, &config.clv, &config.at_risk, monitor) {
            Ok(l) => (Some(l), None),
            Err(e) => (None, Some(format!("Lifetime models were not fitted: {e}."))),
        }
    } else {
        (None, None)
    };
    Ok(CustomerData {
        transactions: Some(Transactions {
            config,
            mapping,
            detected,
            features,
            scores,
            lifetime,
            lifetime_note,
        }),
        mode_note,
    })
}

/// Fits BG/NBD and (when the spends allow it) Gamma-Gamma on the customers' histories, and scores every
/// customer over `clv`'s horizon (its `periods_per_month` is set from the features' time unit). The app
/// and the CLI's `rfm` both use this. Fails when BG/NBD cannot be fitted; a spend model or at-risk list that
/// cannot be made is left out with a note.
pub fn lifetime_models(
    features: &CustomerFeatures,
    clv: &ClvParams,
    at_risk_params: &AtRiskParams,
    monitor: &mut dyn Monitor,
) -> Result<LifetimeOutcome, crate::engine::lifetime::LifetimeError> {
    let histories: Vec<History> = features.customers.iter().map(History::from).collect();
    let fit = FitParams::default();
    monitor.progress("lifetime models", 0.0);
    let bgnbd = BgNbdModel::fit(&histories, &fit, monitor)?;
    let mut notes = bgnbd.boundary_notes(&features.report.time_unit);
    let single = histories.iter().filter(|h| h.frequency == 0.0).count();
    if single > 0 {
        // BG/NBD lets customers leave only after a repeat purchase, so P(alive) = 1 for every one-time buyer
        notes.push(format!(
            "{} with a single purchase {} shown with a chance of still being a customer of 1.00, \
             however long ago they bought: the model learns who has left only from repeat buyers. Judge \
             them by the time since their purchase (RFM recency).",
            crate::engine::words::count(single, "customer", "customers"),
            if single == 1 { "is" } else { "are" }
        ));
    }
    let gamma_gamma = match GammaGammaModel::fit(&histories, &fit, monitor) {
        Ok(g) => Some(g),
        Err(e) => {
            notes.push(format!("No spend model (Gamma-Gamma): {e}; CLV is not available."));
            None
        }
    };
    let unit_days = features.report.period.days() * features.report.freq_multiplier as f64;
    let clv = ClvParams { periods_per_month: ClvParams::for_unit_days(unit_days).periods_per_month, ..*clv };
    let values = score_customers(&features.customers, &bgnbd, gamma_gamma.as_ref(), &clv, monitor)?;
    let at_risk = match at_risk(&values, at_risk_params, &features.report.time_unit) {
        Ok(list) => Some(list),
        Err(e) => {
            notes.push(format!("No at-risk list: {e}."));
            None
        }
    };
    monitor.progress("lifetime models", 1.0);
    Ok(LifetimeOutcome {
        bgnbd,
        gamma_gamma,
        values,
        at_risk,
        time_unit: features.report.time_unit.clone(),
        clv,
        notes,
    })
}

/// Re-exported for the report: the named RFM segments' documented mapping lives with the scores.
pub use rfm::RfmSegment;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::pipeline::{run, PipelineConfig};
    use crate::engine::progress::Silent;

    #[test]
    fn an_orders_table_without_dates_says_its_rows_are_not_customers() {
        let rows: String =
            (0..120).map(|i| format!("{i},{},{},{}\n", i % 30, 1 + i / 30, (i * 7) % 24)).collect();
        let csv = format!("order_id,user_id,order_number,order_hour\n{rows}");
        let mut config = PipelineConfig::default();
        config.evaluation.sweep = None;
        let report = run(csv.as_bytes(), "orders.csv", &config, &mut Silent).unwrap();
        assert!(report.transactions.is_none());
        let note = &report.data.mode_note;
        assert!(note.contains("\"user_id\" repeats: 30 ids on 120 rows"), "{note}");
        // ids that rarely repeat, and a file set to one row per customer, keep the plain notes
        let once: String = (0..120).map(|i| format!("{},{}\n", i - i / 60, (i * 7) % 24)).collect();
        let plain = run(format!("customer_id,visits\n{once}").as_bytes(), "c.csv", &config, &mut Silent);
        assert_eq!(plain.unwrap().data.mode_note, ONE_ROW);
        config.mode = DataMode::Customers;
        assert_eq!(
            run(csv.as_bytes(), "orders.csv", &config, &mut Silent).unwrap().data.mode_note,
            ONE_ROW_AS_SET
        );
    }
}

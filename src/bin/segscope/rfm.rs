//! `segscope rfm TRANSACTIONS.csv --customer-col … --date-col … --amount-col … --out customers.csv`:
//! per-customer RFM features and scores, and with lifetime models P(alive), expected purchases and CLV.

use super::common::{json, read_input, write_output, CliMonitor};
use clap::Args;
use segscope::engine::features::rfm::{
    customer_features, detect_mapping, rfm_scores, AmountSource, CustomerFeatures, PeriodUnit, RfmOptions,
    TransactionMapping,
};
use segscope::engine::lifetime::{AtRiskParams, ClvParams};
use segscope::engine::pipeline::data::{lifetime_models, LifetimeOutcome};
use segscope::engine::pipeline::export::at_risk_list_csv;
use segscope::engine::table::{read_table, IngestOptions};
use std::path::PathBuf;

#[derive(Args)]
pub struct RfmArgs {
    /// The transaction log (one row per purchase line).
    file: PathBuf,
    /// Customer id column (default: detected).
    #[arg(long)]
    customer_col: Option<String>,
    /// Purchase date column (default: detected).
    #[arg(long)]
    date_col: Option<String>,
    /// Amount column; or give --quantity-col and --price-col.
    #[arg(long)]
    amount_col: Option<String>,
    /// Quantity column: items per line (basket size); with --price-col, the amount is quantity × price.
    #[arg(long)]
    quantity_col: Option<String>,
    /// Unit price column: with --quantity-col, the amount when there is no amount column.
    #[arg(long)]
    price_col: Option<String>,
    /// Invoice id column (a "C" and digits, as "C536379", is a cancellation).
    #[arg(long)]
    invoice_col: Option<String>,
    /// Order or payment status column: lines whose status says cancelled, refunded, returned, voided,
    /// failed or unpaid are no purchases (default: a column named like a status with such a level;
    /// "none": no status).
    #[arg(long)]
    status_col: Option<String>,
    /// Dates like 03/04/2020: dmy or mdy (default: resolved from the data, month first when nothing
    /// decides it).
    #[arg(long, value_name = "dmy|mdy")]
    date_order: Option<String>,
    /// Time unit of recency, tenure and the CLV horizon: day|week|month.
    #[arg(long, default_value = "day")]
    period: String,
    /// CLV horizon in periods (e.g. 52 weeks): expected purchases over exactly that many; CLV discounted a
    /// month at a time, with a last part month. 0 skips the lifetime models.
    #[arg(long, default_value_t = 0)]
    clv_horizon: u32,
    /// Monthly discount rate for CLV.
    #[arg(long, default_value_t = 0.01)]
    discount_rate: f64,
    /// Where to write one row per customer.
    #[arg(long)]
    out: PathBuf,
    /// Where to write the rules applied, RFM segment counts and model parameters as JSON.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Where to write the at-risk customers (high value, low P(alive)).
    #[arg(long)]
    at_risk: Option<PathBuf>,
}

pub fn run(args: RfmArgs) -> Result<(), String> {
    let (bytes, name) = read_input(&args.file)?;
    let mut monitor = CliMonitor::new(false);
    let mut options = IngestOptions::default();
    if let Some(order) = &args.date_order {
        options = options.with_date_order(super::prep_args::date_order(order)?);
    }
    let ingested = read_table(&bytes, &name, &options, &mut monitor).map_err(|e| e.to_string())?;
    let detected = detect_mapping(&ingested.table);
    let base = detected.as_ref().map(|p| p.mapping.clone());
    let amount = match (&args.amount_col, &args.quantity_col, &args.price_col) {
        (Some(a), _, _) => Some(AmountSource::Amount { column: a.clone() }),
        (None, Some(q), Some(p)) => {
            Some(AmountSource::QuantityTimesPrice { quantity: q.clone(), unit_price: p.clone() })
        }
        _ => None,
    };
    let columns: Vec<&str> = ingested.table.columns.iter().map(|c| c.name.as_str()).collect();
    // detection proposes all three columns or none, so a failure cannot say which one it missed: name the
    // options still to give, and the file's columns to choose from
    let missing = [
        ("--customer-col", args.customer_col.is_none()),
        ("--date-col", args.date_col.is_none()),
        ("--amount-col", amount.is_none()),
    ]
    .iter()
    .filter(|(_, missing)| *missing)
    .map(|(option, _)| *option)
    .collect::<Vec<_>>()
    .join(", ");
    let unrecognised = || {
        format!(
            "{name}: the customer id, purchase date and amount columns were not all recognised; give \
             {missing} (the file's columns: {})",
            columns.join(", ")
        )
    };
    let pick = |given: &Option<String>, detected: Option<String>| {
        given.clone().or(detected).ok_or_else(unrecognised)
    };
    let mapping = TransactionMapping {
        customer: pick(&args.customer_col, base.as_ref().map(|m| m.customer.clone()))?,
        date: pick(&args.date_col, base.as_ref().map(|m| m.date.clone()))?,
        amount: amount.clone().or(base.as_ref().map(|m| m.amount.clone())).ok_or_else(unrecognised)?,
        quantity: args.quantity_col.clone().or(base.as_ref().and_then(|m| m.quantity.clone())),
        invoice: args.invoice_col.clone().or(base.as_ref().and_then(|m| m.invoice.clone())),
        status: match args.status_col.as_deref() {
            Some("none") => None,
            Some(column) => Some(column.to_string()),
            None => base.as_ref().and_then(|m| m.status.clone()),
        },
    };
    let period = match args.period.to_lowercase().as_str() {
        "day" | "days" => PeriodUnit::Day,
        "week" | "weeks" => PeriodUnit::Week,
        "month" | "months" => PeriodUnit::Month,
        other => return Err(format!("--period expects day, week or month, got \"{other}\"")),
    };
    let options = RfmOptions::default().with_period(period);
    let features =
        customer_features(&ingested.table, &mapping, &options, &mut monitor).map_err(|e| e.to_string())?;
    let scores = rfm_scores(&features.customers);
    for s in &features.report.sentences {
        eprintln!("{s}");
    }
    for w in &features.report.warnings {
        eprintln!("warning: {w}");
    }
    let mut header: Vec<String> = features.table.columns.iter().map(|c| c.name.clone()).collect();
    header.extend(["R", "F", "M", "RFM segment"].map(String::from));
    let lifetime = if args.clv_horizon > 0 { lifetime(&args, &features, &mut monitor)? } else { None };
    let values = lifetime.as_ref().map(|l| &l.values);
    if values.is_some() {
        header.extend(["p_alive", "expected_purchases", "clv"].map(String::from));
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).map_err(|e| e.to_string())?;
    for r in 0..features.table.n_rows() {
        let mut row: Vec<String> = features.table.columns.iter().map(|c| c.display(r)).collect();
        let s = &scores.customers[r];
        row.extend([s.r.to_string(), s.f.to_string(), s.m.to_string(), s.segment.label().to_string()]);
        if let Some(v) = values.map(|v| &v[r]) {
            row.extend([
                v.p_alive.to_string(),
                v.expected_purchases.to_string(),
                v.clv.map(|c| c.to_string()).unwrap_or_default(),
            ]);
        }
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    write_output(&args.out, &w.into_inner().map_err(|e| e.to_string())?)?;
    if let Some(path) = &args.report {
        let models = lifetime.as_ref().map(|l| {
            let (bgnbd, gamma_gamma) = (&l.bgnbd, &l.gamma_gamma);
            serde_json::json!({"bgnbd": bgnbd, "gamma_gamma": gamma_gamma, "clv": l.clv, "notes": l.notes})
        });
        let report = serde_json::json!({"mapping": mapping, "detected": detected, "features": features.report,
            "rfm_segments": scores.segments, "lifetime": models});
        write_output(path, json(&report).as_bytes())?;
    }
    Ok(())
}

/// The lifetime models over `--clv-horizon` periods (expected purchases over exactly that many; CLV a month
/// at a time with a last part month), with the at-risk list written when asked. None, with a warning, when
/// BG/NBD cannot be fitted: the RFM columns are still written.
fn lifetime(
    args: &RfmArgs,
    features: &CustomerFeatures,
    monitor: &mut CliMonitor,
) -> Result<Option<LifetimeOutcome>, String> {
    let unit_days = features.report.period.days() * features.report.freq_multiplier as f64;
    let per_month = ClvParams::for_unit_days(unit_days).periods_per_month;
    let horizon = f64::from(args.clv_horizon);
    let clv = ClvParams {
        months: (horizon / per_month).ceil().max(1.0) as u32,
        monthly_discount_rate: args.discount_rate,
        periods_per_month: per_month,
        horizon_periods: Some(horizon),
    };
    let outcome = match lifetime_models(features, &clv, &AtRiskParams::default(), monitor) {
        Ok(outcome) => outcome,
        Err(e) => {
            eprintln!(
                "warning: the lifetime models were not fitted: {e}; the RFM columns are written without them"
            );
            return Ok(None);
        }
    };
    eprintln!("BG/NBD: {}", json(&outcome.bgnbd));
    if let Some(gg) = &outcome.gamma_gamma {
        eprintln!("Gamma-Gamma: {}", json(gg));
    }
    for note in &outcome.notes {
        eprintln!("warning: {note}");
    }
    if let Some(path) = &args.at_risk {
        // lifetime_models made the list or said why not in the warnings above
        let list = outcome.at_risk.as_ref().ok_or("no at-risk list to write: see the warning above")?;
        write_output(path, &at_risk_list_csv(list))?;
    }
    Ok(Some(outcome))
}

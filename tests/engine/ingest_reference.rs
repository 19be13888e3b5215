//! The clean datasets read like pandas reads them (`tests/reference/ingest.py` wrote the expected values):
//! numbers bit-exact, texts exact (trimmed), dates exact to the second, missing and distinct counts exact,
//! summary min/max exact, mean within 1e-12 relative and skewness (pandas' `Series.skew()`) within 1e-9.

use segscope::engine::progress::Silent;
use segscope::engine::table::*;
use serde_json::Value;

fn root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

fn check(dataset: &str) {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{}/tests/reference/expected/ingest_{dataset}.json", root()))
            .unwrap(),
    )
    .unwrap();
    let file = expected["file"].as_str().unwrap();
    let bytes = std::fs::read(format!("{}/tests/data/{file}", root())).unwrap();
    let r = read_table(&bytes, file, &IngestOptions::default(), &mut Silent).unwrap();
    assert!(r.issues.is_empty(), "{file}: {:?}", r.issues);
    let rows = expected["rows"].as_u64().unwrap() as usize;
    assert_eq!(r.table.n_rows(), rows, "{file}");
    let cols = expected["columns"].as_array().unwrap();
    assert_eq!(r.table.columns.len(), cols.len(), "{file}");
    let (mut max_rel, mut max_skew) = (0.0f64, 0.0f64);
    for (k, e) in cols.iter().enumerate() {
        let name = e["name"].as_str().unwrap();
        let col = &r.table.columns[k];
        assert_eq!(col.name, name);
        let summary = &r.summaries[k];
        let values = e["values"].as_array().unwrap();
        assert_eq!(summary.missing as u64, e["missing"].as_u64().unwrap(), "{file}/{name} missing");
        assert_eq!(summary.distinct as u64, e["distinct"].as_u64().unwrap(), "{file}/{name} distinct");
        match e["type"].as_str().unwrap() {
            "number" if col.kind == ColumnKind::Categorical => {
                // A column of two or three small codes (wholesale's Channel and Region) is read as
                // categories on purpose, and said so; its levels are pandas' numbers, written the same way.
                assert!(
                    r.notes
                        .iter()
                        .any(|n| matches!(n, IngestNote::CodesAsCategories { column, .. } if column == name)),
                    "{file}/{name}: categorical without a note"
                );
                for (i, v) in values.iter().enumerate() {
                    let x = v.as_f64().unwrap_or_else(|| panic!("{file}/{name} row {i}: missing code"));
                    assert_eq!(col.display(i).parse::<f64>().ok(), Some(x), "{file}/{name} row {i}");
                }
            }
            "number" | "date" => {
                let got =
                    col.numbers().unwrap_or_else(|| panic!("{file}/{name}: {:?} is not numbers", col.kind));
                if e["type"] == "date" {
                    assert_eq!(col.kind, ColumnKind::Date, "{file}/{name}");
                } else {
                    assert!(matches!(col.kind, ColumnKind::Numeric | ColumnKind::Integer), "{file}/{name}");
                }
                for (i, v) in values.iter().enumerate() {
                    match v.as_f64() {
                        None => assert!(got[i].is_nan(), "{file}/{name} row {i}"),
                        Some(x) => assert_eq!(got[i].to_bits(), x.to_bits(), "{file}/{name} row {i}"),
                    }
                }
                assert_eq!(summary.min, e["min"].as_f64(), "{file}/{name} min");
                assert_eq!(summary.max, e["max"].as_f64(), "{file}/{name} max");
                let (m, want) = (summary.mean.unwrap(), e["mean"].as_f64().unwrap());
                let rel = (m - want).abs() / want.abs().max(1e-300);
                max_rel = max_rel.max(rel);
                assert!(rel <= 1e-12, "{file}/{name} mean {m} vs {want}");
                match e["skew"].as_f64() {
                    None => assert_eq!(summary.skewness, None, "{file}/{name} skewness"),
                    Some(want) => {
                        let got = summary.skewness.unwrap_or_else(|| panic!("{file}/{name}: no skewness"));
                        let err = (got - want).abs() / want.abs().max(1.0);
                        max_skew = max_skew.max(err);
                        assert!(err <= 1e-9, "{file}/{name} skewness {got} vs {want}");
                    }
                }
            }
            "text" => {
                for (i, v) in values.iter().enumerate() {
                    match v.as_str() {
                        None => assert!(col.is_missing(i), "{file}/{name} row {i}"),
                        Some(t) => assert_eq!(col.display(i), t, "{file}/{name} row {i}"),
                    }
                }
            }
            t => panic!("unknown type {t}"),
        }
    }
    println!(
        "{file}: {} columns match; max relative error of the means {max_rel:e}, of the skewness {max_skew:e}",
        cols.len()
    );
}

#[test]
fn mall_customers_matches_pandas() {
    check("mall_customers");
}

#[test]
fn wholesale_customers_matches_pandas() {
    check("wholesale_customers");
}

#[test]
fn cc_general_matches_pandas() {
    check("cc_general");
}

#[test]
fn online_retail_dates_and_columns_match_pandas() {
    check("online_retail_head999");
}

#[test]
fn inferred_kinds_and_roles_of_the_real_datasets() {
    let load = |f: &str| {
        let bytes = std::fs::read(format!("{}/tests/data/{f}", root())).unwrap();
        read_table(&bytes, f, &IngestOptions::default(), &mut Silent).unwrap()
    };
    let kinds = |r: &Ingested| r.table.columns.iter().map(|c| (c.kind, c.role)).collect::<Vec<_>>();
    use ColumnKind::*;
    use ColumnRole::*;
    let r = load("mall_customers.csv");
    assert_eq!(
        kinds(&r),
        vec![
            (Identifier, Id),
            (Categorical, Feature),
            (Integer, Feature),
            (Integer, Feature),
            (Integer, Feature)
        ]
    );
    let r = load("online_retail_head999.csv");
    // InvoiceNo and StockCode are identifiers too; CustomerID, named like one, is the customer id
    assert_eq!(
        kinds(&r),
        vec![
            (Identifier, Ignore),
            (Identifier, Ignore),
            (Text, Ignore),
            (Integer, Feature),
            (Date, Ignore),
            (Numeric, Feature),
            (Identifier, Id),
            (Categorical, Feature)
        ]
    );
    assert!(r.notes.iter().any(|n| matches!(
        n,
        IngestNote::DateOrder { order: DateOrder::MonthFirst, basis: OrderBasis::Assumed, .. }
    )));
    let r = load("wholesale_customers.csv");
    assert_eq!(kinds(&r)[..3], [(Categorical, Feature), (Categorical, Feature), (Integer, Feature)]);
    let w = IngestOptions::default().with_column_kind("Region", Integer);
    let bytes = std::fs::read(format!("{}/tests/data/wholesale_customers.csv", root())).unwrap();
    let r = read_table(&bytes, "wholesale_customers.csv", &w, &mut Silent).unwrap();
    assert_eq!(r.table.column("Region").unwrap().kind, Integer, "an override keeps the codes as numbers");
    let r = load("cc_general.csv");
    assert_eq!(r.table.columns[0].kind, Identifier);
    assert!(r.table.columns[1..].iter().all(|c| c.role == Feature));
    let r = load("cdnow_transactions.csv");
    assert_eq!(kinds(&r)[..2], [(Identifier, Id), (Date, Ignore)]);
    assert!(r.notes.iter().any(|n| matches!(n, IngestNote::IdRepeats { .. })));
}

#[test]
fn overrides_win() {
    let bytes = std::fs::read(format!("{}/tests/data/mall_customers.csv", root())).unwrap();
    let opts = IngestOptions::default()
        .with_column_kind("Age", ColumnKind::Categorical)
        .with_column_role("Spending Score (1-100)", ColumnRole::Ignore)
        .with_column_kind("CustomerID", ColumnKind::Integer)
        .with_column_role("nope", ColumnRole::Id);
    let r = read_table(&bytes, "mall_customers.csv", &opts, &mut Silent).unwrap();
    let age = r.table.column("Age").unwrap();
    assert_eq!((age.kind, age.role), (ColumnKind::Categorical, ColumnRole::Feature));
    assert_eq!(age.display(0), "19");
    assert_eq!(r.table.column("Spending Score (1-100)").unwrap().role, ColumnRole::Ignore);
    let id = r.table.column("CustomerID").unwrap();
    assert_eq!((id.kind, id.role), (ColumnKind::Integer, ColumnRole::Feature));
    assert_eq!(id.numbers().unwrap()[199], 200.0);
    assert!(r.notes.iter().any(|n| matches!(n, IngestNote::UnknownOverride { column } if column == "nope")));
}

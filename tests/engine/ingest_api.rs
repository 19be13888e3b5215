//! The calls the app and CLI make on real data: the labelled export keeps every original cell verbatim and
//! appends new columns row for row; joining two customer tables reports what did not match.

use segscope::engine::progress::Silent;
use segscope::engine::table::*;

fn bytes(f: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn labelled_export_keeps_original_cells_and_appends_columns() {
    for f in
        ["mall_customers_messy.csv", "mall_customers_messy_bom_semicolon.csv", "online_retail_head999.csv"]
    {
        let input = bytes(f);
        let r = read_table(&input, f, &IngestOptions::default(), &mut Silent).unwrap();
        let n = r.table.n_rows();
        let out = append_columns(&input, &r.dialect, &["segment".into(), "score".into()], &|i| {
            vec![format!("seg{}", i % 3), format!("{}", i as f64 / 2.0)]
        })
        .unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(!text.starts_with('\u{feff}'));
        let back = read_table(&out, "labelled.csv", &IngestOptions::default(), &mut Silent).unwrap();
        assert_eq!(back.table.n_rows(), n, "{f}");
        // the input's separator is kept (a `;` file stays `;`-separated)
        assert_eq!(back.dialect.delimiter, r.dialect.delimiter);
        assert_eq!(back.table.columns.len(), r.table.columns.len() + 2);
        assert_eq!(back.table.column("segment").unwrap().display(4), "seg1");
        assert_eq!(back.table.column("score").unwrap().numbers().unwrap()[5], 2.5);
        if f == "mall_customers_messy.csv" {
            // Verbatim: the damaged spellings and the currency text are written as they were.
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines[0], "CustomerID,Gender,Age,Annual Income,Spending Score (1-100),Signup Date,Region,Visits Per Month,segment,score");
            assert_eq!(lines[5], "5,\" Male \",31,\"$17,000.45\",40,2016-01-09,Online,11.8,seg1,2");
            assert_eq!(lines[13], "13,Female,58,\"$16,000\",15,2020-11-14,Online,8.7,seg0,6");
        }
        if f == "mall_customers_messy_bom_semicolon.csv" {
            // the same cells, `;`-separated as the input: the currency's commas need no quotes
            let lines: Vec<&str> = text.lines().collect();
            assert!(lines[0].starts_with("CustomerID;Gender;Age;Annual Income;"), "{}", lines[0]);
            assert!(lines[1].ends_with(";seg0;0"), "{}", lines[1]);
        }
    }
}

#[test]
fn join_customer_tables() {
    let clean =
        read_table(&bytes("mall_customers.csv"), "mall.csv", &IngestOptions::default(), &mut Silent).unwrap();
    let messy =
        read_table(&bytes("mall_customers_messy.csv"), "messy.csv", &IngestOptions::default(), &mut Silent)
            .unwrap();
    let j = join(&clean.table, &messy.table, "CustomerID", "CustomerID", JoinKind::Inner).unwrap();
    assert_eq!(j.report.matched_rows, 200);
    assert_eq!(j.report.left_unmatched.count, 0);
    assert_eq!(j.table.n_rows(), 200);
    assert_eq!(j.table.columns.len(), 5 + 7);
    assert!(j.report.renamed.contains(&("Gender".to_string(), "Gender_2".to_string())));
    assert_eq!(j.table.column("Gender_2").unwrap().display(3), "Female");
    // A transaction table joined onto customers: several customers are absent, and the report says which.
    let retail =
        read_table(&bytes("online_retail_head999.csv"), "retail.csv", &IngestOptions::default(), &mut Silent)
            .unwrap();
    let cc = read_table(&bytes("cc_general.csv"), "cc.csv", &IngestOptions::default(), &mut Silent).unwrap();
    let j = join(&retail.table, &cc.table, "CustomerID", "CUST_ID", JoinKind::Left).unwrap();
    assert_eq!(j.table.n_rows(), 999);
    assert_eq!(j.report.matched_rows, 0);
    assert_eq!(j.report.left_unmatched.count, 48);
    assert_eq!(j.report.left_unmatched.examples.len(), 5);
    assert_eq!(j.report.left_missing_keys, 1);
    assert!(j.table.column("BALANCE").unwrap().is_missing(0));
    let e = join(&retail.table, &cc.table, "Customer", "CUST_ID", JoinKind::Left).unwrap_err();
    assert_eq!(e, JoinError::NoSuchColumn { table: "retail.csv".into(), name: "Customer".into() });
}

#[test]
fn a_file_has_one_customer_id_named_like_one() {
    let mut csv = String::from("InvoiceNo,Ref,CustomerID,Amount\n");
    for i in 0..40 {
        csv += &format!("INV-{i:04},R{i:03}X,CUST-{:03},{}.5\n", i * 7 % 40, i % 9);
    }
    let roles = |opts: &IngestOptions| {
        let r = read_table(csv.as_bytes(), "ids.csv", opts, &mut Silent).unwrap();
        let kinds: Vec<ColumnKind> = r.table.columns.iter().map(|c| c.kind).collect();
        assert_eq!(kinds[..3], [ColumnKind::Identifier; 3], "three identifier columns");
        assert!(r.summaries.iter().zip(&r.table.columns).all(|(s, c)| s.role == c.role));
        r.table.columns.iter().map(|c| c.role).collect::<Vec<_>>()
    };
    use ColumnRole::{Feature, Id, Ignore};
    // the customer-like name wins over the first identifier
    assert_eq!(roles(&IngestOptions::default()), [Ignore, Ignore, Id, Feature]);
    // a role the user gives stays, and is then the only id
    let chosen = IngestOptions::default().with_column_role("Ref", Id);
    assert_eq!(roles(&chosen), [Ignore, Id, Ignore, Feature]);
}

#[test]
fn of_two_plain_identifiers_the_one_called_an_id_is_the_customer_id() {
    // as penguins_raw: "Sample Number" and "Individual ID" both look like identifiers
    let mut csv = String::from("Sample Number,Paid,Individual ID,Mass\n");
    for i in 0..40 {
        csv += &format!("S{i:03}Q,P{:03}Z,N{i}A{},{}\n", i * 3 % 40, i % 2 + 1, 3000 + i * 17);
    }
    let r = read_table(csv.as_bytes(), "penguins.csv", &IngestOptions::default(), &mut Silent).unwrap();
    let roles: Vec<ColumnRole> = r.table.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [ColumnRole::Ignore, ColumnRole::Ignore, ColumnRole::Id, ColumnRole::Feature]);
}

#[test]
fn a_shop_export_reads_codes_as_codes_not_as_ids_or_quantities() {
    // as Shopify writes customers: a ZIP in digits, a two-value country code, province codes in two cases
    let provinces = ["ON", "QC", "on", "BC", "AB", "NY", "CA", "TX"];
    let mut csv = String::from(
        "Customer ID,Total Spent,Default Address Zip,Default Address Country Code,\
         Default Address Province Code\n",
    );
    for i in 0..300 {
        let country = if i % 3 == 0 { "US" } else { "CA" };
        csv += &format!(
            "{},{}.5,{},{country},{}\n",
            7_000_000 + i * 13,
            i % 97,
            10_000 + i * 31 % 9_000,
            provinces[i % 8]
        );
    }
    let r =
        read_table(csv.as_bytes(), "customers_export.csv", &IngestOptions::default(), &mut Silent).unwrap();
    let got: Vec<(ColumnKind, ColumnRole)> = r.table.columns.iter().map(|c| (c.kind, c.role)).collect();
    use ColumnKind::*;
    use ColumnRole::*;
    assert_eq!(
        got,
        [
            (Identifier, Id),
            (Numeric, Feature),
            (Identifier, Ignore), // the ZIP: carried along, neither a quantity nor the customer's id
            (Categorical, Feature),
            (Categorical, Feature), // "on" and "ON" are merged as a category's spellings are
        ]
    );
    let province = r.table.column("Default Address Province Code").unwrap();
    assert!(matches!(&province.data, ColumnData::Categories { levels, .. } if levels.len() == 7));
}

//! An order log with a status column, as Olist, Shopify and WooCommerce export them: lines whose status says
//! cancelled or refunded are no purchases. The column is found by its name and levels, named in the rule's
//! sentence with the levels it matched, and can be left out of the mapping.

use segscope::engine::features::rfm::{
    customer_features, detect_mapping, AmountSource, RfmOptions, RuleKind,
};
use segscope::engine::progress::Silent;
use segscope::engine::table::{read_table, IngestOptions, Table};

/// Four customers over 2023: "d" only ever cancelled; "c" has a partial refund, which stays a purchase.
fn log() -> Table {
    let csv = "order_id,customer_id,order_date,total,customer_state,Financial Status\n\
               o1,a,2023-01-05,10.00,SP,paid\n\
               o2,a,2023-02-05,20.00,SP,refunded\n\
               o3,b,2023-01-07,30.00,RJ,paid\n\
               o4,b,2023-03-01,40.00,RJ,Cancelled\n\
               o5,c,2023-02-11,50.00,MG,partially_refunded\n\
               o6,c,2023-04-02,60.00,MG,paid\n\
               o7,d,2023-03-03,70.00,SP,voided\n\
               o8,a,2023-05-05,15.00,SP,paid\n";
    read_table(csv.as_bytes(), "orders.csv", &IngestOptions::default(), &mut Silent).unwrap().table
}

#[test]
fn cancelled_and_refunded_lines_are_no_purchases() {
    let table = log();
    let p = detect_mapping(&table).expect("a transaction log");
    assert_eq!(p.mapping.status.as_deref(), Some("Financial Status"), "not customer_state: {p:?}");
    let f = customer_features(&table, &p.mapping, &RfmOptions::default(), &mut Silent).unwrap();
    let rule = f.report.rules.iter().find(|r| r.rule == RuleKind::CancelledStatus).unwrap();
    assert_eq!(
        rule.sentence,
        "3 rows whose \"Financial Status\" is \"Cancelled\", \"refunded\" or \"voided\" were excluded"
    );
    let spend: Vec<(String, f64)> = f.customers.iter().map(|c| (c.id.clone(), c.monetary_total)).collect();
    let want = [("a", 25.0), ("b", 30.0), ("c", 110.0)].map(|(id, m)| (id.to_string(), m));
    assert_eq!(spend, want);
    assert_eq!(f.report.customers_without_purchases, 1, "d only cancelled");

    // without the status column every line is a purchase
    let mut every = p.mapping.clone();
    every.status = None;
    let f = customer_features(&table, &every, &RfmOptions::default(), &mut Silent).unwrap();
    assert_eq!((f.customers.len(), f.report.purchase_lines), (4, 8));
    assert!(f.report.rules.iter().all(|r| r.rule != RuleKind::CancelledStatus));
}

/// Shopify writes an order's fields (its status among them) on its first line item only: the order's other
/// lines are refunded with it.
#[test]
fn an_order_status_on_the_first_line_holds_for_the_whole_order() {
    let csv = "Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem price
               #1001,a@x.com,paid,2023-01-05 10:15:22 +0100,1,10.00
               #1001,a@x.com,,2023-01-05 10:15:22 +0100,2,5.00
               #1002,a@x.com,refunded,2023-02-05 09:00:00 +0100,1,40.00
               #1002,a@x.com,,2023-02-05 09:00:00 +0100,3,20.00
               #1003,b@x.com,paid,2023-02-07 12:00:00 +0100,1,30.00
               #1004,b@x.com,paid,2023-03-07 12:00:00 +0100,1,35.00
";
    let table = read_table(csv.as_bytes(), "orders_export.csv", &IngestOptions::default(), &mut Silent)
        .unwrap()
        .table;
    let mut mapping = detect_mapping(&table).expect("a transaction log").mapping;
    assert_eq!(mapping.status.as_deref(), Some("Financial Status"));
    // Shopify's order number is its "Name": the user maps it as the invoice
    mapping.invoice = Some("Name".into());
    let f = customer_features(&table, &mapping, &RfmOptions::default(), &mut Silent).unwrap();
    let spend: Vec<(String, f64)> = f.customers.iter().map(|c| (c.id.clone(), c.monetary_total)).collect();
    assert_eq!(spend, [("a@x.com".to_string(), 20.0), ("b@x.com".to_string(), 65.0)]);
}

/// WooCommerce's empty "Customer Note" is named like a customer; the billing email is the customer (the note
/// was taken, every line then had no customer, and no purchase was left).
#[test]
fn an_empty_column_named_like_a_customer_is_not_the_customer() {
    let csv = "Order Number,Order Date,Customer Note,Billing Email,Order Total\n\
               1,2023-01-05,,a@x.com,10.00\n\
               2,2023-01-06,,b@x.com,20.00\n\
               3,2023-02-07,gift,a@x.com,30.00\n\
               4,2023-02-08,,b@x.com,40.00\n";
    let table = read_table(csv.as_bytes(), "woo.csv", &IngestOptions::default(), &mut Silent).unwrap().table;
    assert_eq!(detect_mapping(&table).unwrap().mapping.customer, "Billing Email");
}

/// Olist's orders joined to its customers and payments: `customer_id` is new with every order and the person
/// is `customer_unique_id`; `freight_value` sits left of `payment_value`. The log was read as one order per
/// customer, each valued at its freight.
#[test]
fn an_olist_join_is_read_by_the_person_and_the_payment() {
    let csv = "order_id,customer_id,order_status,order_purchase_timestamp,price,freight_value,payment_value,\
               customer_unique_id,customer_zip_code_prefix,customer_city\n\
               o1,k1,delivered,2017-10-02 10:56:33,30.00,8.72,38.72,p1,3149,sao paulo\n\
               o2,k2,delivered,2018-07-24 20:41:37,100.00,22.76,122.76,p2,47813,barreiras\n\
               o3,k3,delivered,2018-08-08 08:38:49,150.00,19.22,169.22,p1,3149,sao paulo\n\
               o4,k4,canceled,2017-11-18 19:28:06,40.00,27.20,67.20,p3,75265,vianopolis\n\
               o5,k5,delivered,2018-02-13 21:18:39,20.00,8.72,28.72,p2,47813,barreiras\n\
               o6,k6,delivered,2017-07-09 21:57:05,10.00,7.78,17.78,p3,75265,vianopolis\n\
               o7,k7,shipped,2018-04-11 12:22:08,90.00,17.00,107.00,p4,59296,natal\n";
    let table =
        read_table(csv.as_bytes(), "olist.csv", &IngestOptions::default(), &mut Silent).unwrap().table;
    let p = detect_mapping(&table).expect("a transaction log");
    assert_eq!(p.mapping.customer, "customer_unique_id", "{p:?}");
    assert_eq!(p.mapping.amount, AmountSource::Amount { column: "payment_value".into() }, "{p:?}");
    assert!(p.reasons.iter().any(|r| r.contains("groups the ids in \"customer_id\"")), "{:?}", p.reasons);
    let f = customer_features(&table, &p.mapping, &RfmOptions::default(), &mut Silent).unwrap();
    let spend: Vec<(String, f64)> = f.customers.iter().map(|c| (c.id.clone(), c.monetary_total)).collect();
    let want =
        [("p1", 207.94), ("p2", 151.48), ("p3", 17.78), ("p4", 107.0)].map(|(id, m)| (id.to_string(), m));
    assert_eq!(spend.len(), want.len());
    for ((id, m), (want_id, want_m)) in spend.iter().zip(&want) {
        assert!(id == want_id && (m - want_m).abs() < 1e-9, "{spend:?}");
    }
}

/// A Shopify order export: its purchase date is "Created at" (beside "Paid at" and "Cancelled at"), and the
/// status and totals sit on an order's first line item. It was not recognised as a log at all.
#[test]
fn a_shopify_export_is_a_log_dated_by_created_at() {
    let csv = "Name,Email,Financial Status,Paid at,Subtotal,Shipping,Total,Discount Amount,Created at,\
               Lineitem quantity,Cancelled at\n\
               #1001,ann@example.com,paid,2023-01-05 10:15:22 +0100,40.00,5.00,45.00,0.00,\
               2023-01-05 10:14:01 +0100,2,\n\
               #1001,ann@example.com,,,,,,,2023-01-05 10:14:01 +0100,1,\n\
               #1002,bob@example.com,paid,2023-01-07 09:00:00 +0100,30.00,5.00,35.00,0.00,\
               2023-01-07 08:59:00 +0100,1,\n\
               #1003,ann@example.com,refunded,2023-02-01 12:00:00 +0100,20.00,5.00,25.00,0.00,\
               2023-02-01 11:58:00 +0100,1,2023-02-02 09:00:00 +0100\n\
               #1004,bob@example.com,paid,2023-03-01 10:00:00 +0100,15.00,5.00,20.00,0.00,\
               2023-03-01 09:59:00 +0100,1,\n";
    let table = read_table(csv.as_bytes(), "orders_export.csv", &IngestOptions::default(), &mut Silent)
        .unwrap()
        .table;
    let p = detect_mapping(&table).expect("a transaction log");
    assert_eq!((p.mapping.customer.as_str(), p.mapping.date.as_str()), ("Email", "Created at"), "{p:?}");
    assert_eq!(p.mapping.status.as_deref(), Some("Financial Status"));
    // its order number, "Name" ("#1001"), is the invoice: an order's status holds for all its line items
    assert_eq!(p.mapping.invoice.as_deref(), Some("Name"));
    let f = customer_features(&table, &p.mapping, &RfmOptions::default(), &mut Silent).unwrap();
    let spend: Vec<(String, f64)> = f.customers.iter().map(|c| (c.id.clone(), c.monetary_total)).collect();
    let want = [("ann@example.com", 40.0), ("bob@example.com", 45.0)].map(|(id, m)| (id.to_string(), m));
    assert_eq!(spend, want);
}

/// A WooCommerce order export: orders never paid (pending payment, failed) are no purchases either; orders
/// being processed or on hold are.
#[test]
fn orders_never_paid_are_no_purchases() {
    let lines = [
        "2-01-03,Completed,ann@example.com,40.00",
        "2-01-09,Pending payment,ann@example.com,25.00",
        "2-02-01,Processing,bob@example.com,30.00",
        "2-02-14,Failed,bob@example.com,12.00",
        "2-03-02,On hold,cy@example.com,55.00",
        "2-03-20,Completed,cy@example.com,15.00",
        "2-04-01,Unpaid,cy@example.com,99.00",
    ];
    // the same seven orders in 2022, 2023 and 2024 (a status column needs repeated levels)
    let mut csv = String::from("Order Number,Order Date,Order Status,Billing Email,Order Total\n");
    for year in 2..5 {
        for (i, line) in lines.iter().enumerate() {
            csv += &format!("{}{},202{year}{}\n", 1000 + year, i, line.strip_prefix('2').unwrap());
        }
    }
    let table = read_table(csv.as_bytes(), "woo.csv", &IngestOptions::default(), &mut Silent).unwrap().table;
    let p = detect_mapping(&table).expect("a transaction log");
    assert_eq!(p.mapping.status.as_deref(), Some("Order Status"), "{p:?}");
    let f = customer_features(&table, &p.mapping, &RfmOptions::default(), &mut Silent).unwrap();
    let rule = f.report.rules.iter().find(|r| r.rule == RuleKind::CancelledStatus).unwrap();
    assert_eq!(
        rule.sentence,
        "9 rows whose \"Order Status\" is \"Failed\", \"Pending payment\" or \"Unpaid\" were excluded"
    );
    let spend: Vec<(String, f64)> = f.customers.iter().map(|c| (c.id.clone(), c.monetary_total)).collect();
    let want = [("ann@example.com", 120.0), ("bob@example.com", 90.0), ("cy@example.com", 210.0)];
    assert_eq!(spend, want.map(|(id, m)| (id.to_string(), m)));
}

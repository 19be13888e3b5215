//! Every real dataset's report crosses the worker boundary intact: the codec decodes what it encodes, even
//! where the report holds NaN (a missing value, or the correlation of a constant column), which JSON could
//! only write as `null` and not read back.

use segscope::engine::pipeline::{run, PipelineConfig, Report};
use segscope::engine::progress::Silent;
use segscope::protocol::{codec, FromWorker};

#[test]
fn reports_of_every_dataset_round_trip_through_the_codec() {
    for file in [
        "wholesale_customers.csv",
        "mall_customers.csv",
        "mall_customers_messy.csv",
        "online_retail_head999.csv",
        "cdnow_sample_transactions.csv",
    ] {
        let bytes = std::fs::read(format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let report = run(&bytes, file, &PipelineConfig::default(), &mut Silent).unwrap();
        let wire =
            codec::encode_from_worker(&FromWorker::Finished { run_id: 1, report: Box::new(report.clone()) });
        match codec::decode_from_worker(&wire).unwrap_or_else(|e| panic!("{file}: {e}")) {
            FromWorker::Finished { report: back, .. } => {
                assert_eq!(back.labels, report.labels, "{file}");
                assert_eq!(back.map.axes.len(), report.map.axes.len(), "{file}");
                let nan =
                    |r: &Report| r.correlation.iter().flatten().flatten().filter(|v| v.is_nan()).count();
                assert_eq!(nan(&back), nan(&report), "{file}: NaN must survive the trip");
            }
            other => panic!("{file}: {other:?}"),
        }
    }
}

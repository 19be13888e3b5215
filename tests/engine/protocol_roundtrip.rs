//! Every real dataset's report crosses the worker boundary intact: the codec decodes what it encodes, even
//! where the report holds NaN (a missing value, or the correlation of a constant column), which JSON could
//! only write as `null` and not read back.

use segscope::engine::pipeline::{run, PipelineConfig, Report};
use segscope::engine::progress::Silent;
use segscope::protocol::{codec, FromWorker, ReportParts};

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
        let wire = codec::encode_from_worker(&FromWorker::Finished {
            run_id: 1,
            report: ReportParts::split(report.clone()).unwrap(),
            sweep_pending: false,
            reset_file_settings: false,
        });
        match codec::decode_from_worker(&wire).unwrap_or_else(|e| panic!("{file}: {e}")) {
            FromWorker::Finished { report: back, .. } => {
                let back = back.join().unwrap_or_else(|e| panic!("{file}: {e}"));
                // The whole report, part by part (compared encoded: NaN is not equal to itself).
                let again = |r: &Report| ReportParts::split(r.clone()).unwrap();
                assert_eq!(again(&back), again(&report), "{file}");
                assert_eq!(back.labels, report.labels, "{file}");
                assert_eq!(
                    (&back.rows, &back.map.points, &back.map.ids),
                    (&report.rows, &report.map.points, &report.map.ids),
                    "{file}"
                );
                assert_eq!(back.map.axes.len(), report.map.axes.len(), "{file}");
                let nan =
                    |r: &Report| r.correlation.iter().flatten().flatten().filter(|v| v.is_nan()).count();
                assert_eq!(nan(&back), nan(&report), "{file}: NaN must survive the trip");
            }
            other => panic!("{file}: {other:?}"),
        }
    }
}

#[test]
fn a_sampled_map_crosses_packed_with_its_density() {
    let bytes =
        std::fs::read(format!("{}/tests/data/mall_customers.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut config = PipelineConfig::default();
    config.map.max_points = 50;
    let report = run(&bytes, "mall.csv", &config, &mut Silent).unwrap();
    assert!(report.map.density.is_some());
    let parts = ReportParts::split(report.clone()).unwrap();
    let wire = codec::encode_from_worker(&FromWorker::Finished {
        run_id: 7,
        report: parts,
        sweep_pending: true,
        reset_file_settings: true,
    });
    match codec::decode_from_worker(&wire).unwrap() {
        FromWorker::Finished { run_id: 7, report: parts, sweep_pending: true, reset_file_settings: true } => {
            // Parts decode in any order.
            let mut assembly = segscope::protocol::Assembly::default();
            for i in (0..ReportParts::COUNT).rev() {
                assembly.add(&parts, i).unwrap();
            }
            let back = assembly.finish().unwrap();
            assert_eq!(back.map.density, report.map.density);
            assert_eq!(back.map.labels, report.map.labels);
            for ((n, a), (m, b)) in back.map.axes.iter().zip(&report.map.axes) {
                assert_eq!(n, m);
                assert_eq!(
                    a.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                    b.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
                );
            }
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_sweep_sent_after_its_report_crosses_whole() {
    let bytes =
        std::fs::read(format!("{}/tests/data/mall_customers.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let report = run(&bytes, "mall.csv", &PipelineConfig::default(), &mut Silent).unwrap();
    assert!(report.sweep.is_some() && report.sweep_note.is_none());
    let sent = FromWorker::Swept { run_id: 3, sweep: report.sweep, note: Some("a note".into()) };
    let back = codec::decode_from_worker(&codec::encode_from_worker(&sent)).unwrap();
    assert_eq!(back.run_id(), Some(3));
    assert_eq!(back, sent);
}

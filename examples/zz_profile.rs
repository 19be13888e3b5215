use segscope::engine::progress::Monitor;
use segscope::engine::table::*;
use std::time::Instant;
struct M(Instant, String);
impl Monitor for M {
    fn progress(&mut self, stage: &str, f: f64) {
        if stage != self.1 { eprintln!("{:.3}s start {stage} {f}", self.0.elapsed().as_secs_f64()); self.1 = stage.to_string(); }
    }
}
fn main() {
    let bytes = std::fs::read("target/bench_ingest_1m.csv").unwrap();
    let t = Instant::now();
    let mut m = M(t, String::new());
    let r = read_table(&bytes, "b", &IngestOptions::default(), &mut m).unwrap();
    eprintln!("{:.3}s done rows {}", t.elapsed().as_secs_f64(), r.table.n_rows());
    let t = Instant::now();
    let mut n = 0.0;
    for line in bytes.split(|&b| b == b'\n').skip(1) {
        for f in line.split(|&b| b == b',') {
            if let Ok(s) = std::str::from_utf8(f) { if let Ok(v) = s.parse::<f64>() { n += v; } }
        }
    }
    eprintln!("{:.3}s naive split+parse {n}", t.elapsed().as_secs_f64());
}

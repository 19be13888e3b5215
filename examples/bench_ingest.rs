//! Ingest benchmark: reads a 1M rows × 8 numeric columns CSV (≈110 MB, 9 decimals, like scikit-learn's
//! `make_blobs` written with 9 decimals) and prints throughput and peak memory; then runs
//! `tests/reference/bench_ingest.py` on the same file for pandas' numbers.
//!
//! `cargo run --release --example bench_ingest [-- path.csv]`. Without a path the file is generated once at
//! `target/bench_ingest_1m.csv`. The measurement runs in a child process so that generating the file does not
//! count toward peak memory (VmHWM from /proc/self/status).

use std::io::Write;
use std::time::Instant;

use segscope::engine::progress::Silent;
use segscope::engine::rng::{rng, Rng};
use segscope::engine::table::{read_table, IngestOptions};

const ROWS: usize = 1_000_000;
const COLS: usize = 8;

fn generate(path: &str) -> std::io::Result<()> {
    let mut r = rng(42);
    let centers: Vec<[f64; COLS]> =
        (0..8).map(|_| std::array::from_fn(|_| r.gen_range(-10.0..10.0))).collect();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let header: Vec<String> = (0..COLS).map(|j| format!("x{j}")).collect();
    writeln!(out, "{}", header.join(","))?;
    let mut line = String::new();
    for i in 0..ROWS {
        let c = &centers[i % centers.len()];
        line.clear();
        for (j, &mu) in c.iter().enumerate() {
            // Box-Muller normal, sd 1.5.
            let (u1, u2): (f64, f64) = (r.gen_range(f64::EPSILON..1.0), r.gen());
            let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
            if j > 0 {
                line.push(',');
            }
            line += &format!("{:.9}", mu + 1.5 * z);
        }
        writeln!(out, "{line}")?;
    }
    out.flush()
}

fn vm_hwm_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn measure(path: &str) {
    let t0 = Instant::now();
    let bytes = std::fs::read(path).expect("read the benchmark file");
    let read_s = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let r = read_table(&bytes, path, &IngestOptions::default(), &mut Silent).expect("ingest");
    let parse_s = t1.elapsed().as_secs_f64();
    let mb = bytes.len() as f64 / 1e6;
    let hwm = vm_hwm_kb() as f64 / 1024.0;
    println!(
        "segscope read_table: {mb:.1} MB, {} rows x {} cols, parse {parse_s:.3} s = {:.0} MB/s \
         (file read {read_s:.3} s); peak memory {hwm:.0} MiB = {:.2}x file size",
        r.table.n_rows(),
        r.table.columns.len(),
        mb / parse_s,
        hwm * 1024.0 * 1024.0 / bytes.len() as f64
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 3 && args[1] == "--measure" {
        measure(&args[2]);
        return;
    }
    let path = match args.get(1) {
        Some(p) => p.clone(),
        None => {
            let p = format!("{}/target/bench_ingest_1m.csv", env!("CARGO_MANIFEST_DIR"));
            if !std::path::Path::new(&p).exists() {
                eprintln!("generating {p} …");
                generate(&p).expect("write the benchmark file");
            }
            p
        }
    };
    let me = std::env::current_exe().expect("own path");
    for _ in 0..3 {
        let status = std::process::Command::new(&me).args(["--measure", &path]).status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("measurement failed");
            std::process::exit(1);
        }
    }
    let script = format!("{}/tests/reference/bench_ingest.py", env!("CARGO_MANIFEST_DIR"));
    match std::process::Command::new("python3").args([&script, &path]).status() {
        Ok(s) if s.success() => {}
        _ => eprintln!("(pandas comparison skipped: python3 with pandas not available)"),
    }
}

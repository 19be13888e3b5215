//! The CLI's stdout: a reader that stops early (`segscope inspect wide.csv | head`) ends the command quietly
//! with success, not with a panic on the broken pipe.

use std::io::Read;
use std::process::{Command, Stdio};

#[test]
fn a_reader_that_stops_early_is_not_a_crash() {
    let dir = std::env::temp_dir().join(format!("segscope-cli-stdout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("wide.csv");
    // About 1 MB of JSON from `inspect`: far more than a pipe holds.
    let n = 1_500;
    let mut csv = (0..n).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",") + "\n";
    for r in 0..20 {
        csv += &((0..n).map(|i| ((r * i) % 97).to_string()).collect::<Vec<_>>().join(",") + "\n");
    }
    std::fs::write(&file, csv).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_segscope"))
        .arg("inspect")
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then the pipe closes
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(first[0], b'{');
    std::fs::remove_dir_all(&dir).ok();
}

/// `segscope run`'s summary ends with the skew hint on the bundled sample, with the flags that apply it; the
/// same run with those flags has no hint and no segment under 3% of the customers. Mall customers: no hint.
#[test]
fn the_run_summary_gives_the_skew_hint_with_its_flags() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_segscope")).arg("run").args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let sample = format!("{root}/public/sample/wholesale_customers.csv");
    let first = run(&[&sample]);
    let hint =
        first.lines().find(|l| l.trim_start().starts_with("hint: ")).unwrap_or_else(|| panic!("{first}"));
    assert!(
        hint.contains("Fresh, Milk, Grocery, Frozen, Detergents_Paper and Delicassen are strongly"),
        "{hint}"
    );
    let flags: Vec<&str> = hint.split("Add ").nth(1).unwrap().split(' ').collect();
    assert_eq!(flags.len(), 12, "{hint}");
    let mut args = vec![sample.as_str()];
    args.extend(&flags);
    let second = run(&args);
    assert!(!second.contains("hint: "), "{second}");
    let shares: Vec<f64> =
        second.lines().filter_map(|l| l.rsplit_once('(')?.1.strip_suffix("%)")?.parse().ok()).collect();
    assert_eq!(shares.len(), 4, "{second}");
    assert!(shares.iter().all(|&s| s >= 3.0), "{second}");
    assert!(!run(&[&format!("{root}/tests/data/mall_customers.csv")]).contains("hint: "));
}

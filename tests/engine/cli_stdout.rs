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

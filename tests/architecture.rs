//! Conventions as tests: the engine stays pure, every module says what it is for, files stay small.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Crates and std items the engine must never name: browser and UI crates, and I/O, clocks, threads.
const FORBIDDEN_IN_ENGINE: &[&str] = &[
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "leptos",
    "gloo",
    "plotters_canvas",
    "std::fs",
    "std::time",
    "std::thread",
    "std::env",
    "std::net",
    "std::process",
    "println!",
    "eprintln!",
];

#[test]
fn the_engine_names_no_browser_ui_or_io_crate() {
    let mut violations = Vec::new();
    for file in rust_files(&root().join("src/engine")) {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in FORBIDDEN_IN_ENGINE {
                if code.contains(word) {
                    violations.push(format!("{}:{}: names `{word}`", file.display(), n + 1));
                }
            }
        }
    }
    assert!(violations.is_empty(), "the engine must stay pure:\n{}", violations.join("\n"));
}

#[test]
fn the_forbidden_list_catches_a_violation() {
    // The check above must be able to fail: a line naming a browser crate is caught.
    let line = "use web_sys::Window;";
    assert!(FORBIDDEN_IN_ENGINE.iter().any(|w| line.contains(w)));
}

#[test]
fn every_source_file_opens_with_a_module_doc() {
    let mut missing = Vec::new();
    for file in rust_files(&root().join("src")) {
        let text = fs::read_to_string(&file).unwrap();
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if !first.starts_with("//!") {
            missing.push(file.display().to_string());
        }
    }
    assert!(missing.is_empty(), "files without a leading `//!` line:\n{}", missing.join("\n"));
}

#[test]
fn source_files_stay_small() {
    let mut big = Vec::new();
    for file in rust_files(&root().join("src")) {
        let lines = fs::read_to_string(&file).unwrap().lines().count();
        if lines > 450 {
            big.push(format!("{} ({lines} lines)", file.display()));
        }
    }
    assert!(big.is_empty(), "split these by responsibility:\n{}", big.join("\n"));
}

#[test]
fn no_unfinished_work_markers() {
    let mut hits = Vec::new();
    for dir in ["src", "tests"] {
        for file in rust_files(&root().join(dir)) {
            if file.ends_with("architecture.rs") {
                continue;
            }
            let text = fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                for marker in ["todo!(", "unimplemented!(", "TODO", "FIXME", "XXX"] {
                    if line.contains(marker) {
                        hits.push(format!("{}:{}: {marker}", file.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(hits.is_empty(), "unfinished work:\n{}", hits.join("\n"));
}

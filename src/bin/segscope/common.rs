//! Helpers every command shares: reading inputs, the system-clock monitor, writing outputs.

use segscope::engine::pipeline::PipelineConfig;
use segscope::engine::progress::Monitor;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Times stages with the system clock; with `verbose`, prints each new stage to stderr.
pub struct CliMonitor {
    start: Instant,
    verbose: bool,
    last_stage: String,
}

impl CliMonitor {
    pub fn new(verbose: bool) -> Self {
        CliMonitor { start: Instant::now(), verbose, last_stage: String::new() }
    }
}

impl Monitor for CliMonitor {
    fn progress(&mut self, stage: &str, _fraction: f64) {
        if self.verbose && stage != self.last_stage {
            eprintln!("[{:>7.0} ms] {stage}", self.now_ms());
            self.last_stage = stage.to_string();
        }
    }
    fn now_ms(&self) -> f64 {
        self.start.elapsed().as_secs_f64() * 1000.0
    }
}

/// The bytes of `path` and its file name.
pub fn read_input(path: &Path) -> Result<(Vec<u8>, String), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((bytes, name))
}

/// The config from `--config`, or the default.
pub fn load_config(path: Option<&PathBuf>) -> Result<PipelineConfig, String> {
    match path {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            PipelineConfig::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
        }
        None => Ok(PipelineConfig::default()),
    }
}

/// Writes `bytes` to `path`; `-` is stdout. A reader that stopped early (`--out /dev/stdout | head`) is not
/// an error.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let written = if path == Path::new("-") {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes).and_then(|()| out.flush())
    } else {
        std::fs::write(path, bytes)
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("{}: {e}", path.display())),
        _ => Ok(()),
    }
}

/// Checks, before anything is written, that every output can be: its folder exists, it is not a folder itself
/// and no other output goes there (a run that fails on its last output left the first ones behind).
pub fn check_outputs(paths: &[Option<&PathBuf>]) -> Result<(), String> {
    // two outputs to one place: the later overwrote the earlier (or both went to stdout, mixed)
    let given: Vec<&PathBuf> = paths.iter().flatten().copied().collect();
    for (i, path) in given.iter().enumerate() {
        if given[..i].contains(path) {
            return Err(format!("{}: given for two outputs; each needs its own file", path.display()));
        }
    }
    for path in paths.iter().flatten() {
        if path.as_path() == Path::new("-") {
            continue;
        }
        if path.is_dir() {
            return Err(format!("{}: is a folder, not a file to write", path.display()));
        }
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if !parent.is_dir() {
            return Err(format!("{}: the folder {} does not exist", path.display(), parent.display()));
        }
    }
    Ok(())
}

/// Writes `text` to stdout. A reader that stopped early (`segscope inspect big.csv | head`) is not an
/// error: the rest is dropped quietly, where `println!` would panic on the broken pipe.
pub fn emit(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write to stdout: {e}")),
        _ => Ok(()),
    }
}

/// Pretty JSON of `value`.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Splits repeatable, comma-separated option values ("A,B" "C") into names, trimming spaces.
pub fn split_names(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `NAME=VALUE` → (NAME, VALUE); the name may contain spaces and parentheses.
pub fn split_assignment(option: &str, text: &str) -> Result<(String, String), String> {
    let (name, value) =
        text.rsplit_once('=').ok_or_else(|| format!("{option} expects COLUMN=VALUE, got \"{text}\""))?;
    Ok((name.trim().to_string(), value.trim().to_string()))
}

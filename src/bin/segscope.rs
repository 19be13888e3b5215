//! The native command line over the same engine: scripting, scheduled re-scoring, conformance checks.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    segscope_cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
#[path = "segscope/mod.rs"]
mod segscope_cli;

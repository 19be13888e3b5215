//! Entry point of the web worker: panic hook, then the message loop in `segscope::worker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    segscope::worker::install_panic_hook();
    segscope::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the worker runs only in a browser; use the `segscope` command line instead");
}

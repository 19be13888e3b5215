//! Entry point of the browser app: panic hook, then mount the UI.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(segscope::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "the app runs only in a browser; build it with `make serve`, or use the `segscope` command line"
    );
}

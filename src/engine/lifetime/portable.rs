//! exp, ln, ln_1p, exp_m1 and powf from the `libm` crate, so that the lifetime fits give the same bits
//! natively and in wasm.
//!
//! `f64::exp` and friends call the platform's C library natively (glibc) but a musl port in wasm, and the two
//! differ in the last bit. On a log whose likelihood has no interior maximum those bits steer BFGS to
//! different edges: an Olist-like log fitted a purchase model the CLI refused (r = 1.6e20) while the app
//! kept one (a = 1.3e154) that took 300 ms a customer to score. `tests/web.rs`
//! (`lifetime_fits_give_the_native_bits`) pins the wasm fit to the native one.

pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

pub fn ln_1p(x: f64) -> f64 {
    libm::log1p(x)
}

pub fn exp_m1(x: f64) -> f64 {
    libm::expm1(x)
}

pub fn powf(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

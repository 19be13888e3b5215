//! (filled in by its issue)
pub mod rfm;

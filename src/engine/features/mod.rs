//! (filled in by its issue)

pub mod selection;

//! The pure engine: bytes in, report out. Nothing here touches a browser, a UI crate, a clock or a file;
//! `tests/architecture.rs` enforces it. Everything is deterministic given the config's seed.

pub mod choose_k;
pub mod cluster;
pub mod decode;
pub mod embed;
pub mod features;
pub mod lifetime;
pub mod metrics;
pub mod pipeline;
pub mod prep;
pub mod profile;
pub mod progress;
pub mod rng;
pub(crate) mod simd;
pub mod table;
pub mod words;

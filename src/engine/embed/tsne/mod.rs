//! t-SNE maps (van der Maaten & Hinton 2008; Barnes–Hut, van der Maaten 2014) with scikit-learn 1.9's
//! defaults and semantics, for at most [`MAX_ROWS`] rows (above the cap: [`TsneError::TooManyRows`], and
//! the caller shows the PCA map). Deterministic for a seed, the same bit for bit natively and in wasm32
//! (ordered reductions, `libm` transcendentals). It never reads a clock itself: time comes from the monitor.
//!
//! ```
//! use ndarray::Array2;
//! use segscope::engine::embed::tsne::TsneParams;
//! use segscope::engine::progress::Silent;
//!
//! let x = Array2::from_shape_fn((60, 3), |(i, j)| ((i * 7 + j * 3) % 11) as f64 + (i % 2) as f64 * 20.0);
//! let map = TsneParams::default().with_perplexity(10.0).with_max_iter(300).fit(x.view(), &mut Silent).unwrap();
//! assert_eq!(map.embedding().dim(), (60, 2));
//! assert!(map.kl_divergence.is_finite());
//! ```

mod affinity;
mod error;
mod fit;
mod gradient;
mod init;
mod input;
mod kernel;
mod knn;
mod optimize;
mod params;
mod point;
mod tree;

pub use affinity::{Affinities, ExactAffinities, SparseP};
pub use error::{Result, TsneError};
pub use fit::{Tsne, TsneInfo, TsneStop, STAGE};
pub use knn::Knn;
pub use params::{TsneInit, TsneMethod, TsneParams, TsneValidParams, EXACT_MAX_ROWS, MAX_ROWS};

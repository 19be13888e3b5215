//! Customer lifetime models: BG/NBD (who is still alive, how many purchases next), Gamma-Gamma (how much per
//! purchase), CLV by discounted cash flow, and the at-risk list. Formulas follow lifetimes 0.11.3; the
//! integration tests compare against it on CDNOW.

mod bgnbd;
mod error;
mod fit_driver;
mod history;
mod optimize;
mod params;
pub mod special;

pub use bgnbd::BgNbdModel;
pub use error::{LifetimeError, Result};
pub use history::{check_histories, History};
pub use optimize::{bfgs, nelder_mead, Minimum};
pub use params::{FitParams, ValidFitParams};

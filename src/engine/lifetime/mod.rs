//! Customer lifetime models: BG/NBD (who is still alive, how many purchases next), Gamma-Gamma (how much per
//! purchase), CLV by discounted cash flow, and the at-risk list. Formulas follow lifetimes 0.11.3; the
//! integration tests compare against it on CDNOW.

mod at_risk;
mod bgnbd;
mod clv;
mod error;
mod fit_driver;
mod gamma_gamma;
mod history;
mod optimize;
mod params;
pub mod special;

pub use at_risk::{at_risk, AtRiskCustomer, AtRiskList, AtRiskParams, ValueBasis};
pub use bgnbd::BgNbdModel;
pub use clv::{clv, score_customers, ClvParams, CustomerValue, ValidClvParams};
pub use error::{LifetimeError, Result};
pub use gamma_gamma::GammaGammaModel;
pub use history::{check_histories, History};
pub use optimize::{bfgs, nelder_mead, Minimum, ValueAndGradient};
pub use params::{FitParams, ValidFitParams};

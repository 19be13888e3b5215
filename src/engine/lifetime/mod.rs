//! Customer lifetime models: BG/NBD (who is still alive, how many purchases next), Gamma-Gamma (how much per
//! purchase), CLV by discounted cash flow, and the at-risk list. Formulas follow lifetimes 0.11.3; the
//! integration tests compare against it on CDNOW.
//!
//! ```
//! use segscope::engine::lifetime::{BgNbdModel, FitParams, History};
//! use segscope::engine::progress::Silent;
//!
//! let h = |frequency, recency, t| History { frequency, recency, t, monetary_value: 0.0 };
//! let data = [h(0.0, 0.0, 30.0), h(2.0, 20.0, 30.0), h(5.0, 28.0, 30.0), h(1.0, 3.0, 25.0), h(0.0, 0.0, 12.0)];
//! let model = BgNbdModel::fit(&data, &FitParams::default(), &mut Silent).unwrap();
//! let p = model.p_alive(&data[3]); // one early repeat purchase, then silence
//! assert!(p > 0.0 && p < model.p_alive(&data[2]));
//! assert!(model.expected_purchases(10.0, &data[2]) > model.expected_purchases(10.0, &data[3]));
//! ```

mod at_risk;
mod believable;
mod bgnbd;
mod clv;
mod error;
mod fit_driver;
mod gamma_gamma;
mod history;
mod optimize;
mod params;
mod portable;
pub mod special;

pub use at_risk::{at_risk, AtRiskCustomer, AtRiskList, AtRiskParams, ValueBasis};
pub use bgnbd::BgNbdModel;
pub use clv::{clv, score_customers, ClvParams, CustomerValue, ValidClvParams};
pub use error::{LifetimeError, Result};
pub use gamma_gamma::GammaGammaModel;
pub use history::{check_histories, History};
pub use optimize::{bfgs, nelder_mead, Minimum, ValueAndGradient};
pub use params::{BgNbdParams, FitParams, GammaGammaParams, ValidFitParams};

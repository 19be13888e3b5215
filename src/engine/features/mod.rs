//! Per-customer features: RFM and lifetime inputs from transaction logs, and feature selection.

pub mod rfm;
pub mod selection;

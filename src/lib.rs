//! segscope: customer segmentation that runs entirely in the browser.
pub mod engine;

//! Chart tests, one test binary: every chart rendered to SVG natively (both themes, two pixel scales) and its
//! marks, labels, colours and coordinates checked; hostile inputs draw "No data"; a gallery for looking at.

mod charts_support;

mod business;
mod choosing_k;
mod gallery;
mod hostile;
mod profiles;
mod stability;

//! Colour scales for cell colours: a diverging blue – neutral – red scale (ColorBrewer RdBu end points,
//! readable with the common colour-vision deficiencies) and a sequential blue scale, each with a light- and
//! a dark-theme variant (on dark backgrounds the neutral middle is dark and high counts are bright).

use super::{common::is_dark, Theme};
use plotters::style::RGBColor;

/// How values map to colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Symmetric around 0 and clamped to ±`limit`: blue below zero, red above.
    Diverging {
        /// The magnitude drawn at full strength.
        limit: f64,
    },
    /// From 0 (faint) to `max` (strong); `None` = the largest finite value shown.
    Sequential {
        /// The value drawn at full strength.
        max: Option<f64>,
    },
}

fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let ch = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    RGBColor(ch(a.0, b.0), ch(a.1, b.1), ch(a.2, b.2))
}

/// Piecewise-linear colour through `stops` (evenly spaced) at `t` in 0..1.
fn ramp(stops: &[RGBColor], t: f64) -> RGBColor {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let seg = (t * (stops.len() - 1) as f64).min((stops.len() - 1) as f64 - 1e-9).max(0.0);
    let i = seg.floor() as usize;
    mix(stops[i], stops[i + 1], seg - i as f64)
}

const DIVERGING_LIGHT: [RGBColor; 5] = [
    RGBColor(0x21, 0x66, 0xAC),
    RGBColor(0x92, 0xC5, 0xDE),
    RGBColor(0xF7, 0xF7, 0xF7),
    RGBColor(0xF4, 0xA5, 0x82),
    RGBColor(0xB2, 0x18, 0x2B),
];
const DIVERGING_DARK: [RGBColor; 5] = [
    RGBColor(0x43, 0x93, 0xC3),
    RGBColor(0x2C, 0x5A, 0x7C),
    RGBColor(0x33, 0x38, 0x3F),
    RGBColor(0x85, 0x45, 0x3A),
    RGBColor(0xD6, 0x60, 0x4D),
];
const SEQUENTIAL_LIGHT: [RGBColor; 3] =
    [RGBColor(0xF7, 0xFB, 0xFF), RGBColor(0x6B, 0xAE, 0xD6), RGBColor(0x08, 0x30, 0x6B)];
const SEQUENTIAL_DARK: [RGBColor; 3] =
    [RGBColor(0x25, 0x2A, 0x31), RGBColor(0x21, 0x71, 0xB5), RGBColor(0xC6, 0xDB, 0xEF)];

impl Scale {
    /// The value range the scale spans, given the largest finite value shown (`data_max`).
    pub fn domain(&self, data_max: f64) -> (f64, f64) {
        match *self {
            Scale::Diverging { limit } => {
                let l = if limit.is_finite() && limit > 0.0 { limit } else { 1.0 };
                (-l, l)
            }
            Scale::Sequential { max } => {
                let m = max.filter(|m| m.is_finite() && *m > 0.0).unwrap_or(data_max);
                (0.0, if m.is_finite() && m > 0.0 { m } else { 1.0 })
            }
        }
    }

    /// The colour of `v` on `domain` (values outside are clamped; non-finite gets the neutral end).
    pub fn colour(&self, v: f64, domain: (f64, f64), theme: &Theme) -> RGBColor {
        let t = (v - domain.0) / (domain.1 - domain.0);
        let t = if t.is_finite() {
            t
        } else if matches!(self, Scale::Diverging { .. }) {
            0.5
        } else {
            0.0
        };
        match (self, is_dark(theme)) {
            (Scale::Diverging { .. }, false) => ramp(&DIVERGING_LIGHT, t),
            (Scale::Diverging { .. }, true) => ramp(&DIVERGING_DARK, t),
            (Scale::Sequential { .. }, false) => ramp(&SEQUENTIAL_LIGHT, t),
            (Scale::Sequential { .. }, true) => ramp(&SEQUENTIAL_DARK, t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_is_symmetric_and_clamped() {
        let s = Scale::Diverging { limit: 2.5 };
        let d = s.domain(9.0);
        let t = Theme::light(1.0);
        assert_eq!(d, (-2.5, 2.5));
        assert_eq!(s.colour(0.0, d, &t), DIVERGING_LIGHT[2]);
        assert_eq!(s.colour(-2.5, d, &t), DIVERGING_LIGHT[0]);
        assert_eq!(s.colour(7.0, d, &t), DIVERGING_LIGHT[4]);
        assert_eq!(s.colour(f64::NAN, d, &t), DIVERGING_LIGHT[2]);
    }

    #[test]
    fn sequential_uses_the_data_max_and_survives_zero() {
        let s = Scale::Sequential { max: None };
        assert_eq!(s.domain(40.0), (0.0, 40.0));
        assert_eq!(s.domain(0.0), (0.0, 1.0));
        let t = Theme::dark(1.0);
        assert_eq!(s.colour(40.0, (0.0, 40.0), &t), SEQUENTIAL_DARK[2]);
    }
}

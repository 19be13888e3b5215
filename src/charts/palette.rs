//! Segment colours: colour-blind-safe, the same segment always gets the same colour in every chart.
//!
//! The first eight are Okabe & Ito (2008) with black replaced by a mid grey that reads on light and dark
//! backgrounds; the next nine are Paul Tol's "muted" scheme. Noise is a light grey.

use plotters::style::RGBColor;

const SEGMENT_COLOURS: [RGBColor; 17] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xF0, 0xE4, 0x42), // yellow
    RGBColor(0x88, 0x88, 0x88), // grey
    RGBColor(0x33, 0x22, 0x88), // indigo
    RGBColor(0x88, 0xCC, 0xEE), // cyan
    RGBColor(0x44, 0xAA, 0x99), // teal
    RGBColor(0x11, 0x77, 0x33), // green
    RGBColor(0x99, 0x99, 0x33), // olive
    RGBColor(0xDD, 0xCC, 0x77), // sand
    RGBColor(0xCC, 0x66, 0x77), // rose
    RGBColor(0x88, 0x22, 0x55), // wine
    RGBColor(0xAA, 0x44, 0x99), // purple
];

/// Colour of noise / unassigned points.
pub const NOISE_COLOUR: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);

/// The colour of segment `label` (−1 = noise). Cycles after 17 segments.
pub fn segment_colour(label: i32) -> RGBColor {
    if label < 0 {
        NOISE_COLOUR
    } else {
        SEGMENT_COLOURS[label as usize % SEGMENT_COLOURS.len()]
    }
}

/// `#rrggbb` for HTML/CSS.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_distinct_and_stable() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..17 {
            assert!(seen.insert(hex(segment_colour(i))), "duplicate colour for segment {i}");
        }
        assert_eq!(segment_colour(17), segment_colour(0));
        assert_eq!(segment_colour(-1), NOISE_COLOUR);
    }
}

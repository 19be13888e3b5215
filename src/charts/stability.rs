//! Segment stability (consensus clustering): one horizontal bar per segment with its mean bootstrap Jaccard
//! on a fixed 0..1 axis, in the segment's colour, with the 0.6 and 0.75 reference lines of Hennig's reading
//! (from 0.75 stable; below 0.6 not to be trusted) and each value with its reading in a column right of the
//! axis (past the bar ends the text would cross the reference lines).

use super::common::{self, anchored, text_style, LegendEntry, Mark};
use super::{palette::segment_colour, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One segment's stability.
#[derive(Debug, Clone, PartialEq)]
pub struct StabilityBar {
    /// Segment name.
    pub label: String,
    /// Mean bootstrap Jaccard, 0..1 (bars with a value that is not finite are left out).
    pub jaccard: f64,
    /// Segment colour index (−1 = noise grey).
    pub segment: i32,
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct StabilitySpec {
    /// Chart title.
    pub title: String,
    /// Bars, top first.
    pub bars: Vec<StabilityBar>,
    /// Jaccard from which a segment is stable (0.75).
    pub stable: f64,
    /// Jaccard below which a segment should not be trusted (0.6).
    pub doubtful: f64,
}

/// Colour of the "stable" reference line.
pub const STABLE_COLOUR: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Colour of the "doubtful" reference line.
pub const DOUBTFUL_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Longest bar label kept before truncation.
const MAX_LABEL_CHARS: usize = 28;

/// The reading of a value: "stable", "doubtful" or "unstable".
pub fn reading(spec: &StabilitySpec, j: f64) -> &'static str {
    if j >= spec.stable {
        "stable"
    } else if j >= spec.doubtful {
        "doubtful"
    } else {
        "unstable"
    }
}

/// Draws the bars; "No data" when no segment has a finite stability.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &StabilitySpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let bars: Vec<&StabilityBar> = spec.bars.iter().filter(|b| b.jaccard.is_finite()).collect();
    if bars.is_empty() {
        return common::no_data(area, theme, &spec.title, "Stability was not measured (no bootstrap).");
    }
    let (stable, doubtful) = (spec.stable.clamp(0.0, 1.0), spec.doubtful.clamp(0.0, 1.0));
    let legend = [
        LegendEntry::new(
            Mark::Dashed(STABLE_COLOUR),
            format!("{}: stable from here", common::fmt_short(stable)),
        ),
        LegendEntry::new(
            Mark::Dashed(DOUBTFUL_COLOUR),
            format!("{}: below, not to be trusted", common::fmt_short(doubtful)),
        ),
    ];
    let body = common::frame(area, theme, &spec.title, &legend)?;
    let n = bars.len();
    let longest = bars.iter().map(|b| b.label.chars().count()).max().unwrap_or(4).clamp(4, MAX_LABEL_CHARS);
    let label_w = theme.px(20.0) + common::text_width(theme, 12.0, &"m".repeat(longest)) as u32;
    // Room right of 1.0 for the column of values and readings.
    let note_w = theme.px(14.0) + common::text_width(theme, 11.0, "0.00 · doubtful") as u32;
    let mut c = ChartBuilder::on(&body)
        .margin(theme.px(12.0))
        .margin_top(theme.px(8.0))
        .margin_right(note_w)
        .x_label_area_size(theme.px(44.0))
        .y_label_area_size(label_w)
        .build_cartesian_2d(0.0..1.0, 0.0..n as f64)?;
    let fmt = common::tick_formatter(0.0, 1.0, 6);
    c.configure_mesh()
        .x_desc("mean Jaccard over bootstrap re-runs (1 = always found again)")
        .axis_desc_style(text_style(theme, 13.0, theme.foreground))
        .label_style(text_style(theme, 12.0, theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(6)
        .x_label_formatter(&fmt)
        .draw()?;
    let gap = 0.16;
    let y_of = |i: usize| (n - 1 - i) as f64;
    c.draw_series(bars.iter().enumerate().map(|(i, b)| {
        let (y0, y1) = (y_of(i) + gap, y_of(i) + 1.0 - gap);
        Rectangle::new([(0.0, y0), (b.jaccard.clamp(0.0, 1.0), y1)], segment_colour(b.segment).filled())
    }))?;
    for (value, colour) in [(doubtful, DOUBTFUL_COLOUR), (stable, STABLE_COLOUR)] {
        let style = colour.stroke_width(theme.px(1.5));
        c.draw_series(DashedLineSeries::new(
            vec![(value, 0.0), (value, n as f64)],
            theme.px(6.0),
            theme.px(4.0),
            style,
        ))?;
    }
    let base = body.get_base_pixel();
    let row_px = (c.backend_coord(&(0.0, 0.0)).1 - c.backend_coord(&(0.0, 1.0)).1).abs().max(1);
    let every = ((theme.px(13.0) as i32 + row_px - 1) / row_px).max(1) as usize;
    let annotate = row_px >= theme.px(12.0) as i32;
    for (i, b) in bars.iter().enumerate() {
        let y = y_of(i) + 0.5;
        if i % every == 0 {
            let p = common::local(base, c.backend_coord(&(0.0, y)));
            let st = anchored(text_style(theme, 12.0, theme.foreground), HPos::Right, VPos::Center);
            let text = common::truncate(&b.label, MAX_LABEL_CHARS);
            body.draw(&Text::new(text, (p.0 - theme.px(8.0) as i32, p.1), st))?;
        }
        if annotate {
            let j = b.jaccard.clamp(0.0, 1.0);
            let p = common::local(base, c.backend_coord(&(1.0, y)));
            let st = anchored(text_style(theme, 11.0, theme.foreground), HPos::Left, VPos::Center);
            let text = format!("{j:.2} · {}", reading(spec, j));
            body.draw(&Text::new(text, (p.0 + theme.px(10.0) as i32, p.1), st))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{palette, svg};

    fn spec() -> StabilitySpec {
        StabilitySpec {
            title: "Segment stability".into(),
            bars: vec![
                StabilityBar { label: "Big spenders".into(), jaccard: 0.91, segment: 0 },
                StabilityBar { label: "Careful".into(), jaccard: 0.66, segment: 1 },
                StabilityBar { label: "Drifters".into(), jaccard: 0.41, segment: 2 },
                StabilityBar { label: "Unmeasured".into(), jaccard: f64::NAN, segment: 3 },
            ],
            stable: 0.75,
            doubtful: 0.6,
        }
    }

    #[test]
    fn one_bar_per_measured_segment_with_its_reading_and_both_reference_lines() {
        for theme in [Theme::light(1.0), Theme::dark(2.0)] {
            let s = svg::render(720, 360, |a| draw(a, &spec(), &theme)).unwrap();
            for text in ["Segment stability", "0.91 · stable", "0.66 · doubtful", "0.41 · unstable"] {
                assert!(s.contains(text), "{text}");
            }
            assert!(s.contains("0.75: stable from here") && s.contains("0.6: below, not to be trusted"));
            assert!(!s.contains("Unmeasured"), "a NaN bar is left out");
            let upper = s.to_uppercase();
            for seg in 0..4 {
                let fill = format!("FILL=\"{}\"", palette::hex(palette::segment_colour(seg)).to_uppercase());
                assert_eq!(upper.contains(&fill), seg < 3, "segment {seg} in its colour");
            }
        }
    }

    #[test]
    fn nothing_measured_says_no_data() {
        let mut s = spec();
        s.bars.retain(|b| !b.jaccard.is_finite());
        let out = svg::render(480, 240, |a| draw(a, &s, &Theme::light(1.0))).unwrap();
        assert!(out.contains("No data") && out.contains("no bootstrap"));
    }
}

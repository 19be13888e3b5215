//! The k-distance curve used to pick DBSCAN's eps: every customer's distance to its k-th nearest neighbour,
//! sorted (already thinned to the points given), the knee marked with a dot and "suggested eps = …", and
//! the eps in use as a dashed horizontal line.

use super::common::{self, anchored, text_style, LegendEntry, Mark};
use super::{ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct KDistanceSpec {
    /// Chart title.
    pub title: String,
    /// The neighbour order (min_samples).
    pub k: usize,
    /// (rank among the sorted customers, distance), ascending by rank.
    pub points: Vec<(f64, f64)>,
    /// The knee (rank, distance): its distance is the suggested eps.
    pub knee: Option<(f64, f64)>,
    /// The eps in use.
    pub eps: Option<f64>,
}

/// Colour of the knee.
pub const KNEE_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Colour of the current-eps line.
pub const EPS_COLOUR: RGBColor = RGBColor(0x00, 0x9E, 0x73);

fn ordinal(k: usize) -> String {
    let suffix = match (k % 10, k % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{k}{suffix}")
}

/// Draws the curve; "No data" with fewer than two finite points.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &KDistanceSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let mut pts: Vec<(f64, f64)> =
        spec.points.iter().copied().filter(|p| p.0.is_finite() && p.1.is_finite()).collect();
    if pts.len() < 2 {
        return common::no_data(
            area,
            theme,
            &spec.title,
            "The k-distance curve needs at least two customers.",
        );
    }
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let knee = spec.knee.filter(|p| p.0.is_finite() && p.1.is_finite());
    let eps = spec.eps.filter(|e| e.is_finite());
    let accent = common::accent(theme);
    let mut legend =
        vec![LegendEntry::new(Mark::Line(accent), format!("distance to the {} neighbour", ordinal(spec.k)))];
    if let Some(e) = eps {
        legend.push(LegendEntry::new(
            Mark::Dashed(EPS_COLOUR),
            format!("current eps = {}", common::fmt_value(e)),
        ));
    }
    let body = common::frame(area, theme, &spec.title, &legend)?;
    let (x0, x1) = common::finite_bounds(pts.iter().map(|p| p.0)).unwrap_or((0.0, 1.0));
    let ys = pts.iter().map(|p| p.1).chain(eps).chain(knee.map(|k| k.1));
    let (y0, y1) = common::finite_bounds(ys).unwrap_or((0.0, 1.0));
    let x = common::padded(x0, x1, 0.02);
    let y = common::padded(y0.min(0.0), y1, 0.06);
    let mut c = ChartBuilder::on(&body)
        .margin(theme.px(12.0))
        .margin_right(theme.px(20.0))
        .x_label_area_size(theme.px(44.0))
        .y_label_area_size(theme.px(64.0))
        .build_cartesian_2d(x.clone(), y.clone())?;
    let (xf, yf) = (common::tick_formatter(x.start, x.end, 6), common::tick_formatter(y.start, y.end, 6));
    c.configure_mesh()
        .x_desc("customers, sorted by that distance")
        .y_desc(format!("distance to the {} nearest neighbour", ordinal(spec.k)))
        .axis_desc_style(text_style(theme, 13.0, theme.foreground))
        .label_style(text_style(theme, 12.0, theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&xf)
        .y_label_formatter(&yf)
        .draw()?;
    c.draw_series(std::iter::once(PathElement::new(pts, accent.stroke_width(theme.px(2.0)))))?;
    let base = body.get_base_pixel();
    if let Some(e) = eps {
        let style = EPS_COLOUR.stroke_width(theme.px(1.5));
        c.draw_series(DashedLineSeries::new(
            vec![(x.start, e), (x.end, e)],
            theme.px(7.0),
            theme.px(4.0),
            style,
        ))?;
    }
    if let Some(k) = knee {
        c.draw_series(std::iter::once(Circle::new(k, theme.px(5.0), KNEE_COLOUR.filled())))?;
        let p = common::local(base, c.backend_coord(&k));
        let label = format!("suggested eps = {}", common::fmt_value(k.1));
        // Left of the knee, above it: the sorted curve rises to the right, so that corner is empty.
        // On a backing of the background colour, so a nearby eps line does not cross the text.
        let (x1, y1) = (p.0 - theme.px(8.0) as i32, p.1 - theme.px(8.0) as i32);
        let (tw, th) = (common::text_width(theme, 12.0, &label), theme.px(16.0) as i32);
        let backing = [(x1 - tw - 2, y1 - th), (x1 + 3, y1 + 2)];
        body.draw(&Rectangle::new(backing, theme.background.mix(0.85).filled()))?;
        let st = anchored(text_style(theme, 12.0, KNEE_COLOUR), HPos::Right, VPos::Bottom);
        body.draw(&Text::new(label, (x1, y1), st))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn ordinals() {
        let o: Vec<String> =
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].iter().map(|&k| super::ordinal(k)).collect();
        assert_eq!(o, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]);
    }
}

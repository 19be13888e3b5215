//! Renders any chart's draw function to an SVG string (tests, exports, the HTML report).

use super::ChartError;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Runs `draw` on an SVG backend of `width × height` CSS pixels and returns the SVG text.
pub fn render<F>(width: u32, height: u32, draw: F) -> Result<String, ChartError>
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError>,
{
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&area)?;
        area.present()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{bars, scatter, Theme};

    #[test]
    fn scatter_and_bars_render_to_svg_with_labels() {
        let spec = scatter::ScatterSpec {
            title: "Segment map".into(),
            x_label: "PC1 (40% of variance)".into(),
            y_label: "PC2 (20% of variance)".into(),
            x: vec![0.0, 1.0, 2.0, 3.0],
            y: vec![0.0, 1.0, 0.5, 2.0],
            labels: vec![0, 0, 1, -1],
            legend: vec![(0, "Big spenders".into()), (1, "Bargain hunters".into()), (-1, "Noise".into())],
            max_points: 50_000,
            density: None,
        };
        let svg = render(640, 400, |a| scatter::draw(a, &spec, &Theme::light(1.0)).map(|_| ())).unwrap();
        assert!(
            svg.contains("Segment map")
                && svg.contains("PC1 (40% of variance)")
                && svg.contains("Big spenders")
        );
        assert_eq!(svg.matches("<circle").count(), 4 + 3, "4 points and 3 legend markers");
        let bars = bars::BarSpec {
            title: "Segment sizes".into(),
            value_label: "customers".into(),
            bars: vec![
                bars::Bar { label: "A".into(), value: 120.0, segment: 0 },
                bars::Bar { label: "B".into(), value: 80.0, segment: 1 },
            ],
        };
        let svg = render(640, 300, |a| bars::draw(a, &bars, &Theme::dark(1.0))).unwrap();
        assert!(svg.contains("Segment sizes") && svg.contains("customers") && svg.contains("\n120\n"));
    }
}

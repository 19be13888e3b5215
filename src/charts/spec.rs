//! `ChartSpec`: every chart as one value with one generic `draw`, so the canvas component and the SVG export
//! (downloads, the HTML report) draw the very same chart from the same data.

use super::{
    bars, boxplot, clv, dendrogram, drift, heatmap, importance, kdistance, ksweep, rfm, scatter, silhouette,
    stability, weights, ChartError, Theme,
};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Any chart.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartSpec {
    Scatter(scatter::ScatterSpec),
    Bars(bars::BarSpec),
    KSweep(ksweep::KSweepSpec),
    Silhouette(silhouette::SilhouetteSpec),
    Heatmap(heatmap::HeatmapSpec),
    BoxPlot(boxplot::BoxPlotSpec),
    Dendrogram(dendrogram::DendrogramSpec),
    KDistance(kdistance::KDistanceSpec),
    Weights(weights::WeightsSpec),
    Stability(stability::StabilitySpec),
    Importance(importance::ImportanceSpec),
    RfmCounts(rfm::RfmCountsSpec),
    RfmGrid(rfm::RfmGridSpec),
    ClvHistogram(clv::ClvHistogramSpec),
    Alive(clv::AliveSpec),
    ShareShift(drift::ShareShiftSpec),
    Psi(drift::PsiSpec),
}

impl ChartSpec {
    /// Draws the chart on any plotters backend.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<(), ChartError> {
        match self {
            ChartSpec::Scatter(s) => scatter::draw(area, s, theme).map(|_| ()),
            ChartSpec::Bars(s) => bars::draw(area, s, theme),
            ChartSpec::KSweep(s) => ksweep::draw(area, s, theme),
            ChartSpec::Silhouette(s) => silhouette::draw(area, s, theme),
            ChartSpec::Heatmap(s) => heatmap::draw(area, s, theme),
            ChartSpec::BoxPlot(s) => boxplot::draw(area, s, theme),
            ChartSpec::Dendrogram(s) => dendrogram::draw(area, s, theme),
            ChartSpec::KDistance(s) => kdistance::draw(area, s, theme),
            ChartSpec::Weights(s) => weights::draw(area, s, theme),
            ChartSpec::Stability(s) => stability::draw(area, s, theme),
            ChartSpec::Importance(s) => importance::draw(area, s, theme),
            ChartSpec::RfmCounts(s) => rfm::draw_counts(area, s, theme),
            ChartSpec::RfmGrid(s) => rfm::draw_grid(area, s, theme),
            ChartSpec::ClvHistogram(s) => clv::draw_histogram(area, s, theme),
            ChartSpec::Alive(s) => clv::draw_alive(area, s, theme),
            ChartSpec::ShareShift(s) => drift::draw_shares(area, s, theme),
            ChartSpec::Psi(s) => drift::draw_psi(area, s, theme),
        }
    }

    /// The chart's title (also the download file name).
    pub fn title(&self) -> &str {
        match self {
            ChartSpec::Scatter(s) => &s.title,
            ChartSpec::Bars(s) => &s.title,
            ChartSpec::KSweep(s) => &s.title,
            ChartSpec::Silhouette(s) => &s.title,
            ChartSpec::Heatmap(s) => &s.title,
            ChartSpec::BoxPlot(s) => &s.title,
            ChartSpec::Dendrogram(s) => &s.title,
            ChartSpec::KDistance(s) => &s.title,
            ChartSpec::Weights(s) => &s.title,
            ChartSpec::Stability(s) => &s.title,
            ChartSpec::Importance(s) => &s.title,
            ChartSpec::RfmCounts(s) => &s.title,
            ChartSpec::RfmGrid(s) => &s.title,
            ChartSpec::ClvHistogram(s) => &s.title,
            ChartSpec::Alive(s) => &s.title,
            ChartSpec::ShareShift(s) => &s.title,
            ChartSpec::Psi(s) => &s.title,
        }
    }

    /// A file name stem from the title ("Segment map" → "segment-map").
    pub fn file_stem(&self) -> String {
        let stem: String = self
            .title()
            .chars()
            .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect();
        let parts: Vec<&str> = stem.split('-').filter(|p| !p.is_empty()).collect();
        if parts.is_empty() {
            "chart".into()
        } else {
            parts.join("-")
        }
    }

    /// The chart as SVG text, `width × height` CSS pixels.
    pub fn to_svg(&self, width: u32, height: u32, theme: &Theme) -> Result<String, ChartError> {
        super::svg::render(width, height, |area| self.draw(area, theme))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spec_draws_to_svg_and_names_its_file() {
        let spec = ChartSpec::Bars(bars::BarSpec {
            title: "Segment sizes (k = 4)".into(),
            value_label: "customers".into(),
            bars: vec![bars::Bar { label: "A".into(), value: 3.0, segment: 0 }],
        });
        assert_eq!(spec.file_stem(), "segment-sizes-k-4");
        let svg = spec.to_svg(640, 320, &Theme::light(1.0)).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("Segment sizes"));
    }
}

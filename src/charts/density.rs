//! The map's density layer: a grid of cells over the plot, each shaded in the colour of the segment most of its
//! customers belong to, stronger where more customers are. It counts every customer, so when the map draws
//! only a sample as dots the shading still shows where all of them are. Drawn under the dots.

use super::palette::segment_colour;
use super::ChartError;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// Customers counted in the cells of a grid over the plot (data coordinates).
#[derive(Debug, Clone, PartialEq)]
pub struct Density {
    /// The data span the grid covers on each axis.
    pub x: std::ops::Range<f64>,
    pub y: std::ops::Range<f64>,
    /// Cells across and up.
    pub nx: usize,
    pub ny: usize,
    /// The cells holding anyone, in row-major order.
    pub cells: Vec<Cell>,
    /// Customers in the fullest cell.
    pub max: u32,
    /// Customers counted in all (those with a value on both axes).
    pub total: usize,
}

/// One non-empty cell of a [`Density`] grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// Column (0 = left) and row (0 = bottom).
    pub i: u16,
    pub j: u16,
    pub count: u32,
    /// Colour id of the segment most of the cell's customers belong to (−1 = noise).
    pub segment: i32,
}

/// Opacity of a cell holding `count` of at most `max` customers: log-scaled, so a lone customer still shows
/// faintly and the fullest cell is clearly darker without hiding the dots drawn over it.
pub fn opacity(count: u32, max: u32) -> f64 {
    if count == 0 || max == 0 {
        return 0.0;
    }
    let t = (1.0 + count as f64).ln() / (1.0 + max as f64).ln();
    0.08 + 0.40 * t.clamp(0.0, 1.0)
}

impl Density {
    /// The data rectangle of cell `(i, j)`: corners shared exactly with its neighbours (no seams, no overlap).
    pub fn rect(&self, i: usize, j: usize) -> [(f64, f64); 2] {
        let at =
            |r: &std::ops::Range<f64>, k: usize, n: usize| r.start + (r.end - r.start) * k as f64 / n as f64;
        [
            (at(&self.x, i, self.nx), at(&self.y, j + 1, self.ny)),
            (at(&self.x, i + 1, self.nx), at(&self.y, j, self.ny)),
        ]
    }
}

/// Draws cells `range` of `density` on `plot` (the map's plotting coordinates).
pub fn draw_cells<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    density: &Density,
    range: std::ops::Range<usize>,
) -> Result<(), ChartError> {
    let end = range.end.min(density.cells.len());
    for c in &density.cells[range.start.min(end)..end] {
        let colour = segment_colour(c.segment).mix(opacity(c.count, density.max));
        plot.draw(&Rectangle::new(density.rect(c.i as usize, c.j as usize), colour.filled()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opacity_grows_with_the_count_and_stays_light() {
        assert_eq!(opacity(0, 10), 0.0);
        assert!(opacity(1, 1000) > 0.08 && opacity(1, 1000) < opacity(10, 1000));
        assert!((opacity(1000, 1000) - 0.48).abs() < 1e-12);
    }

    #[test]
    fn neighbouring_cells_share_their_edges() {
        let d = Density { x: 0.0..12.0, y: -3.0..3.0, nx: 120, ny: 60, cells: vec![], max: 0, total: 0 };
        let a = d.rect(7, 9);
        let right = d.rect(8, 9);
        let above = d.rect(7, 10);
        assert_eq!(a[1].0, right[0].0);
        assert_eq!(a[0].1, above[1].1);
        assert_eq!(d.rect(0, 0)[0].0, 0.0);
        assert_eq!(d.rect(119, 59)[1].0, 12.0);
        assert_eq!(d.rect(119, 59)[0].1, 3.0);
    }
}

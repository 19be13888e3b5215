//! The map's density shading as a view model: every clustered customer counted in the cells of a grid over the
//! two chosen map axes, from the binned axes the worker sends (`MapReport::density`, one byte per customer
//! per axis), each cell coloured by the segment most of its customers are in. Pure; natively tested.

use crate::charts::density::{Cell, Density};
use crate::engine::embed::bins::{self, BINS, MISSING};
use crate::engine::pipeline::Report;
use crate::views::charts::colour_of;

/// Cells across the plot. Divides [`BINS`], so each cell merges whole bins.
pub const CELLS_X: usize = 120;
/// Cells up the plot (the map is about three times wider than tall). Divides [`BINS`].
pub const CELLS_Y: usize = 60;

/// The density of every clustered customer on map axes `x` and `y`, or `None` when the map shows everyone
/// (no shading needed) or either axis is known only for the shown customers (t-SNE).
pub fn grid(report: &Report, x: usize, y: usize) -> Option<Density> {
    let d = report.map.density.as_ref()?;
    let (bx, by) = (d.axes.get(x)?.as_ref()?, d.axes.get(y)?.as_ref()?);
    let labels = &report.labels;
    if bx.codes.len() != labels.len() || by.codes.len() != labels.len() {
        return None;
    }
    // Segments as dense indices: labels run from −1 (noise) to k − 1.
    let top = labels.iter().copied().max().unwrap_or(-1).max(-1);
    let n_seg = (top + 2) as usize;
    let mut counts = vec![0u32; CELLS_X * CELLS_Y * n_seg];
    let mut total = 0usize;
    let (fx, fy) = (BINS / CELLS_X, BINS / CELLS_Y);
    for ((&cx, &cy), &label) in bx.codes.iter().zip(&by.codes).zip(labels) {
        if cx == MISSING || cy == MISSING || label < -1 {
            continue;
        }
        let cell = (cy as usize / fy) * CELLS_X + cx as usize / fx;
        counts[cell * n_seg + (label + 1) as usize] += 1;
        total += 1;
    }
    let mut cells = Vec::new();
    let mut max = 0;
    for (cell, per) in counts.chunks_exact(n_seg).enumerate() {
        let count: u32 = per.iter().sum();
        if count == 0 {
            continue;
        }
        // The most frequent segment; ties go to the lower label (noise last of all).
        let seg = (0..n_seg).rev().max_by_key(|&s| (per[s], s > 0)).unwrap_or(0) as i32 - 1;
        max = max.max(count);
        cells.push(Cell {
            i: (cell % CELLS_X) as u16,
            j: (cell / CELLS_X) as u16,
            count,
            segment: colour_of(report, seg),
        });
    }
    let span =
        |b: &crate::engine::pipeline::AxisBins| bins::edge(b.lo, b.hi, 0)..bins::edge(b.lo, b.hi, BINS);
    Some(Density { x: span(bx), y: span(by), nx: CELLS_X, ny: CELLS_Y, cells, max, total })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::pipeline::{AxisBins, MapDensity, MapReport};
    use crate::engine::progress::Silent;

    fn report(labels: Vec<i32>, xs: Vec<f32>, ys: Vec<f32>) -> Report {
        let bin = |v: &[f32]| {
            let b = bins::bin(v);
            Some(AxisBins { lo: b.lo, hi: b.hi, codes: b.codes })
        };
        let bytes = include_bytes!("../../tests/data/mall_customers.csv");
        let mut config = crate::engine::pipeline::PipelineConfig::default();
        config.evaluation.sweep = None;
        config.evaluation.selection = None;
        let mut r = crate::engine::pipeline::run(bytes, "mall.csv", &config, &mut Silent).unwrap();
        r.map = MapReport {
            n_total: labels.len(),
            density: Some(MapDensity { axes: vec![bin(&xs), bin(&ys), None] }),
            ..MapReport::default()
        };
        r.labels = labels;
        r
    }

    #[test]
    fn every_customer_is_counted_in_its_cell_and_cells_take_the_majority_colour() {
        // Three customers at the bottom-left corner (two in segment 1), one at the top-right, one missing.
        let r = report(
            vec![1, 1, 0, 0, 0],
            vec![0.0, 0.01, 0.02, 10.0, f32::NAN],
            vec![0.0, 0.0, 0.03, 5.0, 1.0],
        );
        let d = grid(&r, 0, 1).unwrap();
        assert_eq!(d.total, 4, "the customer without a value is not counted");
        assert_eq!((d.x.clone(), d.y.clone()), (0.0..10.0, 0.0..5.0));
        assert_eq!(d.cells.len(), 2);
        let corner = d.cells[0];
        assert_eq!((corner.i, corner.j, corner.count, corner.segment), (0, 0, 3, colour_of(&r, 1)));
        let far = d.cells[1];
        assert_eq!((far.i as usize, far.j as usize, far.count), (CELLS_X - 1, CELLS_Y - 1, 1));
        assert_eq!(d.max, 3);
    }

    #[test]
    fn no_shading_without_bins_for_both_axes() {
        let r = report(vec![0, 1], vec![0.0, 1.0], vec![0.0, 1.0]);
        assert!(grid(&r, 0, 2).is_none(), "axis 2 (t-SNE) has no density");
        assert!(grid(&r, 0, 9).is_none());
        let mut everyone = r.clone();
        everyone.map.density = None;
        assert!(grid(&everyone, 0, 1).is_none());
        let mut mismatched = r;
        mismatched.labels.push(0);
        assert!(grid(&mismatched, 0, 1).is_none(), "codes must line up with the labels");
    }

    #[test]
    fn ties_go_to_the_lower_segment_and_noise_loses() {
        let r = report(vec![-1, 2, 1, -1], vec![0.0, 0.0, 0.0, 9.0], vec![0.0, 0.0, 0.0, 9.0]);
        let d = grid(&r, 0, 1).unwrap();
        assert_eq!(d.cells[0].segment, colour_of(&r, 1));
        assert_eq!(d.cells[1].segment, -1, "a cell of noise only is noise");
    }
}

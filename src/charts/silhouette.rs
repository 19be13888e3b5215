//! Silhouette plot (scikit-learn gallery style): each segment's per-customer silhouette values sorted and
//! drawn as horizontal bars stacked in a block, blocks in segment colours with their names, and a dashed
//! line at the mean. Large segments are reduced to evenly spaced quantiles so at most `max_bars` bars (and no
//! more than the chart has pixel rows) are drawn while each block keeps its shape and its height stays
//! proportional to the segment's size.

use super::common::{self, anchored, text_style, LegendEntry, Mark};
use super::{palette::segment_colour, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Default cap on drawn bars.
pub const DEFAULT_MAX_BARS: usize = 3_000;

/// Everything the plot needs.
#[derive(Debug, Clone, PartialEq)]
pub struct SilhouetteSpec {
    /// Chart title.
    pub title: String,
    /// Silhouette value of each customer (non-finite values are skipped).
    pub values: Vec<f64>,
    /// Segment of each customer.
    pub labels: Vec<i32>,
    /// Segments in display order, top first: (id, name). Customers of unlisted segments are not drawn.
    pub segments: Vec<(i32, String)>,
    /// The mean to mark; `None` = the mean of the drawn customers' values.
    pub mean: Option<f64>,
    /// At most this many bars are drawn (at least one per segment).
    pub max_bars: usize,
    /// Each segment's size, in `segments` order, for its label, when `values` hold only a sample of each
    /// segment (quantiles of a large one); empty = the number of values.
    pub sizes: Vec<usize>,
}

/// One segment's block.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Segment id, for the colour (−1 = noise).
    pub segment: i32,
    /// Display name.
    pub name: String,
    /// Customers with a finite value.
    pub n: usize,
    /// The segment's size for its label (`n` unless the spec gives sizes).
    pub size: usize,
    /// The values to draw, ascending (all of them, or quantiles of them).
    pub bars: Vec<f64>,
}

/// `m` evenly spaced quantiles of ascending `sorted` (linear interpolation), from its minimum to its
/// maximum; all of it when `m ≥ len`.
pub fn quantiles(sorted: &[f64], m: usize) -> Vec<f64> {
    let n = sorted.len();
    if m >= n {
        return sorted.to_vec();
    }
    if m <= 1 {
        return sorted.get(n / 2).copied().into_iter().collect();
    }
    (0..m)
        .map(|j| {
            let h = j as f64 * (n - 1) as f64 / (m - 1) as f64;
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        })
        .collect()
}

/// Bars per segment for segment sizes `sizes` under a total of `max`: every segment gets one, the rest
/// is shared in proportion to size (floored), never more than a segment has. The sum never exceeds
/// `max.max(number of non-empty segments)`.
pub fn budgets(sizes: &[usize], max: usize) -> Vec<usize> {
    let total: usize = sizes.iter().sum();
    if total <= max {
        return sizes.to_vec();
    }
    let nonempty = sizes.iter().filter(|&&s| s > 0).count();
    let spare = max.saturating_sub(nonempty) as f64;
    sizes
        .iter()
        .map(|&s| if s == 0 { 0 } else { (1 + (spare * s as f64 / total as f64).floor() as usize).min(s) })
        .collect()
}

/// The blocks to draw, in the spec's segment order (segments without a finite value are left out).
pub fn blocks(spec: &SilhouetteSpec) -> Vec<Block> {
    blocks_within(spec, spec.max_bars)
}

/// [`blocks`] with at most `max_bars` bars in all.
fn blocks_within(spec: &SilhouetteSpec, max_bars: usize) -> Vec<Block> {
    let mut per: Vec<Vec<f64>> = vec![Vec::new(); spec.segments.len()];
    for (&v, &l) in spec.values.iter().zip(&spec.labels) {
        if let (true, Some(i)) = (v.is_finite(), spec.segments.iter().position(|s| s.0 == l)) {
            per[i].push(v);
        }
    }
    for p in &mut per {
        p.sort_by(f64::total_cmp);
    }
    let sizes: Vec<usize> = per.iter().map(Vec::len).collect();
    let quota = budgets(&sizes, max_bars.max(1));
    spec.segments
        .iter()
        .enumerate()
        .zip(per)
        .zip(quota)
        .filter(|((_, p), _)| !p.is_empty())
        .map(|(((i, (id, name)), p), q)| Block {
            segment: *id,
            name: name.clone(),
            n: p.len(),
            size: spec.sizes.get(i).copied().unwrap_or(p.len()),
            bars: quantiles(&p, q),
        })
        .collect()
}

/// Draws the plot; "No data" when fewer than two customers have a value in a listed segment.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &SilhouetteSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    // No more bars than the area has pixel rows: thinner bars would only be drawn over each other.
    let blocks = blocks_within(spec, spec.max_bars.min(area.dim_in_pixel().1 as usize));
    let total: usize = blocks.iter().map(|b| b.n).sum();
    if total < 2 {
        return common::no_data(area, theme, &spec.title, "Silhouettes need at least two scored customers.");
    }
    let mean = spec.mean.filter(|m| m.is_finite()).unwrap_or_else(|| {
        let (s, n) = spec
            .values
            .iter()
            .zip(&spec.labels)
            .filter(|(v, l)| v.is_finite() && spec.segments.iter().any(|s| s.0 == **l))
            .fold((0.0, 0usize), |(s, n), (v, _)| (s + v, n + 1));
        s / n.max(1) as f64
    });
    let legend = [LegendEntry::new(Mark::Dashed(theme.foreground), format!("mean silhouette = {mean:.2}"))];
    let body = common::frame(area, theme, &spec.title, &legend)?;
    let gap = (total as f64 * 0.025).max(1.0);
    let height = total as f64 + gap * (blocks.len() + 1) as f64;
    let lo = common::finite_bounds(blocks.iter().flat_map(|b| b.bars.iter().copied())).map_or(0.0, |b| b.0);
    let x = (lo.min(0.0) - 0.1).max(-1.05)..1.0;
    let names: Vec<String> = blocks
        .iter()
        .map(|b| format!("{} ({})", common::truncate(&b.name, 24), common::fmt_count(b.size)))
        .collect();
    let longest = names.iter().max_by_key(|n| n.chars().count()).cloned().unwrap_or_default();
    let y_labels = theme.px(28.0) + common::text_width(theme, 12.0, &longest) as u32;
    // a tick label every 56 px at most, so they never run together on a phone (3 to 8 of them)
    let plot_width = f64::from(body.dim_in_pixel().0.saturating_sub(y_labels + 2 * theme.px(12.0)));
    let ticks = ((plot_width / f64::from(theme.px(56.0))) as usize).clamp(3, 8);
    let mut c = ChartBuilder::on(&body)
        .margin(theme.px(12.0))
        .x_label_area_size(theme.px(44.0))
        .y_label_area_size(y_labels)
        .build_cartesian_2d(x.clone(), 0.0..height)?;
    let fmt = common::tick_formatter(x.start, x.end, ticks);
    c.configure_mesh()
        .x_desc(common::first_fitting(
            theme,
            13.0,
            plot_width + f64::from(2 * theme.px(12.0)),
            &[
                "silhouette (−1 to 1; higher = better separated)",
                "silhouette (higher = better)",
                "silhouette",
            ],
        ))
        .y_desc("customers, sorted within each segment")
        .axis_desc_style(text_style(theme, 13.0, theme.foreground))
        .label_style(text_style(theme, 12.0, theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(ticks)
        .x_label_formatter(&fmt)
        .draw()?;
    let base = body.get_base_pixel();
    let mut top = height - gap;
    let mut at = Vec::with_capacity(blocks.len());
    for b in &blocks {
        let colour = segment_colour(b.segment);
        let step = b.n as f64 / b.bars.len() as f64;
        // Ascending values upwards: the block's largest value at its top, as in the scikit-learn gallery.
        let bottom = top - b.n as f64;
        c.draw_series(b.bars.iter().enumerate().map(|(j, &v)| {
            let y0 = bottom + j as f64 * step;
            Rectangle::new([(0.0, y0), (v, y0 + step)], colour.filled())
        }))?;
        at.push(common::local(base, c.backend_coord(&(x.start, (top + bottom) / 2.0))));
        top = bottom - gap;
    }
    // Names centred on their blocks, moved apart where small blocks sit closer than a line of text.
    let line = theme.px(14.0) as i32;
    let axis = common::local(base, c.backend_coord(&(x.start, 0.0))).1;
    let mut rows: Vec<i32> = at.iter().map(|p| p.1).collect();
    spread(&mut rows, line, axis - line / 2);
    let st = anchored(text_style(theme, 12.0, theme.foreground), HPos::Right, VPos::Center);
    for ((name, p), y) in names.iter().zip(&at).zip(rows) {
        body.draw(&Text::new(name.clone(), (p.0 - theme.px(8.0) as i32, y), st.clone()))?;
    }
    let style = theme.foreground.stroke_width(theme.px(1.5));
    c.draw_series(DashedLineSeries::new(
        vec![(mean, 0.0), (mean, height)],
        theme.px(6.0),
        theme.px(4.0),
        style,
    ))?;
    Ok(())
}

/// Moves label centres `ys` (pixel rows, top to bottom) at least `gap` apart, each as little as needed: down
/// one after another, then back up from the last, which may not pass `max` (so near the bottom the earlier
/// ones move up instead).
fn spread(ys: &mut [i32], gap: i32, max: i32) {
    for i in 1..ys.len() {
        ys[i] = ys[i].max(ys[i - 1] + gap);
    }
    if let Some(last) = ys.last_mut() {
        *last = (*last).min(max);
    }
    for i in (0..ys.len().saturating_sub(1)).rev() {
        ys[i] = ys[i].min(ys[i + 1] - gap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_moves_only_the_labels_that_collide() {
        let mut ys = [50, 200, 300, 304];
        spread(&mut ys, 14, 400);
        assert_eq!(ys, [50, 200, 300, 314], "the last one moves down");
        let mut ys = [50, 200, 390, 394];
        spread(&mut ys, 14, 396);
        assert_eq!(ys, [50, 200, 382, 396], "not past the bottom: the pair moves up instead");
        let mut ys = [10, 12, 14];
        spread(&mut ys, 14, 100);
        assert_eq!(ys, [10, 24, 38]);
        let mut none: [i32; 0] = [];
        spread(&mut none, 14, 100);
    }

    #[test]
    fn quantiles_keep_the_ends_and_interpolate() {
        let s: Vec<f64> = (0..=100).map(f64::from).collect();
        assert_eq!(quantiles(&s, 5), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(quantiles(&[1.0, 2.0], 5), vec![1.0, 2.0]);
        assert_eq!(quantiles(&[1.0, 2.0, 3.0], 1), vec![2.0]);
        assert!(quantiles(&[], 3).is_empty());
    }

    #[test]
    fn budgets_stay_under_the_cap_and_give_every_segment_a_bar() {
        let b = budgets(&[90_000, 9_000, 990, 10], 3_000);
        assert!(b.iter().sum::<usize>() <= 3_000, "{b:?}");
        assert!(b.iter().all(|&x| x >= 1));
        assert!(b[0] > b[1] && b[1] > b[2]);
        assert_eq!(budgets(&[5, 0, 3], 3_000), vec![5, 0, 3]);
    }
}

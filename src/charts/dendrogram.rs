//! Dendrogram of a hierarchical clustering from ready-made link shapes (scipy's `dendrogram` icoord /
//! dcoord): each merge is a ⊓ drawn from its children's tops up to the merge height, coloured by the
//! segment it lies in below the cut (grey above), leaves marked in their segment's colour and labelled
//! (truncated clusters as "(123)"), and the cut as a dashed horizontal line.

use super::common::{self, anchored, text_style, vertical, LegendEntry, Mark};
use super::{palette::segment_colour, ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One merge: a ⊓ from (left.x, left.height) up to `height`, across, and down to (right.x, right.height).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// x position and height of the left child's top (a leaf's height is 0).
    pub left: (f64, f64),
    /// x position and height of the right child's top.
    pub right: (f64, f64),
    /// Merge height (distance).
    pub height: f64,
    /// The segment the whole merge lies in (below the cut); `None` = above the cut.
    pub segment: Option<i32>,
}

/// One leaf: a customer or a truncated cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    /// Horizontal position (in the links' x units).
    pub x: f64,
    /// "(123)" for a truncated cluster of 123 customers, else the customer's id.
    pub label: String,
    /// Segment for the colour (`None` = neutral grey).
    pub segment: Option<i32>,
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct DendrogramSpec {
    /// Chart title.
    pub title: String,
    /// The height axis with its meaning ("merge distance (Ward)").
    pub height_label: String,
    /// Every merge.
    pub links: Vec<Link>,
    /// Every leaf, in drawing order.
    pub leaves: Vec<Leaf>,
    /// Where the tree is cut into segments (a dashed line).
    pub cut_height: Option<f64>,
    /// Legend text of the cut ("cut into 5 segments"); empty = "cut at <height>".
    pub cut_label: String,
}

/// Colour of the cut line.
pub const CUT_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

fn finite_link(l: &Link) -> bool {
    [l.left.0, l.left.1, l.right.0, l.right.1, l.height].iter().all(|v| v.is_finite())
}

/// Draws the tree; "No data" when there is no finite link (fewer than two leaves).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &DendrogramSpec,
    theme: &Theme,
) -> Result<(), ChartError> {
    let links: Vec<&Link> = spec.links.iter().filter(|l| finite_link(l)).collect();
    let leaves: Vec<&Leaf> = spec.leaves.iter().filter(|l| l.x.is_finite()).collect();
    if links.is_empty() {
        return common::no_data(area, theme, &spec.title, "A tree needs at least two customers.");
    }
    let cut = spec.cut_height.filter(|h| h.is_finite());
    let xs = links.iter().flat_map(|l| [l.left.0, l.right.0]).chain(leaves.iter().map(|l| l.x));
    let (x0, x1) = common::finite_bounds(xs).unwrap_or((0.0, 1.0));
    let spacing = if leaves.len() > 1 { (x1 - x0) / (leaves.len() - 1) as f64 } else { 1.0 };
    let pad = if spacing > 0.0 { spacing / 2.0 } else { 0.5 };
    let hs = links.iter().flat_map(|l| [l.height, l.left.1, l.right.1]).chain(cut);
    let (_, top) = common::finite_bounds(hs.chain([0.0])).unwrap_or((0.0, 1.0));
    let top = if top > 0.0 { top * 1.06 } else { 1.0 };
    let mut legend = Vec::new();
    if let Some(h) = cut {
        let label = if spec.cut_label.is_empty() {
            format!("cut at {}", common::fmt_value(h))
        } else {
            spec.cut_label.clone()
        };
        legend.push(LegendEntry::new(Mark::Dashed(CUT_COLOUR), label));
    }
    legend.push(LegendEntry::new(Mark::Line(theme.muted), "merges above the cut"));
    let body = common::frame(area, theme, &spec.title, &legend)?;
    let labels: Vec<String> = leaves.iter().map(|l| common::truncate(&l.label, 14)).collect();
    let longest = labels.iter().map(|s| common::text_width(theme, 11.0, s)).max().unwrap_or(0);
    let (w, _) = body.dim_in_pixel();
    let leaf_px = (w as f64 - theme.px(90.0) as f64) / leaves.len().max(1) as f64;
    let horizontal = longest as f64 + theme.px(4.0) as f64 <= leaf_px;
    let label_h = theme.px(16.0) + if horizontal { theme.px(16.0) } else { longest as u32 + theme.px(6.0) };
    let mut c = ChartBuilder::on(&body)
        .margin(theme.px(12.0))
        .x_label_area_size(label_h.min(theme.px(140.0)))
        .y_label_area_size(theme.px(64.0))
        .build_cartesian_2d((x0 - pad)..(x1 + pad), 0.0..top)?;
    let fmt = common::tick_formatter(0.0, top, 6);
    c.configure_mesh()
        .y_desc(&spec.height_label)
        .axis_desc_style(text_style(theme, 13.0, theme.foreground))
        .label_style(text_style(theme, 12.0, theme.muted))
        .axis_style(theme.muted)
        .bold_line_style(theme.grid)
        .light_line_style(TRANSPARENT)
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&fmt)
        .draw()?;
    for l in &links {
        let colour = l.segment.map(segment_colour).unwrap_or(theme.muted);
        let shape =
            vec![(l.left.0, l.left.1), (l.left.0, l.height), (l.right.0, l.height), (l.right.0, l.right.1)];
        c.draw_series(std::iter::once(PathElement::new(shape, colour.stroke_width(theme.px(1.5)))))?;
    }
    if let Some(h) = cut {
        let style = CUT_COLOUR.stroke_width(theme.px(1.5));
        let line = vec![(x0 - pad, h), (x1 + pad, h)];
        c.draw_series(DashedLineSeries::new(line, theme.px(7.0), theme.px(4.0), style))?;
    }
    let base = body.get_base_pixel();
    let every = ((theme.px(12.0) as f64 / leaf_px.max(1.0)).ceil() as usize).max(1);
    let s = ((leaf_px / 2.0 - 1.0).min(theme.px(4.0) as f64)).max(1.0) as i32;
    for (i, (leaf, label)) in leaves.iter().zip(&labels).enumerate() {
        let p = common::local(base, c.backend_coord(&(leaf.x, 0.0)));
        let colour = leaf.segment.map(segment_colour).unwrap_or(theme.muted);
        let y = p.1 + theme.px(4.0) as i32;
        body.draw(&Rectangle::new([(p.0 - s, y), (p.0 + s, y + 2 * s)], colour.filled()))?;
        if i % every != 0 {
            continue;
        }
        let at = (p.0, y + 2 * s + theme.px(4.0) as i32);
        let st = text_style(theme, 11.0, theme.foreground);
        if horizontal {
            body.draw(&Text::new(label.clone(), at, anchored(st, HPos::Center, VPos::Top)))?;
        } else {
            body.draw(&Text::new(label.clone(), at, vertical(anchored(st, HPos::Right, VPos::Center))))?;
        }
    }
    Ok(())
}

//! Dendrogram drawing data from a linkage matrix: scipy's `dendrogram` icoord/dcoord layout (leaves 10 apart,
//! starting at x = 5; each merge is a ⊓ from its children's centres down to their heights), truncated to the last p
//! merges like `truncate_mode="lastp"` (a truncated leaf is drawn at height 0 and carries its counts).
//!
//! Iterative (an explicit stack), so a chain-shaped tree of 30,000 leaves cannot overflow the wasm stack.

use serde::{Deserialize, Serialize};

use super::tree::Merge;

/// One ⊓ link: x and y of its four corners (scipy's `icoord` and `dcoord` rows).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DendrogramLink {
    /// x of the four points: left child, left top, right top, right child.
    pub x: [f64; 4],
    /// y of the four points: left child height, merge height, merge height, right child height.
    pub y: [f64; 4],
}

/// A leaf at the bottom of the (truncated) dendrogram.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DendrogramLeaf {
    /// Horizontal position (5, 15, 25, …).
    pub x: f64,
    /// Cluster id in the linkage matrix (< leaves: an original leaf; otherwise a truncated subtree).
    pub node: usize,
    /// Leaves of the tree under it (scipy's leaf count).
    pub leaves: usize,
    /// Training rows under it (differs from `leaves` for micro-clusters).
    pub rows: usize,
}

/// Everything needed to draw a dendrogram.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dendrogram {
    /// Links in scipy's order (post-order: a merge after its children).
    pub links: Vec<DendrogramLink>,
    /// Leaves left to right.
    pub leaves: Vec<DendrogramLeaf>,
    /// Height of the root (0 for a single leaf).
    pub max_height: f64,
}

struct Frame {
    node: usize,
    iv: f64,
    stage: u8,
    left: (f64, f64, f64),
}

/// Lays out the last `p` merges of `merges` (`p = 0` or `p ≥ leaves`: the whole tree). `leaf_rows` are the rows
/// per original leaf.
pub fn dendrogram(merges: &[Merge], leaf_rows: &[usize], p: usize) -> Dendrogram {
    let n = merges.len() + 1;
    let p = if p == 0 || p > n { n } else { p };
    let mut rows: Vec<usize> = (0..n).map(|i| leaf_rows.get(i).copied().unwrap_or(1)).collect();
    for m in merges {
        rows.push(rows[m.a] + rows[m.b]);
    }
    let leaf_count = |node: usize| if node < n { 1 } else { merges[node - n].size };
    // a node is drawn as a leaf when it is original, or made before the last p − 1 merges
    let is_leaf = |node: usize| node < n || node < 2 * n - p;
    let mut out = Dendrogram { links: Vec::new(), leaves: Vec::new(), max_height: 0.0 };
    let root = 2 * n - 2;
    out.max_height = merges.last().map_or(0.0, |m| m.height);
    let mut stack = vec![Frame { node: root, iv: 0.0, stage: 0, left: (0.0, 0.0, 0.0) }];
    // (centre, width, height) of the subtree just finished
    let mut ret = (0.0, 0.0, 0.0);
    while let Some(top) = stack.last_mut() {
        let node = top.node;
        match top.stage {
            0 if is_leaf(node) => {
                let x = top.iv + 5.0;
                out.leaves.push(DendrogramLeaf { x, node, leaves: leaf_count(node), rows: rows[node] });
                ret = (x, 10.0, 0.0);
                stack.pop();
            }
            0 => {
                top.stage = 1;
                let iv = top.iv;
                stack.push(Frame { node: merges[node - n].a, iv, stage: 0, left: (0.0, 0.0, 0.0) });
            }
            1 => {
                top.left = ret;
                top.stage = 2;
                let iv = top.iv + ret.1;
                stack.push(Frame { node: merges[node - n].b, iv, stage: 0, left: (0.0, 0.0, 0.0) });
            }
            _ => {
                let (ca, wa, ha) = top.left;
                let (cb, wb, hb) = ret;
                let h = merges[node - n].height;
                out.links.push(DendrogramLink { x: [ca, ca, cb, cb], y: [ha, h, h, hb] });
                ret = ((ca + cb) / 2.0, wa + wb, h);
                stack.pop();
            }
        }
    }
    out
}

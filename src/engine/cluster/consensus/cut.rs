//! Average linkage (UPGMA, by `kodama`) on a condensed dissimilarity, cut into k segments.

use kodama::{linkage, Method};

/// Labels 0..k of the `m` points after average linkage, cut where k clusters remain. Segments are numbered
/// by size (largest first), ties by their smallest point index. Requires 1 ≤ k ≤ m.
pub fn average_linkage_cut(dis: &mut [f64], m: usize, k: usize) -> Vec<i32> {
    if m == 0 {
        return Vec::new();
    }
    let dendrogram = linkage(dis, m, Method::Average);
    let mut parent: Vec<usize> = (0..m).collect();
    fn find(parent: &mut [usize], mut a: usize) -> usize {
        while parent[a] != a {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        a
    }
    // representative point of every cluster id (points 0..m, then one per step)
    let mut rep: Vec<usize> = (0..m).collect();
    for step in dendrogram.steps().iter().take(m.saturating_sub(k)) {
        let (a, b) = (find(&mut parent, rep[step.cluster1]), find(&mut parent, rep[step.cluster2]));
        parent[b] = a;
        rep.push(a);
    }
    let roots: Vec<usize> = (0..m).map(|i| find(&mut parent, i)).collect();
    let mut size = vec![0usize; m];
    for &r in &roots {
        size[r] += 1;
    }
    // roots ordered by size descending, then by first appearance (their smallest point index)
    let mut order: Vec<usize> = Vec::new();
    let mut seen = vec![false; m];
    for &r in &roots {
        if !seen[r] {
            seen[r] = true;
            order.push(r);
        }
    }
    order.sort_by(|&a, &b| size[b].cmp(&size[a]));
    let mut label = vec![0i32; m];
    for (l, &r) in order.iter().enumerate() {
        label[r] = l as i32;
    }
    roots.iter().map(|&r| label[r]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_two_obvious_groups() {
        // points 0,1,2 close; 3,4 close; far apart otherwise
        let m = 5;
        let mut dis = Vec::new();
        for i in 0..m {
            for j in i + 1..m {
                dis.push(if (i < 3) == (j < 3) { 0.1 } else { 0.9 });
            }
        }
        assert_eq!(average_linkage_cut(&mut dis.clone(), m, 2), vec![0, 0, 0, 1, 1]);
        assert_eq!(average_linkage_cut(&mut dis.clone(), m, 5).len(), 5);
        let one = average_linkage_cut(&mut dis, m, 1);
        assert!(one.iter().all(|&l| l == 0));
    }
}

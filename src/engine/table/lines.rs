//! The physical line of every table row while a file is read, kept compact: most files put row `r` on line
//! `first + r`, so runs of consecutive lines are stored as one `(row, line)` pair each. The plain
//! `Vec<u64>` the [`Table`](super::model::Table) carries is built only at the very end, after the column
//! summaries have freed their scratch memory, so the two never add up at the peak (1M rows: 8 MB).

/// Row → line, as runs; falls back to one entry per row when runs would not save memory.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lines {
    /// `(first row, its line)` of each run; row `r` of a run is on line `line + (r - row)`.
    runs: Vec<(usize, u64)>,
    /// Every row's line, once runs stopped paying off (then `runs` is empty).
    plain: Option<Vec<u64>>,
    len: usize,
}

/// Runs kept before a switch to one entry per row is considered.
const MIN_RUNS: usize = 1024;

impl Lines {
    /// Appends the next row's line.
    #[inline]
    pub fn push(&mut self, line: u64) {
        let row = self.len;
        self.len += 1;
        if let Some(plain) = &mut self.plain {
            super::builder::push_lean(plain, line);
            return;
        }
        if let Some(&(r0, l0)) = self.runs.last() {
            if l0.wrapping_add((row - r0) as u64) == line {
                return;
            }
        }
        self.runs.push((row, line));
        // A run costs two words, a plain entry one: switch once runs average under two rows.
        if self.runs.len() > MIN_RUNS && self.runs.len() * 2 > self.len {
            let plain: Vec<u64> = (0..self.len).map(|r| self.get(r)).collect();
            self.runs = Vec::new();
            self.plain = Some(plain);
        }
    }

    /// The line of row `r` (0 when out of range).
    pub fn get(&self, r: usize) -> u64 {
        if r >= self.len {
            return 0;
        }
        if let Some(plain) = &self.plain {
            return plain[r];
        }
        let k = self.runs.partition_point(|&(r0, _)| r0 <= r);
        match k.checked_sub(1).and_then(|k| self.runs.get(k)) {
            Some(&(r0, l0)) => l0 + (r - r0) as u64,
            None => 0,
        }
    }

    /// Every row's line.
    pub fn into_vec(self) -> Vec<u64> {
        if let Some(plain) = self.plain {
            return plain;
        }
        let mut out = Vec::with_capacity(self.len);
        for (k, &(r0, l0)) in self.runs.iter().enumerate() {
            let end = self.runs.get(k + 1).map_or(self.len, |x| x.0);
            out.extend((0..(end - r0) as u64).map(|d| l0 + d));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(lines: &[u64]) {
        let mut l = Lines::default();
        for &x in lines {
            l.push(x);
        }
        assert_eq!(l.len, lines.len());
        for (r, &x) in lines.iter().enumerate() {
            assert_eq!(l.get(r), x, "row {r}");
        }
        assert_eq!(l.get(lines.len()), 0);
        assert_eq!(l.into_vec(), lines);
    }

    #[test]
    fn runs_with_gaps() {
        check(&[]);
        check(&[2]);
        check(&[2, 3, 4, 6, 7, 9, 12, 13, 14]);
        let long: Vec<u64> = (2..5000).chain(5003..9000).collect();
        check(&long);
    }

    #[test]
    fn switches_to_plain_when_every_row_spans_two_lines() {
        let every_other: Vec<u64> = (0..5000).map(|r| 2 + 2 * r).collect();
        let mut l = Lines::default();
        for &x in &every_other {
            l.push(x);
        }
        assert!(l.plain.is_some() && l.runs.is_empty());
        check(&every_other);
    }
}

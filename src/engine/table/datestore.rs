//! The store of a date column while the file streams: seconds since 1970 per row, the day/month order
//! (assumed until a cell proves it, then ambiguous rows read so far are swapped), and the date shapes seen.

use super::builder::Bad;
use super::date::{civil_from_days, days_from_civil, scan, Shape};
use super::options::DateOrder;

/// How the day/month order of a date column was chosen.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Basis {
    Forced,
    Proven { line: u64, value: String },
    Assumed,
}

/// Counts of one date shape.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ShapeCount {
    pub shape: Shape,
    pub has_time: bool,
    pub cells: u64,
    pub first_line: u64,
    pub example: String,
}

#[derive(Debug, Clone)]
pub(crate) struct DateStore {
    pub values: Vec<f64>,
    pub order: DateOrder,
    pub basis: Basis,
    pub ambiguous_rows: Vec<usize>,
    pub shapes: Vec<ShapeCount>,
    pub bad: Vec<Bad>,
    pub good: u64,
}

impl DateStore {
    pub fn new(order: DateOrder, basis: Basis) -> Self {
        DateStore {
            values: Vec::new(),
            order,
            basis,
            ambiguous_rows: Vec::new(),
            shapes: Vec::new(),
            bad: Vec::new(),
            good: 0,
        }
    }

    /// Reads a trimmed, non-missing cell; `None` when it is not a date in this column's order.
    pub(crate) fn read(&mut self, t: &str, line: u64) -> Option<f64> {
        let sc = scan(t)?;
        match (sc.proves(), &self.basis) {
            (Some(o), Basis::Assumed) => {
                if o != self.order {
                    self.order = o;
                    for &r in &self.ambiguous_rows {
                        self.values[r] = swap_day_month(self.values[r]);
                    }
                }
                self.ambiguous_rows = Vec::new();
                self.basis = Basis::Proven { line, value: t.to_string() };
            }
            (Some(o), _) if o != self.order => return None,
            (None, Basis::Assumed) if matches!(sc.shape, Shape::Numeric { .. }) => {
                self.ambiguous_rows.push(self.values.len());
            }
            _ => {}
        }
        let v = sc.seconds(self.order)?;
        match self.shapes.iter_mut().find(|s| s.shape == sc.shape && s.has_time == sc.has_time) {
            Some(s) => s.cells += 1,
            None => self.shapes.push(ShapeCount {
                shape: sc.shape,
                has_time: sc.has_time,
                cells: 1,
                first_line: line,
                example: t.to_string(),
            }),
        }
        Some(v)
    }
}

/// Re-reads an ambiguous numeric date with day and month exchanged (both are ≤ 12, so it exists).
fn swap_day_month(v: f64) -> f64 {
    let days = (v / 86_400.0).floor();
    let tod = v - days * 86_400.0;
    let (y, m, d) = civil_from_days(days as i64);
    match days_from_civil(y, d, m) {
        Some(z) => z as f64 * 86_400.0 + tod,
        None => v,
    }
}

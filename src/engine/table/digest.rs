//! A compact fingerprint of an ingest result (per column: kind, role, missing count and a hash of every
//! value; plus issue lines and note sentences), so that a browser (wasm) run can be compared with the
//! native run without shipping the whole table.

use serde::{Deserialize, Serialize};

use super::assemble::Ingested;
use super::model::{ColumnData, ColumnKind, ColumnRole, MISSING_CODE};

/// Fingerprint of one column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnDigest {
    pub name: String,
    pub kind: ColumnKind,
    pub role: ColumnRole,
    pub missing: usize,
    /// FNV-1a (64-bit, hex) over the values in row order: f64 bits little-endian (every NaN hashed as
    /// one value) or UTF-8 text followed by 0xFF (a missing text as 0xFE).
    pub hash: String,
}

/// Fingerprint of a whole ingest result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestDigest {
    pub rows: usize,
    pub row_lines_hash: String,
    pub columns: Vec<ColumnDigest>,
    pub issue_lines: Vec<u64>,
    pub notes: Vec<String>,
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// Fingerprints `ing`.
pub fn digest(ing: &Ingested) -> IngestDigest {
    let columns = ing
        .table
        .columns
        .iter()
        .map(|c| {
            let mut h = Fnv::new();
            let mut missing = 0;
            match &c.data {
                ColumnData::Numbers(v) => {
                    for &x in v {
                        let x = if x.is_nan() {
                            missing += 1;
                            f64::NAN
                        } else {
                            x
                        };
                        h.bytes(&x.to_bits().to_le_bytes());
                    }
                }
                ColumnData::Categories { codes, levels } => {
                    for &code in codes {
                        match levels.get(code as usize) {
                            Some(l) if code != MISSING_CODE => {
                                h.bytes(l.as_bytes());
                                h.bytes(&[0xff]);
                            }
                            _ => {
                                missing += 1;
                                h.bytes(&[0xfe]);
                            }
                        }
                    }
                }
                ColumnData::Texts(v) => {
                    for t in v {
                        match t {
                            Some(t) => {
                                h.bytes(t.as_bytes());
                                h.bytes(&[0xff]);
                            }
                            None => {
                                missing += 1;
                                h.bytes(&[0xfe]);
                            }
                        }
                    }
                }
            }
            ColumnDigest { name: c.name.clone(), kind: c.kind, role: c.role, missing, hash: h.hex() }
        })
        .collect();
    let mut lines = Fnv::new();
    for &l in &ing.table.row_lines {
        lines.bytes(&l.to_le_bytes());
    }
    IngestDigest {
        rows: ing.table.n_rows(),
        row_lines_hash: lines.hex(),
        columns,
        issue_lines: ing.issues.iter().map(|i| i.line).collect(),
        notes: ing.notes.iter().map(|n| n.message()).collect(),
    }
}

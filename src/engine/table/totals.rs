//! A totals row at the end of a spreadsheet export ("Total", "Grand total", "Summe" … in one of the first
//! columns, and a column's sum) is left out of the table with a note: kept, it became a customer who bought
//! everything, and a segment of its own. So is an averages row ("Average", and a column's mean). A customer
//! named "Total" whose numbers add up nothing stays (any row with the largest numbers was taken for one).

use super::model::{Column, ColumnData, ColumnKind, IssueKind, RowIssue, Table, MISSING_CODE};
use super::note::IngestNote;
use super::summary::{summarize, ColumnSummary};

/// Words that label a totals row (compared lowercase, without a trailing colon).
const TOTAL_LABELS: [&str; 14] = [
    "total",
    "totals",
    "grand total",
    "sum",
    "subtotal",
    "sub-total",
    "overall total",
    "gesamt",
    "summe",
    "gesamtsumme",
    "total général",
    "totaal",
    "totale",
    "totalt",
];

/// Words that label an averages row.
const AVERAGE_LABELS: [&str; 9] =
    ["average", "averages", "mean", "avg", "durchschnitt", "mittelwert", "moyenne", "media", "gemiddelde"];

/// How far a totals row's number may be from the column's sum (or mean), relative: rounding only.
const TOLERANCE: f64 = 0.005;

/// How many of the first columns may hold the label.
const LABEL_COLUMNS: usize = 3;

/// Drops the table's last row when it is a totals row, with its issues, and re-summarises the columns.
pub(crate) fn drop_totals_row(
    table: &mut Table,
    summaries: &mut [ColumnSummary],
    issues: &mut Vec<RowIssue>,
    notes: &mut Vec<IngestNote>,
) {
    let n = table.n_rows();
    let Some(&line) = table.row_lines.last() else { return };
    if n < 3 {
        return;
    }
    let Some((label, average)) = totals_label(table, issues, line) else { return };
    if !table.columns.iter().any(|c| sums_the_others(c, average)) {
        return;
    }
    let mut scratch = Vec::new();
    for (c, s) in table.columns.iter_mut().zip(summaries.iter_mut()) {
        pop_row(c);
        *s = summarize(c, std::mem::take(&mut s.missing_tokens), s.format.take(), &mut scratch);
    }
    table.row_lines.pop();
    issues.retain(|i| i.line != line);
    notes.push(if average {
        IngestNote::AverageRowSkipped { line, label }
    } else {
        IngestNote::TotalsRowSkipped { line, label }
    });
}

/// The label of the last row (line `line`) when one of the first columns reads like "Total" or "Average": its
/// text, or the unreadable text a number column set aside as an issue; true for an average.
fn totals_label(table: &Table, issues: &[RowIssue], line: u64) -> Option<(String, bool)> {
    let last = table.n_rows() - 1;
    table.columns.iter().take(LABEL_COLUMNS).find_map(|c| {
        let text = match &c.data {
            ColumnData::Numbers(v) if v[last].is_nan() => issues.iter().find_map(|i| match &i.kind {
                IssueKind::Unparseable { value, .. }
                    if i.line == line && i.column.as_ref() == Some(&c.name) =>
                {
                    Some(value.clone())
                }
                _ => None,
            })?,
            ColumnData::Numbers(_) => return None,
            _ => c.display(last),
        };
        let key = text.trim().trim_end_matches(':').trim().to_lowercase();
        let average = AVERAGE_LABELS.contains(&key.as_str());
        (average || TOTAL_LABELS.contains(&key.as_str())).then(|| (text.trim().to_string(), average))
    })
}

/// A number column whose last value is the sum (or the mean) of the others, up to rounding, with at least
/// two others and not all zero.
fn sums_the_others(c: &Column, average: bool) -> bool {
    let ColumnData::Numbers(v) = &c.data else { return false };
    if !matches!(c.kind, ColumnKind::Numeric | ColumnKind::Integer) {
        return false;
    }
    let (&last, others) = v.split_last().expect("the table has rows");
    let others: Vec<f64> = others.iter().copied().filter(|x| !x.is_nan()).collect();
    let sum: f64 = others.iter().sum();
    let expected = if average { sum / others.len().max(1) as f64 } else { sum };
    last.is_finite()
        && others.len() >= 2
        && expected != 0.0
        && (last - expected).abs() <= TOLERANCE * expected.abs()
}

/// Removes the column's last value (and a category level only it used).
fn pop_row(c: &mut Column) {
    match &mut c.data {
        ColumnData::Numbers(v) => {
            v.pop();
        }
        ColumnData::Texts(v) => {
            v.pop();
        }
        ColumnData::Categories { codes, levels } => {
            // levels are numbered as first seen, so a level first seen on the last row is the last level
            let code = codes.pop();
            if code.is_some_and(|k| k != MISSING_CODE && k as usize + 1 == levels.len()) {
                levels.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::progress::Silent;
    use crate::engine::table::{read_table, IngestNote, IngestOptions};

    fn read(text: &str) -> crate::engine::table::Ingested {
        read_table(text.as_bytes(), "t.csv", &IngestOptions::default(), &mut Silent).unwrap()
    }

    #[test]
    fn a_last_row_labelled_total_with_the_largest_numbers_is_left_out() {
        let r = read("id,region,spend,orders\na,North,10,1\nb,South,20,2\nc,North,30,3\nTotal,,60,6\n");
        assert_eq!(r.table.n_rows(), 3);
        assert_eq!(r.table.row_lines, [2, 3, 4]);
        let spend = r.summaries.iter().find(|s| s.name == "spend").unwrap();
        assert_eq!((spend.rows, spend.max), (3, Some(30.0)));
        let note = r.notes.iter().find(|n| matches!(n, IngestNote::TotalsRowSkipped { .. })).unwrap();
        assert_eq!(note.message(), "line 5 (\"Total\") adds up the rows above it and was left out");
        // the label in the second column, a number column's unreadable cell, and other languages
        for text in [
            "region,id,spend\nNorth,1,10\nSouth,2,20\nEast,3,5\nGrand total:,,35\n",
            "code,spend\n1,10\n2,20\n3,5\nSumme,35\n",
            // an averages row, and a total rounded to whole units
            "id,spend\na,10\nb,20\nc,30\nAverage,20\n",
            "id,spend\na,10.4\nb,20.3\nc,30.2\nTotal,61\n",
        ] {
            assert_eq!(read(text).table.n_rows(), 3, "{text}");
        }
        let avg = read("id,spend\na,10\nb,20\nc,30\nAverage,20\n");
        let note = avg.notes.iter().find(|n| matches!(n, IngestNote::AverageRowSkipped { .. })).unwrap();
        assert_eq!(note.message(), "line 5 (\"Average\") averages the rows above it and was left out");
    }

    #[test]
    fn rows_that_only_look_like_totals_stay() {
        for text in [
            // not the last row
            "id,spend\nTotal,60\na,10\nb,20\nc,30\n",
            // a customer named Total: its numbers are not the sums (the largest customer was left out)
            "id,spend\na,10\nb,20\nc,30\nTotal,20\n",
            "id,spend,orders\na,10,1\nb,20,2\nc,30,3\nTotal,99,5\n",
            // an average that is not the mean
            "id,spend\na,10\nb,20\nc,30\nAverage,25\n",
            // no number to check
            "id,tier\na,gold\nb,silver\nc,gold\nTotal,gold\n",
            // a customer called "Total Wines"
            "id,spend\na,10\nb,20\nc,30\nTotal Wines,90\n",
        ] {
            assert_eq!(read(text).table.n_rows(), 4, "{text}");
        }
    }
}

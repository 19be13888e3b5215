//! [`TableReader`]: a whole-file read fed in slices, for a caller that keeps the file outside memory (a
//! browser `File`) and reads it again from the start when asked. Most files take one pass; a second is needed
//! when rows past the sample turned a column to text, so that its values are re-read exactly as written.

use std::collections::BTreeSet;

use super::assemble::Ingested;
use super::error::Result;
use super::note::IngestNote;
use super::options::IngestOptions;
use super::stream::IngestStream;
use crate::engine::progress::Monitor;

/// Reads a file in one or two passes of [`feed`](TableReader::feed) calls, each ended by
/// [`end_pass`](TableReader::end_pass).
#[derive(Debug)]
pub struct TableReader {
    source: String,
    opts: IngestOptions,
    total_bytes: u64,
    stream: Option<IngestStream>,
    /// The first pass's table, when a second pass re-reads the columns it revised.
    first: Option<Ingested>,
}

impl TableReader {
    /// A reader for the file called `source` (used in messages) of `total_bytes` bytes.
    pub fn new(source: &str, opts: &IngestOptions, total_bytes: u64) -> Result<Self> {
        let stream = IngestStream::new(source, opts)?.with_total_bytes(total_bytes);
        Ok(TableReader {
            source: source.to_string(),
            opts: opts.clone(),
            total_bytes,
            stream: Some(stream),
            first: None,
        })
    }

    /// Reads the next slice of the file (slices of any size, in order, from the start of the file).
    pub fn feed(&mut self, chunk: &[u8], monitor: &mut dyn Monitor) -> Result<()> {
        match &mut self.stream {
            Some(stream) => stream.feed(chunk, monitor),
            None => Ok(()),
        }
    }

    /// Ends a pass over the file: the table when it is complete, or None when the caller must feed the whole
    /// file once more from its start (at most once).
    pub fn end_pass(&mut self, monitor: &mut dyn Monitor) -> Result<Option<Ingested>> {
        let Some(stream) = self.stream.take() else {
            return Ok(None);
        };
        let (ingested, revised) = stream.finish_with_revisions(monitor)?;
        let Some(first) = self.first.take() else {
            if revised.is_empty() {
                return Ok(Some(ingested));
            }
            let names: BTreeSet<String> = revised.into_iter().collect();
            let again = IngestStream::new(&self.source, &self.opts)?
                .with_total_bytes(self.total_bytes)
                .with_force_text(names);
            self.stream = Some(again);
            self.first = Some(ingested);
            return Ok(None);
        };
        let mut second = ingested;
        let revisions = first.notes.into_iter().filter_map(|n| match n {
            IngestNote::TypeRevised { column, from, line, .. } => {
                let to = second.table.column(&column)?.kind;
                Some(IngestNote::TypeRevised { column, from, to, line, exact: true })
            }
            _ => None,
        });
        let revisions: Vec<IngestNote> = revisions.collect();
        second.notes.splice(0..0, revisions);
        Ok(Some(second))
    }
}

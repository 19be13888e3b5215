//! The streaming reader: feed a file's bytes in chunks of any size (a browser `File` in slices, or all at
//! once) and get the typed table at the end. Memory stays near the table's own size: records are parsed
//! straight into column stores and no chunk is kept, except the first 128 KiB until the dialect is known.
//! Progress is reported by bytes; cancellation is checked every MiB.

use std::collections::BTreeSet;

use super::assemble::{assemble, Ingested};
use super::dialect::{LineEnding, TextEncoding};
use super::error::{IngestError, Result};
use super::lane::Lane;
use super::note::IngestNote;
use super::options::{IngestOptions, ValidOptions};
use super::reader::TableReader;
use super::rows::RowSink;
use super::sample::Sample;
use super::sniff::{self, SNIFF_BYTES};
use super::split::Splitter;
use super::text::{FieldDecoder, Transcoder};
use crate::engine::progress::Monitor;

/// Bytes between progress reports and cancellation checks.
const STEP: usize = 1 << 20;

/// What the first bytes decided.
#[derive(Debug)]
pub(crate) struct Setup {
    pub encoding: TextEncoding,
    pub bom: bool,
    pub delimiter: u8,
    pub skip_lines: u64,
    pub notes: Vec<IngestNote>,
    pub line_ending: LineEnding,
    /// Bytes still to skip at the start (the byte-order mark).
    skip_bytes: usize,
    transcoder: Option<Transcoder>,
    pub splitter: Splitter,
    pub sink: RowSink,
}

/// A CSV reader fed in chunks.
#[derive(Debug)]
pub struct IngestStream {
    file: String,
    opts: ValidOptions,
    total_bytes: Option<u64>,
    fed: u64,
    head: Vec<u8>,
    sniff_bytes: usize,
    setup: Option<Setup>,
    force_text: BTreeSet<String>,
    fast_lane: bool,
}

impl IngestStream {
    /// A reader for the file called `source` (used in messages).
    pub fn new(source: &str, opts: &IngestOptions) -> Result<Self> {
        Ok(IngestStream {
            file: source.to_string(),
            opts: opts.check()?,
            total_bytes: None,
            fed: 0,
            head: Vec::new(),
            sniff_bytes: SNIFF_BYTES,
            setup: None,
            force_text: BTreeSet::new(),
            fast_lane: true,
        })
    }

    /// Tells the reader the file's size, for progress fractions and storage reservation.
    pub fn with_total_bytes(mut self, total: u64) -> Self {
        self.total_bytes = Some(total);
        self
    }

    /// Bytes looked at before the encoding and delimiter are decided (default 128 KiB, at least 1). Smaller
    /// windows only serve tests and fuzzing, which need chunk boundaries inside small inputs.
    pub fn with_sniff_window(mut self, bytes: usize) -> Self {
        self.sniff_bytes = bytes.max(1);
        self
    }

    /// Turns the fast lane for simple records on (the default) or off. Off, every record takes the general
    /// path; the result is the same either way (for tests and benchmarks).
    pub fn with_fast_lane(mut self, on: bool) -> Self {
        self.fast_lane = on;
        self
    }

    pub(crate) fn with_force_text(mut self, names: BTreeSet<String>) -> Self {
        self.force_text = names;
        self
    }

    /// Reads the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8], monitor: &mut dyn Monitor) -> Result<()> {
        if self.setup.is_some() {
            return self.process(chunk, monitor);
        }
        let window = self.sniff_bytes;
        if self.head.is_empty() && chunk.len() >= window {
            self.setup = Some(self.sniff(&chunk[..window], false)?);
            return self.process(chunk, monitor);
        }
        self.head.extend_from_slice(chunk);
        if self.head.len() >= window {
            let head = std::mem::take(&mut self.head);
            self.setup = Some(self.sniff(&head[..window], false)?);
            self.process(&head, monitor)?;
        }
        Ok(())
    }

    /// Ends the file and builds the table.
    pub fn finish(self, monitor: &mut dyn Monitor) -> Result<Ingested> {
        self.finish_with_revisions(monitor).map(|x| x.0)
    }

    /// Like [`finish`](Self::finish), also naming the columns whose kind later rows revised.
    pub(crate) fn finish_with_revisions(
        mut self,
        monitor: &mut dyn Monitor,
    ) -> Result<(Ingested, Vec<String>)> {
        if self.setup.is_none() {
            let head = std::mem::take(&mut self.head);
            self.setup = Some(self.sniff(&head, true)?);
            self.process(&head, monitor)?;
        }
        let file = self.file.clone();
        let Some(mut setup) = self.setup.take() else {
            return Err(IngestError::Empty { file });
        };
        let Setup { transcoder, splitter, sink, .. } = &mut setup;
        if let Some(t) = transcoder {
            let tail = t.push(&[], true);
            splitter.feed(tail, sink)?;
        }
        splitter.finish(sink)?;
        if setup.splitter.records == 0 {
            return Err(if setup.skip_lines > 0 {
                IngestError::NoDataRows { file, line: setup.splitter.line() }
            } else {
                IngestError::OnlyWhitespace { file }
            });
        }
        setup.sink.end_sample()?;
        let total = self.fed;
        if sniff::nul_beyond_tolerance(setup.sink.dec.nul_bytes, total) {
            return Err(IngestError::NulBytes {
                file,
                line: setup.sink.dec.first_nul_line,
                count: setup.sink.dec.nul_bytes,
            });
        }
        assemble(setup, &self.opts, monitor)
    }

    fn sniff(&self, head: &[u8], whole: bool) -> Result<Setup> {
        let file = &self.file;
        let (encoding, bom_len) = sniff::encoding(head, whole, file)?;
        let body = &head[bom_len..];
        let decoded;
        let text: &[u8] = match Transcoder::for_encoding(encoding) {
            Some(mut t) => {
                decoded = t.push(body, whole).to_vec();
                &decoded
            }
            None => body,
        };
        if whole && text.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(IngestError::OnlyWhitespace { file: file.clone() });
        }
        let (delimiter, skip_lines, sep_line, comments, titles, line_ending) =
            sniff::dialect(text, whole, self.opts.delimiter);
        let mut notes = Vec::new();
        match encoding {
            TextEncoding::Windows1252 => notes.push(IngestNote::EncodingFallback { encoding }),
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => notes.push(IngestNote::Utf16 { encoding }),
            TextEncoding::Utf8 => {}
        }
        if sep_line {
            notes.push(IngestNote::ExcelSepLine { delimiter: delimiter as char });
        }
        if comments > 0 {
            notes.push(IngestNote::CommentLinesSkipped { lines: comments });
        }
        if titles > 0 {
            notes.push(IngestNote::TitleLinesSkipped { lines: titles, header_line: skip_lines + 1 });
        }
        if self.opts.delimiter.is_none() && delimiter == b',' {
            if let Some(columns) = sniff::aligned_by_spaces(text, skip_lines) {
                notes.push(IngestNote::SpaceAligned { columns });
            }
        }
        let file_decimal_comma = self.opts.decimal_comma.unwrap_or(delimiter == b';');
        Ok(Setup {
            encoding,
            bom: bom_len > 0,
            delimiter,
            skip_lines,
            notes,
            line_ending,
            skip_bytes: bom_len,
            transcoder: Transcoder::for_encoding(encoding),
            splitter: Splitter::new(delimiter, b'"', skip_lines, self.opts.max_columns + 1),
            sink: RowSink {
                file: file.clone(),
                opts: self.opts.clone(),
                dec: FieldDecoder::new(if encoding.is_utf16() { TextEncoding::Utf8 } else { encoding }),
                sample: Some(Sample::default()),
                rows: None,
                file_decimal_comma,
                force_text: self.force_text.clone(),
                total_bytes: self.total_bytes,
                delimiter,
                lane: self.fast_lane.then(Lane::default),
            },
        })
    }

    fn process(&mut self, bytes: &[u8], monitor: &mut dyn Monitor) -> Result<()> {
        let Some(setup) = &mut self.setup else {
            return Ok(());
        };
        for piece in bytes.chunks(STEP) {
            let skip = setup.skip_bytes.min(piece.len());
            setup.skip_bytes -= skip;
            let Setup { transcoder, splitter, sink, .. } = setup;
            match transcoder {
                Some(t) => splitter.feed(t.push(&piece[skip..], false), sink)?,
                None => splitter.feed(&piece[skip..], sink)?,
            }
            self.fed += piece.len() as u64;
            let fraction = match self.total_bytes {
                Some(t) if t > 0 => (self.fed as f64 / t as f64).min(1.0),
                _ => 0.0,
            };
            monitor.progress("reading", fraction);
            if monitor.cancelled() {
                return Err(IngestError::Cancelled { file: self.file.clone() });
            }
        }
        Ok(())
    }
}

/// Reads a whole file held in memory (with [`TableReader`], which re-reads it when rows past the sample
/// turned a column to text, so that its values stay exactly as written).
pub fn read_table(
    bytes: &[u8],
    source: &str,
    opts: &IngestOptions,
    monitor: &mut dyn Monitor,
) -> Result<Ingested> {
    let mut reader = TableReader::new(source, opts, bytes.len() as u64)?;
    loop {
        reader.feed(bytes, monitor)?;
        if let Some(ingested) = reader.end_pass(monitor)? {
            return Ok(ingested);
        }
    }
}

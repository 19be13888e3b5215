//! Splits CSV bytes into records, fed in chunks of any size, and tracks the physical line where each record
//! starts (`\n`, `\r\n` and a lone `\r` each end one line, also inside quoted fields).
//!
//! Hand-written rather than `csv-core` because csv-core counts only `\n` (so line numbers are wrong for
//! `\r`-only files: `tests/ingest_bad.rs` fixture `cr_only_line_ends.csv` checks them), does not give the
//! start line of a record after blank lines, and lets an unterminated quote swallow the rest of the file; here
//! such a quote is read as a literal character and parsing resumes at its line (`unterminated_quote_recovers`
//! below). Quotes open a field only at its start (after optional spaces); `""` inside quotes is one quote;
//! text after a closing quote is kept literally. Blank lines and whitespace-only lines are not records.
//! Never allocates per field: fields are copied into one buffer per record. At the start of each record the
//! sink may first read whole simple records itself ([`RecordSink::fast`], the ingest fast lane).

/// One record: the field texts (undecoded bytes) and where it came from.
pub(crate) struct Record<'a> {
    /// 1-based physical line of the record's first byte.
    pub line: u64,
    text: &'a [u8],
    ends: &'a [usize],
    /// Number of fields in the file, including those beyond the cap that were not stored.
    pub n_fields: usize,
    /// True when a field beyond the cap had non-blank text.
    pub extra_nonempty: bool,
    /// `(line, field index)` of a quote that was never closed, read as a literal character.
    pub unterminated_quote: Option<(u64, usize)>,
}

impl<'a> Record<'a> {
    /// Number of stored fields (at most the cap).
    pub fn stored(&self) -> usize {
        self.ends.len()
    }

    /// Field `i` (must be `< stored()`).
    #[inline]
    pub fn field(&self, i: usize) -> &'a [u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// Receives the records of a [`Splitter`]. Any `FnMut(&Record) -> Result<(), E>` is one.
pub(crate) trait RecordSink<E> {
    /// Takes one record.
    fn record(&mut self, r: &Record<'_>) -> Result<(), E>;

    /// Called at the start of a record (not at a blank line): may read whole records from the start of
    /// `input` itself, each a single physical line with its line end inside `input` and no quote character,
    /// exactly as [`record`](Self::record) would have. Returns the bytes and the records it read; `(0, 0)`
    /// hands the record to the splitter.
    fn fast(&mut self, _input: &[u8], _line: u64) -> (usize, u64) {
        (0, 0)
    }
}

impl<E, F: FnMut(&Record<'_>) -> Result<(), E>> RecordSink<E> for F {
    fn record(&mut self, r: &Record<'_>) -> Result<(), E> {
        self(r)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Skip,
    RecordStart,
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
    AfterQuoted,
}

/// A resumable CSV record splitter.
#[derive(Debug, Clone)]
pub(crate) struct Splitter {
    delim: u8,
    quote: u8,
    /// 1 for the bytes that end an unquoted run: delimiter, quote, CR, LF.
    class: [u8; 256],
    state: State,
    skip_lines: u64,
    line: u64,
    /// The last byte consumed was a CR that ended a line; a LF right after it belongs to the same line end.
    pending_cr: bool,
    rec_line: u64,
    out: Vec<u8>,
    ends: Vec<usize>,
    field_start: usize,
    field_cap: usize,
    n_fields: usize,
    extra_nonempty: bool,
    quote_line: u64,
    /// Raw bytes from an open quote onwards, kept while the quote is open across chunks (for recovery).
    raw: Vec<u8>,
    capturing: bool,
    unterminated: Option<(u64, usize)>,
    /// Records emitted so far.
    pub records: u64,
}

fn is_blank(b: &[u8]) -> bool {
    b.iter().all(|&c| c == b' ' || c == b'\t')
}

impl Splitter {
    /// A splitter for `delim`; the first `skip_lines` physical lines are skipped; at most `field_cap` fields
    /// of a record are stored (the rest are counted).
    pub fn new(delim: u8, quote: u8, skip_lines: u64, field_cap: usize) -> Self {
        let mut class = [0u8; 256];
        for b in [delim, quote, b'\n', b'\r'] {
            class[b as usize] = 1;
        }
        Splitter {
            delim,
            quote,
            class,
            state: if skip_lines > 0 { State::Skip } else { State::RecordStart },
            skip_lines,
            line: 1,
            pending_cr: false,
            rec_line: 1,
            out: Vec::new(),
            ends: Vec::new(),
            field_start: 0,
            field_cap: field_cap.max(1),
            n_fields: 0,
            extra_nonempty: false,
            quote_line: 1,
            raw: Vec::new(),
            capturing: false,
            unterminated: None,
            records: 0,
        }
    }

    /// The physical line of the next byte.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Splits `input`, calling `sink` for every complete record.
    pub fn feed<E>(&mut self, input: &[u8], sink: &mut dyn RecordSink<E>) -> Result<(), E> {
        let n = input.len();
        let mut i = 0;
        let mut cap_from = if self.capturing { Some(0) } else { None };
        while i < n {
            if self.pending_cr {
                self.pending_cr = false;
                if input[i] == b'\n' {
                    if self.state == State::Quoted {
                        self.out.push(b'\n');
                    }
                    i += 1;
                    continue;
                }
            }
            match self.state {
                State::Skip => match input[i..].iter().position(|&b| b == b'\n' || b == b'\r') {
                    None => i = n,
                    Some(p) => {
                        self.pending_cr = input[i + p] == b'\r';
                        i += p + 1;
                        self.line += 1;
                        self.skip_lines -= 1;
                        if self.skip_lines == 0 {
                            self.state = State::RecordStart;
                        }
                    }
                },
                State::RecordStart => {
                    let b = input[i];
                    if b == b'\n' || b == b'\r' {
                        self.line += 1;
                        self.pending_cr = b == b'\r';
                        i += 1;
                    } else {
                        let (used, records) = sink.fast(&input[i..], self.line);
                        if records > 0 {
                            i += used;
                            self.line += records;
                            self.records += records;
                            continue;
                        }
                        self.rec_line = self.line;
                        self.state = State::FieldStart;
                    }
                }
                State::FieldStart => {
                    self.field_start = self.out.len();
                    if input[i] == self.quote {
                        self.open_quote();
                        cap_from = Some(i);
                        i += 1;
                    } else {
                        self.state = State::Unquoted;
                    }
                }
                State::Unquoted | State::AfterQuoted => {
                    // A plain loop: this is the hottest code of ingest, and it must stay fast even at
                    // opt-level "z" (where iterator adaptors are not always inlined).
                    let start = i;
                    while i < n && self.class[input[i] as usize] == 0 {
                        i += 1;
                    }
                    self.out.extend_from_slice(&input[start..i]);
                    if i == n {
                        break;
                    }
                    let b = input[i];
                    i += 1;
                    if b == self.delim {
                        self.end_field();
                        self.state = State::FieldStart;
                    } else if b == b'\n' || b == b'\r' {
                        self.line += 1;
                        self.pending_cr = b == b'\r';
                        self.end_field();
                        self.emit(sink)?;
                        self.state = State::RecordStart;
                    } else if self.state == State::Unquoted && is_blank(&self.out[self.field_start..]) {
                        self.out.truncate(self.field_start);
                        self.open_quote();
                        cap_from = Some(i - 1);
                    } else {
                        self.out.push(b);
                    }
                }
                State::Quoted => {
                    let q = self.quote;
                    let start = i;
                    while i < n && input[i] != q && input[i] != b'\n' && input[i] != b'\r' {
                        i += 1;
                    }
                    self.out.extend_from_slice(&input[start..i]);
                    if i == n {
                        break;
                    }
                    let b = input[i];
                    i += 1;
                    if b == q {
                        self.state = State::QuoteInQuoted;
                    } else {
                        self.out.push(b);
                        self.line += 1;
                        self.pending_cr = b == b'\r';
                    }
                }
                State::QuoteInQuoted => {
                    if input[i] == self.quote {
                        self.out.push(self.quote);
                        i += 1;
                        self.state = State::Quoted;
                    } else {
                        self.capturing = false;
                        self.raw.clear();
                        cap_from = None;
                        self.state = State::AfterQuoted;
                    }
                }
            }
        }
        if matches!(self.state, State::Quoted | State::QuoteInQuoted) {
            if let Some(from) = cap_from {
                if !self.capturing {
                    self.raw.clear();
                    self.capturing = true;
                }
                self.raw.extend_from_slice(&input[from..]);
            }
        } else if self.capturing {
            self.capturing = false;
            self.raw.clear();
        }
        Ok(())
    }

    /// Ends the input: emits the last record, recovering from an unterminated quote.
    pub fn finish<E>(&mut self, sink: &mut dyn RecordSink<E>) -> Result<(), E> {
        loop {
            match self.state {
                State::Skip | State::RecordStart => return Ok(()),
                State::Quoted => {
                    // Read the opening quote as a literal character and parse on from there.
                    let raw = std::mem::take(&mut self.raw);
                    self.capturing = false;
                    self.out.truncate(self.field_start);
                    self.out.push(self.quote);
                    self.line = self.quote_line;
                    self.pending_cr = false;
                    self.unterminated = Some((self.quote_line, self.n_fields));
                    self.state = State::AfterQuoted;
                    self.feed(raw.get(1..).unwrap_or(&[]), sink)?;
                }
                State::FieldStart | State::Unquoted | State::AfterQuoted | State::QuoteInQuoted => {
                    self.end_field();
                    self.emit(sink)?;
                    self.state = State::RecordStart;
                    return Ok(());
                }
            }
        }
    }

    fn open_quote(&mut self) {
        self.state = State::Quoted;
        self.quote_line = self.line;
        self.capturing = false;
        self.raw.clear();
    }

    fn end_field(&mut self) {
        self.n_fields += 1;
        if self.ends.len() < self.field_cap {
            self.ends.push(self.out.len());
        } else {
            if !is_blank(&self.out[self.field_start..]) {
                self.extra_nonempty = true;
            }
            self.out.truncate(self.field_start);
        }
        self.field_start = self.out.len();
    }

    fn emit<E>(&mut self, sink: &mut dyn RecordSink<E>) -> Result<(), E> {
        let blank = self.n_fields == 1 && self.unterminated.is_none() && is_blank(&self.out);
        let result = if blank {
            Ok(())
        } else {
            self.records += 1;
            sink.record(&Record {
                line: self.rec_line,
                text: &self.out,
                ends: &self.ends,
                n_fields: self.n_fields,
                extra_nonempty: self.extra_nonempty,
                unterminated_quote: self.unterminated,
            })
        };
        self.out.clear();
        self.ends.clear();
        self.field_start = 0;
        self.n_fields = 0;
        self.extra_nonempty = false;
        self.unterminated = None;
        result
    }
}

#[cfg(test)]
#[path = "split_tests.rs"]
mod tests;

//! How a file is written (encoding, delimiter, quote, header, skipped lines, width): detected once at ingest
//! and kept, so the same bytes can be re-read identically (labelled export).

use serde::{Deserialize, Serialize};

/// The text encoding of the file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    /// Windows-1252 (a superset of printable Latin-1), the fallback when the bytes are not UTF-8.
    Windows1252,
    Utf16Le,
    Utf16Be,
}

impl TextEncoding {
    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Windows1252 => "Windows-1252",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }

    pub(crate) fn is_utf16(self) -> bool {
        matches!(self, TextEncoding::Utf16Le | TextEncoding::Utf16Be)
    }
}

/// The line endings seen at the start of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineEnding {
    Lf,
    Crlf,
    Cr,
    Mixed,
    /// A single line without an ending.
    None,
}

/// Everything needed to re-read a file the way ingest read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialect {
    pub encoding: TextEncoding,
    /// The file starts with a byte-order mark (skipped).
    pub bom: bool,
    pub delimiter: char,
    pub quote: char,
    pub line_ending: LineEnding,
    /// Physical lines skipped before the header (an Excel `sep=` line, `#` comment lines, title lines).
    pub skip_lines: u64,
    /// The first record holds column names.
    pub has_header: bool,
    /// The file-wide leaning for numbers without evidence either way (true for `;` files).
    pub decimal_comma: bool,
    /// Columns in the table: rows are padded or cut to this many fields.
    pub width: usize,
    /// The header names one column fewer than `width`: the first column holds row names (R's write.table)
    /// and is called `row_names`.
    #[serde(default)]
    pub row_names: bool,
}

impl Dialect {
    pub(crate) fn delimiter_byte(&self) -> u8 {
        u8::try_from(self.delimiter).unwrap_or(b',')
    }

    pub(crate) fn quote_byte(&self) -> u8 {
        u8::try_from(self.quote).unwrap_or(b'"')
    }
}

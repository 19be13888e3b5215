//! Turning field bytes into text: UTF-8 when valid, otherwise Windows-1252 (per file, or per field when a
//! UTF-8 file has a stray non-UTF-8 byte); NUL bytes are dropped and counted. UTF-16 files are transcoded
//! to UTF-8 before splitting, chunk by chunk.

use std::borrow::Cow;

use encoding_rs::{Decoder, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::dialect::TextEncoding;

/// Decodes fields and remembers what it had to repair.
#[derive(Debug, Clone)]
pub(crate) struct FieldDecoder {
    windows1252: bool,
    /// Fields of a UTF-8 file that were not UTF-8 and were read as Windows-1252.
    pub invalid_fields: u64,
    pub first_invalid_line: u64,
    pub nul_bytes: u64,
    pub first_nul_line: u64,
}

impl FieldDecoder {
    /// A decoder for fields of a file in `encoding` (UTF-16 files arrive transcoded to UTF-8).
    pub fn new(encoding: TextEncoding) -> Self {
        FieldDecoder {
            windows1252: encoding == TextEncoding::Windows1252,
            invalid_fields: 0,
            first_invalid_line: 0,
            nul_bytes: 0,
            first_nul_line: 0,
        }
    }

    /// The text of a field found on `line`.
    pub fn decode<'a>(&mut self, bytes: &'a [u8], line: u64) -> Cow<'a, str> {
        let text = if self.windows1252 {
            WINDOWS_1252.decode_without_bom_handling(bytes).0
        } else {
            match std::str::from_utf8(bytes) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => {
                    if self.invalid_fields == 0 {
                        self.first_invalid_line = line;
                    }
                    self.invalid_fields += 1;
                    WINDOWS_1252.decode_without_bom_handling(bytes).0
                }
            }
        };
        if text.contains('\0') {
            let n = text.bytes().filter(|&b| b == 0).count() as u64;
            if self.nul_bytes == 0 {
                self.first_nul_line = line;
            }
            self.nul_bytes += n;
            return Cow::Owned(text.replace('\0', ""));
        }
        text
    }
}

/// Streams UTF-16 bytes to UTF-8.
pub(crate) struct Transcoder {
    decoder: Decoder,
    out: Vec<u8>,
}

impl std::fmt::Debug for Transcoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Transcoder")
    }
}

impl Transcoder {
    /// A transcoder for `encoding`, when it needs one.
    pub fn for_encoding(encoding: TextEncoding) -> Option<Self> {
        let enc = match encoding {
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
            _ => return None,
        };
        Some(Transcoder { decoder: enc.new_decoder_without_bom_handling(), out: Vec::new() })
    }

    /// UTF-8 for the next `input` bytes (`last` at the end of the file; unpaired bytes become U+FFFD).
    pub fn push(&mut self, input: &[u8], last: bool) -> &[u8] {
        self.out.clear();
        let mut done = 0;
        let mut rest = input;
        loop {
            let need =
                self.decoder.max_utf8_buffer_length(rest.len()).unwrap_or(rest.len().saturating_mul(3));
            self.out.resize(done + need.max(16), 0);
            let (result, read, written, _) = self.decoder.decode_to_utf8(rest, &mut self.out[done..], last);
            done += written;
            rest = &rest[read..];
            if result == encoding_rs::CoderResult::InputEmpty {
                break;
            }
        }
        self.out.truncate(done);
        &self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_fallback_and_nul_stripping() {
        let mut d = FieldDecoder::new(TextEncoding::Utf8);
        assert_eq!(d.decode("café".as_bytes(), 1), "café");
        assert_eq!(d.decode(b"caf\xe9", 7), "café");
        assert_eq!((d.invalid_fields, d.first_invalid_line), (1, 7));
        assert_eq!(d.decode(b"a\0b", 9), "ab");
        assert_eq!((d.nul_bytes, d.first_nul_line), (1, 9));
        let mut w = FieldDecoder::new(TextEncoding::Windows1252);
        assert_eq!(w.decode(b"\x80 5", 1), "€ 5");
    }

    #[test]
    fn utf16_in_odd_chunks() {
        let bytes: Vec<u8> = "naïve,€\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let mut t = Transcoder::for_encoding(TextEncoding::Utf16Le).unwrap();
        let mut out = Vec::new();
        for c in bytes.chunks(3) {
            out.extend_from_slice(t.push(c, false));
        }
        out.extend_from_slice(t.push(&[], true));
        assert_eq!(String::from_utf8(out).unwrap(), "naïve,€\n");
    }
}

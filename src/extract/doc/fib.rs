//! The File Information Block at the start of the `WordDocument` stream
//! ([MS-DOC] 2.5): which table stream to read, the character counts of the
//! document's parts, and where each structure lies in the table stream.

use crate::extract::ole::{u16_at, u32_at};
use crate::model::{DocError, ErrorKind};

/// `wIdent` of every Word 6 and later document.
const WORD_IDENT: u16 = 0xA5EC;
/// The first `nFib` of Word 97; Word 6.0 wrote 101, Word 95 104.
const NFIB_WORD97: u16 = 0x00C0;

/// Places in `fibRgFcLcb` (pairs of offset and length in the table stream).
#[derive(Debug, Clone, Copy)]
pub(super) enum Place {
    Stshf = 1,
    PlcffndRef = 2,
    PlcffndTxt = 3,
    PlcfHdd = 11,
    PlcfBteChpx = 12,
    PlcfBtePapx = 13,
    SttbfFfn = 15,
    Clx = 33,
    PlcSpaMom = 40,
    PlcfendRef = 46,
    PlcfendTxt = 47,
    PlcftxbxTxt = 56,
    PlcfHdrtxbxTxt = 58,
}

/// Character counts of the document's parts, in the order their text follows
/// the main text in CP space.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct PartLengths {
    pub text: u32,
    pub footnotes: u32,
    pub headers: u32,
    pub macros: u32,
    pub annotations: u32,
    pub endnotes: u32,
    pub text_boxes: u32,
    pub header_text_boxes: u32,
}

impl PartLengths {
    /// The first CP of each part after the main text, in CP order:
    /// footnotes, headers, annotations, endnotes, text boxes, header text boxes.
    pub(super) fn starts(&self) -> Option<[u32; 6]> {
        let footnotes = self.text;
        let headers = footnotes.checked_add(self.footnotes)?;
        let annotations = headers
            .checked_add(self.headers)?
            .checked_add(self.macros)?;
        let endnotes = annotations.checked_add(self.annotations)?;
        let text_boxes = endnotes.checked_add(self.endnotes)?;
        let header_text_boxes = text_boxes.checked_add(self.text_boxes)?;
        Some([
            footnotes,
            headers,
            annotations,
            endnotes,
            text_boxes,
            header_text_boxes,
        ])
    }
}

/// What the reader needs from the FIB.
#[derive(Debug, Clone)]
pub(super) struct Fib {
    /// `1Table` or `0Table`.
    pub table_stream: &'static str,
    pub lengths: PartLengths,
    fc_lcb: Vec<(u32, u32)>,
}

impl Fib {
    /// Reads the FIB at the start of `word` (the `WordDocument` stream).
    pub(super) fn parse(word: &[u8]) -> Result<Fib, DocError> {
        let short = || DocError::corrupt("Word document's file information block is truncated");
        let ident = u16_at(word, 0).ok_or_else(short)?;
        if ident != WORD_IDENT {
            return Err(DocError::unsupported(format!(
                "not a Word 97-2003 document (WordDocument stream starts with {ident:#06x}); \
                 open it in Word or LibreOffice and save it as .docx"
            )));
        }
        let n_fib = u16_at(word, 2).ok_or_else(short)?;
        if n_fib < NFIB_WORD97 {
            return Err(DocError::unsupported(format!(
                "Word 6.0/95 document (nFib {n_fib}); open it in Word or LibreOffice and save it as .docx"
            )));
        }
        let flags = u16_at(word, 10).ok_or_else(short)?;
        const ENCRYPTED: u16 = 1 << 8;
        const OBFUSCATED: u16 = 1 << 15;
        if flags & (ENCRYPTED | OBFUSCATED) != 0 {
            return Err(DocError::new(
                ErrorKind::Encrypted,
                "password-protected Word document; open it with its password and save it unprotected",
            ));
        }
        let table_stream = if flags & (1 << 9) != 0 {
            "1Table"
        } else {
            "0Table"
        };

        // FibBase (32 bytes), then three arrays, each preceded by its count.
        let csw = usize::from(u16_at(word, 32).ok_or_else(short)?);
        let lw_count_at = 34 + csw * 2;
        let cslw = usize::from(u16_at(word, lw_count_at).ok_or_else(short)?);
        let lw = lw_count_at + 2;
        let long = |i: usize| u32_at(word, lw + i * 4).ok_or_else(short);
        let lengths = PartLengths {
            text: long(3)?,
            footnotes: long(4)?,
            headers: long(5)?,
            macros: long(6)?,
            annotations: long(7)?,
            endnotes: long(8)?,
            text_boxes: long(9)?,
            header_text_boxes: long(10)?,
        };
        let fc_count_at = lw + cslw * 4;
        let pairs = usize::from(u16_at(word, fc_count_at).ok_or_else(short)?);
        let fc_lcb = (0..pairs)
            .map_while(|i| {
                let at = fc_count_at + 2 + i * 8;
                Some((u32_at(word, at)?, u32_at(word, at + 4)?))
            })
            .collect();
        Ok(Fib {
            table_stream,
            lengths,
            fc_lcb,
        })
    }

    /// The bytes of the structure at `place` in the table stream; `None` when
    /// the document has none (length 0) or its place lies outside the stream.
    pub(super) fn slice<'t>(&self, table: &'t [u8], place: Place) -> Option<&'t [u8]> {
        let &(fc, lcb) = self.fc_lcb.get(place as usize)?;
        if lcb == 0 {
            return None;
        }
        let start = fc as usize;
        table.get(start..start.checked_add(lcb as usize)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal Word 97 FIB with `flags`, `ccpText` and one place set.
    pub(in crate::extract::doc) fn fib_bytes(n_fib: u16, flags: u16) -> Vec<u8> {
        let mut fib = vec![0u8; 32];
        fib[0..2].copy_from_slice(&WORD_IDENT.to_le_bytes());
        fib[2..4].copy_from_slice(&n_fib.to_le_bytes());
        fib[10..12].copy_from_slice(&flags.to_le_bytes());
        fib.extend(14u16.to_le_bytes());
        fib.extend([0; 28]);
        fib.extend(22u16.to_le_bytes());
        let mut lw = [0u32; 22];
        lw[3] = 42;
        lw[5] = 7;
        for v in lw {
            fib.extend(v.to_le_bytes());
        }
        fib.extend(93u16.to_le_bytes());
        for i in 0..93u32 {
            let (fc, lcb): (u32, u32) = if i == Place::Clx as u32 {
                (4, 6)
            } else {
                (0, 0)
            };
            fib.extend(fc.to_le_bytes());
            fib.extend(lcb.to_le_bytes());
        }
        fib
    }

    #[test]
    fn reads_counts_places_and_table_stream() {
        let fib = Fib::parse(&fib_bytes(0xC1, 1 << 9)).unwrap();
        assert_eq!(fib.table_stream, "1Table");
        assert_eq!(fib.lengths.text, 42);
        assert_eq!(fib.lengths.starts().unwrap()[1], 42);
        assert_eq!(fib.lengths.starts().unwrap()[2], 49);
        let table = b"0123456789";
        assert_eq!(fib.slice(table, Place::Clx), Some(&b"456789"[..]));
        assert_eq!(fib.slice(table, Place::Stshf), None);
        assert_eq!(fib.slice(b"012", Place::Clx), None);
    }

    #[test]
    fn refuses_old_encrypted_and_truncated_files() {
        let old = Fib::parse(&fib_bytes(104, 0)).unwrap_err();
        assert_eq!(old.kind, ErrorKind::UnsupportedFormat);
        assert!(old.message.contains("Word 6.0/95"));
        let locked = Fib::parse(&fib_bytes(0xC1, 1 << 8)).unwrap_err();
        assert_eq!(locked.kind, ErrorKind::Encrypted);
        let bytes = fib_bytes(0xC1, 0);
        for cut in 0..bytes.len() {
            let _ = Fib::parse(&bytes[..cut]);
        }
        assert_eq!(
            Fib::parse(&bytes[..40]).unwrap_err().kind,
            ErrorKind::Corrupt
        );
    }
}

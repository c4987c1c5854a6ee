//! The document's characters, read through the piece table ([MS-DOC]
//! 2.9.38 Clx, 2.9.177 PlcPcd): every character position (CP) of every
//! part, with the stream offset (FC) its properties are looked up by.
//!
//! Going through the piece table always, never assuming the text is one run
//! of bytes, is what makes fast-saved documents read right.

use super::plc::Plc;
use crate::extract::ole::{u16_at, u32_at};
use crate::model::{DocError, Limits};
use std::ops::Range;

/// The text of all parts, one UTF-16 unit per CP.
#[derive(Debug)]
pub(super) struct Text {
    /// The character at each CP: UTF-16 as stored, or an 8-bit byte as the
    /// windows-1252 char it stands for.
    pub units: Vec<u16>,
    /// The `WordDocument` offset of each CP's character.
    pub fcs: Vec<u32>,
    /// Pieces whose descriptor carries properties of its own (a `Prm`
    /// naming a `Prc` of the Clx, as fast saves write them): their CPs and
    /// the sprms, in CP order.
    modifiers: Vec<(Range<u32>, Vec<u8>)>,
}

impl Text {
    /// Reads the text the piece table in `clx` describes from `word`. The
    /// text, with its offsets, must fit in `limits.max_inflated_bytes`.
    pub(super) fn read(word: &[u8], clx: &[u8], limits: &Limits) -> Result<Text, DocError> {
        let (pieces, prcs) = piece_table(clx)?;
        let total = pieces.cps.last().copied().unwrap_or(0);
        // Each CP takes a UTF-16 unit and a 4-byte FC here.
        if u64::from(total) * 6 > limits.max_inflated_bytes {
            return Err(DocError::too_large(format!(
                "Word document text of {total} characters is over the limit of {} bytes",
                limits.max_inflated_bytes
            )));
        }
        let western = western_table();
        let mut text = Text {
            units: Vec::new(),
            fcs: Vec::new(),
            modifiers: Vec::new(),
        };
        for i in 0..pieces.len() {
            let (start, end) = pieces.range(i);
            let count = end
                .checked_sub(start)
                .ok_or_else(|| DocError::corrupt("Word piece table goes backwards"))?
                as usize;
            let descriptor = pieces.data(i);
            let prm = u16_at(descriptor, 6).unwrap_or(0);
            // A complex Prm indexes the Clx's Prcs; a simple one holds one
            // one-byte sprm of formatting that does not change the text.
            if prm & 1 != 0
                && let Some(grpprl) = prcs.get(usize::from(prm >> 1))
            {
                text.modifiers.push((start..end, grpprl.to_vec()));
            }
            let fc_field = u32_at(descriptor, 2).unwrap_or(0);
            let compressed = fc_field & (1 << 30) != 0;
            let fc = (fc_field & 0x3FFF_FFFF) as usize;
            let missing = || DocError::corrupt("Word piece table points outside the document");
            if compressed {
                let first = fc / 2;
                let bytes = word
                    .get(first..first.checked_add(count).ok_or_else(missing)?)
                    .ok_or_else(missing)?;
                text.units
                    .extend(bytes.iter().map(|&b| western[usize::from(b)]));
                text.fcs.extend((first..first + count).map(|f| f as u32));
            } else {
                let bytes = word
                    .get(fc..fc.checked_add(count * 2).ok_or_else(missing)?)
                    .ok_or_else(missing)?;
                text.units
                    .extend((0..count).map(|k| u16_at(bytes, k * 2).unwrap_or(0)));
                text.fcs.extend((0..count).map(|k| (fc + k * 2) as u32));
            }
        }
        Ok(text)
    }

    /// The sprms the piece holding `cp` applies to its characters, if any.
    pub(super) fn modifier(&self, cp: u32) -> Option<&[u8]> {
        if self.modifiers.is_empty() {
            return None;
        }
        let i = self.modifiers.partition_point(|(r, _)| r.start <= cp);
        let (range, sprms) = self.modifiers.get(i.checked_sub(1)?)?;
        range.contains(&cp).then_some(sprms.as_slice())
    }

    /// The number of CPs the piece table covers.
    pub(super) fn len(&self) -> u32 {
        self.units.len() as u32
    }
}

/// The piece table of a Clx and the property modifiers (`Prc` grpprls)
/// before it, in order.
fn piece_table(clx: &[u8]) -> Result<(Plc<'_>, Vec<&[u8]>), DocError> {
    let bad = || DocError::corrupt("Word piece table is damaged");
    let mut at = 0usize;
    let mut prcs = Vec::new();
    loop {
        match clx.get(at) {
            Some(1) => {
                let size = usize::from(u16_at(clx, at + 1).ok_or_else(bad)?);
                prcs.push(clx.get(at + 3..at + 3 + size).ok_or_else(bad)?);
                at += 3 + size;
            }
            Some(2) => {
                let size = u32_at(clx, at + 1).ok_or_else(bad)? as usize;
                let start = at + 5;
                let plc = clx.get(start..start.checked_add(size).ok_or_else(bad)?);
                let pieces = plc.and_then(|b| Plc::parse(b, 8)).ok_or_else(bad)?;
                return Ok((pieces, prcs));
            }
            _ => return Err(bad()),
        }
    }
}

/// Each byte of an 8-bit piece as the char windows-1252 reads it as; the
/// five bytes 1252 leaves undefined stand for the C1 controls of the same
/// value, so every byte keeps a distinct char.
fn western_table() -> [u16; 256] {
    let mut table = [0u16; 256];
    for (b, slot) in table.iter_mut().enumerate() {
        let byte = [b as u8];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        *slot = text
            .chars()
            .next()
            .and_then(|c| u16::try_from(u32::from(c)).ok())
            .unwrap_or(b as u16);
    }
    table
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A Clx with one Prc and pieces (cp start, cp end, fc field).
    fn clx(pieces: &[(u32, u32, u32)]) -> Vec<u8> {
        let pieces: Vec<_> = pieces.iter().map(|&(a, b, fc)| (a, b, fc, 0)).collect();
        clx_with(&[&[0xAA, 0xBB]], &pieces)
    }

    /// A Clx with `prcs` and pieces (cp start, cp end, fc field, prm).
    pub(in crate::extract::doc) fn clx_with(
        prcs: &[&[u8]],
        pieces: &[(u32, u32, u32, u16)],
    ) -> Vec<u8> {
        let mut plc = Vec::new();
        for &(start, ..) in pieces {
            plc.extend(start.to_le_bytes());
        }
        plc.extend(pieces.last().map_or(0, |p| p.1).to_le_bytes());
        for &(_, _, fc, prm) in pieces {
            plc.extend([0, 0]);
            plc.extend(fc.to_le_bytes());
            plc.extend(prm.to_le_bytes());
        }
        let mut clx = Vec::new();
        for prc in prcs {
            clx.push(1);
            clx.extend((prc.len() as u16).to_le_bytes());
            clx.extend(*prc);
        }
        clx.push(2);
        clx.extend((plc.len() as u32).to_le_bytes());
        clx.extend(plc);
        clx
    }

    #[test]
    fn mixes_8_bit_and_utf16_pieces() {
        let mut word = vec![0u8; 16];
        word.extend(b"Ab\x85\xD5");
        word.extend("Ễx".encode_utf16().flat_map(u16::to_le_bytes));
        let clx = clx(&[(0, 4, (1 << 30) | 32), (4, 6, 20)]);
        let text = Text::read(&word, &clx, &Limits::default()).unwrap();
        assert_eq!(String::from_utf16(&text.units).unwrap(), "Ab…ÕỄx");
        assert_eq!(text.fcs, [16, 17, 18, 19, 20, 22]);
        assert_eq!(text.len(), 6);
    }

    #[test]
    fn fast_saved_pieces_carry_their_own_sprms() {
        let word = b"abcdef".to_vec();
        let mut clx = clx(&[(0, 3, 1 << 30), (3, 6, (1 << 30) | 6)]);
        // The Prc holds one sprm (font 2); the second piece points at it.
        let piece_prm_at = clx.len() - 2;
        clx[piece_prm_at..].copy_from_slice(&1u16.to_le_bytes());
        let text = Text::read(&word, &clx, &Limits::default()).unwrap();
        assert_eq!(text.modifier(1), None);
        assert_eq!(text.modifier(4), Some(&[0xAA, 0xBB][..]));
        assert_eq!(text.modifier(6), None);
    }

    #[test]
    fn damage_is_an_error() {
        let word = vec![0u8; 8];
        let outside = clx(&[(0, 40, (1 << 30) | 32)]);
        assert!(Text::read(&word, &outside, &Limits::default()).is_err());
        let backwards = clx(&[(5, 2, 0)]);
        assert!(Text::read(&word, &backwards, &Limits::default()).is_err());
        assert!(Text::read(&word, &[7, 0, 0], &Limits::default()).is_err());
        let huge = clx(&[(0, u32::MAX, 0)]);
        let err = Text::read(&word, &huge, &Limits::default()).unwrap_err();
        assert_eq!(err.kind, crate::model::ErrorKind::TooLarge);
    }
}

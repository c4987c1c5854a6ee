//! PLCs ([MS-DOC] 2.2.2): a sorted array of n+1 CPs (or FCs) followed by n
//! data elements of one fixed size, the shape of most tables in a .doc.

use crate::extract::ole::u32_at;

/// A parsed PLC over borrowed bytes; every access is bounds-checked.
pub(super) struct Plc<'a> {
    pub cps: Vec<u32>,
    data: &'a [u8],
    size: usize,
}

impl<'a> Plc<'a> {
    /// Reads a PLC whose data elements are `size` bytes; `None` when the
    /// length does not fit that shape.
    pub(super) fn parse(bytes: &'a [u8], size: usize) -> Option<Plc<'a>> {
        let body = bytes.len().checked_sub(4)?;
        if !body.is_multiple_of(4 + size) {
            return None;
        }
        let n = body / (4 + size);
        let cps = (0..=n)
            .map(|i| u32_at(bytes, i * 4))
            .collect::<Option<Vec<u32>>>()?;
        Some(Plc {
            cps,
            data: bytes.get((n + 1) * 4..)?,
            size,
        })
    }

    /// Reads a PLC of bare CPs (no data), as `PlcfHdd` and the note text
    /// PLCs are.
    pub(super) fn parse_cps(bytes: &'a [u8]) -> Option<Plc<'a>> {
        if !bytes.len().is_multiple_of(4) || bytes.is_empty() {
            return None;
        }
        let cps = (0..bytes.len() / 4)
            .map(|i| u32_at(bytes, i * 4))
            .collect::<Option<Vec<u32>>>()?;
        Some(Plc {
            cps,
            data: &[],
            size: 0,
        })
    }

    /// The number of elements (intervals).
    pub(super) fn len(&self) -> usize {
        self.cps.len().saturating_sub(1)
    }

    /// The start and end CP of element `i` (zeros when out of range).
    pub(super) fn range(&self, i: usize) -> (u32, u32) {
        match (self.cps.get(i), self.cps.get(i + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        }
    }

    /// The data of element `i` (empty when out of range).
    pub(super) fn data(&self, i: usize) -> &'a [u8] {
        let start = i.saturating_mul(self.size);
        self.data
            .get(start..start.saturating_add(self.size))
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_and_shape_checks() {
        let mut bytes = Vec::new();
        for cp in [0u32, 5, 9] {
            bytes.extend(cp.to_le_bytes());
        }
        bytes.extend([1, 2, 3, 4]);
        let plc = Plc::parse(&bytes, 2).unwrap();
        assert_eq!(plc.len(), 2);
        assert_eq!(plc.range(1), (5, 9));
        assert_eq!(plc.data(1), &[3, 4]);
        assert_eq!(plc.data(7), &[] as &[u8]);
        assert!(Plc::parse(&bytes, 3).is_none());
        assert!(Plc::parse(&bytes[..2], 0).is_none());
        assert_eq!(Plc::parse_cps(&bytes[..12]).unwrap().len(), 2);
    }
}

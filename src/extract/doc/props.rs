//! Character and paragraph properties: the sprms that matter to text
//! extraction ([MS-DOC] 2.6), read from the CHPX and PAPX FKPs the bin
//! tables point to (2.9.23 PlcBteChpx, 2.9.24 PlcBtePapx, 2.9.172 ChpxFkp,
//! 2.9.175 PapxFkp). Properties are looked up by stream offset (FC).

use super::plc::Plc;
use crate::extract::ole::{u16_at, u32_at};

/// One property modifier: its opcode and operand bytes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sprm<'a> {
    pub op: u16,
    pub arg: &'a [u8],
}

impl Sprm<'_> {
    fn byte(&self) -> u8 {
        self.arg.first().copied().unwrap_or(0)
    }

    fn word(&self) -> Option<u16> {
        u16_at(self.arg, 0)
    }

    /// A character toggle: 1 on; 0x81 the opposite of the style, which is
    /// off for the properties read here; 0 and 0x80 (as the style) off.
    fn toggle(&self) -> bool {
        matches!(self.byte(), 1 | 0x81)
    }
}

/// The sprms of a grpprl, in order; a truncated last sprm ends the list.
pub(super) fn sprms(grpprl: &[u8]) -> impl Iterator<Item = Sprm<'_>> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let op = u16_at(grpprl, at)?;
        let (skip, len) = operand_size(op, grpprl.get(at + 2..)?)?;
        let start = at + 2 + skip;
        let arg = grpprl.get(start..start.checked_add(len)?)?;
        at = start + len;
        Some(Sprm { op, arg })
    })
}

/// Bytes before the operand and the operand's length, from the opcode's
/// `spra` field ([MS-DOC] 2.2.5.1).
fn operand_size(op: u16, rest: &[u8]) -> Option<(usize, usize)> {
    const CHANGE_TABS: u16 = 0xC615;
    Some(match op >> 13 {
        0 | 1 => (0, 1),
        2 | 4 | 5 => (0, 2),
        3 => (0, 4),
        7 => (0, 3),
        _ => match op {
            SPRM_T_DEF_TABLE => (2, usize::from(u16_at(rest, 0)?).saturating_sub(1)),
            CHANGE_TABS if *rest.first()? == 255 => {
                let deleted = usize::from(*rest.get(1)?);
                let added = usize::from(*rest.get(2 + deleted * 4)?);
                (1, 1 + deleted * 4 + 1 + added * 3)
            }
            _ => (1, usize::from(*rest.first()?)),
        },
    })
}

const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_C_FRMARK_DEL: u16 = 0x0800;
const SPRM_C_FRMARK_INS: u16 = 0x0801;
const SPRM_C_SYMBOL: u16 = 0x6A09;
const SPRM_C_ISTD: u16 = 0x4A30;
const SPRM_C_FVANISH: u16 = 0x083C;
const SPRM_C_ISS: u16 = 0x2A48;
const SPRM_C_FTC_DEFAULT: u16 = 0x4A3D;
const SPRM_C_RG_FTC0: u16 = 0x4A4F;

/// The character properties that decide what text is and how it is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct CharProps {
    /// Font of ASCII text (`sprmCRgFtc0`, else `sprmCFtcDefault`).
    pub font: Option<u16>,
    /// Character style.
    pub style: Option<u16>,
    pub hidden: bool,
    pub deleted: bool,
    pub inserted: bool,
    /// `sprmCSymbol`: a symbol font and the character code in it.
    pub symbol: Option<(u16, u16)>,
    /// Superscript (`Some(true)`) or subscript (`sprmCIss`).
    pub shift: Option<bool>,
}

impl CharProps {
    /// Applies the sprms of `grpprl` on top of these properties.
    pub(super) fn apply(&mut self, grpprl: &[u8]) {
        for sprm in sprms(grpprl) {
            match sprm.op {
                SPRM_C_RG_FTC0 => self.font = sprm.word(),
                SPRM_C_FTC_DEFAULT if self.font.is_none() => self.font = sprm.word(),
                SPRM_C_ISTD => self.style = sprm.word(),
                SPRM_C_FVANISH => self.hidden = sprm.toggle(),
                SPRM_C_ISS => {
                    self.shift = match sprm.byte() {
                        1 => Some(true),
                        2 => Some(false),
                        _ => None,
                    }
                }
                SPRM_C_FRMARK_DEL => self.deleted = sprm.toggle(),
                SPRM_C_FRMARK_INS => self.inserted = sprm.toggle(),
                SPRM_C_SYMBOL => {
                    self.symbol = Some((sprm.word().unwrap_or(0), u16_at(sprm.arg, 2).unwrap_or(0)))
                }
                _ => {}
            }
        }
    }
}

const SPRM_P_ILVL: u16 = 0x260A;
const SPRM_P_ILFO: u16 = 0x460B;
const SPRM_P_FIN_TABLE: u16 = 0x2416;
const SPRM_P_FTTP: u16 = 0x2417;
const SPRM_P_OUT_LVL: u16 = 0x2640;
const SPRM_P_FINNER_TABLE_CELL: u16 = 0x244B;
const SPRM_P_FINNER_TTP: u16 = 0x244C;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_P_ISTD: u16 = 0x4600;

/// The paragraph properties that decide what a paragraph is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ParaProps {
    pub style: u16,
    pub in_table: bool,
    /// Table nesting depth (`sprmPItap`).
    pub table_depth: Option<u32>,
    /// The mark ending a row of the outermost table.
    pub row_end: bool,
    /// The mark ending a cell, or a row, of a nested table.
    pub inner_cell_end: bool,
    pub inner_row_end: bool,
    /// List (`sprmPIlfo`, 0 = none) and level.
    pub list: Option<u16>,
    pub list_level: u8,
    /// Outline level 0–8 (9 = body text).
    pub outline: Option<u8>,
    /// A row end's cell edges, as an index into [`RowEdges`].
    pub row_edges: Option<usize>,
}

impl ParaProps {
    /// Applies the sprms of `grpprl` on top of these properties.
    pub(super) fn apply(&mut self, grpprl: &[u8]) {
        for sprm in sprms(grpprl) {
            match sprm.op {
                SPRM_P_ISTD => self.style = sprm.word().unwrap_or(0),
                SPRM_P_FIN_TABLE => self.in_table = sprm.byte() != 0,
                SPRM_P_FTTP => self.row_end = sprm.byte() != 0,
                SPRM_P_ITAP => self.table_depth = u32_at(sprm.arg, 0),
                SPRM_P_FINNER_TABLE_CELL => self.inner_cell_end = sprm.byte() != 0,
                SPRM_P_FINNER_TTP => self.inner_row_end = sprm.byte() != 0,
                SPRM_P_ILFO => self.list = sprm.word(),
                SPRM_P_ILVL => self.list_level = sprm.byte(),
                SPRM_P_OUT_LVL => self.outline = Some(sprm.byte()),
                _ => {}
            }
        }
    }

    /// How deep in tables the paragraph is: 0 outside any table.
    pub(super) fn depth(&self) -> u32 {
        match self.table_depth {
            Some(depth) => depth,
            None => u32::from(self.in_table),
        }
    }
}

/// Properties by FC range, sorted, from the FKPs of one bin table.
pub(super) struct RunTable<P> {
    runs: Vec<(u32, u32, P)>,
}

impl<P: Copy + Default> RunTable<P> {
    /// The properties in force at stream offset `fc` (defaults where no FKP
    /// says anything).
    pub(super) fn at(&self, fc: u32) -> P {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        match i.checked_sub(1).and_then(|i| self.runs.get(i)) {
            Some(&(_, end, props)) if fc < end => props,
            _ => P::default(),
        }
    }
}

/// Which kind of FKP a bin table points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FkpKind {
    Character,
    Paragraph,
}

/// The character runs of the CHPX FKPs `bin_table` lists.
pub(super) fn character_runs(bin_table: &[u8], word: &[u8]) -> RunTable<CharProps> {
    let runs = fkp_entries(bin_table, word, FkpKind::Character)
        .map(|(start, end, grpprl)| {
            let mut props = CharProps::default();
            props.apply(grpprl);
            (start, end, props)
        })
        .collect();
    sorted(runs)
}

/// A table row's definition (`sprmTDefTable`): where its cells are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RowDef {
    /// Cell edges in twips from the row's start, one more than cells.
    pub edges: Vec<i16>,
    /// For each cell, whether it is merged into the cell before it (Word
    /// 97 keeps horizontally merged cells, their text in one of them).
    pub merged: Vec<bool>,
}

/// The table row definitions met: `ParaProps::row_edges` indexes this list.
pub(super) type RowEdges = Vec<RowDef>;

/// The paragraph runs of the PAPX FKPs `bin_table` lists, with the table
/// row definitions their row-end marks carry.
pub(super) fn paragraph_runs(bin_table: &[u8], word: &[u8]) -> (RunTable<ParaProps>, RowEdges) {
    let mut edges = RowEdges::new();
    let runs = fkp_entries(bin_table, word, FkpKind::Paragraph)
        .map(|(start, end, papx)| {
            let mut props = ParaProps {
                style: u16_at(papx, 0).unwrap_or(0),
                ..ParaProps::default()
            };
            let grpprl = papx.get(2..).unwrap_or(&[]);
            props.apply(grpprl);
            if let Some(row) = sprms(grpprl)
                .find(|s| s.op == SPRM_T_DEF_TABLE)
                .and_then(|s| cell_edges(s.arg))
            {
                props.row_edges = Some(edges.len());
                edges.push(row);
            }
            (start, end, props)
        })
        .collect();
    (sorted(runs), edges)
}

/// The row definition of a `sprmTDefTable` operand: a cell count, one more
/// edge than cells, then a 20-byte TC80 per cell (fewer when the last ones
/// are plain), whose first flag bits say "first of merged cells" and "merged".
fn cell_edges(arg: &[u8]) -> Option<RowDef> {
    const TC80_SIZE: usize = 20;
    const MERGED: u16 = 0b10;
    let cells = usize::from(*arg.first()?);
    let edges = (0..=cells)
        .map(|i| u16_at(arg, 1 + i * 2).map(u16::cast_signed))
        .collect::<Option<Vec<i16>>>()?;
    let tcs = 1 + (cells + 1) * 2;
    let merged = (0..cells)
        .map(|i| u16_at(arg, tcs + i * TC80_SIZE).is_some_and(|flags| flags & MERGED != 0))
        .collect();
    Some(RowDef { edges, merged })
}

fn sorted<P>(mut runs: Vec<(u32, u32, P)>) -> RunTable<P> {
    runs.sort_by_key(|r| r.0);
    RunTable { runs }
}

/// The (start FC, end FC, property bytes) of every run of every FKP of a
/// bin table; FKPs outside the stream or damaged are skipped.
fn fkp_entries<'w>(
    bin_table: &[u8],
    word: &'w [u8],
    kind: FkpKind,
) -> impl Iterator<Item = (u32, u32, &'w [u8])> {
    const PAGE: usize = 512;
    // Each page once: a damaged table listing one page many times must not
    // multiply the runs kept.
    let mut pages: Vec<usize> = Plc::parse(bin_table, 4)
        .map(|plc| {
            (0..plc.len())
                .filter_map(|i| u32_at(plc.data(i), 0))
                .map(|pn| (pn & 0x3F_FFFF) as usize)
                .collect()
        })
        .unwrap_or_default();
    pages.sort_unstable();
    pages.dedup();
    pages.into_iter().flat_map(move |pn| {
        let fkp = pn
            .checked_mul(PAGE)
            .and_then(|start| word.get(start..start.checked_add(PAGE)?))
            .unwrap_or(&[]);
        let count = fkp.last().map_or(0, |&n| usize::from(n));
        (0..count).filter_map(move |i| {
            let start = u32_at(fkp, i * 4)?;
            let end = u32_at(fkp, (i + 1) * 4)?;
            let table = (count + 1) * 4;
            let grpprl = match kind {
                FkpKind::Character => {
                    let offset = usize::from(*fkp.get(table + i)?) * 2;
                    if offset == 0 {
                        &[][..]
                    } else {
                        let len = usize::from(*fkp.get(offset)?);
                        fkp.get(offset + 1..offset + 1 + len)?
                    }
                }
                FkpKind::Paragraph => {
                    let offset = usize::from(*fkp.get(table + i * 13)?) * 2;
                    if offset == 0 {
                        return None;
                    }
                    let cb = usize::from(*fkp.get(offset)?);
                    if cb == 0 {
                        let len = usize::from(*fkp.get(offset + 1)?) * 2;
                        fkp.get(offset + 2..offset + 2 + len)?
                    } else {
                        fkp.get(offset + 1..offset + cb * 2)?
                    }
                }
            };
            Some((start, end, grpprl))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprm_operand_sizes() {
        // ftc0 = 3, a variable-length sprm (tab stops), vanish on, a
        // table definition with a 2-byte size, then istd.
        let grpprl = [
            0x4F, 0x4A, 3, 0, //
            0x0D, 0xC6, 2, 9, 9, //
            0x3C, 0x08, 1, //
            0x08, 0xD6, 3, 0, 7, 7, //
            0x30, 0x4A, 5, 0,
        ];
        let mut props = CharProps::default();
        props.apply(&grpprl);
        assert_eq!(props.font, Some(3));
        assert!(props.hidden);
        assert_eq!(props.style, Some(5));
        assert_eq!(sprms(&grpprl).count(), 5);
        // Truncated: the list ends without reading past the bytes.
        assert_eq!(sprms(&grpprl[..13]).count(), 3);
    }

    #[test]
    fn paragraph_table_and_list_sprms() {
        let grpprl = [
            0x16, 0x24, 1, //
            0x49, 0x66, 2, 0, 0, 0, //
            0x4C, 0x24, 1, //
            0x0B, 0x46, 4, 0, //
            0x40, 0x26, 1,
        ];
        let mut props = ParaProps::default();
        props.apply(&grpprl);
        assert_eq!(props.depth(), 2);
        assert!(props.inner_row_end);
        assert_eq!(props.list, Some(4));
        assert_eq!(props.outline, Some(1));
        let only_in_table = ParaProps {
            in_table: true,
            ..ParaProps::default()
        };
        assert_eq!(only_in_table.depth(), 1);
    }

    #[test]
    fn table_definitions_give_cell_edges() {
        let mut arg = vec![2, 0, 0, 0xE8, 0x03, 0xD0, 0x07];
        arg.extend([1, 0].iter().chain(&[0; 18]));
        arg.extend([2, 0]);
        let row = cell_edges(&arg).unwrap();
        assert_eq!(row.edges, [0, 1000, 2000]);
        assert_eq!(row.merged, [false, true]);
        assert_eq!(cell_edges(&arg[..7]).unwrap().merged, [false, false]);
        assert_eq!(cell_edges(&arg[..4]), None);
    }

    #[test]
    fn fkp_runs_are_found_by_fc() {
        // One CHPX FKP at page 1 with two runs: [1024, 1030) plain and
        // [1030, 1040) in font 2.
        let mut word = vec![0u8; 1024];
        let mut fkp = vec![0u8; 512];
        for (i, fc) in [1024u32, 1030, 1040].iter().enumerate() {
            fkp[i * 4..i * 4 + 4].copy_from_slice(&fc.to_le_bytes());
        }
        fkp[12] = 0;
        fkp[13] = 200;
        fkp[400..405].copy_from_slice(&[4, 0x4F, 0x4A, 2, 0]);
        fkp[511] = 2;
        word.extend(fkp);
        let mut bin = Vec::new();
        for v in [1024u32, 1040, 2] {
            bin.extend(v.to_le_bytes());
        }
        let runs = character_runs(&bin, &word);
        assert_eq!(runs.at(1025).font, None);
        assert_eq!(runs.at(1035).font, Some(2));
        assert_eq!(runs.at(5000), CharProps::default());
        // A page number past the stream is skipped.
        bin[8..12].copy_from_slice(&999u32.to_le_bytes());
        assert_eq!(character_runs(&bin, &word).at(1035), CharProps::default());
    }
}

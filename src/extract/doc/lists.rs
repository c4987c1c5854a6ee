//! The list tables of a Word 97 document ([MS-DOC] 2.9.147 PlfLst with the
//! LVLs that follow it, 2.9.200 PlfLfo), turned into the list definitions the
//! DOCX reader counts with, so both readers draw the same labels.
//!
//! An LSTF (a list, known by its `lsid`) plays the part of an abstract
//! numbering; an LFO (what a paragraph's `ilfo` points at, 1-based) the part
//! of a numbering instance, its LFOLVLs the part of level overrides.

use super::props::CharProps;
use crate::extract::docx::numbering::{LEVELS, Level, Numbering};
use crate::extract::ole::{u16_at, u32_at};
use crate::legacy::{FontRun, LegacyDecoder};

/// `fibRgFcLcb97` indexes of fcPlfLst/lcbPlfLst and fcPlfLfo/lcbPlfLfo.
const PLF_LST: usize = 73;
const PLF_LFO: usize = 74;
const LSTF_SIZE: usize = 28;
const LVLF_SIZE: usize = 28;
const LFO_SIZE: usize = 16;
const LFOLVL_SIZE: usize = 8;

/// The list definitions of a document, keyed for [`Numbering`]: each list by
/// its `lsid`, each instance by its `ilfo` (see [`instance_id`]). Number text
/// in a legacy Vietnamese font is decoded with `decoder`.
pub(super) fn read(
    word: &[u8],
    table: &[u8],
    fonts: &[String],
    decoder: &mut LegacyDecoder,
) -> Numbering {
    let mut numbering = Numbering::default();
    let (Some(lists), Some(overrides)) = (place(word, PLF_LST), place(word, PLF_LFO)) else {
        return numbering;
    };
    for (lsid, mut levels) in lists_of(table, lists, fonts) {
        for level in levels.iter_mut().flatten() {
            decode_number_text(level, decoder);
        }
        numbering.add_list(lsid.to_string(), levels);
    }
    for (i, mut lfo) in instances(table, overrides, fonts).into_iter().enumerate() {
        for (_, level) in &mut lfo.levels {
            decode_number_text(level, decoder);
        }
        numbering.add_instance(
            instance_id(i as u32 + 1),
            lfo.lsid.to_string(),
            lfo.starts,
            lfo.levels,
        );
    }
    numbering
}

/// Number text typed in a legacy font ("§iÒu %1." in .VnTime) as Unicode,
/// as Word draws it in that font; bullets keep their symbol-font codes.
fn decode_number_text(level: &mut Level, decoder: &mut LegacyDecoder) {
    if level.format.as_deref() == Some("bullet") {
        return;
    }
    let (Some(text), Some(font)) = (&level.text, &level.font) else {
        return;
    };
    if text.is_ascii() {
        return;
    }
    let runs = [FontRun {
        text,
        font: Some(font),
    }];
    level.text = Some(decoder.decode_runs(&runs));
}

/// The [`Numbering`] instance id of a paragraph's `ilfo`.
pub(super) fn instance_id(ilfo: u32) -> String {
    ilfo.to_string()
}

/// The (offset, length) pair `index` of the FIB's `fibRgFcLcb`, when the
/// length is not 0.
fn place(word: &[u8], index: usize) -> Option<(usize, usize)> {
    // FibBase is 32 bytes; then fibRgW and fibRgLw, each after its count.
    let csw = usize::from(u16_at(word, 32)?);
    let cslw_at = 34 + csw * 2;
    let cslw = usize::from(u16_at(word, cslw_at)?);
    let pairs_at = cslw_at + 2 + cslw * 4;
    if index >= usize::from(u16_at(word, pairs_at)?) {
        return None;
    }
    let at = pairs_at + 2 + index * 8;
    let (fc, lcb) = (u32_at(word, at)?, u32_at(word, at + 4)?);
    (lcb != 0).then_some((fc as usize, lcb as usize))
}

/// Each LSTF's `lsid` with its levels: a simple list has one LVL, others
/// nine, all stored one after the other right after the PlfLst.
fn lists_of(
    table: &[u8],
    (fc, lcb): (usize, usize),
    fonts: &[String],
) -> Vec<(i32, [Option<Level>; LEVELS])> {
    let Some(plf) = fc.checked_add(lcb).and_then(|end| table.get(fc..end)) else {
        return Vec::new();
    };
    let count = usize::from(u16_at(plf, 0).unwrap_or(0));
    let mut at = fc + lcb;
    let mut lists = Vec::new();
    for i in 0..count {
        let Some(lstf) = plf.get(2 + i * LSTF_SIZE..2 + (i + 1) * LSTF_SIZE) else {
            break;
        };
        let lsid = u32_at(lstf, 0).unwrap_or(0).cast_signed();
        let simple = lstf.get(26).is_some_and(|flags| flags & 1 != 0);
        let mut levels: [Option<Level>; LEVELS] = Default::default();
        for slot in levels.iter_mut().take(if simple { 1 } else { LEVELS }) {
            let Some((level, next)) = parse_lvl(table, at, fonts) else {
                break;
            };
            *slot = Some(level);
            at = next;
        }
        lists.push((lsid, levels));
    }
    lists
}

/// One LFO: the list it points at and what it overrides.
#[derive(Debug, Default)]
struct Instance {
    lsid: i32,
    starts: Vec<(usize, i64)>,
    levels: Vec<(usize, Level)>,
}

/// The LFOs of a PlfLfo, in order, with the overrides of their LFOData.
fn instances(table: &[u8], (fc, lcb): (usize, usize), fonts: &[String]) -> Vec<Instance> {
    let Some(plf) = fc.checked_add(lcb).and_then(|end| table.get(fc..end)) else {
        return Vec::new();
    };
    let count = u32_at(plf, 0).unwrap_or(0) as usize;
    let mut lfos = Vec::new();
    let mut override_counts = Vec::new();
    for i in 0..count {
        let Some(lfo) = plf.get(4 + i * LFO_SIZE..4 + (i + 1) * LFO_SIZE) else {
            break;
        };
        lfos.push(Instance {
            lsid: u32_at(lfo, 0).unwrap_or(0).cast_signed(),
            ..Instance::default()
        });
        override_counts.push(usize::from(lfo.get(12).copied().unwrap_or(0)));
    }
    // The LFOData array follows the LFOs: a CP, then the LFOLVLs, each
    // followed by a whole LVL when it overrides the formatting.
    let mut at = fc + 4 + lfos.len() * LFO_SIZE;
    'lfos: for (lfo, count) in lfos.iter_mut().zip(override_counts) {
        at += 4;
        for _ in 0..count {
            let Some(lfolvl) = table.get(at..at + LFOLVL_SIZE) else {
                break 'lfos;
            };
            at += LFOLVL_SIZE;
            let start = i64::from(u32_at(lfolvl, 0).unwrap_or(0).cast_signed());
            let flags = u32_at(lfolvl, 4).unwrap_or(0);
            let ilvl = (flags & 0x0F) as usize;
            let (start_at, formatting) = (flags & 0x10 != 0, flags & 0x20 != 0);
            if formatting {
                let Some((level, next)) = parse_lvl(table, at, fonts) else {
                    break 'lfos;
                };
                at = next;
                if ilvl < LEVELS {
                    lfo.levels.push((ilvl, level));
                }
            }
            if start_at && ilvl < LEVELS {
                lfo.starts.push((ilvl, start));
            }
        }
    }
    lfos
}

/// The LVL at `at`: LVLF, grpprlPapx, grpprlChpx, then the number text
/// (an Xst). Returns the level and the offset just past it.
fn parse_lvl(table: &[u8], at: usize, fonts: &[String]) -> Option<(Level, usize)> {
    let lvlf = table.get(at..at.checked_add(LVLF_SIZE)?)?;
    let start = i64::from(u32_at(lvlf, 0)?.cast_signed());
    let nfc = *lvlf.get(4)?;
    let flags = *lvlf.get(5)?;
    let placeholders = lvlf.get(6..15)?;
    let (chpx_len, papx_len) = (usize::from(*lvlf.get(24)?), usize::from(*lvlf.get(25)?));
    let restart_limit = *lvlf.get(26)?;
    let chpx_at = at + LVLF_SIZE + papx_len;
    let chpx = table.get(chpx_at..chpx_at + chpx_len)?;
    let xst_at = chpx_at + chpx_len;
    let cch = usize::from(u16_at(table, xst_at)?);
    let units: Vec<u16> = (0..cch)
        .map(|i| u16_at(table, xst_at + 2 + i * 2))
        .collect::<Option<_>>()?;
    let mut props = CharProps::default();
    props.apply(chpx);
    const LEGAL: u8 = 0x04;
    const NO_RESTART: u8 = 0x08;
    let level = Level {
        start: Some(start),
        format: Some(number_format(nfc).to_string()),
        text: Some(template(&units, placeholders)),
        restart_after: (flags & NO_RESTART != 0).then_some(u32::from(restart_limit)),
        legal: flags & LEGAL != 0,
        font: props
            .font
            .and_then(|ftc| fonts.get(usize::from(ftc)))
            .cloned(),
        ..Level::default()
    };
    Some((level, xst_at + 2 + cch * 2))
}

/// The number text as a `%n` template: the characters `rgbxchNums` points at
/// (1-based) hold the 0-based level whose number goes there.
fn template(units: &[u16], placeholders: &[u8]) -> String {
    let mut out = String::new();
    for (i, &unit) in units.iter().enumerate() {
        let is_placeholder = placeholders
            .iter()
            .any(|&p| usize::from(p) == i + 1 && p != 0);
        if is_placeholder && unit < LEVELS as u16 {
            out.push('%');
            out.push(char::from(b'1' + unit as u8));
        } else {
            out.extend(char::decode_utf16([unit]).map(|c| c.unwrap_or('\u{FFFD}')));
        }
    }
    out
}

/// The OOXML name of an MSONFC number format code: the two share their
/// order up to Korean digital 2; codes we do not know count as decimal.
fn number_format(nfc: u8) -> &'static str {
    const NAMES: [&str; 44] = [
        "decimal",
        "upperRoman",
        "lowerRoman",
        "upperLetter",
        "lowerLetter",
        "ordinal",
        "cardinalText",
        "ordinalText",
        "hex",
        "chicago",
        "ideographDigital",
        "japaneseCounting",
        "aiueo",
        "iroha",
        "decimalFullWidth",
        "decimalHalfWidth",
        "japaneseLegal",
        "japaneseDigitalTenThousand",
        "decimalEnclosedCircle",
        "decimalFullWidth2",
        "aiueoFullWidth",
        "irohaFullWidth",
        "decimalZero",
        "bullet",
        "ganada",
        "chosung",
        "decimalEnclosedFullstop",
        "decimalEnclosedParen",
        "decimalEnclosedCircleChinese",
        "ideographEnclosedCircle",
        "ideographTraditional",
        "ideographZodiac",
        "ideographZodiacTraditional",
        "taiwaneseCounting",
        "ideographLegalTraditional",
        "taiwaneseCountingThousand",
        "taiwaneseDigital",
        "chineseCounting",
        "chineseLegalSimplified",
        "chineseCountingThousand",
        "koreanDigital",
        "koreanCounting",
        "koreanLegal",
        "koreanDigital2",
    ];
    match nfc {
        0xFF => "none",
        _ => NAMES.get(usize::from(nfc)).copied().unwrap_or("decimal"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::docx::numbering::ListCounters;
    use crate::model::{Block, BlockKind, Limits};

    /// An LVL: LVLF with `start`, `nfc`, `flags`, the placeholder
    /// positions and `restart_limit`, a PAPX of one sprm, the CHPX and the
    /// number text.
    fn lvl(start: i32, nfc: u8, flags: u8, nums: &[u8], chpx: &[u8], text: &[u16]) -> Vec<u8> {
        lvl_restarting(start, nfc, flags, nums, 0, chpx, text)
    }

    fn lvl_restarting(
        start: i32,
        nfc: u8,
        flags: u8,
        nums: &[u8],
        restart_limit: u8,
        chpx: &[u8],
        text: &[u16],
    ) -> Vec<u8> {
        let papx = [0x0F, 0x84, 0x68, 0x01];
        let mut out = start.to_le_bytes().to_vec();
        out.extend([nfc, flags]);
        let mut rgbxch = [0u8; 9];
        rgbxch[..nums.len()].copy_from_slice(nums);
        out.extend(rgbxch);
        out.extend([0; 9]);
        out.extend([chpx.len() as u8, papx.len() as u8, restart_limit, 0]);
        out.extend(papx);
        out.extend(chpx);
        out.extend((text.len() as u16).to_le_bytes());
        out.extend(text.iter().flat_map(|u| u.to_le_bytes()));
        out
    }

    fn lstf(lsid: i32, simple: bool) -> Vec<u8> {
        let mut out = lsid.to_le_bytes().to_vec();
        out.extend([0; 4 + 18]);
        out.extend([u8::from(simple), 0]);
        out
    }

    /// A table stream holding a PlfLst of two lists (the outline list 7
    /// and the simple bullet list 9, in font 1), their LVLs, then a PlfLfo:
    /// ilfo 1 and 3 use list 7, ilfo 3 restarting level 0 at 5 and drawing
    /// level 1 as "(i)"; ilfo 2 uses list 9. Returns the stream and the
    /// places of the two tables in it.
    fn table() -> (Vec<u8>, (usize, usize), (usize, usize)) {
        let mut plf_lst = 2u16.to_le_bytes().to_vec();
        plf_lst.extend(lstf(7, false));
        plf_lst.extend(lstf(9, true));
        let mut table = vec![0xEE; 4];
        let lst_place = (table.len(), plf_lst.len());
        table.extend(plf_lst);
        // Level 0 "Điều 1."; level 1 "1.a)" restarting after level 0; level
        // 2 legal "1.1.1"; the rest decimal.
        let dieu: Vec<u16> = "Điều \0.".encode_utf16().collect();
        table.extend(lvl(1, 0, 0, &[6], &[], &dieu));
        table.extend(lvl_restarting(
            1,
            4,
            0x08,
            &[1, 3],
            1,
            &[],
            &[0, b'.' as u16, 1, b')' as u16],
        ));
        table.extend(lvl(1, 1, 0x04, &[1, 3, 5], &[], &[0, 46, 1, 46, 2]));
        for ilvl in 3..9u16 {
            table.extend(lvl(1, 0, 0, &[1], &[], &[ilvl]));
        }
        let symbol_font = [0x4F, 0x4A, 1, 0];
        table.extend(lvl(1, 23, 0, &[], &symbol_font, &[0xF0B7]));

        let lfo_at = table.len();
        table.extend(3u32.to_le_bytes());
        for (lsid, overrides) in [(7i32, 0u8), (9, 0), (7, 2)] {
            table.extend(lsid.to_le_bytes());
            table.extend([0; 8]);
            table.extend([overrides, 0, 0, 0]);
        }
        for _ in 0..2 {
            table.extend(0xFFFF_FFFFu32.to_le_bytes());
        }
        table.extend(0xFFFF_FFFFu32.to_le_bytes());
        table.extend(5i32.to_le_bytes());
        table.extend(0x10u32.to_le_bytes());
        table.extend(0i32.to_le_bytes());
        table.extend((0x20u32 | 1).to_le_bytes());
        table.extend(lvl(1, 2, 0, &[2], &[], &[b'(' as u16, 1, b')' as u16]));
        let lfo_place = (lfo_at, table.len() - lfo_at);
        (table, lst_place, lfo_place)
    }

    /// A FIB whose `fibRgFcLcb` has the list tables at their places.
    fn word(lst: (usize, usize), lfo: (usize, usize)) -> Vec<u8> {
        let mut fib = vec![0u8; 32];
        fib.extend(0u16.to_le_bytes());
        fib.extend(0u16.to_le_bytes());
        fib.extend(75u16.to_le_bytes());
        for i in 0..75 {
            let (fc, lcb) = match i {
                PLF_LST => lst,
                PLF_LFO => lfo,
                _ => (0, 0),
            };
            fib.extend((fc as u32).to_le_bytes());
            fib.extend((lcb as u32).to_le_bytes());
        }
        fib
    }

    fn labels(numbering: &Numbering, sequence: &[(u32, u32)]) -> Vec<String> {
        let mut counters = ListCounters::new(numbering);
        sequence
            .iter()
            .map(|&(ilfo, ilvl)| {
                counters
                    .next_label(&instance_id(ilfo), ilvl)
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn lists_count_nest_restart_and_draw_their_bullets() {
        let (table, lst, lfo) = table();
        let fonts = ["Times New Roman".to_string(), "Symbol".to_string()];
        let numbering = read(&word(lst, lfo), &table, &fonts, &mut LegacyDecoder::new());
        assert_eq!(
            labels(
                &numbering,
                &[
                    (1, 0),
                    (1, 1),
                    (1, 1),
                    (2, 0),
                    (1, 2),
                    (1, 0),
                    (1, 1),
                    (3, 0),
                    (3, 1),
                    (3, 0)
                ]
            ),
            [
                "Điều 1.",
                "1.a)",
                "1.b)",
                "•",
                "1.2.1",
                "Điều 2.",
                "2.a)",
                // ilfo 3 restarts list 7 at 5 and draws level 1 its own way.
                "Điều 5.",
                "(i)",
                "Điều 6.",
            ]
        );
        // Unknown instances draw nothing.
        assert_eq!(labels(&numbering, &[(4, 0), (0, 0)]), ["", ""]);
    }

    #[test]
    fn levels_restart_only_after_the_levels_above_their_limit() {
        let (table, lst, lfo) = table();
        let numbering = read(&word(lst, lfo), &table, &[], &mut LegacyDecoder::new());
        // Level 1 restarts after level 0; level 2 (no limit) after level 1.
        assert_eq!(
            labels(&numbering, &[(1, 0), (1, 1), (1, 2), (1, 1), (1, 2)]),
            ["Điều 1.", "1.a)", "1.1.1", "1.b)", "1.2.1"]
        );
    }

    /// A table stream with one simple list drawn by `lvl`, used by ilfo 1.
    fn simple_list(lvl: Vec<u8>) -> (Vec<u8>, (usize, usize), (usize, usize)) {
        let mut table = 1u16.to_le_bytes().to_vec();
        table.extend(lstf(1, true));
        let lst = (0, table.len());
        table.extend(lvl);
        let lfo = (table.len(), 4 + LFO_SIZE + 4);
        table.extend(1u32.to_le_bytes());
        table.extend(1i32.to_le_bytes());
        table.extend([0; 12]);
        table.extend(0xFFFF_FFFFu32.to_le_bytes());
        (table, lst, lfo)
    }

    #[test]
    fn number_text_in_a_legacy_font_is_decoded() {
        let vntime = [0x4F, 0x4A, 0, 0];
        let dieu: Vec<u16> = "§iÒu \0.".encode_utf16().collect();
        let (table, lst, lfo) = simple_list(lvl(3, 0, 0, &[6], &vntime, &dieu));
        let fonts = [".VnTime".to_string()];
        let mut decoder = LegacyDecoder::new();
        let numbering = read(&word(lst, lfo), &table, &fonts, &mut decoder);
        assert_eq!(
            labels(&numbering, &[(1, 0), (1, 0)]),
            ["Điều 3.", "Điều 4."]
        );
        // The same text in a Unicode font is left alone.
        let (table, lst, lfo) = simple_list(lvl(3, 0, 0, &[6], &[], &dieu));
        let numbering = read(&word(lst, lfo), &table, &fonts, &mut decoder);
        assert_eq!(labels(&numbering, &[(1, 0)]), ["§iÒu 3."]);
    }

    #[test]
    fn number_text_placeholders_and_formats() {
        assert_eq!(template(&[0, 46, 1, 46], &[1, 3]), "%1.%2.");
        // A level digit not pointed at is text; a placeholder that is no
        // level digit too.
        assert_eq!(template(&[0, 46, 65], &[3]), "\0.A");
        assert_eq!(number_format(0), "decimal");
        assert_eq!(number_format(2), "lowerRoman");
        assert_eq!(number_format(23), "bullet");
        assert_eq!(number_format(39), "chineseCountingThousand");
        assert_eq!(number_format(0xFF), "none");
        assert_eq!(number_format(200), "decimal");
    }

    #[test]
    fn damaged_tables_never_panic() {
        let (table, lst, lfo) = table();
        let fib = word(lst, lfo);
        for cut in (0..table.len()).step_by(3) {
            let numbering = read(&fib, &table[..cut], &[], &mut LegacyDecoder::new());
            let _ = labels(&numbering, &[(1, 0), (2, 0), (3, 1)]);
        }
        for cut in 0..fib.len() {
            let _ = read(&fib[..cut], &table, &[], &mut LegacyDecoder::new());
        }
        let huge = read(
            &word((0, 2), (usize::MAX - 1, 8)),
            &[0xFF; 64],
            &[],
            &mut LegacyDecoder::new(),
        );
        assert_eq!(labels(&huge, &[(1, 0)]), [""]);
    }

    fn list_labels(blocks: &[Block]) -> Vec<(&str, &str)> {
        blocks
            .iter()
            .filter(|b| b.kind == BlockKind::ListItem)
            .map(|b| (b.label.as_deref().unwrap_or(""), b.text.as_str()))
            .collect()
    }

    #[test]
    fn labels_match_the_docx_reader_on_the_same_document() {
        let fixture = |name: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/doc")
                .join(name);
            std::fs::read(path).unwrap()
        };
        let limits = Limits::default();
        let doc = super::super::extract(&fixture("lists.doc"), &limits).unwrap();
        let docx = crate::extract::docx::extract(&fixture("lists.docx"), &limits).unwrap();
        let labels = list_labels(&doc.blocks);
        assert_eq!(labels, list_labels(&docx.blocks));
        assert_eq!(
            labels,
            [
                ("1.", "First step"),
                ("2.", "Second step"),
                ("a)", "Sub item a"),
                ("b)", "Sub item b"),
                ("3.", "Third step"),
                ("1.", "Restarted one"),
                ("2.", "Restarted two"),
                ("•", "A bullet"),
                ("•", "Another bullet"),
                ("Chương I.", "General provisions"),
                ("Chương II.", "Implementation"),
            ]
        );
    }
}

//! The other documents a document cites by number: "Nghị định số
//! 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", "theo 45/KH-UBND",
//! "《关于…的通知》（国办发〔2019〕2号）", "TCVN 6909:2001", "HAF 103".
//!
//! Each block is read on its own, in one pass: its numbers (the symbols of
//! [`symbols::find`]; the older forms "15/CP", "25-HĐBT", "60 TC/CĐKT"
//! where a type word or "số" leads to them or a list continues; standards
//! and safety codes), then for each the words before it (type word, "các",
//! "Số:", a 《title》), the date right after it and the issuer after "của".
//! A list shares its last issuer; a citation cut at the end of its block
//! takes its date and issuer from the next one. Page headers and footers
//! are left out: they repeat the document's own number and title.

use super::{DocType, DocTypes, Reference, dates, symbols};
use crate::model::{Block, BlockKind};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Bytes of text read before a number for its type word.
const LOOK_BACK: usize = 200;
/// Bytes of text searched for a type word separated from its number by a
/// name ("Luật Khám bệnh, chữa bệnh số …").
const NAME_LOOK_BACK: usize = 160;
/// Most chars between a number or date and its date.
const DATE_GAP: usize = 3;
/// Most words of an issuer; a longer run is a sentence, not a name.
const ISSUER_WORDS: usize = 16;

/// Older numbers, taken only after a type word or "số", or as the next
/// member of a list: "15/CP", "25-HĐBT", "21- NQ/TƯ", "212-TC/CĐKT", "60
/// TC/CĐKT", "1141 TC/QĐ/CĐKT", "29/TTLB".
static LOOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,5}(?:/\d{4})?(- ?|/| )(\p{Lu}[\p{L}\d]*)((?:[-/]\p{Lu}[\p{L}\d]*)*)")
        .expect("the loose number pattern is valid")
});

/// Standards cited by code: "TCVN 6909:2001", "QCVN 16-1:2025/BYT", "ISO
/// 8601", "ISO/IEC 17025".
static STANDARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:TCVN|QCVN|ISO/IEC|ISO|IEC) \d{1,6}(?:-\d{1,4})*(?::\d{4})?(?:/\p{Lu}{2,}[\p{L}\d]*)?",
    )
    .expect("the standard pattern is valid")
});

/// Chinese standards and nuclear-safety codes, and IAEA guides: "GB/T
/// 1.1-2020", "NB/T 20513.1-2018", "HAF 103/2022", "HAD103/11", "IAEA
/// SSG-25"; the prefix captured.
static ZH_STANDARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(GB/T|GB/Z|GB|NB/T|DL/T|WS/T|WS|YY/T|YY|EJ/T|HJ/T|HJ) ?\d+(?:\.\d+)*[-—–－]\d{4}",
        r"|(HAF|HAD) ?\d{3}(?:/\d{2,4})?(?:[-—–]\d{4})?",
        r"|IAEA (SSG|SSR|GSR|GSG)-\d+",
    ))
    .expect("the Chinese standard pattern is valid")
});

/// What closes a number given in parentheses after its title: "）", "，2006）".
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[，,] ?(?:19|20)\d\d)? ?[）)]").expect("the closing pattern is valid")
});

/// A title right after a number: "NB/T 20513.1-2018《核电厂…》".
static TITLE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^《[^《》\n]{1,100}》").expect("the title pattern is valid"));

/// The words that may lead to a standard's code, lower-cased: "Tiêu chuẩn
/// Việt Nam TCVN 6909:2001", "tiêu chuẩn ISO 8601".
const STANDARD_WORDS: [&str; 5] = [
    "tiêu chuẩn việt nam",
    "tiêu chuẩn quốc gia",
    "tiêu chuẩn",
    "quy chuẩn kỹ thuật quốc gia",
    "quy chuẩn",
];

/// A symbol starting with its year: "2025/TT-BYT" of "55 /2025/TT-BYT".
static YEAR_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:19|20)\d\d/").expect("the year pattern is valid"));

/// The number part before a year, printed with spaces: "55 /".
static SPACED_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,5}\s*/\s*$").expect("the spaced head pattern is valid"));

/// What may continue a symbol past where [`symbols::find`] stops: "/BTC" of
/// "1803/1998/QĐ/BTC", ".UB" of "1330/QĐ-CT.UB", "- BKHCN" of
/// "02/2017/TT- BKHCN".
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:/\p{Lu}[\p{L}\d]*(?:-[\p{L}\d]+)*|\.\p{Lu}{2,}[\p{Lu}\d]*|-\s\p{Lu}{2,}[\p{Lu}\d]*)",
    )
    .expect("the tail pattern is valid")
});

/// The legislature of a law number printed apart: " 10" of "03/1998/QH 10".
static LEGISLATURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ \d{1,2}\b").expect("the legislature pattern is valid"));

/// "của" leading to an issuer.
static ISSUER_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s,]*(?:của|Của|CỦA)\s+").expect("the issuer lead pattern is valid")
});

/// Words that end an issuer's name ("của Chính phủ về …"), when written in
/// lower case or in capitals.
const STOP_WORDS: [&str; 50] = [
    "về", "tại", "theo", "đã", "được", "bị", "hết", "cho", "kèm", "để", "là", "có", "nay", "ngày",
    "năm", "trước", "sau", "khi", "đến", "từ", "với", "trong", "nhằm", "gửi", "giao", "nêu", "này",
    "đó", "thì", "mà", "như", "nhưng", "hoặc", "đang", "sẽ", "không", "phải", "trình", "các",
    "những", "một", "mọi", "đều", "đề", "cùng", "v/v", "hd", "nên", "hdẫn", "h/dẫn",
];

/// Two-word verbs that end an issuer's name in any case ("… Bộ Y tế Quy
/// định …", "… CỦA CP THI HÀNH …").
const STOP_PHRASES: [&str; 16] = [
    "quy định",
    "qui định",
    "ban hành",
    "hướng dẫn",
    "phê duyệt",
    "sửa đổi",
    "bổ sung",
    "bãi bỏ",
    "thực hiện",
    "thi hành",
    "thay thế",
    "triển khai",
    "áp dụng",
    "điều chỉnh",
    "quyết định",
    "về việc",
];

/// Two-word verbs that end an issuer's name in lower case only (capitalised,
/// they name bodies: "Ban Chỉ đạo").
const LOWER_STOP_PHRASES: [&str; 5] = ["chỉ đạo", "kết luận", "thông báo", "công bố", "tổ chức"];

/// Chars that end an issuer's name.
const STOP_CHARS: &[char] = &[
    ',', ';', ':', '.', '(', ')', '[', ']', '“', '”', '"', '‘', '’', '《', '》', '!', '?', '…',
    '\n',
];

/// A person's title, which a comma may follow inside an issuer ("Bộ
/// trưởng, Trưởng ban Ban Tổ chức cán bộ Chính phủ").
const PERSON_TITLES: [&str; 10] = [
    "bộ trưởng",
    "chủ tịch",
    "thủ tướng",
    "giám đốc",
    "thống đốc",
    "chủ nhiệm",
    "trưởng ban",
    "cục trưởng",
    "viện trưởng",
    "tổng cục trưởng",
];

/// Words before a type word that make it part of a body's name ("Sở Kế
/// hoạch và Đầu tư").
const BODY_WORDS: [&str; 9] = ["bộ", "sở", "vụ", "cục", "phòng", "ban", "viện", "ủy", "uỷ"];

/// Words naming a part of a document or a form, which a number may follow
/// without the number being a document's ("Phụ lục số 02/TTM").
const PARTS: [&str; 4] = ["phụ lục", "biểu", "mẫu", "phiếu"];

/// Every document `blocks` cite by number, in order of first citation
/// (once per number, compared by [`symbols::key`]), leaving out the
/// document's own `number`.
pub fn find(blocks: &[Block], types: &DocTypes, own_number: Option<&str>) -> Vec<Reference> {
    let own = own_number.map(symbols::key).filter(|key| !key.is_empty());
    let is_own = |key: &str| {
        own.as_deref().is_some_and(|own| {
            // A number read whole here and cut short in the header, or the
            // other way round ("155/1998/TT/BTC", "155/1998/TT").
            key == own
                || key.strip_prefix(own).is_some_and(|r| r.starts_with('/'))
                || own.strip_prefix(key).is_some_and(|r| r.starts_with('/'))
        })
    };
    let mut marks: Option<HashMap<&str, (usize, usize)>> = None;
    let mut seen = HashSet::new();
    let mut references = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        if matches!(block.kind, BlockKind::Header | BlockKind::Footer) || !has_number(&block.text) {
            continue;
        }
        for mut cite in citations(&block.text, types) {
            let key = symbols::key(&cite.number);
            if is_own(&key) {
                continue;
            }
            if cite.open_end && (cite.date.is_none() || cite.issuer.is_none()) {
                continue_in_next(blocks, index, &mut cite);
            }
            if !seen.insert(key) {
                continue;
            }
            let mut doc_type = cite.word_type;
            if doc_type.is_none()
                && block.kind == BlockKind::Footnote
                && let Some(id) = block.id.as_deref()
            {
                let marks = marks.get_or_insert_with(|| note_marks(blocks));
                doc_type = marks
                    .get(id)
                    .and_then(|&(at, offset)| type_before_mark(&blocks[at].text, offset, types));
            }
            let doc_type = doc_type
                .or(cite.code_type)
                .or(cite.letter.then_some(DocType::OfficialLetter));
            references.push(Reference {
                text: cite.text,
                number: Some(cite.number),
                doc_type,
                date: cite.date,
                issuer: cite.issuer,
                block: index,
                start: cite.start,
                end: cite.end,
            });
        }
    }
    references
}

/// The date and issuer of a citation that runs on into the next block
/// ("(Kèm theo Nghị định số 30/2020/NĐ-CP" / "ngày 05 tháng 3 năm 2020 của
/// Chính phủ)"), where it lacks them; its text stays in its own block.
fn continue_in_next(blocks: &[Block], index: usize, cite: &mut Cite) {
    let Some(next) = blocks.get(index + 1) else {
        return;
    };
    if matches!(next.kind, BlockKind::Header | BlockKind::Footer) {
        return;
    }
    let text = next.text.as_str();
    // Only a date opening the block counts: read its first chars alone.
    let head = &text[..floor_boundary(text, 64)];
    let mut at = 0;
    if cite.date.is_none()
        && let Some(date) = dates::first(head)
    {
        let start = text
            .char_indices()
            .nth(date.start)
            .map_or(text.len(), |(b, _)| b);
        let end = text
            .char_indices()
            .nth(date.end)
            .map_or(text.len(), |(b, _)| b);
        if text[..start].trim().is_empty() {
            cite.date = Some(date.iso);
            at = end;
        }
    }
    if cite.issuer.is_none()
        && (at > 0 || cite.date.is_some())
        && let Some((name, _)) = issuer_after(text, at, text.len())
    {
        cite.issuer = Some(name);
    }
}

/// A citation of one block, offsets in chars.
#[derive(Debug)]
struct Cite {
    text: String,
    start: usize,
    end: usize,
    number: String,
    /// From the type word, the plural type word of a list, or the title.
    word_type: Option<DocType>,
    /// From the symbol's type code.
    code_type: Option<DocType>,
    /// A Vietnamese symbol with no type code (123/UBND-VX): an official
    /// letter unless something else tells.
    letter: bool,
    date: Option<String>,
    issuer: Option<String>,
    /// Nothing but spaces, commas or a dangling "ngày" follows it in its
    /// block: its date may stand in the next one.
    open_end: bool,
}

/// A number found in a block, byte offsets.
#[derive(Debug)]
struct Candidate {
    start: usize,
    end: usize,
    code: Option<String>,
    chinese: bool,
    /// One of the older forms of [`LOOSE`].
    loose: bool,
    /// A loose number with more than one part ("25-HĐBT", "06-KL/TU"), which
    /// "số" alone may lead to.
    compound: bool,
    /// A standard's code ([`STANDARD`]).
    standard: bool,
}

/// What stands before a number, byte offsets.
#[derive(Debug, Clone, Copy)]
struct Lead {
    /// Where the citation starts: its type word, its 《title》, or the
    /// number.
    start: usize,
    word_type: Option<DocType>,
    /// "các Quyết định số …": the type word covers the list.
    plural: bool,
    /// "số" stands right before the number.
    so: bool,
    /// "Số: 45/KH-UBND" with no type word: a document's number field (its
    /// own, or an example of one), not a citation.
    field: bool,
    /// "《…》（" stands before the number: its closing "）" is the
    /// citation's.
    paren: bool,
    /// The issuer a Chinese title names before "关于" (byte span).
    title_issuer: Option<(usize, usize)>,
}

/// Turns the char offsets of a text into byte offsets and back, counting
/// on from the last offset turned (from the start when asked one before
/// it): offsets asked in order cost one pass over the text, with no table
/// of every char's offset to build for each block.
struct CharMap<'t> {
    text: &'t str,
    /// The last offset turned, in bytes and in chars.
    byte: usize,
    char: usize,
}

impl<'t> CharMap<'t> {
    fn new(text: &'t str) -> Self {
        CharMap {
            text,
            byte: 0,
            char: 0,
        }
    }

    /// The byte offset of char `char_offset`; the text's length past its
    /// end.
    fn byte(&mut self, char_offset: usize) -> usize {
        if char_offset < self.char {
            (self.byte, self.char) = (0, 0);
        }
        let rest = &self.text[self.byte..];
        match rest.char_indices().nth(char_offset - self.char) {
            Some((at, _)) => (self.byte, self.char) = (self.byte + at, char_offset),
            None => (self.byte, self.char) = (self.text.len(), self.char + rest.chars().count()),
        }
        self.byte
    }

    /// The char offset of byte `byte_offset`: the chars that start before
    /// it.
    fn char(&mut self, byte_offset: usize) -> usize {
        if !self.text.is_char_boundary(byte_offset) {
            return self
                .text
                .char_indices()
                .take_while(|&(at, _)| at < byte_offset)
                .count();
        }
        if byte_offset < self.byte {
            (self.byte, self.char) = (0, 0);
        }
        self.char += self.text[self.byte..byte_offset].chars().count();
        self.byte = byte_offset;
        self.char
    }
}

/// The citations of one block's `text`, in order.
fn citations(text: &str, types: &DocTypes) -> Vec<Cite> {
    // Every number symbol has a "/" or a "号"; the other forms a "/", "-",
    // or a standard's letters, which the patterns find fast.
    // (One char at a time: a search for either of two chars would decode
    // every char of the block.)
    let symbols = match text.contains('/') || text.contains('号') {
        true => symbols::find(text),
        false => Vec::new(),
    };
    let candidates = candidates(text, symbols);
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut map = CharMap::new(text);
    let found_dates: Vec<(usize, usize, String)> = dates::find(text)
        .into_iter()
        .map(|d| (map.byte(d.start), map.byte(d.end), d.iso))
        .collect();
    let code_types: Vec<Option<DocType>> = candidates
        .iter()
        .map(|c| {
            let code = c.code.as_deref();
            match c.standard {
                true => Some(standard_type(code.unwrap_or(""), c.chinese, types)),
                false => code.and_then(|code| types.code(code, c.chinese)),
            }
        })
        .collect();
    let leads: Vec<Lead> = candidates
        .iter()
        .enumerate()
        .map(|(i, cand)| {
            let floor = floor_boundary(text, cand.start.saturating_sub(LOOK_BACK));
            let floor = match i {
                0 => floor,
                _ => floor.max(candidates[i - 1].end).min(cand.start),
            };
            lead(text, floor, cand, code_types[i], types)
        })
        .collect();

    struct Found {
        start: usize,
        end: usize,
        cand: usize,
        word_type: Option<DocType>,
        plural: bool,
        own_word: bool,
        adjacent: bool,
        date: Option<String>,
        issuer: Option<String>,
        issuer_before: Option<String>,
    }
    let mut found: Vec<Found> = Vec::new();
    for (i, (cand, lead)) in candidates.iter().zip(&leads).enumerate() {
        // Number fields, form codes ("theo mẫu 02-TCMR", "Mẫu số 3-TT") and
        // parts of documents ("Phụ lục số 02/TTM"): not documents cited.
        if lead.field || lead.word_type == Some(DocType::Form) || names_a_part(&text[lead.start..])
        {
            continue;
        }
        let previous = found.last();
        let adjacent =
            previous.is_some_and(|p| p.end <= lead.start && list_gap(&text[p.end..lead.start]));
        if cand.loose && lead.word_type.is_none() && !(lead.so && cand.compound) && !adjacent {
            continue;
        }
        let (mut word_type, mut plural) = (lead.word_type, lead.plural);
        if word_type.is_none()
            && adjacent
            && let Some(p) = previous
            && (p.plural || cand.loose)
        {
            (word_type, plural) = (p.word_type, p.plural);
        }
        let limit = leads
            .get(i + 1)
            .map_or(text.len(), |next| next.start)
            .max(cand.end);
        let mut end = cand.end;
        let mut date = None;
        if cand.chinese {
            // "《…》（国办发〔2019〕2号）": the parenthesis closed;
            // "NB/T 20513.1-2018《…》": the title after.
            if lead.paren
                && let Some(close) = CLOSING.find(&text[end..limit])
            {
                end += close.end();
            } else if cand.standard
                && lead.start == cand.start
                && let Some(title) = TITLE_AFTER.find(&text[end..limit])
            {
                end += title.end();
            }
        }
        if cand.standard {
            found.push(Found {
                start: lead.start,
                end,
                cand: i,
                word_type,
                plural,
                own_word: true,
                adjacent,
                date: None,
                issuer: None,
                issuer_before: None,
            });
            continue;
        }
        if let Some((_, date_end, iso)) = date_at(&found_dates, text, end, limit) {
            date = Some(iso.clone());
            end = *date_end;
        }
        let mut issuer = None;
        if !cand.chinese
            && let Some((name, name_end)) = issuer_after(text, end, limit)
        {
            issuer = Some(name);
            end = name_end;
            if date.is_none()
                && let Some((_, date_end, iso)) = date_at(&found_dates, text, end, limit)
            {
                date = Some(iso.clone());
                end = *date_end;
            }
        }
        let issuer_before = match (&issuer, cand.chinese) {
            (None, false) => issuer_before(text, lead.start),
            (None, true) => lead.title_issuer.map(|(a, b)| text[a..b].to_string()),
            _ => None,
        };
        if cand.chinese && date.is_none() {
            // "2021年9月30日，国家能源局下达了《…》（…）": the sentence's date.
            let floor = if i == 0 { 0 } else { candidates[i - 1].end };
            date = sentence_date(&found_dates, text, floor, lead.start);
        }
        found.push(Found {
            start: lead.start,
            end,
            cand: i,
            word_type,
            plural,
            own_word: lead.word_type.is_some(),
            adjacent,
            date,
            issuer,
            issuer_before,
        });
    }
    // A list of numbers of one issuer shares the issuer after its last
    // member ("Quyết định số A/QĐ-TTg ngày …, Quyết định số B/QĐ-TTg ngày …
    // của Thủ tướng Chính phủ"), and a bare member the date of the next one
    // ("1205-TC/CĐKT và 1206-TC/CĐKT ngày 14-12-1994").
    let issuer_part = |f: &Found| {
        let cand = &candidates[f.cand];
        let letter = !cand.chinese && !cand.loose && !cand.standard && cand.code.is_none();
        issuer_part(&text[cand.start..cand.end], letter)
    };
    for i in (1..found.len()).rev() {
        let one_issuer = found[i].plural || issuer_part(&found[i - 1]) == issuer_part(&found[i]);
        if !found[i].adjacent || !one_issuer {
            continue;
        }
        let (issuer, date, own_word) = (
            found[i].issuer.clone(),
            found[i].date.clone(),
            found[i].own_word,
        );
        let previous = &mut found[i - 1];
        if previous.issuer.is_none() {
            previous.issuer = issuer;
        }
        if previous.date.is_none() && !own_word {
            previous.date = date;
        }
    }
    found
        .into_iter()
        .map(|f| {
            let cand = &candidates[f.cand];
            Cite {
                text: text[f.start..f.end].to_string(),
                start: map.char(f.start),
                end: map.char(f.end),
                number: text[cand.start..cand.end].to_string(),
                word_type: f.word_type,
                code_type: code_types[f.cand],
                letter: !cand.chinese && !cand.loose && !cand.standard && cand.code.is_none(),
                date: f.date,
                issuer: f.issuer.or(f.issuer_before),
                open_end: open_end(&text[f.end..]),
            }
        })
        .collect()
}

/// The date opening the Chinese sentence that ends at `start` (after
/// `floor`): "2021年9月30日，国家能源局下达了《…》".
fn sentence_date(
    found: &[(usize, usize, String)],
    text: &str,
    floor: usize,
    start: usize,
) -> Option<String> {
    let sentence = text[..start]
        .rfind(['。', '；', '！', '？', '\n'])
        .map_or(0, |at| at + '。'.len_utf8())
        .max(floor);
    found
        .iter()
        .find(|d| d.0 >= sentence && d.1 <= start)
        .filter(|d| text[sentence..d.0].trim().is_empty())
        .map(|d| d.2.clone())
}

/// The type of a standard's code: a rule of `types` for it, else the
/// nuclear-safety regulations (HAF) and guides (HAD, IAEA SSG/GSG), else
/// other.
fn standard_type(code: &str, chinese: bool, types: &DocTypes) -> DocType {
    types.code(code, chinese).unwrap_or(match code {
        "HAF" | "SSR" | "GSR" => DocType::Regulation,
        "HAD" | "SSG" | "GSG" => DocType::Guidance,
        _ => DocType::Other,
    })
}

/// A letter or digit of a word in Latin script: not a Chinese character,
/// which may touch a code ("2022版HAF103中").
fn latin_word_char(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whether `text` has a char that is a number: most blocks that have one
/// have an ASCII digit, which a byte scan finds without decoding chars.
fn has_number(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || (!text.is_ascii() && text.chars().any(is_numeric))
}

/// `char::is_numeric`, with no table look-up for the chars of Vietnamese
/// and Chinese text that are never numbers: every block is scanned for one.
/// Below U+0660 only the ASCII digits, "²", "³", "¹", "¼", "½" and "¾" are
/// numbers; none of the Latin letters with diacritics (U+1E00–U+1EFF), of
/// Greek (U+1F00–U+1FFF) or of the CJK ideographs (U+4E00–U+9FFF) is.
fn is_numeric(c: char) -> bool {
    match c {
        '\0'..='\u{65F}' => c.is_ascii_digit() || matches!(c, '²' | '³' | '¹' | '¼' | '½' | '¾'),
        '\u{1E00}'..='\u{1FFF}' | '\u{4E00}'..='\u{9FFF}' => false,
        _ => c.is_numeric(),
    }
}

/// Whether `text` starts with a word naming a part of a document or a
/// form: "Phụ lục", "Biểu", "Mẫu".
fn names_a_part(text: &str) -> bool {
    let head: String = text.chars().take(8).collect::<String>().to_lowercase();
    PARTS.iter().any(|part| {
        head.strip_prefix(part)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// Whether what follows a citation in its block lets it run on into the
/// next block: spaces, commas, a dangling "ngày".
fn open_end(rest: &str) -> bool {
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == ',');
    rest.is_empty() || (rest.len() <= "ngày".len() && rest.to_lowercase() == "ngày")
}

/// The numbers of `text`, in order, without overlaps, from its `symbols`
/// and the other patterns.
fn candidates(text: &str, symbols: Vec<symbols::Symbol>) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = symbols
        .into_iter()
        .map(|symbol| {
            let (start, end) = (symbol.bytes.start, symbol.bytes.end);
            let (start, end) = if symbol.chinese {
                (start, end)
            } else {
                extend(text, start, end, symbol.code.as_deref())
            };
            Candidate {
                start,
                end,
                code: symbol.code,
                chinese: symbol.chinese,
                loose: false,
                compound: true,
                standard: false,
            }
        })
        .collect();
    // Standards: whole codes, which may touch Chinese characters
    // ("2022版HAF103中").
    let bounded = |start: usize, end: usize| {
        text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !latin_word_char(c))
            && text[end..]
                .chars()
                .next()
                .is_none_or(|c| !latin_word_char(c))
    };
    for standard in STANDARD.find_iter(text) {
        if bounded(standard.start(), standard.end()) {
            let code = standard.as_str().split(' ').next().unwrap_or("");
            found.push(Candidate {
                start: standard.start(),
                end: standard.end(),
                code: Some(code.to_string()),
                chinese: false,
                loose: false,
                compound: false,
                standard: true,
            });
        }
    }
    for caps in ZH_STANDARD.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let code = (1..=3).find_map(|g| caps.get(g)).map_or("", |m| m.as_str());
        if bounded(whole.start(), whole.end()) {
            found.push(Candidate {
                start: whole.start(),
                end: whole.end(),
                code: Some(code.to_string()),
                chinese: true,
                loose: false,
                compound: false,
                standard: true,
            });
        }
    }
    let strict = found.len();
    // Every loose form has a "/" or a "-".
    let haystack = match memchr::memchr2(b'/', b'-', text.as_bytes()) {
        Some(_) => text,
        None => "",
    };
    for caps in LOOSE.captures_iter(haystack) {
        let Some(whole) = caps.get(0) else { continue };
        let separator = caps.get(1).map_or("", |m| m.as_str());
        let code = caps.get(2).map_or("", |m| m.as_str());
        let more = caps.get(3).is_some_and(|m| !m.as_str().is_empty());
        // Whole words only (the pattern has no \b, which would keep the
        // regex off its fast engines on non-ASCII text).
        let bounded = text[whole.end()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
            && text[..whole.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        if !bounded
            || (separator == " " && !more)
            || (!more && code.chars().count() < 2)
            || found[..strict]
                .iter()
                .any(|s| s.start < whole.end() && whole.start() < s.end)
        {
            continue;
        }
        found.push(Candidate {
            start: whole.start(),
            end: whole.end(),
            code: Some(code.to_string()),
            chinese: false,
            loose: true,
            compound: more || separator.starts_with('-'),
            standard: false,
        });
    }
    found.sort_by_key(|c| c.start);
    let mut kept: Vec<Candidate> = Vec::with_capacity(found.len());
    for cand in found {
        if kept.last().is_none_or(|k| k.end <= cand.start) {
            kept.push(cand);
        }
    }
    kept
}

/// A Vietnamese symbol's span grown over what [`symbols::find`] leaves
/// out: the spaced number of "55 /2025/TT-BYT", the tails of [`TAIL`], the
/// legislature of "03/1998/QH 10".
fn extend(text: &str, start: usize, end: usize, code: Option<&str>) -> (usize, usize) {
    let mut start = start;
    if YEAR_FIRST.is_match(&text[start..end]) {
        let from = floor_boundary(text, start.saturating_sub(16));
        if let Some(head) = SPACED_HEAD.find(&text[from..start]) {
            start = from + head.start();
        }
    }
    let mut end = end;
    while let Some(tail) = TAIL.find(&text[end..]) {
        let after = end + tail.end();
        if text[after..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            break;
        }
        end = after;
    }
    if code == Some("QH")
        && let Some(term) = LEGISLATURE.find(&text[end..])
    {
        end += term.end();
    }
    (start, end)
}

/// What leads to `cand` in `text[floor..cand.start]`.
fn lead(
    text: &str,
    floor: usize,
    cand: &Candidate,
    code_type: Option<DocType>,
    types: &DocTypes,
) -> Lead {
    let before = &text[floor..cand.start];
    let mut found = Lead {
        start: cand.start,
        word_type: None,
        plural: false,
        so: false,
        field: false,
        paren: false,
        title_issuer: None,
    };
    if cand.standard && !cand.chinese {
        let rest = before.trim_end();
        let tail = last_words(rest, 48).to_lowercase();
        if let Some(words) = STANDARD_WORDS.iter().find(|w| {
            tail.strip_suffix(**w)
                .is_some_and(|h| h.is_empty() || h.ends_with(|c: char| !c.is_alphanumeric()))
        }) && let Some(at) = char_start_from_end(rest, words.chars().count())
        {
            found.start = floor + at;
        }
        return found;
    }
    if cand.chinese {
        let rest = before.trim_end();
        let opened = rest.ends_with(['（', '(']);
        let rest = rest.trim_end_matches(['（', '(']).trim_end();
        if let Some(stripped) = rest.strip_suffix('》')
            && let Some(open) = stripped.rfind('《')
        {
            let title_at = open + '《'.len_utf8();
            let title = &stripped[title_at..];
            found.start = floor + open;
            found.paren = opened;
            found.word_type = title_type(title, types);
            // "《国家能源局综合司关于…的通知》": the body before "关于".
            if let Some(at) = title.find("关于")
                && (1..=20).contains(&title[..at].chars().count())
                && !title[..at].contains(|c: char| !c.is_alphanumeric())
            {
                found.title_issuer = Some((floor + title_at, floor + title_at + at));
            }
        } else if opened {
            // "…的通知（国办发〔2019〕2号）": the title unbracketed.
            found.word_type = types.chinese_title_end(rest).map(|(t, _)| t);
        }
        return found;
    }
    let mut rest = before.trim_end();
    rest = rest.strip_suffix(':').unwrap_or(rest).trim_end();
    let mut field = false;
    if let Some((head, so)) = strip_so(rest) {
        found.so = true;
        // "Số:" opening a line, or after a punctuation mark.
        let line_start = head[head.trim_end().len()..].contains('\n');
        field = so.starts_with(char::is_uppercase)
            && (line_start
                || head
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric() && c != ','));
        rest = head.trim_end();
        rest = rest.strip_suffix('(').unwrap_or(rest).trim_end();
    }
    let named = |rest: &str| match found.so {
        true => named_type(rest, code_type, types),
        false => None,
    };
    if !(found.so && strip_so(rest).is_some())
        && let Some((doc_type, chars)) = types.vietnamese_word_before(last_words(rest, 64))
        && let Some(at) = char_start_from_end(rest, chars)
    {
        // "… quy phạm pháp luật số": "luật" in lower case ends a law's
        // name rather than being its type word.
        let lower_law = doc_type == DocType::Law && rest[at..].starts_with(char::is_lowercase);
        if lower_law && let Some((doc_type, named_at)) = named(rest) {
            found.start = floor + named_at;
            found.word_type = Some(doc_type);
            return found;
        }
        if !(lower_law && ends_with_word(&rest[..at], "pháp")) {
            found.start = floor + at;
            found.word_type = Some(doc_type);
            found.plural = ends_with_word(&rest[..at], "các");
            return found;
        }
    }
    if field {
        found.field = true;
        return found;
    }
    if let Some((doc_type, at)) = named(rest) {
        found.start = floor + at;
        found.word_type = Some(doc_type);
    }
    found
}

/// `text` without a final "số" (any case): the rest and the "số" as written.
fn strip_so(text: &str) -> Option<(&str, &str)> {
    let at = char_start_from_end(text, 2)?;
    let (head, tail) = text.split_at(at);
    let bounded = head
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    (tail.to_lowercase() == "số" && bounded).then_some((head, tail))
}

/// A type word some words before "số" in `rest`, with a name between:
/// "Luật Khám bệnh, chữa bệnh", "Thông tư liên bộ". Taken for laws
/// (whose names stand there), when the number's code agrees, or when at
/// most two words stand between. The type and the word's byte offset.
fn named_type(
    rest: &str,
    code_type: Option<DocType>,
    types: &DocTypes,
) -> Option<(DocType, usize)> {
    let mut from = floor_boundary(rest, rest.len().saturating_sub(NAME_LOOK_BACK));
    for stop in [";", "\n", ". ", ": ", "“", "\""] {
        if let Some(at) = rest[from..].rfind(stop) {
            from += at + stop.len();
        }
    }
    let window = &rest[from..];
    // Capitalised type words of the window: (type, start, end). A type word
    // has at most four words ("Nghị quyết liên tịch"); each is tried alone.
    let spans: Vec<(usize, usize)> = word_spans(window);
    let mut words: Vec<(DocType, usize, usize)> = Vec::new();
    for (i, &(start, _)) in spans.iter().enumerate() {
        if !window[start..].starts_with(char::is_uppercase) {
            continue;
        }
        let body = window[..start]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| BODY_WORDS.contains(&w.to_lowercase().as_str()));
        if body {
            continue;
        }
        let found = spans[i..].iter().take(4).rev().find_map(|&(_, end)| {
            let word = &window[start..end];
            let (doc_type, chars) = types.vietnamese_word_before(word)?;
            (strip_so(word).is_none() && chars == word.chars().count())
                .then_some((doc_type, start, end))
        });
        words.extend(found);
    }
    // The last one, or an earlier one that it amends: "Luật sửa đổi, bổ
    // sung một số điều của Luật X số …".
    let mut chosen = words.len().checked_sub(1)?;
    while chosen > 0 && ends_with_word(&window[words[chosen - 1].2..words[chosen].1], "của") {
        chosen -= 1;
    }
    let (doc_type, at, end) = words[chosen];
    let between = window[end..].split_whitespace().count();
    (doc_type == DocType::Law || code_type == Some(doc_type) || between <= 2)
        .then_some((doc_type, from + at))
}

/// The byte spans of the words (runs of letters and digits) of `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                spans.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        spans.push((from, text.len()));
    }
    spans
}

/// The end of `text` from a word start at most `bytes` back: enough for a
/// type word, and cheap to lower-case.
fn last_words(text: &str, bytes: usize) -> &str {
    if text.len() <= bytes {
        return text;
    }
    let from = floor_boundary(text, text.len() - bytes);
    match text[from..].find(char::is_whitespace) {
        Some(at) => &text[from + at..],
        None => &text[from..],
    }
}

/// The type a Chinese title ends with, a final parenthesis left out
/// ("母婴安全行动提升计划（2021—2025年）" is a plan).
fn title_type(title: &str, types: &DocTypes) -> Option<DocType> {
    let title = title.trim();
    let title = match title.ends_with(['）', ')']) {
        true => title.rfind(['（', '(']).map_or(title, |at| &title[..at]),
        false => title,
    };
    types.chinese_title_end(title).map(|(t, _)| t)
}

/// The type of what a note mark at char `offset` of `text` follows: a
/// 《title》 or a Vietnamese type word.
fn type_before_mark(text: &str, offset: usize, types: &DocTypes) -> Option<DocType> {
    let at = text
        .char_indices()
        .nth(offset)
        .map_or(text.len(), |(b, _)| b);
    let before = &text[floor_boundary(text, at.saturating_sub(LOOK_BACK))..at];
    let before = before.trim_end();
    if let Some(stripped) = before.strip_suffix('》') {
        let open = stripped.rfind('《')?;
        return title_type(&stripped[open + '《'.len_utf8()..], types);
    }
    types.vietnamese_word_before(before).map(|(t, _)| t)
}

/// Where each note mark stands: the note's id, its block and char offset.
fn note_marks(blocks: &[Block]) -> HashMap<&str, (usize, usize)> {
    let mut marks = HashMap::new();
    for (index, block) in blocks.iter().enumerate() {
        for mark in &block.notes {
            marks
                .entry(mark.id.as_str())
                .or_insert((index, mark.offset));
        }
    }
    marks
}

/// The first date of `found` (byte spans) that starts right after `at`
/// (spaces and a comma between) and ends by `limit`.
fn date_at<'d>(
    found: &'d [(usize, usize, String)],
    text: &str,
    at: usize,
    limit: usize,
) -> Option<&'d (usize, usize, String)> {
    let date = found.iter().find(|d| d.0 >= at)?;
    let gap = text.get(at..date.0)?;
    let close = gap.chars().count() <= DATE_GAP
        && gap
            .chars()
            .all(|c| c.is_whitespace() || c == ',' || c == '，');
    (close && date.1 <= limit).then_some(date)
}

/// The issuer after `text[at..]` ("của Bộ Y tế …"), read up to a stop word
/// or char and not past `limit`: the name and its end.
fn issuer_after(text: &str, at: usize, limit: usize) -> Option<(String, usize)> {
    let lead = ISSUER_LEAD.find(text.get(at..limit)?)?;
    let body_start = at + lead.end();
    let body = &text[body_start..limit];
    let mut end = 0;
    let mut words = 0;
    let mut pos = 0;
    let mut previous = "";
    loop {
        let rest = &body[pos..];
        let start = pos + (rest.len() - rest.trim_start().len());
        let Some(next) = body[start..].chars().next() else {
            break;
        };
        if next == '\n' {
            break;
        }
        if STOP_CHARS.contains(&next) {
            let name = body[..end].trim().to_lowercase();
            let after = &body[start + next.len_utf8()..];
            let title_comma = next == ','
                && PERSON_TITLES.contains(&name.as_str())
                && after.starts_with(' ')
                && after.trim_start().starts_with(char::is_uppercase);
            let city_dot = next == '.'
                && matches!(
                    body[..end].split_whitespace().next_back(),
                    Some("TP" | "Tp")
                )
                && !after.starts_with(char::is_whitespace);
            if !title_comma && !city_dot {
                break;
            }
            pos = start + next.len_utf8();
            if city_dot {
                end = pos;
            }
            continue;
        }
        let word_end = body[start..]
            .find(|c: char| c.is_whitespace() || STOP_CHARS.contains(&c))
            .map_or(body.len(), |w| start + w);
        let word = &body[start..word_end];
        if words == 0 && !starts_issuer(word) {
            return None;
        }
        if is_stop(word, &body[word_end..]) || after_acronym(previous, word) {
            break;
        }
        words += 1;
        if words > ISSUER_WORDS {
            return None;
        }
        previous = word;
        end = word_end;
        pos = word_end;
    }
    let mut name = body[..end].trim_end();
    loop {
        let trimmed = name.trim_end_matches(|c: char| c.is_whitespace() || "-–&".contains(c));
        let trimmed = ["và", "các", "hoặc", "VÀ", "CÁC"]
            .iter()
            .find_map(|w| {
                trimmed
                    .strip_suffix(w)
                    .filter(|h| h.is_empty() || h.ends_with(char::is_whitespace))
            })
            .unwrap_or(trimmed);
        if trimmed.len() == name.len() {
            break;
        }
        name = trimmed;
    }
    (!name.is_empty()).then(|| (name.to_string(), body_start + name.len()))
}

/// Whether an all-capitals `word` after the acronym `previous` starts the
/// subject rather than continuing the name ("CỦA BXD TĂNG CƯỜNG …", but
/// "UBND TP", "BKH VÀ ĐẦU TƯ").
fn after_acronym(previous: &str, word: &str) -> bool {
    let capitals = word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase);
    capitals
        && is_acronym(previous)
        && !is_acronym(word)
        && !matches!(
            word,
            "VÀ" | "&" | "-" | "–" | "TỈNH" | "THÀNH" | "HUYỆN" | "QUẬN" | "XÃ" | "PHƯỜNG"
        )
}

/// Whether `word` is an acronym ("BXD", "UBND", "TP", "HĐND") rather than
/// a Vietnamese syllable in capitals ("BỘ", "CHÍNH"): capitals whose
/// letters do not make a syllable (consonants, vowels, consonants).
fn is_acronym(word: &str) -> bool {
    const VOWELS: &str = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ";
    const INITIALS: [&str; 27] = [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
        "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v",
    ];
    const FINALS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
    if word.chars().count() < 2 || !word.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    let lower = word.to_lowercase();
    let Some(first) = lower.find(|c: char| VOWELS.contains(c)) else {
        return true;
    };
    let after = lower[first..]
        .find(|c: char| !VOWELS.contains(c))
        .map_or(lower.len(), |at| first + at);
    let (initial, last) = (&lower[..first], &lower[after..]);
    !(INITIALS.contains(&initial) || initial == "x") || !FINALS.contains(&last)
}

/// Whether an issuer may start with `word`: a capital, or a body named in
/// lower case ("ủy ban Thường vụ Quốc hội", "liên Bộ …").
fn starts_issuer(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        || matches!(word, "ủy" | "uỷ" | "liên" | "bộ" | "sở" | "ban" | "hội")
}

/// Whether `word`, followed by `after`, ends an issuer's name.
fn is_stop(word: &str, after: &str) -> bool {
    let lower = word.to_lowercase();
    let all_lower = word == lower;
    let all_upper = !word.chars().any(char::is_lowercase);
    if (all_lower || all_upper) && STOP_WORDS.contains(&lower.as_str()) {
        return true;
    }
    let next = after
        .trim_start()
        .split(|c: char| c.is_whitespace() || STOP_CHARS.contains(&c))
        .next()
        .unwrap_or("");
    if next.is_empty() {
        return false;
    }
    // "… thành mức thuế suất mới", but "Ủy ban nhân dân thành phố".
    if (all_lower || all_upper) && lower == "thành" && next.to_lowercase() != "phố" {
        return true;
    }
    let phrase = format!("{word} {next}");
    let phrase_lower = phrase.to_lowercase();
    STOP_PHRASES.contains(&phrase_lower.as_str())
        || (phrase == phrase_lower && LOWER_STOP_PHRASES.contains(&phrase.as_str()))
}

/// The issuer named before a citation: "Xét đề nghị của Sở Y tế tại Tờ
/// trình số …" gives "Sở Y tế".
fn issuer_before(text: &str, start: usize) -> Option<String> {
    let before = &text[floor_boundary(text, start.saturating_sub(LOOK_BACK))..start];
    let mut before = before.trim_end();
    // "… tại văn bản số 77/SKHĐT-TH": the citation starts at its number.
    if let Some((head, _)) = strip_so(before.strip_suffix(':').unwrap_or(before).trim_end()) {
        let head = head.trim_end();
        before = head.strip_suffix("văn bản").unwrap_or(head).trim_end();
    }
    let checked = |name: &str, most: usize| {
        let name = name.trim();
        let words = name.split_whitespace().count();
        let clean = !name.contains([';', ':', '\n', '(', ')', '“', '"']);
        (clean && (1..=most).contains(&words) && name.starts_with(char::is_uppercase))
            .then(|| name.to_string())
    };
    if let Some(head) = before.strip_suffix("tại") {
        let at = ["của ", "Của ", "CỦA "]
            .iter()
            .filter_map(|w| head.rfind(w).map(|at| at + w.len()))
            .max()?;
        return checked(&head[at..], ISSUER_WORDS);
    }
    // "UBND tỉnh (đã) ban hành Kế hoạch số …": the sentence's subject.
    let mut head = before.strip_suffix("ban hành")?.trim_end();
    for word in ["đã", "vừa", "mới", "cũng"] {
        if let Some(h) = head.strip_suffix(word)
            && h.ends_with(char::is_whitespace)
        {
            head = h.trim_end();
        }
    }
    let at = head
        .rfind([',', ';', ':', '.', '\n', '(', ')'])
        .map_or(0, |at| at + 1);
    checked(&head[at..], 8)
}

/// The part of a Vietnamese symbol that names its issuer, case ignored:
/// "ttg" of 193/2001/QĐ-TTg, "tc/cđkt" of 212-TC/CĐKT, "qh11" of
/// 36/2004/QH11; of an official `letter`, its first part ("ubnd" of
/// 123/UBND-VX).
fn issuer_part(symbol: &str, letter: bool) -> String {
    if letter {
        let code = symbol.rsplit('/').next().unwrap_or(symbol);
        return code.split('-').next().unwrap_or(code).to_lowercase();
    }
    let tail = symbol.rsplit_once('-').map_or(symbol, |(_, tail)| tail);
    let tail = match tail.contains(char::is_alphabetic) {
        true => tail,
        false => symbol,
    };
    let tail = tail.rsplit_once('/').map_or(tail, |(head, last)| {
        // Keep "TC/CĐKT" whole; take "QH11" of "36/2004/QH11".
        match head.contains(char::is_numeric) {
            true => last,
            false => tail,
        }
    });
    tail.to_lowercase()
}

/// Whether the words between two citations make them one list: commas,
/// "và", "hoặc", "các", "、", "和", "及".
fn list_gap(gap: &str) -> bool {
    let mut words = 0;
    for word in gap.split(|c: char| c.is_whitespace() || ",，、".contains(c)) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        if words > 2 || !matches!(word, "và" | "hoặc" | "các" | "和" | "及") {
            return false;
        }
    }
    true
}

/// Whether `text` ends with the whole word `word` (case ignored).
fn ends_with_word(text: &str, word: &str) -> bool {
    text.split_whitespace()
        .next_back()
        .is_some_and(|last| last.to_lowercase() == word)
}

/// The byte offset of the `chars`-th char from the end of `text`.
fn char_start_from_end(text: &str, chars: usize) -> Option<usize> {
    match chars {
        0 => Some(text.len()),
        _ => text.char_indices().nth_back(chars - 1).map(|(at, _)| at),
    }
}

/// The greatest char boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NoteRef;

    fn block(kind: BlockKind, text: &str) -> Block {
        Block::new(kind, text)
    }

    fn para(text: &str) -> Block {
        block(BlockKind::Paragraph, text)
    }

    fn refs(blocks: &[Block], own: Option<&str>) -> Vec<Reference> {
        let found = find(blocks, DocTypes::shipped(), own);
        for r in &found {
            // The span is the text, in chars.
            let chars: String = blocks[r.block]
                .text
                .chars()
                .skip(r.start)
                .take(r.end - r.start)
                .collect();
            assert_eq!(chars, r.text, "{r:?}");
        }
        found
    }

    /// (text, number, type, date, issuer) of a reference.
    type Brief = (
        String,
        String,
        Option<&'static str>,
        Option<String>,
        Option<String>,
    );

    fn brief(blocks: &[Block], own: Option<&str>) -> Vec<Brief> {
        refs(blocks, own)
            .into_iter()
            .map(|r| {
                (
                    r.text,
                    r.number.unwrap_or_default(),
                    r.doc_type.map(DocType::name),
                    r.date,
                    r.issuer,
                )
            })
            .collect()
    }

    fn one(
        text: &str,
        number: &str,
        doc_type: Option<&'static str>,
        date: Option<&str>,
        issuer: Option<&str>,
    ) -> Brief {
        (
            text.into(),
            number.into(),
            doc_type,
            date.map(Into::into),
            issuer.map(Into::into),
        )
    }

    #[test]
    fn a_decree_with_date_and_issuer_once_per_number() {
        let blocks = [
            block(
                BlockKind::TableCell,
                "CHÍNH PHỦ\n_______\nSố: 30/2020/NĐ-CP",
            ),
            para(
                "Nghị định này có hiệu lực thi hành kể từ ngày ký. Nghị định số 110/2004/NĐ-CP \
                 ngày 08 tháng 4 năm 2004 của Chính phủ về công tác văn thư và Nghị định số \
                 09/2010/NĐ-CP ngày 08 tháng 02 năm 2010 của Chính phủ sửa đổi, bổ sung một số \
                 điều của Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ về \
                 công tác văn thư hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành.",
            ),
        ];
        assert_eq!(
            brief(&blocks, Some("30/2020/NĐ-CP")),
            [
                one(
                    "Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ",
                    "110/2004/NĐ-CP",
                    Some("decree"),
                    Some("2004-04-08"),
                    Some("Chính phủ")
                ),
                one(
                    "Nghị định số 09/2010/NĐ-CP ngày 08 tháng 02 năm 2010 của Chính phủ",
                    "09/2010/NĐ-CP",
                    Some("decree"),
                    Some("2010-02-08"),
                    Some("Chính phủ")
                ),
            ]
        );
        let first = &refs(&blocks, Some("30/2020/NĐ-CP"))[0];
        assert_eq!((first.block, first.start, first.end), (1, 50, 116));
    }

    #[test]
    fn type_words_with_and_without_so() {
        let blocks = [
            para(
                "Căn cứ Quyết định 1679/QĐ-TTg ngày 22/11/2019 của Thủ tướng Chính phủ phê duyệt \
                 Chiến lược Dân số Việt Nam đến năm 2030;",
            ),
            para(
                "43. Thông tư liên tịch số 33/2013/TTLT-BYT-BTC ngày 18/3/2013 của Bộ Y tế - Bộ \
                 Tài chính hướng dẫn tổ chức thực hiện Quyết định số 14/2012/QĐ-TTg ngày 01 tháng \
                 3 năm 2012 của Thủ tướng Chính phủ về việc sửa đổi;",
            ),
            para(
                "Căn cứ Quyết định số 1015/QĐ-UBND ngày 20/12/2024 của Ủy ban nhân dân tỉnh Sơn \
                 Hà về việc giao dự toán ngân sách; Căn cứ Thông tư số 20/2024/TT-BYT ngày 14 \
                 tháng 10 năm 2024 của Bộ trưởng Bộ Y tế quy định; chỉ thị 29/2003/CT-TTg của \
                 Thủ tướng Chính phủ, Nghị quyết 36/2004/QH11.",
            ),
        ];
        assert_eq!(
            brief(&blocks, None),
            [
                one(
                    "Quyết định 1679/QĐ-TTg ngày 22/11/2019 của Thủ tướng Chính phủ",
                    "1679/QĐ-TTg",
                    Some("decision"),
                    Some("2019-11-22"),
                    Some("Thủ tướng Chính phủ")
                ),
                one(
                    "Thông tư liên tịch số 33/2013/TTLT-BYT-BTC ngày 18/3/2013 của Bộ Y tế - Bộ Tài chính",
                    "33/2013/TTLT-BYT-BTC",
                    Some("circular"),
                    Some("2013-03-18"),
                    Some("Bộ Y tế - Bộ Tài chính")
                ),
                one(
                    "Quyết định số 14/2012/QĐ-TTg ngày 01 tháng 3 năm 2012 của Thủ tướng Chính phủ",
                    "14/2012/QĐ-TTg",
                    Some("decision"),
                    Some("2012-03-01"),
                    Some("Thủ tướng Chính phủ")
                ),
                one(
                    "Quyết định số 1015/QĐ-UBND ngày 20/12/2024 của Ủy ban nhân dân tỉnh Sơn Hà",
                    "1015/QĐ-UBND",
                    Some("decision"),
                    Some("2024-12-20"),
                    Some("Ủy ban nhân dân tỉnh Sơn Hà")
                ),
                one(
                    "Thông tư số 20/2024/TT-BYT ngày 14 tháng 10 năm 2024 của Bộ trưởng Bộ Y tế",
                    "20/2024/TT-BYT",
                    Some("circular"),
                    Some("2024-10-14"),
                    Some("Bộ trưởng Bộ Y tế")
                ),
                one(
                    "chỉ thị 29/2003/CT-TTg của Thủ tướng Chính phủ",
                    "29/2003/CT-TTg",
                    Some("directive"),
                    None,
                    Some("Thủ tướng Chính phủ")
                ),
                one(
                    "Nghị quyết 36/2004/QH11",
                    "36/2004/QH11",
                    Some("resolution"),
                    None,
                    None
                ),
            ]
        );
    }

    #[test]
    fn numbers_without_type_words_take_the_code() {
        let blocks = [para(
            "Triển khai theo 45/KH-UBND và văn bản số 123/UBND-VX ngày 05/3/2020 của UBND tỉnh; \
             xem thêm 15/2012/QH13.",
        )];
        assert_eq!(
            brief(&blocks, None),
            [
                one("45/KH-UBND", "45/KH-UBND", Some("plan"), None, None),
                one(
                    "123/UBND-VX ngày 05/3/2020 của UBND tỉnh",
                    "123/UBND-VX",
                    Some("official_letter"),
                    Some("2020-03-05"),
                    Some("UBND tỉnh")
                ),
                one("15/2012/QH13", "15/2012/QH13", Some("law"), None, None),
            ]
        );
    }

    #[test]
    fn lists_share_a_plural_type_word() {
        let plural = [para(
            "Bãi bỏ các Quyết định số 12/QĐ-UBND, 13/UBND-VX và 14/KH-UBND của Ủy ban nhân dân tỉnh.",
        )];
        assert_eq!(
            brief(&plural, None),
            [
                one(
                    "Quyết định số 12/QĐ-UBND",
                    "12/QĐ-UBND",
                    Some("decision"),
                    None,
                    Some("Ủy ban nhân dân tỉnh")
                ),
                one(
                    "13/UBND-VX",
                    "13/UBND-VX",
                    Some("decision"),
                    None,
                    Some("Ủy ban nhân dân tỉnh")
                ),
                one(
                    "14/KH-UBND của Ủy ban nhân dân tỉnh",
                    "14/KH-UBND",
                    Some("decision"),
                    None,
                    Some("Ủy ban nhân dân tỉnh")
                ),
            ]
        );
        // Singular: each number keeps the type of its code.
        let singular = [para("theo Quyết định số 12/QĐ-UBND, 13/UBND-VX")];
        let types: Vec<_> = refs(&singular, None).iter().map(|r| r.doc_type).collect();
        assert_eq!(
            types,
            [Some(DocType::Decision), Some(DocType::OfficialLetter)]
        );
    }

    #[test]
    fn a_list_shares_the_issuer_after_it_but_not_across_a_semicolon() {
        let blocks = [para(
            "Để triển khai Quyết định số 193/2001/QĐ-TTg ngày 20/12/2001, Quyết định số \
             115/2004/QĐ-TTg ngày 25/6/2004 của Thủ tướng Chính phủ về việc ban hành quy chế; \
             thay thế Thông tư số 63/1998/TT-BTC ngày 13/5/1998; điểm 1.b Thông tư số \
             89/1999/TT-BTC ngày 16/7/1999 của Bộ Tài chính.",
        )];
        assert_eq!(
            brief(&blocks, None),
            [
                one(
                    "Quyết định số 193/2001/QĐ-TTg ngày 20/12/2001",
                    "193/2001/QĐ-TTg",
                    Some("decision"),
                    Some("2001-12-20"),
                    Some("Thủ tướng Chính phủ")
                ),
                one(
                    "Quyết định số 115/2004/QĐ-TTg ngày 25/6/2004 của Thủ tướng Chính phủ",
                    "115/2004/QĐ-TTg",
                    Some("decision"),
                    Some("2004-06-25"),
                    Some("Thủ tướng Chính phủ")
                ),
                one(
                    "Thông tư số 63/1998/TT-BTC ngày 13/5/1998",
                    "63/1998/TT-BTC",
                    Some("circular"),
                    Some("1998-05-13"),
                    None
                ),
                one(
                    "Thông tư số 89/1999/TT-BTC ngày 16/7/1999 của Bộ Tài chính",
                    "89/1999/TT-BTC",
                    Some("circular"),
                    Some("1999-07-16"),
                    Some("Bộ Tài chính")
                ),
            ]
        );
    }

    #[test]
    fn footnotes_cells_and_headings_are_read_and_the_own_number_left_out() {
        let mut body = para(
            "Căn cứ Chiến lược Dân số Việt Nam đến năm 2030, Ủy ban nhân dân tỉnh ban hành Kế hoạch.",
        );
        body.notes = vec![NoteRef {
            id: "footnote-1".into(),
            label: "1".into(),
            offset: 46,
        }];
        let mut note = block(
            BlockKind::Footnote,
            "Quyết định số 1679/QĐ-TTg ngày 22/11/2019 của Thủ tướng Chính phủ.",
        );
        note.id = Some("footnote-1".into());
        let blocks = [
            block(
                BlockKind::TableCell,
                "ỦY BAN NHÂN DÂN\nTỈNH SƠN HÀ\nSố: 45/KH-UBND",
            ),
            block(BlockKind::Heading, "Thực hiện Kế hoạch số 30/KH-UBND"),
            body,
            block(BlockKind::TableCell, "Theo Công văn số 88/SYT-NVY"),
            block(BlockKind::Header, "Kế hoạch số 45/KH-UBND ngày 02/3/2025"),
            block(BlockKind::Footer, "Trang 1 - Kế hoạch số 99/KH-UBND"),
            para("(Kèm theo Kế hoạch số 45/KH-UBND ngày 02/3/2025 của Ủy ban nhân dân tỉnh)"),
            note,
        ];
        let found = refs(&blocks, Some("45/KH-UBND"));
        let seen: Vec<(usize, &str, Option<DocType>)> = found
            .iter()
            .map(|r| (r.block, r.number.as_deref().unwrap_or(""), r.doc_type))
            .collect();
        assert_eq!(
            seen,
            [
                (1, "30/KH-UBND", Some(DocType::Plan)),
                (3, "88/SYT-NVY", Some(DocType::OfficialLetter)),
                (7, "1679/QĐ-TTg", Some(DocType::Decision)),
            ]
        );
        // Without a known own number, the number field "Số:" is still no
        // citation; the repeat in the text is.
        let numbers: Vec<String> = refs(&blocks, None)
            .into_iter()
            .filter_map(|r| r.number)
            .collect();
        assert_eq!(
            numbers,
            ["30/KH-UBND", "88/SYT-NVY", "45/KH-UBND", "1679/QĐ-TTg"]
        );
    }

    #[test]
    fn a_news_article_cites_the_plan_it_reports() {
        let blocks = [
            block(
                BlockKind::Heading,
                "Bình An triển khai tiêm chủng mở rộng năm 2025",
            ),
            para(
                "UBND thành phố ban hành Kế hoạch số 144/KH-UBND ngày 12/3/2025 về truyền thông \
                 dân số; Sở Y tế hướng dẫn theo Công văn 512/SYT-NVY.",
            ),
        ];
        assert_eq!(
            brief(&blocks, None),
            [
                one(
                    "Kế hoạch số 144/KH-UBND ngày 12/3/2025",
                    "144/KH-UBND",
                    Some("plan"),
                    Some("2025-03-12"),
                    Some("UBND thành phố")
                ),
                one(
                    "Công văn 512/SYT-NVY",
                    "512/SYT-NVY",
                    Some("official_letter"),
                    None,
                    None
                ),
            ]
        );
    }

    #[test]
    fn laws_cited_by_name_then_number() {
        let blocks = [
            para("Căn cứ Luật Khám bệnh, chữa bệnh số 15/2023/QH15;"),
            para(
                "Căn cứ Luật ban hành văn bản quy phạm pháp luật số 64/2025/QH15 ngày 19 tháng 02 \
                 năm 2025; Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm \
                 pháp luật số 87/2025/QH15;",
            ),
            para(
                "Căn cứ Luật Thuế thu nhập doanh nghiệp (số 03/1997/QH9 ngày 10 tháng 5 năm 1997);",
            ),
            para("theo Thông tư liên bộ số 08/TT-LB ngày 19/5/1976 của liên Bộ Y tế – Bộ Lao động"),
            para("Đề nghị của Sở Kế hoạch và Đầu tư tại văn bản số 77/SKHĐT-TH"),
        ];
        assert_eq!(
            brief(&blocks, None),
            [
                one(
                    "Luật Khám bệnh, chữa bệnh số 15/2023/QH15",
                    "15/2023/QH15",
                    Some("law"),
                    None,
                    None
                ),
                one(
                    "Luật ban hành văn bản quy phạm pháp luật số 64/2025/QH15 ngày 19 tháng 02 năm 2025",
                    "64/2025/QH15",
                    Some("law"),
                    Some("2025-02-19"),
                    None
                ),
                one(
                    "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15",
                    "87/2025/QH15",
                    Some("law"),
                    None,
                    None
                ),
                one(
                    "Luật Thuế thu nhập doanh nghiệp (số 03/1997/QH9 ngày 10 tháng 5 năm 1997",
                    "03/1997/QH9",
                    Some("law"),
                    Some("1997-05-10"),
                    None
                ),
                one(
                    "Thông tư liên bộ số 08/TT-LB ngày 19/5/1976 của liên Bộ Y tế – Bộ Lao động",
                    "08/TT-LB",
                    Some("circular"),
                    Some("1976-05-19"),
                    Some("liên Bộ Y tế – Bộ Lao động")
                ),
                one(
                    "77/SKHĐT-TH",
                    "77/SKHĐT-TH",
                    Some("official_letter"),
                    None,
                    Some("Sở Kế hoạch và Đầu tư")
                ),
            ]
        );
    }

    #[test]
    fn issuers_before_or_with_the_date_after_them() {
        let blocks = [
            para(
                "Xét đề nghị của Sở Nông nghiệp & Phát triển nông thôn tại Tờ trình số 66/TTr-SNN \
                 ngày 29/4/2008 về việc Phê duyệt Kế hoạch,",
            ),
            para(
                "Căn cứ Nghị quyết 45/1998/NQ-UBTVQH10 của ủy ban Thường vụ Quốc hội ngày 26 \
                 tháng 02 năm 1998 về việc ban hành;",
            ),
            para(
                "theo Quyết định số 11/1998/QĐ-TC.CCVC của Bộ trưởng, Trưởng ban Ban Tổ chức cán \
                 bộ Chính phủ (nay là Bộ Nội vụ); Quyết định số 1330/QĐ-CT.UB ngày 27/4/2004 của \
                 Chủ tịch Ủy ban nhân dân thành phố về việc phê duyệt; Thông tư số 01/2024/TT- \
                 BKHCN ngày 18 tháng 01 năm 2024 của Bộ trưởng Bộ Khoa học và Công nghệ.",
            ),
            para("THEO NGHỊ QUYẾT SỐ 38/CP NGÀY 04/5/1994 CỦA CHÍNH PHỦ VỀ CẢI CÁCH HÀNH CHÍNH:"),
        ];
        assert_eq!(
            brief(&blocks, None),
            [
                one(
                    "Tờ trình số 66/TTr-SNN ngày 29/4/2008",
                    "66/TTr-SNN",
                    Some("submission"),
                    Some("2008-04-29"),
                    Some("Sở Nông nghiệp & Phát triển nông thôn")
                ),
                one(
                    "Nghị quyết 45/1998/NQ-UBTVQH10 của ủy ban Thường vụ Quốc hội ngày 26 tháng 02 năm 1998",
                    "45/1998/NQ-UBTVQH10",
                    Some("resolution"),
                    Some("1998-02-26"),
                    Some("ủy ban Thường vụ Quốc hội")
                ),
                one(
                    "Quyết định số 11/1998/QĐ-TC.CCVC của Bộ trưởng, Trưởng ban Ban Tổ chức cán bộ Chính phủ",
                    "11/1998/QĐ-TC.CCVC",
                    Some("decision"),
                    None,
                    Some("Bộ trưởng, Trưởng ban Ban Tổ chức cán bộ Chính phủ")
                ),
                one(
                    "Quyết định số 1330/QĐ-CT.UB ngày 27/4/2004 của Chủ tịch Ủy ban nhân dân thành phố",
                    "1330/QĐ-CT.UB",
                    Some("decision"),
                    Some("2004-04-27"),
                    Some("Chủ tịch Ủy ban nhân dân thành phố")
                ),
                one(
                    "Thông tư số 01/2024/TT- BKHCN ngày 18 tháng 01 năm 2024 của Bộ trưởng Bộ Khoa học và Công nghệ",
                    "01/2024/TT- BKHCN",
                    Some("circular"),
                    Some("2024-01-18"),
                    Some("Bộ trưởng Bộ Khoa học và Công nghệ")
                ),
                one(
                    "NGHỊ QUYẾT SỐ 38/CP NGÀY 04/5/1994 CỦA CHÍNH PHỦ",
                    "38/CP",
                    Some("resolution"),
                    Some("1994-05-04"),
                    Some("CHÍNH PHỦ")
                ),
            ]
        );
    }

    #[test]
    fn older_numbers_after_a_type_word_and_in_lists() {
        let blocks = [
            para("- Căn cứ Nghị định số 15/CP ngày 2-3-1993 của Chính phủ về nhiệm vụ;"),
            para(
                "thay thế các văn bản ban hành theo các Quyết định số 212-TC/CĐKT ngày \
                 15-12-1989, 224-TC/CĐKT ngày 18-4-1990, 1205-TC/CĐKT và 1206-TC/CĐKT ngày \
                 14-12-1994 và Thông tư số 07-TC/CĐKT ngày 21-2-1994 của Bộ Tài chính.",
            ),
            para("tại Thông tư 74 TC/TCT, ngày 20/10/1997 của Bộ Tài chính về Hướng dẫn"),
            para(
                "Kết luận số 06-KL/TU, ngày 19/5/2004; mẫu sổ ST-22/HĐ, tỷ lệ 40/100.000, Phụ lục số 02/TTM",
            ),
        ];
        let found = brief(&blocks, None);
        assert_eq!(
            found[0],
            one(
                "Nghị định số 15/CP ngày 2-3-1993 của Chính phủ",
                "15/CP",
                Some("decree"),
                Some("1993-03-02"),
                Some("Chính phủ")
            )
        );
        let list: Vec<_> = found[1..7]
            .iter()
            .map(|(_, n, t, d, i)| (n.as_str(), *t, d.as_deref(), i.as_deref()))
            .collect();
        let decision = Some("decision");
        let ministry = Some("Bộ Tài chính");
        assert_eq!(
            list,
            [
                ("212-TC/CĐKT", decision, Some("1989-12-15"), ministry),
                ("224-TC/CĐKT", decision, Some("1990-04-18"), ministry),
                ("1205-TC/CĐKT", decision, Some("1994-12-14"), ministry),
                ("1206-TC/CĐKT", decision, Some("1994-12-14"), ministry),
                ("07-TC/CĐKT", Some("circular"), Some("1994-02-21"), ministry),
                ("74 TC/TCT", Some("circular"), Some("1997-10-20"), ministry),
            ]
        );
        assert_eq!(found[1].0, "Quyết định số 212-TC/CĐKT ngày 15-12-1989");
        assert_eq!(found[3].0, "1205-TC/CĐKT");
        assert_eq!(
            found[6].0,
            "Thông tư 74 TC/TCT, ngày 20/10/1997 của Bộ Tài chính"
        );
        assert_eq!(
            found[7],
            one(
                "Kết luận số 06-KL/TU, ngày 19/5/2004",
                "06-KL/TU",
                Some("other"),
                Some("2004-05-19"),
                None
            )
        );
        assert_eq!(found.len(), 8, "{found:#?}");
    }

    #[test]
    fn spaced_numbers_and_number_fields() {
        let blocks = [
            para("Số: 15/QĐ-BNV; Số: 05/BNV-VP; Số: 12/UBND-VX"),
            para(
                "(Ban hành kèm theo Thông tư số 55 /2025/TT-BYT ngày 31 / 12 / 2025 của Bộ trưởng Bộ Y tế)",
            ),
            para("ban hành kèm theo Quyết định số 1803/1998/QĐ/BTC ngày 11/12/1998 và Danh mục"),
            para("Luật khuyến khích đầu tư trong nước (sửa đổi) số 03/1998/QH 10;"),
        ];
        assert_eq!(
            brief(&blocks, Some("55/2025/TT-BYT")),
            [
                one(
                    "Quyết định số 1803/1998/QĐ/BTC ngày 11/12/1998",
                    "1803/1998/QĐ/BTC",
                    Some("decision"),
                    Some("1998-12-11"),
                    None
                ),
                one(
                    "Luật khuyến khích đầu tư trong nước (sửa đổi) số 03/1998/QH 10",
                    "03/1998/QH 10",
                    Some("law"),
                    None,
                    None
                ),
            ]
        );
        let numbers: Vec<String> = refs(&blocks[1..2], None)
            .into_iter()
            .filter_map(|r| r.number)
            .collect();
        assert_eq!(numbers, ["55 /2025/TT-BYT"]);
    }

    #[test]
    fn chinese_titles_kinds_and_footnotes() {
        let mut body = block(
            BlockKind::Paragraph,
            "为贯彻落实《母婴安全行动提升计划（2021—2025年）》，保障母婴安全，制定本方案。",
        );
        body.notes = vec![NoteRef {
            id: "footnote-1".into(),
            label: "1".into(),
            offset: 29,
        }];
        let mut note = block(BlockKind::Footnote, "国卫妇幼发〔2021〕15号。");
        note.id = Some("footnote-1".into());
        let blocks = [
            block(BlockKind::Paragraph, "卫疾控发〔2025〕5号"),
            block(
                BlockKind::Paragraph,
                "根据《国务院办公厅关于印发健康中国行动组织实施和考核方案的通知》（国办发〔2019〕32号）\
                 和国务院办公厅关于加强疫苗管理的意见（国办发〔2020〕8号），按照国卫办疾控函〔2024〕12号\
                 要求，依据《疫苗流通和预防接种管理条例》（国务院令第668号），结合实际。",
            ),
            body,
            block(BlockKind::Header, "山卫发〔2025〕12号"),
            note,
        ];
        assert_eq!(
            brief(&blocks, Some("卫疾控发[2025]5号")),
            [
                one(
                    "《国务院办公厅关于印发健康中国行动组织实施和考核方案的通知》（国办发〔2019〕32号）",
                    "国办发〔2019〕32号",
                    Some("notice"),
                    None,
                    Some("国务院办公厅")
                ),
                one(
                    "国办发〔2020〕8号",
                    "国办发〔2020〕8号",
                    Some("opinion"),
                    None,
                    None
                ),
                one(
                    "国卫办疾控函〔2024〕12号",
                    "国卫办疾控函〔2024〕12号",
                    Some("official_letter"),
                    None,
                    None
                ),
                one(
                    "《疫苗流通和预防接种管理条例》（国务院令第668号）",
                    "国务院令第668号",
                    Some("regulation"),
                    None,
                    None
                ),
                one(
                    "国卫妇幼发〔2021〕15号",
                    "国卫妇幼发〔2021〕15号",
                    Some("plan"),
                    None,
                    None
                ),
            ]
        );
        let bare = [block(BlockKind::Paragraph, "依据国务院令第588号执行。")];
        assert_eq!(refs(&bare, None)[0].doc_type, Some(DocType::Decree));
    }

    #[test]
    fn form_codes_are_not_citations() {
        let blocks = [
            para("Mẫu số 22/CKTC-NSH"),
            para(
                "các xã báo cáo theo mẫu 02-TCMR và mẫu số: 02/GTGT; theo Kế hoạch số 58/KH-UBND.",
            ),
        ];
        let numbers: Vec<String> = refs(&blocks, None)
            .into_iter()
            .filter_map(|r| r.number)
            .collect();
        assert_eq!(numbers, ["58/KH-UBND"]);
    }

    #[test]
    fn issuers_end_at_verbs_and_lists_share_only_one_issuer() {
        let blocks = [
            para(
                "đánh giá kết quả thực hiện Nghị quyết số 38/CP ngày 04/5/1994 của Chính phủ và đề \
                 ra Chương trình cải cách; theo tinh thần Nghị quyết 36/2004/QH11 và Nghị quyết \
                 01/2005/NQ-CP của Chính phủ:",
            ),
            para(
                "ban hành kèm theo Quyết định số 137/2001/QĐ/BTC ngày 18/12/2001 của Bộ trưởng Bộ \
                 Tài chính thành mức thuế suất mới; Quyết định số 1330/QĐ-UBND của Chủ tịch Ủy ban \
                 nhân dân thành phố về việc phê duyệt",
            ),
        ];
        let issuers: Vec<(String, Option<String>)> = refs(&blocks, None)
            .into_iter()
            .map(|r| (r.number.unwrap_or_default(), r.issuer))
            .collect();
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            issuers,
            [
                ("38/CP".into(), some("Chính phủ")),
                ("36/2004/QH11".into(), None),
                ("01/2005/NQ-CP".into(), some("Chính phủ")),
                ("137/2001/QĐ/BTC".into(), some("Bộ trưởng Bộ Tài chính")),
                (
                    "1330/QĐ-UBND".into(),
                    some("Chủ tịch Ủy ban nhân dân thành phố")
                ),
            ]
        );
    }

    #[test]
    fn acronyms_end_issuers_in_capitals() {
        let blocks = [para(
            "- THÔNG TƯ 02/2008/TT-BXD NGÀY 27/3/2008 CỦA BXD TĂNG CƯỜNG BIỆN PHÁP ĐẢM BẢO ATLĐ; \
             CÔNG VĂN 4986/UBND-ĐTMT NGÀY 06/8/2007 CỦA UBND TP ĐIỀU CHỈNH ĐƠN GIÁ; QUYẾT ĐỊNH \
             227/2001/QĐ-BKH NGÀY 17/5/2001 CỦA BKH VÀ ĐẦU TƯ",
        )];
        let issuers: Vec<Option<String>> =
            refs(&blocks, None).into_iter().map(|r| r.issuer).collect();
        assert_eq!(
            issuers,
            [
                Some("BXD".to_string()),
                Some("UBND TP".to_string()),
                Some("BKH VÀ ĐẦU TƯ".to_string())
            ]
        );
        assert!(is_acronym("UBND") && is_acronym("HĐND") && is_acronym("TP"));
        assert!(
            !is_acronym("BỘ") && !is_acronym("CHÍNH") && !is_acronym("NGHIỆP") && !is_acronym("Bộ")
        );
    }

    #[test]
    fn standards_cited_by_code() {
        let blocks = [
            para("Phông chữ Unicode theo Tiêu chuẩn Việt Nam TCVN 6909:2001, màu đen."),
            para("múi giờ theo tiêu chuẩn ISO 8601) được trình bày"),
            para(
                "Quy chuẩn (QCVN 16-1:2025/BYT) thay thế QCVN 16-1:2015/BYT; lấy mẫu theo TCVN 6684 (ISO 8243).",
            ),
        ];
        let found: Vec<(String, String, Option<DocType>)> = refs(&blocks, None)
            .into_iter()
            .map(|r| (r.text, r.number.unwrap_or_default(), r.doc_type))
            .collect();
        let other = Some(DocType::Other);
        assert_eq!(
            found,
            [
                (
                    "Tiêu chuẩn Việt Nam TCVN 6909:2001".into(),
                    "TCVN 6909:2001".into(),
                    other
                ),
                ("tiêu chuẩn ISO 8601".into(), "ISO 8601".into(), other),
                (
                    "QCVN 16-1:2025/BYT".into(),
                    "QCVN 16-1:2025/BYT".into(),
                    other
                ),
                (
                    "QCVN 16-1:2015/BYT".into(),
                    "QCVN 16-1:2015/BYT".into(),
                    other
                ),
                ("TCVN 6684".into(), "TCVN 6684".into(), other),
                ("ISO 8243".into(), "ISO 8243".into(), other),
            ]
        );
    }

    #[test]
    fn a_law_named_twice_takes_the_nearest_name() {
        let blocks = [para(
            "Căn cứ Luật thuế tiêu thụ đặc biệt ngày 28/10/1995, Luật thuế tiêu thụ đặc biệt số \
             05/1998/QH10 ngày 20/5/1998;",
        )];
        assert_eq!(
            refs(&blocks, None)[0].text,
            "Luật thuế tiêu thụ đặc biệt số 05/1998/QH10 ngày 20/5/1998"
        );
    }

    #[test]
    fn a_citation_runs_on_into_the_next_block() {
        let blocks = [
            para("Phụ lục II"),
            para("(Kèm theo Nghị định số 30/2020/NĐ-CP"),
            para("ngày 05 tháng 3 năm 2020 của Chính phủ)"),
            para("HƯỚNG DẪN BỔ SUNG MỘT SỐ ĐIỂM TẠI THÔNG TƯ 60 TC/CĐKT, NGÀY"),
            para("01/09/1997 CỦA BỘ TÀI CHÍNH VỀ CÔNG TÁC KẾ TOÁN"),
        ];
        assert_eq!(
            brief(&blocks, None),
            [
                one(
                    "Nghị định số 30/2020/NĐ-CP",
                    "30/2020/NĐ-CP",
                    Some("decree"),
                    Some("2020-03-05"),
                    Some("Chính phủ")
                ),
                one(
                    "THÔNG TƯ 60 TC/CĐKT",
                    "60 TC/CĐKT",
                    Some("circular"),
                    Some("1997-09-01"),
                    Some("BỘ TÀI CHÍNH")
                ),
            ]
        );
    }

    #[test]
    fn the_first_citation_is_kept_as_written() {
        let blocks = [
            para("THÔNG TƯ"),
            para("Sửa đổi Thông tư 57/2024/TT-BYT quy định việc phân cấp"),
            para(
                "Bộ trưởng Bộ Y tế ban hành Thông tư sửa đổi một số điều của Thông tư số \
                 57/2024/TT-BYT ngày 31 tháng 12 năm 2024 của Bộ trưởng Bộ Y tế;",
            ),
            // A subject wrapped over two lines gives its date and issuer.
            para("Hướng dẫn thi hành Quyết định số 176/1999/QĐ-TTg"),
            para("ngày 26/8/1999 của Thủ tướng Chính phủ"),
        ];
        assert_eq!(
            brief(&blocks, None),
            [
                one(
                    "Thông tư 57/2024/TT-BYT",
                    "57/2024/TT-BYT",
                    Some("circular"),
                    None,
                    None
                ),
                one(
                    "Quyết định số 176/1999/QĐ-TTg",
                    "176/1999/QĐ-TTg",
                    Some("decision"),
                    Some("1999-08-26"),
                    Some("Thủ tướng Chính phủ")
                ),
            ]
        );
    }

    #[test]
    fn the_issuer_of_a_news_sentence_and_a_cut_own_number() {
        let blocks = [
            para("Ngày 12/3, UBND tỉnh đã ban hành Kế hoạch số 58/KH-UBND về truyền thông."),
            para("(Kèm theo Thông tư số 155/1998/TT/BTC của Bộ Tài chính)"),
        ];
        let found = refs(&blocks, Some("155/1998/TT"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].issuer.as_deref(), Some("UBND tỉnh"));
        assert_eq!(found[0].text, "Kế hoạch số 58/KH-UBND");
    }

    #[test]
    fn chinese_standards_and_a_sentence_date() {
        let blocks = [
            para(
                "计划要求对NB/T 20513.1-2018《核电厂定期安全审查指南 第1部分：通用要求》进行修订。",
            ),
            para(
                "2021年9月30日，国家能源局下达了《国家能源局综合司关于下达2021年能源领域行业标准制修订\
                 计划的通知》（国能综通科技[2021]92号），其中编号为“能源20210676”的项目。",
            ),
            para("在2022版HAF103中，已对安全基准给出了明确的定义。"),
            para(
                "2006年发布的核安全导则《核动力厂定期安全审查》（HAD103/11，2006），提出了整体策略。",
            ),
            para("本部分按照GB/T 1.1—2020给出的规则起草；参见IAEA SSG-25。"),
        ];
        assert_eq!(
            brief(&blocks, None),
            [
                one(
                    "NB/T 20513.1-2018《核电厂定期安全审查指南 第1部分：通用要求》",
                    "NB/T 20513.1-2018",
                    Some("other"),
                    None,
                    None
                ),
                one(
                    "《国家能源局综合司关于下达2021年能源领域行业标准制修订计划的通知》（国能综通科技[2021]92号）",
                    "国能综通科技[2021]92号",
                    Some("notice"),
                    Some("2021-09-30"),
                    Some("国家能源局综合司")
                ),
                one("HAF103", "HAF103", Some("regulation"), None, None),
                one(
                    "《核动力厂定期安全审查》（HAD103/11，2006）",
                    "HAD103/11",
                    Some("guidance"),
                    None,
                    None
                ),
                one("GB/T 1.1—2020", "GB/T 1.1—2020", Some("other"), None, None),
                one("IAEA SSG-25", "IAEA SSG-25", Some("guidance"), None, None),
            ]
        );
    }

    #[test]
    fn a_number_printed_with_a_spaced_dash() {
        let blocks = [para(
            "bám sát Nghị quyết số 21- NQ/TƯ ngày 25/10/2017 của Ban chấp hành TƯ Đảng khóa XII.",
        )];
        assert_eq!(
            brief(&blocks, None),
            [one(
                "Nghị quyết số 21- NQ/TƯ ngày 25/10/2017 của Ban chấp hành TƯ Đảng khóa XII",
                "21- NQ/TƯ",
                Some("resolution"),
                Some("2017-10-25"),
                Some("Ban chấp hành TƯ Đảng khóa XII")
            )]
        );
    }

    #[test]
    fn no_panic_on_odd_text() {
        let samples = [
            "",
            "số",
            "Số:",
            "số 12/",
            "《",
            "》（国办发〔2019〕2号",
            "《》（国办发〔2019〕2号）",
            "55 /2025/TT-BYT",
            "của",
            "12/QĐ-UBND của",
            "12/QĐ-UBND của Bộ trưởng,",
            "12/QĐ-UBND của TP.",
            "các Quyết định số 1-A/B, 2-C/D và",
            "Luật số 03/1998/QH 1",
            "ngày 31/2/2020 12/QĐ-UBND ngày 31/2/2020",
            "İİİ Quyết định số 12/QĐ-UBND ngày 05/3/2020 của İ",
            "\u{301}\u{301}số 12/KH-UBND\u{301}",
            "Thông tư số 02/2017/TT- BKHCN",
            "１２/QĐ-UBND ２０１９年１月１日 国办发〔２０１９〕２号",
        ];
        let full = "Căn cứ Quyết định số 1679/QĐ-TTg ngày 22/11/2019 của Thủ tướng Chính phủ \
                    phê duyệt; 《关于…的通知》（国办发〔2019〕2号）; các Quyết định số 212-TC/CĐKT, \
                    224-TC/CĐKT của Bộ Tài chính";
        let mut texts: Vec<String> = samples.iter().map(|s| s.to_string()).collect();
        let cuts: Vec<usize> = full.char_indices().map(|(at, _)| at).collect();
        for &at in &cuts {
            texts.push(full[..at].to_string());
            texts.push(full[at..].to_string());
        }
        // Random strings of the pieces citations are made of.
        let pieces = [
            "số",
            "Số:",
            " ",
            "\n",
            "/",
            "-",
            "–",
            ",",
            ";",
            ".",
            "(",
            "（",
            "）",
            "《",
            "》",
            "12",
            "2020",
            "QĐ",
            "UBND",
            "TC/CĐKT",
            "ngày",
            "05/3/2020",
            "của",
            "CỦA",
            "Bộ",
            "Y tế",
            "và",
            "các",
            "Quyết định",
            "Luật",
            "luật",
            "tại",
            "ban hành",
            "国办发",
            "〔2019〕",
            "2号",
            "令",
            "第5号",
            "İ",
            "\u{301}",
            "ẞ",
            "Ǆ",
            "ﬃ",
            "TP",
            ".UB",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            texts.push(text);
        }
        for (i, text) in texts.iter().enumerate() {
            let mut note = block(BlockKind::Footnote, text);
            note.id = Some("footnote-1".into());
            let mut body = para(text);
            body.notes = vec![NoteRef {
                id: "footnote-1".into(),
                label: "1".into(),
                offset: i % 40,
            }];
            let blocks = [para(text), body, note, para(text)];
            refs(&blocks, Some(text));
            refs(&blocks, None);
        }
    }

    #[test]
    fn char_map_turns_offsets_in_any_order() {
        let text = "Số 30/2020/NĐ-CP, 国办发〔2019〕2号 và Điều 5";
        let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
        let mut map = CharMap::new(text);
        for char_offset in [3, 3, 17, 0, 40, 25, 26, 999, 1] {
            let byte = starts.get(char_offset).copied().unwrap_or(text.len());
            assert_eq!(map.byte(char_offset), byte, "{char_offset}");
        }
        for byte_offset in [4, 0, text.len(), 30, 31, 29, 2] {
            let chars = starts.iter().filter(|&&at| at < byte_offset).count();
            assert_eq!(map.char(byte_offset), chars, "{byte_offset}");
        }
    }

    #[test]
    fn is_numeric_agrees_with_the_standard_library() {
        for c in char::MIN..=char::MAX {
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
        }
    }
}

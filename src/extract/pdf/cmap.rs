//! Embedded CMaps: the code space ranges that split a shown string into
//! codes, and the code → Unicode (ToUnicode) or code → CID (Type0 encoding)
//! mappings.
//!
//! Only the parts that carry data are read (`codespacerange`, `bfchar`,
//! `bfrange`, `cidchar`, `cidrange`, `/WMode`); the PostScript around them is
//! skipped, so a malformed CMap yields whatever mappings could be read.

use super::glyphs::glyph_name_to_unicode;
use std::borrow::Cow;
use std::collections::HashMap;

/// A character code: its value and how many bytes it took (1–4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    pub len: u8,
    pub value: u32,
}

impl Code {
    /// The code spelled by `bytes` (at most 4 of them), big-endian.
    pub fn from_bytes(bytes: &[u8]) -> Option<Code> {
        if bytes.is_empty() || bytes.len() > 4 {
            return None;
        }
        let value = bytes.iter().fold(0u32, |v, &b| (v << 8) | u32::from(b));
        Some(Code {
            len: bytes.len() as u8,
            value,
        })
    }
}

/// One code space range: codes of `len` bytes whose every byte lies between
/// the matching bytes of `lo` and `hi`.
#[derive(Debug, Clone)]
struct CodeRange {
    len: usize,
    lo: [u8; 4],
    hi: [u8; 4],
}

impl CodeRange {
    fn contains(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.len
            && bytes
                .iter()
                .enumerate()
                .all(|(i, &b)| self.lo[i] <= b && b <= self.hi[i])
    }
}

/// A `bfrange` too large to expand: codes `lo..=hi` map to `dst` with its last
/// UTF-16 unit raised by the code's offset from `lo`.
#[derive(Debug, Clone)]
struct LazyRange {
    len: u8,
    lo: u32,
    hi: u32,
    dst: Vec<u16>,
}

/// A `cidrange`: codes `lo..=hi` map to consecutive CIDs from `cid`.
#[derive(Debug, Clone)]
struct CidRange {
    len: u8,
    lo: u32,
    hi: u32,
    cid: u32,
}

/// Largest `bfrange` expanded into the lookup table; a conforming range never
/// spans more than 256 codes.
const EXPAND_RANGE: u32 = 256;
/// Upper bound on expanded entries, so a hostile CMap cannot exhaust memory.
const MAX_ENTRIES: usize = 1 << 20;

/// A parsed CMap.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    codespace: Vec<CodeRange>,
    unicode: HashMap<Code, String>,
    unicode_ranges: Vec<LazyRange>,
    cid_chars: HashMap<Code, u32>,
    cid_ranges: Vec<CidRange>,
    vertical: bool,
}

impl CMap {
    /// Parses the decoded bytes of a CMap stream. Never fails: unreadable
    /// parts are skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer { data, pos: 0 };
        let mut previous: Option<Token> = None;
        while let Some(token) = lexer.next_token() {
            match &token {
                Token::Word(word) => match word.as_slice() {
                    b"begincodespacerange" => {
                        cmap.read_codespace(&lexer.section(b"endcodespacerange"))
                    }
                    b"beginbfchar" => cmap.read_bfchar(&lexer.section(b"endbfchar")),
                    b"beginbfrange" => cmap.read_bfrange(&lexer.section(b"endbfrange")),
                    b"begincidchar" => cmap.read_cidchar(&lexer.section(b"endcidchar")),
                    b"begincidrange" => cmap.read_cidrange(&lexer.section(b"endcidrange")),
                    _ => {}
                },
                Token::Int(1) if matches!(&previous, Some(Token::Name(n)) if n == b"WMode") => {
                    cmap.vertical = true;
                }
                _ => {}
            }
            previous = Some(token);
        }
        cmap
    }

    /// Whether the CMap declares code space ranges, so it can split strings.
    pub fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// Whether the CMap maps any code to Unicode.
    pub fn has_unicode(&self) -> bool {
        !self.unicode.is_empty() || !self.unicode_ranges.is_empty()
    }

    /// Whether `/WMode 1` (vertical writing) was declared.
    pub fn is_vertical(&self) -> bool {
        self.vertical
    }

    /// How many bytes the code at the start of `bytes` takes, by the code
    /// space ranges; `None` when the CMap has none. A prefix that matches no
    /// range takes the shortest length of the ranges (PDF 32000 9.7.6.3).
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        let shortest = self.codespace.iter().map(|r| r.len).min()?;
        let exact = (1..=bytes.len().min(4))
            .find(|&n| self.codespace.iter().any(|r| r.contains(&bytes[..n])));
        Some(exact.unwrap_or(shortest))
    }

    /// The Unicode text `code` maps to. A code written with a different byte
    /// length in the CMap than in the string (`<41>` vs `<0041>`) still matches.
    pub fn unicode(&self, code: Code) -> Option<Cow<'_, str>> {
        self.unicode_exact(code).or_else(|| {
            (1..=4u8)
                .filter(|&len| {
                    len != code.len && (len == 4 || code.value >> (8 * u32::from(len)) == 0)
                })
                .find_map(|len| {
                    self.unicode_exact(Code {
                        len,
                        value: code.value,
                    })
                })
        })
    }

    fn unicode_exact(&self, code: Code) -> Option<Cow<'_, str>> {
        if let Some(s) = self.unicode.get(&code) {
            return Some(Cow::Borrowed(s));
        }
        self.unicode_ranges
            .iter()
            .find(|r| r.len == code.len && r.lo <= code.value && code.value <= r.hi)
            .and_then(|r| offset_utf16(&r.dst, code.value - r.lo))
            .map(Cow::Owned)
    }

    /// The CID `code` selects, from `cidchar` and `cidrange` mappings.
    pub fn cid(&self, code: Code) -> Option<u32> {
        if let Some(&cid) = self.cid_chars.get(&code) {
            return Some(cid);
        }
        self.cid_ranges
            .iter()
            .find(|r| r.len == code.len && r.lo <= code.value && code.value <= r.hi)
            .map(|r| r.cid.saturating_add(code.value - r.lo))
    }

    fn read_codespace(&mut self, tokens: &[Token]) {
        for_each_group(tokens, 2, |group| {
            let [Token::Hex(lo), Token::Hex(hi)] = group else {
                return false;
            };
            if lo.len() == hi.len() && (1..=4).contains(&lo.len()) {
                let mut range = CodeRange {
                    len: lo.len(),
                    lo: [0; 4],
                    hi: [0; 4],
                };
                range.lo[..lo.len()].copy_from_slice(lo);
                range.hi[..hi.len()].copy_from_slice(hi);
                self.codespace.push(range);
            }
            true
        });
    }

    fn read_bfchar(&mut self, tokens: &[Token]) {
        for_each_group(tokens, 2, |group| {
            let [
                Token::Hex(src),
                dst @ (Token::Hex(_) | Token::Literal(_) | Token::Name(_)),
            ] = group
            else {
                return false;
            };
            if let (Some(code), Some(text)) = (Code::from_bytes(src), destination(dst))
                && self.unicode.len() < MAX_ENTRIES
            {
                self.unicode.insert(code, text);
            }
            true
        });
    }

    fn read_bfrange(&mut self, tokens: &[Token]) {
        let mut i = 0;
        while i + 2 < tokens.len() {
            let (Token::Hex(lo), Token::Hex(hi)) = (&tokens[i], &tokens[i + 1]) else {
                i += 1;
                continue;
            };
            let (Some(lo), Some(hi)) = (Code::from_bytes(lo), Code::from_bytes(hi)) else {
                i += 1;
                continue;
            };
            match &tokens[i + 2] {
                Token::Hex(dst) => {
                    self.add_unicode_range(lo, hi.value, &utf16_units(dst));
                    i += 3;
                }
                Token::Open => {
                    let end = tokens[i + 3..]
                        .iter()
                        .position(|t| matches!(t, Token::Close))
                        .map_or(tokens.len(), |p| i + 3 + p);
                    self.add_unicode_array(lo, hi.value, &tokens[i + 3..end]);
                    i = end + 1;
                }
                _ => i += 1,
            }
        }
    }

    fn add_unicode_range(&mut self, lo: Code, hi: u32, dst: &[u16]) {
        if hi < lo.value || dst.is_empty() {
            return;
        }
        let span = hi - lo.value;
        if span >= EXPAND_RANGE || self.unicode.len() + span as usize >= MAX_ENTRIES {
            self.unicode_ranges.push(LazyRange {
                len: lo.len,
                lo: lo.value,
                hi,
                dst: dst.to_vec(),
            });
            return;
        }
        for offset in 0..=span {
            if let Some(text) = offset_utf16(dst, offset) {
                let code = Code {
                    len: lo.len,
                    value: lo.value + offset,
                };
                self.unicode.insert(code, text);
            }
        }
    }

    fn add_unicode_array(&mut self, lo: Code, hi: u32, dsts: &[Token]) {
        for (offset, dst) in (0..=hi.saturating_sub(lo.value)).zip(dsts) {
            if self.unicode.len() >= MAX_ENTRIES {
                return;
            }
            if let Some(text) = destination(dst) {
                let code = Code {
                    len: lo.len,
                    value: lo.value + offset,
                };
                self.unicode.insert(code, text);
            }
        }
    }

    fn read_cidchar(&mut self, tokens: &[Token]) {
        for_each_group(tokens, 2, |group| {
            let [Token::Hex(src), Token::Int(cid)] = group else {
                return false;
            };
            if let (Some(code), Ok(cid)) = (Code::from_bytes(src), u32::try_from(*cid))
                && self.cid_chars.len() < MAX_ENTRIES
            {
                self.cid_chars.insert(code, cid);
            }
            true
        });
    }

    fn read_cidrange(&mut self, tokens: &[Token]) {
        for_each_group(tokens, 3, |group| {
            let [Token::Hex(lo), Token::Hex(hi), Token::Int(cid)] = group else {
                return false;
            };
            if let (Some(lo), Some(hi), Ok(cid)) = (
                Code::from_bytes(lo),
                Code::from_bytes(hi),
                u32::try_from(*cid),
            ) && lo.value <= hi.value
                && self.cid_ranges.len() < MAX_ENTRIES
            {
                self.cid_ranges.push(CidRange {
                    len: lo.len,
                    lo: lo.value,
                    hi: hi.value,
                    cid,
                });
            }
            true
        });
    }
}

/// Calls `read` on each run of `size` tokens; when `read` rejects a run (it
/// does not have the expected shape) the run restarts one token later, so a
/// stray token costs only itself.
fn for_each_group(tokens: &[Token], size: usize, mut read: impl FnMut(&[Token]) -> bool) {
    let mut i = 0;
    while i + size <= tokens.len() {
        i += if read(&tokens[i..i + size]) { size } else { 1 };
    }
}

/// The text of a `bfchar` destination: UTF-16BE bytes or a glyph name.
fn destination(token: &Token) -> Option<String> {
    match token {
        Token::Hex(bytes) | Token::Literal(bytes) => offset_utf16(&utf16_units(bytes), 0),
        Token::Name(name) => glyph_name_to_unicode(&String::from_utf8_lossy(name)),
        _ => None,
    }
}

/// Big-endian UTF-16 code units; a lone byte is taken as a one-byte character
/// code, which some producers write.
fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]))
        .collect()
}

/// Decodes `units` with the last unit raised by `offset`, as `bfrange` asks.
fn offset_utf16(units: &[u16], offset: u32) -> Option<String> {
    let (&last, init) = units.split_last()?;
    let last = u16::try_from(u32::from(last).checked_add(offset)?).ok()?;
    let text: String = char::decode_utf16(init.iter().copied().chain([last]))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    Some(text)
}

/// The tokens of CMap syntax that matter for the data sections.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Literal(Vec<u8>),
    Name(Vec<u8>),
    Int(i64),
    Word(Vec<u8>),
    Open,
    Close,
    Other,
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || b == 0
}

impl Lexer<'_> {
    /// The tokens up to (not including) the word `end`, which is consumed.
    fn section(&mut self, end: &[u8]) -> Vec<Token> {
        let mut tokens = Vec::new();
        while let Some(token) = self.next_token() {
            if matches!(&token, Token::Word(w) if w == end) {
                break;
            }
            tokens.push(token);
        }
        tokens
    }

    fn next_token(&mut self) -> Option<Token> {
        self.skip_space();
        let &b = self.data.get(self.pos)?;
        self.pos += 1;
        let token = match b {
            b'<' if self.data.get(self.pos) == Some(&b'<') => {
                self.pos += 1;
                Token::Other
            }
            b'<' => Token::Hex(self.hex()),
            b'>' => {
                if self.data.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                }
                Token::Other
            }
            b'(' => Token::Literal(self.literal()),
            b'/' => Token::Name(self.regular().to_vec()),
            b'[' => Token::Open,
            b']' => Token::Close,
            b'{' | b'}' | b')' => Token::Other,
            _ => {
                self.pos -= 1;
                let word = self.regular();
                if word.is_empty() {
                    self.pos += 1;
                    return Some(Token::Other);
                }
                match std::str::from_utf8(word)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok())
                {
                    Some(n) => Token::Int(n),
                    None => Token::Word(word.to_vec()),
                }
            }
        };
        Some(token)
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if b == b'%' {
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&c| c != b'\n' && c != b'\r')
                {
                    self.pos += 1;
                }
            } else if b.is_ascii_whitespace() || b == 0 {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn regular(&mut self) -> &[u8] {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| !is_delimiter(b)) {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut digits = Vec::new();
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = char::from(b).to_digit(16) {
                digits.push(d as u8);
            }
        }
        // An odd final digit is followed by an implied zero.
        digits
            .chunks(2)
            .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
            .collect()
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'\\' => {
                    if let Some(&e) = self.data.get(self.pos) {
                        self.pos += 1;
                        out.push(match e {
                            b'n' => b'\n',
                            b'r' => b'\r',
                            b't' => b'\t',
                            b'b' => 8,
                            b'f' => 12,
                            b'0'..=b'7' => self.octal(e),
                            other => other,
                        });
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn octal(&mut self, first: u8) -> u8 {
        let mut value = u32::from(first - b'0');
        for _ in 0..2 {
            match self.data.get(self.pos) {
                Some(&d @ b'0'..=b'7') => {
                    value = value * 8 + u32::from(d - b'0');
                    self.pos += 1;
                }
                _ => break,
            }
        }
        value as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(bytes: &[u8]) -> Code {
        Code::from_bytes(bytes).unwrap()
    }

    fn text(cmap: &CMap, bytes: &[u8]) -> Option<String> {
        cmap.unicode(code(bytes)).map(Cow::into_owned)
    }

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0003> <0020>
<0011> <1EBF>  % e with circumflex and acute
<0012> <D83DDE00>
endbfchar
2 beginbfrange
<0020> <0022> <0041>
<0030> <0032> [<0066006C> <00E9> /ccedilla]
endbfrange
1 beginbfchar
<0040> <00660069>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end";

    #[test]
    fn bfchar_maps_single_and_surrogate_pair_destinations() {
        let cmap = CMap::parse(TO_UNICODE);
        assert_eq!(text(&cmap, &[0, 3]).as_deref(), Some(" "));
        assert_eq!(text(&cmap, &[0, 0x11]).as_deref(), Some("ế"));
        assert_eq!(text(&cmap, &[0, 0x12]).as_deref(), Some("😀"));
        assert_eq!(text(&cmap, &[0, 0x40]).as_deref(), Some("fi"));
        assert_eq!(text(&cmap, &[0, 0x13]), None);
    }

    #[test]
    fn bfrange_increments_and_array_form() {
        let cmap = CMap::parse(TO_UNICODE);
        assert_eq!(text(&cmap, &[0, 0x20]).as_deref(), Some("A"));
        assert_eq!(text(&cmap, &[0, 0x22]).as_deref(), Some("C"));
        assert_eq!(text(&cmap, &[0, 0x30]).as_deref(), Some("fl"));
        assert_eq!(text(&cmap, &[0, 0x31]).as_deref(), Some("é"));
        assert_eq!(text(&cmap, &[0, 0x32]).as_deref(), Some("c\u{327}"));
        assert_eq!(text(&cmap, &[0, 0x23]), None);
    }

    #[test]
    fn bfrange_with_multi_unit_destination_raises_last_unit() {
        let cmap = CMap::parse(b"1 beginbfrange <10> <12> <D840DC00> endbfrange");
        assert_eq!(text(&cmap, &[0x11]).as_deref(), Some("\u{20001}"));
        let cmap = CMap::parse(b"1 beginbfrange <10> <11> <00660066> endbfrange");
        assert_eq!(text(&cmap, &[0x11]).as_deref(), Some("fg"));
    }

    #[test]
    fn huge_ranges_are_looked_up_without_expansion() {
        let cmap = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0000> endbfrange");
        assert_eq!(text(&cmap, &[0, 0, 0, 0x41]).as_deref(), Some("A"));
        assert!(cmap.unicode.is_empty());
    }

    #[test]
    fn codes_match_across_byte_lengths() {
        let cmap = CMap::parse(b"1 beginbfchar <0041> <0042> endbfchar");
        assert_eq!(text(&cmap, &[0x41]).as_deref(), Some("B"));
    }

    #[test]
    fn codespace_with_one_and_two_byte_codes() {
        let cmap = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
              1 begincidrange <8140> <817E> 100 endcidrange
              1 begincidchar <41> 7 endcidchar",
        );
        assert_eq!(cmap.code_len(b"A\x81\x40"), Some(1));
        assert_eq!(cmap.code_len(b"\x81\x40"), Some(2));
        // 0x81 0x20 matches no range: the shortest length is taken.
        assert_eq!(cmap.code_len(b"\x81\x20"), Some(1));
        assert_eq!(cmap.cid(code(b"\x81\x42")), Some(102));
        assert_eq!(cmap.cid(code(b"A")), Some(7));
        assert_eq!(CMap::default().code_len(b"AB"), None);
    }

    #[test]
    fn vertical_mode_and_garbage_are_tolerated() {
        let cmap =
            CMap::parse(b"/WMode 1 def 2 beginbfchar <01> ) <02> <0061> endbfchar (unclosed");
        assert!(cmap.is_vertical());
        assert_eq!(text(&cmap, &[1]), None);
        assert_eq!(text(&cmap, &[2]).as_deref(), Some("a"));
        let cmap = CMap::parse(b"1 beginbfchar <01> <0061> endbfchar");
        assert_eq!(text(&cmap, &[1]).as_deref(), Some("a"));
        let _ = CMap::parse(b"<<<<[[[(((\\");
        let _ = CMap::parse(b"beginbfrange <01> <FF> [ <0041>");
    }
}

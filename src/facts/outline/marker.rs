//! Structural markers: the numbers and words that open a heading, clause
//! or point ("Chương I", "Điều 5.", "I.", "1.1.", "a)", "第一章", "一、",
//! "（一）", "①"), read from a Word label or from the start of a text.

use regex::Regex;
use std::sync::LazyLock;

/// What kind of marker a node has. Nodes of one kind are siblings; the
/// outline ranks kinds by how they nest.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An annex of the document: "PHỤ LỤC I", "Phụ lục số 2", "附录 A".
    Annex,
    /// "Phần I", "PHẦN THỨ NHẤT", "第一编", "第一部分".
    Part,
    /// "Chương I", "第一章".
    Chapter,
    /// "Mục 1", "第一节".
    Section,
    /// "Tiểu mục 1".
    Subsection,
    /// "Điều 5.", "第五条".
    Article,
    /// A model form of an appendix: "Mẫu 1.1", "Mẫu số 01".
    Form,
    /// "I.", "II-", "IV:", "I/", "II" before a title in capitals.
    Roman,
    /// "A.", "B)".
    UpperLetter,
    /// "1.", "1、", "1．", "1 -", "1/", and the numbers written in words
    /// "Một là,", "Hai là,".
    Arabic,
    /// A bare number as a Word label ("1", the clauses of a standard).
    ArabicBare,
    /// "1)", "1）".
    ArabicClose,
    /// "1.1.", "1.1", "5.1.1.", "2.1-": the number of parts.
    Dotted(u8),
    /// "a)", "a.", "đ)".
    LowerLetter,
    /// "(1)", "（1）", "(1).".
    ArabicParen,
    /// "(a)".
    LetterParen,
    /// "一、".
    ZhNumber,
    /// "（一）", "(一)".
    ZhParen,
    /// "①".
    Circled,
    /// A Word label of another shape ("Bước 1:" is "Bước 9:").
    Custom(String),
    /// A heading with no marker, by its Word level.
    Heading(u32),
}

impl Kind {
    /// Where the kind usually nests, outermost first, for two kinds the
    /// document has not yet shown nested: an annex holds parts, a part
    /// chapters, then Mục, Tiểu mục, Điều; then "I.", "A."/"一、",
    /// "（一）", "1.", "1.1.", "a)", "1)"/"(1)", "(a)", "①". `None` for a
    /// kind of no usual place (a model form, a Word label of another
    /// shape, a heading with no marker).
    pub fn usual_rank(&self) -> Option<u8> {
        Some(match self {
            Kind::Annex => 0,
            Kind::Part => 1,
            Kind::Chapter => 2,
            Kind::Section => 3,
            Kind::Subsection => 4,
            Kind::Article => 5,
            Kind::Roman => 7,
            Kind::UpperLetter | Kind::ZhNumber => 8,
            Kind::ZhParen => 9,
            Kind::Arabic | Kind::ArabicBare => 10,
            Kind::Dotted(depth) => 10u8.saturating_add(*depth),
            Kind::LowerLetter => 20,
            Kind::ArabicClose | Kind::ArabicParen => 21,
            Kind::LetterParen => 22,
            Kind::Circled => 23,
            Kind::Form | Kind::Custom(_) | Kind::Heading(_) => return None,
        })
    }

    /// Kinds whose title may stand on the next line ("Chương I" /
    /// "QUY ĐỊNH CHUNG") and that must not open an ordinary sentence.
    pub fn is_division(&self) -> bool {
        matches!(
            self,
            Kind::Annex
                | Kind::Part
                | Kind::Chapter
                | Kind::Section
                | Kind::Subsection
                | Kind::Form
        )
    }

    /// Kinds that head a document of their own when they stand at its top
    /// ("Phụ lục I", "Mẫu số 5"): the title there, not an outline node.
    pub fn is_attachment(&self) -> bool {
        matches!(self, Kind::Annex | Kind::Form)
    }

    /// The kinds of legal structure, annexes and forms may start anywhere:
    /// an extract may begin at "Điều 5.".
    fn may_start_anywhere(&self) -> bool {
        self.is_division() || *self == Kind::Article
    }
}

/// A marker found at the start of a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub kind: Kind,
    /// Byte offset where the marker ends in the string read.
    pub end: usize,
    /// Byte offset where the label as printed ends: before the comma of
    /// "Một là,".
    pub label_end: usize,
    /// For a one-letter Roman numeral (I, V, X, L, C): the letter, since
    /// it may be an upper-case letter marker instead.
    pub letter: Option<char>,
}

/// What a Word label is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Marker(Kind, Option<char>),
    /// "-", "•", "✓", "o": a bullet, never an outline node.
    Bullet,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("outline marker patterns are valid")
}

/// A pattern that must end at the end of a word (a `\b` after it),
/// searched without that `\b`, which is then checked by hand: a Unicode
/// `\b` keeps a regex off its fast engine on non-ASCII text, so that every
/// search would run the backtracker over the whole block. The pattern with
/// its `\b` runs only when the check fails, as it may then find a shorter
/// match ("Phần thứ mười" of "Phần thứ mười mộtx").
struct WordEnd {
    open: Regex,
    exact: Regex,
}

impl WordEnd {
    fn new(pattern: &str) -> Self {
        WordEnd {
            open: regex(pattern),
            exact: regex(&format!(r"(?:{pattern})\b")),
        }
    }

    /// Where the match at the start of `s` ends, as the pattern with its
    /// `\b` finds it. The `\b` ends the pattern, so the leftmost-first
    /// match without it is the pattern's own whenever a word ends there.
    fn find(&self, s: &str) -> Option<usize> {
        let end = self.open.find(s)?.end();
        if at_word_boundary(s, end) {
            return Some(end);
        }
        self.exact.find(s).map(|m| m.end())
    }
}

/// Whether `\b` holds at byte `at` of `s`: a word char (`\w`) on one side
/// only.
fn at_word_boundary(s: &str, at: usize) -> bool {
    is_word_char(s[..at].chars().next_back()) != is_word_char(s[at..].chars().next())
}

/// Whether `c` is a word char as the regexes' Unicode `\w` has it.
fn is_word_char(c: Option<char>) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| regex(r"^\w"));
    c.is_some_and(|c| match c.is_ascii() {
        true => c.is_ascii_alphanumeric() || c == '_',
        false => WORD.is_match(c.encode_utf8(&mut [0; 4])),
    })
}

static ANNEX: LazyLock<WordEnd> = LazyLock::new(|| {
    WordEnd::new(
        r"^(?:(?i:phụ\s+lục)\s+(?:(?i:số)\s+)?(?:[IVXLC]{1,7}|\d{1,3}[a-z]?)|附\s*录\s*[A-Z])",
    )
});
static PART: LazyLock<WordEnd> = LazyLock::new(|| {
    WordEnd::new(
        r"^(?i:phần)\s+(?:(?i:thứ)\s+(?i:nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười(?:\s+(?:một|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín))?)|[IVXLC]{1,7}|\d{1,2})",
    )
});
static CHAPTER: LazyLock<WordEnd> =
    LazyLock::new(|| WordEnd::new(r"^(?i:chương)\s+(?:[IVXLC]{1,7}|\d{1,3})"));
static SUBSECTION: LazyLock<WordEnd> =
    LazyLock::new(|| WordEnd::new(r"^(?i:tiểu\s+mục)\s+(?:[IVXLC]{1,7}|\d{1,3})"));
static SECTION: LazyLock<WordEnd> =
    LazyLock::new(|| WordEnd::new(r"^(?i:mục)\s+(?:[IVXLC]{1,7}|\d{1,3})"));
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| regex(r"^(?i:điều)\s+\d{1,3}[a-zđ]?(\s*[.:])?"));
static FORM: LazyLock<WordEnd> =
    LazyLock::new(|| WordEnd::new(r"^Mẫu\s+(?:số\s+)?\d{1,3}(?:\.\d{1,3})*[a-z]?"));
static WORD_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là\s*[,:]"));
static ZH_DIVISION: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^第\s*(?:(?:[一二三四五六七八九十百零〇两]{1,5}|\d{1,3})\s*(编|章|节|条)|[一二三四五六七八九十]{1,3}\s*(部分))",
    )
});
static ZH_PAREN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]"));
static ARABIC_PAREN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^[(（]\s*\d{1,3}\s*[)）](?:\.(?:\s|$))?"));
static LETTER_PAREN: LazyLock<Regex> = LazyLock::new(|| regex(r"^[(（][a-zđ][)）]"));
static ZH_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^[一二三四五六七八九十]{1,3}\s*[、．.，]"));
static CIRCLED: LazyLock<Regex> = LazyLock::new(|| regex(r"^[①-⑳]"));
static DOTTED: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\d{1,2}(?:\.\d{1,2}){1,4}(\.|\s?-(?:\s|$))?"));
static ARABIC: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d{1,3}\s*(?:[.．、/]|[-–](?:\s|$))"));
static ARABIC_CLOSE: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d{1,3}[)）]"));
static ARABIC_BARE: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d{1,3}$"));
static ROMAN: LazyLock<Regex> = LazyLock::new(|| regex(r"^([IVXLC]{1,7})(\s*[.\-–:)/]|\s)"));
static VALID_ROMAN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$"));
static UPPER: LazyLock<Regex> = LazyLock::new(|| regex(r"^[A-ZĐ]\s*[.)\-–]"));
static LOWER: LazyLock<Regex> = LazyLock::new(|| regex(r"^[a-zđ]\s*([).\-–])"));

/// The marker a text starts with, if any. `heading` says the block is a
/// heading, which lets "Chương I" be followed by a title in small letters.
pub fn at_start(text: &str, heading: bool) -> Option<Marker> {
    read(text, heading, false)
}

/// What a Word label is: a marker of some kind (the whole label), or a
/// bullet.
pub fn label(label: &str) -> Label {
    let label = label.trim();
    if let Some(marker) = read(label, true, true) {
        return Label::Marker(marker.kind, marker.letter);
    }
    match custom_shape(label) {
        Some(shape) => Label::Marker(Kind::Custom(shape), None),
        None => Label::Bullet,
    }
}

/// A label as the outline writes it: trimmed, runs of spaces made one,
/// "附　录　A" written "附录 A".
pub fn printed(label: &str) -> String {
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    match label.strip_prefix("附 录") {
        Some(rest) => format!("附录{rest}"),
        None => label,
    }
}

/// Whether a label numbers the first item of its kind ("1.", "a)", "I.",
/// "一、", "①", "Một là"); kinds that may start anywhere ("Điều 5.") and
/// kinds of no known numbering always pass.
pub fn is_first(kind: &Kind, label: &str) -> bool {
    if kind.may_start_anywhere() {
        return true;
    }
    let core: String = label.chars().filter(|c| c.is_alphanumeric()).collect();
    match kind {
        Kind::Arabic | Kind::ArabicBare | Kind::ArabicClose | Kind::ArabicParen => {
            core.trim_start_matches('0') == "1" || core.starts_with("Một")
        }
        Kind::Dotted(_) => label
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .rsplit('.')
            .next()
            .is_some_and(|last| last.trim_start_matches('0') == "1"),
        Kind::Roman => core == "I",
        Kind::UpperLetter => core == "A",
        Kind::LowerLetter | Kind::LetterParen => core == "a",
        Kind::ZhNumber | Kind::ZhParen => core == "一",
        Kind::Circled => core == "①",
        _ => true,
    }
}

/// Reads a marker at the start of `s`; with `whole`, the marker must be
/// all of `s` (a Word label) and what follows it is not checked.
fn read(s: &str, heading: bool, whole: bool) -> Option<Marker> {
    let first = s.chars().next()?;
    let found = if first.is_ascii_digit() {
        digits(s, whole)
    } else if first == '(' || first == '（' {
        [
            (&*ZH_PAREN, Kind::ZhParen),
            (&*ARABIC_PAREN, Kind::ArabicParen),
            (&*LETTER_PAREN, Kind::LetterParen),
        ]
        .into_iter()
        .find_map(|(re, kind)| {
            re.find(s)
                .map(|m| simple(kind, m.end(), m.as_str().trim_end().len()))
        })
    } else if first == '第' {
        ZH_DIVISION.captures(s).map(|caps| {
            let word = caps
                .get(1)
                .or_else(|| caps.get(2))
                .map_or("", |m| m.as_str());
            let kind = match word {
                "编" | "部分" => Kind::Part,
                "章" => Kind::Chapter,
                "节" => Kind::Section,
                _ => Kind::Article,
            };
            let end = caps.get(0).map_or(0, |m| m.end());
            simple(kind, end, end)
        })
    } else if first == '附' {
        ANNEX.find(s).map(|end| simple(Kind::Annex, end, end))
    } else if "一二三四五六七八九十".contains(first) {
        ZH_NUMBER
            .find(s)
            .map(|m| simple(Kind::ZhNumber, m.end(), m.end()))
    } else if ('①'..='⑳').contains(&first) {
        CIRCLED
            .find(s)
            .map(|m| simple(Kind::Circled, m.end(), m.end()))
    } else {
        words(s, whole).or_else(|| letters(s, whole))
    }?;
    if whole && !s[found.end..].trim().is_empty() {
        return None;
    }
    if !whole && !follows_well(&found, &s[found.end..], heading) {
        return None;
    }
    Some(found)
}

fn simple(kind: Kind, end: usize, label_end: usize) -> Marker {
    Marker {
        kind,
        end,
        label_end,
        letter: None,
    }
}

fn next_is_digit(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The first char of `rest` after spaces and tabs (not line breaks).
fn first_after_spaces(rest: &str) -> Option<char> {
    rest.chars()
        .find(|c| *c != ' ' && *c != '\t' && *c != '\u{a0}')
}

/// "1.", "1、", "1 -", "1/", "1)", "1.1.", "5.1.1", "2.1-"; a bare "1"
/// only as a Word label.
fn digits(s: &str, whole: bool) -> Option<Marker> {
    if whole && ARABIC_BARE.is_match(s) {
        return Some(simple(Kind::ArabicBare, s.len(), s.len()));
    }
    if let Some(caps) = DOTTED.captures(s) {
        let m = caps.get(0)?;
        let rest = &s[m.end()..];
        let number = m.as_str().trim_end_matches([' ', '-', '.']);
        let depth = u8::try_from(number.split('.').count()).unwrap_or(u8::MAX);
        let ok = whole
            || (!next_is_digit(rest)
                && if caps.get(1).is_some() {
                    // "1.1." then a space or the title.
                    rest.chars()
                        .next()
                        .is_none_or(|c| c.is_whitespace() || c.is_alphabetic())
                } else {
                    // "1.1 Title", "5.1.1 一般而言": only before a
                    // capital or a Chinese character, so that "2.5 triệu"
                    // stays a number.
                    rest.starts_with(char::is_whitespace)
                        && rest
                            .trim_start()
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
                });
        if ok {
            let end = m.end();
            return Some(simple(
                Kind::Dotted(depth),
                end,
                m.as_str().trim_end().len(),
            ));
        }
        // "1.250 người": a number, not "1." then "250".
        if !whole {
            return None;
        }
    }
    if let Some(m) = ARABIC.find(s) {
        let rest = &s[m.end()..];
        let dash = m.as_str().trim_end().ends_with(['-', '–']);
        let ok = whole
            || (!next_is_digit(rest)
                && first_after_spaces(rest).is_some_and(|c| !(dash && c.is_ascii_digit())));
        let label_end = m.as_str().trim_end().len();
        return ok.then(|| simple(Kind::Arabic, m.end(), label_end));
    }
    let m = ARABIC_CLOSE.find(s)?;
    (whole || !next_is_digit(&s[m.end()..])).then(|| simple(Kind::ArabicClose, m.end(), m.end()))
}

/// "Phần I", "Chương I", "Tiểu mục 1", "Mục 1", "Điều 5.", "Mẫu 1.1",
/// "PHỤ LỤC I", "Một là,".
fn words(s: &str, whole: bool) -> Option<Marker> {
    // Each pattern starts with its word, and (?i) folds p, c, t, m and đ
    // only to their capitals: only the patterns of the text's first letter
    // can match, and each other one would cost a search.
    let first = s.chars().next()?;
    if matches!(first, 'M' | 'H' | 'B' | 'N' | 'S' | 'T' | 'C')
        && let Some(m) = WORD_NUMBER.find(s)
    {
        let label_end = m.as_str().trim_end_matches([',', ':', ' ']).len();
        return Some(simple(Kind::Arabic, m.end(), label_end));
    }
    let division = |re: &WordEnd, kind: Kind| re.find(s).map(|end| simple(kind, end, end));
    match first {
        'p' | 'P' => division(&ANNEX, Kind::Annex).or_else(|| division(&PART, Kind::Part)),
        'c' | 'C' => division(&CHAPTER, Kind::Chapter),
        't' | 'T' => division(&SUBSECTION, Kind::Subsection),
        'm' | 'M' => division(&SECTION, Kind::Section).or_else(|| division(&FORM, Kind::Form)),
        'đ' | 'Đ' => article(s, whole),
        _ => None,
    }
}

/// "Điều 5.", "Điều 5:", "Điều 5" alone on its line.
fn article(s: &str, whole: bool) -> Option<Marker> {
    let caps = ARTICLE.captures(s)?;
    let end = caps.get(0)?.end();
    if caps.get(1).is_none() && !whole {
        // "Điều 5 Luật này…" is a sentence; "Điều 5" alone on its line
        // is a heading.
        let rest = &s[end..];
        if first_after_spaces(rest).is_some_and(|c| c != '\n') {
            return None;
        }
    }
    Some(simple(Kind::Article, end, end))
}

/// "I.", "IV-", "II TITLE", "A.", "a)", "b.".
fn letters(s: &str, whole: bool) -> Option<Marker> {
    // Gated by the first char, which each pattern fixes: a search, and
    // the captures' allocation, for nothing otherwise.
    let first = s.chars().next()?;
    if "IVXLC".contains(first)
        && let Some(caps) = ROMAN.captures(s)
    {
        let numeral = caps.get(1)?.as_str();
        let punctuated = caps.get(2).is_some_and(|p| !p.as_str().trim().is_empty());
        let end = if punctuated {
            caps.get(0)?.end()
        } else {
            numeral.len()
        };
        let rest = &s[end..];
        let ok = VALID_ROMAN.is_match(numeral)
            && (whole
                || if punctuated {
                    rest.chars()
                        .next()
                        .is_none_or(|c| c.is_whitespace() || c.is_uppercase())
                } else {
                    // "II TÌNH HÌNH…": with no dot, only before a title
                    // in capitals.
                    let line = rest.lines().next().unwrap_or("");
                    line.split_whitespace().count() >= 2
                        && line.chars().any(char::is_uppercase)
                        && !line.chars().any(char::is_lowercase)
                });
        if ok {
            let letter = (numeral.chars().count() == 1)
                .then(|| numeral.chars().next())
                .flatten();
            return Some(Marker {
                kind: Kind::Roman,
                end,
                label_end: end,
                letter,
            });
        }
    }
    if (first.is_ascii_uppercase() || first == 'Đ')
        && let Some(m) = UPPER.find(s)
    {
        let rest = &s[m.end()..];
        let ok = whole
            || (rest.starts_with(char::is_whitespace)
                && rest
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic));
        if ok {
            return Some(simple(Kind::UpperLetter, m.end(), m.end()));
        }
    }
    if !(first.is_ascii_lowercase() || first == 'đ') {
        return None;
    }
    let caps = LOWER.captures(s)?;
    let end = caps.get(0)?.end();
    let rest = &s[end..];
    let ok = whole
        || if caps.get(1).is_some_and(|p| p.as_str() != ")") {
            // "a. Title", "a- Title", not "v.v." or "x. y".
            rest.starts_with(char::is_whitespace)
                && rest
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_lowercase() && !c.is_ascii_digit())
        } else {
            !next_is_digit(rest)
        };
    ok.then(|| simple(Kind::LowerLetter, end, end))
}

/// Whether what follows a marker in a text makes it one: some words for
/// an ordinary marker; for a division ("Chương I"), nothing, a line break,
/// a separator, a heading block or a title in capitals, so that "Phần thứ
/// nhất bao gồm…" or "Mục 2 của Chương này…" stay sentences.
fn follows_well(marker: &Marker, rest: &str, heading: bool) -> bool {
    let trimmed = rest.trim_start_matches([' ', '\t', '\u{a0}', '\u{3000}']);
    if marker.kind.is_division() {
        return trimmed.is_empty()
            || trimmed.starts_with(['\n', '.', ':', '-', '–', '—', '：', '（', '('])
            || heading
            || !trimmed.chars().any(char::is_lowercase);
    }
    // Any other marker needs a title with at least one letter: "Điều 1.
    // ….", "1." alone or "2. …………" are not headings. An article may
    // stand alone on its line.
    (marker.kind == Kind::Article && trimmed.trim().is_empty())
        || trimmed.chars().any(char::is_alphabetic)
}

/// The shape of a Word label that is no known marker but numbers
/// something, its numbers made one digit ("Bước 1:" and "Bước 12:" are
/// both "Bước 9:"); `None` for a bullet.
fn custom_shape(label: &str) -> Option<String> {
    if !label
        .chars()
        .any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    {
        return None;
    }
    let mut shape = String::new();
    let mut last = None;
    for c in label.chars() {
        let class = if c.is_ascii_digit() {
            '9'
        } else if "一二三四五六七八九十百".contains(c) {
            '九'
        } else {
            c
        };
        if Some(class) != last || !matches!(class, '9' | '九') {
            shape.push(class);
        }
        last = Some(class);
    }
    Some(shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<(Kind, &str)> {
        at_start(text, false).map(|m| (m.kind, text[..m.label_end].trim()))
    }

    #[test]
    fn vietnamese_markers() {
        assert_eq!(kind("Chương I"), Some((Kind::Chapter, "Chương I")));
        assert_eq!(
            kind("CHƯƠNG 2 QUY ĐỊNH CHUNG"),
            Some((Kind::Chapter, "CHƯƠNG 2"))
        );
        assert_eq!(
            kind("PHẦN THỨ NHẤT\nTÌNH HÌNH"),
            Some((Kind::Part, "PHẦN THỨ NHẤT"))
        );
        assert_eq!(kind("Mục 1"), Some((Kind::Section, "Mục 1")));
        assert_eq!(kind("Điều 5. Hiệu lực"), Some((Kind::Article, "Điều 5.")));
        assert_eq!(kind("Điều 5: Hiệu lực"), Some((Kind::Article, "Điều 5:")));
        assert_eq!(kind("I. MỤC TIÊU"), Some((Kind::Roman, "I.")));
        assert_eq!(kind("I- ĐÁNH GIÁ"), Some((Kind::Roman, "I-")));
        assert_eq!(kind("I/ Đối tượng áp dụng"), Some((Kind::Roman, "I/")));
        assert_eq!(kind("II TÌNH HÌNH TRIỂN KHAI"), Some((Kind::Roman, "II")));
        assert_eq!(kind("1. Mục tiêu"), Some((Kind::Arabic, "1.")));
        assert_eq!(kind("1- Các doanh nghiệp"), Some((Kind::Arabic, "1-")));
        assert_eq!(kind("1/ Đối tượng"), Some((Kind::Arabic, "1/")));
        assert_eq!(kind("Một là, nhanh chóng"), Some((Kind::Arabic, "Một là")));
        assert_eq!(kind("1.1. Nội dung"), Some((Kind::Dotted(2), "1.1.")));
        assert_eq!(kind("5.1.1. Nội dung"), Some((Kind::Dotted(3), "5.1.1.")));
        assert_eq!(kind("2.1 Phương pháp"), Some((Kind::Dotted(2), "2.1")));
        assert_eq!(
            kind("2.1- Các doanh nghiệp"),
            Some((Kind::Dotted(2), "2.1-"))
        );
        assert_eq!(kind("3.3 - Nơi nộp"), Some((Kind::Dotted(2), "3.3 -")));
        assert_eq!(kind("a) Giảm tỷ số"), Some((Kind::LowerLetter, "a)")));
        assert_eq!(kind("đ) Lương y;"), Some((Kind::LowerLetter, "đ)")));
        assert_eq!(kind("a. Tăng cường"), Some((Kind::LowerLetter, "a.")));
        assert_eq!(kind("A. NỘI DUNG"), Some((Kind::UpperLetter, "A.")));
        assert_eq!(kind("A - NHỮNG QUY ĐỊNH"), Some((Kind::UpperLetter, "A -")));
        assert_eq!(kind("b- Hoá đơn"), Some((Kind::LowerLetter, "b-")));
        assert_eq!(kind("a-xít"), None);
        assert_eq!(kind("(2). Bộ Tài chính"), Some((Kind::ArabicParen, "(2).")));
        assert_eq!(
            kind("Mẫu 1.1 - Nghị quyết (cá biệt)"),
            Some((Kind::Form, "Mẫu 1.1"))
        );
        assert_eq!(kind("PHỤ LỤC I"), Some((Kind::Annex, "PHỤ LỤC I")));
    }

    #[test]
    fn chinese_markers() {
        assert_eq!(kind("第一章 总则"), Some((Kind::Chapter, "第一章")));
        assert_eq!(kind("第十二条 本办法"), Some((Kind::Article, "第十二条")));
        assert_eq!(kind("第二节 管理"), Some((Kind::Section, "第二节")));
        assert_eq!(kind("第一部分 总体要求"), Some((Kind::Part, "第一部分")));
        assert_eq!(kind("一、工作目标"), Some((Kind::ZhNumber, "一、")));
        assert_eq!(
            kind("（一）加强组织领导。"),
            Some((Kind::ZhParen, "（一）"))
        );
        assert_eq!(kind("(二)落实经费"), Some((Kind::ZhParen, "(二)")));
        assert_eq!(
            kind("（三）2025年主要指标"),
            Some((Kind::ZhParen, "（三）"))
        );
        assert_eq!(kind("1.推进婚前保健"), Some((Kind::Arabic, "1.")));
        assert_eq!(kind("2、加强宣传"), Some((Kind::Arabic, "2、")));
        assert_eq!(kind("1）引入差异项定义"), Some((Kind::ArabicClose, "1）")));
        assert_eq!(kind("（1）早孕建册"), Some((Kind::ArabicParen, "（1）")));
        assert_eq!(kind("①早孕建册率"), Some((Kind::Circled, "①")));
        assert_eq!(kind("5.1.1 一般而言"), Some((Kind::Dotted(3), "5.1.1")));
        assert_eq!(kind("附　录　A"), Some((Kind::Annex, "附　录　A")));
    }

    #[test]
    fn numbers_and_words_that_are_not_markers() {
        for text in [
            "2025 là năm bản lề",
            "1.250 người cao tuổi",
            "30/2020/NĐ-CP quy định",
            "2.5 triệu người",
            "12,5% dân số",
            "2 - 3 ngày",
            "Phần thứ nhất bao gồm từ “Kính gửi”",
            "Phần I Phụ lục này",
            "Mục 2 của Chương này quy định",
            "Mục tiêu chung",
            "Chương trình mục tiêu",
            "CHƯƠNG TRÌNH",
            "PHẦN CUỐI CÙNG",
            "Phụ lục I kèm theo Thông tư này",
            "Điều 5 Luật này quy định",
            "Điều 1............",
            "Điều …......",
            "v.v. và các nội dung khác",
            "I-ốt",
            "I like it",
            "2025年，全县",
            "十分重要",
            "第1部分：通用要求",
            "1",
            "1.",
            "(2019) số liệu",
            "“12. Thành lập đoàn",
            "- Sở Y tế",
        ] {
            assert_eq!(at_start(text, false), None, "{text}");
        }
    }

    #[test]
    fn labels() {
        assert_eq!(label("1."), Label::Marker(Kind::Arabic, None));
        assert_eq!(label("1"), Label::Marker(Kind::ArabicBare, None));
        assert_eq!(label("5.1"), Label::Marker(Kind::Dotted(2), None));
        assert_eq!(label("a)"), Label::Marker(Kind::LowerLetter, None));
        assert_eq!(label("（一）"), Label::Marker(Kind::ZhParen, None));
        assert_eq!(label("I."), Label::Marker(Kind::Roman, Some('I')));
        assert_eq!(label("Điều 3."), Label::Marker(Kind::Article, None));
        assert_eq!(label("附　录　A"), Label::Marker(Kind::Annex, None));
        assert_eq!(label("•"), Label::Bullet);
        assert_eq!(label("-"), Label::Bullet);
        assert_eq!(label("✓"), Label::Bullet);
        assert_eq!(label("o"), Label::Bullet);
        assert_eq!(
            label("Bước 12:"),
            Label::Marker(Kind::Custom("Bước 9:".into()), None)
        );
        assert_eq!(printed("附　录　A"), "附录 A");
        assert_eq!(printed(" 3.3  - "), "3.3 -");
    }

    #[test]
    fn word_ends_match_as_the_patterns_with_their_word_boundary() {
        let patterns = [&*ANNEX, &*PART, &*CHAPTER, &*SUBSECTION, &*SECTION, &*FORM];
        for text in [
            "Phần thứ mười một",
            "Phần thứ mười mộtx",
            "PHẦN THỨ MƯỜI HAI: KẾT LUẬN",
            "Phần IIố",
            "Phần 12a",
            "Chương Iố quy định",
            "Chương IV_",
            "Chương 1234",
            "CHƯƠNG II\nQUY ĐỊNH CHUNG",
            "Tiểu mục 2²",
            "Mục 1́ kết hợp",
            "Mục 3",
            "Mẫu số 01a",
            "Mẫu 1.1b2",
            "Mẫu 1.1.",
            "Phụ lục số 2b",
            "Phụ lục IIé",
            "附 录 A",
            "附录 AB",
        ] {
            for pattern in patterns {
                assert_eq!(
                    pattern.find(text),
                    pattern.exact.find(text).map(|m| m.end()),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn first_items() {
        assert!(is_first(&Kind::Arabic, "1."));
        assert!(is_first(&Kind::Arabic, "Một là"));
        assert!(is_first(&Kind::ArabicParen, "(1)."));
        assert!(!is_first(&Kind::ArabicParen, "(3)"));
        assert!(is_first(&Kind::Dotted(2), "2.1-"));
        assert!(!is_first(&Kind::Dotted(2), "2.3."));
        assert!(is_first(&Kind::Roman, "I."));
        assert!(!is_first(&Kind::Roman, "II"));
        assert!(is_first(&Kind::ZhParen, "（一）"));
        assert!(is_first(&Kind::Article, "Điều 5."));
    }
}

//! List numbering of WordprocessingML (`word/numbering.xml`, ECMA-376 Part 1
//! §17.9): the labels Word draws before numbered and bulleted paragraphs.
//!
//! Counting rules, as Word applies them:
//! - A list is an abstract numbering (`w:abstractNum`). Every numbering
//!   instance (`w:num`) pointing at the same abstract numbering continues the
//!   same counters, so a list interrupted by other paragraphs, or split over
//!   two `numId`s, goes on counting.
//! - An instance with `w:lvlOverride/w:startOverride` restarts the overridden
//!   levels the first time a paragraph uses that instance; a whole `w:lvl`
//!   inside the override replaces the level's definition for that instance.
//! - Using a level restarts the deeper levels, unless a deeper level's
//!   `w:lvlRestart` says after which level it restarts (0: never).
//! - A level not yet used shows its start value in a `%n` of a deeper level.
//! - `w:isLgl` shows every number of the label in Arabic digits ("1.1" under
//!   "Chương I").

use crate::extract::xml::attr;
use crate::symbols;
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};

/// Word's levels are 0–8.
pub(crate) const LEVELS: usize = 9;

/// One level of a list: how its number is counted and drawn. The Word 97
/// reader builds these from its list tables.
#[derive(Debug, Clone, Default)]
pub(crate) struct Level {
    pub start: Option<i64>,
    /// An OOXML number format name (`decimal`, `lowerLetter`, `bullet`…).
    pub format: Option<String>,
    /// Zero padding from a Word 2010 custom format such as "001, 002, 003, ...".
    pub custom_width: Option<usize>,
    /// The label template: `%1`–`%9` stand for the numbers of levels 1–9.
    pub text: Option<String>,
    /// `w:lvlRestart`: restart after a use of this 1-based level; 0 = never.
    pub restart_after: Option<u32>,
    pub legal: bool,
    /// The paragraph style linked to the level (`w:pStyle`).
    pub style: Option<String>,
    /// The font of the label, which decides how a bullet character reads.
    pub font: Option<String>,
    pub picture_bullet: bool,
}

impl Level {
    fn start(&self) -> i64 {
        self.start.unwrap_or(0)
    }

    fn format(&self) -> &str {
        self.format.as_deref().unwrap_or("decimal")
    }
}

#[derive(Debug, Default)]
struct AbstractNum {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels live in the list of this numbering style.
    style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    start_overrides: Vec<(usize, i64)>,
    level_overrides: Vec<(usize, Level)>,
}

/// The list definitions of a document: abstract numberings, their levels, and
/// the numbering instances (`w:num`) that point at them.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
    /// Style id → `numId` of the style's own numbering, for `w:numStyleLink`.
    style_num_ids: HashMap<String, String>,
}

impl Numbering {
    /// Parses `numbering.xml`. `style_num_ids` maps style ids to the `numId`
    /// of their `w:numPr`; it resolves abstract numberings that defer to a
    /// numbering style. Damaged XML gives what was read before the damage.
    pub fn parse(numbering_xml: &str, style_num_ids: &HashMap<String, String>) -> Numbering {
        let mut parser = Parser::default();
        let mut reader = quick_xml::Reader::from_str(numbering_xml);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => parser.start(&e, false),
                Ok(Event::Empty(e)) => parser.start(&e, true),
                Ok(Event::End(e)) => parser.end(e.local_name().as_ref()),
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        Numbering {
            abstracts: parser.abstracts,
            nums: parser.nums,
            style_num_ids: style_num_ids.clone(),
        }
    }

    /// Adds abstract list `abstract_id` with its levels (0–8).
    pub(crate) fn add_list(&mut self, abstract_id: String, levels: [Option<Level>; LEVELS]) {
        let list = AbstractNum {
            levels,
            style_link: None,
        };
        self.abstracts.insert(abstract_id, list);
    }

    /// Adds instance `num_id` of abstract list `abstract_id`: levels it
    /// restarts at a given number the first time it is used, and levels it
    /// defines anew.
    pub(crate) fn add_instance(
        &mut self,
        num_id: String,
        abstract_id: String,
        start_overrides: Vec<(usize, i64)>,
        level_overrides: Vec<(usize, Level)>,
    ) {
        let num = Num {
            abstract_id,
            start_overrides,
            level_overrides,
        };
        self.nums.insert(num_id, num);
    }

    /// The level (0-based) of list `num_id` that paragraph style `style_id`
    /// is linked to by a level's `w:pStyle`: how a paragraph numbered through
    /// its style without a `w:ilvl` finds its level.
    pub fn level_for_style(&self, num_id: &str, style_id: &str) -> Option<u32> {
        let (abstract_id, num) = self.resolve(num_id)?;
        (0..LEVELS)
            .find(|&i| {
                self.level(abstract_id, num, i)
                    .is_some_and(|l| l.style.as_deref() == Some(style_id))
            })
            .map(|i| i as u32)
    }

    /// The abstract numbering id that instance `num_id` counts in, following
    /// `w:numStyleLink` (bounded: links can be cyclic in damaged files).
    fn resolve(&self, num_id: &str) -> Option<(&str, &Num)> {
        let num = self.nums.get(num_id)?;
        let mut abstract_id = num.abstract_id.as_str();
        for _ in 0..8 {
            let Some(link) = self.abstracts.get(abstract_id)?.style_link.as_deref() else {
                return Some((abstract_id, num));
            };
            let linked_num = self.style_num_ids.get(link)?;
            abstract_id = self.nums.get(linked_num)?.abstract_id.as_str();
        }
        None
    }

    /// Level `ilvl` as instance `num` sees it: its own override, else the
    /// abstract numbering's definition.
    fn level<'s>(&'s self, abstract_id: &str, num: &'s Num, ilvl: usize) -> Option<&'s Level> {
        num.level_overrides
            .iter()
            .find(|(i, _)| *i == ilvl)
            .map(|(_, level)| level)
            .or_else(|| self.abstracts.get(abstract_id)?.levels.get(ilvl)?.as_ref())
    }
}

/// Builds the definitions while streaming `numbering.xml`.
#[derive(Default)]
struct Parser {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
    abstract_id: Option<String>,
    num_id: Option<String>,
    /// The level being read (its ilvl) and whether it sits in a `w:lvlOverride`.
    level: Option<(usize, Level)>,
    override_level: Option<usize>,
    in_fallback: bool,
    in_run_properties: bool,
}

impl Parser {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        let val = || attr(e, "val");
        match e.local_name().as_ref() {
            "abstractNum" if !empty => {
                self.abstract_id = attr(e, "abstractNumId");
                if let Some(id) = &self.abstract_id {
                    self.abstracts.insert(id.clone(), AbstractNum::default());
                }
            }
            "num" if !empty => {
                self.num_id = attr(e, "numId");
                if let Some(id) = &self.num_id {
                    self.nums.insert(id.clone(), Num::default());
                }
            }
            "abstractNumId" => {
                if let Some(num) = self.current_num() {
                    num.abstract_id = val().unwrap_or_default();
                }
            }
            "lvlOverride" if !empty => self.override_level = ilvl_of(e),
            "startOverride" => {
                if let (Some(ilvl), Some(start)) =
                    (self.override_level, val().and_then(|v| v.parse().ok()))
                    && let Some(num) = self.current_num()
                {
                    num.start_overrides.push((ilvl, start));
                }
            }
            "lvl" if !empty => {
                self.level = ilvl_of(e).map(|ilvl| (ilvl, Level::default()));
            }
            "numStyleLink" => {
                if let Some(id) = self.abstract_id.clone()
                    && let Some(abstract_num) = self.abstracts.get_mut(&id)
                {
                    abstract_num.style_link = val();
                }
            }
            "Fallback" if !empty => self.in_fallback = true,
            "rPr" if !empty => self.in_run_properties = true,
            name => self.level_property(name, e),
        }
    }

    fn level_property(&mut self, name: &str, e: &BytesStart) {
        let in_fallback = self.in_fallback;
        let in_run_properties = self.in_run_properties;
        let Some((_, level)) = self.level.as_mut() else {
            return;
        };
        let val = || attr(e, "val");
        match name {
            "start" => level.start = val().and_then(|v| v.parse().ok()),
            // The Fallback of a Word 2010 custom format repeats it in an
            // older form: keep the first one read.
            "numFmt" if !(in_fallback && level.format.is_some()) => {
                level.format = val();
                level.custom_width = attr(e, "format").and_then(|f| custom_width(&f));
            }
            "lvlText" => level.text = Some(val().unwrap_or_default()),
            "lvlRestart" => level.restart_after = val().and_then(|v| v.parse().ok()),
            "isLgl" => {
                level.legal = val().is_none_or(|v| matches!(v.as_str(), "1" | "true" | "on"))
            }
            "pStyle" => level.style = val(),
            "lvlPicBulletId" => level.picture_bullet = true,
            "rFonts" if in_run_properties => level.font = super::styles::font_of(e),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "abstractNum" => self.abstract_id = None,
            "num" => self.num_id = None,
            "lvlOverride" => self.override_level = None,
            "Fallback" => self.in_fallback = false,
            "rPr" => self.in_run_properties = false,
            "lvl" => self.end_level(),
            _ => {}
        }
    }

    fn end_level(&mut self) {
        let Some((ilvl, level)) = self.level.take() else {
            return;
        };
        if let Some(num) = self.num_id.clone().and_then(|id| self.nums.get_mut(&id)) {
            num.level_overrides.push((ilvl, level));
        } else if let Some(abstract_num) = self
            .abstract_id
            .clone()
            .and_then(|id| self.abstracts.get_mut(&id))
        {
            abstract_num.levels[ilvl] = Some(level);
        }
    }

    fn current_num(&mut self) -> Option<&mut Num> {
        let id = self.num_id.clone()?;
        self.nums.get_mut(&id)
    }
}

fn ilvl_of(e: &BytesStart) -> Option<usize> {
    attr(e, "ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&i| i < LEVELS)
}

/// "001, 002, 003, ..." → 3: the digits of the first sample number.
fn custom_width(format: &str) -> Option<usize> {
    let first = format.split(',').next()?.trim();
    (first.len() > 1 && first.bytes().all(|b| b.is_ascii_digit())).then_some(first.len())
}

/// Running counters of one document, in reading order.
pub struct ListCounters<'a> {
    numbering: &'a Numbering,
    /// Abstract numbering id → the last number of each level, `None` when the
    /// level has not been used since it was last restarted.
    counts: HashMap<String, [Option<i64>; LEVELS]>,
    /// Instances already used: their start overrides have been applied.
    started: HashSet<String>,
}

impl<'a> ListCounters<'a> {
    /// Counters with every list not yet used.
    pub fn new(numbering: &'a Numbering) -> Self {
        ListCounters {
            numbering,
            counts: HashMap::new(),
            started: HashSet::new(),
        }
    }

    /// Counts one paragraph numbered with (`num_id`, `ilvl`) and returns its
    /// label as Word draws it ("2.", "a)", "（一）", "•"), or `None` when the
    /// level draws nothing or the list is unknown. Must be called for every
    /// numbered paragraph in reading order, empty ones included: Word counts
    /// them.
    pub fn next_label(&mut self, num_id: &str, ilvl: u32) -> Option<String> {
        let numbering = self.numbering;
        let (abstract_id, num) = numbering.resolve(num_id)?;
        let ilvl = (ilvl as usize).min(LEVELS - 1);
        let level = numbering.level(abstract_id, num, ilvl)?;
        let counts = self.counts.entry(abstract_id.to_string()).or_default();
        let restarts: &[(usize, i64)] = if self.started.insert(num_id.to_string()) {
            &num.start_overrides
        } else {
            &[]
        };
        for (overridden, _) in restarts {
            counts[*overridden] = None;
        }
        let start_of = |i: usize| {
            num.start_overrides
                .iter()
                .find(|(o, _)| *o == i)
                .map(|(_, start)| *start)
                .or_else(|| numbering.level(abstract_id, num, i).map(Level::start))
                .unwrap_or(0)
        };
        counts[ilvl] = Some(counts[ilvl].map_or_else(|| start_of(ilvl), |n| n.saturating_add(1)));
        for (deeper, count) in counts.iter_mut().enumerate().skip(ilvl + 1) {
            let restart_after = numbering
                .level(abstract_id, num, deeper)
                .and_then(|l| l.restart_after);
            if restart_after.is_none_or(|after| ilvl < after as usize) {
                *count = None;
            }
        }
        let counts = *counts;
        render(level, |i| {
            let definition = numbering.level(abstract_id, num, i);
            let value = counts[i].unwrap_or_else(|| start_of(i));
            let format = match definition {
                Some(_) if level.legal => "decimal",
                Some(d) => d.format(),
                None => "decimal",
            };
            let width = definition.and_then(|d| d.custom_width);
            format_padded(format, value, width)
        })
    }
}

/// The label of `level`: its `lvlText` with each `%n` replaced by `number(n-1)`,
/// or its bullet character mapped out of a symbol font.
fn render(level: &Level, number: impl Fn(usize) -> String) -> Option<String> {
    let text = level.text.as_deref().unwrap_or("");
    let label = match level.format() {
        "none" => return None,
        "bullet" if level.picture_bullet || text.is_empty() => "•".to_string(),
        "bullet" => text
            .chars()
            .map(|c| bullet_char(c, level.font.as_deref()))
            .collect(),
        _ => substitute(text, number),
    };
    let label = label.trim().to_string();
    (!label.is_empty()).then_some(label)
}

fn substitute(template: &str, number: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        let level = chars
            .peek()
            .and_then(|d| d.to_digit(10))
            .filter(|d| c == '%' && (1..=9).contains(d));
        match level {
            Some(d) => {
                chars.next();
                out.push_str(&number(d as usize - 1));
            }
            None => out.push(c),
        }
    }
    out
}

/// A bullet character as Unicode: symbol fonts draw their own glyphs at
/// Latin-1 or private-use codes.
fn bullet_char(c: char, font: Option<&str>) -> char {
    let code = u32::from(c);
    let font = font.unwrap_or("");
    let is_symbol_font = ["symbol", "wingdings"]
        .iter()
        .any(|f| font.trim().to_ascii_lowercase().starts_with(f));
    if is_symbol_font || (0xF020..=0xF0FF).contains(&code) {
        return symbols::to_unicode(font, code).unwrap_or('•');
    }
    c
}

fn format_padded(format: &str, n: i64, width: Option<usize>) -> String {
    match width {
        Some(width) if format == "custom" => format!("{n:0width$}"),
        _ => format_number(format, n),
    }
}

/// `n` written in the OOXML number format `format` (`decimal`, `upperRoman`,
/// `chineseCounting`…); formats we do not know, and numbers a format cannot
/// write, fall back to decimal.
pub fn format_number(format: &str, n: i64) -> String {
    let written = match format {
        "decimalZero" => Some(format!("{n:02}")),
        "upperRoman" => roman(n).map(|r| r.to_uppercase()),
        "lowerRoman" => roman(n),
        "upperLetter" => letters(n, LATIN).map(|l| l.to_uppercase()),
        "lowerLetter" => letters(n, LATIN),
        "russianLower" => letters(n, RUSSIAN),
        "russianUpper" => letters(n, RUSSIAN).map(|l| l.to_uppercase()),
        "ordinal" => Some(ordinal(n)),
        "cardinalText" => english_words(n).map(capitalize),
        "ordinalText" => english_words(n).map(|w| capitalize(ordinal_words(&w))),
        "hex" => Some(format!("{n:X}")),
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => cjk_counting(n, "零一二三四五六七八九", ["十", "百", "千"], true),
        "chineseLegalSimplified" => {
            cjk_counting(n, "零壹贰叁肆伍陆柒捌玖", ["拾", "佰", "仟"], false)
        }
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
            ideograph_digits(n)
        }
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed(n, 0x2460),
        "decimalEnclosedFullstop" => enclosed(n, 0x2488),
        "decimalEnclosedParen" => enclosed(n, 0x2474),
        "decimalFullWidth" | "decimalFullWidth2" => Some(full_width_digits(n)),
        "vietnameseCounting" => vietnamese_words(n),
        _ => None,
    };
    written.unwrap_or_else(|| n.to_string())
}

const LATIN: &str = "abcdefghijklmnopqrstuvwxyz";
const RUSSIAN: &str = "абвгдежзиклмнопрстуфхцчшщэюя";

fn roman(n: i64) -> Option<String> {
    if !(1..4000).contains(&n) {
        return None;
    }
    const PARTS: [(i64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, digits) in PARTS {
        while rest >= value {
            out.push_str(digits);
            rest -= value;
        }
    }
    Some(out)
}

/// Word's letter numbering: a…z, then aa…zz, aaa… (the letter repeated).
fn letters(n: i64, alphabet: &str) -> Option<String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let size = alphabet.len() as i64;
    if !(1..=size * 50).contains(&n) {
        return None;
    }
    let letter = alphabet[((n - 1) % size) as usize];
    Some(std::iter::repeat_n(letter, ((n - 1) / size + 1) as usize).collect())
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn english_words(n: i64) -> Option<String> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match n {
        0..=19 => Some(ONES[n as usize].to_string()),
        20..=99 if n % 10 == 0 => Some(TENS[(n / 10) as usize].to_string()),
        20..=99 => Some(format!(
            "{}-{}",
            TENS[(n / 10) as usize],
            ONES[(n % 10) as usize]
        )),
        100..=999 => {
            let hundreds = format!("{} hundred", ONES[(n / 100) as usize]);
            match n % 100 {
                0 => Some(hundreds),
                rest => Some(format!("{hundreds} {}", english_words(rest)?)),
            }
        }
        _ => None,
    }
}

/// "twenty-one" → "twenty-first": only the last word becomes ordinal.
fn ordinal_words(words: &str) -> String {
    let split = words.rfind([' ', '-']).map_or(0, |i| i + 1);
    let (head, last) = words.split_at(split);
    let last = match last {
        "one" => "first".to_string(),
        "two" => "second".to_string(),
        "three" => "third".to_string(),
        "five" => "fifth".to_string(),
        "eight" => "eighth".to_string(),
        "nine" => "ninth".to_string(),
        "twelve" => "twelfth".to_string(),
        w if w.ends_with('y') => format!("{}ieth", &w[..w.len() - 1]),
        w => format!("{w}th"),
    };
    format!("{head}{last}")
}

fn capitalize(words: String) -> String {
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Chinese counting from 1 to 9,999: 十一, 二十, 一百零五, 一千二百. In the
/// everyday form a leading 一 before 十 is dropped (十一, not 一十一), as Word
/// writes it; the legal form keeps it (壹拾贰).
fn cjk_counting(n: i64, digits: &str, units: [&str; 3], drop_leading_one: bool) -> Option<String> {
    if !(1..10_000).contains(&n) {
        return None;
    }
    let digits: Vec<char> = digits.chars().collect();
    let places = [(n / 1000) % 10, (n / 100) % 10, (n / 10) % 10, n % 10];
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, &d) in places.iter().enumerate() {
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(digits[0]);
            pending_zero = false;
        }
        let unit = match i {
            0 => units[2],
            1 => units[1],
            2 => units[0],
            _ => "",
        };
        let skip_one = drop_leading_one && i == 2 && d == 1 && out.is_empty();
        if !skip_one {
            out.push(digits[d as usize]);
        }
        out.push_str(unit);
    }
    Some(out)
}

fn ideograph_digits(n: i64) -> Option<String> {
    let digits: Vec<char> = "〇一二三四五六七八九".chars().collect();
    (n >= 0).then(|| {
        n.to_string()
            .bytes()
            .map(|b| digits[usize::from(b - b'0')])
            .collect()
    })
}

/// Sequences such as the heavenly stems: 1 is the first; past the end, decimal.
fn cycle(n: i64, symbols: &str) -> Option<String> {
    let index = usize::try_from(n.checked_sub(1)?).ok()?;
    symbols.chars().nth(index).map(String::from)
}

/// ① …⑳ and the like: twenty enclosed numbers from `first`, then decimal.
fn enclosed(n: i64, first: u32) -> Option<String> {
    if !(1..=20).contains(&n) {
        return None;
    }
    char::from_u32(first + n as u32 - 1).map(String::from)
}

fn full_width_digits(n: i64) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            c.to_digit(10)
                .and_then(|d| char::from_u32(0xFF10 + d))
                .unwrap_or(c)
        })
        .collect()
}

/// Vietnamese counting words below 100: một, mười một, hai mươi mốt, hai
/// mươi tư, mười lăm.
fn vietnamese_words(n: i64) -> Option<String> {
    const UNITS: [&str; 10] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    let (tens, units) = (n / 10, n % 10);
    match n {
        0..=9 => Some(UNITS[n as usize].to_string()),
        10..=99 => {
            let head = if tens == 1 {
                "mười".to_string()
            } else {
                format!("{} mươi", UNITS[tens as usize])
            };
            let tail = match units {
                0 => return Some(head),
                1 if tens > 1 => "mốt",
                4 if tens > 1 => "tư",
                5 => "lăm",
                u => UNITS[u as usize],
            };
            Some(format!("{head} {tail}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn lvl(ilvl: u32, format: &str, text: &str, extra: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>"#
        )
    }

    fn numbering(abstracts: &[(&str, String)], nums: &[(&str, &str, &str)]) -> Numbering {
        let mut xml = format!("<w:numbering {W}>");
        for (id, levels) in abstracts {
            xml.push_str(&format!(
                r#"<w:abstractNum w:abstractNumId="{id}">{levels}</w:abstractNum>"#
            ));
        }
        for (num, abstract_id, overrides) in nums {
            xml.push_str(&format!(
                r#"<w:num w:numId="{num}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>"#
            ));
        }
        xml.push_str("</w:numbering>");
        Numbering::parse(&xml, &HashMap::new())
    }

    fn labels(numbering: &Numbering, sequence: &[(&str, u32)]) -> Vec<String> {
        let mut counters = ListCounters::new(numbering);
        sequence
            .iter()
            .map(|(num, ilvl)| counters.next_label(num, *ilvl).unwrap_or_default())
            .collect()
    }

    #[test]
    fn deeper_levels_restart_and_nest() {
        let levels = lvl(0, "upperRoman", "%1.", "")
            + &lvl(1, "decimal", "%1.%2.", "")
            + &lvl(2, "lowerLetter", "%3)", "");
        let n = numbering(&[("0", levels)], &[("1", "0", "")]);
        let got = labels(
            &n,
            &[
                ("1", 0),
                ("1", 1),
                ("1", 2),
                ("1", 2),
                ("1", 1),
                ("1", 2),
                ("1", 0),
                ("1", 1),
            ],
        );
        assert_eq!(
            got,
            ["I.", "I.1.", "a)", "b)", "I.2.", "a)", "II.", "II.1."]
        );
    }

    #[test]
    fn level_restart_zero_never_restarts_and_unused_levels_show_their_start() {
        let levels = lvl(0, "decimal", "%1.", "")
            + &lvl(1, "decimal", "%1.%2", r#"<w:lvlRestart w:val="0"/>"#);
        let n = numbering(&[("0", levels)], &[("1", "0", "")]);
        assert_eq!(
            labels(&n, &[("1", 1), ("1", 0), ("1", 1), ("1", 0), ("1", 1)]),
            ["1.1", "1.", "1.2", "2.", "2.3"]
        );
    }

    #[test]
    fn instances_share_counters_unless_they_override_the_start() {
        let n = numbering(
            &[("0", lvl(0, "lowerLetter", "%1)", ""))],
            &[
                ("1", "0", ""),
                ("2", "0", ""),
                (
                    "3",
                    "0",
                    r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>"#,
                ),
            ],
        );
        assert_eq!(
            labels(
                &n,
                &[("1", 0), ("1", 0), ("2", 0), ("3", 0), ("3", 0), ("1", 0)]
            ),
            ["a)", "b)", "c)", "a)", "b)", "c)"]
        );
    }

    #[test]
    fn legal_numbering_shows_arabic_digits() {
        let levels =
            lvl(0, "upperRoman", "Chương %1", "") + &lvl(1, "decimal", "%1.%2", "<w:isLgl/>");
        let n = numbering(&[("0", levels)], &[("1", "0", "")]);
        assert_eq!(
            labels(&n, &[("1", 0), ("1", 0), ("1", 1)]),
            ["Chương I", "Chương II", "2.1"]
        );
    }

    #[test]
    fn chinese_labels_and_bullets() {
        let levels = lvl(0, "chineseCounting", "%1、", "")
            + &lvl(1, "chineseCounting", "（%2）", "")
            + &lvl(
                2,
                "bullet",
                "\u{F0B7}",
                r#"<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>"#,
            )
            + &lvl(
                3,
                "bullet",
                "§",
                r#"<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr>"#,
            )
            + &lvl(
                4,
                "bullet",
                "o",
                r#"<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr>"#,
            )
            + &lvl(5, "none", "", "");
        let n = numbering(&[("0", levels)], &[("1", "0", "")]);
        let mut sequence = vec![("1", 0)];
        sequence.extend(std::iter::repeat_n(("1", 1), 11));
        sequence.extend([("1", 2), ("1", 3), ("1", 4), ("1", 5)]);
        let got = labels(&n, &sequence);
        assert_eq!(got[0], "一、");
        assert_eq!(got[1], "（一）");
        assert_eq!(got[11], "（十一）");
        assert_eq!(got[12..], ["•", "▪", "o", ""]);
    }

    #[test]
    fn number_formats() {
        let cases: &[(&str, i64, &str)] = &[
            ("decimal", 7, "7"),
            ("decimalZero", 7, "07"),
            ("upperRoman", 14, "XIV"),
            ("lowerRoman", 2025, "mmxxv"),
            ("upperRoman", 0, "0"),
            ("lowerLetter", 28, "bb"),
            ("upperLetter", 3, "C"),
            ("lowerLetter", -1, "-1"),
            ("ordinal", 12, "12th"),
            ("ordinal", 22, "22nd"),
            ("cardinalText", 21, "Twenty-one"),
            ("ordinalText", 21, "Twenty-first"),
            ("ordinalText", 40, "Fortieth"),
            ("chineseCounting", 10, "十"),
            ("chineseCounting", 21, "二十一"),
            ("chineseCounting", 105, "一百零五"),
            ("chineseCounting", 1010, "一千零一十"),
            ("chineseCountingThousand", 3, "三"),
            ("chineseLegalSimplified", 12, "壹拾贰"),
            ("chineseCounting", 0, "0"),
            ("ideographDigital", 10, "一〇"),
            ("ideographTraditional", 3, "丙"),
            ("ideographTraditional", 11, "11"),
            ("ideographZodiac", 12, "亥"),
            ("decimalEnclosedCircle", 20, "⑳"),
            ("decimalEnclosedCircle", 21, "21"),
            ("decimalEnclosedCircleChinese", 1, "①"),
            ("decimalEnclosedFullstop", 2, "⒉"),
            ("decimalEnclosedParen", 3, "⑶"),
            ("decimalFullWidth", 12, "１２"),
            ("decimalHalfWidth", 12, "12"),
            ("taiwaneseCounting", 15, "十五"),
            ("taiwaneseDigital", 7, "七"),
            ("japaneseCounting", 20, "二十"),
            ("vietnameseCounting", 1, "một"),
            ("vietnameseCounting", 15, "mười lăm"),
            ("vietnameseCounting", 21, "hai mươi mốt"),
            ("vietnameseCounting", 24, "hai mươi tư"),
            ("vietnameseCounting", 30, "ba mươi"),
            ("russianLower", 3, "в"),
            ("russianUpper", 1, "А"),
            ("hex", 255, "FF"),
            ("koreanDigital", 4, "4"),
        ];
        for (format, n, want) in cases {
            assert_eq!(format_number(format, *n), *want, "{format} {n}");
        }
    }

    #[test]
    fn custom_formats_pad_and_their_fallback_is_not_read_twice() {
        let level = r#"<w:lvl w:ilvl="0"><w:start w:val="8"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%1."/></w:lvl>"#;
        let n = numbering(&[("0", level.to_string())], &[("1", "0", "")]);
        assert_eq!(labels(&n, &[("1", 0), ("1", 0)]), ["008.", "009."]);
    }

    #[test]
    fn style_links_resolve_and_cycles_end() {
        let xml = format!(
            r#"<w:numbering {W}>
            <w:abstractNum w:abstractNumId="0"><w:styleLink w:val="Outline"/>{}</w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Outline"/></w:abstractNum>
            <w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="Loop"/></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
            </w:numbering>"#,
            lvl(0, "decimal", "Điều %1.", r#"<w:pStyle w:val="Dieu"/>"#)
        );
        let styles = HashMap::from([
            ("Outline".to_string(), "1".to_string()),
            ("Loop".to_string(), "3".to_string()),
        ]);
        let n = Numbering::parse(&xml, &styles);
        assert_eq!(
            labels(&n, &[("2", 0), ("1", 0), ("3", 0), ("9", 0), ("0", 0)]),
            ["Điều 1.", "Điều 2.", "", "", ""]
        );
        assert_eq!(n.level_for_style("2", "Dieu"), Some(0));
        assert_eq!(n.level_for_style("2", "Other"), None);
    }

    #[test]
    fn damaged_xml_keeps_what_was_read() {
        let xml = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:abstractNum <<<"#,
            lvl(0, "decimal", "%1.", "")
        );
        let n = Numbering::parse(&xml, &HashMap::new());
        assert_eq!(labels(&n, &[("1", 0), ("1", 12)]), ["1.", ""]);
        let empty = Numbering::parse("", &HashMap::new());
        assert_eq!(ListCounters::new(&empty).next_label("1", 0), None);
    }
}

//! Punctuation and spacing of a translation against the conventions of its
//! language: full-width marks and no spaces in Chinese; a space after, never
//! before, the marks of Vietnamese and English; brackets and quotes that
//! close.
//!
//! The checks are conservative: numbers, times, URLs, e-mail addresses,
//! abbreviations (`TP.HCM`, `v.v.`) and list labels (`1.`, `a)`) are left
//! alone, since a false alarm costs a translator more than a missed space.

use crate::qa::{Category, Language, Problem, Severity, Span};
use crate::script::{is_cjk, is_han};

/// Punctuation problems of `target`, written in `target_lang`, translated
/// from `source`: warnings for marks and spaces, errors for brackets and
/// quotes left open or closing nothing (reported only for the kinds of
/// bracket the source balances). Sorted by target span.
pub fn check(source: &str, target: &str, target_lang: Language) -> Vec<Problem> {
    let chars: Vec<char> = target.chars().collect();
    let protected = protected_chars(&chars);
    let mut problems = match target_lang {
        Language::Chinese => chinese_marks(&chars, &protected),
        Language::Vietnamese | Language::Other => western_spacing(&chars, &protected),
    };
    problems.extend(unbalanced_brackets(source, &chars));
    problems.sort_by_key(|problem| problem.target_span);
    problems
}

// ---- URLs and e-mail addresses -------------------------------------------

/// Marks the chars of URLs and e-mail addresses, whose dots, colons and
/// question marks follow no prose convention. Linear: each char is looked at
/// a bounded number of times, since scanning resumes after each address and
/// never looks back past the previous one.
fn protected_chars(chars: &[char]) -> Vec<bool> {
    let mut protected = vec![false; chars.len()];
    let mut floor = 0;
    let mut i = 0;
    while i < chars.len() {
        let span = if starts_with(chars, i, "://", char::eq) {
            url_at_scheme(chars, i, floor)
        } else if starts_with(chars, i, "www.", char::eq_ignore_ascii_case)
            && !is_address_char(before(chars, i))
        {
            Some((i, url_end(chars, i)))
        } else if chars[i] == '@' {
            email_around(chars, i, floor)
        } else {
            None
        };
        match span {
            Some((start, end)) if end > i => {
                protected[start..end].fill(true);
                floor = end;
                i = end;
            }
            _ => i += 1,
        }
    }
    protected
}

/// The URL whose `://` is at `colon`: its scheme (letters before it, not
/// before `floor`) through its last char.
fn url_at_scheme(chars: &[char], colon: usize, floor: usize) -> Option<Span> {
    let mut start = colon;
    while start > floor && chars[start - 1].is_ascii_alphanumeric() {
        start -= 1;
    }
    (start < colon).then(|| (start, url_end(chars, colon)))
}

/// Where a URL starting at `start` ends: at a space, Chinese text, a quote
/// or angle bracket, less the marks that end the sentence around it.
fn url_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() && is_url_char(chars[end]) {
        end += 1;
    }
    while end > start
        && matches!(
            chars[end - 1],
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']'
        )
    {
        end -= 1;
    }
    end
}

fn is_url_char(c: char) -> bool {
    !(c.is_whitespace() || is_cjk(c) || matches!(c, '"' | '\'' | '<' | '>' | '“' | '”' | '‘' | '’'))
}

/// The e-mail address around the `@` at `at`, when letters stand on both
/// sides of it.
fn email_around(chars: &[char], at: usize, floor: usize) -> Option<Span> {
    let mut start = at;
    while start > floor && is_address_char(Some(chars[start - 1])) {
        start -= 1;
    }
    let mut end = at + 1;
    while end < chars.len()
        && (chars[end].is_ascii_alphanumeric() || matches!(chars[end], '.' | '-'))
    {
        end += 1;
    }
    while end > at + 1 && chars[end - 1] == '.' {
        end -= 1;
    }
    (start < at && end > at + 1).then_some((start, end))
}

/// Whether `c` can be part of the local part of an e-mail address or of a
/// host name.
fn is_address_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
}

/// Whether `chars` hold `prefix` from `at` on, comparing chars with `same`.
fn starts_with(chars: &[char], at: usize, prefix: &str, same: fn(&char, &char) -> bool) -> bool {
    let mut rest = chars.get(at..).unwrap_or_default().iter();
    prefix
        .chars()
        .all(|expected| rest.next().is_some_and(|c| same(c, &expected)))
}

fn before(chars: &[char], at: usize) -> Option<char> {
    at.checked_sub(1).map(|i| chars[i])
}

/// Spaces inside a line (not line breaks); the ideographic space U+3000 is
/// not one of them, as Chinese uses it on purpose (indents, 张　三).
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// The end of the run of inline spaces starting at `start`.
fn space_run_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() && is_inline_space(chars[end]) {
        end += 1;
    }
    end
}

fn warning(span: Span, message: String, suggestion: &str) -> Problem {
    Problem {
        category: Category::Punctuation,
        severity: Severity::Warning,
        message,
        source_span: None,
        target_span: Some(span),
        suggestion: Some(suggestion.to_string()),
    }
}

// ---- Chinese ----------------------------------------------------------------

/// Half-width marks next to Han characters, `.` ending a Chinese sentence,
/// and spaces between Han characters or between one and Chinese
/// punctuation. Spaces between Han and Latin or digits are a house style
/// either way, and are left alone.
fn chinese_marks(chars: &[char], protected: &[bool]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_inline_space(chars[i]) {
            let end = space_run_end(chars, i);
            problems.extend(space_in_chinese(chars, i, end));
            i = end;
            continue;
        }
        if !protected[i] {
            problems.extend(half_width_in_chinese(chars, i));
        }
        i += 1;
    }
    problems
}

/// The full-width form Chinese uses for a half-width mark.
fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

fn half_width_in_chinese(chars: &[char], i: usize) -> Option<Problem> {
    let c = chars[i];
    if let Some(full) = full_width(c) {
        return next_to_han(chars, i).then(|| {
            warning(
                (i, i + 1),
                format!("half-width '{c}' in Chinese text: Chinese uses the full-width '{full}'"),
                &full.to_string(),
            )
        });
    }
    (c == '.' && ends_chinese_sentence(chars, i)).then(|| {
        warning(
            (i, i + 1),
            "'.' ends a Chinese sentence: Chinese uses '。'".to_string(),
            "。",
        )
    })
}

/// Whether the nearest char on either side of `i`, across spaces, is Han.
fn next_to_han(chars: &[char], i: usize) -> bool {
    let left = chars[..i].iter().rev().find(|&&c| c != ' ');
    let right = chars[i + 1..].iter().find(|&&c| c != ' ');
    left.is_some_and(|&c| is_han(c)) || right.is_some_and(|&c| is_han(c))
}

/// Whether the `.` at `i` follows a Han character and ends a sentence:
/// the text, a space, a closing quote or bracket, or more Chinese follows.
/// Not after a Chinese numeral (`一.概述` is a list label) nor in `...`.
fn ends_chinese_sentence(chars: &[char], i: usize) -> bool {
    let after_han = before(chars, i).is_some_and(|c| is_han(c) && !is_chinese_numeral(c));
    let sentence_follows = match chars.get(i + 1) {
        None => true,
        Some(&next) => {
            next.is_whitespace()
                || is_han(next)
                || matches!(next, '”' | '’' | '」' | '』' | '）' | ')')
        }
    };
    after_han && sentence_follows
}

fn is_chinese_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千".contains(c)
}

/// Chinese punctuation: CJK symbols, full-width marks, and the curly quotes
/// and ellipsis Chinese shares with Western text.
fn is_chinese_punctuation(c: char) -> bool {
    matches!(u32::from(c), 0x3001..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '…')
}

/// A problem for the spaces `start..end` when they stand between Han
/// characters, or between one and Chinese punctuation.
fn space_in_chinese(chars: &[char], start: usize, end: usize) -> Option<Problem> {
    let (Some(left), Some(&right)) = (before(chars, start), chars.get(end)) else {
        return None;
    };
    let message = if is_han(left) && is_han(right) {
        "space between Chinese characters: Chinese is written without spaces"
    } else if (is_han(left) && is_chinese_punctuation(right))
        || (is_chinese_punctuation(left) && is_han(right))
    {
        "space between Chinese text and punctuation: Chinese is written without spaces"
    } else {
        return None;
    };
    Some(warning((start, end), message.to_string(), ""))
}

// ---- Vietnamese, English and other spaced languages ------------------------

/// The marks that take a space after them and none before.
fn is_spaced_mark(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '?' | '!')
}

/// A space missing after a mark followed by a letter, and spaces before a
/// mark.
fn western_spacing(chars: &[char], protected: &[bool]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_inline_space(chars[i]) {
            let end = space_run_end(chars, i);
            match space_before_mark(chars, protected, i, end) {
                Some(problem) => {
                    problems.push(problem);
                    i = end + 1;
                }
                None => i = end,
            }
            continue;
        }
        if !protected[i] && missing_space_after(chars, i) {
            let mark = chars[i];
            problems.push(warning(
                (i, i + 1),
                format!("no space after '{mark}'"),
                &format!("{mark} "),
            ));
        }
        i += 1;
    }
    problems
}

/// Whether the mark at `i` runs into the next word. Digits after a mark are
/// numbers (`1.250,5`, `8:30`, `1:100`); a dot is held to more: it must
/// follow a word that is no abbreviation and come before a capital.
fn missing_space_after(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if !is_spaced_mark(c) {
        return false;
    }
    let Some(&next) = chars.get(i + 1) else {
        return false;
    };
    if !next.is_alphabetic() || is_cjk(next) {
        return false;
    }
    c != '.' || (next.is_uppercase() && ends_sentence_word(chars, i))
}

/// Whether the dot at `i` closes a sentence rather than an abbreviation or a
/// list label: the word before it is a plain word (not one letter, not all
/// capitals like `TP`, no capital inside like `ThS`, not a known
/// abbreviation like `Tp`), or a closing bracket or quote.
fn ends_sentence_word(chars: &[char], i: usize) -> bool {
    let Some(last) = before(chars, i) else {
        return false;
    };
    if matches!(last, ')' | '”' | '’' | '"') {
        return true;
    }
    let word = word_before(chars, i);
    let letters: Vec<char> = word.iter().copied().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || word.iter().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let capital_inside = letters[1..].iter().any(|c| c.is_uppercase());
    let lowercase: String = letters.iter().flat_map(|c| c.to_lowercase()).collect();
    !capital_inside && !ABBREVIATIONS.contains(&lowercase.as_str())
}

/// Abbreviations written with a dot and often no space after it, in
/// Vietnamese administrative text (`Tp.Hà Nội`, `ThS.BS.`) and English.
const ABBREVIATIONS: &[&str] = &[
    "tp", "tx", "tt", "th", "ts", "ths", "pgs", "gs", "bs", "bsck", "ks", "cn", "ncs", "đt", "ql",
    "dr", "mr", "mrs", "ms", "st", "jr", "sr", "prof", "ph", "co", "ltd", "inc", "vs", "etc",
    "fig", "vol", "dept", "tel",
];

/// The word ending just before `i`: letters, digits and combining marks
/// (decomposed Vietnamese tone marks).
fn word_before(chars: &[char], i: usize) -> &[char] {
    let mut start = i;
    while start > 0 && is_word_char(chars[start - 1]) {
        start -= 1;
    }
    &chars[start..i]
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(u32::from(c), 0x0300..=0x036F)
}

/// A problem for the spaces `start..end` when a mark follows them after a
/// word. Not for an ellipsis (` ...`), a leading dot or comma (`.NET`,
/// `,5`), a spaced ratio (`1 : 100`), nor the no-break space French puts
/// before `; : ? !`.
fn space_before_mark(
    chars: &[char],
    protected: &[bool],
    start: usize,
    end: usize,
) -> Option<Problem> {
    let (Some(left), Some(&mark)) = (before(chars, start), chars.get(end)) else {
        return None;
    };
    if left.is_whitespace() || !is_spaced_mark(mark) || protected[end] {
        return None;
    }
    let after = chars.get(end + 1).copied();
    let starts_token = match mark {
        '.' => after.is_some_and(|c| c.is_alphanumeric() || c == '.'),
        ',' => after.is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    let spaced_ratio = mark == ':'
        && left.is_ascii_digit()
        && chars[end + 1..]
            .iter()
            .find(|c| !is_inline_space(**c))
            .is_some_and(char::is_ascii_digit);
    let french = matches!(mark, ';' | ':' | '?' | '!')
        && chars[start..end]
            .iter()
            .all(|c| matches!(c, '\u{a0}' | '\u{202f}'));
    if starts_token || spaced_ratio || french {
        return None;
    }
    Some(if missing_space_after(chars, end) {
        warning(
            (start, end + 1),
            format!("space before '{mark}' instead of after it"),
            &format!("{mark} "),
        )
    } else {
        warning(
            (start, end + 1),
            format!("space before '{mark}'"),
            &mark.to_string(),
        )
    })
}

// ---- Brackets and quotes ------------------------------------------------------

/// Families of brackets compared between source and target: a translation
/// may turn `(…)` into `（…）` or `“…”` into `「…」`, never into nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Round,
    Square,
    Curly,
    Title,
    Quote,
    InnerQuote,
}

const KINDS: usize = 6;

/// Each pair: its opening chars, its closing chars, its family. Half- and
/// full-width forms of one shape make one pair, so `(…）` is closed.
const PAIRS: &[(&str, &str, Kind)] = &[
    ("(（﹙", ")）﹚", Kind::Round),
    ("[［", "]］", Kind::Square),
    ("【〖", "】〗", Kind::Square),
    ("〔", "〕", Kind::Square),
    ("{｛", "}｝", Kind::Curly),
    ("《", "》", Kind::Title),
    ("〈", "〉", Kind::Title),
    ("“", "”", Kind::Quote),
    ("「", "」", Kind::Quote),
    ("«", "»", Kind::Quote),
    ("‘", "’", Kind::InnerQuote),
    ("『", "』", Kind::InnerQuote),
];

/// The role of one char in bracket matching.
enum Role {
    Open(usize),
    Close(usize),
    StraightQuote,
}

fn role(c: char) -> Option<Role> {
    if c.is_alphanumeric() || c.is_whitespace() {
        return None;
    }
    if c == '"' {
        return Some(Role::StraightQuote);
    }
    PAIRS
        .iter()
        .enumerate()
        .find_map(|(pair, (opens, closes, _))| {
            if opens.contains(c) {
                Some(Role::Open(pair))
            } else if closes.contains(c) {
                Some(Role::Close(pair))
            } else {
                None
            }
        })
}

/// A bracket or quote that nothing matches.
struct Unmatched {
    position: usize,
    mark: char,
    kind: Kind,
    opening: bool,
}

/// Every bracket and quote of `chars` left open or closing nothing. Each
/// pair keeps its own stack, so the scan stays linear whatever the input.
fn unmatched(chars: &[char]) -> Vec<Unmatched> {
    let mut open: Vec<Vec<usize>> = vec![Vec::new(); PAIRS.len()];
    let mut straight_quotes = Vec::new();
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match role(c) {
            Some(Role::Open(pair)) if !is_apostrophe(chars, i, &open[pair]) => open[pair].push(i),
            Some(Role::Close(pair)) => {
                let closes_nothing = open[pair].pop().is_none();
                if closes_nothing && !is_apostrophe(chars, i, &[]) && !is_list_label(chars, i) {
                    found.push(Unmatched {
                        position: i,
                        mark: c,
                        kind: PAIRS[pair].2,
                        opening: false,
                    });
                }
            }
            Some(Role::StraightQuote) => straight_quotes.push(i),
            _ => {}
        }
    }
    for (pair, positions) in open.iter().enumerate() {
        found.extend(positions.iter().map(|&position| Unmatched {
            position,
            mark: chars[position],
            kind: PAIRS[pair].2,
            opening: true,
        }));
    }
    if straight_quotes.len() % 2 == 1 {
        found.extend(straight_quotes.last().map(|&position| Unmatched {
            position,
            mark: '"',
            kind: Kind::Quote,
            opening: true,
        }));
    }
    found
}

/// Whether the `‘` or `’` at `i` is an apostrophe (`don’t`, `Xi’an`, and,
/// with no `‘` open, `students’`, `’90s`) rather than a quote. `open` is
/// what is open of its pair; other marks are never apostrophes.
fn is_apostrophe(chars: &[char], i: usize, open: &[usize]) -> bool {
    if !matches!(chars[i], '‘' | '’') {
        return false;
    }
    let left = before(chars, i).is_some_and(char::is_alphanumeric);
    let right = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
    (left && right) || (chars[i] == '’' && open.is_empty() && (left || right))
}

/// Whether the `)` at `i` ends a list label such as `a)`, `1)`, `iv)` or
/// `2.1)`: a short token at the start of the text or after a space.
fn is_list_label(chars: &[char], i: usize) -> bool {
    if chars[i] != ')' {
        return false;
    }
    let mut start = i;
    while start > 0
        && i - start < 5
        && (chars[start - 1].is_alphanumeric() || chars[start - 1] == '.')
    {
        start -= 1;
    }
    start < i && before(chars, start).is_none_or(char::is_whitespace)
}

/// Errors for the target's unmatched brackets and quotes, of the kinds the
/// source balances (a segment cut from a longer text may hold half a pair).
fn unbalanced_brackets(source: &str, target: &[char]) -> Vec<Problem> {
    let source_chars: Vec<char> = source.chars().collect();
    let mut unbalanced_in_source = [false; KINDS];
    for unmatched in unmatched(&source_chars) {
        unbalanced_in_source[unmatched.kind as usize] = true;
    }
    unmatched(target)
        .into_iter()
        .filter(|unmatched| !unbalanced_in_source[unmatched.kind as usize])
        .map(bracket_error)
        .collect()
}

fn bracket_error(unmatched: Unmatched) -> Problem {
    let Unmatched {
        position,
        mark,
        opening,
        ..
    } = unmatched;
    let message = match (mark, opening) {
        ('"', _) => "odd number of '\"': one of them is never closed".to_string(),
        (_, true) => format!("'{mark}' is never closed, though the source closes its brackets"),
        (_, false) => format!("'{mark}' closes nothing, though the source opens its brackets"),
    };
    Problem {
        category: Category::Punctuation,
        severity: Severity::Error,
        message,
        source_span: None,
        target_span: Some((position, position + 1)),
        suggestion: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The target spans and suggestions of the warnings for `target`,
    /// translated from a source with no brackets.
    fn warnings(target: &str, lang: Language) -> Vec<(Span, String)> {
        check("", target, lang)
            .into_iter()
            .filter(|problem| problem.severity == Severity::Warning)
            .map(|problem| {
                assert_eq!(problem.category, Category::Punctuation);
                let span = problem.target_span.expect("a target span");
                (span, problem.suggestion.unwrap_or_default())
            })
            .collect()
    }

    /// The target spans of the errors for a pair.
    fn errors(source: &str, target: &str, lang: Language) -> Vec<Span> {
        check(source, target, lang)
            .into_iter()
            .filter(|problem| problem.severity == Severity::Error)
            .map(|problem| problem.target_span.expect("a target span"))
            .collect()
    }

    #[test]
    fn correct_chinese_gives_nothing() {
        let cases = [
            "2023年全市常住人口1,250.5万人，比上年增长2.5%。",
            "加强COVID-19疫苗接种，做好HIV/AIDS防治工作。",
            "详见http://www.nhc.gov.cn/jkj/s3581/list.shtml?id=1,2，或发邮件至info@nhc.gov.cn。",
            "网址：https://www.gov.cn/zhengce/content/2021-07/20/content_5626190.htm",
            "会议于上午8:30召开，下午5:00结束。",
            "使用 WHO 推荐的方案，覆盖 95% 以上的儿童。",
            "依据《中华人民共和国人口与计划生育法》（2021年修正）和“十四五”规划。",
            "国办发〔2016〕3号文件、【重要】提示和「健康中国」行动。",
            "积极开展工作，推进标准化建设。",
            "一.概述",
            "文件名为方案.docx，版本v2.1。",
            "张　三",
        ];
        for text in cases {
            assert_eq!(warnings(text, Language::Chinese), [], "{text}");
            assert_eq!(errors(text, text, Language::Chinese), [], "{text}");
        }
    }

    #[test]
    fn seeded_chinese_errors_are_found() {
        let cases: &[(&str, &[(Span, &str)])] = &[
            ("人口与计划生育,家庭发展", &[((7, 8), "，")]),
            ("是否按时接种?", &[((6, 7), "？")]),
            ("请注意!", &[((3, 4), "！")]),
            ("主要任务;工作要求", &[((4, 5), "；")]),
            ("时间:8:30", &[((2, 3), "：")]),
            ("各级疾控中心(CDC)要", &[((6, 7), "（"), ((10, 11), "）")]),
            (
                "做好宣传工作.加强督导.",
                &[((6, 7), "。"), ((11, 12), "。")],
            ),
            ("完成任务. Next", &[((4, 5), "。")]),
            ("计划 生育", &[((2, 3), "")]),
            ("工作。 下一步", &[((3, 4), "")]),
            ("计划  ，生育", &[((2, 4), "")]),
            ("Hello, 世界", &[((5, 6), "，")]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(Span, String)> = expected
                .iter()
                .map(|(span, suggestion)| (*span, suggestion.to_string()))
                .collect();
            assert_eq!(warnings(text, Language::Chinese), expected, "{text}");
        }
    }

    #[test]
    fn correct_vietnamese_and_english_give_nothing() {
        let cases = [
            "Dân số TP.HCM năm 2023 đạt 9.456.700 người, tăng 1,5% so với năm 2022.",
            "Các tỉnh, thành phố (Hà Nội, Hải Phòng, v.v.) triển khai Kế hoạch số 144/KH-UBND.",
            "Căn cứ Nghị định số 30/2020/NĐ-CP; Số: 30/2020/NĐ-CP.",
            "Thời gian: 8:30, tỷ lệ 1:100, tỷ lệ 1 : 50.",
            "Xem https://moh.gov.vn/web/guest?id=1,2;x=Y hoặc email: dansokhhgd@moh.gov.vn.",
            "1. Mục tiêu\n2.1. Chỉ tiêu\na) Nội dung...\nb) Kinh phí …",
            "Tp.Hồ Chí Minh, TP.Hồ Chí Minh và TP.HCM.",
            "PGS.TS.Nguyễn Văn A và ThS.BS.Trần Văn B, Dr.Smith, Ph.D.",
            "Hỗ trợ “dân số vàng” và ‘kế hoạch’.",
            "The U.S. plan (2021) doesn’t cover the students’ rights; see e.g. .NET.",
            "Pas de panique\u{a0}: c’est prévu\u{a0}!",
            "da\u{302}n so\u{302}\u{301}, gia đình.",
        ];
        for text in cases {
            for lang in [Language::Vietnamese, Language::Other] {
                assert_eq!(warnings(text, lang), [], "{text}");
                assert_eq!(errors(text, text, lang), [], "{text}");
            }
        }
    }

    #[test]
    fn seeded_vietnamese_errors_are_found() {
        let cases: &[(&str, &[(Span, &str)])] = &[
            ("dân số,gia đình", &[((6, 7), ", ")]),
            ("gia đình , dân số", &[((8, 10), ",")]),
            ("kế hoạch.Theo đó", &[((8, 9), ". ")]),
            ("Lưu ý:cần triển khai", &[((5, 6), ": ")]),
            ("Tại sao ?", &[((7, 9), "?")]),
            ("Tốt!Rất tốt", &[((3, 4), "! ")]),
            ("mục tiêu;nhiệm vụ", &[((8, 9), "; ")]),
            ("Email:info@moh.gov.vn", &[((5, 6), ": ")]),
            ("(xem Phụ lục).Theo đó", &[((13, 14), ". ")]),
            ("dân số ,gia đình", &[((6, 8), ", ")]),
            ("tỷ lệ ,5", &[]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(Span, String)> = expected
                .iter()
                .map(|(span, suggestion)| (*span, suggestion.to_string()))
                .collect();
            assert_eq!(warnings(text, Language::Vietnamese), expected, "{text}");
            assert_eq!(warnings(text, Language::Other), expected, "{text}");
        }
    }

    #[test]
    fn unbalanced_brackets_are_errors_when_the_source_balances_them() {
        let cases: &[(&str, &str, Language, &[Span])] = &[
            (
                "（河内、海防）",
                "(Hà Nội, Hải Phòng",
                Language::Vietnamese,
                &[(0, 1)],
            ),
            (
                "（河内、海防",
                "(Hà Nội, Hải Phòng",
                Language::Vietnamese,
                &[],
            ),
            ("(Hà Nội)", "河内）和海防", Language::Chinese, &[(2, 3)]),
            ("(Hà Nội)", "（河内)", Language::Chinese, &[]),
            (
                "“Health China” action",
                "“健康中国行动",
                Language::Chinese,
                &[(0, 1)],
            ),
            ("“Dân số vàng”", "「人口红利", Language::Chinese, &[(0, 1)]),
            ("“Dân số vàng”", "「人口红利」", Language::Chinese, &[]),
            ("他说“是”", "he said \"yes", Language::Other, &[(8, 9)]),
            ("他说“是", "he said \"yes", Language::Other, &[]),
            ("《规划》", "《规划", Language::Chinese, &[(0, 1)]),
            ("“Dân số vàng”", "《规划", Language::Chinese, &[(0, 1)]),
            ("[1]", "[1", Language::Other, &[(0, 1)]),
            ("{0}", "0}", Language::Other, &[(1, 2)]),
            ("‘x’", "‘x", Language::Other, &[(0, 1)]),
            ("（一）内容", "a) Nội dung", Language::Vietnamese, &[]),
            (
                "x",
                "the students’ rights, don’t, ’90s",
                Language::Other,
                &[],
            ),
            ("x", "a ’ b", Language::Other, &[(2, 3)]),
        ];
        for (source, target, lang, expected) in cases {
            assert_eq!(
                errors(source, target, *lang),
                *expected,
                "{source} → {target}"
            );
        }
    }

    #[test]
    fn problems_are_sorted_by_span() {
        let problems = check("（甲）", "乙）甲,丙 丁", Language::Chinese);
        let spans: Vec<Span> = problems.iter().filter_map(|p| p.target_span).collect();
        assert_eq!(spans, [(1, 2), (3, 4), (5, 6)]);
    }

    #[test]
    fn odd_input_never_panics() {
        let long_mixed = "计划 生育,dân số,gia đình (「“‘".repeat(5_000);
        let many_schemes = "a://".repeat(50_000);
        let many_ats = "a@".repeat(50_000);
        let many_closers = "）".repeat(50_000);
        let spaces_then_mark = format!("计{},", " ".repeat(100_000));
        let odd = [
            "",
            " ",
            ",",
            ".",
            ",,,,;;;:::???!!!",
            "(((((",
            ")))))",
            "。。。……",
            "\u{301}\u{301}.\u{301}",
            "👍🏽,👨‍👩‍👧.🇻🇳",
            "\u{200b}\u{feff}\u{ffff}\u{10ffff}",
            "שלום, עולם.",
            "://",
            "@",
            "www.",
            long_mixed.as_str(),
            many_schemes.as_str(),
            many_ats.as_str(),
            many_closers.as_str(),
            spaces_then_mark.as_str(),
        ];
        let started = std::time::Instant::now();
        for text in odd {
            for lang in [Language::Chinese, Language::Vietnamese, Language::Other] {
                for problem in check(text, text, lang) {
                    let (start, end) = problem.target_span.expect("a target span");
                    assert!(start < end && end <= text.chars().count());
                }
            }
        }
        assert!(started.elapsed().as_secs() < 20, "linear in the input");
    }
}

//! What Tesseract's Chinese models read differently from the page, put
//! back: ASCII punctuation beside Han characters in full width, and the
//! misreadings they make again and again in Chinese plans.
//!
//! Promises: only punctuation, brackets, spaces, the placeholder `××`, the
//! per mille sign and the signs `≥`/`≤` read as Han characters change; any
//! other Han character read as another is left as read.

use super::is_fullwidth_punctuation;
use crate::script::is_cjk;

/// A paragraph of a Chinese page as it was printed: [`paired_parentheses`],
/// [`full_width_punctuation`], then [`chinese_corrections`].
pub(super) fn corrections(text: &str) -> String {
    chinese_corrections(&full_width_punctuation(&paired_parentheses(text)))
}

/// The full-width form of ASCII punctuation Tesseract's Chinese models
/// often give instead; `.` is left alone (decimals, abbreviations).
fn full_width_of(c: char) -> Option<char> {
    Some(match c {
        '(' => '（',
        ')' => '）',
        ':' => '：',
        ';' => '；',
        ',' => '，',
        '?' => '？',
        '!' => '！',
        _ => return None,
    })
}

/// `text` with ASCII punctuation next to Han characters (spaces between
/// them ignored) or ending a paragraph with Han characters in full width, and the spaces around full-width
/// punctuation removed: "（一 ) 工作" → "（一）工作". Punctuation between
/// Latin letters or digits ("12:30", "(a)") is left alone.
fn full_width_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let neighbour = |from: usize, step: isize| {
        let mut at = from as isize + step;
        while at >= 0 && (at as usize) < chars.len() && chars[at as usize] == ' ' {
            at += step;
        }
        (at >= 0 && (at as usize) < chars.len()).then(|| chars[at as usize])
    };
    let chinese = |c: Option<char>| c.is_some_and(|c| is_cjk(c) || is_fullwidth_punctuation(c));
    // A paragraph of Chinese ends with Chinese punctuation, whatever is
    // before it ("达到92%;").
    let has_han = chars.iter().any(|&c| is_cjk(c));
    let ends_chinese = |at: usize, c: char| {
        has_han && c != ')' && neighbour(at, 1).is_none() && neighbour(at, -1).is_some()
    };
    let mut converted: Vec<char> = chars
        .iter()
        .enumerate()
        .map(|(at, &c)| match full_width_of(c) {
            Some(wide)
                if chinese(neighbour(at, -1))
                    || chinese(neighbour(at, 1))
                    || ends_chinese(at, c) =>
            {
                wide
            }
            _ => c,
        })
        .collect();
    // A second pass: brackets closing a converted one ("（一 )").
    let mut open = false;
    for c in &mut converted {
        match *c {
            '（' => open = true,
            ')' if open => {
                *c = '）';
                open = false;
            }
            '）' => open = false,
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len());
    for (at, &c) in converted.iter().enumerate() {
        let before = at.checked_sub(1).map(|i| converted[i]);
        let after = converted.get(at + 1).copied();
        let beside_wide = before.is_some_and(is_fullwidth_punctuation)
            || after.is_some_and(is_fullwidth_punctuation);
        if c == ' ' && beside_wide {
            continue;
        }
        out.push(c);
    }
    out
}

/// What Tesseract's Chinese models systematically misread in Chinese
/// text, undone: the placeholder `××` read as Latin `xx`, the parenthesis
/// `（` read as the angle bracket `〈`, straight quotes for `“”`, `%o` for
/// `‰`, a list number's `1.` read as `1，`, `≥` read as `之`, and the
/// spaces its word boxes put between Han characters and numbers ("2025 年").
fn chinese_corrections(text: &str) -> String {
    let text = list_number_point(&text.replace("%o", "‰"));
    let text = at_least_signs(&document_number_brackets(&curly_quotes(&han_spacing(
        &text,
    ))));
    comparison_signs(&stray_quote_after_list_marker(&text))
}

/// A quotation mark with no partner right after a heading's list marker
/// ("（一）”指导思想", "（二）“工作目标"): the wide gap Tesseract sees after
/// the marker's `）` or `、` read as a quote. A quote there that opens a
/// quoted phrase ("（一）“十四五”期间") has its partner and stays. The
/// marker is "（一）" or "（12）" anywhere (lines of a page run together in
/// one paragraph), or "一、" or "3、" at the paragraph's start.
fn stray_quote_after_list_marker(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (at, &c) in chars.iter().enumerate() {
        let after_marker = list_marker_ends_at(&chars, at);
        let stray = match c {
            '”' => after_marker && !chars[..at].contains(&'“'),
            '“' => after_marker && !chars[at + 1..].contains(&'”'),
            _ => false,
        };
        if !stray {
            out.push(c);
        }
    }
    out
}

/// Whether a Chinese heading's list marker ends right before `at` in
/// `chars`: "（一）" or "（12）", or "一、" or "3、" starting the text.
fn list_marker_ends_at(chars: &[char], at: usize) -> bool {
    let is_number = |c: &char| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c);
    let before = &chars[..at];
    let numbers = |end: usize| {
        before[..end]
            .iter()
            .rev()
            .take_while(|c| is_number(c))
            .count()
    };
    match before.last() {
        Some('）') => {
            let count = numbers(at - 1);
            count > 0 && at >= count + 2 && before[at - 2 - count] == '（'
        }
        Some('、') => {
            let count = numbers(at - 1);
            count > 0 && count == at - 1
        }
        _ => false,
    }
}

/// `≤`, `≥` and `—` between two numbers, which the Chinese models read as
/// the Han `入`, `过` and `一` ("12.1入12.0", "92.4过92", "2021一2025"):
/// none of them stands between two numbers in Chinese ("超过90" has `超`
/// before it and a number after only); and a page number set between
/// dashes ("—4—") read with `一`.
fn comparison_signs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let digit_at = |at: Option<usize>, step: isize| {
        let mut at = at;
        while let Some(i) = at.filter(|&i| chars.get(i) == Some(&' ')) {
            at = i.checked_add_signed(step);
        }
        at.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
    };
    let page_number = chars.len() > 2
        && chars[0] == '一'
        && chars[chars.len() - 1] == '一'
        && chars[1..chars.len() - 1]
            .iter()
            .all(|c| c.is_ascii_digit() || *c == ' ');
    if page_number {
        return format!(
            "—{}—",
            chars[1..chars.len() - 1].iter().collect::<String>().trim()
        );
    }
    let mut out = String::with_capacity(text.len());
    for (at, &c) in chars.iter().enumerate() {
        let between_numbers = || digit_at(at.checked_sub(1), -1) && digit_at(Some(at + 1), 1);
        out.push(match c {
            '入' if between_numbers() => '≤',
            '过' if between_numbers() => '≥',
            '一' if between_numbers() => '—',
            _ => c,
        });
    }
    out
}

/// Most characters between a parenthesis and its closing one.
const PARENTHESIS_SPAN: usize = 40;

/// An opening `（` that Tesseract read as the title mark `《` ("《一）严格
/// 落实") or the angle bracket `〈`, or whose closing one it read as ASCII
/// `)` ("（‰)"): a `《`, `〈` or `（` whose first closing bracket after it
/// is `)` or `）`, with no other opening one between, within
/// [`PARENTHESIS_SPAN`] characters, is the pair `（…）`. A title `《…》`
/// closes with `》` and stays.
fn paired_parentheses(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for at in 0..chars.len() {
        if !matches!(chars[at], '《' | '〈' | '（') {
            continue;
        }
        let next_bracket = chars[at + 1..]
            .iter()
            .take(PARENTHESIS_SPAN)
            .position(|c| matches!(c, ')' | '）' | '》' | '〉' | '（' | '《' | '〈' | '('));
        if let Some(offset) = next_bracket {
            let close = at + 1 + offset;
            if matches!(chars[close], ')' | '）') {
                (chars[at], chars[close]) = ('（', '）');
            }
        }
    }
    chars.into_iter().collect()
}

/// `≥` before a number, which the Chinese models read as the Han `之`
/// ("接种率之95%"): `之` right before a digit, unless it is the `之` of a
/// fraction (百分之, 千分之, 万分之, 几分之), which comes after `分`.
fn at_least_signs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (at, &c) in chars.iter().enumerate() {
        let before_number = chars.get(at + 1).is_some_and(char::is_ascii_digit);
        let in_fraction = at > 0 && chars[at - 1] == '分';
        out.push(if c == '之' && before_number && !in_fraction {
            '≥'
        } else {
            c
        });
    }
    out
}

/// The year of a document number (文号, "卫健发〔2025〕8号") in the
/// hexagonal brackets it is set in, whichever brackets Tesseract read
/// (`【2025]`, `(2025〕`, `[2025】`): a year in brackets right after the
/// character that ends a document number's issuer code (发, 函, 字, …).
fn document_number_brackets(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let opening = |c: char| matches!(c, '〔' | '【' | '[' | '(' | '（' | '〈');
    let closing = |c: char| matches!(c, '〕' | '】' | ']' | ')' | '）' | '〉');
    let mut out = chars.clone();
    for at in 1..chars.len().saturating_sub(5) {
        let year = &chars[at + 1..at + 5];
        let is_year = year.iter().all(char::is_ascii_digit) && matches!(year[0], '1' | '2');
        let issuer = matches!(
            chars[at - 1],
            '发' | '函' | '字' | '办' | '电' | '规' | '令' | '通' | '發' | '辦' | '電' | '規'
        );
        if issuer && opening(chars[at]) && is_year && closing(chars[at + 5]) {
            (out[at], out[at + 5]) = ('〔', '〕');
        }
    }
    out.into_iter().collect()
}

/// `1，加强` at the start of a paragraph is the list number `1.`.
fn list_number_point(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    match text[digits..].chars().next() {
        Some(',' | '，') if (1..=2).contains(&digits) => {
            let comma = text[digits..].chars().next().map_or(0, char::len_utf8);
            format!("{}.{}", &text[..digits], &text[digits + comma..])
        }
        _ => text.to_string(),
    }
}

/// Straight double quotes in Chinese text as the curly ones it is set
/// with, opening and closing in turn.
fn curly_quotes(text: &str) -> String {
    let mut open = false;
    text.chars()
        .map(|c| match c {
            '"' => {
                open = !open;
                if open { '“' } else { '”' }
            }
            '“' => {
                open = true;
                c
            }
            '”' => {
                open = false;
                c
            }
            _ => c,
        })
        .collect()
}

/// The `××`, `（` and spacing corrections of [`chinese_corrections`].
fn han_spacing(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '〈' => '（',
            '〉' => '）',
            _ => c,
        })
        .collect();
    let han = |c: char| is_cjk(c) || is_fullwidth_punctuation(c);
    let beside = |at: usize, step: isize| -> Option<char> {
        let mut at = at as isize + step;
        while let Some(&c) = usize::try_from(at).ok().and_then(|i| chars.get(i)) {
            if c != ' ' {
                return Some(c);
            }
            at += step;
        }
        None
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if matches!(c, 'x' | 'X') {
            let run = chars[at..]
                .iter()
                .take_while(|&&c| matches!(c, 'x' | 'X'))
                .count();
            let (before, after) = (beside(at, -1), beside(at + run - 1, 1));
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let placeholder = run <= 3
                && !latin(before)
                && !latin(after)
                && (before.is_some_and(han) || after.is_some_and(han));
            if !placeholder {
                out.extend(&chars[at..at + run]);
                at += run;
                continue;
            }
            // The marks stand for Han characters: no spaces around them.
            if before.is_some_and(han) {
                out.truncate(out.trim_end_matches(' ').len());
            }
            out.extend(std::iter::repeat_n('×', run));
            at += run;
            if after.is_some_and(han) {
                at += chars[at..].iter().take_while(|&&c| c == ' ').count();
            }
            continue;
        }
        let number_beside_han = c == ' '
            && at > 0
            && at + 1 < chars.len()
            && (is_cjk(chars[at - 1]) && chars[at + 1].is_ascii_digit()
                || chars[at - 1].is_ascii_digit() && is_cjk(chars[at + 1]));
        if !number_beside_han {
            out.push(c);
        }
        at += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_quote_after_a_list_marker_goes() {
        assert_eq!(
            stray_quote_after_list_marker("（一）”指导思想"),
            "（一）指导思想"
        );
        assert_eq!(
            stray_quote_after_list_marker("（二）“工作目标"),
            "（二）工作目标"
        );
        assert_eq!(
            stray_quote_after_list_marker("三、“保障措施"),
            "三、保障措施"
        );
        for kept in ["（一）“十四五”期间", "他说”好", "“工作”", "（甲）”乙", ""]
        {
            assert_eq!(stray_quote_after_list_marker(kept), kept);
        }
    }

    #[test]
    fn chinese_punctuation_read_as_ascii_becomes_full_width() {
        assert_eq!(full_width_punctuation("(一 ) 严格落实"), "（一）严格落实");
        assert_eq!(full_width_punctuation("主要指标如下 :"), "主要指标如下：");
        assert_eq!(
            full_width_punctuation("筛查, 评估; 管理"),
            "筛查，评估；管理"
        );
        assert_eq!(
            full_width_punctuation("12:30 (a) HIV, AIDS"),
            "12:30 (a) HIV, AIDS"
        );
        assert_eq!(full_width_punctuation("(二) 提升"), "（二）提升");
        assert_eq!(full_width_punctuation("达到92%;"), "达到92%；");
        assert_eq!(full_width_punctuation("HIV, AIDS;"), "HIV, AIDS;", "no Han");
    }

    #[test]
    fn chinese_misreadings_are_undone() {
        assert_eq!(chinese_corrections("xx 县卫生健康局"), "××县卫生健康局");
        assert_eq!(
            chinese_corrections("x 卫健发〔2025〕8 号"),
            "×卫健发〔2025〕8号"
        );
        assert_eq!(chinese_corrections("“xx 通”手机"), "“××通”手机");
        assert_eq!(chinese_corrections("〈一〉提升"), "（一）提升");
        assert_eq!(chinese_corrections("在 30 日内"), "在30日内");
        // Latin words and measurements stay as they are.
        assert_eq!(chinese_corrections("使用 Xpert 检测"), "使用 Xpert 检测");
        assert_eq!(chinese_corrections("3x 剂量 HIV 检测"), "3x 剂量 HIV 检测");
        assert_eq!(chinese_corrections("xxxx 年"), "xxxx 年");
        assert_eq!(chinese_corrections("1，加强宣传"), "1.加强宣传");
        assert_eq!(chinese_corrections("12,完善"), "12.完善");
        assert_eq!(chinese_corrections("2025，全年"), "2025，全年");
        assert_eq!(chinese_corrections("低于 5%o)"), "低于5‰)");
        assert_eq!(
            chinese_corrections(r#"实现"一次都不跑"，"××通"平台"#),
            "实现“一次都不跑”，“××通”平台"
        );
        assert_eq!(chinese_corrections(r#"“一对一"联系"#), "“一对一”联系");
        assert_eq!(chinese_corrections("卫健发【2025]8号"), "卫健发〔2025〕8号");
        assert_eq!(
            chinese_corrections("×卫健发（2025〕8号"),
            "×卫健发〔2025〕8号"
        );
        assert_eq!(chinese_corrections("（2025）年度"), "（2025）年度");
        assert_eq!(chinese_corrections("计划于（2025）年"), "计划于（2025）年");
    }

    #[test]
    fn comparison_signs_read_as_han_between_numbers_become_signs() {
        assert_eq!(
            comparison_signs("12.1入12.0，92.4 过 92"),
            "12.1≤12.0，92.4 ≥ 92"
        );
        assert_eq!(
            comparison_signs("超过90%，纳入2025年，入口"),
            "超过90%，纳入2025年，入口"
        );
        assert_eq!(comparison_signs("入过"), "入过");
        assert_eq!(comparison_signs("（2021一2025年）"), "（2021—2025年）");
        assert_eq!(comparison_signs("一4一"), "—4—");
        assert_eq!(comparison_signs("一是2025年一季度"), "一是2025年一季度");
    }

    #[test]
    fn parentheses_read_as_title_marks_or_ascii_are_paired_again() {
        assert_eq!(paired_parentheses("《一）严格落实"), "（一）严格落实");
        assert_eq!(paired_parentheses("率〈‰) 3.9"), "率（‰） 3.9");
        assert_eq!(corrections("率〈‰) 3.9入4.5"), "率（‰）3.9≤4.5");
        assert_eq!(
            paired_parentheses("根据《疫苗管理法》和（略）"),
            "根据《疫苗管理法》和（略）"
        );
        assert_eq!(
            paired_parentheses("《母婴安全行动提升计划（2021—2025年）》"),
            "《母婴安全行动提升计划（2021—2025年）》"
        );
        assert_eq!(paired_parentheses("表《（略）"), "表《（略）");
    }

    #[test]
    fn at_least_read_as_zhi_becomes_the_sign_but_fractions_stay() {
        assert_eq!(at_least_signs("接种率之95%，之90%"), "接种率≥95%，≥90%");
        assert_eq!(at_least_signs("百分之95，三分之一"), "百分之95，三分之一");
        assert_eq!(at_least_signs("之"), "之");
    }
}

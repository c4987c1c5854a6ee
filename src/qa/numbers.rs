//! Numbers, percentages, dates and document numbers that must come through
//! a translation between Vietnamese, Chinese and English with their values.
//!
//! Each side is read into quantities: a value in normal form (a decimal
//! with its unit, a date with the parts it names, a document symbol) and
//! the char span it came from. The two sides are matched as multisets, the
//! surest matches first; whatever is left is reported, as one "changed" or
//! "day and month swapped" problem when the pairing is obvious.
//!
//! Conventions read:
//! - Vietnamese `1.250,5`; Chinese and English `1,250.5`; full-width digits.
//!   A number written with the decimal mark and exactly three digits after
//!   it (`1.250` in English, `1,250` in Vietnamese) may have been copied from
//!   the other convention, so both readings are accepted.
//! - Scale words (`1,2 triệu`, `120万`, `1.2 million`), percentages (`2,5%`,
//!   `百分之二点五`, `2.5 percent`) and per mille (`‰`, `phần nghìn`).
//! - Dates: `ngày 11/7`, `11/7/2024`, `ngày 11 tháng 7 năm 2024`, `tháng
//!   7/2024`, `năm 2024`; `2024年7月11日`, `二〇二四年七月十一日`, `7月11号`;
//!   `11 July 2024`, `July 11, 2024`, `2024-07-11`. Dates agree when the
//!   parts both name agree; a year alone agrees with the bare number.
//!   Ranges of years (`2021 - 2025`, `2021—2025年`, `2021至2025年`) are
//!   two years.
//! - Document numbers (`30/2020/NĐ-CP`, `国办发〔2019〕2号`) are compared by
//!   symbol, case-folded and with Đ as D; a Chinese one against another
//!   language's rendering by its numbers. Their digits, like a date's, are
//!   not counted again as numbers.
//!
//! Not compared: list labels at the start (`1.`, `2.1.`, `(3)`, `a)`, `一、`,
//! `（二）`, `IV.`), footnote marks (`[1]`), codes with letters (`COVID-19`,
//! `H5N1`, `G6PD`) and URLs.
//!
//! Precision comes before recall. Chinese numerals count only in number
//! contexts: after `第` or `百分之`, in dates, with `万`/`亿`, written with
//! several characters in positional form (`二十`, `一百二十五`), or before a
//! measure word or unit (`三个`, `两名`, `五项`). A lone `一` is never a
//! number (`一个` is "a"), nor are words such as `统一`, `万一`, `百姓`, `千方百计`
//! or `十三四岁`. Small counts (up to ten) in Chinese numerals, Vietnamese
//! and English number words (`hai`, `mười lăm`, `three`) and Roman numerals
//! are *weak*: they match a quantity of the other side but are never
//! reported themselves, because translations often write them as words or
//! drop them (`第一次` is `lần đầu`; `năm` is never read as five). A
//! Five-Year Plan name such as `十四五` is weak too and stands for 14, 5, and
//! the plan's first and last years (2021, 2025), whichever the other side
//! writes (`14-5`, `kế hoạch 5 năm lần thứ 14`, `giai đoạn 2021-2025`).

mod chars;
mod han;
mod matching;
mod read;
mod report;
mod value;

use super::{Language, Problem};
use matching::Matching;
use read::Side;
use report::Report;

/// Checks that the numbers, percentages, dates and document numbers of
/// `source` all have a counterpart of the same value in `target` and the
/// other way round, each read in its language's conventions. Every problem
/// is a [`Category::NumberMismatch`] error with its span(s) and, for a value
/// missing or changed in the target, the value as the target should write it.
pub fn check(
    source: &str,
    source_lang: Language,
    target: &str,
    target_lang: Language,
) -> Vec<Problem> {
    let source = Side::read(source, source_lang);
    let target = Side::read(target, target_lang);
    let matching = Matching::run(&source.quantities, &target.quantities);
    Report {
        source: &source,
        target: &target,
    }
    .problems(&matching)
}

#[cfg(test)]
mod tests;

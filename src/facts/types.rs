//! Document types: the closed list of the `type` field, and the rules of
//! `rules/document-types.tsv` that name them in titles, citations and
//! number symbols.

use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The kinds of official documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    Plan,
    Decision,
    Decree,
    Circular,
    Directive,
    Resolution,
    Notice,
    OfficialLetter,
    Report,
    Submission,
    Guidance,
    Scheme,
    Programme,
    Regulation,
    Opinion,
    Law,
    Form,
    Other,
}

const ALL: [DocType; 18] = [
    DocType::Plan,
    DocType::Decision,
    DocType::Decree,
    DocType::Circular,
    DocType::Directive,
    DocType::Resolution,
    DocType::Notice,
    DocType::OfficialLetter,
    DocType::Report,
    DocType::Submission,
    DocType::Guidance,
    DocType::Scheme,
    DocType::Programme,
    DocType::Regulation,
    DocType::Opinion,
    DocType::Law,
    DocType::Form,
    DocType::Other,
];

impl DocType {
    /// The name written in JSON (`plan`, `official_letter`…).
    pub fn name(self) -> &'static str {
        match self {
            DocType::Plan => "plan",
            DocType::Decision => "decision",
            DocType::Decree => "decree",
            DocType::Circular => "circular",
            DocType::Directive => "directive",
            DocType::Resolution => "resolution",
            DocType::Notice => "notice",
            DocType::OfficialLetter => "official_letter",
            DocType::Report => "report",
            DocType::Submission => "submission",
            DocType::Guidance => "guidance",
            DocType::Scheme => "scheme",
            DocType::Programme => "programme",
            DocType::Regulation => "regulation",
            DocType::Opinion => "opinion",
            DocType::Law => "law",
            DocType::Form => "form",
            DocType::Other => "other",
        }
    }

    /// The type of a JSON name.
    pub fn parse(name: &str) -> Option<DocType> {
        ALL.into_iter().find(|t| t.name() == name)
    }
}

/// One rule: a type word or code of a language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    chinese: bool,
    code: bool,
    /// Words lower-cased; codes as written.
    text: String,
    doc_type: DocType,
}

/// The rules of `rules/document-types.tsv`, possibly extended. The
/// default is the shipped rules.
#[derive(Debug, Clone)]
pub struct DocTypes {
    /// Longest text first, so that "thông tư liên tịch" wins over
    /// "thông tư".
    rules: Vec<Rule>,
    /// The Vietnamese words' indices by their first word ("thông" →
    /// "thông tư liên tịch", "thông tư", "thông báo"), longest first: a
    /// title line is looked up by its own first word.
    vietnamese_by_first_word: HashMap<String, Vec<usize>>,
}

const SHIPPED_TSV: &str = include_str!("../../rules/document-types.tsv");

/// Parsed on first use; `tests::shipped_rules_parse` keeps the text valid.
static SHIPPED: LazyLock<DocTypes> =
    LazyLock::new(|| DocTypes::parse(SHIPPED_TSV).expect("rules/document-types.tsv parses"));

impl Default for DocTypes {
    fn default() -> Self {
        DocTypes::shipped().clone()
    }
}

impl DocTypes {
    /// The shipped rules, parsed once.
    pub fn shipped() -> &'static DocTypes {
        &SHIPPED
    }

    /// Rules from the text of a file of the shipped form; errors name the
    /// line.
    pub fn parse(text: &str) -> Result<DocTypes, String> {
        let mut rules = Vec::new();
        let mut header_seen = false;
        for (index, line) in text.lines().enumerate() {
            let line_no = index + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if !header_seen {
                if fields != ["lang", "form", "text", "type"] {
                    return Err(format!(
                        "line {line_no}: the header must be lang, form, text, type (tab-separated)"
                    ));
                }
                header_seen = true;
                continue;
            }
            let [lang, form, word, name] = fields[..] else {
                return Err(format!("line {line_no}: 4 tab-separated fields expected"));
            };
            let chinese = match lang {
                "vi" => false,
                "zh" => true,
                _ => {
                    return Err(format!(
                        "line {line_no}: lang must be vi or zh, not {lang:?}"
                    ));
                }
            };
            let code = match form {
                "word" => false,
                "code" => true,
                _ => {
                    return Err(format!(
                        "line {line_no}: form must be word or code, not {form:?}"
                    ));
                }
            };
            let doc_type = DocType::parse(name)
                .ok_or_else(|| format!("line {line_no}: unknown type {name:?}"))?;
            let word = word.trim();
            if word.is_empty() {
                return Err(format!("line {line_no}: the text is empty"));
            }
            let text = if code {
                word.to_string()
            } else {
                word.to_lowercase()
            };
            rules.push(Rule {
                chinese,
                code,
                text,
                doc_type,
            });
        }
        if !header_seen {
            return Err("no header line (lang, form, text, type)".into());
        }
        let mut types = DocTypes {
            rules: Vec::new(),
            vietnamese_by_first_word: HashMap::new(),
        };
        types.extend_with(rules);
        Ok(types)
    }

    /// Adds `other`'s rules; one with the same language, form and text
    /// replaces the rule here.
    pub fn extend(&mut self, other: DocTypes) {
        self.extend_with(other.rules);
    }

    fn extend_with(&mut self, rules: Vec<Rule>) {
        for rule in rules {
            self.rules
                .retain(|r| (r.chinese, r.code, &r.text) != (rule.chinese, rule.code, &rule.text));
            self.rules.push(rule);
        }
        self.rules
            .sort_by_key(|r| std::cmp::Reverse(r.text.chars().count()));
        self.vietnamese_by_first_word.clear();
        for (index, rule) in self.rules.iter().enumerate() {
            if !rule.code && !rule.chinese {
                let first = rule.text.split(' ').next().unwrap_or_default().to_string();
                self.vietnamese_by_first_word
                    .entry(first)
                    .or_default()
                    .push(index);
            }
        }
    }

    /// The type a Vietnamese title line names: the line is a type word
    /// alone ("Kế hoạch") or numbered ("Phụ lục I"), or starts with one in
    /// capitals ("KẾ HOẠCH", "LUẬT BẢO HIỂM Y TẾ", "KẾ HOẠCH Chăm sóc…") or
    /// followed by its subject ("Thông báo về việc …") or by who issues it
    /// ("quyết định của bộ trưởng …" in a lower-cased transcript); with the
    /// word as printed.
    pub fn vietnamese_title<'t>(&self, line: &'t str) -> Option<(DocType, &'t str)> {
        self.vietnamese_leading_words(line)
            .find_map(|(doc_type, printed)| {
                let rest = line[printed.len()..].to_lowercase();
                let rest = rest.as_str();
                let alone = rest.trim_end_matches([':', '.']).trim().is_empty();
                let capitals = !printed.chars().any(char::is_lowercase);
                // "Phụ lục I", "Biểu 01", "Thông báo về việc …".
                let numbered = rest.split_whitespace().count() == 1
                    && rest
                        .trim()
                        .chars()
                        .all(|c| c.is_ascii_digit() || "ivxlc.".contains(c));
                let about = rest.starts_with(" về ") || rest.starts_with(" v/v");
                let of = rest.starts_with(" của ");
                let title = alone || numbered || about || of || (capitals && rest.starts_with(' '));
                title.then_some((doc_type, printed))
            })
    }

    /// The type word a Vietnamese line starts with, whatever follows it
    /// ("Kế hoạch chăm sóc …" of a headline), with the word as printed.
    pub fn vietnamese_leading_word<'t>(&self, line: &'t str) -> Option<(DocType, &'t str)> {
        self.vietnamese_leading_words(line).next()
    }

    /// The type words `line` starts with as whole words, longest first.
    fn vietnamese_leading_words<'t>(
        &self,
        line: &'t str,
    ) -> impl Iterator<Item = (DocType, &'t str)> {
        let first_word: String = line
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ':' | '.'))
            .take(12)
            .flat_map(char::to_lowercase)
            .collect();
        let candidates = self
            .vietnamese_by_first_word
            .get(&first_word)
            .map_or(&[][..], Vec::as_slice);
        // Only the start of the line can hold the word: lower-case that,
        // when a type word starts with the line's first word at all.
        let longest = self.rules.first().map_or(0, |r| r.text.chars().count());
        let lower: String = if candidates.is_empty() {
            String::new()
        } else {
            line.chars()
                .take(longest + 8)
                .flat_map(char::to_lowercase)
                .collect()
        };
        candidates.iter().filter_map(move |&i| {
            let rule = &self.rules[i];
            lower.strip_prefix(rule.text.as_str())?;
            let printed = char_prefix(line, rule.text.chars().count());
            // A whole word: "Luật" is not the start of "Luật sư".
            let bounded = line[printed.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            bounded.then_some((rule.doc_type, printed))
        })
    }

    /// The type word a Vietnamese citation ends with, just before its
    /// number ("… Nghị định số"): the type and the word's length in chars.
    pub fn vietnamese_word_before(&self, before: &str) -> Option<(DocType, usize)> {
        // Only the end can hold the word (and "số"): lower-case that.
        let longest = self.rules.first().map_or(0, |r| r.text.chars().count());
        let from = before
            .char_indices()
            .rev()
            .nth(longest + 8)
            .map_or(0, |(at, _)| at);
        let lower = before[from..].to_lowercase();
        let lower = lower.trim_end();
        let lower = lower.strip_suffix("số").unwrap_or(lower).trim_end();
        self.words(false).find_map(|rule| {
            let head = lower.strip_suffix(rule.text.as_str())?;
            let bounded = head.is_empty() || head.ends_with(|c: char| !c.is_alphanumeric());
            bounded.then_some((rule.doc_type, rule.text.chars().count()))
        })
    }

    /// The type a Chinese title ends with ("…的通知", "…实施方案"): the type
    /// and the word as printed.
    pub fn chinese_title_end<'t>(&self, title: &'t str) -> Option<(DocType, &'t str)> {
        let title = title.trim_end_matches(|c: char| c.is_whitespace() || "。.".contains(c));
        self.words(true).find_map(|rule| {
            title
                .ends_with(rule.text.as_str())
                .then(|| (rule.doc_type, &title[title.len() - rule.text.len()..]))
        })
    }

    /// The type of a code: a Vietnamese symbol's code ("QĐ", "NĐ"; trailing
    /// digits ignored: "QH13") or a Chinese symbol's kind character.
    pub fn code(&self, code: &str, chinese: bool) -> Option<DocType> {
        let code = if chinese {
            code
        } else {
            code.trim_end_matches(|c: char| c.is_ascii_digit())
        };
        self.rules
            .iter()
            .find(|r| r.code && r.chinese == chinese && r.text == code)
            .map(|r| r.doc_type)
    }

    fn words(&self, chinese: bool) -> impl Iterator<Item = &Rule> {
        self.rules
            .iter()
            .filter(move |r| !r.code && r.chinese == chinese)
    }
}

/// The first `chars` chars of `text`.
fn char_prefix(text: &str, chars: usize) -> &str {
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at);
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_parse() {
        let types = DocTypes::shipped();
        assert!(types.rules.len() > 60);
    }

    #[test]
    fn titles_citations_and_codes() {
        let types = DocTypes::shipped();
        assert_eq!(
            types.vietnamese_title("KẾ HOẠCH"),
            Some((DocType::Plan, "KẾ HOẠCH"))
        );
        assert_eq!(
            types.vietnamese_title("THÔNG TƯ LIÊN TỊCH"),
            Some((DocType::Circular, "THÔNG TƯ LIÊN TỊCH"))
        );
        assert_eq!(types.vietnamese_title("KẾ TOÁN"), None);
        assert_eq!(types.vietnamese_title("Luật sư"), None);
        assert_eq!(
            types.vietnamese_title("quyết định của bộ trưởng bộ tài chính"),
            Some((DocType::Decision, "quyết định"))
        );
        assert_eq!(types.vietnamese_title("Kế hoạch chăm sóc sức khỏe"), None);
        assert_eq!(
            types.vietnamese_leading_word("Kế hoạch chăm sóc sức khỏe"),
            Some((DocType::Plan, "Kế hoạch"))
        );
        assert_eq!(types.vietnamese_leading_word("Kế toán trưởng"), None);
        assert_eq!(
            types.chinese_title_end("社區健康促進與衛生教育實施計畫"),
            Some((DocType::Plan, "實施計畫"))
        );
        assert_eq!(
            types.vietnamese_word_before("Căn cứ Nghị định số "),
            Some((DocType::Decree, 9))
        );
        assert_eq!(
            types.vietnamese_word_before("theo Thông tư liên tịch số"),
            Some((DocType::Circular, 18))
        );
        assert_eq!(types.vietnamese_word_before("căn cứ số"), None);
        assert_eq!(
            types.chinese_title_end("关于印发健康中国行动实施方案的通知"),
            Some((DocType::Notice, "通知"))
        );
        assert_eq!(
            types.chinese_title_end("2025年免疫规划工作实施方案"),
            Some((DocType::Scheme, "实施方案"))
        );
        assert_eq!(types.code("QĐ", false), Some(DocType::Decision));
        assert_eq!(types.code("QH13", false), Some(DocType::Law));
        assert_eq!(types.code("函", true), Some(DocType::OfficialLetter));
        assert_eq!(types.code("UBND", false), None);
    }

    #[test]
    fn user_rules_extend_and_replace() {
        let mut types = DocTypes::shipped().clone();
        let extra = DocTypes::parse(
            "lang\tform\ttext\ttype\nvi\tcode\tKH\tscheme\nvi\tword\tCông thư\tofficial_letter\n",
        )
        .unwrap();
        types.extend(extra);
        assert_eq!(types.code("KH", false), Some(DocType::Scheme));
        assert_eq!(
            types.vietnamese_title("CÔNG THƯ"),
            Some((DocType::OfficialLetter, "CÔNG THƯ"))
        );
        for bad in [
            "",
            "lang\tform\ttext\ttype\nfr\tword\tx\tplan\n",
            "lang\tform\ttext\ttype\nvi\tword\tx\tpoem\n",
        ] {
            assert!(DocTypes::parse(bad).is_err(), "{bad:?}");
        }
    }
}

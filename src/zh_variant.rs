//! Traditional and simplified Chinese: matching across them, and, when
//! asked, rewriting Chinese text into one of them.
//!
//! The tables are OpenCC's (Apache-2.0), through the pure-Rust
//! `ferrous-opencc`: its `t2s` and `s2t` conversions, phrases first
//! (乾燥 → 干燥 but 乾隆 stays; 头发 → 頭髮, 发现 → 發現), then characters.
//! They are loaded on first use, so runs that never ask pay nothing.
//!
//! Matching folds every character to its simplified form one for one
//! ([`fold_to_simplified`]), so offsets into folded text are offsets into
//! the text itself. Rewriting ([`convert`]) uses the phrase tables, which
//! keep the character count in all of OpenCC's `t2s`/`s2t` data; should a
//! conversion ever change it, the text is converted character by character
//! instead, so that offsets taken before (note marks) stay true.

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What to do with the two Chinese scripts (`--zh-variant`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ZhVariant {
    /// Text as written; glossary terms match only in the script they are
    /// written in.
    #[default]
    Off,
    /// Text as written; glossary terms match in either script (發展 finds
    /// the entry 发展).
    Match,
    /// Chinese blocks are rewritten in simplified characters; terms match
    /// in either script.
    Simplified,
    /// Chinese blocks are rewritten in traditional characters; terms match
    /// in either script.
    Traditional,
}

impl std::str::FromStr for ZhVariant {
    type Err = String;

    /// Reads `off` and the names `--zh-variant` takes: `match`, `simplified`, `traditional`.
    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "off" => Ok(ZhVariant::Off),
            "match" => Ok(ZhVariant::Match),
            "simplified" => Ok(ZhVariant::Simplified),
            "traditional" => Ok(ZhVariant::Traditional),
            _ => Err(format!(
                "unknown Chinese variant setting {name:?}: give off, match, simplified or traditional"
            )),
        }
    }
}

impl ZhVariant {
    /// Whether glossary matching folds the two scripts together.
    pub fn matches_across(self) -> bool {
        self != ZhVariant::Off
    }
}

static TO_SIMPLIFIED: LazyLock<OpenCC> = LazyLock::new(|| load(BuiltinConfig::T2s));
static TO_TRADITIONAL: LazyLock<OpenCC> = LazyLock::new(|| load(BuiltinConfig::S2t));

fn load(config: BuiltinConfig) -> OpenCC {
    OpenCC::from_config(config).expect("the built-in OpenCC tables are compiled into the binary")
}

/// Each traditional character that has a different simplified form, with
/// that form: OpenCC's `t2s` applied to each Han character alone.
static SIMPLIFIED_CHAR: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    let han: Vec<char> = HAN_RANGES.iter().flat_map(|r| r.clone()).collect();
    // One character per line: no phrase spans a line break, so each is
    // converted on its own, in one call.
    let lines: String = han.iter().flat_map(|&c| [c, '\n']).collect();
    let converted = TO_SIMPLIFIED.convert(&lines);
    han.iter()
        .zip(converted.split('\n'))
        .filter_map(|(&c, simplified)| {
            let mut chars = simplified.chars();
            match (chars.next(), chars.next()) {
                (Some(s), None) if s != c => Some((c, s)),
                _ => None,
            }
        })
        .collect()
});

/// The Han blocks OpenCC's tables cover: the unified ideographs, extension
/// A, the compatibility ideographs and the supplementary ones.
const HAN_RANGES: [std::ops::RangeInclusive<char>; 4] = [
    '\u{3400}'..='\u{4DBF}',
    '\u{4E00}'..='\u{9FFF}',
    '\u{F900}'..='\u{FAFF}',
    '\u{20000}'..='\u{2FA1F}',
];

/// `text` with every traditional character replaced by its simplified
/// form, one char for one char; everything else unchanged.
pub fn fold_to_simplified(text: &str) -> String {
    text.chars().map(simplified_char).collect()
}

/// The simplified form of one character (itself when it has none).
pub fn simplified_char(c: char) -> char {
    if c < '\u{3400}' {
        return c;
    }
    SIMPLIFIED_CHAR.get(&c).copied().unwrap_or(c)
}

/// `text` rewritten in the script `target` names (`Off` and `Match` leave
/// it as is), with the same number of chars.
pub fn convert(text: &str, target: ZhVariant) -> String {
    let converter: &OpenCC = match target {
        ZhVariant::Off | ZhVariant::Match => return text.to_string(),
        ZhVariant::Simplified => &TO_SIMPLIFIED,
        ZhVariant::Traditional => &TO_TRADITIONAL,
    };
    let converted = converter.convert(text);
    if converted.chars().count() == text.chars().count() {
        return converted;
    }
    let mut buffer = [0u8; 4];
    text.chars()
        .map(|c| {
            let alone = converter.convert(c.encode_utf8(&mut buffer));
            let mut chars = alone.chars();
            match (chars.next(), chars.next()) {
                (Some(one), None) => one,
                _ => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_maps_traditional_to_simplified_char_for_char() {
        assert_eq!(
            fold_to_simplified("國家衛生健康委員會：頭髮乾燥以後"),
            "国家卫生健康委员会：头发干燥以后"
        );
        assert_eq!(fold_to_simplified("计划生育 KH-2025"), "计划生育 KH-2025");
    }

    #[test]
    fn conversion_uses_phrases_and_keeps_the_char_count() {
        let traditional = convert("头发干燥以后，我们发现了干部", ZhVariant::Traditional);
        assert_eq!(traditional, "頭髮乾燥以後，我們發現了幹部");
        assert_eq!(
            convert("預防接種計劃", ZhVariant::Simplified),
            "预防接种计划"
        );
        assert_eq!(convert("預防接種", ZhVariant::Match), "預防接種");
    }
}

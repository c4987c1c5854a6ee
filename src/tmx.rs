//! Translation memories out: TMX 1.4 (the DTD's `version="1.4"`, known as
//! 1.4b) of translated pairs read back from XLIFF or TMX files.
//!
//! Promises: one `<tu>` per distinct pair (same languages, same source,
//! same target: merged, first seen kept), in the order first seen; every
//! header attribute the DTD requires; text escaped, characters XML forbids
//! written as U+FFFD.

use crate::xliff::escape;
use crate::xliff::read::Pair;
use std::collections::HashSet;
use std::fmt::Write;

/// The TMX document of the `pairs` that are translated
/// ([`Pair::is_translated`]); gives it and how many units it holds.
pub fn write_tmx(pairs: &[Pair]) -> (String, usize) {
    let translated: Vec<&Pair> = pairs.iter().filter(|p| p.is_translated()).collect();
    let languages: HashSet<&str> = translated.iter().map(|p| p.source_lang.as_str()).collect();
    let srclang = match languages.iter().next() {
        Some(lang) if languages.len() == 1 && !lang.is_empty() => lang.to_string(),
        _ => "*all*".to_string(),
    };
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n\
         <header creationtool=\"plangloss\" creationtoolversion=\"{}\" segtype=\"sentence\" \
         o-tmf=\"xliff\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&srclang),
    );
    let mut seen: HashSet<(&str, &str, &str, &str)> = HashSet::new();
    let mut units = 0;
    for pair in translated {
        let target = pair.target.as_deref().unwrap_or_default();
        let key = (
            pair.source_lang.as_str(),
            pair.target_lang.as_str(),
            pair.source.as_str(),
            target,
        );
        if !seen.insert(key) {
            continue;
        }
        units += 1;
        let _ = write!(
            out,
            "<tu>\n<tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n<tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n</tu>\n",
            escape(&pair.source_lang),
            escape(&pair.source),
            escape(&pair.target_lang),
            escape(target),
        );
    }
    out.push_str("</body>\n</tmx>\n");
    (out, units)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(source: &str, target: Option<&str>) -> Pair {
        Pair {
            source_lang: "vi".into(),
            target_lang: "zh-CN".into(),
            source: source.into(),
            target: target.map(str::to_string),
            ..Pair::default()
        }
    }

    #[test]
    fn translated_pairs_once_each() {
        let pairs = [
            pair("Dân số", Some("人口")),
            pair("Dân số", Some("人口")),
            pair("Kế hoạch", Some("Kế hoạch")),
            pair("A & B", Some("甲<乙>")),
            pair("Chưa dịch", None),
        ];
        let (tmx, units) = write_tmx(&pairs);
        assert_eq!(units, 2);
        assert!(tmx.contains("srclang=\"vi\""));
        assert!(tmx.contains("<tuv xml:lang=\"zh-CN\"><seg>甲&lt;乙&gt;</seg></tuv>"));
        let back = crate::xliff::read::read(&tmx).unwrap();
        assert_eq!(back.pairs.len(), 2);
        assert_eq!(back.pairs[1].source, "A & B");
    }
}

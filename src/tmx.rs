//! Translation memories out: TMX 1.4 (the DTD's `version="1.4"`, known as
//! 1.4b) of translated pairs read back from XLIFF or TMX files.
//!
//! Promises: one `<tu>` per distinct pair (same languages, same source,
//! same target: merged, first seen kept), in the order first seen; every
//! header attribute the DTD requires; text escaped, characters XML forbids
//! written as U+FFFD.

use crate::xliff::escape;
use crate::xliff::read::Pair;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;

/// A TMX memory being built pair by pair. Memory holds the body written so
/// far and a 16-byte digest per unit, not the pairs themselves.
#[derive(Default)]
pub struct TmxWriter {
    body: String,
    seen: HashSet<[u8; 16]>,
    /// Each unit's digest and source language, in order, so that a
    /// [`Mark`] can be rolled back to.
    units: Vec<([u8; 16], u32)>,
    source_languages: Vec<String>,
}

/// A point to roll a [`TmxWriter`] back to: what it held when marked.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    body: usize,
    units: usize,
}

impl TmxWriter {
    /// Adds `pair` when it is translated ([`Pair::is_translated`]) and not
    /// already in the memory; says whether it was added.
    pub fn add(&mut self, pair: &Pair) -> bool {
        if !pair.is_translated() {
            return false;
        }
        let target = pair.target.as_deref().unwrap_or_default();
        let key = digest(pair, target);
        if !self.seen.insert(key) {
            return false;
        }
        let language = match self
            .source_languages
            .iter()
            .position(|l| *l == pair.source_lang)
        {
            Some(index) => index,
            None => {
                self.source_languages.push(pair.source_lang.clone());
                self.source_languages.len() - 1
            }
        };
        self.units.push((key, language as u32));
        // Writing to a String cannot fail.
        let _ = write!(
            self.body,
            "<tu>\n<tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n<tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n</tu>\n",
            escape(&pair.source_lang),
            escape(&pair.source),
            escape(&pair.target_lang),
            escape(target),
        );
        true
    }

    /// How many units the memory holds.
    pub fn units(&self) -> usize {
        self.units.len()
    }

    /// The point the memory is at now.
    pub fn mark(&self) -> Mark {
        Mark {
            body: self.body.len(),
            units: self.units.len(),
        }
    }

    /// Forgets every unit added since `mark` (e.g. those of a file that
    /// turned out broken).
    pub fn roll_back(&mut self, mark: Mark) {
        self.body.truncate(mark.body);
        for (key, _) in self.units.drain(mark.units..) {
            self.seen.remove(&key);
        }
    }

    /// Writes the whole TMX document. `srclang` is the one source language
    /// of all units, or `*all*` when they have several (or none is named).
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let languages: BTreeSet<u32> = self.units.iter().map(|(_, l)| *l).collect();
        let srclang = match languages.iter().next() {
            Some(&only) if languages.len() == 1 => self.source_languages[only as usize].as_str(),
            _ => "",
        };
        let srclang = if srclang.is_empty() { "*all*" } else { srclang };
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n\
             <header creationtool=\"plangloss\" creationtoolversion=\"{}\" segtype=\"sentence\" \
             o-tmf=\"xliff\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>\n<body>\n",
            env!("CARGO_PKG_VERSION"),
            escape(srclang),
        )?;
        out.write_all(self.body.as_bytes())?;
        out.write_all(b"</body>\n</tmx>\n")
    }
}

/// What identifies a unit: its languages, source and target.
fn digest(pair: &Pair, target: &str) -> [u8; 16] {
    let mut digest = Sha256::new();
    for part in [&pair.source_lang, &pair.target_lang, &pair.source] {
        digest.update(part.as_bytes());
        digest.update([0]);
    }
    digest.update(target.as_bytes());
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest.finalize()[..16]);
    key
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
        let mut writer = TmxWriter::default();
        let added: Vec<bool> = pairs.iter().map(|p| writer.add(p)).collect();
        assert_eq!(added, [true, false, false, true, false]);
        assert_eq!(writer.units(), 2);
        let mark = writer.mark();
        assert!(writer.add(&pair("Gia đình", Some("家庭"))));
        writer.roll_back(mark);
        assert_eq!(writer.units(), 2);
        let mut tmx = Vec::new();
        writer.write_to(&mut tmx).unwrap();
        let tmx = String::from_utf8(tmx).unwrap();
        assert!(!tmx.contains("家庭"));
        assert!(tmx.contains("srclang=\"vi\""));
        assert!(tmx.contains("<tuv xml:lang=\"zh-CN\"><seg>甲&lt;乙&gt;</seg></tuv>"));
        let back = crate::xliff::read::read(&tmx).unwrap();
        assert_eq!(back.pairs.len(), 2);
        assert_eq!(back.pairs[1].source, "A & B");
    }
}

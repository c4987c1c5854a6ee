//! Translations back in: the pairs of XLIFF 1.2, XLIFF 2.x and TMX files,
//! for `plangloss tmx` and translation QA.
//!
//! Reading is safe on hostile files: entities are never expanded (a DTD's
//! entity declarations are ignored, so no external entity is fetched and no
//! "billion laughs" grows), elements nest at most [`MAX_DEPTH`] deep, and
//! errors name the line they were found on. The caller bounds the file's
//! size when reading it.

use crate::extract::xml::{attr as attribute, resolve_reference};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashSet;

/// The deepest element nesting read.
pub const MAX_DEPTH: usize = 256;

/// Which format a file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xliff12,
    Xliff2,
    Tmx,
}

/// One source text and its translation, as a file holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pair {
    /// The `original` of the XLIFF `<file>` (empty in TMX).
    pub file: String,
    /// The trans-unit id (1.2), `unit/segment` (2.x), or the `tuid` (TMX).
    pub id: String,
    pub source_lang: String,
    pub target_lang: String,
    pub source: String,
    /// `None` when the unit has no target at all.
    pub target: Option<String>,
    /// The target's `state` (1.2 `<target state>`, 2.x `<segment state>`).
    pub state: Option<String>,
    /// 1.2 `approved="yes"`.
    pub approved: bool,
    /// The notes of the unit.
    pub notes: Vec<String>,
    /// The source hash plangloss wrote with the unit, when there is one.
    pub source_hash: Option<String>,
}

impl Pair {
    /// Whether the pair counts as translated: a target that is not empty,
    /// and either differs from the source or is marked done (1.2
    /// `approved="yes"`, or a state of `translated`, `reviewed`, `final` or
    /// `signed-off`). A target that only copies the source, as CAT tools
    /// pre-fill it, is not a translation.
    pub fn is_translated(&self) -> bool {
        let Some(target) = self.target.as_deref().filter(|t| !t.trim().is_empty()) else {
            return false;
        };
        let done = matches!(
            self.state.as_deref(),
            Some("translated" | "reviewed" | "final" | "signed-off")
        );
        target != self.source || self.approved || done
    }
}

/// What a file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    pub kind: Kind,
    pub pairs: Vec<Pair>,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The 1-based line where reading stopped.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Where the reading is, and what it has gathered.
#[derive(Default)]
struct State {
    kind: Option<Kind>,
    file: String,
    source_lang: String,
    target_lang: String,
    unit: String,
    pair: Option<Pair>,
    /// The text element being read ("source", "target", "note", "seg",
    /// "context") and what it holds so far.
    text: Option<(String, String)>,
    /// Inside an inline code whose content is native code, not text.
    in_code: usize,
    /// The `xml:lang` of the TMX `<tuv>` being read.
    tuv_lang: String,
    hash_context: bool,
    /// 2.x: the unit's source hash and notes (which come before its
    /// segments), and how many of its segments were read.
    unit_hash: Option<String>,
    unit_notes: Vec<String>,
    unit_segments: usize,
    pairs: Vec<Pair>,
}

/// Reads the pairs of an XLIFF 1.2, XLIFF 2.x or TMX document.
pub fn read(text: &str) -> Result<Bilingual, ReadError> {
    let mut reader = Reader::from_str(text);
    let mut state = State::default();
    let mut depth = 0usize;
    let line = |position: u64| {
        text.as_bytes()[..(position as usize).min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| ReadError {
            line: line(reader.error_position()),
            message: format!("not well-formed XML: {e}"),
        })?;
        let fail = |message: String| ReadError {
            line: line(position),
            message,
        };
        match event {
            Event::Start(element) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(fail(format!(
                        "elements nest deeper than {MAX_DEPTH} levels"
                    )));
                }
                state.open(&element, false).map_err(fail)?;
            }
            Event::Empty(element) => state.open(&element, true).map_err(fail)?,
            Event::End(element) => {
                depth = depth.saturating_sub(1);
                state.close(local(element.name().as_ref()));
            }
            Event::Text(content) => state.push_text(&content.xml10_content()),
            Event::CData(content) => state.push_text(&content.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference).ok_or_else(|| {
                    let name: &str = reference.as_ref();
                    fail(format!(
                        "entity &{name}; is not one of XML's own: entities are not expanded"
                    ))
                })?;
                state.push_text(&resolved.to_string());
            }
            Event::Eof if depth > 0 => {
                return Err(fail(
                    "the file ends inside an element: it is truncated".into(),
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let kind = state.kind.ok_or_else(|| ReadError {
        line: 1,
        message: "neither XLIFF nor TMX: no <xliff> or <tmx> root element".into(),
    })?;
    Ok(Bilingual {
        kind,
        pairs: state.pairs,
    })
}

/// The ids an XLIFF 2.x file gives more than once where the standard wants
/// them unique and its schema cannot check it: `file` ids in the document;
/// `unit` and `group` ids in a file; `segment`, `ignorable`, `mrk`, `sm`,
/// `pc`, `sc`, `ec`, `ph` and `note` ids in a unit. Empty for a sound file.
pub fn duplicate_ids(text: &str) -> Result<Vec<String>, ReadError> {
    let mut reader = Reader::from_str(text);
    let mut files: HashSet<String> = HashSet::new();
    let mut in_file: HashSet<String> = HashSet::new();
    let mut in_unit: HashSet<String> = HashSet::new();
    let mut duplicates = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| ReadError {
            line: 1 + text.as_bytes()[..(reader.error_position() as usize).min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
            message: format!("not well-formed XML: {e}"),
        })?;
        let element = match &event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::Eof => break,
            _ => continue,
        };
        let name = local(element.name().as_ref());
        let Some(id) = attribute(element, "id") else {
            continue;
        };
        let scope = match name.as_str() {
            "file" => {
                in_file.clear();
                &mut files
            }
            "unit" | "group" => {
                in_unit.clear();
                &mut in_file
            }
            "segment" | "ignorable" | "mrk" | "sm" | "pc" | "sc" | "ec" | "ph" | "note" => {
                &mut in_unit
            }
            _ => continue,
        };
        if !scope.insert(id.clone()) {
            duplicates.push(format!("<{name} id=\"{id}\">"));
        }
    }
    Ok(duplicates)
}

/// An element's name without its namespace prefix.
fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or_default().to_string()
}

/// Inline codes whose content is native code, not translatable text.
const CODE_ELEMENTS: [&str; 4] = ["ph", "bpt", "ept", "it"];

impl State {
    fn open(&mut self, element: &BytesStart, empty: bool) -> Result<(), String> {
        let name = local(element.name().as_ref());
        match (self.kind, name.as_str()) {
            (None, "xliff") => {
                let version = attribute(element, "version").unwrap_or_default();
                self.kind = Some(if version.starts_with('2') {
                    self.source_lang = attribute(element, "srcLang").unwrap_or_default();
                    self.target_lang = attribute(element, "trgLang").unwrap_or_default();
                    Kind::Xliff2
                } else {
                    Kind::Xliff12
                });
            }
            (None, "tmx") => self.kind = Some(Kind::Tmx),
            (None, other) => return Err(format!("neither XLIFF nor TMX: the root is <{other}>")),
            (Some(Kind::Xliff12), "file") => {
                self.file = attribute(element, "original").unwrap_or_default();
                self.source_lang = attribute(element, "source-language").unwrap_or_default();
                self.target_lang = attribute(element, "target-language").unwrap_or_default();
            }
            (Some(Kind::Xliff2), "file") => {
                self.file = attribute(element, "original").unwrap_or_default();
            }
            (Some(Kind::Tmx), "header") => {
                self.source_lang = attribute(element, "srclang").unwrap_or_default();
            }
            (Some(Kind::Xliff12), "trans-unit") => {
                self.pair = Some(Pair {
                    id: attribute(element, "id").unwrap_or_default(),
                    approved: attribute(element, "approved").as_deref() == Some("yes"),
                    ..self.new_pair()
                });
            }
            (Some(Kind::Xliff2), "unit") => {
                self.unit = attribute(element, "id").unwrap_or_default();
                self.unit_hash = attribute(element, "sourceHash");
                self.unit_notes.clear();
                self.unit_segments = 0;
            }
            (Some(Kind::Xliff2), "segment") => {
                let segment = attribute(element, "id").unwrap_or_default();
                self.pair = Some(Pair {
                    id: format!("{}/{segment}", self.unit),
                    state: attribute(element, "state"),
                    source_hash: self.unit_hash.clone(),
                    ..self.new_pair()
                });
            }
            (Some(Kind::Tmx), "tu") => {
                self.pair = Some(Pair {
                    id: attribute(element, "tuid").unwrap_or_default(),
                    ..self.new_pair()
                });
            }
            (Some(Kind::Tmx), "tuv") => {
                self.tuv_lang = attribute(element, "lang").unwrap_or_default();
            }
            (Some(Kind::Xliff12), "target") => {
                if let Some(pair) = &mut self.pair {
                    pair.state = attribute(element, "state");
                }
                self.start_text("target", empty);
            }
            (Some(_), "source" | "note" | "seg") => self.start_text(&name, empty),
            (Some(Kind::Xliff2), "target") => self.start_text("target", empty),
            (Some(Kind::Xliff12), "context") => {
                self.hash_context =
                    attribute(element, "context-type").as_deref() == Some("x-source-hash");
                if self.hash_context {
                    self.start_text("context", empty);
                }
            }
            (Some(_), "cp") => {
                let hex = attribute(element, "hex").unwrap_or_default();
                if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    self.push_text(&c.to_string());
                }
            }
            (Some(_), code) if CODE_ELEMENTS.contains(&code) && !empty => self.in_code += 1,
            _ => {}
        }
        Ok(())
    }

    fn new_pair(&self) -> Pair {
        Pair {
            file: self.file.clone(),
            source_lang: self.source_lang.clone(),
            target_lang: self.target_lang.clone(),
            ..Pair::default()
        }
    }

    fn start_text(&mut self, name: &str, empty: bool) {
        if empty {
            self.finish_text(name, String::new());
        } else {
            self.text = Some((name.to_string(), String::new()));
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.in_code == 0
            && let Some((_, buffer)) = &mut self.text
        {
            buffer.push_str(text);
        }
    }

    fn close(&mut self, name: String) {
        if CODE_ELEMENTS.contains(&name.as_str()) {
            self.in_code = self.in_code.saturating_sub(1);
            return;
        }
        if self.text.as_ref().is_some_and(|(open, _)| *open == name) {
            let (name, text) = self.text.take().unwrap_or_default();
            self.finish_text(&name, text);
            return;
        }
        let kind = self.kind;
        match (kind, name.as_str()) {
            (Some(Kind::Xliff12), "trans-unit") => self.pairs.extend(self.pair.take()),
            (Some(Kind::Xliff2), "segment") => {
                if let Some(pair) = self.pair.take() {
                    self.pairs.push(pair);
                    self.unit_segments += 1;
                }
            }
            (Some(Kind::Xliff2), "unit") => {
                // Unit notes come before the segments in 2.x: attach them.
                let notes = std::mem::take(&mut self.unit_notes);
                let first = self.pairs.len().saturating_sub(self.unit_segments);
                for pair in &mut self.pairs[first..] {
                    pair.notes.extend(notes.iter().cloned());
                }
                self.unit_segments = 0;
            }
            (Some(Kind::Tmx), "tu") => {
                if let Some(pair) = self.pair.take().filter(|p| p.target.is_some()) {
                    self.pairs.push(pair);
                }
            }
            _ => {}
        }
    }

    fn finish_text(&mut self, name: &str, text: String) {
        match (self.kind, name) {
            (Some(Kind::Tmx), "seg") => {
                let Some(pair) = &mut self.pair else { return };
                let lang = std::mem::take(&mut self.tuv_lang);
                if pair.source.is_empty()
                    && (lang == self.source_lang || pair.source_lang.is_empty())
                {
                    pair.source = text;
                    pair.source_lang = lang;
                } else {
                    pair.target = Some(text);
                    pair.target_lang = lang;
                }
            }
            (Some(Kind::Xliff2), "note") if self.pair.is_none() => self.unit_notes.push(text),
            (_, "source") => {
                if let Some(pair) = &mut self.pair {
                    pair.source = text;
                }
            }
            (_, "target") => {
                if let Some(pair) = &mut self.pair {
                    pair.target = Some(text);
                }
            }
            (_, "note") => {
                if let Some(pair) = &mut self.pair {
                    pair.notes.push(text);
                }
            }
            (_, "context") => {
                if let Some(pair) = &mut self.pair {
                    pair.source_hash = Some(text);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Glossary, parse_tsv};
    use crate::pipeline::Pipeline;
    use crate::xliff::{Options, write_v12, write_v21};

    fn record() -> crate::output::Record {
        let entries = parse_tsv("vi\tzh\nkế hoạch hóa gia đình\t计划生育\n").unwrap();
        let pipeline = Pipeline {
            glossary: Glossary::new(entries),
            ..Pipeline::default()
        };
        let text =
            "KẾ HOẠCH\n\nTăng cường công tác kế hoạch hóa gia đình. Dân số & <phát triển>.\n";
        pipeline.process_bytes(text.as_bytes(), "a.txt")
    }

    fn options() -> Options {
        Options {
            target: "zh-CN".into(),
            source: None,
            inline_terms: true,
            prefill_targets: false,
        }
    }

    #[test]
    fn our_own_files_read_back() {
        let record = record();
        for (written, kind) in [
            (write_v12(&record, &options()), Kind::Xliff12),
            (write_v21(&record, &options()), Kind::Xliff2),
        ] {
            let read = read(&written).unwrap();
            assert_eq!(read.kind, kind);
            let sources: Vec<&str> = read.pairs.iter().map(|p| p.source.as_str()).collect();
            assert_eq!(
                sources,
                [
                    "KẾ HOẠCH",
                    "Tăng cường công tác kế hoạch hóa gia đình.",
                    "Dân số & <phát triển>."
                ]
            );
            let pair = &read.pairs[1];
            assert_eq!(
                (pair.source_lang.as_str(), pair.target_lang.as_str()),
                ("vi", "zh-CN")
            );
            assert_eq!(pair.file, "a.txt");
            assert!(pair.source_hash.is_some());
            assert!(pair.notes.iter().any(|n| n.contains("计划生育")) || kind == Kind::Xliff2);
            assert!(!pair.is_translated());
        }
    }

    #[test]
    fn targets_states_and_tmx() {
        let xliff = r#"<xliff version="1.2"><file original="f" source-language="vi" target-language="zh">
            <body><trans-unit id="1" approved="yes"><source>Dân số</source><target state="final">人口</target></trans-unit>
            <trans-unit id="2"><source>Kế hoạch</source><target>Kế hoạch</target></trans-unit>
            <trans-unit id="3"><source>A<ph id="1">{b}</ph>B</source><target/></trans-unit></body></file></xliff>"#;
        let read = read(xliff).unwrap();
        let translated: Vec<bool> = read.pairs.iter().map(Pair::is_translated).collect();
        assert_eq!(translated, [true, false, false]);
        assert_eq!(read.pairs[2].source, "AB");
        let tmx = r#"<tmx version="1.4"><header srclang="vi"/><body>
            <tu tuid="7"><tuv xml:lang="vi"><seg>Dân số</seg></tuv><tuv xml:lang="zh-CN"><seg>人口</seg></tuv></tu></body></tmx>"#;
        let read = super::read(tmx).unwrap();
        assert_eq!(read.kind, Kind::Tmx);
        assert_eq!(read.pairs[0].target.as_deref(), Some("人口"));
        assert_eq!(read.pairs[0].target_lang, "zh-CN");
    }

    #[test]
    fn hostile_files_give_clear_errors() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<xliff version="1.2"><file><body><trans-unit id="1"><source>&lol2;</source></trans-unit></body></file></xliff>"#;
        let error = read(laughs).unwrap_err();
        assert_eq!(error.line, 3, "{error}");
        assert!(error.message.contains("&lol2;"), "{error}");
        let deep = format!("<xliff version=\"2.0\">\n{}", "<a>".repeat(100_000));
        let error = read(&deep).unwrap_err();
        assert!(error.message.contains("deeper"), "{error}");
        assert_eq!(error.line, 2);
        assert!(read("<xliff version=\"1.2\"><file><body><trans-unit").is_err());
        assert!(read("<html/>").unwrap_err().message.contains("<html>"));
        assert!(read("").is_err());
    }

    #[test]
    fn duplicate_ids_in_xliff_2() {
        assert!(
            duplicate_ids(&write_v21(&record(), &options()))
                .unwrap()
                .is_empty()
        );
        let twice = r#"<xliff version="2.1"><file id="f1"><unit id="u1"><segment id="s1"/><segment id="s1"/></unit>
            <unit id="u1"/></file></xliff>"#;
        assert_eq!(
            duplicate_ids(twice).unwrap(),
            ["<segment id=\"s1\">", "<unit id=\"u1\">"]
        );
    }
}

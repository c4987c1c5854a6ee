//! Translations back in: the pairs of XLIFF 1.2, XLIFF 2.x and TMX files,
//! for `plangloss tmx` and translation QA.
//!
//! Reading is safe on hostile files: entities are never expanded (a DTD's
//! entity declarations are ignored, so no external entity is fetched and no
//! "billion laughs" grows), elements nest at most [`MAX_DEPTH`] deep, and
//! errors name the line they were found on. [`Pairs`] reads as a stream:
//! memory holds one unit and at most [`MAX_TEXT_BYTES`] of any one text or
//! tag, whatever the file's size.

use crate::extract::xml::{attr as attribute, resolve_reference};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashSet, VecDeque};
use std::io::{BufRead, Read};

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
    /// Which `<file>` of the document holds the pair, counted from 1 (0 in
    /// TMX): unit ids are unique only within their file.
    pub file_index: usize,
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
    /// The 1-based line where its `<trans-unit>`, `<segment>` or `<tu>`
    /// starts.
    pub line: usize,
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
    /// The line the event being read starts on.
    line: usize,
    file: String,
    file_index: usize,
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
    /// The `<tuv>`s of the TMX `<tu>` being read that may be its source or
    /// target: the first in the header's `srclang`, and the first two.
    tuvs: Tuvs,
    hash_context: bool,
    /// 2.x: the unit's source hash, notes (which come before its segments)
    /// and the segments read so far, handed on when the unit ends.
    unit_hash: Option<String>,
    unit_notes: Vec<String>,
    unit_pairs: Vec<Pair>,
    /// Pairs whose unit has ended, not yet handed on.
    ready: VecDeque<Pair>,
}

/// Reads the pairs of an XLIFF 1.2, XLIFF 2.x or TMX document held in
/// memory.
pub fn read(text: &str) -> Result<Bilingual, ReadError> {
    let mut pairs = Pairs::new(text.as_bytes());
    let collected = pairs.by_ref().collect::<Result<Vec<Pair>, ReadError>>()?;
    Ok(Bilingual {
        // A document that gave no error has a root: `Pairs` checked it.
        kind: pairs.kind().unwrap_or(Kind::Xliff12),
        pairs: collected,
    })
}

/// How many of the pairs `input` holds are translated
/// ([`Pair::is_translated`]).
pub fn count_translated<R: BufRead>(input: R) -> Result<usize, ReadError> {
    let mut count = 0;
    for pair in Pairs::new(input) {
        count += usize::from(pair?.is_translated());
    }
    Ok(count)
}

/// The longest text one element may hold, and the longest single piece of
/// markup (a tag, a comment, a DTD), in bytes.
pub const MAX_TEXT_BYTES: usize = 16 << 20;

/// The pairs of an XLIFF 1.2, XLIFF 2.x or TMX document, read as a stream:
/// memory holds one unit at a time, whatever the file's size.
///
/// Yields each pair once its unit ends, in document order; after an error
/// (with the line it was found on) it yields nothing more. A document
/// whose root is neither `<xliff>` nor `<tmx>` is an error.
pub struct Pairs<R: BufRead> {
    reader: Reader<LineCounter<R>>,
    buffer: Vec<u8>,
    state: State,
    depth: usize,
    finished: bool,
}

impl<R: BufRead> Pairs<R> {
    /// Starts reading `input`.
    pub fn new(input: R) -> Self {
        Self {
            reader: Reader::from_reader(LineCounter::new(input)),
            buffer: Vec::new(),
            state: State::default(),
            depth: 0,
            finished: false,
        }
    }

    /// The document's format, once its root element has been read.
    pub fn kind(&self) -> Option<Kind> {
        self.state.kind
    }

    /// Reads one event; false at the end of the document.
    fn step(&mut self) -> Result<bool, ReadError> {
        self.buffer.clear();
        let counter = self.reader.get_mut();
        counter.start_event();
        let line = counter.line();
        let fail = |message: String| ReadError { line, message };
        let event = match self.reader.read_event_into(&mut self.buffer) {
            Ok(event) => event,
            Err(error) => {
                return Err(ReadError {
                    line: self.reader.get_ref().line(),
                    message: describe(&error),
                });
            }
        };
        let state = &mut self.state;
        state.line = line;
        match event {
            Event::Start(element) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(fail(format!(
                        "elements nest deeper than {MAX_DEPTH} levels"
                    )));
                }
                state.open(&element, false).map_err(fail)?;
            }
            Event::Empty(element) => state.open(&element, true).map_err(fail)?,
            Event::End(element) => {
                self.depth = self.depth.saturating_sub(1);
                state.close(local(element.name().as_ref()));
            }
            Event::Text(content) => state.push_text(&content.xml10_content()).map_err(fail)?,
            Event::CData(content) => state.push_text(&content.xml10_content()).map_err(fail)?,
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference).ok_or_else(|| {
                    let name: &str = reference.as_ref();
                    fail(format!(
                        "entity &{name}; is not one of XML's own: entities are not expanded"
                    ))
                })?;
                state.push_text(&resolved.to_string()).map_err(fail)?;
            }
            Event::Eof if self.depth > 0 => {
                return Err(fail(
                    "the file ends inside an element: it is truncated".into(),
                ));
            }
            Event::Eof if state.kind.is_none() => {
                return Err(ReadError {
                    line: 1,
                    message: "neither XLIFF nor TMX: no <xliff> or <tmx> root element".into(),
                });
            }
            Event::Eof => return Ok(false),
            _ => {}
        }
        Ok(true)
    }
}

impl<R: BufRead> Iterator for Pairs<R> {
    type Item = Result<Pair, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(pair) = self.state.ready.pop_front() {
                return Some(Ok(pair));
            }
            if self.finished {
                return None;
            }
            match self.step() {
                Ok(true) => {}
                Ok(false) => self.finished = true,
                Err(error) => {
                    self.finished = true;
                    self.state.ready.clear();
                    return Some(Err(error));
                }
            }
        }
    }
}

/// A parse error in words a translator can act on.
fn describe(error: &quick_xml::Error) -> String {
    match error {
        quick_xml::Error::Io(io) => io.to_string(),
        quick_xml::Error::Encoding(_) => "not UTF-8 text: save the file as UTF-8".to_string(),
        other => format!("not well-formed XML: {other}"),
    }
}

/// A reader that counts the lines it has handed on, and refuses any single
/// piece of markup or text longer than [`MAX_TEXT_BYTES`], so that the
/// parser's buffer stays bounded on hostile input.
struct LineCounter<R> {
    inner: R,
    /// Line breaks consumed so far.
    newlines: usize,
    /// Bytes consumed since the current event began.
    in_event: usize,
}

impl<R: BufRead> LineCounter<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            newlines: 0,
            in_event: 0,
        }
    }

    /// The 1-based line of the next byte.
    fn line(&self) -> usize {
        self.newlines + 1
    }

    fn start_event(&mut self) {
        self.in_event = 0;
    }
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.in_event > MAX_TEXT_BYTES {
            return Err(std::io::Error::other(format!(
                "a single tag or text runs longer than {} MiB",
                MAX_TEXT_BYTES >> 20
            )));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // `fill_buf` on bytes not yet consumed hands back the same bytes
        // without reading, so this sees exactly what is consumed.
        if let Ok(available) = self.inner.fill_buf() {
            let amount = amount.min(available.len());
            self.newlines += available[..amount].iter().filter(|&&b| b == b'\n').count();
        }
        self.in_event += amount;
        self.inner.consume(amount);
    }
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

/// The variants of a TMX unit that can be its source and target. The
/// source is the first in the header's `srclang` (the first of all when it
/// is `*all*` or missing, or none is in it); the target is the first other
/// one. Three at most are kept, whatever the number of languages.
#[derive(Default)]
struct Tuvs {
    seen: usize,
    in_source_language: Option<(usize, String, String)>,
    first_two: Vec<(usize, String, String)>,
}

impl Tuvs {
    fn push(&mut self, lang: String, text: String, is_source: bool) {
        let index = self.seen;
        self.seen += 1;
        if is_source && self.in_source_language.is_none() {
            self.in_source_language = Some((index, lang.clone(), text.clone()));
        }
        if self.first_two.len() < 2 {
            self.first_two.push((index, lang, text));
        }
    }

    /// The (language, text) of the source and of the target.
    fn pair(self) -> Option<((String, String), (String, String))> {
        let source = self
            .in_source_language
            .or_else(|| self.first_two.first().cloned())?;
        let (_, target_lang, target) = self
            .first_two
            .into_iter()
            .find(|(index, _, _)| *index != source.0)?;
        Some(((source.1, source.2), (target_lang, target)))
    }
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
                self.file_index += 1;
                self.file = attribute(element, "original").unwrap_or_default();
                self.source_lang = attribute(element, "source-language").unwrap_or_default();
                self.target_lang = attribute(element, "target-language").unwrap_or_default();
            }
            (Some(Kind::Xliff2), "file") => {
                self.file_index += 1;
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
                self.unit_pairs.clear();
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
                self.tuvs = Tuvs::default();
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
                    self.push_text(&c.to_string())?;
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
            file_index: self.file_index,
            source_lang: self.source_lang.clone(),
            target_lang: self.target_lang.clone(),
            line: self.line,
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

    fn push_text(&mut self, text: &str) -> Result<(), String> {
        if self.in_code == 0
            && let Some((name, buffer)) = &mut self.text
        {
            if buffer.len() + text.len() > MAX_TEXT_BYTES {
                return Err(format!(
                    "a <{name}> holds more than {} MiB of text",
                    MAX_TEXT_BYTES >> 20
                ));
            }
            buffer.push_str(text);
        }
        Ok(())
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
            (Some(Kind::Xliff12), "trans-unit") => self.ready.extend(self.pair.take()),
            (Some(Kind::Xliff2), "segment") => self.unit_pairs.extend(self.pair.take()),
            (Some(Kind::Xliff2), "unit") => {
                // The unit's notes apply to each of its segments.
                let notes = std::mem::take(&mut self.unit_notes);
                for mut pair in self.unit_pairs.drain(..) {
                    pair.notes.extend(notes.iter().cloned());
                    self.ready.push_back(pair);
                }
            }
            (Some(Kind::Tmx), "tu") => {
                let tuvs = std::mem::take(&mut self.tuvs);
                if let Some(mut pair) = self.pair.take()
                    && let Some(((source_lang, source), (target_lang, target))) = tuvs.pair()
                {
                    (pair.source_lang, pair.source) = (source_lang, source);
                    (pair.target_lang, pair.target) = (target_lang, Some(target));
                    self.ready.push_back(pair);
                }
            }
            _ => {}
        }
    }

    fn finish_text(&mut self, name: &str, text: String) {
        match (self.kind, name) {
            (Some(Kind::Tmx), "seg") if self.pair.is_some() => {
                let lang = std::mem::take(&mut self.tuv_lang);
                let is_source = lang.eq_ignore_ascii_case(&self.source_lang)
                    || matches!(self.source_lang.as_str(), "" | "*all*");
                self.tuvs.push(lang, text, is_source);
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
        // `*all*`: the first variant is the source; a named srclang picks
        // its variant wherever it stands; a unit of one variant is no pair.
        let tmx = r#"<tmx version="1.4"><header srclang="*all*"/><body>
            <tu><tuv xml:lang="zh-CN"><seg>人口</seg></tuv><tuv xml:lang="vi"><seg>Dân số</seg></tuv></tu>
            <tu><tuv xml:lang="vi"><seg></seg></tuv><tuv xml:lang="vi"><seg>Trống</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>alone</seg></tuv></tu></body></tmx>"#;
        let read = super::read(tmx).unwrap();
        let pairs: Vec<_> = read
            .pairs
            .iter()
            .map(|p| {
                (
                    p.source_lang.as_str(),
                    p.source.as_str(),
                    p.target.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            [("zh-CN", "人口", Some("Dân số")), ("vi", "", Some("Trống"))]
        );
        let tmx = r#"<tmx version="1.4"><header srclang="VI"/><body>
            <tu><tuv xml:lang="en"><seg>population</seg></tuv><tuv xml:lang="zh"><seg>人口</seg></tuv>
            <tuv xml:lang="vi"><seg>Dân số</seg></tuv></tu></body></tmx>"#;
        let pair = &super::read(tmx).unwrap().pairs[0];
        assert_eq!(
            (pair.source.as_str(), pair.target.as_deref()),
            ("Dân số", Some("population"))
        );
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

    /// An endless-looking XLIFF made on the fly: `units` trans-units after
    /// a header, never held in memory as a whole.
    struct Generated {
        units: usize,
        made: usize,
        chunk: Vec<u8>,
        at: usize,
    }

    impl Read for Generated {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.at == self.chunk.len() {
                self.chunk.clear();
                self.at = 0;
                if self.made == 0 {
                    self.chunk.extend_from_slice(
                        b"<xliff version=\"1.2\"><file original=\"big\" source-language=\"vi\" target-language=\"zh\"><body>\n",
                    );
                }
                if self.made < self.units {
                    let unit = format!(
                        "<trans-unit id=\"{0}\"><source>D\u{e2}n s\u{1ed1} {0}</source><target>\u{4eba}\u{53e3} {0}</target></trans-unit>\n",
                        self.made
                    );
                    self.chunk.extend_from_slice(unit.as_bytes());
                } else if self.made == self.units {
                    self.chunk.extend_from_slice(b"</body></file></xliff>\n");
                }
                self.made += 1;
            }
            let n = (self.chunk.len() - self.at).min(out.len());
            out[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn streams_pair_by_pair() {
        let units = 50_000;
        let input = std::io::BufReader::with_capacity(
            64,
            Generated {
                units,
                made: 0,
                chunk: Vec::new(),
                at: 0,
            },
        );
        let mut pairs = Pairs::new(input);
        let mut count = 0;
        for (i, pair) in pairs.by_ref().enumerate() {
            let pair = pair.unwrap();
            assert_eq!(pair.id, i.to_string());
            assert_eq!(pair.line, i + 2);
            assert_eq!(pair.target.unwrap(), format!("人口 {i}"));
            count += 1;
        }
        assert_eq!(count, units);
        assert_eq!(pairs.kind(), Some(Kind::Xliff12));
        // The parser's buffer never grew past a unit's size.
        assert!(
            pairs.buffer.capacity() < 1024,
            "{}",
            pairs.buffer.capacity()
        );
    }

    #[test]
    fn line_numbers_hold_across_small_buffers() {
        let text = "<xliff version=\"1.2\">\n<file>\n<body>\n\n<trans-unit id=\"1\">\n<source>a</source>\n</trans-unit>\n<trans-unit id=\"2\"><source>&nbsp;</source>\n</trans-unit></body></file></xliff>";
        for capacity in [1, 3, 7, 4096] {
            let mut pairs =
                Pairs::new(std::io::BufReader::with_capacity(capacity, text.as_bytes()));
            assert_eq!(pairs.next().unwrap().unwrap().source, "a");
            let error = pairs.next().unwrap().unwrap_err();
            assert_eq!(error.line, 8, "capacity {capacity}: {error}");
            assert!(error.message.contains("&nbsp;"), "{error}");
            assert!(pairs.next().is_none());
        }
        let mismatched = "<tmx version=\"1.4\">\n<body>\n\n</tmx>";
        assert_eq!(read(mismatched).unwrap_err().line, 4);
    }

    #[test]
    fn oversized_texts_and_other_encodings_are_refused() {
        let long = format!(
            "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>{}</source></trans-unit></body></file></xliff>",
            "a".repeat(MAX_TEXT_BYTES + 10)
        );
        let error = read(&long).unwrap_err();
        assert!(error.message.contains("16 MiB"), "{error}");
        // Pieces each within the limit, adding up to too much in one element.
        let pieces = format!(
            "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>{}</source></trans-unit></body></file></xliff>",
            format!("{}&amp;", "a".repeat(1 << 20)).repeat(17)
        );
        let error = read(&pieces).unwrap_err();
        assert!(
            error.message.contains("<source> holds more than"),
            "{error}"
        );
        let latin1 = b"<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>D\xe2n</source></trans-unit></body></file></xliff>";
        let error = Pairs::new(&latin1[..]).next().unwrap().unwrap_err();
        assert!(error.message.contains("UTF-8"), "{error}");
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

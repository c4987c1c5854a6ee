//! Reads the token stream of one RTF document: keeps the group stack, routes
//! text to its destination ([`destinations`] decides which), reads the font
//! table, style sheet and `\info` ([`header`]), and hands paragraphs, cells
//! and stories to [`Stories`].

use super::fonts::{self, FontTable, is_legacy_vietnamese_name};
use super::info::{DateParts, InfoField};
use super::state::{Close, Dest, Group, ParagraphProps};
use super::story::{Context, NoteFormat, Output, Stories, StoryKind};
use super::tokenizer::{Token, Tokenizer};
use crate::budget::RecordBudget;
use crate::legacy::LegacyDecoder;
use crate::model::{DocError, Limits};
use crate::normalize::NOTE_ANCHOR;
use destinations::KNOWN_STARRED;
use header::{FontEntry, StyleEntry};
use std::collections::{BTreeMap, HashMap};

mod destinations;
mod header;

/// Longest field code kept; only its first word matters.
const MAX_FIELD_CODE: usize = 256;
/// Largest `\ucN` followed.
const MAX_UNICODE_SKIP: i32 = 1000;

/// An open `\field`: its code so far.
struct Field {
    code: String,
}

impl Field {
    /// Page numbers are layout, not text, and differ on every page.
    fn is_page_number(&self) -> bool {
        crate::extract::is_page_number_field(&self.code)
    }
}

/// What reading a document gives.
pub struct Document {
    pub output: Output,
    pub meta: BTreeMap<String, String>,
    pub tracked_changes: bool,
}

/// The reader of one document.
pub struct Reader<'a> {
    limits: &'a Limits,
    /// Open groups, innermost last; `finished` once the outermost closed.
    groups: Vec<Group>,
    /// The state the document's group starts from.
    outside: Group,
    finished: bool,
    fonts: FontTable,
    default_font: Option<i32>,
    headings: HashMap<i32, u32>,
    font_entry: Option<FontEntry>,
    style_entry: Option<StyleEntry>,
    fields: Vec<Field>,
    info: InfoField,
    date: DateParts,
    stories: Stories,
    decoder: LegacyDecoder,
    meta: BTreeMap<String, String>,
    tracked_changes: bool,
    /// Bytes not yet decoded, all in the current group's font: a double-byte
    /// character may be split over two `\'hh`.
    pending: Vec<u8>,
    /// Fallback chars of the last `\uN` still to skip.
    skip: u32,
    /// The first half of a UTF-16 surrogate pair given by `\uN`.
    high_surrogate: Option<u32>,
    /// Bytes of text kept so far, against `limits.max_inflated_bytes`.
    text_bytes: u64,
    /// The record's memory: each paragraph, cell or row end is charged as a
    /// block, so that millions of `\par`s stop early.
    budget: RecordBudget,
}

impl<'a> Reader<'a> {
    /// A reader within `limits`.
    pub fn new(limits: &'a Limits) -> Self {
        Reader {
            limits,
            groups: Vec::new(),
            outside: Group::root(),
            finished: false,
            fonts: FontTable::default(),
            default_font: None,
            headings: HashMap::new(),
            font_entry: None,
            style_entry: None,
            fields: Vec::new(),
            info: InfoField::default(),
            date: DateParts::default(),
            stories: Stories::new(),
            decoder: LegacyDecoder::new(),
            meta: BTreeMap::new(),
            tracked_changes: false,
            pending: Vec::new(),
            skip: 0,
            high_surrogate: None,
            text_bytes: 0,
            budget: RecordBudget::new(limits),
        }
    }

    /// Reads a whole document. A file cut short is read as far as it goes.
    pub fn read(mut self, bytes: &[u8]) -> Result<Document, DocError> {
        for token in Tokenizer::new(bytes) {
            if self.finished {
                break;
            }
            self.token(token?)?;
        }
        self.flush_pending()?;
        while !self.groups.is_empty() {
            self.end_group()?;
        }
        let props = ParagraphProps::default();
        let mut cx = Context {
            fonts: &self.fonts,
            decoder: &mut self.decoder,
            headings: &self.headings,
        };
        let output = self.stories.finish(&props, &mut cx);
        self.decoder.report(&mut self.meta);
        Ok(Document {
            output,
            meta: self.meta,
            tracked_changes: self.tracked_changes,
        })
    }

    /// The innermost group's state (the state outside all groups when none
    /// is open).
    fn top(&self) -> &Group {
        self.groups.last().unwrap_or(&self.outside)
    }

    fn top_mut(&mut self) -> Option<&mut Group> {
        self.groups.last_mut()
    }

    fn token(&mut self, token: Token<'_>) -> Result<(), DocError> {
        if self.groups.is_empty() && token != Token::GroupStart {
            // Nothing counts before the document's group opens.
            return Ok(());
        }
        match token {
            Token::Text(bytes) => {
                let skipped = bytes.len().min(self.skip as usize);
                self.skip -= skipped as u32;
                self.bytes(&bytes[skipped..])
            }
            Token::Byte(byte) => {
                if self.skip > 0 {
                    self.skip -= 1;
                    return Ok(());
                }
                self.bytes(&[byte])
            }
            _ => {
                self.flush_pending()?;
                match token {
                    Token::GroupStart => self.start_group(),
                    Token::GroupEnd => self.end_group(),
                    Token::Word { name, param } => self.counted(|r| r.word(name, param)),
                    Token::Symbol(symbol) => self.counted(|r| r.symbol(symbol)),
                    _ => self.counted(|_| Ok(())),
                }
            }
        }
    }

    /// Runs `f` for a token that is one char of document flow, unless it is
    /// the fallback of a `\uN` being skipped.
    fn counted(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<(), DocError>,
    ) -> Result<(), DocError> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        f(self)
    }

    fn start_group(&mut self) -> Result<(), DocError> {
        self.skip = 0;
        if self.groups.len() >= self.limits.max_depth {
            return Err(DocError::corrupt(format!(
                "RTF groups nest deeper than {}",
                self.limits.max_depth
            )));
        }
        let mut group = self.top().child();
        if group.dest == Dest::StyleSheet && self.style_entry.is_none() {
            self.style_entry = Some(StyleEntry::default());
            group.close = Some(Close::StyleEntry);
        }
        self.groups.push(group);
        Ok(())
    }

    fn end_group(&mut self) -> Result<(), DocError> {
        self.skip = 0;
        let Some(group) = self.groups.pop() else {
            return Ok(());
        };
        if self.groups.is_empty() {
            self.finished = true;
        }
        match group.close {
            Some(Close::Story) => {
                let mut cx = Context {
                    fonts: &self.fonts,
                    decoder: &mut self.decoder,
                    headings: &self.headings,
                };
                self.stories.close(&group.paragraph, &mut cx);
            }
            Some(Close::Field) => {
                self.fields.pop();
            }
            Some(Close::FontTable) => self.end_font_entry(),
            Some(Close::StyleSheet | Close::StyleEntry) => self.end_style_entry(),
            Some(Close::InfoText(key)) => {
                let text = self.info.take();
                let text = self.decoder.decode_text(&text);
                let text = text.trim();
                if !text.is_empty() {
                    self.meta.insert(key.to_string(), text.to_string());
                }
            }
            Some(Close::InfoDate(key)) => {
                if let Some(date) = std::mem::take(&mut self.date).to_iso() {
                    self.meta.insert(key.to_string(), date);
                }
            }
            None => {}
        }
        Ok(())
    }

    /// Text bytes of the current group.
    fn bytes(&mut self, bytes: &[u8]) -> Result<(), DocError> {
        match self.top().dest {
            Dest::FontTable => self.font_name_bytes(bytes),
            Dest::StyleSheet => self.style_name_bytes(bytes),
            Dest::Text | Dest::Label | Dest::InfoText(_) | Dest::FieldCode => {
                self.pending.extend_from_slice(bytes);
            }
            Dest::Skip
            | Dest::Info
            | Dest::InfoDate(_)
            | Dest::Shape
            | Dest::Upr
            | Dest::NestedRow => {}
        }
        Ok(())
    }

    /// Decodes the pending bytes in the current font and emits them.
    fn flush_pending(&mut self) -> Result<(), DocError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let font = self.top().font;
        let reading = self.fonts.reading(font);
        let name = font.and_then(|n| self.fonts.name(n)).unwrap_or_default();
        let mut text = String::new();
        fonts::decode_into(&self.pending, reading, name, &mut text);
        self.pending.clear();
        self.emit(&text)
    }

    /// Emits decoded text to the current group's destination.
    fn emit(&mut self, text: &str) -> Result<(), DocError> {
        if text.is_empty() {
            return Ok(());
        }
        let group = self.top();
        let font = group.font;
        match group.dest {
            Dest::Text if group.shows_text() => {
                let shifted = group
                    .superscript
                    .and_then(|up| crate::symbols::shifted(text, up));
                let text = shifted.as_deref().unwrap_or(text);
                self.count(text)?;
                // Our note anchor must not come from the document itself.
                let text = text.replace(NOTE_ANCHOR, "");
                self.stories.push_text(&text, font);
            }
            Dest::Label if group.shows_text() => {
                self.count(text)?;
                self.stories.push_label(text, font);
            }
            Dest::InfoText(_) => {
                self.count(text)?;
                self.info.push(text);
            }
            Dest::FieldCode => {
                if let Some(field) = self.fields.last_mut()
                    && field.code.len() < MAX_FIELD_CODE
                {
                    field.code.push_str(text);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Counts kept text against the limit.
    fn count(&mut self, text: &str) -> Result<(), DocError> {
        self.text_bytes = self.text_bytes.saturating_add(text.len() as u64);
        if self.text_bytes > self.limits.max_inflated_bytes {
            return Err(DocError::too_large(format!(
                "RTF text exceeds {} bytes",
                self.limits.max_inflated_bytes
            )));
        }
        Ok(())
    }

    fn symbol(&mut self, symbol: u8) -> Result<(), DocError> {
        if symbol == b'*' {
            if let Some(group) = self.top_mut().filter(|g| g.fresh) {
                group.starred = true;
            }
            return Ok(());
        }
        if let Some(group) = self.top_mut() {
            group.fresh = false;
        }
        match symbol {
            b'~' => self.emit("\u{A0}"),
            b'_' => self.emit("-"),
            // An optional hyphen: invisible, but in a TCVN3 font the same
            // byte is the letter ư, which some writers escape this way.
            b'-' if self.in_legacy_font() => self.emit("\u{AD}"),
            b'{' | b'}' | b'\\' => self.bytes(&[symbol]),
            _ => Ok(()),
        }
    }

    fn in_legacy_font(&self) -> bool {
        self.top()
            .font
            .and_then(|n| self.fonts.name(n))
            .is_some_and(is_legacy_vietnamese_name)
    }

    fn word(&mut self, name: &str, param: Option<i32>) -> Result<(), DocError> {
        let Some(group) = self.groups.last_mut() else {
            return Ok(());
        };
        let first = std::mem::replace(&mut group.fresh, false);
        if first && group.starred && !KNOWN_STARRED.contains(&name) {
            group.dest = Dest::Skip;
            return Ok(());
        }
        if name == "upr" {
            // An ANSI copy and a Unicode one of the same destination: the
            // Unicode one is read, wherever the pair stands.
            if group.dest != Dest::Skip {
                group.dest = Dest::Upr;
            }
            return Ok(());
        }
        match self.top().dest {
            Dest::Skip => Ok(()),
            Dest::FontTable => {
                self.font_table_word(name, param);
                Ok(())
            }
            Dest::StyleSheet => {
                self.style_word(name, param);
                Ok(())
            }
            Dest::NestedRow => {
                if name == "nestrow" {
                    let props = self.top().paragraph;
                    self.stories.end_row(&props, true);
                }
                Ok(())
            }
            Dest::Shape => {
                if name == "shptxt" {
                    self.open_story(StoryKind::TextBox);
                }
                Ok(())
            }
            Dest::Upr => {
                if name == "ud" {
                    self.read_unicode_copy();
                }
                Ok(())
            }
            Dest::Info => {
                self.info_word(name, param);
                Ok(())
            }
            Dest::InfoDate(_) => {
                self.date.set(name, param);
                Ok(())
            }
            Dest::Text | Dest::Label | Dest::InfoText(_) | Dest::FieldCode => {
                if self.destination_word(name) || self.formatting_word(name, param) {
                    return Ok(());
                }
                self.content_word(name, param)
            }
        }
    }

    /// Character, paragraph and document formatting that reading needs;
    /// true when `name` is such a word.
    fn formatting_word(&mut self, name: &str, param: Option<i32>) -> bool {
        let on = param != Some(0);
        let default_font = self.default_font;
        let Some(group) = self.groups.last_mut() else {
            return false;
        };
        let props = &mut group.paragraph;
        match name {
            "f" => group.font = param,
            "plain" => {
                group.font = default_font;
                group.hidden = false;
                group.deleted = false;
                group.superscript = None;
            }
            "super" => group.superscript = Some(true),
            "sub" => group.superscript = Some(false),
            "nosupersub" => group.superscript = None,
            "v" => group.hidden = on,
            "deleted" => {
                group.deleted = on;
                self.tracked_changes = true;
            }
            "revised" => self.tracked_changes = true,
            "uc" => group.unicode_skip = param.unwrap_or(1).clamp(0, MAX_UNICODE_SKIP) as u32,
            "pard" => *props = ParagraphProps::default(),
            "s" => props.style = param,
            "outlinelevel" => props.outline = param,
            "intbl" => props.in_table = on,
            "itap" => props.table_depth = param.unwrap_or(1),
            "ilvl" => props.list_level = param,
            "deff" => {
                self.default_font = param;
                if group.font.is_none() {
                    group.font = param;
                }
            }
            "ansicpg" => {
                self.fonts.ansi = param
                    .and_then(|cp| crate::encoding::code_page_encoding(u32::try_from(cp).ok()?))
                    .unwrap_or(encoding_rs::WINDOWS_1252);
            }
            "mac" => self.fonts.ansi = encoding_rs::MACINTOSH,
            "ftnalt" => self.stories.mark_endnote(),
            "ftnstart" => self.stories.footnotes.start = param.unwrap_or(1).max(0) as u32,
            "aftnstart" => self.stories.endnotes.start = param.unwrap_or(1).max(0) as u32,
            _ => {
                if let Some(format) = note_format(name, "ftnn") {
                    self.stories.footnotes.format = format;
                } else if let Some(format) = note_format(name, "aftnn") {
                    self.stories.endnotes.format = format;
                } else {
                    return false;
                }
            }
        }
        true
    }

    /// Words that are text or structure.
    fn content_word(&mut self, name: &str, param: Option<i32>) -> Result<(), DocError> {
        let text = match name {
            "par" | "sect" | "page" => return self.structure(|s, p, cx| s.end_paragraph(p, cx)),
            "cell" => return self.structure(|s, p, cx| s.end_cell(p, false, cx)),
            "nestcell" => return self.structure(|s, p, cx| s.end_cell(p, true, cx)),
            "row" => return self.structure(|s, p, _| s.end_row(p, false)),
            "u" => return self.unicode(param.unwrap_or(0)),
            "line" => "\n",
            "tab" => "\t",
            "emdash" => "—",
            "endash" => "–",
            "emspace" => "\u{2003}",
            "enspace" => "\u{2002}",
            "qmspace" => "\u{2005}",
            "bullet" => "•",
            "lquote" => "‘",
            "rquote" => "’",
            "ldblquote" => "“",
            "rdblquote" => "”",
            _ => return Ok(()),
        };
        self.emit(text)
    }

    /// A paragraph, cell or row end, in body text only.
    fn structure(
        &mut self,
        f: impl FnOnce(&mut Stories, &ParagraphProps, &mut Context<'_>),
    ) -> Result<(), DocError> {
        if self.top().dest != Dest::Text {
            return Ok(());
        }
        self.budget.charge_blocks(1)?;
        let props = self.top().paragraph;
        let mut cx = Context {
            fonts: &self.fonts,
            decoder: &mut self.decoder,
            headings: &self.headings,
        };
        f(&mut self.stories, &props, &mut cx);
        Ok(())
    }

    /// `\uN`: a UTF-16 code unit (negative N counts from 65536), then the
    /// group's `\ucN` fallback chars to skip.
    fn unicode(&mut self, param: i32) -> Result<(), DocError> {
        let unit = if param < 0 {
            param.saturating_add(65536)
        } else {
            param
        };
        let unit = u32::try_from(unit).unwrap_or(0xFFFD);
        let c = match (self.high_surrogate.take(), unit) {
            (_, 0xD800..=0xDBFF) => {
                self.high_surrogate = Some(unit);
                None
            }
            (Some(high), 0xDC00..=0xDFFF) => {
                char::from_u32(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))
            }
            (_, 0xDC00..=0xDFFF) => Some('\u{FFFD}'),
            _ => char::from_u32(unit),
        };
        if let Some(c) = c {
            let font = self.top().font;
            let c = if self.fonts.is_symbol(font) && (0xF020..=0xF0FF).contains(&unit) {
                let name = font.and_then(|n| self.fonts.name(n)).unwrap_or_default();
                crate::symbols::to_unicode(name, unit)
            } else {
                Some(c)
            };
            if let Some(c) = c {
                self.emit(c.encode_utf8(&mut [0; 4]))?;
            }
        }
        self.skip = self.top().unicode_skip;
        Ok(())
    }
}

/// A note numbering format word (`\ftnnrlc` with prefix `ftnn`).
fn note_format(word: &str, prefix: &str) -> Option<NoteFormat> {
    Some(match word.strip_prefix(prefix)? {
        "ar" => NoteFormat::Decimal,
        "alc" => NoteFormat::LowerAlpha,
        "auc" => NoteFormat::UpperAlpha,
        "rlc" => NoteFormat::LowerRoman,
        "ruc" => NoteFormat::UpperRoman,
        _ => return None,
    })
}

//! SRX 2.0 rule files: parsing, and the rules each language gets.
//!
//! What is read: `<header cascade>`, each `<languagerule>` with its `<rule
//! break>` `<beforebreak>` `<afterbreak>`, and `<maprules>` mapping language
//! patterns to language rules. Formatting handles do not apply to plain text
//! and are ignored. Patterns are compiled by the `regex` crate, so they are
//! Rust regex syntax: Java/ICU syntax without look-around and
//! back-references.

use crate::extract::xml::{attr, resolve_reference};
use quick_xml::Reader;
use quick_xml::events::Event;
use regex::Regex;
use std::collections::HashMap;

/// One segmentation rule: a break (or an exception, `breaks == false`) at
/// every position where `before` matches text ending there and `after`
/// matches text starting there.
#[derive(Debug, Clone)]
pub struct Rule {
    pub breaks: bool,
    pub before: Regex,
    /// Anchored at the position; `None` matches anywhere.
    pub after: Option<Regex>,
}

impl Rule {
    /// The `beforebreak` pattern as written.
    pub fn before_pattern(&self) -> &str {
        self.before.as_str()
    }

    /// The `afterbreak` pattern as written (empty when there is none).
    pub fn after_pattern(&self) -> &str {
        self.after.as_ref().map_or("", |after| {
            let anchored = after.as_str();
            anchored
                .strip_prefix("^(?:")
                .and_then(|p| p.strip_suffix(')'))
                .unwrap_or(anchored)
        })
    }
}

/// A parsed SRX file.
#[derive(Debug, Clone)]
pub struct SrxFile {
    /// Every matching map applies when `cascade`; else only the first.
    cascade: bool,
    language_rules: HashMap<String, Vec<Rule>>,
    /// (language pattern, anchored to the whole code; language rule name).
    maps: Vec<(Regex, String)>,
}

/// A rule file that cannot be used, with the reason (and where).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SrxError(pub String);

impl std::fmt::Display for SrxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SrxError {}

impl SrxFile {
    /// Parses and compiles an SRX document; `name` is used in errors.
    pub fn parse(xml: &str, name: &str) -> Result<Self, SrxError> {
        let fail = |message: String| SrxError(format!("{name}: {message}"));
        let mut reader = Reader::from_str(xml);
        let mut file = SrxFile {
            cascade: false,
            language_rules: HashMap::new(),
            maps: Vec::new(),
        };
        let mut current: Option<(String, Vec<Rule>)> = None;
        let mut rule: Option<RawRule> = None;
        let mut text_of: Option<Part> = None;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| fail(format!("not well-formed XML: {e}")))?;
            let (element, is_empty) = match &event {
                Event::Start(e) => (Some(e), false),
                Event::Empty(e) => (Some(e), true),
                _ => (None, false),
            };
            if let Some(e) = element {
                let local_name = e.local_name();
                let tag: &str = local_name.into_inner();
                let required =
                    |key: &str| attr(e, key).ok_or_else(|| fail(format!("a {} has no {key}", tag)));
                match tag {
                    "header" => file.cascade = attr(e, "cascade").as_deref() == Some("yes"),
                    "languagerule" => current = Some((required("languagerulename")?, Vec::new())),
                    "rule" => {
                        rule = Some(RawRule {
                            breaks: attr(e, "break").as_deref() != Some("no"),
                            ..RawRule::default()
                        })
                    }
                    "beforebreak" if !is_empty => text_of = Some(Part::Before),
                    "afterbreak" if !is_empty => text_of = Some(Part::After),
                    "languagemap" => {
                        let pattern = required("languagepattern")?;
                        let regex = Regex::new(&format!("^(?:{pattern})$"))
                            .map_err(|e| fail(format!("bad languagepattern {pattern:?}: {e}")))?;
                        file.maps.push((regex, required("languagerulename")?));
                    }
                    _ => {}
                }
                // A <rule/> with no patterns is an error like an empty one.
                if is_empty && tag == "rule" {
                    return Err(fail("a rule has no beforebreak and no afterbreak".into()));
                }
                continue;
            }
            match event {
                Event::Text(t) => {
                    if let (Some(part), Some(rule)) = (text_of, rule.as_mut()) {
                        part.of(rule).push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if let (Some(part), Some(rule), Some(c)) =
                        (text_of, rule.as_mut(), resolve_reference(&r))
                    {
                        part.of(rule).push(c);
                    }
                }
                Event::CData(t) => {
                    if let (Some(part), Some(rule)) = (text_of, rule.as_mut()) {
                        part.of(rule).push_str(&t.xml10_content());
                    }
                }
                Event::End(e) => match e.local_name().into_inner() {
                    "beforebreak" | "afterbreak" => text_of = None,
                    "rule" => {
                        let raw = rule.take().ok_or_else(|| fail("a stray </rule>".into()))?;
                        let (language, rules) = current
                            .as_mut()
                            .ok_or_else(|| fail("a rule outside any languagerule".into()))?;
                        let number = rules.len() + 1;
                        rules.push(raw.compile().map_err(|e| {
                            fail(format!("languagerule {language:?}, rule {number}: {e}"))
                        })?);
                    }
                    "languagerule" => {
                        if let Some((language, rules)) = current.take() {
                            file.language_rules.insert(language, rules);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        if let Some((_, target)) = file
            .maps
            .iter()
            .find(|(_, target)| !file.language_rules.contains_key(target))
        {
            return Err(fail(format!(
                "a languagemap names {target:?}, which no languagerule defines"
            )));
        }
        Ok(file)
    }

    /// Whether every matching language map applies (`cascade="yes"`).
    pub fn cascades(&self) -> bool {
        self.cascade
    }

    /// The language maps in order: the language pattern as written, the
    /// language rule's name and its rules.
    pub fn maps(&self) -> impl Iterator<Item = (&str, &str, &[Rule])> {
        self.maps.iter().map(|(pattern, name)| {
            let anchored = pattern.as_str();
            let written = anchored
                .strip_prefix("^(?:")
                .and_then(|p| p.strip_suffix(")$"))
                .unwrap_or(anchored);
            (written, name.as_str(), self.language_rules[name].as_slice())
        })
    }

    /// The rules this file gives a block in language `code` (`vi`, `zh`,
    /// `en`, `und`), in order.
    pub fn rules_for(&self, code: &str) -> impl Iterator<Item = &Rule> {
        let take = if self.cascade { usize::MAX } else { 1 };
        self.maps
            .iter()
            .filter(move |(pattern, _)| pattern.is_match(code))
            .take(take)
            .flat_map(|(_, name)| self.language_rules[name].iter())
    }
}

#[derive(Debug, Clone, Copy)]
enum Part {
    Before,
    After,
}

impl Part {
    fn of(self, rule: &mut RawRule) -> &mut String {
        match self {
            Part::Before => &mut rule.before,
            Part::After => &mut rule.after,
        }
    }
}

#[derive(Default)]
struct RawRule {
    breaks: bool,
    before: String,
    after: String,
}

impl RawRule {
    fn compile(self) -> Result<Rule, String> {
        if self.before.is_empty() && self.after.is_empty() {
            return Err("both beforebreak and afterbreak are empty".into());
        }
        // An empty beforebreak matches at every position.
        let before = Regex::new(&self.before).map_err(|e| format!("bad beforebreak: {e}"))?;
        let after = if self.after.is_empty() {
            None
        } else {
            Some(
                Regex::new(&format!("^(?:{})", self.after))
                    .map_err(|e| format!("bad afterbreak: {e}"))?,
            )
        };
        Ok(Rule {
            breaks: self.breaks,
            before,
            after,
        })
    }
}

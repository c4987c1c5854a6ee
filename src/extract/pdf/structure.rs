//! The structure tree of a tagged PDF (Word, Chromium and LibreOffice with
//! tagging on write one): which marked content is a heading, and at what
//! level. Where a file has it, headings come from here instead of being
//! guessed from font sizes.
//!
//! The tree is walked from the catalog's `/StructTreeRoot`; each structure
//! element's type (`/S`, through `/RoleMap` for custom names) applies to the
//! marked content (MCIDs) it holds directly or through its descendants.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};

/// Most structure elements visited, so a hostile tree stays cheap.
const MAX_ELEMENTS: usize = 200_000;

/// Heading levels by marked content, for one document.
#[derive(Debug, Default)]
pub struct Structure {
    /// The tree links any marked content at all.
    pub tagged: bool,
    /// (page, MCID) → heading level 1–6.
    headings: HashMap<(ObjectId, i64), u8>,
}

impl Structure {
    /// Reads the structure tree; an untagged or unreadable one gives an
    /// empty structure. Recursion stops at `max_depth` levels.
    pub fn read(doc: &Document, max_depth: usize) -> Structure {
        let mut walk = Walk {
            doc,
            role_map: None,
            visited: HashSet::new(),
            out: Structure::default(),
            max_depth,
        };
        let root = doc
            .catalog()
            .ok()
            .and_then(|c| c.get_deref(b"StructTreeRoot", doc).ok())
            .and_then(|r| r.as_dict().ok());
        if let Some(root) = root {
            walk.role_map = root
                .get_deref(b"RoleMap", doc)
                .and_then(Object::as_dict)
                .ok();
            if let Ok(kids) = root.get(b"K") {
                walk.kids(kids, 0, None, 0);
            }
        }
        walk.out
    }

    /// The heading level of the content marked `mcid` on `page`, 0 if it
    /// is not a heading.
    pub fn heading(&self, page: ObjectId, mcid: Option<i64>) -> u8 {
        mcid.and_then(|m| self.headings.get(&(page, m)).copied())
            .unwrap_or(0)
    }
}

struct Walk<'a> {
    doc: &'a Document,
    role_map: Option<&'a Dictionary>,
    visited: HashSet<ObjectId>,
    out: Structure,
    max_depth: usize,
}

impl<'a> Walk<'a> {
    /// Visits `kids` (a `/K` value) of an element whose heading level is
    /// `level` (0 = none), on page `page`.
    fn kids(&mut self, kids: &'a Object, level: u8, page: Option<ObjectId>, depth: usize) {
        if depth > self.max_depth || self.visited.len() > MAX_ELEMENTS {
            return;
        }
        match kids {
            Object::Integer(mcid) => self.mark(page, *mcid, level),
            Object::Array(items) => {
                for item in items {
                    self.kids(item, level, page, depth + 1);
                }
            }
            Object::Reference(id) => {
                if self.visited.insert(*id)
                    && let Ok(object) = self.doc.get_object(*id)
                {
                    self.kids(object, level, page, depth + 1);
                }
            }
            Object::Dictionary(dict) => self.node(dict, level, page, depth),
            _ => {}
        }
    }

    fn node(&mut self, dict: &'a Dictionary, level: u8, page: Option<ObjectId>, depth: usize) {
        let page = dict.get(b"Pg").and_then(Object::as_reference).ok().or(page);
        match dict.get(b"Type").and_then(Object::as_name).ok() {
            // A marked-content reference: content on a page of its own.
            Some(b"MCR") => {
                if let Ok(mcid) = dict.get(b"MCID").and_then(Object::as_i64) {
                    self.mark(page, mcid, level);
                }
            }
            // An object reference (annotation, XObject): no text of ours.
            Some(b"OBJR") => {}
            _ => {
                let own = dict
                    .get(b"S")
                    .and_then(Object::as_name)
                    .ok()
                    .map_or(0, |s| self.heading_level(s));
                let level = if own > 0 { own } else { level };
                if let Ok(kids) = dict.get(b"K") {
                    self.kids(kids, level, page, depth + 1);
                }
            }
        }
    }

    fn mark(&mut self, page: Option<ObjectId>, mcid: i64, level: u8) {
        self.out.tagged = true;
        if let (Some(page), true) = (page, level > 0) {
            self.out.headings.insert((page, mcid), level);
        }
    }

    /// The heading level of structure type `name`, following the role map
    /// for custom types: `H1`–`H6`, `H` and `Title` (as level 1).
    fn heading_level(&self, name: &[u8]) -> u8 {
        let mut name = name;
        for _ in 0..8 {
            match name {
                b"H" | b"Title" | b"H1" => return 1,
                [b'H', digit @ b'2'..=b'6'] => return digit - b'0',
                _ => {}
            }
            let Some(mapped) = self
                .role_map
                .and_then(|m| m.get(name).ok())
                .and_then(|o| o.as_name().ok())
            else {
                return 0;
            };
            name = mapped;
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn headings_come_from_element_types_and_the_role_map() {
        let mut doc = Document::with_version("1.7");
        let page = doc.add_object(dictionary! { "Type" => "Page" });
        let role_map = dictionary! { "Heading1" => "H1", "Chapeau" => "Heading1", "Para" => "P" };
        let kids = vec![
            Object::Dictionary(dictionary! { "S" => "H2", "Pg" => page, "K" => 0 }),
            Object::Dictionary(
                dictionary! { "S" => "Chapeau", "Pg" => page, "K" => vec![Object::Integer(1)] },
            ),
            Object::Dictionary(dictionary! {
                "S" => "Para",
                "K" => Object::Dictionary(dictionary! { "Type" => "MCR", "Pg" => page, "MCID" => 2 }),
            }),
        ];
        let root = doc.add_object(
            dictionary! { "Type" => "StructTreeRoot", "RoleMap" => role_map, "K" => kids },
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "StructTreeRoot" => root });
        doc.trailer.set("Root", catalog);
        let structure = Structure::read(&doc, 64);
        assert!(structure.tagged);
        assert_eq!(structure.heading(page, Some(0)), 2);
        assert_eq!(structure.heading(page, Some(1)), 1);
        assert_eq!(structure.heading(page, Some(2)), 0);
        assert_eq!(structure.heading(page, None), 0);
    }

    #[test]
    fn untagged_documents_have_no_structure() {
        let doc = Document::with_version("1.7");
        assert!(!Structure::read(&doc, 64).tagged);
    }
}

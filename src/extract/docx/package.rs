//! The OPC package of a DOCX: ZIP members read within one inflate budget for
//! the whole document, and relationships between parts.

use crate::detect::main_part_of;
use crate::extract::picture::PictureError;
use crate::extract::xml::{self, Relationship, read_member, read_member_bytes};
use crate::model::{DocError, ErrorKind, Limits};
use std::io::Cursor;

/// An opened DOCX package.
///
/// Invariant: the XML read through [`Package::read`] never adds up to more
/// than the limit it was opened with, so a zip bomb spread over many parts
/// fails as surely as one hidden in a single part.
pub(super) struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    limit: u64,
    remaining: u64,
}

impl<'a> Package<'a> {
    /// Opens the ZIP container; `corrupt` when it is not a readable ZIP.
    pub(super) fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, DocError> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| DocError::corrupt(format!("DOCX container cannot be opened: {e}")))?;
        Ok(Package {
            archive,
            limit: limits.max_inflated_bytes,
            remaining: limits.max_inflated_bytes,
        })
    }

    /// The main document part, found through the package relationships
    /// (`word/document.xml` when they do not say), which count against the
    /// budget as every part does.
    pub(super) fn main_part(&mut self) -> Result<String, DocError> {
        let rels = self.read("_rels/.rels")?;
        Ok(rels
            .as_deref()
            .and_then(main_part_of)
            .unwrap_or_else(|| "word/document.xml".to_string()))
    }

    /// The text of part `name`, or `Ok(None)` when the package has no such part.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<String>, DocError> {
        match read_member(&mut self.archive, name, self.remaining) {
            Ok(text) => {
                let size = text.as_ref().map_or(0, |t| t.len() as u64);
                self.remaining = self.remaining.saturating_sub(size);
                Ok(text)
            }
            Err(error) if error.kind == ErrorKind::TooLarge => Err(DocError::too_large(format!(
                "the XML of this DOCX inflates past the limit of {} MiB per document \
                 (at {name}; a zip bomb?); raise --max-inflated-size if the file is genuine",
                self.limit.div_ceil(1 << 20)
            ))),
            Err(error) => Err(error),
        }
    }

    /// The package's media parts, to read outside the XML budget.
    pub(super) fn media(&self) -> Media<'a> {
        Media {
            archive: self.archive.clone(),
        }
    }

    /// The relationships of part `name`, with internal targets resolved to
    /// member names; empty when the part has none.
    pub(super) fn relationships(&mut self, name: &str) -> Result<Vec<Relationship>, DocError> {
        let Some(rels) = self.read(&xml::rels_name(name))? else {
            return Ok(Vec::new());
        };
        Ok(xml::relationships(&rels)
            .into_iter()
            .map(|rel| Relationship {
                target: if rel.external {
                    rel.target.clone()
                } else {
                    xml::resolve_target(name, &rel.target)
                },
                ..rel
            })
            .collect())
    }
}

/// The media parts (pictures) of a package, read as bytes. Cheap to clone:
/// each clone reads on its own, so pictures are read in parallel.
///
/// Invariant: no part read gives more than the limit it is read with, so
/// a picture bomb fails before it fills memory.
#[derive(Clone)]
pub(super) struct Media<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl Media<'_> {
    /// The bytes of part `name`, at most `limit` of them; `Ok(None)` when
    /// the package has no such part.
    pub(super) fn read(
        &mut self,
        name: &str,
        limit: usize,
    ) -> Result<Option<Vec<u8>>, PictureError> {
        let limit = u64::try_from(limit).unwrap_or(u64::MAX);
        read_member_bytes(&mut self.archive, name, limit).map_err(|error| match error.kind {
            ErrorKind::TooLarge => PictureError::OverLimit,
            _ => PictureError::Damaged(error.message),
        })
    }
}

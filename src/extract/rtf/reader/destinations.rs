//! Destinations: the control words that say where the text of a group
//! goes, or that it is not text at all.

use super::{Field, Reader};
use crate::extract::rtf::state::{Close, Dest, ParagraphProps};
use crate::extract::rtf::story::StoryKind;

impl Reader<'_> {
    /// Control words that start a destination; true when `name` is one.
    pub(super) fn destination_word(&mut self, name: &str) -> bool {
        let in_text = self.top().dest == Dest::Text;
        let (dest, close) = match name {
            "fonttbl" => (Dest::FontTable, Some(Close::FontTable)),
            "stylesheet" => (Dest::StyleSheet, Some(Close::StyleSheet)),
            "info" => (Dest::Info, None),
            "fldinst" => (Dest::FieldCode, None),
            "fldrslt" => {
                let page = self.fields.last().is_some_and(Field::is_page_number);
                if let Some(group) = self.top_mut() {
                    group.page_field |= page;
                }
                return true;
            }
            "field" => {
                if self.top().close.is_none() {
                    self.fields.push(Field {
                        code: String::new(),
                    });
                    if let Some(group) = self.top_mut() {
                        group.close = Some(Close::Field);
                    }
                }
                return true;
            }
            "listtext" | "pntext" => (Dest::Label, None),
            "shpinst" => (Dest::Shape, None),
            "nesttableprops" => (Dest::NestedRow, None),
            "footnote" if in_text => {
                self.open_story(StoryKind::Note {
                    endnote: false,
                    mark: None,
                });
                return true;
            }
            "header" | "headerl" | "headerr" | "headerf" if in_text => {
                self.open_story(StoryKind::Header);
                return true;
            }
            "footer" | "footerl" | "footerr" | "footerf" if in_text => {
                self.open_story(StoryKind::Footer);
                return true;
            }
            "shptxt" if in_text => {
                self.open_story(StoryKind::TextBox);
                return true;
            }
            _ if SKIPPED.contains(&name) => (Dest::Skip, None),
            "footnote" | "header" | "headerl" | "headerr" | "headerf" | "footer" | "footerl"
            | "footerr" | "footerf" | "shptxt" => (Dest::Skip, None),
            _ => return false,
        };
        if let Some(group) = self.top_mut() {
            group.dest = dest;
            if group.close.is_none() {
                group.close = close;
            }
        }
        true
    }

    /// `\ud` inside `\upr`: its text goes where the `\upr` group's would.
    pub(super) fn read_unicode_copy(&mut self) {
        let outer = self
            .groups
            .iter()
            .rev()
            .map(|g| g.dest)
            .find(|d| *d != Dest::Upr)
            .unwrap_or(Dest::Skip);
        if let Some(group) = self.top_mut() {
            group.dest = outer;
        }
    }

    /// Opens a story in the current group, unless the group already opened
    /// something (then the story's text is skipped).
    pub(super) fn open_story(&mut self, kind: StoryKind) {
        let Some(group) = self.groups.last_mut() else {
            return;
        };
        if group.close.is_some() {
            group.dest = Dest::Skip;
            return;
        }
        group.close = Some(Close::Story);
        group.dest = Dest::Text;
        group.paragraph = ParagraphProps::default();
        self.stories.open(kind);
    }
}

/// `\*` destinations that are read; every other is skipped unread.
pub(super) const KNOWN_STARRED: &[&str] = &[
    "fldinst",
    "company",
    "shpinst",
    "footnote",
    "ud",
    "nesttableprops",
];

/// Destinations that hold no document text.
const SKIPPED: &[&str] = &[
    "colortbl",
    "pict",
    "object",
    "objdata",
    "themedata",
    "colorschememapping",
    "datastore",
    "listtable",
    "listoverridetable",
    "xmlnstbl",
    "rsidtbl",
    "generator",
    "revtbl",
    "latentstyles",
    "pgdsctbl",
    "bkmkstart",
    "bkmkend",
    "filetbl",
    "xe",
    "tc",
    "tcn",
    "txe",
    "annotation",
    "atnid",
    "atnauthor",
    "atrfstart",
    "atrfend",
    "template",
    "docvar",
    "userprops",
    "ftnsep",
    "ftnsepc",
    "ftncn",
    "aftnsep",
    "aftnsepc",
    "aftncn",
    "shprslt",
    "nonshppict",
    "shppict",
    "do",
    "background",
    "pn",
    "pnseclvl",
    "mmathPr",
    "listpicture",
    "fchars",
    "lchars",
    "pgptbl",
    "printim",
    "buptim",
    "sp",
    "falt",
    "panose",
    "fname",
    "wgrffmtfilter",
    "passwordhash",
    "protusertbl",
    "nonesttables",
];

//! The state RTF saves at `{` and restores at `}`: where text goes, the
//! character formatting that decides how it reads, and paragraph properties.

/// Where the text of a group goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dest {
    /// Document text of the current story.
    Text,
    /// The rendered list label of the current paragraph (`\listtext`, `\pntext`).
    Label,
    /// Not text: pictures, tables of colours, unknown `\*` destinations…
    Skip,
    /// `\fonttbl`: font numbers, charsets and names.
    FontTable,
    /// `\stylesheet`: style numbers and names.
    StyleSheet,
    /// `\info`, between its fields.
    Info,
    /// One text field of `\info` (`\title`…), under its metadata key.
    InfoText(&'static str),
    /// One date of `\info` (`\creatim`…), under its metadata key.
    InfoDate(&'static str),
    /// `\fldinst`: a field's code.
    FieldCode,
    /// `\shpinst`: shape properties, where only `\shptxt` holds text.
    Shape,
    /// `\nesttableprops`: a nested row's definition, ended by `\nestrow`.
    NestedRow,
    /// `\upr`: an ANSI copy of a destination, skipped for the Unicode copy
    /// in its `\ud` group.
    Upr,
}

/// What the end of a group finishes, for groups that opened something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Close {
    Story,
    Field,
    FontTable,
    StyleSheet,
    StyleEntry,
    InfoText(&'static str),
    InfoDate(&'static str),
}

/// Paragraph properties (`\pard` resets them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParagraphProps {
    /// `\sN`: the paragraph style.
    pub style: Option<i32>,
    /// `\outlinelevelN`: 0 for a top-level heading, 9 for body text.
    pub outline: Option<i32>,
    /// `\intbl`: the paragraph is in a table.
    pub in_table: bool,
    /// `\itapN`: how deep the table the paragraph is in nests (1 = not nested).
    pub table_depth: i32,
    /// `\ilvlN`: the list level, 0-based.
    pub list_level: Option<i32>,
}

impl Default for ParagraphProps {
    fn default() -> Self {
        ParagraphProps {
            style: None,
            outline: None,
            in_table: false,
            table_depth: 1,
            list_level: None,
        }
    }
}

/// The state of one open group.
#[derive(Debug, Clone)]
pub struct Group {
    pub dest: Dest,
    pub close: Option<Close>,
    /// Nothing but `\*` has been read in this group yet.
    pub fresh: bool,
    /// The group started with `\*`: its destination may be skipped unread.
    pub starred: bool,
    /// `\fN`: the font of the text.
    pub font: Option<i32>,
    /// `\ucN`: how many fallback chars follow each `\uN`.
    pub unicode_skip: u32,
    /// `\v`: hidden text.
    pub hidden: bool,
    /// `\deleted`: text deleted with tracked changes.
    pub deleted: bool,
    /// In the result of a page-number field.
    pub page_field: bool,
    /// `\super` (`Some(true)`) or `\sub` (`Some(false)`).
    pub superscript: Option<bool>,
    pub paragraph: ParagraphProps,
}

impl Group {
    /// The state before the document's first group.
    pub fn root() -> Self {
        Group {
            dest: Dest::Text,
            close: None,
            fresh: true,
            starred: false,
            font: None,
            unicode_skip: 1,
            hidden: false,
            deleted: false,
            page_field: false,
            superscript: None,
            paragraph: ParagraphProps::default(),
        }
    }

    /// The state of a group opened inside this one.
    pub fn child(&self) -> Self {
        Group {
            close: None,
            fresh: true,
            starred: false,
            ..self.clone()
        }
    }

    /// Whether text of this group is shown in the document.
    pub fn shows_text(&self) -> bool {
        !(self.hidden || self.deleted || self.page_field)
    }
}

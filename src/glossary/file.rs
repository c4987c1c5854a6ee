//! A glossary TSV file as written: every line kept byte for byte, so that
//! an edit rewrites only the lines it changes and `git diff` shows just
//! those. Columns are named by the header row.
//!
//! Invariant: [`GlossaryFile::to_text`] of a file parsed and not edited is
//! the original text, byte for byte (BOM, CRLF or LF, final newline or not,
//! blank lines, spacing inside cells, unknown columns).

use std::fmt;

/// What a header cell makes of its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// Terms in a language: `vi`, `zh`, `en`, any BCP 47 code (`zh-Hant`).
    Language(String),
    Note,
    Id,
    /// `preferred`, `admitted` or `deprecated`.
    Status,
    /// Other forms of the entry's terms: `vi:KHHGĐ|zh:计生`.
    Variants,
    Domain,
    Source,
    /// A column plangloss does not know: carried untouched.
    Other(String),
}

impl Column {
    fn from_header(name: &str) -> Column {
        match name.trim().to_ascii_lowercase().as_str() {
            "note" => Column::Note,
            "id" => Column::Id,
            "status" => Column::Status,
            "variants" => Column::Variants,
            "domain" => Column::Domain,
            "source" => Column::Source,
            _ if is_language_code(name.trim()) => Column::Language(name.trim().to_string()),
            _ => Column::Other(name.to_string()),
        }
    }
}

/// A BCP 47 shape: a 2–3 letter lower-case primary subtag, then subtags of
/// 1–8 letters or digits (`vi`, `zh-Hant`, `en-GB`).
pub fn is_language_code(name: &str) -> bool {
    let mut subtags = name.split('-');
    let primary_ok = subtags
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()));
    primary_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// One line of the file after the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line number in the file as read (the header is line 1); 0 for
    /// a row added since.
    pub line: usize,
    /// The cells, split at tabs, as written.
    pub cells: Vec<String>,
    /// The line as read, when it has not been edited since.
    raw: Option<String>,
    /// The line break that ended the line as read (`\n` or `\r\n`); `None`
    /// for a row added since, or a last line without one.
    end: Option<&'static str>,
}

impl Row {
    /// A new row with these cells.
    pub fn new(cells: Vec<String>) -> Row {
        Row {
            line: 0,
            cells,
            raw: None,
            end: None,
        }
    }

    /// The cell at `index`, or "" past the end of a short row.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    /// Sets the cell at `index` (padding a short row with empty cells).
    pub fn set_cell(&mut self, index: usize, value: &str) {
        if self.cells.len() <= index {
            self.cells.resize(index + 1, String::new());
        }
        self.cells[index] = value.to_string();
        self.raw = None;
    }

    /// A blank line: no cell holds anything but spaces.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    fn text(&self) -> String {
        self.raw.clone().unwrap_or_else(|| self.cells.join("\t"))
    }
}

/// A glossary file, line by line. Each line keeps its own line break, so
/// that a file mixing `\n` and `\r\n` comes back byte for byte; lines added
/// get the break most lines have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryFile {
    bom: bool,
    newline: &'static str,
    final_newline: bool,
    header: Vec<String>,
    /// The header's line break as read.
    header_end: Option<&'static str>,
    /// Every line after the header, blank ones included.
    pub rows: Vec<Row>,
}

/// A file that is not a glossary at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A glossary file's text cut into its parts, borrowed: the one reading
/// of the format, shared by [`GlossaryFile::parse`] and the quicker
/// read-only loading of `glossary::parse_named`.
pub struct Lines<'a> {
    pub bom: bool,
    /// The line break most lines end with: what added lines get.
    pub newline: &'static str,
    pub final_newline: bool,
    /// The header line.
    pub header: &'a str,
    /// The header's line break, if it has one.
    header_end: Option<&'static str>,
    /// What follows the header's line break, if it has one.
    body: Option<&'a str>,
}

/// One line of `text` (up to a `\n`, a `\r` before it left out) and its
/// line break, then the rest after it; the line break is `None` for a last
/// line without one.
fn next_line(text: &str) -> (&str, Option<&'static str>, Option<&str>) {
    match memchr::memchr(b'\n', text.as_bytes()) {
        Some(end) => {
            let rest = Some(&text[end + 1..]);
            match text[..end].strip_suffix('\r') {
                Some(line) => (line, Some("\r\n"), rest),
                None => (&text[..end], Some("\n"), rest),
            }
        }
        None => (text, None, None),
    }
}

impl<'a> Lines<'a> {
    /// Splits `text`; fails when the header names no language column.
    pub fn split(text: &'a str) -> Result<Lines<'a>, FormatError> {
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let line_feeds = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let crlf = memchr::memmem::find_iter(text.as_bytes(), b"\r\n").count();
        let newline = if crlf * 2 > line_feeds { "\r\n" } else { "\n" };
        let final_newline = text.ends_with('\n') || text.is_empty();
        let (header, header_end, rest) = next_line(text);
        // A final line break ends the last line; it does not start a row.
        let body = rest.filter(|rest| !rest.is_empty());
        if !header
            .split('\t')
            .any(|name| matches!(Column::from_header(name), Column::Language(_)))
        {
            return Err(FormatError(format!(
                "line 1: the header names no language column (vi, zh, en…): {header:?}"
            )));
        }
        Ok(Lines {
            bom,
            newline,
            final_newline,
            header,
            header_end,
            body,
        })
    }

    /// What each column holds, in order.
    pub fn columns(&self) -> Vec<Column> {
        self.header.split('\t').map(Column::from_header).collect()
    }

    /// The rows after the header: (line number, text).
    pub fn rows(&self) -> impl Iterator<Item = (usize, &'a str)> + use<'a> {
        self.rows_with_ends().map(|(line, text, _)| (line, text))
    }

    /// The rows after the header: (line number, text, its line break).
    fn rows_with_ends(
        &self,
    ) -> impl Iterator<Item = (usize, &'a str, Option<&'static str>)> + use<'a> {
        let mut rest = self.body;
        std::iter::from_fn(move || {
            let (line, end, after) = next_line(rest?);
            rest = after.filter(|after| !after.is_empty());
            Some((line, end))
        })
        .enumerate()
        .map(|(index, (line, end))| (index + 2, line, end))
    }
}

impl GlossaryFile {
    /// Reads glossary TSV. Fails only when the header names no language.
    pub fn parse(text: &str) -> Result<GlossaryFile, FormatError> {
        let lines = Lines::split(text)?;
        let rows = lines
            .rows_with_ends()
            .map(|(line, raw, end)| Row {
                line,
                cells: raw.split('\t').map(str::to_string).collect(),
                raw: Some(raw.to_string()),
                end,
            })
            .collect();
        Ok(GlossaryFile {
            bom: lines.bom,
            newline: lines.newline,
            final_newline: lines.final_newline,
            header: lines.header.split('\t').map(str::to_string).collect(),
            header_end: lines.header_end,
            rows,
        })
    }

    /// A new, empty glossary with these column names.
    pub fn with_columns(names: &[&str]) -> GlossaryFile {
        GlossaryFile {
            bom: false,
            newline: "\n",
            final_newline: true,
            header: names.iter().map(|n| n.to_string()).collect(),
            header_end: None,
            rows: Vec::new(),
        }
    }

    /// The header cells as written.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// What each column holds, in order.
    pub fn columns(&self) -> Vec<Column> {
        self.header.iter().map(|h| Column::from_header(h)).collect()
    }

    /// The index of the column `column` (the first, if repeated).
    pub fn index_of(&self, column: &Column) -> Option<usize> {
        self.columns().iter().position(|c| c == column)
    }

    /// Adds a column at the end (every row gets an empty cell there when it
    /// is next written).
    pub fn add_column(&mut self, name: &str) -> usize {
        self.header.push(name.to_string());
        self.header.len() - 1
    }

    /// Sets every row's `line` to where it now stands, for reports about
    /// an edited file.
    pub fn renumber(&mut self) {
        for (index, row) in self.rows.iter_mut().enumerate() {
            row.line = index + 2;
        }
    }

    /// The file's text: as read, except the lines edited since.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if self.bom {
            out.push('\u{feff}');
        }
        out.push_str(&self.header.join("\t"));
        let mut end = self.header_end;
        for row in &self.rows {
            out.push_str(end.unwrap_or(self.newline));
            out.push_str(&row.text());
            end = row.end;
        }
        if self.final_newline {
            out.push_str(end.unwrap_or(self.newline));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unedited_files_come_back_byte_for_byte() {
        for text in [
            "vi\tzh\ten\tnote\n Dân số \t人口\tpopulation\t\n\nKHHGĐ\t计生\t\tabbr of Kế hoạch hóa gia đình\n",
            "\u{feff}vi\ten\r\nDân số\tpopulation\r\n",
            "vi\tzh\tcustom\nDân số\t人口\tx\ty\textra",
            "vi\n",
            "vi\tzh\r\nDân số\t人口\nGia đình\t家庭\r\nTrẻ em\t儿童\n",
            "vi\n\r\n\n",
            "vi\tzh\nA\tB\r",
        ] {
            assert_eq!(GlossaryFile::parse(text).unwrap().to_text(), text);
        }
    }

    #[test]
    fn lines_are_rows_whatever_their_line_break() {
        // One Windows line pasted into a Unix file (the glossary fuzz target
        // found that such a file was read as a few rows holding line breaks).
        let text = "vi\tzh\nDân số\t人口\r\nGia đình\t家庭\nTrẻ em\t儿童\n";
        let mut file = GlossaryFile::parse(text).unwrap();
        let terms: Vec<&str> = file.rows.iter().map(|r| r.cell(0)).collect();
        assert_eq!(terms, ["Dân số", "Gia đình", "Trẻ em"]);
        assert_eq!(file.rows[2].line, 4);
        file.rows
            .push(Row::new(vec!["Dân tộc".into(), "民族".into()]));
        assert_eq!(file.to_text(), format!("{text}Dân tộc\t民族\n"));
        let entries = crate::glossary::parse_tsv(text).unwrap();
        assert_eq!(entries.len(), 3);
    }

    #[test]
    fn edits_rewrite_only_their_line() {
        let text = "vi\tzh\ten\r\nDân  số\t人口\tpopulation\r\nGia đình\t家庭\tfamily\r\n";
        let mut file = GlossaryFile::parse(text).unwrap();
        file.rows[1].set_cell(2, "household");
        file.rows.push(Row::new(vec![
            "Trẻ em".into(),
            "儿童".into(),
            "children".into(),
        ]));
        assert_eq!(
            file.to_text(),
            "vi\tzh\ten\r\nDân  số\t人口\tpopulation\r\nGia đình\t家庭\thousehold\r\nTrẻ em\t儿童\tchildren\r\n"
        );
    }

    #[test]
    fn header_decides_columns() {
        let file =
            GlossaryFile::parse("vi\tzh-Hant\tNote\tID\tstatus\tvariants\treviewer\n").unwrap();
        assert_eq!(
            file.columns(),
            vec![
                Column::Language("vi".into()),
                Column::Language("zh-Hant".into()),
                Column::Note,
                Column::Id,
                Column::Status,
                Column::Variants,
                Column::Other("reviewer".into()),
            ]
        );
        assert!(GlossaryFile::parse("term\tmeaning\n").is_err());
    }
}

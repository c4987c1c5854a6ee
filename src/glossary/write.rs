//! Changing a glossary file safely: one writer at a time, all or nothing.
//!
//! [`edit`] takes an advisory lock on the file's folder (so two writers
//! never interleave a read-modify-write), reads and parses the file, applies
//! the change, lints the result and refuses to write it if it has errors,
//! then writes a temporary file beside it, flushes it to disk and renames it
//! over the original. A writer killed at any moment leaves either the old
//! file or the new one, never a mix; the temporary file a killed writer
//! leaves behind is removed by the next writer, which holds the lock and so
//! knows no one else is writing it. Lines the change does not touch are
//! written back byte for byte (see [`GlossaryFile`]).

use super::file::{GlossaryFile, Row};
use super::lint::{self, Diagnostic, Severity};
use crate::atomic::{lock_folder_of, remove_stale_temporaries, write_atomically};
use std::path::Path;

/// Why a change was not written.
#[derive(Debug)]
pub enum EditError {
    /// The file could not be read.
    Io(String),
    /// The result could not be written: the folder cannot be locked or
    /// written, the disk is full, or the file is read-only.
    Write(String),
    /// The file is not a glossary, or the change makes no sense (no such id).
    Invalid(String),
    /// The result would fail `glossary lint`: its errors.
    Lint(Vec<Diagnostic>),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Io(message) | EditError::Write(message) | EditError::Invalid(message) => {
                f.write_str(message)
            }
            EditError::Lint(errors) => {
                write!(f, "not written: the result would fail lint")?;
                for error in errors {
                    write!(f, "\n  line {error}")?;
                }
                Ok(())
            }
        }
    }
}

/// Locks, reads `path`, applies `change`, lints and writes the result
/// atomically. `change` returns a summary of what it did.
pub fn edit(
    path: &Path,
    change: impl FnOnce(&mut GlossaryFile) -> Result<String, EditError>,
) -> Result<String, EditError> {
    let _lock = lock_folder_of(path).map_err(EditError::Write)?;
    remove_stale_temporaries(path);
    let text = crate::input::read_user_text(path).map_err(EditError::Io)?;
    let mut file = GlossaryFile::parse(&text)
        .map_err(|e| EditError::Invalid(format!("{}: {e}", path.display())))?;
    let summary = change(&mut file)?;
    file.renumber();
    let errors: Vec<Diagnostic> = lint::lint(&file)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(EditError::Lint(errors));
    }
    write_atomically(path, file.to_text().as_bytes()).map_err(EditError::Write)?;
    Ok(summary)
}

/// Cells to write, by column name: language codes (`vi`, `zh-Hant`…) and
/// `note`, `id`, `status`, `variants`, `domain`, `source`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The column index for `name`, adding the column when the file has
    /// none by that name (only the header line changes).
    fn column(file: &mut GlossaryFile, name: &str) -> usize {
        let existing = file
            .header()
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name));
        existing.unwrap_or_else(|| file.add_column(name))
    }
}

/// Adds a row with `fields` at the end of the file.
pub fn add_entry(file: &mut GlossaryFile, fields: &Fields) -> Result<String, EditError> {
    if fields.0.is_empty() {
        return Err(EditError::Invalid(
            "nothing to add: give at least one term".into(),
        ));
    }
    let mut row = Row::new(Vec::new());
    for (name, value) in &fields.0 {
        let column = Fields::column(file, name);
        row.set_cell(column, value);
    }
    file.rows.push(row);
    Ok(format!("added line {}", file.rows.len() + 1))
}

/// Which rows a change concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// The row whose `id` cell is this.
    Id(String),
    /// Rows whose cell in this language column is this term (compared as
    /// glossary matching compares: case, Unicode form, tone placement).
    Term(String, String),
}

/// The indexes in `file.rows` of the rows `selector` picks.
fn select(file: &GlossaryFile, selector: &Selector) -> Result<Vec<usize>, EditError> {
    let (name, wanted) = match selector {
        Selector::Id(id) => ("id", id.trim().to_string()),
        Selector::Term(code, term) => (code.as_str(), super::match_key(term)),
    };
    let column = file
        .header()
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(name))
        .ok_or_else(|| EditError::Invalid(format!("the file has no {name} column")))?;
    let picked: Vec<usize> = file
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| match selector {
            Selector::Id(_) => row.cell(column).trim() == wanted,
            Selector::Term(..) => super::match_key(row.cell(column)) == wanted,
        })
        .map(|(index, _)| index)
        .collect();
    if picked.is_empty() {
        return Err(EditError::Invalid(format!("no row has {name} {wanted:?}")));
    }
    Ok(picked)
}

/// Removes the rows `selector` picks.
pub fn remove_entries(file: &mut GlossaryFile, selector: &Selector) -> Result<String, EditError> {
    let picked = select(file, selector)?;
    let lines: Vec<String> = picked
        .iter()
        .map(|&i| file.rows[i].line.to_string())
        .collect();
    for index in picked.into_iter().rev() {
        file.rows.remove(index);
    }
    Ok(format!("removed line {}", lines.join(", ")))
}

/// Sets `fields` on the one row `selector` picks.
pub fn set_fields(
    file: &mut GlossaryFile,
    selector: &Selector,
    fields: &Fields,
) -> Result<String, EditError> {
    let picked = select(file, selector)?;
    let [index] = picked[..] else {
        return Err(EditError::Invalid(format!(
            "{} rows match; give --id to pick one",
            picked.len()
        )));
    };
    for (name, value) in &fields.0 {
        let column = Fields::column(file, name);
        file.rows[index].set_cell(column, value);
    }
    Ok(format!("changed line {}", file.rows[index].line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn what_killed_writers_left_is_removed_by_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.tsv");
        fs::write(&path, "vi\ten\nDân số\tpopulation\n").unwrap();
        // One left by another process, one with this process's number (a
        // number used again after a writer died), and files that are not
        // temporaries of this glossary.
        let stale = [
            ".g.tsv.4242.tmp".to_string(),
            format!(".g.tsv.{}.tmp", std::process::id()),
        ];
        let others = [".other.tsv.4242.tmp", ".g.tsv.notes.tmp", "g.tsv.4242.tmp"];
        for name in stale.iter().map(String::as_str).chain(others) {
            fs::write(dir.path().join(name), "half a glossary").unwrap();
        }
        edit(&path, |file| {
            file.rows
                .push(Row::new(vec!["Gia đình".into(), "family".into()]));
            Ok("added".into())
        })
        .unwrap();
        assert!(
            fs::read_to_string(&path)
                .unwrap()
                .ends_with("Gia đình\tfamily\n")
        );
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<&str> = others.iter().copied().chain(["g.tsv"]).collect();
        expected.sort();
        assert_eq!(left, expected);
    }

    #[test]
    fn edits_are_written_and_bad_results_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.tsv");
        let original = "vi\tzh\ten\tid\nDân số\t人口\tpopulation\tpop\n";
        fs::write(&path, original).unwrap();
        let added = edit(&path, |file| {
            file.rows.push(Row::new(vec![
                "Gia đình".into(),
                "家庭".into(),
                "family".into(),
                "fam".into(),
            ]));
            Ok("added".into())
        })
        .unwrap();
        assert_eq!(added, "added");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            format!("{original}Gia đình\t家庭\tfamily\tfam\n")
        );
        let refused = edit(&path, |file| {
            file.rows.push(Row::new(vec![
                "Trẻ em".into(),
                "".into(),
                "".into(),
                "pop".into(),
            ]));
            Ok("added".into())
        });
        assert!(matches!(refused, Err(EditError::Lint(ref e)) if e[0].rule == "duplicate-id"));
        assert!(fs::read_to_string(&path).unwrap().ends_with("fam\n"));
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn add_remove_and_set_touch_only_their_lines() {
        let text = "vi\tzh\ten\tid\nDân số\t人口\tpopulation\tpop\nGia đình\t家庭\tfamily\tfam\n";
        let mut file = GlossaryFile::parse(text).unwrap();
        let fields = |pairs: &[(&str, &str)]| {
            Fields(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            )
        };
        add_entry(
            &mut file,
            &fields(&[("vi", "Trẻ em"), ("en", "children"), ("note", "new")]),
        )
        .unwrap();
        set_fields(
            &mut file,
            &Selector::Id("pop".into()),
            &fields(&[("zh", "人口数")]),
        )
        .unwrap();
        remove_entries(&mut file, &Selector::Term("vi".into(), "GIA ĐÌNH".into())).unwrap();
        assert_eq!(
            file.to_text(),
            "vi\tzh\ten\tid\tnote\nDân số\t人口数\tpopulation\tpop\nTrẻ em\t\tchildren\t\tnew\n"
        );
        assert!(
            set_fields(
                &mut file,
                &Selector::Id("none".into()),
                &fields(&[("zh", "x")])
            )
            .is_err()
        );
    }
}

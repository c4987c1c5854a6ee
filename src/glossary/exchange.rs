//! Glossaries in other formats: CSV as spreadsheets write it, and TBX
//! (TBX v3, TBX-Basic dialect).
//!
//! Promise: TSV → CSV → TSV and TSV → TBX → TSV give back the same header
//! (names and order) and, row for row, the same cells (trailing empty cells
//! aside). Formatting that is not data (BOM, line endings, blank lines) is
//! the writer's choice.
//!
//! TBX mapping: a row is a `conceptEntry` (its `id` the row's `id` when that
//! is a valid XML name, else `_r` and the line number), each language cell a
//! `langSec` with the term in a `termSec`; `status` is the terms'
//! `administrativeStatus` (`preferredTerm-admn-sts`…); each `variants` item
//! a `termSec` whose `termType` is `variant` and whose `id` keeps its place
//! in the cell; `note` is `note`, `domain` `descrip type="subjectField"`,
//! `source` `admin type="source"`, any other column `admin type="x-NAME"`
//! (and an `id` that cannot be an XML id `admin type="x-id"`).
//! The TSV header is kept in the TBX header (`p type="x-plangloss-columns"`).

use super::file::{Column, GlossaryFile, Row};
use crate::extract::xml::{attr as xml_attr, resolve_reference};
use quick_xml::Reader;
use quick_xml::escape::escape;
use quick_xml::events::Event;
use std::collections::HashMap;

/// Writes `file` as CSV the way spreadsheets do: UTF-8 BOM, CRLF, fields
/// quoted when they need it.
pub fn to_csv(file: &GlossaryFile) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    let write = |writer: &mut csv::Writer<Vec<u8>>, cells: &[String]| {
        writer
            .write_record(cells)
            .expect("writing to memory cannot fail");
    };
    write(&mut writer, file.header());
    for row in file.rows.iter().filter(|row| !row.is_blank()) {
        write(&mut writer, &row.cells);
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    format!(
        "\u{feff}{}",
        String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
    )
}

/// Writes `file` as an OmegaT glossary for the pair `source` → `target`
/// (language columns, matched exactly or by primary subtag: `zh` for
/// `zh-CN`): UTF-8, a `#` comment line, then `source<TAB>target<TAB>comment`
/// per entry that has both terms, the comment holding the entry's status
/// and note (a deprecated entry says so, so the translator avoids it).
/// Tabs and line breaks inside cells become spaces.
pub fn to_omegat(file: &GlossaryFile, source: &str, target: &str) -> Result<String, String> {
    let columns = file.columns();
    let find = |code: &str| {
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        let language = |wanted: &str| {
            columns.iter().position(
                |c| matches!(c, Column::Language(name) if name.eq_ignore_ascii_case(wanted)),
            )
        };
        language(code)
            .or_else(|| language(primary))
            .ok_or_else(|| format!("the glossary has no {code} column"))
    };
    let (from, to) = (find(source)?, find(target)?);
    let status = file.index_of(&Column::Status);
    let note = file.index_of(&Column::Note);
    let clean = |cell: &str| cell.replace(['\t', '\r', '\n'], " ").trim().to_string();
    let mut out =
        format!("# plangloss glossary, {source} → {target}: source<TAB>target<TAB>comment\n");
    for row in file.rows.iter().filter(|row| !row.is_blank()) {
        let (term, translation) = (clean(row.cell(from)), clean(row.cell(to)));
        if term.is_empty() || translation.is_empty() {
            continue;
        }
        let status = status.map(|i| clean(row.cell(i))).unwrap_or_default();
        let note = note.map(|i| clean(row.cell(i))).unwrap_or_default();
        let comment = match (status.as_str(), note.is_empty()) {
            ("deprecated", _) => format!("DEPRECATED: do not use. {note}").trim().to_string(),
            ("", _) => note,
            (status, true) => status.to_string(),
            (status, false) => format!("{status}. {note}"),
        };
        let comment = if comment.is_empty() {
            String::new()
        } else {
            format!("\t{comment}")
        };
        out.push_str(&format!("{term}\t{translation}{comment}\n"));
    }
    Ok(out)
}

/// Reads CSV (a BOM, CRLF, quoted fields, `;` or `,` separated, as
/// spreadsheets write it) into a glossary. Tabs and line breaks inside a
/// field cannot be kept in TSV: they become spaces, and their count is
/// returned with the file.
pub fn from_csv(text: &str) -> Result<(GlossaryFile, usize), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut replaced = 0;
    let mut records = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("CSV record {}: {e}", index + 1))?;
        let cells: Vec<String> = record
            .iter()
            .map(|field| {
                if field.contains(['\t', '\n', '\r']) {
                    replaced += 1;
                    field.replace("\r\n", " ").replace(['\t', '\n', '\r'], " ")
                } else {
                    field.to_string()
                }
            })
            .collect();
        records.push(cells);
    }
    let mut records = records.into_iter();
    let header = records.next().ok_or("the CSV is empty")?;
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut file = GlossaryFile::with_columns(&names);
    if !file
        .columns()
        .iter()
        .any(|c| matches!(c, Column::Language(_)))
    {
        return Err(format!(
            "the CSV header names no language column (vi, zh, en…): {names:?}"
        ));
    }
    let width = file.header().len();
    file.rows = records.map(|cells| padded_row(cells, width)).collect();
    Ok((file, replaced))
}

/// A row with a cell for every column (as spreadsheets write TSV): short
/// rows padded with empty cells, trailing empty cells past the header
/// dropped.
fn padded_row(mut cells: Vec<String>, width: usize) -> Row {
    while cells.len() > width && cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells.resize(cells.len().max(width), String::new());
    Row::new(cells)
}

const STATUS_TBX: [(&str, &str); 3] = [
    ("preferred", "preferredTerm-admn-sts"),
    ("admitted", "admittedTerm-admn-sts"),
    ("deprecated", "deprecatedTerm-admn-sts"),
];

/// Writes `file` as TBX v3 (TBX-Basic dialect).
pub fn to_tbx(file: &GlossaryFile) -> String {
    let columns = file.columns();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n",
    );
    out.push_str("  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n");
    out.push_str("        <p>Exported by plangloss</p>\n");
    out.push_str(&format!(
        "        <p type=\"x-plangloss-columns\">{}</p>\n",
        escape(file.header().join("\t"))
    ));
    out.push_str("      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n");
    let id_column = columns.iter().position(|c| *c == Column::Id);
    let mut used = std::collections::HashSet::new();
    for row in file.rows.iter().filter(|row| !row.is_blank()) {
        let own_id = id_column.map(|i| row.cell(i)).filter(|id| is_xml_name(id));
        let id = match own_id {
            Some(id) if used.insert(id.to_string()) => id.to_string(),
            _ => format!("_r{}", row.line),
        };
        let own_id = id_column.map(|i| row.cell(i)).unwrap_or_default();
        out.push_str(&concept_entry(&id, own_id, row, &columns, file.header()));
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    out
}

/// The entry of `row`; `own_id`, the row's id cell, is written out too when
/// it could not be the entry's `id`.
fn concept_entry(
    id: &str,
    own_id: &str,
    row: &Row,
    columns: &[Column],
    header: &[String],
) -> String {
    let cell = |column: &Column| {
        columns
            .iter()
            .position(|c| c == column)
            .map_or("", |i| row.cell(i))
    };
    let mut out = format!("      <conceptEntry id=\"{}\">\n", escape(id));
    if !own_id.is_empty() && own_id != id {
        out.push_str(&format!(
            "        <admin type=\"x-id\">{}</admin>\n",
            escape(own_id)
        ));
    }
    for (index, column) in columns.iter().enumerate() {
        let value = row.cell(index);
        if value.is_empty() {
            continue;
        }
        let element = match column {
            Column::Note => format!("<note>{}</note>", escape(value)),
            Column::Domain => format!("<descrip type=\"subjectField\">{}</descrip>", escape(value)),
            Column::Source => format!("<admin type=\"source\">{}</admin>", escape(value)),
            Column::Other(_) => format!(
                "<admin type=\"x-{}\">{}</admin>",
                escape(&header[index]),
                escape(value)
            ),
            _ => continue,
        };
        out.push_str(&format!("        {element}\n"));
    }
    let status = cell(&Column::Status);
    let status_note = STATUS_TBX
        .iter()
        .find(|(ours, _)| *ours == status)
        .map_or(status, |(_, tbx)| tbx);
    let languages: Vec<&str> = columns
        .iter()
        .zip(header)
        .filter(|(c, _)| matches!(c, Column::Language(_)))
        .map(|(_, h)| h.as_str())
        .collect();
    let raw_variants = cell(&Column::Variants);
    let variants: Option<Vec<(usize, &str, &str)>> = raw_variants
        .split('|')
        .enumerate()
        .map(|(n, item)| {
            let (code, form) = item.split_once(':')?;
            languages.contains(&code).then_some((n, code, form))
        })
        .collect();
    // What TBX cannot say natively is kept as a plangloss field.
    let has_terms = languages.iter().any(|code| {
        header
            .iter()
            .position(|h| h == code)
            .is_some_and(|i| !row.cell(i).is_empty())
    });
    let variants = match variants {
        Some(items) if !raw_variants.is_empty() => items,
        _ => {
            if !raw_variants.is_empty() {
                out.push_str(&format!(
                    "        <admin type=\"x-variants\">{}</admin>\n",
                    escape(raw_variants)
                ));
            }
            Vec::new()
        }
    };
    if !status.is_empty() && !has_terms {
        out.push_str(&format!(
            "        <admin type=\"x-status\">{}</admin>\n",
            escape(status)
        ));
    }
    for (index, column) in columns.iter().enumerate() {
        let Column::Language(code) = column else {
            continue;
        };
        let term = row.cell(index);
        let own_variants: Vec<&(usize, &str, &str)> =
            variants.iter().filter(|(_, c, _)| c == code).collect();
        if term.is_empty() && own_variants.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "        <langSec xml:lang=\"{}\">\n",
            escape(&header[index])
        ));
        if !term.is_empty() {
            out.push_str(&format!(
                "          <termSec>\n            <term>{}</term>\n",
                escape(term)
            ));
            if !status.is_empty() {
                out.push_str(&format!(
                    "            <termNote type=\"administrativeStatus\">{}</termNote>\n",
                    escape(status_note)
                ));
            }
            out.push_str("          </termSec>\n");
        }
        for (n, _, form) in own_variants {
            out.push_str(&format!(
                "          <termSec id=\"{}-v{n}\">\n            <term>{}</term>\n            <termNote type=\"termType\">variant</termNote>\n          </termSec>\n",
                escape(id),
                escape(*form)
            ));
        }
        out.push_str("        </langSec>\n");
    }
    out.push_str("      </conceptEntry>\n");
    out
}

/// An XML name usable as an `id` (NCName, ASCII subset): a letter or `_`,
/// then letters, digits, `-`, `_`, `.`.
fn is_xml_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// One concept entry as read from TBX.
#[derive(Default)]
struct Concept {
    id: String,
    /// (language, term) of preferred/admitted/deprecated terms, in order.
    terms: Vec<(String, String)>,
    status: Option<String>,
    /// (place in the cell, "code:form").
    variants: Vec<(usize, String)>,
    /// Column name -> value, for note, domain, source and other columns.
    fields: Vec<(String, String)>,
}

/// Reads TBX (v3 or v2/TBX-Basic, as other tools write it) into a glossary.
pub fn from_tbx(xml: &str) -> Result<GlossaryFile, String> {
    let mut reader = Reader::from_str(xml);
    let mut header: Option<Vec<String>> = None;
    let mut concepts: Vec<Concept> = Vec::new();
    let mut language = String::new();
    let mut term_sec_id: Option<String> = None;
    let mut term = String::new();
    let mut term_type = String::new();
    let mut term_status = String::new();
    let mut field: Option<String> = None;
    let mut text = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("TBX is not well-formed XML: {e}"))?;
        match event {
            Event::Start(e) => {
                let attr = |key: &str| xml_attr(&e, key);
                text.clear();
                match e.local_name().into_inner() {
                    "conceptEntry" | "termEntry" => concepts.push(Concept {
                        id: attr("id").unwrap_or_default(),
                        ..Concept::default()
                    }),
                    "langSec" | "langSet" => language = attr("lang").unwrap_or_default(),
                    "termSec" | "tig" | "ntig" => {
                        term_sec_id = attr("id");
                        term.clear();
                        term_type.clear();
                        term_status.clear();
                    }
                    "termNote" => field = attr("type").map(|t| format!("termNote:{t}")),
                    "note" => field = Some("note".into()),
                    "descrip" => {
                        field = attr("type").map(|t| {
                            if t == "subjectField" {
                                "domain".into()
                            } else {
                                format!("descrip:{t}")
                            }
                        })
                    }
                    "admin" => {
                        field = attr("type").map(|t| match t.strip_prefix("x-") {
                            Some(column) => column.to_string(),
                            None if t == "source" => "source".into(),
                            None => format!("admin:{t}"),
                        })
                    }
                    "p" => field = attr("type").filter(|t| t == "x-plangloss-columns"),
                    "term" => field = Some("term".into()),
                    _ => {}
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Some(c) = resolve_reference(&r) {
                    text.push(c);
                }
            }
            Event::CData(t) => text.push_str(&t.xml10_content()),
            Event::End(e) => {
                let name = e.local_name().into_inner().to_string();
                let concept = concepts.last_mut();
                match (name.as_str(), field.take(), concept) {
                    ("p", Some(_), _) => {
                        header = Some(text.split('\t').map(str::to_string).collect());
                    }
                    ("term", Some(_), _) => term = text.clone(),
                    ("termNote", Some(kind), _) if kind == "termNote:termType" => {
                        term_type = text.clone()
                    }
                    ("termNote", Some(kind), _) if kind == "termNote:administrativeStatus" => {
                        term_status = text.clone()
                    }
                    ("termSec" | "tig" | "ntig", _, Some(concept)) => {
                        if term_type == "variant" {
                            let place = term_sec_id
                                .as_deref()
                                .and_then(|id| id.rsplit_once("-v"))
                                .and_then(|(_, n)| n.parse().ok())
                                .unwrap_or(usize::MAX);
                            concept.variants.push((place, format!("{language}:{term}")));
                        } else {
                            concept.terms.push((language.clone(), term.clone()));
                            if !term_status.is_empty() && concept.status.is_none() {
                                let ours = STATUS_TBX
                                    .iter()
                                    .find(|(_, tbx)| *tbx == term_status)
                                    .map_or(term_status.as_str(), |(ours, _)| ours);
                                concept.status = Some(ours.to_string());
                            }
                        }
                    }
                    (_, Some(column), Some(concept))
                        if matches!(name.as_str(), "note" | "descrip" | "admin") =>
                    {
                        concept.fields.push((column, text.clone()));
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    build_file(header, concepts)
}

/// Lays concepts out as rows under `header` (or a header made from what
/// the concepts hold).
fn build_file(header: Option<Vec<String>>, concepts: Vec<Concept>) -> Result<GlossaryFile, String> {
    let header = header.unwrap_or_else(|| inferred_header(&concepts));
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut file = GlossaryFile::with_columns(&names);
    let columns = file.columns();
    if !columns.iter().any(|c| matches!(c, Column::Language(_))) {
        return Err("the TBX holds no terms".into());
    }
    let index: HashMap<&str, usize> = header
        .iter()
        .enumerate()
        .map(|(i, name)| (name.trim(), i))
        .collect();
    let named = |column: Column| columns.iter().position(|c| *c == column);
    for mut concept in concepts {
        let mut cells = vec![String::new(); header.len()];
        for (language, term) in &concept.terms {
            if let Some(&i) = index.get(language.as_str())
                && cells[i].is_empty()
            {
                cells[i] = term.clone();
            }
        }
        if let (Some(i), Some(status)) = (named(Column::Status), concept.status.take()) {
            cells[i] = status;
        }
        if let Some(i) = named(Column::Variants) {
            concept.variants.sort_by_key(|(place, _)| *place);
            let items: Vec<String> = concept.variants.into_iter().map(|(_, item)| item).collect();
            cells[i] = items.join("|");
        }
        if let Some(i) = named(Column::Id) {
            let generated = concept
                .id
                .strip_prefix("_r")
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
            if !generated {
                cells[i] = concept.id.clone();
            }
        }
        for (name, value) in concept.fields {
            let target = match name.as_str() {
                "note" => named(Column::Note),
                "domain" => named(Column::Domain),
                "source" => named(Column::Source),
                other => index.get(other).copied(),
            };
            if let Some(i) = target {
                cells[i] = value;
            }
        }
        file.rows.push(padded_row(cells, header.len()));
    }
    Ok(file)
}

/// A header for a TBX file from another tool: its languages in order of
/// appearance, then the fields it uses.
fn inferred_header(concepts: &[Concept]) -> Vec<String> {
    let mut header: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        if !header.iter().any(|h| h == name) {
            header.push(name.to_string());
        }
    };
    for concept in concepts {
        for (language, _) in &concept.terms {
            add(language);
        }
    }
    for concept in concepts {
        for (name, _) in &concept.fields {
            add(name);
        }
        if concept.status.is_some() {
            add("status");
        }
        if !concept.variants.is_empty() {
            add("variants");
        }
    }
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Header and cells of every non-blank row, trailing empty cells aside.
    fn content(file: &GlossaryFile) -> (Vec<String>, Vec<Vec<String>>) {
        let trimmed = |mut cells: Vec<String>| {
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        };
        let rows = file
            .rows
            .iter()
            .filter(|row| !row.is_blank())
            .map(|row| trimmed(row.cells.clone()))
            .collect();
        (file.header().to_vec(), rows)
    }

    const SAMPLE: &str = "vi\tzh\ten\tnote\tid\tstatus\tvariants\tdomain\tsource\treviewer\n\
        Kế hoạch hóa gia đình\t计划生育\tfamily planning\tsee \"KHHGĐ\"; a, b\tfp\tpreferred\tvi:Kế hoạch hoá gia đình|zh:计生|vi:KHHGĐ\tpopulation\tLaw <2003>\tAn & Bình\n\
        KHHGĐ\t\tFP\tabbr of Kế hoạch hóa gia đình\t\tadmitted\n\
        \t卫计委\t\t缩写：卫生和计划生育委员会\t2bad id\n";

    #[test]
    fn csv_and_tbx_round_trips_lose_nothing() {
        let file = GlossaryFile::parse(SAMPLE).unwrap();
        let csv = to_csv(&file);
        assert!(csv.starts_with('\u{feff}') && csv.contains("\r\n"));
        assert!(csv.contains("\"see \"\"KHHGĐ\"\"; a, b\""), "{csv}");
        let (from_csv, replaced) = from_csv(&csv).unwrap();
        assert_eq!(replaced, 0);
        assert_eq!(content(&from_csv), content(&file));
        let tbx = to_tbx(&file);
        assert!(tbx.contains("<conceptEntry id=\"fp\">"));
        assert!(tbx.contains("preferredTerm-admn-sts"));
        assert_eq!(content(&from_tbx(&tbx).unwrap()), content(&file));
    }

    #[test]
    fn csv_from_a_spreadsheet_with_semicolons_and_line_breaks() {
        let csv = "\u{feff}vi;zh;note\r\nDân số;人口;\"two\r\nlines\"\r\n";
        let (file, replaced) = from_csv(csv).unwrap();
        assert_eq!(replaced, 1);
        assert_eq!(file.rows[0].cells, vec!["Dân số", "人口", "two lines"]);
        assert_eq!(file.to_text(), "vi\tzh\tnote\nDân số\t人口\ttwo lines\n");
    }

    #[test]
    fn tbx_from_another_tool() {
        let tbx = r#"<?xml version="1.0"?><martif type="TBX"><text><body>
            <termEntry id="t1"><descrip type="subjectField">health</descrip>
              <langSet xml:lang="vi"><tig><term>Dân số</term></tig></langSet>
              <langSet xml:lang="en"><tig><term>population</term>
                <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
            </termEntry></body></text></martif>"#;
        let file = from_tbx(tbx).unwrap();
        assert_eq!(file.header(), &["vi", "en", "domain", "status"]);
        assert_eq!(
            file.rows[0].cells,
            vec!["Dân số", "population", "health", "deprecated"]
        );
    }

    /// Random glossaries (a fixed-seed generator, so failures reproduce):
    /// every cell of every row survives both round trips.
    #[test]
    fn round_trips_of_random_glossaries_lose_nothing() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let pieces = [
            "Dân số",
            "计划生育",
            "family planning",
            "\"quoted\"",
            "a,b;c",
            "<tag> & 'x'",
            " lead",
            "trail ",
            "hoá/hóa",
            "KHHGĐ",
            "=SUM(A1)",
            "數據",
            "x|y",
            "100%",
            "",
        ];
        let headers = [
            "vi", "zh", "en", "zh-Hant", "note", "id", "status", "variants", "domain", "source",
            "reviewer",
        ];
        for _ in 0..300 {
            let mut header: Vec<&str> = headers.iter().copied().filter(|_| next(3) > 0).collect();
            if !header
                .iter()
                .any(|h| ["vi", "zh", "en", "zh-Hant"].contains(h))
            {
                header.insert(0, "vi");
            }
            let languages: Vec<&str> = header
                .iter()
                .copied()
                .filter(|h| {
                    h.len() <= 7
                        && *h != "note"
                        && *h != "id"
                        && *h != "status"
                        && *h != "domain"
                        && *h != "source"
                })
                .filter(|h| *h != "variants" && *h != "reviewer")
                .collect();
            let mut text = header.join("\t");
            for row in 0..next(6) + 1 {
                let cells: Vec<String> = header
                    .iter()
                    .map(|column| match *column {
                        "id" if next(2) == 0 => format!("id{row}"),
                        "id" => ["", "2 bad", "x"][next(3)].to_string(),
                        "status" => {
                            ["", "preferred", "admitted", "deprecated", "odd"][next(5)].to_string()
                        }
                        "variants" if next(2) == 0 => {
                            let code = languages[next(languages.len())];
                            format!(
                                "{code}:{}|{code}:v2",
                                pieces[next(pieces.len() - 1)].replace('|', "/")
                            )
                        }
                        _ => pieces[next(pieces.len())].to_string(),
                    })
                    .collect();
                text.push('\n');
                text.push_str(&cells.join("\t"));
            }
            text.push('\n');
            let file = GlossaryFile::parse(&text).unwrap();
            let (via_csv, _) = from_csv(&to_csv(&file)).unwrap();
            assert_eq!(content(&via_csv), content(&file), "CSV:\n{text}");
            let via_tbx = from_tbx(&to_tbx(&file)).unwrap();
            assert_eq!(
                content(&via_tbx),
                content(&file),
                "TBX:\n{text}\n{}",
                to_tbx(&file)
            );
        }
    }

    #[test]
    fn omegat_glossary_for_one_pair() {
        let file = GlossaryFile::parse(
            "vi\tzh\tstatus\tnote\nDân số\t人口\t\t\nSinh đẻ có kế hoạch\t计划生育\tdeprecated\tcũ\nChỉ có vi\t\t\t\n",
        )
        .unwrap();
        let glossary = to_omegat(&file, "vi", "zh-CN").unwrap();
        let lines: Vec<&str> = glossary.lines().collect();
        assert!(lines[0].starts_with('#'));
        assert_eq!(lines[1], "Dân số\t人口");
        assert_eq!(
            lines[2],
            "Sinh đẻ có kế hoạch\t计划生育\tDEPRECATED: do not use. cũ"
        );
        assert_eq!(lines.len(), 3);
        assert!(
            to_omegat(&file, "vi", "fr")
                .unwrap_err()
                .contains("no fr column")
        );
    }
}

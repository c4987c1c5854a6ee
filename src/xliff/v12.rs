//! XLIFF 1.2 (strict schema), the version every CAT tool reads best.
//!
//! One `<file>` per document; one `<group restype="x-…">` per block with a
//! context group saying its kind, level, label, page and table position;
//! one `<trans-unit>` per sentence with its `<source>`, a context holding
//! the source hash, and one `<note annotates="source">` per glossary entry
//! the sentence holds. Custom values carry the `x-` prefix the strict
//! schema asks for.

use super::{
    Options, Sentence, escape, kind_name, sentences, source_hash, source_language, term_note,
};
use crate::model::Block;
use crate::output::Record;
use std::fmt::Write;

/// The XLIFF 1.2 document for `record`.
pub fn write_v12(record: &Record, options: &Options) -> String {
    let mut out = String::new();
    let datatype = record
        .format
        .and_then(|f| serde_json::to_value(f).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "unknown".into());
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n\
         <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"x-{}\">\n\
         <header>\n<tool tool-id=\"plangloss\" tool-name=\"plangloss\" tool-version=\"{}\"/>\n</header>\n<body>\n",
        escape(&record.path),
        escape(&source_language(record, options)),
        escape(&options.target),
        escape(&datatype),
        env!("CARGO_PKG_VERSION"),
    );
    for (index, block) in record.blocks.iter().enumerate() {
        write_group(&mut out, index + 1, block, options);
    }
    out.push_str("</body>\n</file>\n</xliff>\n");
    out
}

/// One block as a group of trans-units.
fn write_group(out: &mut String, number: usize, block: &Block, options: &Options) {
    let kind = kind_name(block.kind);
    let _ = write!(
        out,
        // Context-group names are unique in a file: each carries its id.
        "<group id=\"b{number}\" restype=\"x-{kind}\">\n<context-group name=\"b{number}\" purpose=\"information\">\n"
    );
    let mut context = |name: &str, value: &str| {
        let _ = writeln!(
            out,
            "<context context-type=\"x-{name}\">{}</context>",
            escape(value)
        );
    };
    context("kind", kind);
    if let Some(level) = block.level {
        context("level", &level.to_string());
    }
    if let Some(label) = &block.label {
        context("label", label);
    }
    if let Some(page) = block.page {
        context("page", &page.to_string());
    }
    if let Some(table) = block.table {
        context("table", &table.index.to_string());
        context("row", &table.row.to_string());
        context("column", &table.col.to_string());
    }
    if let Some(sheet) = &block.sheet {
        context("sheet", sheet);
    }
    out.push_str("</context-group>\n");
    for (index, sentence) in sentences(block).iter().enumerate() {
        write_unit(out, number, index + 1, sentence, options);
    }
    out.push_str("</group>\n");
}

/// One sentence as a trans-unit.
fn write_unit(
    out: &mut String,
    block: usize,
    number: usize,
    sentence: &Sentence,
    options: &Options,
) {
    let source = source_text(sentence, options.inline_terms);
    let _ = write!(
        out,
        "<trans-unit id=\"b{block}-s{number}\" xml:space=\"preserve\">\n<source>{source}</source>\n"
    );
    if options.prefill_targets {
        let _ = writeln!(out, "<target state=\"needs-translation\">{source}</target>");
    }
    let _ = write!(
        out,
        "<context-group name=\"b{block}-s{number}\" purpose=\"information\">\n<context context-type=\"x-source-hash\">{}</context>\n</context-group>\n",
        source_hash(sentence.text)
    );
    let mut notes: Vec<String> = Vec::new();
    for (_, _, hit) in &sentence.terms {
        let note = term_note(hit, &options.target);
        if !notes.contains(&note) {
            let _ = writeln!(
                out,
                "<note from=\"plangloss\" annotates=\"source\">{}</note>",
                escape(&note)
            );
            notes.push(note);
        }
    }
    out.push_str("</trans-unit>\n");
}

/// The sentence's text, its terms marked `<mrk mtype="term">` when asked.
fn source_text(sentence: &Sentence, inline_terms: bool) -> String {
    if !inline_terms || sentence.terms.is_empty() {
        return escape(sentence.text);
    }
    let chars: Vec<char> = sentence.text.chars().collect();
    let piece = |from: usize, to: usize| escape(&chars[from..to].iter().collect::<String>());
    let mut out = String::new();
    let mut at = 0;
    for &(start, end, _) in &sentence.terms {
        if start < at {
            continue; // overlapping hits: the first one is marked
        }
        out.push_str(&piece(at, start));
        let _ = write!(out, "<mrk mtype=\"term\">{}</mrk>", piece(start, end));
        at = end;
    }
    out.push_str(&piece(at, chars.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Glossary, parse_tsv};
    use crate::pipeline::Pipeline;

    fn record(text: &str) -> Record {
        let entries =
            parse_tsv("vi\tzh\tstatus\nkế hoạch hóa gia đình\t计划生育\tpreferred\n").unwrap();
        let pipeline = Pipeline {
            glossary: Glossary::new(entries),
            ..Pipeline::default()
        };
        pipeline.process_bytes(text.as_bytes(), "vi/ke-hoach.txt")
    }

    fn options(inline_terms: bool) -> Options {
        Options {
            target: "zh-CN".into(),
            source: None,
            inline_terms,
            prefill_targets: false,
        }
    }

    #[test]
    fn one_group_per_block_and_one_unit_per_sentence() {
        let record = record(
            "I. MỤC ĐÍCH\n\nTăng cường công tác kế hoạch hóa gia đình. Nâng cao chất lượng dân số & <phát triển>.\n",
        );
        let xliff = write_v12(&record, &options(false));
        assert!(xliff.contains("<file original=\"vi/ke-hoach.txt\" source-language=\"vi\" target-language=\"zh-CN\" datatype=\"x-txt\">"), "{xliff}");
        assert!(xliff.contains("<group id=\"b1\" restype=\"x-heading\">"));
        assert!(xliff.contains("<context context-type=\"x-level\">1</context>"));
        assert!(xliff.contains("<trans-unit id=\"b2-s1\" xml:space=\"preserve\">\n<source>Tăng cường công tác kế hoạch hóa gia đình.</source>"));
        assert!(
            xliff.contains("<source>Nâng cao chất lượng dân số &amp; &lt;phát triển&gt;.</source>")
        );
        assert!(xliff.contains("<note from=\"plangloss\" annotates=\"source\">kế hoạch hóa gia đình → 计划生育 (preferred)</note>"));
        assert_eq!(xliff.matches("<trans-unit ").count(), 3);
        assert_eq!(xliff.matches("x-source-hash").count(), 3);
        let inline = write_v12(&record, &options(true));
        assert!(inline.contains(
            "<source>Tăng cường công tác <mrk mtype=\"term\">kế hoạch hóa gia đình</mrk>.</source>"
        ));
    }
}

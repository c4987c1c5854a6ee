//! XLIFF 2.1: one `<unit>` per block (`canResegment="no"`: our segments
//! are the document's sentences), one `<segment>` per sentence, an
//! `<ignorable>` for the whitespace between sentences, the block's context
//! in unit notes, and the glossary terms of the block in the Glossary
//! module (`gls:glossary`). With inline terms, each term is a `<mrk
//! type="term">` that its glossary entry references.

use super::{Options, escape, kind_name, sentences, source_hash, source_language, term_note};
use crate::model::{Block, TermHit};
use crate::output::Record;
use std::fmt::Write;

/// The namespace of the attributes and categories plangloss adds.
pub const PLANGLOSS_NS: &str = "urn:plangloss:xliff:1";

/// The XLIFF 2.1 document for `record`.
pub fn write_v21(record: &Record, options: &Options) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" \
         xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\" xmlns:pg=\"{PLANGLOSS_NS}\" \
         version=\"2.1\" srcLang=\"{}\" trgLang=\"{}\">\n<file id=\"f1\" original=\"{}\">\n",
        escape(&source_language(record, options)),
        escape(&options.target),
        escape(&record.path),
    );
    for (index, block) in record.blocks.iter().enumerate() {
        write_unit(&mut out, index + 1, block, options);
    }
    if record.blocks.is_empty() {
        // A file holds at least one unit or group.
        out.push_str(
            "<notes>\n<note category=\"pg:warning\">the document holds no text</note>\n</notes>\n<group id=\"empty\"/>\n",
        );
    }
    out.push_str("</file>\n</xliff>\n");
    out
}

/// One block as a unit.
fn write_unit(out: &mut String, number: usize, block: &Block, options: &Options) {
    let kind = kind_name(block.kind);
    let _ = writeln!(
        out,
        "<unit id=\"b{number}\" type=\"pg:{kind}\" canResegment=\"no\" xml:space=\"preserve\" pg:sourceHash=\"{}\">",
        source_hash(&block.text)
    );
    let sentences = sentences(block);
    let hits: Vec<&TermHit> = sentences
        .iter()
        .flat_map(|s| s.terms.iter().map(|(_, _, hit)| *hit))
        .collect();
    write_glossary(out, number, &hits, options);
    let context = context_note(block);
    if !context.is_empty() {
        let _ = write!(
            out,
            "<notes>\n<note category=\"pg:context\">{}</note>\n</notes>\n",
            escape(&context)
        );
    }
    let offsets = super::char_offsets(&block.text);
    let mut at = 0;
    let mut mark = 0;
    let spans = sentence_spans(block);
    for (index, (span, sentence)) in spans.iter().zip(&sentences).enumerate() {
        write_ignorable(
            out,
            number,
            index + 1,
            &block.text[offsets[at]..offsets[span.0]],
        );
        let mut source = String::new();
        let mut inside = 0;
        let chars: Vec<char> = sentence.text.chars().collect();
        let piece = |from: usize, to: usize| escape(&chars[from..to].iter().collect::<String>());
        for &(start, end, _) in sentence.terms.iter().filter(|_| options.inline_terms) {
            if start < inside {
                continue;
            }
            mark += 1;
            source.push_str(&piece(inside, start));
            let _ = write!(
                source,
                "<mrk id=\"b{number}-m{mark}\" type=\"term\">{}</mrk>",
                piece(start, end)
            );
            inside = end;
        }
        source.push_str(&piece(inside, chars.len()));
        let _ = writeln!(
            out,
            "<segment id=\"b{number}-s{}\"><source>{source}</source></segment>",
            index + 1
        );
        at = span.1;
    }
    write_ignorable(out, number, spans.len() + 1, &block.text[offsets[at]..]);
    out.push_str("</unit>\n");
}

/// The char spans of a block's sentences (the whole block when it has
/// none), as the sentences of [`super::sentences`] are cut.
fn sentence_spans(block: &Block) -> Vec<(usize, usize)> {
    if block.sentences.is_empty() {
        return vec![(0, block.text.chars().count())];
    }
    block.sentences.iter().map(|s| (s.start, s.end)).collect()
}

/// The text between two sentences, when there is any.
fn write_ignorable(out: &mut String, unit: usize, number: usize, text: &str) {
    if !text.is_empty() {
        let _ = writeln!(
            out,
            "<ignorable id=\"b{unit}-i{number}\"><source>{}</source></ignorable>",
            escape(text)
        );
    }
}

/// The block's kind, level, label, page and table position, for a note.
fn context_note(block: &Block) -> String {
    let mut parts = vec![format!("kind={}", kind_name(block.kind))];
    if let Some(level) = block.level {
        parts.push(format!("level={level}"));
    }
    if let Some(label) = &block.label {
        parts.push(format!("label={label}"));
    }
    if let Some(page) = block.page {
        parts.push(format!("page={page}"));
    }
    if let Some(table) = block.table {
        parts.push(format!(
            "table={} row={} column={}",
            table.index, table.row, table.col
        ));
    }
    if let Some(sheet) = &block.sheet {
        parts.push(format!("sheet={sheet}"));
    }
    parts.join("; ")
}

/// The unit's glossary entries (each once), referencing their inline marks
/// when there are any.
fn write_glossary(out: &mut String, unit: usize, hits: &[&TermHit], options: &Options) {
    if hits.is_empty() {
        return;
    }
    out.push_str("<gls:glossary>\n");
    let mut seen: Vec<String> = Vec::new();
    for (index, hit) in hits.iter().enumerate() {
        let note = term_note(hit, &options.target);
        if seen.contains(&note) {
            continue;
        }
        seen.push(note);
        let reference = if options.inline_terms {
            format!(" ref=\"#b{unit}-m{}\"", index + 1)
        } else {
            String::new()
        };
        let translation = super::target_term(hit, &options.target);
        let source = if hit.entry.glossary.is_empty() {
            String::new()
        } else {
            format!(" source=\"{}\"", escape(&hit.entry.glossary))
        };
        let _ = write!(
            out,
            "<gls:glossEntry{reference}>\n<gls:term{source}>{}</gls:term>\n",
            escape(&hit.text)
        );
        if let Some(translation) = translation {
            let _ = writeln!(
                out,
                "<gls:translation>{}</gls:translation>",
                escape(&translation)
            );
        }
        out.push_str("</gls:glossEntry>\n");
    }
    out.push_str("</gls:glossary>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Glossary, parse_tsv};
    use crate::pipeline::Pipeline;

    #[test]
    fn units_segments_ignorables_and_the_glossary_module() {
        let entries = parse_tsv("vi\tzh\nkế hoạch hóa gia đình\t计划生育\n").unwrap();
        let pipeline = Pipeline {
            glossary: Glossary::new(entries),
            ..Pipeline::default()
        };
        let record = pipeline.process_bytes(
            "Tăng cường công tác kế hoạch hóa gia đình. Nâng cao chất lượng dân số.".as_bytes(),
            "a.txt",
        );
        let mut options = Options {
            target: "zh".into(),
            source: None,
            inline_terms: false,
            prefill_targets: false,
        };
        let xliff = write_v21(&record, &options);
        assert!(
            xliff.contains("version=\"2.1\" srcLang=\"vi\" trgLang=\"zh\""),
            "{xliff}"
        );
        assert!(xliff.contains("<unit id=\"b1\" type=\"pg:paragraph\" canResegment=\"no\""));
        assert!(xliff.contains("<segment id=\"b1-s1\"><source>Tăng cường công tác kế hoạch hóa gia đình.</source></segment>\n<ignorable id=\"b1-i2\"><source> </source></ignorable>\n<segment id=\"b1-s2\">"));
        assert!(xliff.contains("<gls:term>kế hoạch hóa gia đình</gls:term>\n<gls:translation>计划生育</gls:translation>"));
        options.inline_terms = true;
        let xliff = write_v21(&record, &options);
        assert!(xliff.contains("<gls:glossEntry ref=\"#b1-m1\">"));
        assert!(xliff.contains("<mrk id=\"b1-m1\" type=\"term\">kế hoạch hóa gia đình</mrk>"));
    }
}

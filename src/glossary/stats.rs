//! How a glossary is used in a corpus: for each entry, how often and in
//! which documents it occurs; the entries never seen; and the documents
//! with the most candidate terms the glossary does not cover yet.

use super::Glossary;
use super::suggest::{Candidate, CorpusDocument};

/// The uses of one entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryUse {
    pub occurrences: usize,
    /// (document index, occurrences there), most occurrences first.
    pub documents: Vec<(usize, usize)>,
}

/// Uses of every entry of `glossary` in `documents`, in entry order.
pub fn entry_uses(glossary: &Glossary, documents: &[CorpusDocument]) -> Vec<EntryUse> {
    let mut uses = vec![EntryUse::default(); glossary.len()];
    for (index, document) in documents.iter().enumerate() {
        for block in &document.blocks {
            for found in glossary.matches(&block.text) {
                let used = &mut uses[found.entry];
                used.occurrences += 1;
                match used.documents.last_mut() {
                    Some((last, count)) if *last == index => *count += 1,
                    _ => used.documents.push((index, 1)),
                }
            }
        }
    }
    for used in &mut uses {
        used.documents
            .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    uses
}

/// For each document with candidates, its index and the candidates (their
/// indexes in `candidates`) it contains; most candidates first.
pub fn unknown_by_document(candidates: &[Candidate], documents: usize) -> Vec<(usize, Vec<usize>)> {
    let mut by_document = vec![Vec::new(); documents];
    for (index, candidate) in candidates.iter().enumerate() {
        for &document in &candidate.documents {
            by_document[document].push(index);
        }
    }
    let mut ranked: Vec<(usize, Vec<usize>)> = by_document
        .into_iter()
        .enumerate()
        .filter(|(_, found)| !found.is_empty())
        .collect();
    ranked.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    ranked
}

/// The report `plangloss glossary stats` prints: three TSV tables, each
/// after a `# ` title line, separated by blank lines.
pub fn render_stats(
    glossary: &Glossary,
    documents: &[CorpusDocument],
    uses: &[EntryUse],
    candidates: &[Candidate],
) -> String {
    let name = |entry: usize| {
        let entry = &glossary.entries()[entry];
        let term = ["vi", "zh", "en"]
            .iter()
            .find_map(|code| entry.terms.get(code))
            .or_else(|| entry.terms.values().next())
            .unwrap_or("");
        (
            format!("{}:{}", entry.glossary, entry.line),
            term.to_string(),
        )
    };
    let mut order: Vec<usize> = (0..uses.len()).collect();
    order.sort_by(|&a, &b| {
        uses[b]
            .occurrences
            .cmp(&uses[a].occurrences)
            .then(a.cmp(&b))
    });
    let mut out = format!(
        "# entries by occurrences ({} documents)\nentry\tterm\toccurrences\tdocuments\tmost in\n",
        documents.len()
    );
    for &entry in order.iter().filter(|&&e| uses[e].occurrences > 0) {
        let (place, term) = name(entry);
        let most_in: Vec<String> = uses[entry]
            .documents
            .iter()
            .take(3)
            .map(|&(document, count)| format!("{} ({count})", documents[document].path))
            .collect();
        out.push_str(&format!(
            "{place}\t{term}\t{}\t{}\t{}\n",
            uses[entry].occurrences,
            uses[entry].documents.len(),
            most_in.join(", ")
        ));
    }
    let unseen: Vec<usize> = (0..uses.len())
        .filter(|&e| uses[e].occurrences == 0)
        .collect();
    out.push_str(&format!(
        "\n# entries never seen ({})\nentry\tterm\n",
        unseen.len()
    ));
    for entry in unseen {
        let (place, term) = name(entry);
        out.push_str(&format!("{place}\t{term}\n"));
    }
    out.push_str(
        "\n# documents with the most unknown candidate terms\ndocument\tcandidates\tfor example\n",
    );
    for (document, found) in unknown_by_document(candidates, documents.len()) {
        let examples: Vec<&str> = found
            .iter()
            .take(5)
            .map(|&c| candidates[c].text.as_str())
            .collect();
        out.push_str(&format!(
            "{}\t{}\t{}\n",
            documents[document].path,
            found.len(),
            examples.join(" | ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse_named;
    use crate::model::{Block, BlockKind, Lang};

    fn document(path: &str, texts: &[&str]) -> CorpusDocument {
        CorpusDocument {
            path: path.to_string(),
            blocks: texts
                .iter()
                .map(|text| {
                    let mut block = Block::new(BlockKind::Paragraph, *text);
                    block.lang = Lang::Vi;
                    block
                })
                .collect(),
        }
    }

    #[test]
    fn counts_entries_per_document_and_lists_the_unseen() {
        let glossary = Glossary::new(
            parse_named(
                "vi\tzh\nDân số\t人口\nTiêm chủng\t免疫接种\nSàng lọc\t筛查\n",
                "g.tsv",
            )
            .unwrap(),
        );
        let documents = vec![
            document("a.docx", &["Dân số và dân số.", "Tiêm chủng."]),
            document("b.pdf", &["Công tác dân số."]),
        ];
        let uses = entry_uses(&glossary, &documents);
        assert_eq!(uses[0].occurrences, 3);
        assert_eq!(uses[0].documents, vec![(0, 2), (1, 1)]);
        assert_eq!(uses[1].documents, vec![(0, 1)]);
        assert_eq!(uses[2].occurrences, 0);
        let report = render_stats(&glossary, &documents, &uses, &[]);
        assert!(
            report.contains("g.tsv:2\tDân số\t3\t2\ta.docx (2), b.pdf (1)\n"),
            "{report}"
        );
        assert!(report.contains("# entries never seen (1)\nentry\tterm\ng.tsv:4\tSàng lọc\n"));
    }
}

//! The facts as people read them: `plangloss info` and `plangloss text
//! --outline`.

use super::{DocumentFacts, OutlineNode};
use std::fmt::Write;

/// The outline as an indented tree, one heading a line: its label and
/// title, two spaces per level below the first.
pub fn outline_tree(nodes: &[OutlineNode]) -> String {
    let mut out = String::new();
    write_nodes(&mut out, nodes);
    out
}

fn write_nodes(out: &mut String, nodes: &[OutlineNode]) {
    for node in nodes {
        let indent = "  ".repeat(node.level.saturating_sub(1) as usize);
        let line = [node.label.as_str(), node.title.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(out, "{indent}{line}");
        write_nodes(out, &node.children);
    }
}

/// A short summary of `facts`, one fact a line, each line indented by two
/// spaces after a label; facts the document lacks are left out.
pub fn summary(facts: &DocumentFacts) -> String {
    let mut out = String::new();
    let mut line = |label: &str, value: String| {
        if !value.is_empty() {
            let _ = writeln!(out, "  {label:<11}{value}");
        }
    };
    line("number", facts.number.clone().unwrap_or_default());
    let doc_type = match (facts.doc_type, &facts.type_text) {
        (Some(t), Some(text)) => format!("{} ({text})", t.name()),
        (Some(t), None) => t.name().to_string(),
        (None, _) => String::new(),
    };
    line("type", doc_type);
    let issuer = match (&facts.issuer, &facts.issuer_parent) {
        (Some(issuer), Some(parent)) => format!("{issuer} (under {parent})"),
        (Some(issuer), None) => issuer.clone(),
        (None, _) => String::new(),
    };
    line("issuer", issuer);
    line("place", facts.place.clone().unwrap_or_default());
    line("date", facts.date.clone().unwrap_or_default());
    line("subject", facts.subject.clone().unwrap_or_default());
    if let Some(signer) = &facts.signer {
        let parts: Vec<&str> = [&signer.authority, &signer.title, &signer.name]
            .into_iter()
            .filter_map(|part| part.as_deref())
            .collect();
        line("signer", parts.join(" / "));
    }
    if !facts.recipients.is_empty() {
        line(
            "recipients",
            format!(
                "{}: {}",
                facts.recipients.len(),
                facts.recipients.join("; ")
            ),
        );
    }
    if !facts.references.is_empty() {
        let cited: Vec<String> = facts
            .references
            .iter()
            .map(|r| {
                let details: Vec<&str> = [r.doc_type.map(|t| t.name()), r.date.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                let number = r.number.as_deref().unwrap_or(&r.text);
                if details.is_empty() {
                    number.to_string()
                } else {
                    format!("{number} ({})", details.join(", "))
                }
            })
            .collect();
        line(
            "references",
            format!("{}: {}", cited.len(), cited.join("; ")),
        );
    }
    if !facts.outline.is_empty() {
        let (count, depth) = measure(&facts.outline);
        line(
            "outline",
            format!(
                "{count} headings, {depth} level{}",
                if depth == 1 { "" } else { "s" }
            ),
        );
    }
    if out.is_empty() {
        out.push_str("  (no document facts found)\n");
    }
    out
}

/// How many nodes, and how deep.
fn measure(nodes: &[OutlineNode]) -> (usize, u32) {
    nodes.iter().fold((0, 0), |(count, depth), node| {
        let (below, below_depth) = measure(&node.children);
        (count + 1 + below, depth.max(node.level).max(below_depth))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{DocType, Signer};

    fn node(label: &str, title: &str, level: u32, children: Vec<OutlineNode>) -> OutlineNode {
        OutlineNode {
            label: label.into(),
            title: title.into(),
            level,
            block: 0,
            children,
        }
    }

    #[test]
    fn a_tree_and_a_summary() {
        let outline = vec![node(
            "I.",
            "MỤC ĐÍCH",
            1,
            vec![node("1.", "Mục đích", 2, vec![node("a)", "", 3, vec![])])],
        )];
        assert_eq!(
            outline_tree(&outline),
            "I. MỤC ĐÍCH\n  1. Mục đích\n    a)\n"
        );
        let facts = DocumentFacts {
            number: Some("45/KH-UBND".into()),
            doc_type: Some(DocType::Plan),
            type_text: Some("KẾ HOẠCH".into()),
            issuer: Some("SỞ Y TẾ".into()),
            issuer_parent: Some("UBND TỈNH SƠN HÀ".into()),
            place: Some("Sơn Hà".into()),
            date: Some("2025-03-02".into()),
            signer: Some(Signer {
                name: Some("Nguyễn Văn An".into()),
                title: Some("GIÁM ĐỐC".into()),
                authority: None,
            }),
            outline,
            ..DocumentFacts::default()
        };
        let shown = summary(&facts);
        assert!(shown.contains("  number     45/KH-UBND\n"));
        assert!(shown.contains("  type       plan (KẾ HOẠCH)\n"));
        assert!(shown.contains("  issuer     SỞ Y TẾ (under UBND TỈNH SƠN HÀ)\n"));
        assert!(shown.contains("  place      Sơn Hà\n  date       2025-03-02\n"));
        assert!(shown.contains("  signer     GIÁM ĐỐC / Nguyễn Văn An\n"));
        assert!(shown.contains("  outline    3 headings, 3 levels\n"));
        assert_eq!(
            summary(&DocumentFacts::default()),
            "  (no document facts found)\n"
        );
    }
}

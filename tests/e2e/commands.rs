//! The `text` and `segment` commands and the help texts of the contract.

use crate::common::*;
use std::io::Write;
use std::process::{Command, Stdio};

fn segment_stdin(args: &[&str], input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plangloss"))
        .arg("segment")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn segment_prints_one_sentence_per_line_and_blank_lines_between_paragraphs() {
    let out = segment_stdin(
        &["--lang", "vi"],
        "Kế hoạch số 144/KH-UBND ngày 01/02/2018 của UBND TP. Hải Phòng. Các đơn vị thực hiện./.\n\nNơi nhận: như trên.\n",
    );
    assert_eq!(
        out,
        "Kế hoạch số 144/KH-UBND ngày 01/02/2018 của UBND TP. Hải Phòng.\nCác đơn vị thực hiện./.\n\nNơi nhận: như trên.\n\n"
    );
    let zh = segment_stdin(&[], "一、指导思想。坚持计划生育基本国策！\n");
    assert_eq!(zh, "一、指导思想。\n坚持计划生育基本国策！\n\n");
}

#[test]
fn segment_reads_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.txt");
    std::fs::write(&file, "Một câu. Hai câu.\n").unwrap();
    let output = plangloss(&["segment", file.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Một câu.\nHai câu.\n\n"
    );
}

#[test]
fn text_prints_blocks_one_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.html");
    std::fs::write(
        &file,
        "<html><head><meta charset=utf-8><title>T</title></head><body><nav>Trang chủ | Tin tức</nav>\
         <h1>Kế hoạch tiêm chủng</h1><p>Đoạn một.</p><p>Đoạn hai.</p><footer>Bản quyền</footer></body></html>",
    )
    .unwrap();
    let output = plangloss(&["text", file.to_str().unwrap()]);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Kế hoạch tiêm chủng\nĐoạn một.\nĐoạn hai.\n"
    );
}

#[test]
fn text_of_a_broken_file_fails_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.docx");
    std::fs::write(&file, b"PK\x03\x04 truncated").unwrap();
    let output = plangloss(&["text", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("truncated or damaged"));
}

#[test]
fn every_command_has_help_with_examples() {
    for command in [
        "ingest",
        "text",
        "segment",
        "glossary lint",
        "glossary add",
        "glossary remove",
        "glossary set",
        "glossary import",
        "glossary export",
        "glossary stats",
        "glossary suggest",
    ] {
        let mut args: Vec<&str> = command.split(' ').collect();
        args.push("--help");
        let output = plangloss(&args);
        assert!(output.status.success());
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(help.contains("Example"), "{command} --help has no example");
        assert!(
            help.contains("plangloss "),
            "{command} --help example does not show a command line"
        );
    }
    let ingest = String::from_utf8(plangloss(&["ingest", "--help"]).stdout).unwrap();
    for option in [
        "--output",
        "--glossary",
        "--jobs",
        "--max-file-size",
        "Exit status",
    ] {
        assert!(
            ingest.contains(option),
            "ingest --help does not explain {option}"
        );
    }
}

#[test]
fn vi_tone_moves_ambiguous_marks_and_terms_still_match() {
    let file = "corpora/vi/kh-suc-khoe-sinh-san-vtn-2025.html";
    let new = String::from_utf8(plangloss(&["text", "--vi-tone", "new", file]).stdout).unwrap();
    let old = String::from_utf8(plangloss(&["text", "--vi-tone", "old", file]).stdout).unwrap();
    assert!(
        new.contains("sức khoẻ") && !new.contains("sức khỏe"),
        "{new}"
    );
    assert!(
        old.contains("sức khỏe") && !old.contains("sức khoẻ"),
        "{old}"
    );
    assert_eq!(new.chars().count(), old.chars().count());
    let output = plangloss(&[
        "ingest",
        "--vi-tone",
        "new",
        "--glossary",
        "glossaries/program-terms.tsv",
        file,
    ]);
    let records = records(&output);
    let hits: Vec<&str> = records[0]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["terms"].as_array().unwrap())
        .filter_map(|t| t["text"].as_str())
        .collect();
    assert!(
        hits.iter().any(|t| t.to_lowercase() == "sức khoẻ sinh sản"),
        "{hits:?}"
    );
}

#[test]
fn encoding_option_forces_the_reading_of_text_files() {
    // A short TCVN3 line: too little text for detection to be sure of.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ghi-chu.txt");
    std::fs::write(&file, b"K\xd5 ho\xb9ch h\xe3a gia \xae\xd7nh\n").unwrap();
    let file = file.to_str().unwrap();
    let forced = plangloss(&["text", "--encoding", "tcvn3", file]);
    assert_eq!(
        String::from_utf8(forced.stdout).unwrap(),
        "Kế hoạch hóa gia đình\n"
    );
    let output = plangloss(&["ingest", "--encoding", "abc", file]);
    let meta = &records(&output)[0]["meta"];
    assert_eq!(meta["encoding"], "TCVN3");
    assert_eq!(meta["encoding_source"], "forced");
    let unknown = plangloss(&["text", "--encoding", "klingon", file]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown encoding `klingon`"));
}

#[test]
fn zh_variant_matches_terms_across_scripts_and_rewrites_only_when_asked() {
    let file = "corpora/zh/web/big5-shequ-jiankang-cujin.html";
    let hits = |variant: &[&str]| -> Vec<String> {
        let mut args = vec!["ingest", "--glossary", "glossaries/program-terms.tsv"];
        args.extend(variant);
        args.push(file);
        let records = records(&plangloss(&args));
        records[0]["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|b| b["terms"].as_array().unwrap())
            .map(|t| t["text"].as_str().unwrap().to_string())
            .collect()
    };
    let as_written = hits(&[]);
    let across = hits(&["--zh-variant", "match"]);
    assert!(
        !as_written.contains(&"育齡婦女".to_string()),
        "{as_written:?}"
    );
    assert!(across.contains(&"育齡婦女".to_string()), "{across:?}");
    let text = |variant: &str| {
        String::from_utf8(plangloss(&["text", "--zh-variant", variant, file]).stdout).unwrap()
    };
    assert!(text("match").starts_with("社區健康促進與衛生教育實施計畫\n"));
    assert!(text("simplified").starts_with("社区健康促进与卫生教育实施计划\n"));
}

#[test]
fn srx_option_adds_rules_before_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("mine.srx");
    std::fs::write(
        &rules,
        r#"<?xml version="1.0"?><srx xmlns="http://www.lisa.org/srx20" version="2.0">
        <header cascade="yes"/><body><languagerules><languagerule languagerulename="Mine">
        <rule break="no"><beforebreak>(?:^|\s)Khu\.</beforebreak><afterbreak>\s</afterbreak></rule>
        </languagerule></languagerules>
        <maprules><languagemap languagepattern="vi.*" languagerulename="Mine"/></maprules></body></srx>"#,
    )
    .unwrap();
    let text = "Họp tại Khu. Bắc Hà. Các xã dự.";
    let shipped = segment_stdin(&["--lang", "vi"], text);
    assert_eq!(shipped, "Họp tại Khu.\nBắc Hà.\nCác xã dự.\n\n");
    let mine = segment_stdin(&["--lang", "vi", "--srx", rules.to_str().unwrap()], text);
    assert_eq!(mine, "Họp tại Khu. Bắc Hà.\nCác xã dự.\n\n");
    let missing = plangloss(&["segment", "--srx", "no-such.srx", "Cargo.toml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such.srx"));
}

#[test]
fn glossary_lint_reports_like_a_compiler_and_fails_on_errors() {
    let clean = plangloss(&["glossary", "lint", "glossaries/program-terms.tsv"]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.tsv");
    std::fs::write(
        &file,
        "vi\tzh\ten\tnote\nDân số\t人口\tpopulation\t\nDân số\t人口\tpopulation\t\nhoá chất\t\tchemical \t\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let bad = plangloss(&["glossary", "lint", file]);
    assert_eq!(bad.status.code(), Some(1));
    let report = String::from_utf8(bad.stdout).unwrap();
    assert!(
        report.contains(&format!(
            "{file}:3: error[duplicate-entry]: the same terms as line 2"
        )),
        "{report}"
    );
    assert!(
        report.contains(&format!("{file}:4: warning[spaces]:")),
        "{report}"
    );
    let missing = plangloss(&["glossary", "lint", "no-such.tsv"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn deprecated_terms_are_flagged_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("qa.tsv");
    std::fs::write(
        &glossary,
        "vi\ten\tid\tstatus\nSinh đẻ có kế hoạch\tbirth control\told-fp\tdeprecated\nKế hoạch hóa gia đình\tfamily planning\tfp\tpreferred\n",
    )
    .unwrap();
    let text = dir.path().join("plan.txt");
    std::fs::write(&text, "Tuyên truyền sinh đẻ có kế hoạch. Sinh đẻ có kế hoạch là cách nói cũ của kế hoạch hóa gia đình.\n").unwrap();
    let output = plangloss(&[
        "ingest",
        "--glossary",
        glossary.to_str().unwrap(),
        text.to_str().unwrap(),
    ]);
    let record = &records(&output)[0];
    let hits: Vec<&serde_json::Value> = record["blocks"][0]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(hits.len(), 3);
    assert_eq!(hits[0]["deprecated"], true);
    assert_eq!(hits[0]["id"], "old-fp");
    assert_eq!(hits[2]["status"], "preferred");
    assert!(hits[2].get("deprecated").is_none());
    let warnings = record["warnings"].to_string();
    assert!(
        warnings.contains("deprecated term \\\"sinh đẻ có kế hoạch\\\" used 2 times"),
        "{warnings}"
    );
}

#[test]
fn glossary_stats_counts_entries_per_document_on_corpora() {
    let output = plangloss(&[
        "glossary",
        "stats",
        "glossaries/program-terms.tsv",
        "corpora/",
    ]);
    assert!(output.status.success(), "{output:?}");
    let report = String::from_utf8(output.stdout).unwrap();
    let sections: Vec<&str> = report.split("\n\n").collect();
    assert_eq!(sections.len(), 3, "{report}");
    assert!(sections[0].starts_with("# entries by occurrences ("));
    // Every row: FILE:LINE, term, occurrences, documents, where most.
    let row = sections[0]
        .lines()
        .find(|line| line.contains("\tTiêm chủng\t"))
        .expect("Tiêm chủng occurs in corpora/");
    let cells: Vec<&str> = row.split('\t').collect();
    assert!(cells[0].starts_with("glossaries/program-terms.tsv:"));
    let (occurrences, documents): (usize, usize) =
        (cells[2].parse().unwrap(), cells[3].parse().unwrap());
    assert!(occurrences >= documents && documents >= 2, "{row}");
    assert!(
        cells[4].contains("vi/kh-tiem-chung-mo-rong-2025.docx ("),
        "{row}"
    );
    assert!(sections[1].starts_with("# entries never seen ("));
    assert!(sections[2].starts_with("# documents with the most unknown candidate terms"));
    assert!(sections[2].lines().count() > 3, "{report}");
}

#[test]
fn glossary_stats_names_unreadable_documents_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.txt"), "Công tác tiêm chủng.\n").unwrap();
    std::fs::write(dir.path().join("broken.docx"), b"PK\x03\x04 not really").unwrap();
    let folder = dir.path().to_str().unwrap();
    let output = plangloss(&["glossary", "stats", "glossaries/program-terms.tsv", folder]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("broken.docx"));
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(
        report.contains("\tTiêm chủng\t1\t1\tplan.txt (1)\n"),
        "{report}"
    );
}

#[test]
fn glossary_suggest_prints_rows_ready_to_paste() {
    let output = plangloss(&[
        "glossary",
        "suggest",
        "corpora/",
        "--glossary",
        "glossaries/program-terms.tsv",
        "--limit",
        "40",
    ]);
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    let header = std::fs::read_to_string(root().join("glossaries/program-terms.tsv")).unwrap();
    let header = header.lines().next().unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(header));
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split('\t').collect()).collect();
    assert_eq!(rows.len(), 40);
    let columns: Vec<&str> = header.split('\t').collect();
    let glossary =
        plangloss::glossary::Glossary::load(&[root().join("glossaries/program-terms.tsv")])
            .unwrap();
    for row in &rows {
        assert_eq!(row.len(), columns.len());
        let term = row[0..3]
            .iter()
            .find(|cell| !cell.is_empty())
            .expect("a term");
        // Not already in the glossary, and with its evidence.
        let known = glossary.find(term);
        assert!(known.iter().all(|hit| hit.text != *term), "{term} is known");
        let note = row[columns.iter().position(|c| *c == "note").unwrap()];
        assert!(note.starts_with("candidate: ") && note.contains("C-value") && note.contains('«'));
    }
    // Both languages of the corpora come up.
    assert!(rows.iter().any(|row| !row[0].is_empty()) && rows.iter().any(|row| !row[1].is_empty()));
    // The rows paste into the glossary and it still lints clean.
    let dir = tempfile::tempdir().unwrap();
    let pasted = dir.path().join("pasted.tsv");
    let original = std::fs::read_to_string(root().join("glossaries/program-terms.tsv")).unwrap();
    let new_rows: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    std::fs::write(&pasted, format!("{original}{new_rows}")).unwrap();
    let lint = plangloss(&["glossary", "lint", pasted.to_str().unwrap()]);
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
}

//! `plangloss glossary add|remove|set`: atomic, locked writes that change
//! only their own lines and are refused when the result would fail lint.

use crate::common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A generated glossary of `rows` distinct entries.
fn generated(rows: usize) -> String {
    let mut text = String::from("vi\tzh\ten\tid\n");
    for i in 0..rows {
        text.push_str(&format!("thuật ngữ số {i}\t术语{i}\tterm {i}\tt{i}\n"));
    }
    text
}

fn run(args: &[&str]) -> std::process::Output {
    plangloss(args)
}

#[test]
fn edits_change_only_their_own_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terms.tsv");
    let original = std::fs::read_to_string(root().join("glossaries/program-terms.tsv")).unwrap();
    std::fs::write(&path, &original).unwrap();
    let file = path.to_str().unwrap();
    let add = run(&[
        "glossary",
        "add",
        file,
        "--vi",
        "Sàng lọc sơ sinh mở rộng",
        "--zh",
        "扩大新生儿筛查",
        "--en",
        "expanded newborn screening",
        "--note",
        "test entry",
    ]);
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let added = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        added,
        format!(
            "{original}Sàng lọc sơ sinh mở rộng\t扩大新生儿筛查\texpanded newborn screening\ttest entry\n"
        )
    );
    let set = run(&["glossary", "set", file, "--id", "x"]);
    assert_eq!(
        set.status.code(),
        Some(1),
        "no id column, no row with that id"
    );
    let remove = run(&[
        "glossary",
        "remove",
        file,
        "--vi",
        "SÀNG LỌC SƠ SINH MỞ RỘNG",
    ]);
    assert!(remove.status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    let duplicate = run(&[
        "glossary",
        "add",
        file,
        "--vi",
        "Dân số",
        "--zh",
        "人口",
        "--en",
        "population",
    ]);
    assert_eq!(duplicate.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&duplicate.stdout).contains("error[duplicate-entry]"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original,
        "a refused write writes nothing"
    );
}

#[test]
fn a_killed_writer_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.tsv");
    let original = generated(60_000);
    let row = "thuật ngữ mới\t新术语\tnew term\tnew\n";
    for delay_ms in [0, 40, 120, 300, 450, 550, 600, 650, 700, 800] {
        std::fs::write(&path, &original).unwrap();
        let mut writer = writer(
            &path,
            &[
                "--vi",
                "thuật ngữ mới",
                "--zh",
                "新术语",
                "--en",
                "new term",
                "--id",
                "new",
            ],
        );
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = writer.kill();
        let _ = writer.wait();
        let after = std::fs::read_to_string(&path).unwrap();
        assert!(
            after == original || after == format!("{original}{row}"),
            "killed after {delay_ms} ms: the file is neither the old nor the new one ({} bytes)",
            after.len()
        );
    }
    // The next writer is not stopped by what the killed ones left, and
    // clears it.
    let mut next = writer(&path, &["--vi", "mục sau cùng", "--id", "last"]);
    assert!(next.wait().unwrap().success());
    let temporaries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .filter(|name| name.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(temporaries.is_empty(), "left behind: {temporaries:?}");
}

#[test]
fn concurrent_writers_never_lose_an_update() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.tsv");
    std::fs::write(&path, generated(20_000)).unwrap();
    let writers: Vec<_> = (0..4)
        .map(|i| {
            let (vi, id) = (format!("mục mới {i}"), format!("new-{i}"));
            writer(&path, &["--vi", &vi, "--id", &id])
        })
        .collect();
    for mut writer in writers {
        assert!(writer.wait().unwrap().success());
    }
    let after = std::fs::read_to_string(&path).unwrap();
    for i in 0..4 {
        assert!(
            after.contains(&format!("mục mới {i}\t\t\tnew-{i}\n")),
            "update {i} was lost"
        );
    }
    assert_eq!(after.lines().count(), 20_001 + 4);
    let lint = run(&["glossary", "lint", path.to_str().unwrap()]);
    assert!(lint.status.success());
}

fn writer(path: &Path, fields: &[&str]) -> std::process::Child {
    let mut args = vec!["glossary", "add", path.to_str().unwrap()];
    args.extend(fields);
    Command::new(env!("CARGO_BIN_EXE_plangloss"))
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn the_shipped_glossary_survives_csv_and_tbx_round_trips_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let source = root().join("glossaries/program-terms.tsv");
    let original = std::fs::read_to_string(&source).unwrap();
    for format in ["csv", "tbx", "tsv"] {
        let exported = dir.path().join(format!("terms.{format}"));
        let back = dir.path().join(format!("back-from-{format}.tsv"));
        let out = run(&[
            "glossary",
            "export",
            "--to",
            format,
            source.to_str().unwrap(),
            "-o",
            exported.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = run(&[
            "glossary",
            "import",
            "--from",
            format,
            exported.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(&back).unwrap(),
            original,
            "{format}"
        );
    }
    let csv = std::fs::read_to_string(dir.path().join("terms.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}') && csv.contains("\r\n"));
    let tbx = std::fs::read_to_string(dir.path().join("terms.tbx")).unwrap();
    assert!(tbx.contains("<tbx type=\"TBX-Basic\"") && tbx.contains("<langSec xml:lang=\"zh\">"));
}

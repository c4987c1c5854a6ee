//! `ingest --files-from` and `--shard`: a list of paths (a file or stdin,
//! lines or NUL-separated) gives the records a walk of the same files
//! gives, and shards split a batch exactly once.

use crate::common::*;
use std::io::Write;
use std::process::{Command, Stdio};

/// The relative paths of every file under `corpora/`, sorted.
fn corpora_files() -> Vec<String> {
    fn walk(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{prefix}{name}");
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{path}/"), out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("corpora"), "", &mut files);
    files.sort();
    files
}

fn ingest_with_stdin(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plangloss"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn sorted_lines(bytes: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

#[test]
fn a_list_gives_what_a_walk_gives() {
    let walked = plangloss(&["ingest", "corpora", "--jobs", "2"]);
    assert!(walked.status.success());
    let list = corpora_files().join("\n") + "\n";
    let listed = ingest_with_stdin(
        &[
            "ingest",
            "--files-from",
            "-",
            "--base",
            "corpora",
            "--jobs",
            "2",
        ],
        list.as_bytes(),
    );
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    assert_eq!(listed.stdout, walked.stdout);
    let nul_list: Vec<u8> = corpora_files()
        .iter()
        .flat_map(|f| f.bytes().chain([0]))
        .collect();
    let file = std::env::temp_dir().join(format!("plangloss-list-{}", std::process::id()));
    std::fs::write(&file, &nul_list).unwrap();
    let from_file = plangloss(&[
        "ingest",
        "--files-from",
        file.to_str().unwrap(),
        "-0",
        "--base",
        "corpora",
    ]);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(from_file.stdout, walked.stdout);
}

#[test]
fn shards_split_a_batch_exactly_once() {
    let whole = plangloss(&["ingest", "corpora"]);
    let mut parts = Vec::new();
    for shard in ["0/3", "1/3", "2/3"] {
        let part = plangloss(&["ingest", "corpora", "--shard", shard]);
        assert!(part.status.success());
        let lines = sorted_lines(&part.stdout);
        assert!(!lines.is_empty(), "shard {shard} is empty");
        parts.extend(lines);
    }
    parts.sort();
    assert_eq!(parts, sorted_lines(&whole.stdout));
    let wrong = plangloss(&["ingest", "corpora", "--shard", "3/3"]);
    assert_eq!(wrong.status.code(), Some(2));
    let missing = plangloss(&["ingest", "--files-from", "no/such/list.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/list.txt"));
}

#[test]
fn listed_files_that_do_not_exist_are_error_records() {
    let out = ingest_with_stdin(
        &["ingest", "--files-from", "-"],
        b"corpora/vi/kh-truyen-thong-dan-so-2025.docx\nno/such/plan.pdf\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(
        records[0]["path"],
        "corpora/vi/kh-truyen-thong-dan-so-2025.docx"
    );
    assert_eq!(records[1]["path"], "no/such/plan.pdf");
    assert_eq!(records[1]["error"]["kind"], "io");
}

#[test]
fn records_come_out_while_the_list_is_still_being_written() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plangloss"))
        .args(["ingest", "--files-from", "-", "--jobs", "1"])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Enough documents to fill the reorder window, so the first record is
    // written before the list ends only if the list is streamed.
    for _ in 0..40 {
        stdin
            .write_all(b"corpora/vi/kh-truyen-thong-dan-so-2025.docx\n")
            .unwrap();
    }
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (line_tx, line_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut first = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first).unwrap();
        let _ = line_tx.send(first);
    });
    let first = line_rx.recv_timeout(std::time::Duration::from_secs(120));
    drop(stdin);
    let _ = child.wait();
    let first = first.expect("no record while the list was open: the list is not streamed");
    assert!(first.contains("kh-truyen-thong-dan-so-2025.docx"));
}

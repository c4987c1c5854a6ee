//! End-to-end runs of `plangloss omegat`: the project's files, and, when
//! OmegaT is installed (Debian's `omegat` package, Java 17), a real
//! headless translation of the project with a memory, read back with our
//! reader, and OmegaT's own segmentation under the project's rules.

use crate::common::*;
use plangloss::xliff::read::read;
use std::path::{Path, PathBuf};
use std::process::Command;

const OMEGAT_JAR: &str = "/usr/share/omegat/OmegaT.jar";

/// The `java` command and OmegaT's jar, or `None` (reason printed).
fn omegat() -> Option<PathBuf> {
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let jar = Path::new(OMEGAT_JAR);
    if java && jar.exists() {
        return Some(jar.to_path_buf());
    }
    eprintln!(
        "skipping the OmegaT run: needs java and {OMEGAT_JAR} (apt-get install omegat openjdk-17-jre-headless)"
    );
    None
}

/// Runs OmegaT headless on `project` in `mode` with extra arguments.
fn run_omegat(jar: &Path, project: &Path, config: &Path, args: &[&str]) {
    let status = Command::new("java")
        .args(["-Djava.awt.headless=true", "-jar"])
        .arg(jar)
        .arg(project)
        .args(args)
        .arg(format!("--config-dir={}", config.display()))
        .args(["--quiet", "--disable-project-locking"])
        .output()
        .expect("java runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

const PLAN: &str = "corpora/vi/kh-truyen-thong-giao-duc-suc-khoe-2025.txt";

#[test]
fn a_project_translated_by_omegat_with_a_memory() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    // A memory that translates the plan's third sentence.
    let record = ingest(PLAN);
    let third = blocks(&record)[2]["text"].as_str().unwrap().to_string();
    let memory = dir.path().join("memory.tmx");
    std::fs::write(
        &memory,
        format!(
            "<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"vi\" datatype=\"plaintext\"/><body>\
             <tu><tuv xml:lang=\"vi\"><seg>{third}</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>越南社会主义共和国</seg></tuv></tu></body></tmx>"
        ),
    )
    .unwrap();
    let out = plangloss(&[
        "omegat",
        PLAN,
        "--target",
        "zh-CN",
        "--glossary",
        "glossaries/program-terms.tsv",
        "--tmx",
        memory.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        "omegat.project",
        "omegat/segmentation.srx",
        "omegat/segmentation.conf",
        "glossary/program-terms.txt",
        "tm/auto/memory.tmx",
    ] {
        assert!(project.join(file).is_file(), "{file}");
    }
    assert!(project.join("target").is_dir());
    let source = project.join(format!("source/{PLAN}.xlf"));
    let units = read(&std::fs::read_to_string(&source).unwrap())
        .unwrap()
        .pairs;
    assert!(
        units
            .iter()
            .all(|u| u.target.as_deref() == Some(u.source.as_str()))
    );
    let glossary = std::fs::read_to_string(project.join("glossary/program-terms.txt")).unwrap();
    assert!(glossary.lines().any(|l| l.starts_with("Dân số\t人口")));
    let Some(jar) = omegat() else {
        return;
    };
    run_omegat(
        &jar,
        &project,
        &dir.path().join("config"),
        &["--mode=console-translate"],
    );
    let translated = project.join(format!("target/{PLAN}.xlf"));
    let pairs = read(&std::fs::read_to_string(translated).unwrap())
        .unwrap()
        .pairs;
    assert_eq!(pairs.len(), units.len());
    let done: Vec<_> = pairs.iter().filter(|p| p.is_translated()).collect();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].target.as_deref(), Some("越南社会主义共和国"));
    let stats = std::fs::read_to_string(project.join("omegat/project_stats.txt")).unwrap();
    let total = stats.lines().find(|l| l.starts_with("Total:")).unwrap();
    assert_eq!(
        total.split_whitespace().nth(1),
        Some(units.len().to_string().as_str())
    );
}

#[test]
fn omegat_segments_by_our_rules_when_its_segmentation_is_on() {
    let Some(jar) = omegat() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("tp.txt");
    let sentence = "Ủy ban nhân dân TP. Hồ Chí Minh ban hành kế hoạch.";
    std::fs::write(&text, format!("{sentence} Sở Y tế thực hiện.\n")).unwrap();
    let project = dir.path().join("project");
    plangloss(&[
        "omegat",
        text.to_str().unwrap(),
        "--target",
        "zh-CN",
        "-o",
        project.to_str().unwrap(),
    ]);
    // One unit holding both sentences, and OmegaT's segmentation on.
    let mut files = vec![];
    let mut stack = vec![project.join("source")];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path)
            } else {
                files.push(path)
            }
        }
    }
    assert_eq!(files.len(), 1);
    let both = format!("{sentence} Sở Y tế thực hiện.");
    std::fs::write(&files[0], format!(
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"tp.txt\" source-language=\"vi\" target-language=\"zh-CN\" datatype=\"plaintext\"><body>\
         <trans-unit id=\"1\"><source>{both}</source><target>{both}</target></trans-unit></body></file></xliff>"
    )).unwrap();
    let settings = project.join("omegat.project");
    let on = std::fs::read_to_string(&settings)
        .unwrap()
        .replace("<sentence_seg>false", "<sentence_seg>true");
    std::fs::write(&settings, on).unwrap();
    let dump = dir.path().join("segments.tmx");
    run_omegat(
        &jar,
        &project,
        &dir.path().join("config"),
        &[
            "--mode=console-createpseudotranslatetmx",
            &format!("--pseudotranslatetmx={}", dump.display()),
            "--pseudotranslatetype=equal",
        ],
    );
    let segments = read(&std::fs::read_to_string(dump).unwrap()).unwrap().pairs;
    let sources: Vec<&str> = segments.iter().map(|p| p.source.as_str()).collect();
    assert!(sources.contains(&sentence), "{sources:?}");
}

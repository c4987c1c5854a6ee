//! Limits that hold in every command, exit statuses, and a batch of damaged
//! files: what an unattended run over folders nobody checked relies on.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A small deterministic generator (xorshift64*), so that the mutants are
/// the same on every run and every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One damaged copy of `bytes`: flipped bits, overwritten or repeated
/// stretches, a cut, or several of these.
fn mutant(bytes: &[u8], random: &mut Random) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + random.below(3) {
        let len = out.len().max(1);
        match random.below(5) {
            0 => {
                for _ in 0..1 + random.below(16) {
                    let at = random.below(len);
                    if let Some(byte) = out.get_mut(at) {
                        *byte ^= 1 << random.below(8);
                    }
                }
            }
            1 => out.truncate(random.below(len)),
            2 => {
                let at = random.below(len);
                let end = (at + 1 + random.below(512)).min(out.len());
                let fill = random.next() as u8;
                out[at.min(end)..end].fill(fill);
            }
            3 => {
                let at = random.below(len);
                let end = (at + 1 + random.below(4096)).min(out.len());
                let stretch = out[at.min(end)..end].to_vec();
                for _ in 0..1 + random.below(8) {
                    out.splice(at..at, stretch.iter().copied());
                }
            }
            _ => {
                let at = random.below(len).min(out.len());
                let noise: Vec<u8> = (0..random.below(256))
                    .map(|_| random.next() as u8)
                    .collect();
                out.splice(at..at, noise);
            }
        }
    }
    out
}

/// The documents of `corpora/` small enough to mutate by the hundred.
fn originals() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["corpora/vi", "corpora/zh"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root().join(dir)).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && std::fs::metadata(path).unwrap().len() < 200_000)
        .collect();
    files.sort();
    files
}

fn ingest_folder(folder: &Path, jobs: &str) -> std::process::Output {
    plangloss(&["ingest", folder.to_str().unwrap(), "--jobs", jobs])
}

#[test]
fn a_batch_of_damaged_files_gives_one_record_each_whatever_the_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let originals = originals();
    assert!(originals.len() >= 15, "{originals:?}");
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let mut good = Vec::new();
    for (i, path) in originals.iter().cycle().take(20).enumerate() {
        let name = format!(
            "good-{i:02}-{}",
            path.file_name().unwrap().to_string_lossy()
        );
        std::fs::copy(path, dir.path().join(&name)).unwrap();
        good.push((name, path.clone()));
    }
    for i in 0..300 {
        let original = &originals[i % originals.len()];
        let bytes = mutant(&std::fs::read(original).unwrap(), &mut random);
        let extension = original.extension().unwrap().to_string_lossy();
        std::fs::write(dir.path().join(format!("mutant-{i:03}.{extension}")), bytes).unwrap();
    }

    let two = ingest_folder(dir.path(), "2");
    let one = ingest_folder(dir.path(), "1");
    assert_eq!(two.status.code(), Some(1), "some mutants must fail");
    assert!(two.stdout == one.stdout, "--jobs 2 and --jobs 1 differ");
    let records = records(&two);
    assert_valid(&records);
    let paths: Vec<&str> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths.len(), 320);
    assert_eq!(paths, sorted, "records come in path order");

    // Each good copy gives exactly the record its original gives alone.
    for (name, original) in &good {
        let alone = records_of(&plangloss(&["ingest", original.to_str().unwrap()]));
        let in_batch = records.iter().find(|r| r["path"] == name.as_str()).unwrap();
        assert!(in_batch["error"].is_null(), "{name}: {}", in_batch["error"]);
        assert_eq!(in_batch["blocks"], alone["blocks"], "{name}");
        assert_eq!(in_batch["sha256"], alone["sha256"], "{name}");
    }

    // Under a 2 GB address-space cap nothing is killed and nothing changes.
    if Command::new("prlimit").arg("--version").output().is_ok() {
        let capped = Command::new("prlimit")
            .arg("--as=2147483648")
            .arg(env!("CARGO_BIN_EXE_plangloss"))
            .args(["ingest", dir.path().to_str().unwrap(), "--jobs", "2"])
            .output()
            .unwrap();
        assert_eq!(
            capped.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&capped.stderr)
        );
        assert!(capped.stdout == two.stdout, "the capped run differs");
    } else {
        eprintln!("skipping the memory cap: prlimit is not installed (util-linux)");
    }
}

fn records_of(output: &std::process::Output) -> serde_json::Value {
    records(output).into_iter().next().expect("one record")
}

#[test]
fn text_checks_the_size_before_reading_and_reads_devices_within_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "Kế hoạch dân số. ".repeat(100_000)).unwrap();
    let output = plangloss(&["text", big.to_str().unwrap(), "--max-file-size", "1"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("more than the 1 MiB limit"), "{stderr}");

    if Path::new("/dev/zero").exists() {
        let output = plangloss(&["text", "/dev/zero", "--max-file-size", "2"]);
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("more than the 2 MiB limit"), "{stderr}");
        // In a batch, a device is refused without reading it.
        let output = plangloss(&["ingest", "/dev/zero"]);
        assert_eq!(output.status.code(), Some(1));
        assert!(
            records_of(&output)["error"]["message"]
                .as_str()
                .unwrap()
                .contains("not a regular file")
        );
    }
}

#[test]
fn glossary_stats_and_suggest_take_the_reading_limits() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("plan.txt");
    std::fs::write(&doc, "Kế hoạch hóa gia đình. ".repeat(100_000)).unwrap();
    for args in [
        vec!["glossary", "stats", "glossaries/program-terms.tsv"],
        vec![
            "glossary",
            "suggest",
            "--glossary",
            "glossaries/program-terms.tsv",
        ],
    ] {
        let mut args = args.clone();
        args.extend([doc.to_str().unwrap(), "--max-file-size", "1"]);
        let output = plangloss(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--max-file-size"), "{args:?}: {stderr}");
    }
}

#[test]
fn output_that_cannot_be_written_has_its_own_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let missing_folder = dir.path().join("no/such/folder/out.jsonl");
    let output = plangloss(&[
        "ingest",
        "corpora/vi",
        "-o",
        missing_folder.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot create"));
    if Path::new("/dev/full").exists() {
        let output = plangloss(&["ingest", "corpora/vi", "-o", "/dev/full"]);
        assert_eq!(output.status.code(), Some(3));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("cannot write output"), "{stderr}");
    }
    // Usage errors keep status 2.
    let output = plangloss(&["ingest", "corpora/vi", "--glossary", "no-such.tsv"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_read_only_glossary_is_refused_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terms.tsv");
    let original = "vi\tzh\ten\nDân số\t人口\tpopulation\n";
    std::fs::write(&path, original).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = plangloss(&[
        "glossary",
        "add",
        path.to_str().unwrap(),
        "--vi",
        "Tiêm chủng",
        "--zh",
        "接种",
    ]);
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("read-only"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);

    // Converting into a read-only file is refused the same way.
    let output = plangloss(&[
        "glossary",
        "export",
        "--to",
        "tsv",
        "glossaries/program-terms.tsv",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn glossary_help_lists_its_commands() {
    let output = plangloss(&["glossary", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(!help.contains("more to come"), "{help}");
    for command in [
        "lint", "add", "remove", "set", "import", "export", "stats", "suggest",
    ] {
        assert!(help.contains(command), "{command}: {help}");
    }
    assert!(help.contains("3 when"), "{help}");
}

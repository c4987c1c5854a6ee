//! `plangloss omegat`: a ready OmegaT project from documents, glossaries
//! and translation memories.

use super::read_args::ReadArgs;
use super::xliff::{Request, Version, export_into};
use super::{Failure, Outcome, status};
use crate::atomic::replace_file;
use crate::batch;
use crate::glossary::Glossary;
use crate::glossary::exchange::to_omegat;
use crate::glossary::file::GlossaryFile;
use crate::input::read_user_text;
use crate::omegat;
use crate::segment::{Segmenter, read_rule_files, rule_files};
use crate::xliff::Options;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What `omegat` is asked for.
pub struct ProjectRequest {
    pub paths: Vec<PathBuf>,
    pub project: PathBuf,
    pub target: String,
    pub source: Option<String>,
    pub glossaries: Vec<PathBuf>,
    pub memories: Vec<PathBuf>,
    pub srx: Vec<PathBuf>,
    pub jobs: Option<u16>,
}

/// Runs `omegat`: exit 0 when every document went into the project, 1 when
/// any could not be read.
pub fn run(request: ProjectRequest, read: ReadArgs) -> Outcome {
    let glossary = Glossary::load(&request.glossaries).map_err(|e| e.to_string())?;
    let extra_rules = read_rule_files(&request.srx).map_err(|e| e.to_string())?;
    let segmenter = Segmenter::with_files(&extra_rules).map_err(|e| e.to_string())?;
    let pipeline = read.pipeline(glossary, segmenter)?;
    let project = &request.project;
    for folder in [
        "source",
        "target",
        "tm/auto",
        "glossary",
        "dictionary",
        "omegat",
    ] {
        create(&project.join(folder), None)?;
    }
    let inputs = batch::collect_inputs(&request.paths);
    let export = Request {
        paths: request.paths.clone(),
        output: None,
        glossaries: Vec::new(),
        srx: Vec::new(),
        jobs: request.jobs,
        version: Version::V12,
        // The source files are the project's own copies; translations live
        // in OmegaT's project_save.tmx.
        overwrite: true,
        options: Options {
            target: request.target.clone(),
            source: request.source.clone(),
            // OmegaT shows inline marks as tags, and a tag keeps a memory's
            // exact match from applying.
            inline_terms: false,
            prefill_targets: true,
        },
    };
    let exported = export_into(&pipeline, &inputs, &export, &project.join("source"))?;
    let source = request
        .source
        .clone()
        .unwrap_or_else(|| most_common(&exported.languages));
    create(
        &project.join("omegat.project"),
        Some(&omegat::project_file(&source, &request.target)),
    )?;
    let files = rule_files(&extra_rules).map_err(|e| e.to_string())?;
    create(
        &project.join("omegat/segmentation.srx"),
        Some(&omegat::segmentation_srx(&files)),
    )?;
    create(
        &project.join("omegat/segmentation.conf"),
        Some(&omegat::segmentation_conf(&files)),
    )?;
    for path in &request.glossaries {
        let file = GlossaryFile::parse(&read_user_text(path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let converted = to_omegat(&file, &source, &request.target)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        create(
            &project.join("glossary").join(named(path, "txt")),
            Some(&converted),
        )?;
    }
    for path in &request.memories {
        let memory = read_user_text(path)?;
        create(
            &project.join("tm/auto").join(named(path, "tmx")),
            Some(&memory),
        )?;
    }
    eprintln!(
        "plangloss: OmegaT project {} ({source} → {}): {} documents, {} glossaries, {} memories",
        project.display(),
        request.target,
        exported.languages.len(),
        request.glossaries.len(),
        request.memories.len()
    );
    Ok(status(exported.failed))
}

/// The language most documents are in (`und` when none).
fn most_common(languages: &[String]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for language in languages.iter().filter(|l| *l != "und") {
        *counts.entry(language).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(language, count)| (count, std::cmp::Reverse(language)))
        .map_or_else(|| "und".to_string(), |(language, _)| language.to_string())
}

/// The file name of `path` with the extension `extension`.
fn named(path: &Path, extension: &str) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default();
    PathBuf::from(stem).with_extension(extension)
}

/// Creates the folder `path` (no contents) or writes the file `path`.
fn create(path: &Path, contents: Option<&str>) -> Result<(), Failure> {
    let cannot =
        |e: std::io::Error| Failure::Write(format!("cannot write {}: {e}", path.display()));
    match contents {
        None => std::fs::create_dir_all(path).map_err(cannot),
        Some(text) => replace_file(path, text).map_err(Failure::Write),
    }
}

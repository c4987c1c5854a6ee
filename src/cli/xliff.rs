//! `plangloss xliff`: each document as an XLIFF file for a CAT tool.

use super::read_args::ReadArgs;
use super::{Failure, Outcome, status, write_stdout};
use crate::atomic::write_atomically;
use crate::batch::{self, Input, worker_pool};
use crate::glossary::Glossary;
use crate::pipeline::Pipeline;
use crate::segment::Segmenter;
use crate::xliff::read::count_translated;
use crate::xliff::{self, Options};
use rayon::prelude::*;
use std::fs::File;
use std::io::BufReader;
use std::path::{Component, Path, PathBuf};

/// The XLIFF version written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Version {
    #[value(name = "1.2")]
    V12,
    #[value(name = "2.1")]
    V21,
}

/// What `xliff` is asked for, beyond the reading options.
pub struct Request {
    pub paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub glossaries: Vec<PathBuf>,
    pub srx: Vec<PathBuf>,
    pub jobs: Option<u16>,
    pub version: Version,
    pub options: Options,
    /// Replace an existing file even when it holds translations.
    pub overwrite: bool,
}

/// Runs `xliff`: exit 0 when every document was written, 1 when any could
/// not be read.
pub fn run(request: Request, read: ReadArgs) -> Outcome {
    let glossary = Glossary::load(&request.glossaries).map_err(|e| e.to_string())?;
    let segmenter = Segmenter::load(&request.srx).map_err(|e| e.to_string())?;
    let pipeline = read.pipeline(glossary, segmenter)?;
    let inputs = batch::collect_inputs(&request.paths);
    let from_folder = request.paths.iter().any(|p| p.is_dir());
    let destination = Destination::choose(request.output.as_deref(), inputs.len(), from_folder)?;
    let exported = export_all(&pipeline, &inputs, &request, &destination)?;
    Ok(status(exported.failed))
}

/// What an export did: whether a document could not be read, and the
/// source language of each document written.
pub struct Exported {
    pub failed: bool,
    pub languages: Vec<String>,
}

/// Exports `inputs` in parallel; a document that cannot be read is
/// reported and the others go on, a file that cannot be written stops.
fn export_all(
    pipeline: &Pipeline,
    inputs: &[Input],
    request: &Request,
    destination: &Destination,
) -> Result<Exported, Failure> {
    let jobs = request
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = worker_pool(jobs).map_err(|e| format!("cannot start workers: {e}"))?;
    let results: Vec<Result<String, Failure>> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| export(pipeline, input, request, destination))
            .collect()
    });
    let mut exported = Exported {
        failed: false,
        languages: Vec::new(),
    };
    for result in results {
        match result {
            Ok(language) => exported.languages.push(language),
            Err(Failure::Usage(message)) => {
                eprintln!("plangloss: {message}");
                exported.failed = true;
            }
            Err(failure) => return Err(failure),
        }
    }
    Ok(exported)
}

/// Exports `inputs` into the folder `folder`, for a project.
pub fn export_into(
    pipeline: &Pipeline,
    inputs: &[Input],
    request: &Request,
    folder: &Path,
) -> Result<Exported, Failure> {
    export_all(
        pipeline,
        inputs,
        request,
        &Destination::Folder(folder.into()),
    )
}

/// Where the XLIFF files go.
enum Destination {
    Stdout,
    File(PathBuf),
    /// A folder: each document's file at its path under it, `.xlf` added.
    Folder(PathBuf),
}

impl Destination {
    /// A file only for one document named as a file (a folder given may
    /// hold one document today and more tomorrow) and an OUT that is no
    /// folder.
    fn choose(output: Option<&Path>, documents: usize, from_folder: bool) -> Result<Self, Failure> {
        let folder_named = |path: &Path| path.is_dir() || path.to_string_lossy().ends_with('/');
        match output {
            None => Ok(Destination::Stdout),
            Some(path) if path.as_os_str() == "-" => Ok(Destination::Stdout),
            Some(path) if documents == 1 && !from_folder && !folder_named(path) => {
                Ok(Destination::File(path.into()))
            }
            Some(path) => Ok(Destination::Folder(path.into())),
        }
        .and_then(|destination| match destination {
            Destination::Stdout if documents > 1 => Err(Failure::Usage(
                "several documents: name a folder with -o for their XLIFF files".into(),
            )),
            destination => Ok(destination),
        })
    }

    /// The file for the document shown as `display_path`.
    fn file_for(&self, display_path: &str) -> Option<PathBuf> {
        match self {
            Destination::Stdout => None,
            Destination::File(path) => Some(path.clone()),
            Destination::Folder(folder) => {
                // Only the path's plain parts: "../x" or "/abs/x" stay inside.
                let relative: PathBuf = Path::new(display_path)
                    .components()
                    .filter_map(|c| match c {
                        Component::Normal(part) => Some(part),
                        _ => None,
                    })
                    .collect();
                let mut name = relative.into_os_string();
                name.push(".xlf");
                Some(folder.join(name))
            }
        }
    }
}

/// Reads one document and writes its XLIFF; a document that cannot be read
/// is a usage-level message (the others go on), a file that cannot be
/// written stops the command.
fn export(
    pipeline: &Pipeline,
    input: &Input,
    request: &Request,
    destination: &Destination,
) -> Result<String, Failure> {
    let record = pipeline.process_file(&input.fs_path, &input.display_path);
    if let Some(error) = record.error.as_ref().or(input.walk_error.as_ref()) {
        return Err(Failure::Usage(format!(
            "{}: {}",
            input.display_path, error.message
        )));
    }
    let text = match request.version {
        Version::V12 => xliff::write_v12(&record, &request.options),
        Version::V21 => xliff::write_v21(&record, &request.options),
    };
    let language = xliff::source_language(&record, &request.options);
    let Some(file) = destination.file_for(&input.display_path) else {
        return write_stdout(&text).map(|()| language);
    };
    let cannot =
        |e: std::io::Error| Failure::Write(format!("cannot write {}: {e}", file.display()));
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(cannot)?;
    }
    if !request.overwrite {
        keep_translations(&file)?;
    }
    // Each document has a file of its own: no folder lock is needed, and
    // one would make the parallel writers wait on each other.
    write_atomically(&file, text.as_bytes()).map_err(Failure::Write)?;
    Ok(language)
}

/// Refuses to replace `file` when it holds a translator's work: translated
/// units, or contents that are not XLIFF at all. A document refused is
/// reported and the others go on.
fn keep_translations(file: &Path) -> Result<(), Failure> {
    let Ok(existing) = File::open(file) else {
        return Ok(());
    };
    let refuse = |why: String| {
        Failure::Usage(format!(
            "{}: not replaced: {why}; move it away or pass --overwrite",
            file.display()
        ))
    };
    match count_translated(BufReader::new(existing)) {
        Ok(0) => Ok(()),
        Ok(units) => Err(refuse(format!("it holds {units} translated units"))),
        Err(error) => Err(refuse(format!(
            "it exists and is not an XLIFF file plangloss can read ({error})"
        ))),
    }
}

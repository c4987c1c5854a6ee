//! `plangloss.Pipeline`: the configured stages, built once, shared by every
//! thread and shipped to workers by pickling its settings.

use crate::records::Records;
use plangloss::batch;
use plangloss::input::UserFile;
use plangloss::pipeline::{Pipeline as Core, Settings};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyList, PyTuple};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, Weak};

/// The plangloss pipeline with its settings: glossaries, sentence rules,
/// reading options and limits. Immutable and thread-safe: build it once and
/// use it from any number of threads; pickling it carries the text of its
/// user files, so it works on a worker where those files do not exist.
#[pyclass(frozen, module = "plangloss._plangloss")]
pub struct Pipeline {
    settings: Settings,
    core: Arc<Core>,
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (
        *,
        glossary = Vec::new(),
        srx = Vec::new(),
        doc_types = Vec::new(),
        vi_tone = "keep",
        zh_variant = None,
        whole_page = false,
        main_text = "auto",
        encoding = None,
        password = None,
        url_filter = None,
        max_file_size = 256,
        max_inflated_size = 256,
        max_record_size = 128,
        ocr = "auto",
        ocr_lang = None,
        ocr_timeout = 120,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        glossary: Vec<PathBuf>,
        srx: Vec<PathBuf>,
        doc_types: Vec<PathBuf>,
        vi_tone: &str,
        zh_variant: Option<&str>,
        whole_page: bool,
        main_text: &str,
        encoding: Option<String>,
        password: Option<String>,
        url_filter: Option<String>,
        max_file_size: u64,
        max_inflated_size: u64,
        max_record_size: u64,
        ocr: &str,
        ocr_lang: Option<&str>,
        ocr_timeout: u64,
    ) -> PyResult<Self> {
        let settings = Settings {
            glossaries: read_user_files(&glossary)?,
            srx: read_user_files(&srx)?,
            doc_types: read_user_files(&doc_types)?,
            vi_tone: vi_tone.parse().map_err(PyValueError::new_err)?,
            zh_variant: zh_variant
                .unwrap_or("off")
                .parse()
                .map_err(PyValueError::new_err)?,
            whole_page,
            main_text: main_text.parse().map_err(PyValueError::new_err)?,
            encoding,
            password,
            url_filter,
            max_file_mib: max_file_size,
            max_inflated_mib: max_inflated_size,
            max_record_mib: max_record_size,
            ocr: ocr.parse().map_err(PyValueError::new_err)?,
            ocr_lang: ocr_lang
                .map(str::parse)
                .transpose()
                .map_err(PyValueError::new_err)?,
            ocr_timeout_s: ocr_timeout.max(1),
        };
        Pipeline::built(py, settings)
    }

    /// Rebuilds a pickled pipeline from its settings.
    #[staticmethod]
    fn _from_settings(py: Python<'_>, settings: &str) -> PyResult<Self> {
        let settings: Settings = serde_json::from_str(settings)
            .map_err(|e| PyValueError::new_err(format!("not plangloss settings: {e}")))?;
        Pipeline::built(py, settings)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let restore = slf.get_type().getattr("_from_settings")?;
        let settings = serde_json::to_string(&slf.get().settings)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok((restore, (settings,)))
    }

    fn __repr__(&self) -> String {
        let names = |files: &[UserFile]| {
            let names: Vec<String> = files.iter().map(|f| format!("{:?}", f.name)).collect();
            names.join(", ")
        };
        let s = &self.settings;
        format!(
            "Pipeline(glossary=[{}], srx=[{}], doc_types=[{}], vi_tone={:?}, zh_variant={:?}, \
             whole_page={}, main_text={:?}, max_file_size={}, max_inflated_size={}, \
             max_record_size={}, ocr={:?}, ocr_lang={}, ocr_timeout={})",
            names(&s.glossaries),
            names(&s.srx),
            names(&s.doc_types),
            name_of(&s.vi_tone),
            name_of(&s.zh_variant),
            if s.whole_page { "True" } else { "False" },
            name_of(&s.main_text),
            s.max_file_mib,
            s.max_inflated_mib,
            s.max_record_mib,
            name_of(&s.ocr),
            s.ocr_lang
                .map_or("None".to_string(), |lang| format!("{:?}", name_of(&lang))),
            s.ocr_timeout_s,
        )
    }

    /// The record of one document held in memory (`data`), shown as `path`.
    /// A document that cannot be read gives a record with an `error`, never
    /// an exception; a WARC or WET crawl, which holds many documents, is a
    /// `ValueError`: use `process_all`.
    fn process<'py>(
        &self,
        py: Python<'py>,
        data: PyBackedBytes,
        path: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut lines = self.lines_of(py, &data, path);
        if lines.len() != 1 {
            return Err(PyValueError::new_err(format!(
                "{path} is a web crawl of {} documents: use process_all",
                lines.len()
            )));
        }
        parse_json(py, &lines.swap_remove(0))
    }

    /// Every record `plangloss ingest` writes for this file: one, or one per
    /// document of a WARC or WET crawl, as dicts.
    fn process_all<'py>(
        &self,
        py: Python<'py>,
        data: PyBackedBytes,
        path: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let records = self
            .lines_of(py, &data, path)
            .iter()
            .map(|line| parse_json(py, line))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, records)
    }

    /// Exactly what `plangloss ingest` writes for this file: its JSON line,
    /// newline included (one line per document of a crawl).
    fn process_json(&self, py: Python<'_>, data: PyBackedBytes, path: &str) -> String {
        self.lines_of(py, &data, path).concat()
    }

    /// The records of the files and folders in `paths`, in the order
    /// `plangloss ingest PATHS…` writes them (folders walked, hidden entries
    /// skipped), made on `jobs` threads while you iterate. With `base`,
    /// relative paths are taken under it and every path under it is shown
    /// relative to it (`ingest --files-from --base`). `as_json` gives each
    /// record's line instead of a dict.
    #[pyo3(signature = (paths, jobs = None, *, base = None, as_json = false))]
    fn iter_paths(
        &self,
        paths: Vec<PathBuf>,
        jobs: Option<usize>,
        base: Option<PathBuf>,
        as_json: bool,
    ) -> PyResult<Records> {
        let jobs =
            jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        if jobs == 0 {
            return Err(PyValueError::new_err("jobs must be at least 1"));
        }
        Ok(Records::start(
            self.core.clone(),
            paths,
            base,
            jobs,
            as_json,
        ))
    }
}

impl Pipeline {
    /// The pipeline of `settings`, compiled once per process: workers that
    /// unpickle the same pipeline for every task share one build.
    fn built(py: Python<'_>, settings: Settings) -> PyResult<Self> {
        let key =
            serde_json::to_string(&settings).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let core = py
            .detach(|| shared_build(key, &settings))
            .map_err(PyValueError::new_err)?;
        Ok(Pipeline { settings, core })
    }

    /// The JSON lines of `data`'s records, made with the GIL released.
    fn lines_of(&self, py: Python<'_>, data: &[u8], path: &str) -> Vec<String> {
        py.detach(|| {
            let mut lines = Vec::new();
            batch::records_of_bytes(&self.core, data, path, &mut |record| {
                lines.push(record.to_json_line());
            });
            lines
        })
    }
}

/// Pipelines built in this process, by their settings.
static BUILT: LazyLock<Mutex<HashMap<String, Weak<Core>>>> = LazyLock::new(Default::default);

/// The pipeline of `settings` (serialized as `key`), built now or shared
/// with a live pipeline of the same settings.
fn shared_build(key: String, settings: &Settings) -> Result<Arc<Core>, String> {
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(core) = built.get(&key).and_then(Weak::upgrade) {
        return Ok(core);
    }
    let core = Arc::new(settings.pipeline()?);
    built.retain(|_, core| core.strong_count() > 0);
    built.insert(key, Arc::downgrade(&core));
    Ok(core)
}

/// The user files at `paths`, read now so the pipeline carries their text.
fn read_user_files(paths: &[PathBuf]) -> PyResult<Vec<UserFile>> {
    paths.iter().map(|path| read_user_file(path)).collect()
}

fn read_user_file(path: &Path) -> PyResult<UserFile> {
    if !path.exists() {
        return Err(PyFileNotFoundError::new_err(format!(
            "{}: no such file",
            path.display()
        )));
    }
    UserFile::read(path).map_err(PyOSError::new_err)
}

/// The name a setting has in Python and on the command line.
fn name_of(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `json.loads(line)`.
pub fn parse_json<'py>(py: Python<'py>, line: &str) -> PyResult<Bound<'py, PyAny>> {
    let loads = py.import("json")?.getattr("loads")?;
    loads.call1(PyTuple::new(py, [line])?)
}

//! Batches: finding the documents under the paths given, processing them in
//! parallel, and writing their records in path order.
//!
//! Promises:
//! - Output order depends only on the inputs, never on thread timing: the
//!   same inputs give byte-identical output whatever the number of jobs.
//! - Memory is bounded: at most `window` documents are in flight or waiting to
//!   be written at any time; a record is written as soon as all records before
//!   it are.
//! - One document's failure never stops the batch.

mod listing;

pub use listing::{ListedInputs, MAX_LIST_ENTRY_BYTES, Shard};

use crate::model::{DocError, ErrorKind};
use crate::output::Record;
use crate::pipeline::Pipeline;
use crate::warc::{self, WarcReader};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::io::{BufReader, Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, mpsc};

/// A document to process: where it is, and the `path` its record shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub fs_path: PathBuf,
    pub display_path: String,
    /// A problem found while walking (unreadable folder, missing path).
    pub walk_error: Option<DocError>,
}

/// Counts of a finished batch.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub errors: usize,
    /// What the WARC and WET files among the inputs held besides their
    /// documents.
    pub crawl: warc::Counts,
}

/// Lists the documents under `paths`, in output order: each path in the order
/// given; a folder's files recursively, sorted by their path relative to it
/// (hidden files and folders skipped); a file as given. A path that does not
/// exist becomes an input carrying an `io` error.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            inputs.extend(walk_folder(path));
        } else {
            let walk_error = (!path.exists()).then(|| {
                DocError::new(
                    ErrorKind::Io,
                    format!("{}: no such file or folder", path.display()),
                )
            });
            inputs.push(Input {
                fs_path: path.clone(),
                display_path: path.to_string_lossy().into_owned(),
                walk_error,
            });
        }
    }
    inputs
}

fn walk_folder(root: &Path) -> Vec<Input> {
    let mut inputs: Vec<Input> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        })
        .filter_map(|entry| match entry {
            Ok(entry) if entry.file_type().is_dir() => None,
            Ok(entry) if entry.file_type().is_symlink() && !entry.path().is_file() => None,
            Ok(entry) => Some(Input {
                display_path: relative_display(root, entry.path()),
                fs_path: entry.into_path(),
                walk_error: None,
            }),
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                Some(Input {
                    display_path: relative_display(root, &path),
                    walk_error: Some(DocError::new(
                        ErrorKind::Io,
                        format!("cannot read {}: {error}", path.display()),
                    )),
                    fs_path: path,
                })
            }
        })
        .collect();
    inputs.sort_by(|a, b| {
        a.display_path
            .cmp(&b.display_path)
            .then_with(|| a.fs_path.cmp(&b.fs_path))
    });
    inputs
}

/// `path` relative to `root`, with `/` separators on every platform.
fn relative_display(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The stack each thread that reads documents gets: hostile files can
/// recurse deeply in third-party parsers, and a stack overflow cannot be
/// caught, so every reader has room to spare, whichever command runs it.
pub const WORKER_STACK_BYTES: usize = 64 << 20;

/// A pool of `jobs` threads with [`WORKER_STACK_BYTES`] of stack each.
pub fn worker_pool(jobs: usize) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .stack_size(WORKER_STACK_BYTES)
        .build()
}

/// Records whose JSON is estimated above this are serialized by the writer.
const SERIALIZE_IN_WORKER_BYTES: usize = 4 << 20;

/// Processes `inputs` on `jobs` threads and writes one JSON line per input to
/// `out`, in input order; `inputs` is drawn only as the reorder window has
/// room, so a long listing is never held whole; a WARC or WET file gives one line per document it
/// holds, in file order. `on_record` sees each record once it is written
/// (for progress reports). Returns the counts, or the first write error.
pub fn run(
    pipeline: &Pipeline,
    inputs: impl IntoIterator<Item = Input, IntoIter: Send>,
    jobs: usize,
    out: &mut dyn Write,
    on_record: &mut dyn FnMut(&Record),
) -> std::io::Result<Summary> {
    let jobs = jobs.max(1);
    let inputs = inputs.into_iter();
    let pool = worker_pool(jobs).map_err(std::io::Error::other)?;
    // Wide enough that one large document ahead of many small ones does not
    // idle the other workers; each slot holds one finished record.
    let window = jobs * 16;
    let (done_tx, done_rx) = mpsc::channel::<(usize, Record, Option<String>)>();
    // One token per slot of the reorder window: taken before a document
    // starts, given back when its record is written.
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        token_tx.send(()).expect("the receiver is alive");
    }

    // A crawl's documents are read by the feeder, not by the workers: the
    // blocks waiting for a worker are held to about one file's size limit.
    let in_flight = &PayloadBudget::new(pipeline.limits.max_file_bytes);
    let mut result = Ok(Summary::default());
    pool.in_place_scope(|scope| {
        std::thread::scope(|threads| {
            // The feeder blocks while the window is full, so it runs on a
            // thread of its own, never on a pool worker.
            let feeder = threads.spawn(move || {
                let mut index = 0;
                let mut crawl = warc::Counts::default();
                let mut start = |job| spawn_job(scope, &token_rx, &done_tx, &mut index, job);
                'inputs: for input in inputs {
                    let Some(mut reader) = open_crawl(pipeline, &input) else {
                        if !start(Box::new(move || process_input(pipeline, &input))) {
                            break;
                        }
                        continue;
                    };
                    for document in reader.by_ref() {
                        let held = in_flight.hold(document.block.len() as u64);
                        let job = move || {
                            let record = guarded(&document.path, || {
                                pipeline.process_web_document(&document)
                            });
                            drop(held);
                            record
                        };
                        if !start(Box::new(job)) {
                            crawl.add(&reader.counts);
                            break 'inputs;
                        }
                    }
                    crawl.add(&reader.counts);
                }
                crawl
            });
            result = write_in_order(done_rx, token_tx, out, on_record);
            let crawl = feeder.join().unwrap_or_default();
            if let Ok(summary) = &mut result {
                summary.crawl = crawl;
            }
        });
    });
    let summary = result?;
    out.flush()?;
    Ok(summary)
}

/// Gives `each` the records `ingest` writes for one file already in memory
/// (`bytes`, shown as `display_path`): one record, or one per document of a
/// WARC or WET file, in file order. Like [`run`], it never panics: a panic
/// becomes an error record.
pub fn records_of_bytes(
    pipeline: &Pipeline,
    bytes: &[u8],
    display_path: &str,
    each: &mut dyn FnMut(Record),
) {
    let crawl = warc::is_warc(&bytes[..bytes.len().min(SNIFF_BYTES)])
        .then(|| crawl_reader(pipeline, std::io::Cursor::new(bytes), display_path))
        .flatten();
    let Some(reader) = crawl else {
        each(guarded(display_path, || {
            pipeline.process_bytes(bytes, display_path)
        }));
        return;
    };
    for document in reader {
        each(guarded(&document.path, || {
            pipeline.process_web_document(&document)
        }));
    }
}

/// Bytes of crawl records read but not yet processed, up to a limit.
struct PayloadBudget {
    held: Mutex<u64>,
    freed: Condvar,
    limit: u64,
}

/// Bytes taken from a [`PayloadBudget`], given back when dropped.
struct Held<'a> {
    budget: &'a PayloadBudget,
    bytes: u64,
}

impl PayloadBudget {
    fn new(limit: u64) -> Self {
        PayloadBudget {
            held: Mutex::new(0),
            freed: Condvar::new(),
            limit,
        }
    }

    /// Waits until `bytes` more fit (one block always fits when none is
    /// held, however large), then takes them.
    fn hold(&self, bytes: u64) -> Held<'_> {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        while *held > 0 && *held + bytes > self.limit {
            held = self.freed.wait(held).unwrap_or_else(|e| e.into_inner());
        }
        *held += bytes;
        Held {
            budget: self,
            bytes,
        }
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let mut held = self.budget.held.lock().unwrap_or_else(|e| e.into_inner());
        *held -= self.bytes;
        self.budget.freed.notify_all();
    }
}

/// A job that makes one record.
type Job<'s> = Box<dyn FnOnce() -> Record + Send + 's>;

/// Takes a slot of the reorder window, then runs `job` on the pool as
/// document number `index` (and counts it); `false` when the writer has
/// stopped.
fn spawn_job<'s>(
    scope: &rayon::Scope<'s>,
    token_rx: &mpsc::Receiver<()>,
    done_tx: &mpsc::Sender<(usize, Record, Option<String>)>,
    index: &mut usize,
    job: Job<'s>,
) -> bool {
    if token_rx.recv().is_err() {
        return false; // the writer stopped early (write error)
    }
    let done_tx = done_tx.clone();
    let at = *index;
    *index += 1;
    scope.spawn(move |_| {
        let record = job();
        // Small records are serialized here, in parallel; a large one by
        // the writer, straight into the output, so that it is never held
        // twice.
        let line = (record.estimated_json_bytes() <= SERIALIZE_IN_WORKER_BYTES)
            .then(|| record.to_json_line());
        let _ = done_tx.send((at, record, line));
    });
    true
}

/// Writes records as they complete, holding back those whose predecessors
/// are not done yet, and returns a window token for each record written.
fn write_in_order(
    done_rx: mpsc::Receiver<(usize, Record, Option<String>)>,
    token_tx: mpsc::SyncSender<()>,
    out: &mut dyn Write,
    on_record: &mut dyn FnMut(&Record),
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    let mut pending: BTreeMap<usize, (Record, Option<String>)> = BTreeMap::new();
    // The channel closes when the feeder and every job are done.
    while let Ok((index, record, line)) = done_rx.recv() {
        pending.insert(index, (record, line));
        while let Some((record, line)) = pending.remove(&summary.documents) {
            match line {
                Some(line) => out.write_all(line.as_bytes())?,
                None => record.write_json_line(out)?,
            }
            summary.documents += 1;
            summary.errors += usize::from(record.error.is_some());
            on_record(&record);
            let _ = token_tx.send(());
        }
    }
    Ok(summary)
}

/// Always returns a record: the writer waits for every index, so even a
/// panic outside the extractors (which the pipeline already guards) must
/// become a record.
fn process_input(pipeline: &Pipeline, input: &Input) -> Record {
    if let Some(error) = &input.walk_error {
        let mut record = Record::empty(&input.display_path);
        record.error = Some(error.clone());
        return record;
    }
    guarded(&input.display_path, || {
        pipeline.process_file(&input.fs_path, &input.display_path)
    })
}

/// The record `process` makes, or an error record for `path` if it panics.
fn guarded(path: &str, process: impl FnOnce() -> Record) -> Record {
    catch_unwind(AssertUnwindSafe(process)).unwrap_or_else(|_| {
        let mut record = Record::empty(path);
        record.error = Some(DocError::corrupt(
            "internal error while processing this file; please report it with the file",
        ));
        record
    })
}

/// How many bytes of a file are read to tell a WARC file.
const SNIFF_BYTES: usize = 4096;

/// A reader of the documents in `input` when it is a WARC or WET file
/// (told by content, plain or gzipped); `None` for any other file, or one
/// that cannot be opened (its record says why).
fn open_crawl(pipeline: &Pipeline, input: &Input) -> Option<WarcReader<BufReader<File>>> {
    if input.walk_error.is_some() {
        return None;
    }
    let mut file = File::open(&input.fs_path).ok()?;
    let mut start = Vec::with_capacity(SNIFF_BYTES);
    (&mut file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut start)
        .ok()?;
    if !warc::is_warc(&start) {
        return None;
    }
    file.rewind().ok()?;
    let source = BufReader::with_capacity(256 << 10, file);
    crawl_reader(pipeline, source, &input.display_path)
}

/// A reader of the documents of the crawl in `source`, shown as `path`,
/// with the pipeline's size limit and URL filter.
fn crawl_reader<R: std::io::BufRead + Seek>(
    pipeline: &Pipeline,
    source: R,
    path: &str,
) -> Option<WarcReader<R>> {
    let limit = pipeline.limits.max_file_bytes;
    WarcReader::new(source, path, limit, pipeline.read.url_filter.clone()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_tree(root: &Path) {
        for (name, body) in [
            ("b.txt", "Kế hoạch số 2."),
            ("a/z.txt", "计划生育。"),
            ("a/y.txt", "Dân số."),
            (".hidden/x.txt", "hidden"),
            ("a/.secret.txt", "hidden"),
            ("a-b.txt", ""),
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, body).unwrap();
        }
    }

    #[test]
    fn inputs_are_sorted_relative_and_skip_hidden() {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path());
        let missing = dir.path().join("missing.pdf");
        let inputs = collect_inputs(&[dir.path().to_path_buf(), missing]);
        let names: Vec<_> = inputs.iter().map(|i| i.display_path.as_str()).collect();
        assert_eq!(names[..4], ["a-b.txt", "a/y.txt", "a/z.txt", "b.txt"]);
        assert!(names[4].ends_with("missing.pdf"));
        assert_eq!(inputs[4].walk_error.as_ref().unwrap().kind, ErrorKind::Io);
    }

    #[test]
    fn output_is_identical_for_any_job_count_and_errors_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path());
        let inputs = collect_inputs(&[dir.path().to_path_buf()]);
        let pipeline = Pipeline::default();
        let mut outputs = Vec::new();
        for jobs in [1, 2, 3] {
            let mut out = Vec::new();
            let summary = run(&pipeline, inputs.clone(), jobs, &mut out, &mut |_| {}).unwrap();
            assert_eq!(
                summary,
                Summary {
                    documents: 4,
                    errors: 1,
                    ..Summary::default()
                }
            );
            outputs.push(out);
        }
        assert_eq!(outputs[0], outputs[1]);
        assert_eq!(outputs[0], outputs[2]);
        assert_eq!(
            String::from_utf8(outputs[0].clone())
                .unwrap()
                .lines()
                .count(),
            4
        );
    }

    #[test]
    fn records_of_bytes_are_the_lines_a_batch_writes() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warc");
        let pipeline = Pipeline::default();
        for name in ["crawl.warc.gz", "crawl.warc.wet.gz", "damaged.warc.gz"] {
            let path = fixtures.join(name);
            let mut batch = Vec::new();
            let inputs = vec![Input {
                fs_path: path.clone(),
                display_path: name.to_string(),
                walk_error: None,
            }];
            run(&pipeline, inputs, 2, &mut batch, &mut |_| {}).unwrap();
            let mut lines = Vec::new();
            let bytes = std::fs::read(&path).unwrap();
            records_of_bytes(&pipeline, &bytes, name, &mut |record| {
                lines.extend(record.to_json_line().into_bytes());
            });
            assert!(batch.iter().filter(|&&b| b == b'\n').count() > 1, "{name}");
            assert_eq!(
                String::from_utf8(lines).unwrap(),
                String::from_utf8(batch).unwrap()
            );
        }
        let mut one = Vec::new();
        records_of_bytes(&pipeline, "Dân số.".as_bytes(), "a.txt", &mut |r| {
            one.push(r)
        });
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].bytes, 10);
    }

    #[test]
    fn large_records_written_by_the_writer_are_the_same_line() {
        let dir = tempfile::tempdir().unwrap();
        let big = "Dân số và phát triển.\n".repeat(40_000);
        std::fs::write(dir.path().join("big.txt"), &big).unwrap();
        std::fs::write(dir.path().join("small.txt"), "Kế hoạch.").unwrap();
        let inputs = collect_inputs(&[dir.path().to_path_buf()]);
        let pipeline = Pipeline::default();
        let mut out = Vec::new();
        run(&pipeline, inputs, 2, &mut out, &mut |_| {}).unwrap();
        let record = pipeline.process_file(&dir.path().join("big.txt"), "big.txt");
        assert!(record.estimated_json_bytes() > SERIALIZE_IN_WORKER_BYTES);
        let first = out.split(|&b| b == b'\n').next().unwrap();
        assert_eq!([first, b"\n"].concat(), record.to_json_line().into_bytes());
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 2);
    }
}

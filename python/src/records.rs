//! `plangloss.Records`: the records of a batch of paths, made on a pool of
//! threads in the background and handed to Python in path order.

use crate::pipeline::parse_json;
use plangloss::batch::{self, ListedInputs};
use plangloss::pipeline::Pipeline as Core;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Records made but not yet taken by Python: the batch's workers wait when
/// Python reads slower than they work.
const QUEUED_RECORDS: usize = 64;

/// How often a wait for the next record looks for Ctrl-C.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// What the batch thread sends: a record's line, or why the batch stopped.
enum Message {
    Line(String),
    Failed(String),
}

/// An iterator over the records of `Pipeline.iter_paths`, in path order.
/// The batch stops when the iterator is dropped.
#[pyclass(frozen, module = "plangloss._plangloss")]
pub struct Records {
    messages: Mutex<Receiver<Message>>,
    as_json: bool,
}

#[pymethods]
impl Records {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let message = loop {
            let next = py.detach(|| {
                let messages = self.messages.lock().unwrap_or_else(|e| e.into_inner());
                messages.recv_timeout(SIGNAL_CHECK)
            });
            match next {
                Ok(message) => break message,
                Err(RecvTimeoutError::Timeout) => py.check_signals()?,
                Err(RecvTimeoutError::Disconnected) => return Ok(None),
            }
        };
        match message {
            Message::Line(line) if self.as_json => Ok(Some(line.into_pyobject(py)?.into_any())),
            Message::Line(line) => parse_json(py, &line).map(Some),
            Message::Failed(why) => Err(PyRuntimeError::new_err(why)),
        }
    }
}

impl Records {
    /// Starts the batch of `paths` on `jobs` threads (see `iter_paths`).
    pub fn start(
        core: Arc<Core>,
        paths: Vec<PathBuf>,
        base: Option<PathBuf>,
        jobs: usize,
        as_json: bool,
    ) -> Records {
        let (sender, messages) = sync_channel(QUEUED_RECORDS);
        std::thread::spawn(move || {
            let mut lines = LineSender {
                sender: sender.clone(),
                partial: Vec::new(),
            };
            let result = match base {
                Some(base) => {
                    let list = nul_separated(&paths);
                    let inputs = ListedInputs::new(&list[..], "paths", true, Some(&base));
                    batch::run(&core, inputs, jobs, &mut lines, &mut |_| {})
                }
                None => batch::run(
                    &core,
                    batch::collect_inputs(&paths),
                    jobs,
                    &mut lines,
                    &mut |_| {},
                ),
            };
            // A closed channel means Python dropped the iterator: nobody to tell.
            if let Err(error) = result.and_then(|_| lines.flush())
                && error.kind() != io::ErrorKind::BrokenPipe
            {
                let _ = sender.send(Message::Failed(format!("the batch stopped: {error}")));
            }
        });
        Records {
            messages: Mutex::new(messages),
            as_json,
        }
    }
}

/// `paths` as a NUL-separated list, as `ingest --files-from -0` reads it.
fn nul_separated(paths: &[PathBuf]) -> Vec<u8> {
    let mut list = Vec::new();
    for path in paths {
        list.extend_from_slice(path.as_os_str().as_encoded_bytes());
        list.push(0);
    }
    list
}

/// The batch's output, cut into lines sent one by one.
struct LineSender {
    sender: SyncSender<Message>,
    partial: Vec<u8>,
}

impl Write for LineSender {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        // Only the new bytes are searched: a large record arrives in many
        // small writes.
        let mut rest = bytes;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            self.partial.extend_from_slice(&rest[..=end]);
            rest = &rest[end + 1..];
            let line =
                String::from_utf8(std::mem::take(&mut self.partial)).map_err(io::Error::other)?;
            self.sender
                .send(Message::Line(line))
                .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?;
        }
        self.partial.extend_from_slice(rest);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

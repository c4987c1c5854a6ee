//! The `plangloss` Python package's native module, `plangloss._plangloss`:
//! the library's pipeline as the class [`Pipeline`], batches of paths as
//! the iterator [`Records`], and the command line.
//!
//! Promises: every record is the line `plangloss ingest` writes for the same
//! file with the same settings, byte for byte; the GIL is released whenever
//! Rust works, so Python threads (and the batch's own workers) run in
//! parallel; a document's failure is a record, never an exception.
//! Exceptions are for usage errors: a bad setting (`ValueError`), a user
//! file that cannot be read (`OSError`).

mod pipeline;
mod records;

use pyo3::prelude::*;
use std::ffi::OsString;

/// Runs the `plangloss` command line with `argv` (the program name first)
/// in this process and returns its exit status; `python -m plangloss`.
#[pyfunction]
fn _run_cli(py: Python<'_>, argv: Vec<OsString>) -> u8 {
    py.detach(|| plangloss::cli::main(argv))
}

#[pymodule]
fn _plangloss(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<pipeline::Pipeline>()?;
    module.add_class::<records::Records>()?;
    module.add_function(wrap_pyfunction!(_run_cli, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

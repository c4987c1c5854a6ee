//! The `plangloss` command line (the library's `cli` feature): the grammar
//! ([`args`]), one module per subcommand, and what they share: exit statuses
//! and writing to stdout. The `plangloss` binary and `python -m plangloss`
//! both run [`main`]; the command line only parses arguments and calls the
//! rest of the library.

pub mod args;
mod dispatch;
pub mod glossary;
pub mod info;
pub mod ingest;
pub mod omegat;
pub mod qa;
pub mod read_args;
pub mod review;
pub mod segment;
pub mod text;
pub mod tmx;
pub mod xliff;

use clap::Parser;
use std::ffi::OsString;
use std::io::Write;

/// Exit status when everything went well.
pub const SUCCESS: u8 = 0;
/// Exit status when some document could not be read (or a glossary failed
/// lint): the rest of the work is done and written.
pub const FAILED_DOCUMENTS: u8 = 1;
/// Exit status for usage errors: bad arguments, unreadable glossary or SRX.
pub const USAGE: u8 = 2;
/// Exit status when output could not be written: no space left, no
/// permission, a read-only glossary.
pub const CANNOT_WRITE: u8 = 3;

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// The command line or an input it names is wrong.
    Usage(String),
    /// Output (stdout, `-o FILE`, a glossary) could not be written.
    Write(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Usage(message)
    }
}

/// What a subcommand returns: its exit status, or why it stopped.
pub type Outcome = Result<u8, Failure>;

/// The exit status of `outcome`, its message printed.
pub fn finish(outcome: Outcome) -> u8 {
    outcome.unwrap_or_else(|failure| {
        let (message, status) = match failure {
            Failure::Usage(message) => (message, USAGE),
            Failure::Write(message) => (message, CANNOT_WRITE),
        };
        eprintln!("plangloss: {message}");
        status
    })
}

/// Runs the command line `args` (the program name first, as
/// `std::env::args_os` gives it) and returns the exit status. Help, version
/// and usage errors are printed here, never by exiting the process, so that
/// a host such as Python can run it in its own process.
pub fn main(args: impl IntoIterator<Item = OsString>) -> u8 {
    quiet_guarded_panics();
    match args::Cli::try_parse_from(args) {
        Ok(cli) => finish(dispatch::run(cli.command)),
        Err(error) => {
            // Printing help to a closed pipe is not worth a report.
            let _ = error.print();
            u8::try_from(error.exit_code()).unwrap_or(USAGE)
        }
    }
}

/// Success, or [`FAILED_DOCUMENTS`] when `failed`.
pub fn status(failed: bool) -> u8 {
    if failed { FAILED_DOCUMENTS } else { SUCCESS }
}

/// Keeps the default panic message for every panic but those raised inside
/// calamine, which the spreadsheet reader catches and reports in the
/// document's record as `corrupt`, and inside the PDF image decoders (JBIG2,
/// JPEG 2000), whose panics become a damaged-image warning: printing them too
/// would look like a crash.
pub fn quiet_guarded_panics() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::extract::sheet::in_guarded_call() && !crate::extract::pdf::in_guarded_decode() {
            default_hook(info);
        }
    }));
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth reporting.
pub fn write_stdout(text: &str) -> Result<(), Failure> {
    write_stdout_with(|out| out.write_all(text.as_bytes()))
}

/// Writes to stdout what `write` writes, as [`write_stdout`] does.
pub fn write_stdout_with(
    write: impl FnOnce(&mut std::io::StdoutLock) -> std::io::Result<()>,
) -> Result<(), Failure> {
    match write(&mut std::io::stdout().lock()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Write(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

//! The subcommands, one module each, and what they share: exit statuses
//! and writing to stdout.

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

use std::io::Write;
use std::process::ExitCode;

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
pub type Outcome = Result<ExitCode, Failure>;

/// The exit status of `outcome`, its message printed.
pub fn finish(outcome: Outcome) -> ExitCode {
    outcome.unwrap_or_else(|failure| {
        let (message, status) = match failure {
            Failure::Usage(message) => (message, USAGE),
            Failure::Write(message) => (message, CANNOT_WRITE),
        };
        eprintln!("plangloss: {message}");
        ExitCode::from(status)
    })
}

/// Success, or [`FAILED_DOCUMENTS`] when `failed`.
pub fn status(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(FAILED_DOCUMENTS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Keeps the default panic message for every panic but those raised inside
/// calamine, which the spreadsheet reader catches and reports in the
/// document's record as `corrupt`: printing them too would look like a crash.
pub fn quiet_guarded_panics() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !plangloss::extract::sheet::in_guarded_call() {
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

//! The `plangloss` program: the command line of the library's `cli` module.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(plangloss::cli::main(std::env::args_os()))
}

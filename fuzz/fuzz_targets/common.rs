//! What the targets share: the limits they read with, and the panic filter
//! for the spreadsheet targets.

use plangloss::model::Limits;
use std::collections::HashSet;
use std::panic::{self, PanicHookInfo};
use std::sync::Mutex;

/// The limits every target reads with: a small inflation cap, so a
/// decompression bomb is cut short instead of exhausting the fuzzer's
/// memory limit.
pub fn limits() -> Limits {
    Limits {
        max_inflated_bytes: 16 * 1024 * 1024,
        ..Limits::default()
    }
}

/// Lets panics raised inside calamine unwind to the sheet reader, which
/// catches them and turns them into `corrupt` errors, instead of counting
/// them as crashes; each such panic site is printed once so the run's log
/// lists them. Every other panic still aborts through libFuzzer's hook.
#[allow(dead_code)] // only the spreadsheet and pipeline targets need it
pub fn tolerate_calamine_panics() {
    let abort_hook = panic::take_hook();
    let seen: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
        let site = info
            .location()
            .map(|at| format!("{}:{}", at.file(), at.line()))
            .unwrap_or_default();
        if site.contains("/calamine-") {
            if seen
                .lock()
                .map(|mut s| s.insert(site.clone()))
                .unwrap_or(false)
            {
                eprintln!("caught calamine panic at {site}: {info}");
            }
            return;
        }
        abort_hook(info);
    }));
}

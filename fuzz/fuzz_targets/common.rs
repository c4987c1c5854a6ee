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

/// Lets the panics plangloss catches unwind to where they are caught,
/// instead of counting them as crashes: those raised inside calamine (the
/// sheet reader turns them into `corrupt` errors) and inside the JBIG2 and
/// JPEG 2000 decoders (damaged images). Each such panic site is printed
/// once so the run's log lists them. Every other panic still aborts
/// through libFuzzer's hook.
#[allow(dead_code)] // only the spreadsheet, pipeline and image targets need it
pub fn tolerate_caught_panics() {
    let abort_hook = panic::take_hook();
    let seen: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
        let site = info
            .location()
            .map(|at| format!("{}:{}", at.file(), at.line()))
            .unwrap_or_default();
        if site.contains("/calamine-") || plangloss::extract::pdf::in_guarded_decode() {
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

//! What the unit tests share: where the real-world files of `../shared/`
//! are, when this checkout has them.

use std::path::PathBuf;

/// `../shared/<sub>` beside the repository, or `None` (with the reason
/// printed) when it is absent or `PLANGLOSS_TEST_HIDE_SHARED` is set, as
/// `.ci/run` does to test what a user's fresh clone sees.
pub fn shared_path(sub: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if path.exists() && std::env::var_os("PLANGLOSS_TEST_HIDE_SHARED").is_none() {
        Some(path)
    } else {
        eprintln!("skipping: ../shared/{sub} not found or hidden");
        None
    }
}

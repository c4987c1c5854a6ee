#!/usr/bin/env bash
# Runs every test twice: once with ../shared/ (when it is beside the
# checkout), once with it hidden, as in a user's fresh clone, so that a test
# that only passes with the shared files cannot land; the interop clients
# (scripts/install-clients.sh) are installed first, and check the XLIFF and
# TMX of corpora/ after (scripts/xliff-clients.sh). Then, when the nightly
# toolchain and cargo-fuzz are installed, every fuzz target for a short time
# (FUZZ_SECONDS each, 10 by default; FUZZ_SECONDS=0 skips them). The Python
# package's tests (scripts/test-python.sh: the wheel, the API against ingest,
# the Spark and Ray examples) run before the fuzz targets.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each stage's heading says how long the run has taken so far, so that a CI
# log shows where its minutes go.
stage() { echo "== [$((SECONDS / 60))m$((SECONDS % 60))s] $*"; }
# The real CAT-tool clients the interop tests run (OmegaT, xmllint with the
# XLIFF schemas, translate-toolkit): installed when missing, best effort.
stage "the interop clients and Tesseract"
scripts/install-clients.sh
stage "cargo test"
cargo test
stage "again as a fresh clone sees it: ../shared hidden (PLANGLOSS_TEST_HIDE_SHARED=1)"
PLANGLOSS_TEST_HIDE_SHARED=1 cargo test
stage "XLIFF and TMX checked by the real clients"
cargo build -q
client_paths=(corpora)
[ -d ../shared/corpus ] && client_paths+=(../shared/corpus)
PLANGLOSS_BIN=target/debug/plangloss scripts/xliff-clients.sh "${client_paths[@]}"
stage "the Python package: wheel, API, Spark and Ray examples"
scripts/test-python.sh
fuzz_seconds=${FUZZ_SECONDS:-10}
if [ "$fuzz_seconds" = 0 ]; then
    echo "== fuzz targets skipped (FUZZ_SECONDS=0)"
elif cargo +nightly --version >/dev/null 2>&1 && command -v cargo-fuzz >/dev/null; then
    stage "every fuzz target for ${fuzz_seconds} s"
    # Without AddressSanitizer: a ten-second run finds panics, hangs and
    # runaway memory, and the sanitizer's build would cost CI three minutes.
    FUZZ_SECONDS=$fuzz_seconds FUZZ_JOBS=2 FUZZ_SANITIZER=${FUZZ_SANITIZER:-none} scripts/fuzz.sh
else
    echo "== fuzz targets skipped: needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz)"
fi
stage "done"

#!/usr/bin/env bash
# The Python API's benchmark (scripts/bench_python.py): builds the release
# wheel and binary, installs the wheel in the test venv (scripts/test-python.sh
# makes it), then times the API against the CLI on corpora/ x 200.
# Arguments go to bench_python.py (e.g. --copies 50 --repeat 1).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${PLANGLOSS_VENV:-$HOME/.cache/plangloss/venv}
cargo build --release --quiet
"$venv/bin/maturin" build --quiet --release -m python/Cargo.toml -o target/wheels/release --interpreter "$venv/bin/python"
"$venv/bin/python" -m pip install -q --force-reinstall --no-deps target/wheels/release/plangloss-*.whl
"$venv/bin/python" scripts/bench_python.py "$@"

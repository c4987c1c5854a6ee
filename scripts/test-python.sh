#!/usr/bin/env bash
# The Python package's tests: builds the wheel once with maturin (the dev
# profile, which reuses what `cargo test` compiled; PLANGLOSS_WHEEL_PROFILE=
# release for a benchmark), installs it in a venv kept between runs, and runs
# pytest on python/tests: records byte-identical to `plangloss ingest` on
# corpora/ and ../shared/corpus, a pickled Pipeline in another process, and
# the Spark (local[2]) and Ray examples over corpora/.
# What is missing is installed: Java 17 for Spark (apt, as root), and
# maturin, pytest, pyspark, pandas, pyarrow and ray[data] in the venv (PyPI).
# The venv is $PLANGLOSS_VENV, by default ~/.cache/plangloss/venv.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${PLANGLOSS_VENV:-$HOME/.cache/plangloss/venv}
profile=${PLANGLOSS_WHEEL_PROFILE:-dev}

if ! command -v java >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "== installing openjdk-17-jre-headless (Spark needs Java 17)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless) >/dev/null 2>&1 ||
            echo "   could not install Java; the Spark tests will skip"
    else
        echo "== Java is missing and cannot be installed here (needs root and apt-get); the Spark tests will skip"
    fi
fi

if [ ! -x "$venv/bin/python" ]; then
    echo "== making the test venv $venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
fi
python=$venv/bin/python
if ! "$python" -c "import maturin, pytest, pyspark, pandas, pyarrow, ray.data" 2>/dev/null; then
    echo "== installing the Python test dependencies in $venv"
    "$python" -m pip install -q --upgrade pip >/dev/null
    "$python" -m pip install -q maturin pytest pyspark pandas pyarrow ||
        { echo "cannot install maturin and pytest (see above)"; exit 1; }
    "$python" -m pip install -q "ray[data]" || echo "   could not install ray; the Ray test will skip"
fi

echo "== building the wheel (maturin, $profile profile)"
wheels=target/wheels/$profile
rm -rf "$wheels"
"$venv/bin/maturin" build --quiet --profile "$profile" -m python/Cargo.toml -o "$wheels" --interpreter "$python"
"$python" -m pip install -q --force-reinstall --no-deps "$wheels"/plangloss-*.whl

echo "== pytest python/tests"
(cd python/tests && "$python" -m pytest -q -rs)
echo "== again as a fresh clone sees it: ../shared hidden"
(cd python/tests && PLANGLOSS_TEST_HIDE_SHARED=1 "$python" -m pytest -q -rs test_pipeline.py)

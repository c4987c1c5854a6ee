"""What the tests share: where the repository, its corpora and the shared
corpus are, the command line's output, and the example jobs as modules."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
GLOSSARY = ROOT / "glossaries" / "program-terms.tsv"


def shared_corpus():
    """The shared corpus, or a skip that says why it is not here."""
    if os.environ.get("PLANGLOSS_TEST_HIDE_SHARED") or not SHARED_CORPUS.is_dir():
        pytest.skip(f"{SHARED_CORPUS} is not here (a fresh clone has no ../shared)")
    return SHARED_CORPUS


def ingest_output(*args):
    """The stdout (bytes) of ``plangloss ingest ARGS`` run by the same
    wheel's command line (``python -m plangloss``, so no Rust build is
    needed), from the repository root."""
    done = subprocess.run(
        [sys.executable, "-m", "plangloss", "ingest", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")
    return done.stdout


def cli_ingest(*args):
    """:func:`ingest_output` as text."""
    return ingest_output(*args).decode()


def load_example(name):
    """examples/NAME.py as a module (examples/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"{name}_example", ROOT / "examples" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def output_lines(folder, pattern):
    """The lines of the files matching ``pattern`` in a job's output folder,
    in file-name order, split on "\n" only."""
    lines = []
    for part in sorted(folder.glob(pattern)):
        lines.extend(part.read_bytes().split(b"\n")[:-1])
    return lines


def record_path(line):
    """The path of one record line."""
    return json.loads(line)["path"]


@pytest.fixture(scope="module")
def awkward_folder(tmp_path_factory):
    """A folder of the cases where an engine's own listing and reading
    differ from the walk of ``plangloss ingest``."""
    root = tmp_path_factory.mktemp("awkward")
    text = (ROOT / "corpora" / "vi" / "thong-bao-tiem-chung-tcvn3.txt").read_bytes()
    crawls = ROOT / "tests" / "fixtures" / "warc"
    files = {
        "_top.txt": text,                      # Spark hides "_" names; Ray at the top only
        "_drafts/_inner.txt": text,
        "sub/.hidden/skipped.txt": text,       # hidden deeper down: ingest skips it
        "sub/.skipped.txt": text,
        "a b%20c/tiếng việt #1.txt": text,     # space, "%", "#", non-ASCII
        "a:b.txt": text,                       # ":" fails Hadoop's checksummed local FS
        "a-b/x.txt": text,                     # "a-b/" sorts before "a/"
        "a/x.txt": text,
        "empty.txt": b"",                      # Spark's scan drops empty files
        "big.bin": bytes(range(256)) * 8600,   # over --max-file-size 1
        "crawls/crawl.warc": (crawls / "crawl.warc").read_bytes(),
        "crawls/crawl.warc.gz": (crawls / "crawl.warc.gz").read_bytes(),  # Ray's reader would inflate it
        "crawls/damaged.warc.gz": (crawls / "damaged.warc.gz").read_bytes(),
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root

"""Shared fixtures: where the repository, its corpora and the shared corpus are."""

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


def cli_ingest(*args):
    """The stdout of ``plangloss ingest ARGS`` run by the same wheel's
    command line (``python -m plangloss``), from the repository root."""
    done = subprocess.run(
        [sys.executable, "-m", "plangloss", "ingest", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")
    return done.stdout.decode()

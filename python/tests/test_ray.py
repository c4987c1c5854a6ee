"""The Ray example (examples/ray_ingest.py) against ``plangloss ingest``: the
same records, byte for byte, on corpora/ and on a folder of awkward cases
(hidden and "_" names, an empty file, a file over the size limit, web
crawls, a gzipped one among them, names with spaces, "%" and non-ASCII).

Skipped, with the reason printed, when ray[data] is not installed. One local
Ray (2 CPUs, no dashboard) serves the whole module.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ingest_output, load_example, output_lines, record_path

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO / "corpora"
# Ray's own settings warn about their deprecated names when copied to workers.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")


ray_ingest = load_example("ray_ingest")





def run_job(*argv: str) -> dict:
    """Runs the example's job on the module's Ray."""
    return ray_ingest.run(ray_ingest.parse_args(list(argv)))


@pytest.fixture(scope="module")
def local_ray():
    """A small local Ray for the module, or a skip saying what is missing."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as error:
        pytest.skip(f"ray[data] is not installed ({error})")
    ray_ingest.start_ray(ray_ingest.parse_args(["unused", "--output", "unused"]))
    yield ray
    ray.shutdown()




def test_jsonl_lines_equal_ingest(local_ray, tmp_path):
    out = tmp_path / "jsonl"
    summary = run_job(str(CORPORA), "--output", str(out), "--files-per-block", "8")
    expected = ingest_output(CORPORA).split(b"\n")[:-1]
    assert sorted(output_lines(out, "*.jsonl"), key=record_path) == expected
    assert summary["documents"] == summary["files"] == len(expected)


def test_sorted_output_is_ingest_output(local_ray, awkward_folder, tmp_path):
    out = tmp_path / "sorted"
    summary = run_job(str(awkward_folder), "--output", str(out), "--sort",
                      "--max-file-size", "1", "--files-per-block", "3")
    expected = ingest_output(awkward_folder, "--max-file-size", "1")
    assert b"".join(line + b"\n" for line in output_lines(out, "*.jsonl")) == expected
    assert summary["errors"] == 2  # the empty file and the big one


def test_parquet_columns(local_ray, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "parquet"
    run_job(str(CORPORA), "--output", str(out), "--format", "parquet")
    table = pq.read_table(out)
    assert table.column_names == ray_ingest.RECORD_COLUMNS
    assert str(table.schema.field("bytes").type) == "int64"
    expected = ingest_output(CORPORA).decode().split("\n")[:-1]
    assert sorted(table.column("record").to_pylist(), key=lambda line: json.loads(line)["path"]) \
        == expected
    for row in table.to_pylist():
        record = json.loads(row["record"])
        assert row["path"] == record["path"] and row["bytes"] == record["bytes"]


def test_listing_follows_ingest(awkward_folder):
    """Hidden names are skipped at any depth, "_" names kept, paths relative."""
    paths = [path for _, path, _ in ray_ingest.list_documents(str(awkward_folder))]
    assert "_top.txt" in paths and "_drafts/_inner.txt" in paths
    assert not any(ray_ingest.is_hidden(path) for path in paths)
    assert paths == sorted(paths)

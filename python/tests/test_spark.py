"""The Spark example (examples/spark_ingest.py) against ``plangloss ingest``:
the same records, byte for byte, on corpora/ and on a folder of awkward
cases (hidden and "_" names, an empty file, a file over the size limit,
web crawls, names with spaces, "%" and non-ASCII letters).

Skipped, with the reason printed, when pyspark or Java is missing. One local
SparkSession (``local[2]``, no UI) serves the whole module.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ingest_output, load_example, output_lines, record_path

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO / "corpora"
GLOSSARY = REPO / "glossaries" / "program-terms.tsv"
# pyspark 4.3 warns about pandas 3 on import; the job uses Arrow, not pandas.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")


spark_ingest = load_example("spark_ingest")





def run_job(spark, *argv: str) -> dict:
    """Runs the example's job in this test's SparkSession."""
    args = spark_ingest.parse_args(list(argv))
    return spark_ingest.run(spark, args)


@pytest.fixture(scope="module")
def spark():
    """One local SparkSession for the module, or a skip saying what is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError as error:
        pytest.skip(f"pyspark is not installed ({error})")
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and Path(java_home, "bin", "java").exists()):
        pytest.skip("Java is not installed (no java on PATH, no JAVA_HOME): Spark needs Java 17")
    args = spark_ingest.parse_args(["unused", "--output", "unused", "--master", "local[2]"])
    session = spark_ingest.spark_session(args, "plangloss-test-spark", {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "2",
        "spark.default.parallelism": "2",
    })
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpora_ingest() -> list[bytes]:
    """The lines of ``plangloss ingest corpora``."""
    return ingest_output(CORPORA).split(b"\n")[:-1]




def test_jsonl_lines_equal_ingest(spark, corpora_ingest, tmp_path):
    out = tmp_path / "jsonl"
    summary = run_job(spark, str(CORPORA), "--output", str(out), "--partitions", "3")
    lines = output_lines(out, "part-*.txt")
    assert sorted(lines, key=record_path) == corpora_ingest
    assert summary["documents"] == len(corpora_ingest)
    assert summary["files"] == len(corpora_ingest)


def test_sorted_output_is_ingest_output(spark, awkward_folder, tmp_path):
    """Every awkward case gives the record ``ingest`` gives, and --sort puts
    the part files in ``ingest``'s order."""
    out = tmp_path / "sorted"
    summary = run_job(spark, str(awkward_folder), "--output", str(out), "--sort",
                      "--max-file-size", "1")
    expected = ingest_output(awkward_folder, "--max-file-size", "1")
    written = b"".join(line + b"\n" for line in output_lines(out, "part-*.txt"))
    assert written == expected
    paths = [record_path(line) for line in expected.split(b"\n")[:-1]]
    assert "_top.txt" in paths and "empty.txt" in paths and "big.bin" in paths
    assert not any("/." in path for path in paths)
    assert summary["errors"] == 2  # the empty file and the big one


def test_parquet_columns_and_blocks(spark, tmp_path):
    """Parquet holds every column, ``record`` is the ingest line, and the
    blocks table has one row per block (with a glossary, so terms count)."""
    import pyarrow.parquet as pq

    out, blocks_out = tmp_path / "parquet", tmp_path / "blocks"
    run_job(spark, str(CORPORA), "--output", str(out), "--format", "parquet",
            "--blocks", str(blocks_out), "--glossary", str(GLOSSARY))
    expected = ingest_output(CORPORA, "--glossary", str(GLOSSARY)).decode().split("\n")[:-1]

    table = pq.read_table(out)
    assert table.column_names == spark_ingest.RECORD_COLUMNS
    assert str(table.schema.field("bytes").type) == "int64"
    rows = sorted(table.to_pylist(), key=lambda row: row["path"])
    assert [row["record"] for row in rows] == expected
    for row in rows:
        record = json.loads(row["record"])
        assert (row["path"], row["format"], row["lang"], row["sha256"], row["bytes"]) == (
            record["path"], record["format"], record["lang"], record["sha256"], record["bytes"])
        assert row["error_kind"] == (record.get("error") or {}).get("kind")

    blocks = pq.read_table(blocks_out)
    records = [json.loads(line) for line in expected]
    assert blocks.num_rows == sum(len(record["blocks"]) for record in records)
    assert sum(blocks.column("terms").to_pylist()) == sum(
        len(block["terms"]) for record in records for block in record["blocks"])
    assert sum(blocks.column("terms").to_pylist()) > 0


def test_unexpected_exception_becomes_error_record():
    """A Python exception on one file gives an error record, not a failed task."""

    class BrokenPipeline:
        def process_json(self, data, path):
            if data:
                raise RuntimeError("boom")
            return '{"path":"template","format":null,"error":{"kind":"corrupt","message":"x"}}\n'

    files = spark_ingest.FileRecords(BrokenPipeline(), spark_ingest.RootFolder("/data"), 256, 256)
    source, lines = files.lines("file:/data/vi/plan.docx", 3, b"abc")
    record = json.loads(lines[0])
    assert source == "vi/plan.docx"
    assert record["path"] == "vi/plan.docx" and record["bytes"] == 3
    assert record["error"]["kind"] == "corrupt"
    assert "RuntimeError: boom" in record["error"]["message"]


@pytest.mark.parametrize("root, location, expected", [
    ("s3a://bucket/plans/", "s3a://bucket/plans/vi/a b.docx", "vi/a b.docx"),
    ("hdfs://namenode:8020/plans", "hdfs://namenode:8020/plans/zh/x.pdf", "zh/x.pdf"),
    ("file:///data/plans", "file:/data/plans/vi/x.txt", "vi/x.txt"),
    ("/data//plans/./", "file:/data/plans/x%20y.txt", "x%20y.txt"),
    ("/data/plans/one.pdf", "file:/data/plans/one.pdf", "/data/plans/one.pdf"),
])
def test_relative_paths(root, location, expected):
    assert spark_ingest.RootFolder(root).relative(location) == expected


def test_listing_uris_are_decoded():
    uri = "file:///data/a%20b%2520c/ti%E1%BA%BFng%20%231.txt"
    assert spark_ingest.uri_location(uri) == "file:///data/a b%20c/tiếng #1.txt"

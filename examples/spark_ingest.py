#!/usr/bin/env python3
"""Ingest a folder or bucket of plan documents with PySpark: the records of
``plangloss ingest ROOT``, made on a Spark cluster.

Run it locally (the plangloss wheel and pyspark installed, Java 17 on the
PATH)::

    python examples/spark_ingest.py corpora/ --output out/ --master 'local[2]' \\
        --glossary glossaries/program-terms.tsv

or on a cluster, where every executor has the plangloss wheel installed (see
"At scale" in the README)::

    spark-submit --master yarn examples/spark_ingest.py s3a://bucket/plans/ \\
        --output s3a://bucket/plangloss/ --format parquet --blocks s3a://bucket/blocks/

How it works
------------
The files are read with Spark's ``binaryFile`` source (recursive, no
partition discovery); the ``plangloss.Pipeline`` is built once on the driver
from the options below and reaches the executors pickled in the closure of a
``mapInArrow`` function (the pickle carries the glossary text, so the
executors need no glossary file). Each file gives the JSON lines
``Pipeline.process_json`` returns: one, or one per document of a WARC/WET web
crawl. A document that cannot be read is a record with an ``error``; an
unexpected Python exception while handling one file also becomes an error
record (kind ``corrupt``) instead of a failed task.

Output columns: ``path``, ``format``, ``lang``, ``sha256``, ``bytes`` (long),
``error_kind`` (null when the document was read) and ``record`` (the whole
JSON line, without its newline). ``--format jsonl`` (the default) writes only
``record``, one per line, so every line is exactly a line of ``plangloss
ingest``; ``--format parquet`` writes every column. ``--blocks DIR`` adds a
Parquet table with one row per block (path, block index, kind, lang, level,
page, label, sheet, table index/row/col, text, number of sentences, number of
term hits), made from the written records.

Paths and hidden files
----------------------
Each record's path is the file's path relative to ROOT with "/" separators,
as ``plangloss ingest ROOT`` shows it (``vi/kh-2025.docx``; ``FILE#RECORD-ID``
for a document inside a crawl). ROOT may be a local path or a ``file:``,
``hdfs:``, ``s3a:``… URI; the ``path`` column Spark gives (``file:/abs/ROOT/
vi/x.docx``) is a Hadoop path, not percent-encoded, while the file list of
``DataFrame.inputFiles()`` is percent-encoded: both are handled.

``plangloss ingest`` skips names starting with "." at any depth. Spark's file
listing also hides names starting with "_" by default (``_drafts/``,
``_plan.docx``). From Spark 4.3 on, the job sets the ``ignoredPathSegmentRegex``
read option to ``^\\.`` so that only "." names are hidden, as ``ingest`` does;
older Spark versions ignore that option and leave "_" names out. Spark always
skips names ending in ``._COPYING_`` (files being copied) and always lists
``_metadata``/``_common_metadata``; ``ingest`` reads them like any file.
Hadoop's default local filesystem fails on a file name holding ":", so the
session made here reads ``file:`` paths with the raw local filesystem.

Spark's file scan never returns zero-length files, and the job does not read
files over ``--max-read-size``. By default (``--unread-files records``) it
finds both in one more pass over the files' metadata (no content read; the
file listing also goes through the driver) and writes the records ``ingest``
writes for them (an empty file is an error of kind ``corrupt``).
``--unread-files skip`` leaves them out and saves that pass: binaryFile asks
for each file's status on every pass, a HEAD request per file on an object
store.

Sizes and memory
----------------
Files larger than ``--max-read-size`` (default: ``--max-file-size``) are not
read: they get the ``too_large`` record ``ingest`` writes for a file over
``--max-file-size``. ``ingest`` streams WARC/WET crawls whatever their size
(the limit applies to each document inside); this job holds a file whole in
memory, so a crawl file larger than ``--max-read-size`` gets that
``too_large`` record here: raise ``--max-read-size`` (Spark reads at most
2047 MiB per file) or run ``plangloss ingest --shard`` on the crawls.

Memory per task: a task's files are packed up to ``--max-partition-mb``
(``spark.sql.files.maxPartitionBytes``, 64 MiB) and handed to Python in
Arrow batches of at most ``--batch-size`` files and that many bytes
(``spark.sql.execution.arrow.maxBytesPerBatch``); a file larger than that
makes a batch of its own. A batch is held about three times (JVM rows, Arrow
buffers, the Python bytes of the file being processed), and plangloss needs
a few MB for one document (at most ``--max-inflated-size`` +
``--max-record-size``). So, per core: about 3 × max(64 MiB, largest file
read) + a few MB; 200-300 MiB for files of a few MB, up to ~1.2 GiB per core
if 256 MiB files are read (lower ``--max-read-size`` to lower it). Split
between ``spark.executor.memory`` (JVM) and
``spark.executor.pyspark.memory`` or ``spark.executor.memoryOverhead``
(Python workers). ``--open-cost-kb`` (``spark.sql.files.openCostInBytes``)
is what a file counts for on top of its bytes when files are packed: Spark's
default, 4 MiB, packs only ~16 small files per task, and the job ran 3×
slower with it on 7,200 files of 33 KB; 64 KiB gives tasks of ~700 such
files.

Order
-----
Without ``--sort`` the part files hold the records in no particular order.
With ``--sort`` the records are sorted as ``ingest`` writes them (by relative
path, the documents of a crawl in file order) and the part files follow that
order, so ``cat OUT/part-*`` (``--format jsonl``) is byte for byte the output
of ``plangloss ingest ROOT`` with the same options (apart from the differences
noted above: crawls over ``--max-read-size``, ``._COPYING_`` names, "_" names
before Spark 4.3).

The driver prints a summary at the end (input files, documents, errors,
seconds; counts from accumulators, which a re-run task may count twice) and
exits 0 when the job completed, even if some documents failed (their records
say why).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import posixpath
import re
import sys
import time
from typing import Callable, Iterator, Optional
from urllib.parse import unquote

from plangloss.jobs import (
    MIB,
    RECORD_COLUMNS,
    add_output_options,
    add_pipeline_options,
    error_line,
    error_template,
    pipeline_from_args,
    positive_int,
    records_arrow_schema,
    record_lines,
    summary_row,
    too_large_line,
)

# Spark's binaryFile source refuses files over Int.MaxValue bytes.
SPARK_MAX_READ_MIB = 2047
# The columns of the processed DataFrame: the public ones, then the order of
# `plangloss ingest` (source file, index of the document within it).
RECORDS_SCHEMA = (
    "path string, format string, lang string, sha256 string, bytes long, "
    "error_kind string, record string, source string, record_index int"
)
BLOCKS_JSON_SCHEMA = (
    "path string, blocks array<struct<kind: string, lang: string, level: int, "
    "page: int, label: string, sheet: string, "
    "table: struct<index: int, row: int, col: int>, text: string, "
    "sentences: array<struct<start: int, end: int>>, "
    "terms: array<struct<start: int, end: int>>>>"
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_SCHEME_AND_AUTHORITY = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(//[^/]*)?")


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of this job."""
    parser = argparse.ArgumentParser(
        description="Ingest a folder or bucket of plan documents with PySpark: the records "
        "of `plangloss ingest ROOT`, written as JSON Lines or Parquet.",
        epilog="Example: python examples/spark_ingest.py corpora/ --output out/ "
        "--master 'local[2]' --sort  (then `cat out/part-*` equals `plangloss ingest corpora/`)",
    )
    add_output_options(parser, "corpora/, file:/data/plans, s3a://bucket/plans/, hdfs://nn/plans")
    parser.add_argument("--master", help="Spark master, e.g. 'local[2]' (default: as "
                        "spark-submit or the Spark configuration says)")
    parser.add_argument("--partitions", type=positive_int, metavar="N",
                        help="split the input into about N partitions when reading (no shuffle)")
    parser.add_argument("--shuffle-input", action="store_true",
                        help="with --partitions: repartition the read files round-robin "
                        "(a shuffle of the file contents; for very uneven inputs only)")
    parser.add_argument("--max-partition-mb", type=positive_int, default=64, metavar="MB",
                        help="spark.sql.files.maxPartitionBytes and the Arrow batch byte "
                        "cap, in MiB (default: 64)")
    parser.add_argument("--open-cost-kb", type=positive_int, default=64, metavar="KB",
                        help="spark.sql.files.openCostInBytes in KiB: the size a file counts "
                        "for on top of its bytes when files are packed into partitions "
                        "(default: 64)")
    parser.add_argument("--batch-size", type=positive_int, default=64, metavar="FILES",
                        help="files per Arrow batch handed to Python (default: 64)")
    parser.add_argument("--max-read-size", type=positive_int, metavar="MIB",
                        help="files larger than this are not read but get a too_large record "
                        f"(default: --max-file-size; at most {SPARK_MAX_READ_MIB})")
    parser.add_argument("--max-records-per-file", type=positive_int, metavar="N",
                        help="most records in one output part file")
    parser.add_argument("--unread-files", choices=["records", "skip"], default="records",
                        help="files the read scan does not return (empty files, which Spark "
                        "drops, and files over --max-read-size): find them in one more pass "
                        "over file metadata and write their records (default), or skip them")
    add_pipeline_options(parser)
    return parser


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    """Parses and checks the command line."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.max_read_size is None:
        args.max_read_size = min(args.max_file_size, SPARK_MAX_READ_MIB)
    if args.max_read_size > SPARK_MAX_READ_MIB:
        parser.error(f"--max-read-size is at most {SPARK_MAX_READ_MIB} (Spark's binaryFile limit)")
    if args.shuffle_input and not args.partitions:
        parser.error("--shuffle-input needs --partitions")
    return args


# --------------------------------------------------------------------------
# Paths: Hadoop locations to the paths `plangloss ingest ROOT` shows
# --------------------------------------------------------------------------


def location_path(location: str) -> str:
    """The path part of a Hadoop path or URI: ``file:/a/b`` and
    ``s3a://bucket/a/b`` give ``/a/b``; a plain path is returned as is."""
    return _SCHEME_AND_AUTHORITY.sub("", location, count=1) or "/"


def uri_location(uri: str) -> str:
    """A percent-encoded URI (as ``DataFrame.inputFiles()`` lists them) as
    a Hadoop path string, whose path part is not encoded."""
    match = _SCHEME_AND_AUTHORITY.match(uri)
    prefix = match.group(0) if match else ""
    return prefix + unquote(uri[len(prefix):])


class RootFolder:
    """The ROOT given on the command line, to make record paths relative
    to it as ``plangloss ingest ROOT`` does."""

    def __init__(self, root: str):
        self.given = root
        path = location_path(root) if _SCHEME.match(root) else os.path.abspath(root)
        # Hadoop normalizes paths (duplicate and trailing slashes, "." and "..").
        path = re.sub(r"^/+", "/", posixpath.normpath(path))
        self.path = path
        self.prefix = path.rstrip("/") + "/"

    def relative(self, location: str) -> str:
        """The record path of the file at ``location`` (a Hadoop path)."""
        path = location_path(location)
        if path == self.path:
            return self.given  # ROOT is a file: `ingest FILE` shows it as given
        if not path.startswith(self.prefix):
            raise ValueError(f"{location} is not under {self.given}")
        return path[len(self.prefix):]


# --------------------------------------------------------------------------
# Records: what runs on the executors
# --------------------------------------------------------------------------


class FileRecords:
    """Turns one input file into its record lines, never raising."""

    def __init__(self, pipeline, root: RootFolder, max_read_mib: int, max_file_mib: int):
        self.pipeline = pipeline
        self.root = root
        self.max_read_mib = max_read_mib
        self.max_read_bytes = max_read_mib * MIB
        self.max_file_mib = max_file_mib
        # A failed document's record, to copy the layout of for records made here.
        self.template = error_template(pipeline)
        self.seconds = 0.0

    def lines(self, location: str, size: int, data: Optional[bytes]) -> tuple[str, list[str]]:
        """(record path of the file, its record lines). ``data`` is None when
        the file was not read: too large, or empty (Spark's scan drops those)."""
        path = location
        try:
            path = self.root.relative(location)
            if data is None and size > self.max_read_bytes:
                return path, [too_large_line(self.template, path, size, self.max_file_mib,
                                   self.max_read_mib, "Spark")]
            started = time.perf_counter()
            lines = record_lines(self.pipeline, data or b"", path)
            self.seconds += time.perf_counter() - started
            return path, lines
        except Exception as error:  # one bad file must not fail the task
            sha256 = hashlib.sha256(data).hexdigest() if data is not None else None
            message = f"the Spark job could not process this file: {type(error).__name__}: {error}"
            return path, [error_line(self.template, path, size, sha256, "corrupt", message)]


def make_batch_processor(pipeline, root: RootFolder, max_read_mib: int, max_file_mib: int,
                         counters: Optional[dict] = None) -> Callable:
    """The ``mapInArrow`` function: batches of (path, length, content) in,
    batches of records (``RECORDS_SCHEMA``) out. ``counters`` holds optional
    Spark accumulators: files, documents, errors, pipeline_seconds."""
    counters = counters or {}

    def process_batches(batches: Iterator) -> Iterator:
        import pyarrow as pa

        files = FileRecords(pipeline, root, max_read_mib, max_file_mib)
        schema = records_arrow_schema()
        for batch in batches:
            out = {name: [] for name in schema.names}
            locations = batch.column("path").to_pylist()
            sizes = batch.column("length").to_pylist()
            contents = batch.column("content")
            files.seconds = 0.0
            for i, location in enumerate(locations):
                data = contents[i].as_py()  # one file's bytes at a time
                source, lines = files.lines(location, sizes[i], data)
                for index, line in enumerate(lines):
                    add_record(out, line, source, index)
            add_to_counters(counters, len(locations), out["error_kind"], files.seconds)
            yield pa.RecordBatch.from_pydict(out, schema=schema)

    return process_batches


def add_record(out: dict, line: str, source: str, index: int) -> None:
    """Appends one record line to the output columns."""
    values = summary_row(line)
    for name, value in zip(RECORD_COLUMNS[:6], values):
        out[name].append(value)
    out["record"].append(line)
    out["source"].append(source)
    out["record_index"].append(index)


def add_to_counters(counters: dict, files: int, error_kinds: list, seconds: float) -> None:
    """Adds one batch to the accumulators given, if any."""
    updates = {
        "files": files,
        "documents": len(error_kinds),
        "errors": sum(kind is not None for kind in error_kinds),
        "pipeline_seconds": seconds,
    }
    for name, value in updates.items():
        if name in counters:
            counters[name].add(value)


# --------------------------------------------------------------------------
# The Spark job
# --------------------------------------------------------------------------


def spark_session(args: argparse.Namespace, app_name: str = "plangloss-ingest",
                  conf: Optional[dict] = None):
    """The SparkSession (``--master`` if given, else as spark-submit says),
    with the extra settings of ``conf``."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    # Hadoop's default local filesystem looks for a ".NAME.crc" file beside
    # each file and fails the task on a name holding ":"; the raw one reads
    # any name (it only concerns file: paths).
    builder = builder.config("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # Local Python workers must be this interpreter (it has plangloss).
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return builder.getOrCreate()


def configure_session(spark, args: argparse.Namespace) -> None:
    """Sets the SQL settings this job depends on, on an existing session."""
    conf = {
        "spark.sql.files.maxPartitionBytes": str(args.max_partition_mb * MIB),
        "spark.sql.files.openCostInBytes": str(args.open_cost_kb * 1024),
        "spark.sql.execution.arrow.maxRecordsPerBatch": str(args.batch_size),
        "spark.sql.execution.arrow.maxBytesPerBatch": str(args.max_partition_mb * MIB),
    }
    for key, value in conf.items():
        spark.conf.set(key, value)
    for key in ("spark.sql.files.minPartitionNum", "spark.sql.files.maxPartitionNum"):
        if args.partitions and not args.shuffle_input:
            spark.conf.set(key, str(args.partitions))
        else:
            spark.conf.unset(key)


def list_files(spark, root: str):
    """The binaryFile DataFrame of every file under ``root``, names starting
    with "." hidden (and, before Spark 4.3, "_" too)."""
    return (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .option("ignoredPathSegmentRegex", r"^\.")
        .load(root)
    )


def readable_files(files, args: argparse.Namespace):
    """The files of at most --max-read-size, as (path, length, content).
    The length filter reaches the binaryFile reader: larger files are not
    read."""
    from pyspark.sql import functions as F

    read = files.where(F.col("length") <= args.max_read_size * MIB).select(
        "path", "length", "content")
    if args.shuffle_input:
        read = read.repartition(args.partitions)
    return read


def unread_files(spark, files, args: argparse.Namespace):
    """(files the read scan does not return, metadata DataFrame to unpersist
    after the job). The files are those over --max-read-size and the empty
    ones, which Spark's scan drops but ``inputFiles()`` (the listing, as
    percent-encoded URIs) keeps; as (path, length, content null). Costs one
    pass over the files' metadata, no content read (binaryFile asks for each
    file's status: a HEAD request per file on object stores)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    null_content = F.lit(None).cast("binary").alias("content")
    metadata = files.select("path", "length").persist(StorageLevel.MEMORY_AND_DISK)
    metadata.count()  # the one metadata pass, before the job uses it twice
    too_large = metadata.where(F.col("length") > args.max_read_size * MIB).select(
        "path", "length", null_content)

    def path_key():  # the path part: "file:/a" and "file:///a" are the same file
        return F.regexp_replace("path", _SCHEME_AND_AUTHORITY.pattern, "").alias("key")

    listed = spark.createDataFrame([(uri_location(uri),) for uri in files.inputFiles()],
                                   "path string").select("path", path_key())
    empty = listed.join(metadata.select(path_key()), "key", "left_anti").select(
        "path", F.lit(0).cast("long").alias("length"), null_content)
    return too_large.unionByName(empty), metadata


def records_dataframe(spark, args: argparse.Namespace, pipeline, counters: Optional[dict] = None):
    """(records of every file under ``args.root`` in no particular order, as
    ``RECORDS_SCHEMA``; DataFrames to unpersist once they are written)."""
    root = RootFolder(args.root)
    files = list_files(spark, args.root)
    inputs, persisted = readable_files(files, args), []
    if args.unread_files == "records":
        unread, metadata = unread_files(spark, files, args)
        inputs, persisted = inputs.unionByName(unread), [metadata]
    process = make_batch_processor(pipeline, root, args.max_read_size, args.max_file_size,
                                   counters)
    return inputs.mapInArrow(process, RECORDS_SCHEMA), persisted


def sorted_as_ingest(records):
    """The records in the order of ``plangloss ingest``: by the relative path
    of their file (UTF-8 byte order, as Spark compares strings), then in
    file order within a crawl."""
    return records.orderBy("source", "record_index")


def write_records(records, args: argparse.Namespace) -> None:
    """Writes the records as JSON Lines (the record lines) or Parquet."""
    table = records.select("record") if args.format == "jsonl" else records.select(*RECORD_COLUMNS)
    writer = table.write.mode("overwrite" if args.overwrite else "errorifexists")
    if args.max_records_per_file:
        writer = writer.option("maxRecordsPerFile", args.max_records_per_file)
    if args.format == "jsonl":
        writer.text(args.output)
    else:
        writer.parquet(args.output)


def written_records(spark, args: argparse.Namespace):
    """The record lines just written, read back, as a column ``record``."""
    if args.format == "jsonl":
        return spark.read.text(args.output).withColumnRenamed("value", "record")
    return spark.read.parquet(args.output).select("record")


def blocks_dataframe(records):
    """One row per block of the records (a DataFrame with a ``record``
    column): path, block index, kind, lang, level, page, label, sheet,
    table index/row/col, text, sentences and terms (counts)."""
    from pyspark.sql import functions as F

    parsed = records.select(F.from_json("record", BLOCKS_JSON_SCHEMA).alias("r"))
    exploded = parsed.select(F.col("r.path").alias("path"),
                             F.posexplode("r.blocks").alias("block", "b"))
    return exploded.select(
        "path",
        "block",
        F.col("b.kind").alias("kind"),
        F.col("b.lang").alias("lang"),
        F.col("b.level").alias("level"),
        F.col("b.page").alias("page"),
        F.col("b.label").alias("label"),
        F.col("b.sheet").alias("sheet"),
        F.col("b.table.index").alias("table_index"),
        F.col("b.table.row").alias("table_row"),
        F.col("b.table.col").alias("table_col"),
        F.col("b.text").alias("text"),
        F.size("b.sentences").alias("sentences"),
        F.size("b.terms").alias("terms"),
    )


def write_blocks(spark, args: argparse.Namespace) -> None:
    """Writes the blocks table from the records just written."""
    blocks = blocks_dataframe(written_records(spark, args))
    blocks.write.mode("overwrite" if args.overwrite else "errorifexists").parquet(args.blocks)


def make_counters(spark) -> dict:
    """Accumulators for the summary (best effort: a re-run task adds twice)."""
    context = spark.sparkContext
    return {
        "files": context.accumulator(0),
        "documents": context.accumulator(0),
        "errors": context.accumulator(0),
        "pipeline_seconds": context.accumulator(0.0),
    }


def build_pipeline(args: argparse.Namespace):
    """The plangloss Pipeline of these options, built on the driver (a bad
    glossary path or setting fails here, before any Spark job)."""
    return pipeline_from_args(args)


def run(spark, args: argparse.Namespace, pipeline=None) -> dict:
    """Runs the job on ``spark``; returns the summary counts and seconds."""
    started = time.perf_counter()
    pipeline = pipeline or build_pipeline(args)
    configure_session(spark, args)
    counters = make_counters(spark)
    records, persisted = records_dataframe(spark, args, pipeline, counters)
    if args.sort:
        from pyspark import StorageLevel

        # A global sort samples its input in a job of its own: keep the
        # records on the executors' disks so that plangloss runs once.
        records = records.persist(StorageLevel.DISK_ONLY)
        persisted.append(records)
        records = sorted_as_ingest(records)
    write_records(records, args)
    for frame in persisted:
        frame.unpersist()
    if args.blocks:
        write_blocks(spark, args)
    summary = {name: counter.value for name, counter in counters.items()}
    summary["seconds"] = time.perf_counter() - started
    return summary


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: parse options, run the job, print the summary."""
    args = parse_args(argv)
    pipeline = build_pipeline(args)
    spark = spark_session(args)
    try:
        summary = run(spark, args, pipeline)
    finally:
        spark.stop()
    print(f"spark_ingest: {summary['files']} files, {summary['documents']} documents, "
          f"{summary['errors']} errors, {summary['seconds']:.1f} s "
          f"(plangloss {summary['pipeline_seconds']:.1f} s over all cores)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Ingest a folder or bucket of plan documents with Ray Data: the records of
``plangloss ingest ROOT``, made on a Ray cluster.

Run it locally (the plangloss wheel and ray[data] installed); by default it
starts a small local Ray (``--num-cpus 2``, no dashboard)::

    python examples/ray_ingest.py corpora/ --output out/ \\
        --glossary glossaries/program-terms.tsv

or join a cluster whose workers have the plangloss wheel installed::

    python examples/ray_ingest.py s3://bucket/plans/ --output s3://bucket/plangloss/ \\
        --format parquet --address auto

How it works
------------
The driver lists the files under ROOT with pyarrow's filesystem (local
paths, ``file://``, ``s3://``, ``gs://``, ``hdfs://``), keeping what
``plangloss ingest ROOT`` keeps, and makes a dataset of (location, size)
rows. ``map_batches`` reads each file inside the task and runs the
``plangloss.Pipeline`` on it: the pipeline is built once on the driver from
the options below and reaches the workers pickled in the function's closure
(the pickle carries the glossary text). A file gives the JSON lines
``Pipeline.process_json`` returns: one, or one per document of a WARC/WET
crawl. A document that cannot be read is a record with an ``error``; an
unexpected Python exception on one file also becomes an error record (kind
``corrupt``) instead of a failed task.

Why not ``ray.data.read_binary_files``: it decompresses files whose name ends
in ``.gz``, ``.bz2``, ``.zst``… (a ``crawl.warc.gz`` would be processed
decompressed, so its ``sha256`` and ``bytes`` would be wrong, and a damaged
one fails the read task), its listing skips "_" and "." names only at the
top of ROOT (hidden files further down are read, ``_drafts/`` is not), and it
reads files over the size limit whole. Reading inside the map task also
keeps file contents out of Ray's object store: only records go through it.

Output columns: ``path``, ``format``, ``lang``, ``sha256``, ``bytes`` (long),
``error_kind`` (null when the document was read) and ``record`` (the JSON
line without its newline). ``--format jsonl`` (the default) writes only the
record lines, so every line is exactly a line of ``plangloss ingest``;
``--format parquet`` writes every column. ``--blocks DIR`` adds a Parquet
table with one row per block. Each record's path is the file's path relative
to ROOT with "/" separators (``FILE#RECORD-ID`` inside a crawl); names
starting with "." are skipped at any depth, as ``ingest`` does, and "_"
names are read.

Files larger than ``--max-read-size`` (default: ``--max-file-size``) are not
read and get the ``too_large`` record ``ingest`` writes. ``ingest`` streams
WARC/WET crawls whatever their size; here a file is held whole in memory, so
a crawl larger than ``--max-read-size`` gets that record too: raise the
option for crawls. Memory per worker is about ``--batch-size`` files × the
largest file read, plus what plangloss needs for one document.

With ``--sort`` the records are sorted as ``ingest`` writes them and the
output files follow that order: ``cat OUT/*.jsonl`` equals ``plangloss
ingest ROOT``. The driver prints a summary (files, documents, errors,
seconds) and exits 0 when the job completed, even if documents failed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import posixpath
import re
import sys
import time
from typing import Callable, Optional

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

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of this job."""
    parser = argparse.ArgumentParser(
        description="Ingest a folder or bucket of plan documents with Ray Data: the records "
        "of `plangloss ingest ROOT`, written as JSON Lines or Parquet.",
        epilog="Example: python examples/ray_ingest.py corpora/ --output out/ --sort  "
        "(then `cat out/*.jsonl` equals `plangloss ingest corpora/`)",
    )
    add_output_options(parser, "corpora/, s3://bucket/plans/, gs://bucket/plans/, hdfs://nn/plans")
    parser.add_argument("--address",
                        help="Ray cluster to join ('auto', 'ray://head:10001'); default: start "
                        "a local Ray")
    parser.add_argument("--num-cpus", type=positive_int, default=2,
                        help="CPUs of the local Ray started without --address (default: 2)")
    parser.add_argument("--object-store-mb", type=positive_int, default=512, metavar="MB",
                        help="object store of the local Ray, in MiB (default: 512)")
    parser.add_argument("--files-per-block", type=positive_int, default=256, metavar="N",
                        help="files per input block, the unit of work of one task (default: 256)")
    parser.add_argument("--batch-size", type=positive_int, default=64, metavar="FILES",
                        help="files read and processed at once in a task (default: 64)")
    parser.add_argument("--max-read-size", type=positive_int, metavar="MIB",
                        help="files larger than this are not read but get a too_large record "
                        "(default: --max-file-size)")
    parser.add_argument("--progress", action="store_true", help="show Ray Data's progress bars")
    add_pipeline_options(parser)
    return parser


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    """Parses the command line."""
    args = build_parser().parse_args(argv)
    if args.max_read_size is None:
        args.max_read_size = args.max_file_size
    return args


# --------------------------------------------------------------------------
# Listing: the files `plangloss ingest ROOT` reads
# --------------------------------------------------------------------------


def filesystem_of(root: str):
    """(pyarrow filesystem, path of ``root`` on it): a URI through
    ``FileSystem.from_uri``, anything else as a local path."""
    from pyarrow import fs

    if _URI.match(root):
        return fs.FileSystem.from_uri(root)
    return fs.LocalFileSystem(), os.path.abspath(root)


def is_hidden(relative_path: str) -> bool:
    """Whether ``ingest`` skips this path: a name in it starts with "."."""
    return any(name.startswith(".") for name in relative_path.split("/"))


def list_documents(root: str) -> list[tuple[str, str, int]]:
    """(location on the filesystem, record path, size) of each file under
    ``root``, in ``ingest``'s order; ``root`` itself when it is a file."""
    from pyarrow import fs

    filesystem, base = filesystem_of(root)
    base = posixpath.normpath(base) if base else base
    info = filesystem.get_file_info(base)
    if info.type == fs.FileType.File:
        return [(base, root, info.size)]
    if info.type != fs.FileType.Directory:
        raise FileNotFoundError(f"{root}: no such file or folder")
    prefix = base.rstrip("/") + "/"
    documents = []
    for entry in filesystem.get_file_info(fs.FileSelector(base, recursive=True)):
        if entry.type != fs.FileType.File or not entry.path.startswith(prefix):
            continue
        relative = entry.path[len(prefix):]
        if not is_hidden(relative):
            documents.append((entry.path, relative, entry.size))
    documents.sort(key=lambda document: document[1])
    return documents


# --------------------------------------------------------------------------
# Records: what runs on the workers
# --------------------------------------------------------------------------


def read_file(filesystem, location: str) -> bytes:
    """The bytes of one file, as stored (no decompression by file name)."""
    with filesystem.open_input_stream(location, compression=None) as stream:
        return stream.readall()


class FileRecords:
    """Reads one listed file and turns it into its record lines, never raising."""

    def __init__(self, pipeline, filesystem, max_read_mib: int, max_file_mib: int):
        self.pipeline = pipeline
        self.filesystem = filesystem
        self.max_read_mib = max_read_mib
        self.max_read_bytes = max_read_mib * MIB
        self.max_file_mib = max_file_mib
        # A failed document's record, to copy the layout of for records made here.
        self.template = error_template(pipeline)

    def lines(self, location: str, path: str, size: int) -> list[str]:
        """The record lines of the file at ``location``, shown as ``path``."""
        if size > self.max_read_bytes:
            return [too_large_line(self.template, path, size, self.max_file_mib,
                                   self.max_read_mib, "Ray")]
        data = None
        try:
            data = read_file(self.filesystem, location)
            return record_lines(self.pipeline, data, path)
        except Exception as error:  # one bad file must not fail the task
            sha256 = hashlib.sha256(data).hexdigest() if data is not None else None
            kind = "io" if data is None else "corrupt"
            message = f"the Ray job could not process this file: {type(error).__name__}: {error}"
            return [error_line(self.template, path, size, sha256, kind, message)]


def make_batch_processor(pipeline, root: str, max_read_mib: int, max_file_mib: int) -> Callable:
    """The ``map_batches`` function: a pyarrow table of (location, path,
    size) in, a table of records (``records_arrow_schema``) out."""

    made = {}  # per task: the filesystem client and template, made once

    def process_files(batch):
        import pyarrow as pa

        if "files" not in made:
            filesystem, _ = filesystem_of(root)
            made["files"] = FileRecords(pipeline, filesystem, max_read_mib, max_file_mib)
        files = made["files"]
        schema = records_arrow_schema()
        out = {name: [] for name in schema.names}
        listed = zip(batch.column("location").to_pylist(), batch.column("path").to_pylist(),
                     batch.column("size").to_pylist())
        for location, path, size in listed:
            for index, line in enumerate(files.lines(location, path, size)):
                for name, value in zip(RECORD_COLUMNS[:6], summary_row(line)):
                    out[name].append(value)
                out["record"].append(line)
                out["source"].append(path)
                out["record_index"].append(index)
        return pa.Table.from_pydict(out, schema=schema)

    return process_files


def block_rows(batch):
    """``map_batches`` function: a table with a ``record`` column in, one row
    per block out (path, block index, kind, lang, level, page, label, sheet,
    table index/row/col, text, sentences and terms counted)."""
    import pyarrow as pa

    names = ["path", "block", "kind", "lang", "level", "page", "label", "sheet",
             "table_index", "table_row", "table_col", "text", "sentences", "terms"]
    out = {name: [] for name in names}
    for line in batch.column("record").to_pylist():
        record = json.loads(line)
        for index, block in enumerate(record["blocks"]):
            table = block.get("table") or {}
            values = [record["path"], index, block["kind"], block["lang"], block.get("level"),
                      block.get("page"), block.get("label"), block.get("sheet"),
                      table.get("index"), table.get("row"), table.get("col"), block["text"],
                      len(block["sentences"]), len(block["terms"])]
            for name, value in zip(names, values):
                out[name].append(value)
    int_columns = {"block", "level", "page", "table_index", "table_row", "table_col",
                   "sentences", "terms"}
    schema = pa.schema([(name, pa.int32() if name in int_columns else pa.string())
                        for name in names])
    return pa.Table.from_pydict(out, schema=schema)


# --------------------------------------------------------------------------
# The Ray job
# --------------------------------------------------------------------------


def start_ray(args: argparse.Namespace) -> None:
    """Joins the cluster of ``--address``, or starts a small local Ray."""
    import ray

    if args.address:
        ray.init(address=args.address, logging_level="WARNING")
    else:
        ray.init(num_cpus=args.num_cpus, include_dashboard=False,
                 object_store_memory=args.object_store_mb * MIB, logging_level="WARNING")
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = args.progress
    context.print_on_execution_start = False


def listing_dataset(documents: list, files_per_block: int):
    """The listed files as a dataset of (location, path, size), in blocks of
    ``files_per_block`` files."""
    import pyarrow as pa
    import ray

    tables = []
    for start in range(0, len(documents), files_per_block):
        chunk = documents[start:start + files_per_block]
        tables.append(pa.table({
            "location": [document[0] for document in chunk],
            "path": [document[1] for document in chunk],
            "size": pa.array([document[2] for document in chunk], pa.int64()),
        }))
    return ray.data.from_arrow(tables)


def records_dataset(args: argparse.Namespace, pipeline, documents: Optional[list] = None):
    """The records of every file under ``args.root``, sorted as ``plangloss
    ingest`` writes them when ``args.sort``."""
    documents = list_documents(args.root) if documents is None else documents
    process = make_batch_processor(pipeline, args.root, args.max_read_size, args.max_file_size)
    records = listing_dataset(documents, args.files_per_block).map_batches(
        process, batch_format="pyarrow", batch_size=args.batch_size)
    if args.sort:
        records = records.sort(["source", "record_index"])
    return records


def write_records(records, args: argparse.Namespace) -> tuple[int, int]:
    """Writes the records as JSON Lines (the record lines) or Parquet (every
    column); returns (documents, errors) as the write tasks counted them."""
    from ray.data import SaveMode

    mode = SaveMode.OVERWRITE if args.overwrite else SaveMode.ERROR
    sink = records_datasink(args.output, args.format, mode)
    records.select_columns(RECORD_COLUMNS).write_datasink(sink)
    return sink.documents, sink.errors


def records_datasink(path: str, file_format: str, mode):
    """A datasink writing the records as JSON Lines (only the ``record``
    column, one line per record: Ray's ``write_json`` would wrap each line in
    an object) or Parquet, and counting documents and errors on the way."""
    from ray.data.datasource import BlockBasedFileDatasink

    class RecordsDatasink(BlockBasedFileDatasink):
        documents = 0
        errors = 0

        def write_block_to_file(self, block, file):
            table = block.to_arrow()
            if file_format == "parquet":
                import pyarrow.parquet as pq

                pq.write_table(table, file)
            else:
                lines = table.column("record").to_pylist()
                file.write("".join(line + "\n" for line in lines).encode("utf-8"))

        def write(self, blocks, ctx):
            blocks = list(blocks)
            super().write(iter(blocks), ctx)
            return sum(block_errors(block) for block in blocks)

        def on_write_complete(self, write_result):
            super().on_write_complete(write_result)
            self.documents = write_result.num_rows
            self.errors = sum(count or 0 for count in write_result.write_returns)

    return RecordsDatasink(path, file_format=file_format, mode=mode)


def block_errors(block) -> int:
    """How many records of a block have an error."""
    from ray.data.block import BlockAccessor

    error_kinds = BlockAccessor.for_block(block).to_arrow().column("error_kind")
    return len(error_kinds) - error_kinds.null_count


def written_records(args: argparse.Namespace):
    """The record lines just written, read back, as a column ``record``."""
    import ray

    if args.format == "parquet":
        return ray.data.read_parquet(args.output).select_columns(["record"])
    return ray.data.read_text(args.output).rename_columns({"text": "record"})


def build_pipeline(args: argparse.Namespace):
    """The plangloss Pipeline of these options, built on the driver (a bad
    glossary path or setting fails here, before any Ray work)."""
    return pipeline_from_args(args)


def run(args: argparse.Namespace, pipeline=None) -> dict:
    """Runs the job on the Ray already started; returns the summary."""
    import ray

    started = time.perf_counter()
    pipeline = pipeline or build_pipeline(args)
    documents = list_documents(args.root)
    if args.sort:
        ray.data.DataContext.get_current().execution_options.preserve_order = True
    written, errors = write_records(records_dataset(args, pipeline, documents), args)
    if args.blocks:
        from ray.data import SaveMode

        mode = SaveMode.OVERWRITE if args.overwrite else SaveMode.ERROR
        written_records(args).map_batches(block_rows, batch_format="pyarrow").write_parquet(
            args.blocks, mode=mode)
    return {"files": len(documents), "documents": written, "errors": errors,
            "seconds": time.perf_counter() - started}


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: parse options, start or join Ray, run, print the summary."""
    import ray

    args = parse_args(argv)
    pipeline = build_pipeline(args)
    start_ray(args)
    try:
        summary = run(args, pipeline)
    finally:
        ray.shutdown()
    print(f"ray_ingest: {summary['files']} files, {summary['documents']} documents, "
          f"{summary['errors']} errors, {summary['seconds']:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

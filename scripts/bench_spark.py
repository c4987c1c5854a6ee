#!/usr/bin/env python3
"""Benchmark of the Spark example (examples/spark_ingest.py) against the
command line, on one machine.

Makes the set "corpora/ × N" (``--copies``, default 200: 7,200 files; hard
links under a temporary folder, ``copy-000/vi/…``), then measures with Spark
``local[J]``:

  (a) start-up: creating the SparkSession (JVM and context);
  (b) reading: a job over the same binaryFile DataFrame that only sums the
      length of every file's content (listing + reading, no Python);
  (c) the whole job: listing, reading, the Pipeline in Python workers and
      writing JSON Lines (``spark_ingest.run``);
  (d) plangloss alone: the time spent inside ``Pipeline.process_json``,
      summed over the executors (an accumulator), and that sum divided by J;

and beside them ``plangloss ingest SET --jobs J`` (target/release/plangloss
when built, else ``python -m plangloss``). It checks that the Spark output,
sorted by path, equals the command line's, and prints a table of seconds,
documents per second and the ratio to the command line, with the load
average before and after (the machine may be shared).

Run from anywhere with the venv that has pyspark and plangloss::

    target/pyvenv/bin/python scripts/bench_spark.py --copies 200
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"
RELEASE_BINARY = REPO / "target" / "release" / "plangloss"


def parse_args(argv=None) -> argparse.Namespace:
    """The command line of the benchmark."""
    parser = argparse.ArgumentParser(
        description="Time the Spark example against `plangloss ingest` on corpora/ × N.")
    parser.add_argument("--copies", type=int, default=200,
                        help="how many copies of the source make the set (default: 200)")
    parser.add_argument("--source", type=Path, default=CORPORA,
                        help="folder to copy (default: corpora/ of this repository; e.g. "
                        "../shared/corpus for real-world files)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="cores: Spark local[J] and ingest --jobs J (default: 2)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary folder (set and outputs) and print its path")
    parser.add_argument("--workdir", type=Path,
                        help="where to make the temporary folder (default: the system's)")
    parser.add_argument("--spark-option", action="append", default=[], metavar="OPTION",
                        help="extra option for the Spark job, e.g. --spark-option=--batch-size=16")
    return parser.parse_args(argv)


def load_example():
    """examples/spark_ingest.py as a module."""
    spec = importlib.util.spec_from_file_location(
        "spark_ingest_example", REPO / "examples" / "spark_ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_set(source_root: Path, copies: int, into: Path) -> int:
    """``source_root`` hard-linked (copied when links fail) ``copies`` times
    under ``into``, hidden names left out; returns the number of files."""
    sources = [path for path in sorted(source_root.rglob("*")) if path.is_file() and not any(
        part.startswith(".") for part in path.relative_to(source_root).parts)]
    for copy in range(copies):
        for source in sources:
            target = into / f"copy-{copy:03d}" / source.relative_to(source_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
    return copies * len(sources)


def cli_command() -> list[str]:
    """The plangloss command line: the release binary when built."""
    if RELEASE_BINARY.exists():
        return [str(RELEASE_BINARY)]
    return [sys.executable, "-m", "plangloss"]


def time_cli(folder: Path, jobs: int, out: Path) -> float:
    """Seconds of ``plangloss ingest FOLDER --jobs J -o OUT``."""
    command = [*cli_command(), "ingest", str(folder), "--jobs", str(jobs), "-o", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"plangloss ingest failed: {done.stderr.decode(errors='replace')}")
    return seconds


def start_spark(spark_ingest, jobs: int):
    """(SparkSession made as the example makes it, seconds to create it)."""
    args = spark_ingest.parse_args(["unused", "--output", "unused", "--master", f"local[{jobs}]"])
    started = time.perf_counter()
    spark = spark_ingest.spark_session(args, "plangloss-bench", {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": str(jobs),
    })
    seconds = time.perf_counter() - started
    spark.sparkContext.setLogLevel("ERROR")
    return spark, seconds


def time_read(spark, spark_ingest, args) -> tuple[float, int]:
    """(seconds, total bytes) of a job that only sums the content lengths."""
    from pyspark.sql import functions as F

    spark_ingest.configure_session(spark, args)
    started = time.perf_counter()
    files = spark_ingest.list_files(spark, args.root)
    total = files.select(F.sum(F.length("content"))).collect()[0][0]
    return time.perf_counter() - started, int(total)


def same_records(spark_out: Path, cli_out: Path) -> bool:
    """Whether the Spark part files, sorted by path, equal the CLI output."""
    lines = []
    for part in sorted(spark_out.glob("part-*")):
        lines.extend(part.read_bytes().split(b"\n")[:-1])
    lines.sort(key=lambda line: json.loads(line)["path"])
    return b"".join(line + b"\n" for line in lines) == cli_out.read_bytes()


def print_table(rows: list[tuple[str, float]], documents: int, cli_seconds: float) -> None:
    """The results: seconds, documents per second, ratio to the CLI."""
    print(f"{'step':<52} {'seconds':>8} {'docs/s':>8} {'x CLI':>7}")
    for name, seconds in rows:
        rate = f"{documents / seconds:8.0f}" if seconds > 0 else f"{'-':>8}"
        print(f"{name:<52} {seconds:8.2f} {rate} {seconds / cli_seconds:7.2f}")


def main(argv=None) -> int:
    """Makes the set, runs each measurement once, prints the table."""
    options = parse_args(argv)
    spark_ingest = load_example()
    workdir = Path(tempfile.mkdtemp(prefix="plangloss-bench-spark-", dir=options.workdir))
    load_before = os.getloadavg()
    try:
        root = workdir / "set"
        files = make_set(options.source.resolve(), options.copies, root)
        cli_out = workdir / "cli.jsonl"
        cli_seconds = time_cli(root, options.jobs, cli_out)
        documents = sum(1 for _ in cli_out.open("rb"))

        spark, start_seconds = start_spark(spark_ingest, options.jobs)
        args = spark_ingest.parse_args(
            [str(root), "--output", str(workdir / "spark-out"), *options.spark_option])
        read_seconds, total_bytes = time_read(spark, spark_ingest, args)
        summary = spark_ingest.run(spark, args)
        spark.stop()
        identical = same_records(workdir / "spark-out", cli_out)
    finally:
        if options.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    load_after = os.getloadavg()

    print(f"set: {options.source} x {options.copies} = {files} files, {total_bytes / 1e6:.1f} MB, "
          f"{documents} documents; {options.jobs} cores; CLI: {' '.join(cli_command())}")
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} (1 and 5 min)")
    print_table([
        (f"plangloss ingest --jobs {options.jobs}", cli_seconds),
        ("(a) Spark start-up (SparkSession)", start_seconds),
        ("(b) Spark read only (sum of content lengths)", read_seconds),
        ("(c) Spark whole job (read + Pipeline + write JSONL)", summary["seconds"]),
        ("(d) Pipeline.process_json, summed over executors", summary["pipeline_seconds"]),
        (f"(d) the same / {options.jobs} cores", summary["pipeline_seconds"] / options.jobs),
    ], documents, cli_seconds)
    print(f"Spark records sorted by path == CLI output: {identical}; "
          f"documents {summary['documents']}, errors {summary['errors']}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of the Python API against the command line (issue 25).

Makes the set "corpora/ x N" (hard links in a temporary folder), then times,
on that set, each best of --repeat runs:
  - `plangloss ingest SET --jobs J` writing to a file (the CLI);
  - `Pipeline.iter_paths([SET], jobs=J, as_json=True)` written to a file
    (the Python API's batch: same work, records crossing into Python);
  - the same yielding dicts (`as_json=False`: json.loads in Python);
  - `process_json(bytes, path)` called from J Python threads over files
    read by Python (the GIL released while Rust works);
for J = 1 and 2. Prints seconds, documents per second, the API's overhead
against the CLI and its speed-up from 1 to 2 threads (targets: overhead
<= 10%, speed-up >= 1.7x on 2 cores). Run from the repository root with
the wheel installed (scripts/bench-python.sh does both).
"""

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import plangloss

ROOT = Path(__file__).resolve().parents[1]


def make_set(copies, into):
    """corpora/ hard-linked `copies` times under `into`; its file list."""
    files = []
    for copy in range(copies):
        for source in sorted((ROOT / "corpora").rglob("*")):
            if source.is_file():
                target = into / f"copy-{copy:03d}" / source.relative_to(ROOT / "corpora")
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(source, target)
                files.append(target)
    return files


def best_of(repeat, run):
    """The shortest of `repeat` timings of `run()`."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return min(timings)


def cli_run(binary, folder, jobs, out):
    def run():
        with open(out, "wb") as sink:
            subprocess.run(
                [binary, "ingest", str(folder), "--jobs", str(jobs)],
                stdout=sink, stderr=subprocess.DEVNULL, check=False,
            )
    return run


def api_batch_run(pipeline, folder, jobs, out, as_json):
    def run():
        with open(out, "w", encoding="utf-8") as sink:
            for record in pipeline.iter_paths([folder], jobs=jobs, as_json=as_json):
                if as_json:
                    sink.write(record)
    return run


def api_threads_run(pipeline, files, folder, jobs):
    def one(path):
        with open(path, "rb") as f:
            return pipeline.process_json(f.read(), path.relative_to(folder).as_posix())

    def run():
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            for _ in pool.map(one, files, chunksize=16):
                pass
    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=200, help="copies of corpora/ (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best kept (default 3)")
    parser.add_argument("--cli", default=str(ROOT / "target/release/plangloss"),
                        help="the plangloss binary (default target/release/plangloss)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="plangloss-bench-python-"))
    try:
        folder = work / "set"
        files = make_set(args.copies, folder)
        pipeline = plangloss.Pipeline()
        cli_out, api_out = work / "cli.jsonl", work / "api.jsonl"
        rows = []
        for jobs in (1, 2):
            cli = best_of(args.repeat, cli_run(args.cli, folder, jobs, cli_out))
            lines = best_of(args.repeat, api_batch_run(pipeline, folder, jobs, api_out, True))
            same = cli_out.read_bytes() == api_out.read_bytes()
            dicts = best_of(args.repeat, api_batch_run(pipeline, folder, jobs, api_out, False))
            threads = best_of(args.repeat, api_threads_run(pipeline, files, folder, jobs))
            rows.append((jobs, cli, lines, dicts, threads, same))
        print(f"set: corpora/ x {args.copies} = {len(files)} files; best of {args.repeat}; "
              f"{os.cpu_count()} CPUs; load {os.getloadavg()[0]:.2f}")
        print(f"{'jobs':>4} {'CLI s':>8} {'iter json s':>12} {'iter dict s':>12} "
              f"{'threads s':>10} {'docs/s (iter json)':>19} {'overhead':>9} same")
        for jobs, cli, lines, dicts, threads, same in rows:
            print(f"{jobs:>4} {cli:>8.2f} {lines:>12.2f} {dicts:>12.2f} {threads:>10.2f} "
                  f"{len(files) / lines:>19.0f} {lines / cli - 1:>+9.1%} {same}")
        (_, cli1, lines1, dicts1, threads1, _), (_, cli2, lines2, dicts2, threads2, _) = rows
        print(f"speed-up 1 -> 2 threads: CLI {cli1 / cli2:.2f}x, iter_paths json {lines1 / lines2:.2f}x, "
              f"dicts {dicts1 / dicts2:.2f}x, process_json threads {threads1 / threads2:.2f}x")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Scores plangloss and viparse on the legacy Vietnamese documents of ../shared/corpus/vi/legacy/.

Every document (.doc, .rtf, .xls, .docx, .pdf, .ppt) goes through `plangloss text` (one process
each) and through viparse (one process for all of them, as its CLI is meant to be used); both
outputs are scored by the corpus's own `score.py` against the transcripts in `gold/`, case-folded
on both sides (the transcripts lower-case some headings that `.VnTimeH` draws in capitals). The
table is per format, then overall; the `synthetic-*` files (re-encoded by the corpus authors with
their own tables) are scored apart, as the corpus's METRIC.md asks.

Speed: `plangloss ingest --jobs 2` over a folder holding every document, against viparse's run
over the same files (which converts .doc/.rtf/.xls through LibreOffice), wall clock.

    scripts/legacy-score.sh            # builds, installs nothing, prints the tables
    python3 scripts/legacy_score.py --plangloss target/release/plangloss --viparse venv/bin/viparse
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ["doc", "rtf", "xls", "docx", "pdf", "ppt"]


def documents(corpus: Path) -> list[Path]:
    return sorted(p for fmt in FORMATS for p in (corpus / fmt).glob("*") if p.is_file())


def subset_of(doc: Path) -> str:
    return "synthetic" if doc.stem.startswith("synthetic-") else "public-domain"


def run_plangloss(binary: Path, docs: list[Path], out: Path) -> dict[str, str]:
    """`plangloss text` on each document; returns the error message of each failure."""
    failures = {}
    for doc in docs:
        done = subprocess.run([str(binary), "text", str(doc)], capture_output=True)
        if done.returncode == 0:
            (out / f"{doc.stem}.txt").write_bytes(done.stdout)
        else:
            failures[doc.name] = done.stderr.decode("utf-8", "replace").strip()
    return failures


def run_viparse(binary: Path, docs: list[Path], out: Path) -> float:
    """viparse over all documents in one process; returns the wall time."""
    started = time.monotonic()
    subprocess.run(
        [str(binary), "-o", "text", "--out", str(out), *map(str, docs)],
        capture_output=True,
    )
    return time.monotonic() - started


def casefolded_copy(src: Path, dst: Path, names: list[str]) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = src / name
        if path.exists():
            text = path.read_text(encoding="utf-8", errors="replace")
            (dst / name).write_text(text.lower(), encoding="utf-8")


def score(scorer: Path, pred: Path, truth: Path, subset: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(scorer), "--pred", str(pred), "--truth", str(truth), "--subset", subset],
        capture_output=True,
        check=True,
    )
    return json.loads(done.stdout)


def scored_groups(docs: list[Path]) -> list[tuple[str, str, list[Path]]]:
    """(label, subset, documents) for each format, then overall, per subset."""
    groups = []
    for subset in ["public-domain", "synthetic"]:
        in_subset = [d for d in docs if subset_of(d) == subset]
        for fmt in FORMATS:
            of_format = [d for d in in_subset if d.parent.name == fmt]
            if of_format:
                groups.append((fmt, subset, of_format))
        if in_subset:
            groups.append(("all", subset, in_subset))
    return groups


def ingest_time(binary: Path, docs: list[Path], runs: int) -> float:
    """Best wall time of `ingest --jobs 2` over a folder of links to every document."""
    with tempfile.TemporaryDirectory() as folder:
        for doc in docs:
            (Path(folder) / f"{doc.parent.name}-{doc.name}").symlink_to(doc.resolve())
        best = float("inf")
        for _ in range(runs):
            started = time.monotonic()
            subprocess.run(
                [str(binary), "ingest", folder, "--jobs", "2", "-o", "/dev/null"],
                capture_output=True,
            )
            best = min(best, time.monotonic() - started)
    return best


def cell(summary: dict | None) -> str:
    if summary is None:
        return "— | — | — | —"
    dia = summary["diacritic_accuracy"]
    dia_text = "—" if dia is None else f"{dia:.4f}"
    return (
        f"{summary['char_accuracy']:.4f} | {dia_text} | {summary['syllable_accuracy']:.4f} | "
        f"{summary['n_failures']}"
    )


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=root.parent / "shared/corpus/vi/legacy")
    ap.add_argument("--plangloss", type=Path, default=root / "target/release/plangloss")
    ap.add_argument("--viparse", type=Path, help="viparse's command (skipped when not given)")
    ap.add_argument("--per-file", action="store_true", help="also print each document's scores")
    ap.add_argument("--keep", type=Path, help="keep the predictions in this folder")
    args = ap.parse_args()

    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} is absent", file=sys.stderr)
        return 0
    docs = documents(args.corpus)
    scorer = args.corpus / "score.py"
    work = Path(args.keep or tempfile.mkdtemp(prefix="legacy-score-"))
    raw = {"plangloss": work / "plangloss", "viparse": work / "viparse"}
    for folder in raw.values():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    failures = run_plangloss(args.plangloss, docs, raw["plangloss"])
    tools = ["plangloss"]
    viparse_seconds = None
    if args.viparse:
        viparse_seconds = run_viparse(args.viparse, docs, raw["viparse"])
        tools.append("viparse")

    names = [f"{d.stem}.txt" for d in docs]
    folded_gold = work / "gold"
    casefolded_copy(args.corpus / "gold", folded_gold, names)
    folded = {tool: work / f"{tool}-folded" for tool in tools}
    for tool in tools:
        casefolded_copy(raw[tool], folded[tool], names)

    print(f"# {len(docs)} documents of {args.corpus}, case-folded, scored by its score.py\n")
    header = " | ".join(f"{t} char | diacritic | syllable | failed" for t in tools)
    print(f"| format | subset | docs | {header} |")
    print("|" + " --- |" * (3 + 4 * len(tools)))
    per_file = {}
    for label, subset, group in scored_groups(docs):
        truth = work / f"truth-{subset}-{label}"
        shutil.rmtree(truth, ignore_errors=True)
        truth.mkdir()
        for doc in group:
            shutil.copy(folded_gold / f"{doc.stem}.txt", truth)
        cells = []
        for tool in tools:
            report = score(scorer, folded[tool], truth, subset)
            cells.append(cell(report["summary"]))
            if label != "all":
                for entry in report["documents"]:
                    per_file.setdefault(entry["document"], {})[tool] = entry
        print(f"| {label} | {subset} | {len(group)} | {' | '.join(cells)} |")

    if failures:
        print("\nplangloss failures:")
        for name, message in failures.items():
            print(f"- {name}: {message}")
    if args.per_file:
        print("\n| document | " + " | ".join(f"{t} char | {t} diacritic" for t in tools) + " |")
        print("|" + " --- |" * (1 + 2 * len(tools)))
        for name in sorted(per_file):
            row = []
            for tool in tools:
                entry = per_file[name].get(tool)
                if entry is None:
                    row.append("failed | failed")
                else:
                    dia = entry["diacritic_accuracy"]
                    row.append(f"{entry['char_accuracy']:.4f} | {'—' if dia is None else f'{dia:.4f}'}")
            print(f"| {name} | {' | '.join(row)} |")

    plangloss_seconds = ingest_time(args.plangloss, docs, runs=5)
    print(f"\nspeed over the {len(docs)} files: plangloss ingest --jobs 2 {plangloss_seconds:.3f} s", end="")
    if viparse_seconds is not None:
        print(f", viparse {viparse_seconds:.1f} s: {viparse_seconds / plangloss_seconds:.0f}x faster")
    else:
        print()
    print(f"predictions in {work}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

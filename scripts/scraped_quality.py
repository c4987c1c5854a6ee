#!/usr/bin/env python3
"""Main-text quality of `plangloss text` on scraped pages (text files whose
lines are a page's visible text), as token precision, recall and F1 against
the article alone. Run by hand, not in CI:

    cargo build --release && python3 scripts/scraped_quality.py

Sets:
  seeds   ../shared/seeds/*.txt, gold written by hand in
          tests/fixtures/scraped-gold/ (the article with its title, without
          the portal around it; date lines, bylines and sources go to meta)
  dumps   every HTML page with a gold text (our portal pages, the vbpl pages,
          the 35 real Chinese pages), dumped as the whole page's text with
          `plangloss text --whole-page` and saved as .txt, then read back as
          scraped text: the same judgement on lines instead of elements
  plans   the plans of corpora/ and ../shared/corpus that are text files:
          `auto` must leave them whole (lines kept, in per cent)

Scores use the tokens of scripts/html_quality.py.
"""
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import html_quality as hq  # noqa: E402

BINARY = ROOT / "target/release/plangloss"


def text_of(path, *options):
    run = subprocess.run([BINARY, "text", *options, str(path)], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL)
    return run.stdout


def table(name, rows):
    print(f"## {name}: {len(rows)} files, token F1 (precision / recall)\n")
    print("| file | plangloss text | whole text |")
    print("| --- | --- | --- |")
    for label, (p, r, f), whole in rows:
        print(f"| {label[:40]} | {f:.3f} ({p:.2f}/{r:.2f}) | {whole[2]:.3f} |")
    if rows:
        mean = sum(row[1][2] for row in rows) / len(rows)
        low = min(row[1][2] for row in rows)
        whole = sum(row[2][2] for row in rows) / len(rows)
        print(f"| **mean** | **{mean:.3f}**, min {low:.3f} | {whole:.3f} |\n")


def seeds():
    rows = []
    for gold in sorted((ROOT / "tests/fixtures/scraped-gold").glob("*.txt")):
        page = ROOT / "../shared/seeds" / gold.name
        if not page.exists():
            continue
        truth = gold.read_text(encoding="utf-8")
        rows.append((gold.stem, hq.scores(text_of(page), truth),
                     hq.scores(text_of(page, "--main-text", "off"), truth)))
    table("seeds", rows)


def dumps():
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name in hq.SETS:
            for page, gold in hq.page_set(name):
                dump = pathlib.Path(folder) / (page.stem + ".txt")
                dump.write_text(text_of(page, "--whole-page"), encoding="utf-8")
                truth = gold.read_text(encoding="utf-8")
                rows.append((f"{name}/{page.stem}", hq.scores(text_of(dump), truth),
                             hq.scores(text_of(dump, "--main-text", "off"), truth)))
    table("dumps", rows)


def plans():
    files = sorted(ROOT.glob("corpora/**/*.txt")) + sorted((ROOT / "../shared/corpus").glob("**/txt/*.txt"))
    cut = 0
    for path in files:
        auto, whole = text_of(path), text_of(path, "--main-text", "off")
        if auto != whole:
            cut += 1
            print(f"  cut by auto: {path.relative_to(ROOT)}")
    print(f"## plans: {len(files)} text files, {len(files) - cut} left whole by `auto`\n")


if __name__ == "__main__":
    seeds()
    dumps()
    plans()

#!/usr/bin/env python3
"""Main-content quality of plangloss on HTML pages, side by side with
trafilatura and readability-lxml: token precision, recall and F1 against a
gold main text, per page and mean. Run by hand, not in CI:

    python3 -m venv ~/peers && ~/peers/bin/pip install trafilatura readability-lxml
    ~/peers/bin/python scripts/html_quality.py            # all page sets
    ~/peers/bin/python scripts/html_quality.py --set own  # one set
    ~/peers/bin/python scripts/html_quality.py --show PAGE TOOL  # what a tool
        # kept that the gold lacks (+) and missed (-)

Page sets (each page NAME.html has its gold NAME.txt):
  zh-dataset  ../shared/corpus/zh/html + html-gold (35 real Chinese pages; each
              file starts with the dataset's <text ...> wrapper line, passed on
              to every tool as is)
  own         corpora/{vi,zh}/web with gold in tests/fixtures/html-gold: our
              Vietnamese portal and Chinese document-site pages, built on the
              layouts of ../shared/seeds by scripts/make-portal-pages.py
  vbpl        ../shared/corpus/vi/html-vbpl + gold (eight real pages of the
              national legal-document portal; gold = the element the site marks
              as the document body)

Tokens (both texts NFC first: some gold spells tone marks apart): a CJK character is one token; other text splits on whitespace and
punctuation into runs of letters and digits. Scores compare bags of tokens.
plangloss's text is every block of `plangloss ingest` (main content, headings,
captions and tables included), as a user of the JSON gets it.
"""
import argparse
import collections
import json
import pathlib
import re
import subprocess
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
SETS = {
    "zh-dataset": (ROOT / "../shared/corpus/zh/html", ROOT / "../shared/corpus/zh/html-gold"),
    "own": (ROOT / "corpora", ROOT / "tests/fixtures/html-gold"),
    "vbpl": (ROOT / "../shared/corpus/vi/html-vbpl", ROOT / "../shared/corpus/vi/html-vbpl/gold"),
}
CJK = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
    "\U00020000-\U0003134f"
)
TOKEN = re.compile(rf"[{CJK}]|[^\W{CJK}_]+")


def tokens(text):
    return TOKEN.findall(unicodedata.normalize("NFC", text))


def scores(found, gold):
    found, gold = collections.Counter(tokens(found)), collections.Counter(tokens(gold))
    common = sum((found & gold).values())
    precision = common / max(sum(found.values()), 1)
    recall = common / max(sum(gold.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def plangloss_texts(pages_dir, pages):
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = ROOT / "target/release/plangloss"
    texts = {}
    for page in pages:
        run = subprocess.run([binary, "ingest", page], capture_output=True, text=True)
        record = json.loads(run.stdout.splitlines()[0])
        blocks = record.get("blocks") or []
        body = [b["text"] for b in blocks if b["kind"] not in ("header", "footer")]
        texts[page.name] = "\n".join(body)
    return texts


def trafilatura_text(raw):
    import trafilatura

    return trafilatura.extract(raw) or ""


def readability_text(raw):
    import lxml.html
    from readability import Document

    summary = Document(raw).summary()
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


PEERS = {"trafilatura": trafilatura_text, "readability": readability_text}


def peer_text(tool, raw):
    try:
        return PEERS[tool](raw)
    except Exception as error:  # a peer failing on a page scores 0 there
        print(f"  {tool} raised {type(error).__name__}: {error}", file=sys.stderr)
        return ""


def page_set(name):
    pages_dir, gold_dir = SETS[name]
    pages = sorted(pages_dir.glob("*/web/*.html" if name == "own" else "*.html"))
    return [(p, gold_dir / (p.stem + ".txt")) for p in pages if (gold_dir / (p.stem + ".txt")).exists()]


def report(name):
    pairs = page_set(name)
    if not pairs:
        print(f"## {name}: no pages found, skipped\n")
        return
    ours = plangloss_texts(None, [p for p, _ in pairs])
    tools = ["plangloss"] + [t for t in PEERS if available(t)]
    print(f"## {name}: {len(pairs)} pages, token F1 (precision / recall)\n")
    print("| page | " + " | ".join(tools) + " |")
    print("| --- |" + " --- |" * len(tools))
    totals = collections.defaultdict(list)
    for page, gold_path in pairs:
        gold = gold_path.read_text(encoding="utf-8")
        raw = page.read_bytes()
        row = []
        for tool in tools:
            text = ours[page.name] if tool == "plangloss" else peer_text(tool, raw)
            p, r, f = scores(text, gold)
            totals[tool].append((p, r, f))
            row.append(f"{f:.3f} ({p:.2f}/{r:.2f})")
        print(f"| {page.stem[:24]} | " + " | ".join(row) + " |")
    mean = lambda values: sum(values) / len(values)
    cells = []
    for tool in tools:
        p, r, f = (mean([s[i] for s in totals[tool]]) for i in range(3))
        low = min(s[2] for s in totals[tool])
        cells.append(f"**{f:.3f}** ({p:.2f}/{r:.2f}), min {low:.3f}")
    print("| **mean** | " + " | ".join(cells) + " |\n")


def available(tool):
    module = {"trafilatura": "trafilatura", "readability": "readability"}[tool]
    try:
        __import__(module)
        return True
    except ImportError:
        print(f"{tool} not installed: skipped (pip install trafilatura readability-lxml)", file=sys.stderr)
        return False


def show(page_name, tool):
    for name in SETS:
        for page, gold_path in page_set(name):
            if page_name in (page.name, page.stem):
                raw = page.read_bytes()
                text = plangloss_texts(None, [page])[page.name] if tool == "plangloss" else peer_text(tool, raw)
                found = collections.Counter(tokens(text))
                gold = collections.Counter(tokens(gold_path.read_text(encoding="utf-8")))
                print("+ kept, not in gold:", " ".join((found - gold).elements())[:3000])
                print("- in gold, missed:", " ".join((gold - found).elements())[:3000])
                return
    sys.exit(f"no page {page_name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    parser.add_argument("--show", nargs=2, metavar=("PAGE", "TOOL"))
    args = parser.parse_args()
    if args.show:
        show(*args.show)
        return
    for name in args.set or SETS:
        report(name)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""PDF fidelity: plangloss, pdftotext and pdfminer.six against the known text
of PDFs made from the corpora/ plans by two producers. Driven by
scripts/fidelity-pdf.sh, which builds the PDFs; see there for the set-up.

Usage: fidelity_pdf.py WORKDIR [--show NAME TOOL]

WORKDIR holds, per plan, NAME.known.txt and NAME.<producer>.pdf. Each PDF is
read by the three tools and scored with an order-aware token similarity:
difflib's ratio over tokens, where every CJK character or punctuation mark is
one token and other text (NFC) splits into words and single punctuation marks;
whitespace (the ideographic space too) only separates. Case matters.
"""
import difflib
import pathlib
import re
import subprocess
import sys
import unicodedata

BIN = pathlib.Path(__file__).resolve().parent.parent / "target/release/plangloss"
PEERS_PYTHON = pathlib.Path.home() / "peers/bin/python"
CJK = r"\u2e80-\u2fdf\u3001-\u303f\u3040-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
TOKEN = re.compile(rf"[{CJK}\U00020000-\U0003ffff]|[^\W_{CJK}\U00020000-\U0003ffff]+|[^\w\s{CJK}]", re.UNICODE)


def tokens(text):
    return TOKEN.findall(unicodedata.normalize("NFC", text))


def similarity(known, got):
    return difflib.SequenceMatcher(None, tokens(known), tokens(got), autojunk=False).ratio()


def plangloss(pdf):
    return run([str(BIN), "text", "--body", str(pdf)])


def pdftotext(pdf):
    return run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"])


def pdfminer(pdf):
    code = "import sys; from pdfminer.high_level import extract_text; sys.stdout.write(extract_text(sys.argv[1]))"
    return run([str(PEERS_PYTHON), "-c", code, str(pdf)])


def run(command):
    result = subprocess.run(command, capture_output=True)
    return result.stdout.decode("utf-8", "replace")


TOOLS = {"plangloss": plangloss, "pdftotext": pdftotext, "pdfminer": pdfminer}


def main():
    work = pathlib.Path(sys.argv[1])
    if "--show" in sys.argv:
        name, tool = sys.argv[sys.argv.index("--show") + 1 :][:2]
        pdf = work / name
        known = (work / (pdf.name.split(".")[0] + ".known.txt")).read_text()
        diff = difflib.unified_diff(tokens(known), tokens(TOOLS[tool](pdf)), "known", tool, n=3, lineterm="")
        print("\n".join(diff))
        return
    rows = []
    for pdf in sorted(work.glob("*.pdf")):
        stem, producer = pdf.name.split(".")[0], pdf.name.split(".")[1]
        known = (work / f"{stem}.known.txt").read_text()
        scores = {tool: similarity(known, extract(pdf)) for tool, extract in TOOLS.items()}
        rows.append((stem, producer, scores))
    lines = ["| file | producer | plangloss | pdftotext | pdfminer.six |", "| --- | --- | --- | --- | --- |"]
    for stem, producer, s in rows:
        lines.append(f"| {stem} | {producer} | " + " | ".join(f"{s[t]:.4f}" for t in TOOLS) + " |")
    for producer in sorted({r[1] for r in rows}):
        mine = [r[2] for r in rows if r[1] == producer]
        mean = {t: sum(s[t] for s in mine) / len(mine) for t in TOOLS}
        low = {t: min(s[t] for s in mine) for t in TOOLS}
        lines.append(f"| **mean** | {producer} | " + " | ".join(f"{mean[t]:.4f}" for t in TOOLS) + " |")
        lines.append(f"| **min** | {producer} | " + " | ".join(f"{low[t]:.4f}" for t in TOOLS) + " |")
    report = "\n".join(lines)
    print(report)
    (work / "report.md").write_text(report + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compares `plangloss text` with `pandoc -t plain` on DOCX files: which words
pandoc finds that plangloss does not, and the reverse, as multisets of tokens
(a CJK character is one token; other text splits on whitespace and
punctuation; case-folded). Pandoc's table borders and [1]-style note marks are
ignored. Also flags field codes and lines duplicated from alternate content.

Usage: compare_pandoc.py PLANGLOSS_BIN FILE.docx...   (always exits 0: a report)
"""
import collections
import re
import subprocess
import sys

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
CODES = ["MERGEFORMAT", "PAGE \\*", 'HYPERLINK "', "TOC \\o", "FORMTEXT"]


def tokens(text):
    text = re.sub(r"\[\^?\w{1,4}\]", " ", text)  # note marks: [1], [i], [^1]
    text = re.sub(r"^[+|:=\- ]+$", " ", text, flags=re.M)  # table rules
    out = []
    for word in re.split(r"[\W_]+", text.lower()):
        if not word:
            continue
        pieces = re.split(f"({CJK.pattern})", word)
        out.extend(p for p in pieces if p)
    return collections.Counter(out)


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True).stdout


def main():
    binary, files = sys.argv[1], sys.argv[2:]
    print("| file | pandoc tokens | ours | pandoc's missing from ours | ours not in pandoc | codes | dup lines |")
    print("|---|---|---|---|---|---|---|")
    details = []
    for path in files:
        ours_text = run([binary, "text", path])
        pandoc_text = run(["pandoc", "-t", "plain", "--wrap=none", path])
        ours, theirs = tokens(ours_text), tokens(pandoc_text)
        missing, extra = theirs - ours, ours - theirs
        codes = [c for c in CODES if c in ours_text]
        lines = [l for l in ours_text.splitlines() if len(l) > 30]
        dups = [l for l, n in collections.Counter(lines).items() if n > pandoc_text.count(l) > 0]
        name = path.split("/")[-1]
        print(f"| {name} | {sum(theirs.values())} | {sum(ours.values())} | {sum(missing.values())} | "
              f"{sum(extra.values())} | {','.join(codes) or '-'} | {len(dups)} |")
        details.append((name, missing, extra))
    for name, missing, extra in details:
        if missing or extra:
            print(f"\n{name}\n  pandoc only: {dict(missing.most_common(15))}\n  plangloss only: {dict(extra.most_common(15))}")


main()

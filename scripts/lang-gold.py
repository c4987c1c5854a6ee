#!/usr/bin/env python3
"""Writes tests/fixtures/lang-gold.tsv: the language of every block of the
documents in corpora/ and ../shared/corpus/ (the gold transcripts excluded),
for tests/e2e/lang.rs to measure detection against.

The labels were checked by hand (see the policy in tests/e2e/lang.rs). Running
this again keeps every existing label whose block is unchanged (same path,
index and text) and labels new or changed blocks with plangloss's own
answer, listing them for review: check each, then edit its label.

    cargo build --release && python3 scripts/lang-gold.py
"""
import json
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests/fixtures/lang-gold.tsv"
FOLDERS = ["corpora/vi", "corpora/zh"] + [
    f"../shared/corpus/{d}" for d in ["vi/docx", "vi/pdf", "vi/txt", "zh/docx", "zh/html",
                                       "zh/html-real", "zh/pdf", "zh-hant/html-real",
                                       "zh-hant/pdf", "mixed", "pdf"]]
PREFIX_CHARS = 24


def key_text(text):
    return text.replace("\t", " ").replace("\n", " ")[:PREFIX_CHARS]


old = {}
if GOLD.exists():
    for line in GOLD.read_text(encoding="utf-8").splitlines()[1:]:
        path, index, lang, text = line.split("\t", 3)
        old[(path, int(index), text)] = lang

rows, review = [], []
for folder in FOLDERS:
    out = subprocess.run([ROOT / "target/release/plangloss", "ingest", folder, "--password", "foo"],
                         cwd=ROOT, capture_output=True).stdout.decode()
    for line in out.splitlines():
        record = json.loads(line)
        path = folder.replace("../shared/", "shared/") + "/" + record["path"]
        for index, block in enumerate(record.get("blocks", [])):
            text = key_text(block["text"])
            lang = old.get((path, index, text))
            if lang is None:
                lang = block["lang"]
                review.append(f"{path}\t{index}\t{lang}\t{text}")
            rows.append(f"{path}\t{index}\t{lang}\t{text}")
GOLD.write_text("path\tblock\tlang\ttext (first 24 chars)\n" + "\n".join(rows) + "\n", encoding="utf-8")
print(f"wrote {len(rows)} blocks; {len(review)} new or changed, to review:")
print("\n".join(review[:200]))

#!/usr/bin/env python3
"""Boundary precision, recall and F1 of pysbd on the segmentation gold
(tests/fixtures/segment-gold/, see scripts/make-segment-gold.py), next to
plangloss (`plangloss segment`) on the same paragraphs. UAX #29 is measured
by `cargo test --test segment -- --nocapture`. pysbd has no Vietnamese rules:
Vietnamese is run with its English rules, the nearest it has.

    cargo build --release
    /root/peers/bin/pip install pysbd     # any venv with pysbd
    /root/peers/bin/python scripts/segment_eval.py
"""
import pathlib
import subprocess
import sys

import pysbd

ROOT = pathlib.Path(__file__).resolve().parent.parent
gold_script = ROOT / "scripts/make-segment-gold.py"


def paragraphs(lang):
    shown = subprocess.run([sys.executable, gold_script, "show", lang], capture_output=True,
                           check=True).stdout.decode()
    return [p.split("\n") for p in shown.strip().split("\n\n")]


def nonspace(text):
    return sum(1 for c in text if not c.isspace())


def ends(pieces, total):
    count, out = 0, set()
    for piece in pieces:
        count += nonspace(piece)
        if 0 < count < total:
            out.add(count)
    return out


def score(gold, predicted):
    right = sum(len(g & p) for g, p in zip(gold, predicted))
    found = sum(len(p) for p in predicted)
    wanted = sum(len(g) for g in gold)
    precision, recall = right / max(found, 1), right / max(wanted, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-12)


for lang, pysbd_lang, joiner in [("vi", "en", " "), ("zh", "zh", "")]:
    paras = paragraphs(lang)
    texts = [joiner.join(p) for p in paras]
    gold = [ends(p, nonspace(t)) for p, t in zip(paras, texts)]
    segmenter = pysbd.Segmenter(language=pysbd_lang, clean=False)
    theirs = [ends(segmenter.segment(t), nonspace(t)) for t in texts]
    ours_out = subprocess.run([ROOT / "target/release/plangloss", "segment", "--lang", lang],
                              input="\n".join(texts).encode(), capture_output=True,
                              check=True).stdout.decode()
    ours = [ends(p.split("\n"), nonspace(t)) for p, t in zip(ours_out.strip().split("\n\n"), texts)]
    print(f"{lang}: {len(paras)} paragraphs, {sum(len(p) for p in paras)} sentences")
    print("| splitter | precision | recall | F1 |")
    for name, predicted in [("plangloss", ours), (f"pysbd ({pysbd_lang} rules)", theirs)]:
        p, r, f = score(gold, predicted)
        print(f"| {name} | {p:.4f} | {r:.4f} | {f:.4f} |")

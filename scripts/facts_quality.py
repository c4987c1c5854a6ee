#!/usr/bin/env python3
"""Accuracy of the `document` facts against the hand-made gold.

    python3 scripts/facts_quality.py [--bin target/release/plangloss] [--gold DIR] [-v]

Reads every tests/fixtures/document-gold/*.json ({"path", "own", "document"}),
runs `plangloss ingest` on its path (relative to the project root; a gold
whose file is absent, e.g. ../shared without the shared corpus, is skipped
with a note) and compares field by field, after NFC, case folding and
whitespace squeezing (numbers: all whitespace removed, Đ as D, Chinese
brackets made one kind):

- number, type, type_text, issuer, issuer_parent, place, date, subject,
  signer.name, signer.title, signer.authority: accuracy = documents where
  ours equals the gold (both null counts as equal), over all documents;
- recipients: a document is right when the lists are equal;
- references: precision and recall over (document, number) pairs, and the
  accuracy of type, date and issuer on the matched ones;
- outline: precision and recall over (document, level, label) in order
  (longest common subsequence); documents marked "outline_partial" (the
  gold annotates clauses only for the first articles) count for recall
  only.

Prints a table with a column for the real documents the rules were tuned
on, the real documents held out from tuning ("heldout": true, annotated
before the extractor ever read them), all real documents, and all; with -v
every disagreement. Exits 1 when a field of the real documents is under
0.95, or references P or R under 0.9.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FIELDS = ["number", "type", "type_text", "issuer", "issuer_parent", "place", "date", "subject",
          "signer.name", "signer.title", "signer.authority", "recipients"]


def norm(value):
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = " ".join(text.split())
    return text or None


def norm_number(value):
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).casefold()
    text = re.sub(r"\s+", "", text).replace("đ", "d")
    return text.translate(str.maketrans("〔［【(（〕］】)）", "[[[[[]]]]]"))


def get(document, field):
    if field == "recipients":
        return tuple(norm(r) for r in document.get("recipients") or [])
    if field.startswith("signer."):
        signer = document.get("signer") or {}
        return norm(signer.get(field.split(".")[1]))
    if field == "number":
        return norm_number(document.get("number"))
    return norm(document.get(field))


def flat_outline(nodes):
    out = []
    for node in nodes:
        out.append((node["level"], norm(node["label"])))
        out.extend(flat_outline(node.get("children", [])))
    return out


def lcs(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    return table[0][0]


def ingest(binary, path):
    result = subprocess.run([binary, "ingest", path], capture_output=True, text=True, cwd=ROOT)
    line = result.stdout.splitlines()[0] if result.stdout else "{}"
    return json.loads(line).get("document") or {}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "plangloss"))
    parser.add_argument("--gold", default=os.path.join(ROOT, "tests", "fixtures", "document-gold"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    golds = []
    for file in sorted(glob.glob(os.path.join(args.gold, "*.json"))):
        gold = json.load(open(file, encoding="utf-8"))
        if not os.path.exists(os.path.join(ROOT, gold["path"])):
            print(f"skipped {os.path.basename(file)}: {gold['path']} is not here")
            continue
        golds.append((os.path.basename(file), gold))
    if not golds:
        sys.exit("no gold documents to score")
    documents = {name: ingest(args.bin, gold["path"]) for name, gold in golds}
    scopes = [
        ("tuned", "real, tuned on", [g for g in golds if not g[1].get("own") and not g[1].get("heldout")]),
        ("heldout", "real, held out", [g for g in golds if g[1].get("heldout")]),
        ("real", "all real", [g for g in golds if not g[1].get("own")]),
        ("all", "all (with our own plans)", golds),
    ]
    scopes = [scope for scope in scopes if scope[2]]
    rows = {key: score(chosen, documents, args.verbose and key == "all") for key, _, chosen in scopes}
    print("\n| field | " + " | ".join(title for _, title, _ in scopes) + " |")
    print("|---|" + "---|" * len(scopes))
    line = lambda label, pick: print(f"| {label} | " + " | ".join(pick(rows[key]) for key, _, _ in scopes) + " |")
    line("documents", lambda row: str(row["count"]))
    for field in FIELDS:
        line(field, lambda row: f"{row['fields'][field]:.3f}")
    line("references precision", lambda row: f"{row['refs_p']:.3f}")
    line("references recall", lambda row: f"{row['refs_r']:.3f}")
    for key in ("type", "date", "issuer"):
        line(f"reference {key} (matched)", lambda row: f"{row['ref_details'][key]:.3f}")
    line("outline precision", lambda row: f"{row['outline_p']:.3f}")
    line("outline recall", lambda row: f"{row['outline_r']:.3f}")
    real = rows["real"]
    failed = any(value < 0.95 for value in real["fields"].values()) or real["refs_p"] < 0.9 or real["refs_r"] < 0.9
    sys.exit(1 if failed else 0)


def score(chosen, documents, verbose):
    """Accuracy per field, references and outline figures over `chosen`."""
    right = {field: 0 for field in FIELDS}
    refs_tp = refs_found = refs_gold = 0
    ref_details = {"type": [0, 0], "date": [0, 0], "issuer": [0, 0]}
    out_common = out_found = out_gold = 0
    for name, gold in chosen:
        expected = gold["document"]
        ours = documents[name]
        for field in FIELDS:
            if get(ours, field) == get(expected, field):
                right[field] += 1
            elif verbose:
                print(f"{name}: {field}: ours {get(ours, field)!r}, gold {get(expected, field)!r}")
        ours_refs = {norm_number(r["number"]): r for r in ours.get("references", []) if r.get("number")}
        gold_refs = {norm_number(r["number"]): r for r in expected.get("references", []) if r.get("number")}
        matched = set(ours_refs) & set(gold_refs)
        refs_tp += len(matched)
        refs_found += len(ours_refs)
        refs_gold += len(gold_refs)
        for number in matched:
            for key in ref_details:
                ref_details[key][1] += 1
                ref_details[key][0] += norm(ours_refs[number].get(key)) == norm(gold_refs[number].get(key))
        if verbose:
            for number in sorted(set(gold_refs) - set(ours_refs)):
                print(f"{name}: reference missed: {number}")
            for number in sorted(set(ours_refs) - set(gold_refs)):
                print(f"{name}: reference extra: {number}")
        gold_outline = flat_outline(expected.get("outline", []))
        our_outline = flat_outline(ours.get("outline", []))
        common = lcs(our_outline, gold_outline)
        out_common += common
        out_gold += len(gold_outline)
        # A partial gold leaves out nodes we rightly find: recall only.
        out_found += common if gold.get("outline_partial") else len(our_outline)
    count = len(chosen)
    return {
        "count": count,
        "fields": {f: right[f] / count for f in FIELDS},
        "refs_p": refs_tp / refs_found if refs_found else 1.0,
        "refs_r": refs_tp / refs_gold if refs_gold else 1.0,
        "ref_details": {k: (v[0] / v[1] if v[1] else 1.0) for k, v in ref_details.items()},
        "outline_p": out_common / out_found if out_found else 1.0,
        "outline_r": out_common / out_gold if out_gold else 1.0,
    }


if __name__ == "__main__":
    main()

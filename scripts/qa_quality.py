#!/usr/bin/env python3
"""Precision and recall of `plangloss qa` on the hand-made test set.

    python3 scripts/qa_quality.py [--bin target/release/plangloss] [--pofilter DIR]

Runs `plangloss qa --format jsonl` on tests/fixtures/qa/{vi-zh,zh-vi,vi-en}.xlf
with glossaries/program-terms.tsv, and compares, unit by unit, the set of
categories found with the `expected` column of tests/fixtures/qa/units.tsv.
Prints precision and recall per category and every disagreement; any
finding on a unit whose note starts with "tricky" is a false alarm on a
tricky unit and is listed apart. Runs the XLIFF 2.1 copy of the vi-zh set
too, which must give the same categories unit for unit.

--pofilter DIR runs translate-toolkit's pofilter (DIR/bin/pofilter, e.g.
target/clients/venv) on the same files and reports, per category, which
expected units it flagged with a test of that kind, and its flags on units
that have nothing wrong.

Exits 1 when a category falls under 0.95 precision or recall, when a tricky
unit gets a finding, or when the 2.1 file disagrees with the 1.2 one.
"""

import argparse
import collections
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "qa")
GLOSSARY = os.path.join(ROOT, "glossaries", "program-terms.tsv")
FILES = ["vi-zh.xlf", "zh-vi.xlf", "vi-en.xlf"]
CATEGORIES = [
    "term_missing",
    "term_deprecated",
    "inconsistent",
    "number_mismatch",
    "untranslated",
    "punctuation",
    "source_artefact",
]
TARGET = 0.95

# pofilter's tests, by the category of ours they come closest to.
POFILTER_KINDS = {
    "number_mismatch": {"numbers"},
    "untranslated": {"untranslated", "unchanged", "blank"},
    "term_missing": {"acronyms"},
    "punctuation": {
        "brackets", "doublequoting", "singlequoting", "doublespacing",
        "endpunc", "startpunc", "puncspacing", "endwhitespace", "startwhitespace",
        "sentencecount", "escapes", "newlines", "tabs",
    },
}


def read_units():
    with open(os.path.join(FIXTURES, "units.tsv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        row["expected"] = {c for c in row["expected"].split(",") if c}
    return {row["id"]: row for row in rows}


def run_qa(binary, files):
    """The categories `plangloss qa` finds, by unit id (2.x `unit/segment` as the unit)."""
    command = [binary, "qa", *files, "--glossary", GLOSSARY, "--format", "jsonl"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    found = collections.defaultdict(set)
    messages = collections.defaultdict(list)
    for line in result.stdout.splitlines():
        finding = json.loads(line)
        unit = finding["unit"].split("/")[0]
        found[unit].add(finding["category"])
        messages[unit].append(f'{finding["category"]}: {finding["message"]}')
    return found, messages


def scores(units, found):
    table = {}
    for category in CATEGORIES:
        tp = fp = fn = 0
        for unit_id, unit in units.items():
            expected = category in unit["expected"]
            got = category in found.get(unit_id, set())
            tp += expected and got
            fp += got and not expected
            fn += expected and not got
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        table[category] = (tp, fp, fn, precision, recall)
    return table


def pofilter(venv, units):
    """Units pofilter flags, by unit id, with the tests that fired (all of
    its default tests but `isfuzzy`: our targets are state="translated", not
    approved, which it counts as fuzzy)."""
    flagged = collections.defaultdict(set)
    with tempfile.TemporaryDirectory() as tmp:
        for name in FILES:
            out = os.path.join(tmp, name)
            subprocess.run([os.path.join(venv, "bin", "pofilter"), "--fuzzy", "-i",
                            os.path.join(FIXTURES, name), "-o", out],
                           check=True, capture_output=True)
            with open(out, encoding="utf-8") as f:
                text = f.read()
            for unit_id, body in re.findall(r'<trans-unit id="([^"]+)"(.*?)</trans-unit>', text, re.S):
                tests = set(re.findall(r'<note from="pofilter">(\w+):', body)) - {"isfuzzy"}
                if unit_id in units and tests:
                    flagged[unit_id].update(tests)
    return flagged


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "plangloss"))
    parser.add_argument("--pofilter", metavar="VENV")
    args = parser.parse_args()
    units = read_units()
    files = [os.path.join(FIXTURES, name) for name in FILES]
    found, messages = run_qa(args.bin, files)
    table = scores(units, found)
    failed = False
    print(f"plangloss qa on {len(units)} units ({', '.join(FILES)})\n")
    print("| category | expected | found right | false alarms | missed | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    for category, (tp, fp, fn, precision, recall) in table.items():
        print(f"| {category} | {tp + fn} | {tp} | {fp} | {fn} | {precision:.3f} | {recall:.3f} |")
        failed |= precision < TARGET or recall < TARGET
    tricky = [u for u in units.values() if u["note"].startswith("tricky")]
    tricky_alarms = [u["id"] for u in tricky if found.get(u["id"], set()) - u["expected"]]
    print(f"\ntricky-but-correct units: {len(tricky)}, with a false alarm: {len(tricky_alarms)}")
    failed |= bool(tricky_alarms)
    print("\ndisagreements:")
    for unit_id, unit in units.items():
        got = found.get(unit_id, set())
        if got != unit["expected"]:
            print(f"  {unit_id}: expected {sorted(unit['expected']) or '-'}, found {sorted(got) or '-'}"
                  f"  [{unit['note']}]")
            for message in messages.get(unit_id, []):
                print(f"      {message}")
    files21 = [os.path.join(FIXTURES, "vi-zh-2.1.xlf")] + files[1:]
    found21, _ = run_qa(args.bin, files21)
    differ = [u for u in units if units[u]["set"] == "vi-zh" and found21.get(u, set()) != found.get(u, set())]
    print(f"\nXLIFF 2.1 copy of vi-zh: {len(differ)} units differ from the 1.2 file {differ}")
    failed |= bool(differ)
    if args.pofilter:
        flagged = pofilter(args.pofilter, units)
        print("\npofilter (translate-toolkit) on the same files:\n")
        print("| category | expected | pofilter finds | pofilter false alarms | ours finds | our false alarms |")
        print("|---|---|---|---|---|---|")
        for category in CATEGORIES:
            kinds = POFILTER_KINDS.get(category, set())
            tp, fp = table[category][0], table[category][1]
            expected = [u for u in units.values() if category in u["expected"]]
            if not kinds:
                print(f"| {category} | {len(expected)} | no such check | - | {tp} | {fp} |")
                continue
            fired = [u for u in units.values() if flagged.get(u["id"], set()) & kinds]
            hit = sum(1 for u in fired if category in u["expected"])
            print(f"| {category} | {len(expected)} | {hit} | {len(fired) - hit} | {tp} | {fp} |")
        clean = [u for u in units.values() if not u["expected"]]
        alarms = collections.Counter(t for u in clean for t in flagged.get(u["id"], set()))
        alarmed = sum(1 for u in clean if flagged.get(u["id"]))
        print(f"\npofilter flags {alarmed} of {len(clean)} units with nothing wrong; tests: "
              + ", ".join(f"{t} {n}" for t, n in alarms.most_common()))
        tricky_flagged = sum(1 for u in tricky if flagged.get(u["id"]))
        print(f"pofilter flags {tricky_flagged} of {len(tricky)} tricky-but-correct units")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

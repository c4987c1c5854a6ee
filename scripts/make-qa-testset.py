#!/usr/bin/env python3
"""Writes the translation-QA test set's XLIFF files from tests/fixtures/qa/units.tsv.

    python3 scripts/make-qa-testset.py            # write the .xlf files
    python3 scripts/make-qa-testset.py --check    # also cross-check the TSV

Writes, in tests/fixtures/qa/:
  vi-zh.xlf, zh-vi.xlf, vi-en.xlf   XLIFF 1.2, one <file> each, one
                                    <trans-unit> per TSV row of that set;
  vi-zh-2.1.xlf                     the vi-zh units again as XLIFF 2.1.

The output depends on the TSV only (same TSV, same bytes).

--check runs an independent, simple reading of the rules `plangloss qa`
implements on every unit (glossary terms and deprecated terms, untranslated
targets, consistency across the three 1.2 files, bracket and quote balance,
the spacing rules of each target language) and reports where it disagrees
with the `expected` column. It is a guard against mistakes in the TSV, not a
second implementation of qa: numbers are only listed for a person to review
(--numbers), and a disagreement may be this check's own simplification. It
exits 1 when it finds a disagreement in terms, untranslated, consistency or
brackets.
"""

import argparse
import collections
import csv
import os
import re
import sys
import unicodedata
from xml.sax.saxutils import escape, quoteattr

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "qa")
TSV = os.path.join(FIXTURES, "units.tsv")
GLOSSARY = os.path.join(ROOT, "glossaries", "program-terms.tsv")
SETS = ("vi-zh", "zh-vi", "vi-en")
CATEGORIES = (
    "term_missing",
    "term_deprecated",
    "inconsistent",
    "number_mismatch",
    "untranslated",
    "punctuation",
    "source_artefact",
)
COLUMNS = ["set", "id", "source_lang", "target_lang", "source", "target", "expected", "note"]


def read_units(path=TSV):
    """The TSV's rows as dicts, checked for shape."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if header != COLUMNS:
            sys.exit(f"{path}: header must be {' '.join(COLUMNS)}, not {header}")
        units = []
        seen = set()
        for line, row in enumerate(reader, start=2):
            if len(row) != len(COLUMNS):
                sys.exit(f"{path}:{line}: {len(row)} columns, want {len(COLUMNS)}")
            unit = dict(zip(COLUMNS, row))
            unit["line"] = line
            unit["expected"] = [c for c in unit["expected"].split(",") if c]
            for category in unit["expected"]:
                if category not in CATEGORIES:
                    sys.exit(f"{path}:{line}: unknown category {category!r}")
            if unit["set"] not in SETS:
                sys.exit(f"{path}:{line}: unknown set {unit['set']!r}")
            if unit["id"] in seen:
                sys.exit(f"{path}:{line}: duplicate id {unit['id']}")
            seen.add(unit["id"])
            units.append(unit)
    return units


# ---------------------------------------------------------------- XLIFF


def xliff12(units, source_lang, target_lang):
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
        f'  <file original="units.tsv" source-language={quoteattr(source_lang)} '
        f'target-language={quoteattr(target_lang)} datatype="plaintext">',
        "    <body>",
    ]
    for u in units:
        out.append(f'      <trans-unit id={quoteattr(u["id"])} xml:space="preserve">')
        out.append(f"        <source>{escape(u['source'])}</source>")
        if u["target"].strip():
            out.append(f'        <target state="translated">{escape(u["target"])}</target>')
        else:
            out.append('        <target state="needs-translation"/>')
        out.append("      </trans-unit>")
    out += ["    </body>", "  </file>", "</xliff>", ""]
    return "\n".join(out)


def xliff21(units, source_lang, target_lang):
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" '
        f"srcLang={quoteattr(source_lang)} trgLang={quoteattr(target_lang)}>",
        '  <file id="f1" original="units.tsv">',
    ]
    for u in units:
        out.append(f'    <unit id={quoteattr(u["id"])} xml:space="preserve">')
        if u["target"].strip():
            out.append('      <segment id="s1" state="translated">')
            out.append(f"        <source>{escape(u['source'])}</source>")
            out.append(f"        <target>{escape(u['target'])}</target>")
        else:
            out.append('      <segment id="s1" state="initial">')
            out.append(f"        <source>{escape(u['source'])}</source>")
        out.append("      </segment>")
        out.append("    </unit>")
    out += ["  </file>", "</xliff>", ""]
    return "\n".join(out)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(path, ROOT)}")


def generate(units):
    for name in SETS:
        chosen = [u for u in units if u["set"] == name]
        langs = {(u["source_lang"], u["target_lang"]) for u in chosen}
        if len(langs) != 1:
            sys.exit(f"set {name}: units disagree on languages: {sorted(langs)}")
        (source_lang, target_lang), = langs
        write(os.path.join(FIXTURES, f"{name}.xlf"), xliff12(chosen, source_lang, target_lang))
        if name == "vi-zh":
            write(os.path.join(FIXTURES, "vi-zh-2.1.xlf"), xliff21(chosen, source_lang, target_lang))


# ---------------------------------------------------------------- check

TONES = {"\u0300": "1", "\u0301": "2", "\u0303": "3", "\u0309": "4", "\u0323": "5"}


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def fold(text):
    """NFC, lower case, the Vietnamese tone mark moved to the end of its
    syllable (so hòa = hoà), one char in, one or two out."""
    out = []
    word = []
    tone = ""

    def flush():
        nonlocal tone
        if word:
            out.append(unicodedata.normalize("NFC", "".join(word)).lower() + tone)
            word.clear()
        tone = ""

    for c in unicodedata.normalize("NFD", text):
        if c in TONES:
            tone = TONES[c]
        elif unicodedata.combining(c) or (c.isalnum() and not is_han(c)):
            word.append(c)
        else:
            flush()
            out.append(c)
    flush()
    return "".join(out)


def lang_of(code):
    return code.split("-")[0].split("_")[0].lower()


class Glossary:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        header = rows[0]
        self.entries = []
        for row in rows[1:]:
            row = row + [""] * (len(header) - len(row))
            cells = dict(zip(header, row))
            forms = {}
            for lang in ("vi", "zh", "en"):
                cell = cells.get(lang, "").strip()
                # "vaccination; immunization": alternatives.
                forms[lang] = [f.strip() for f in cell.split(";") if f.strip()] if cell else []
            self.entries.append({
                "forms": forms,
                "note": cells.get("note", ""),
                "deprecated": cells.get("status", "").strip().lower() == "deprecated",
            })
        by_form = {}
        for i, e in enumerate(self.entries):
            for lang, fs in e["forms"].items():
                for f in fs:
                    by_form.setdefault(fold(f), i)
        for e in self.entries:
            m = re.match(r"(?:abbr of |缩写[：:])\s*([^;(]+)", e["note"])
            e["full"] = by_form.get(fold(m.group(1).strip())) if m else None
        self.patterns = []  # (folded form, entry, lang)
        for i, e in enumerate(self.entries):
            for lang, fs in e["forms"].items():
                for f in fs:
                    self.patterns.append((fold(f), i, lang))

    @staticmethod
    def bounded(text, at, form):
        end = at + len(form)
        before = text[at - 1] if at > 0 else ""
        after = text[end] if end < len(text) else ""
        ok_before = is_han(form[0]) or not (before and before.isalnum())
        ok_after = is_han(form[-1]) or not (after and after.isalnum())
        return ok_before and ok_after

    def matches(self, text):
        """Leftmost-longest, non-overlapping: [(start, end, entry, lang)]."""
        folded = fold(text)
        found = []
        for form, entry, lang in self.patterns:
            start = folded.find(form)
            while start >= 0:
                if self.bounded(folded, start, form):
                    found.append((start, start + len(form), entry, lang))
                start = folded.find(form, start + 1)
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        chosen, end = [], -1
        for m in found:
            if m[0] >= end:
                chosen.append(m)
                end = m[1]
        return chosen

    def holds(self, text, form):
        folded, form = fold(text), fold(form)
        start = folded.find(form)
        while start >= 0:
            if self.bounded(folded, start, form):
                return True
            start = folded.find(form, start + 1)
        return False

    def accepted(self, entry, lang):
        e = self.entries[entry]
        forms = list(e["forms"].get(lang, []))
        if e["full"] is not None:
            forms += self.entries[e["full"]]["forms"].get(lang, [])
        return forms


def term_problems(g, unit):
    sl, tl = lang_of(unit["source_lang"]), lang_of(unit["target_lang"])
    problems = []
    for _, _, entry, lang in g.matches(unit["source"]):
        if lang != sl or g.entries[entry]["deprecated"]:
            continue
        accepted = g.accepted(entry, tl)
        if accepted and not any(g.holds(unit["target"], f) for f in accepted):
            problems.append(("term_missing", f"{g.entries[entry]['forms'][sl][0]} → {accepted[0]}"))
    for _, _, entry, lang in g.matches(unit["target"]):
        if g.entries[entry]["deprecated"]:
            problems.append(("term_deprecated", " / ".join(sum(g.entries[entry]["forms"].values(), []))))
    return problems


def untranslated(unit):
    source, target = unit["source"].strip(), unit["target"].strip()
    if not target:
        return True
    if source != target:
        return False
    to_zh = lang_of(unit["target_lang"]) == "zh" or lang_of(unit["source_lang"]) == "zh"
    for word in re.split(r"[^\w\-/]+", source):
        if not word or any(c.isdigit() for c in word):
            continue
        letters = [c for c in word if c.isalpha()]
        if any(is_han(c) for c in word):
            return True
        if len(letters) >= 2 and sum(c.isupper() for c in letters) >= len(letters) - 1:
            continue  # a code: UBND, bOPV
        if not to_zh and letters and letters[0].isupper():
            continue  # a name, between Latin-script languages
        return True
    return False


PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】", "《": "》", "“": "”", "‘": "’", "〈": "〉", "〔": "〕", "「": "」"}


def balanced(text):
    stack = []
    closers = {v: k for k, v in PAIRS.items()}
    for c in text:
        if c in PAIRS:
            stack.append(c)
        elif c in closers:
            if not stack or stack[-1] != closers[c]:
                return False
            stack.pop()
    return not stack and text.count('"') % 2 == 0


def spacing_problems(unit):
    t = unit["target"]
    tl = lang_of(unit["target_lang"])
    found = []
    if tl == "zh":
        for i, c in enumerate(t):
            if c in ",;:()!?." or c == " ":
                before = t[i - 1] if i > 0 else ""
                after = t[i + 1] if i + 1 < len(t) else ""
                if (before and is_han(before)) and (not after or is_han(after)):
                    found.append(f"half-width {c!r} after a Han character")
    elif tl == "vi":
        cleaned = re.sub(r"TP\.HCM|v\.v\.|\d[.,]\d", "", t)
        if re.search(r"[,;:][^\s\d”)\]]", cleaned) or re.search(r"\.[^\s\d./”)\]]", cleaned):
            found.append("no space after punctuation")
    return found


def consistency(units):
    """(unit id → True) for units qa should call inconsistent."""
    def key(text):
        return " ".join(fold(text).split())

    live = [u for u in units if not untranslated(u)]
    flagged = set()
    for field, other in (("source", "target"), ("target", "source")):
        groups = collections.defaultdict(list)
        for u in live:
            groups[key(u[field])].append(u)
        for group in groups.values():
            if len(group) < 2:
                continue
            if field == "target":
                text = group[0]["target"]
                if sum(c.isalpha() for c in text) < 2 or any(c.isdigit() for c in text):
                    continue
            counts = collections.Counter(key(u[other]) for u in group)
            if len(counts) < 2:
                continue
            best = max(counts.values())
            usual = next(key(u[other]) for u in group if counts[key(u[other])] == best)
            flagged.update(u["id"] for u in group if key(u[other]) != usual)
    return flagged


NUM = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text, lang):
    """Rough: the numbers of a text as floats, local separators read."""
    out = []
    for m in NUM.finditer(text):
        s = m.group()
        if lang in ("vi",):
            if re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
                s = s.replace(".", "")
            else:
                s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
        try:
            value = float(s)
        except ValueError:
            continue
        rest = text[m.end():m.end() + 1]
        if lang == "zh" and rest == "万":
            value *= 10000
        if lang == "vi" and text[m.end():m.end() + 6] == " triệu":
            value *= 1000000
        out.append(value)
    return sorted(out)


def check(units, show_numbers):
    g = Glossary(GLOSSARY)
    inconsistent = consistency([u for u in units if u["set"] in SETS])
    hard = 0
    for u in units:
        expected = set(u["expected"])
        said = []
        if untranslated(u):
            said.append("untranslated")
        else:
            said += [c for c, _ in term_problems(g, u)]
            if not balanced(u["target"]) or spacing_problems(u):
                said.append("punctuation")
        if u["id"] in inconsistent:
            said.append("inconsistent")
        said = set(said)
        checked = {"term_missing", "term_deprecated", "untranslated", "inconsistent", "punctuation"}
        wrong = (said ^ expected) & checked
        if wrong:
            hard += 1
            detail = "; ".join(m for c, m in term_problems(g, u)) if not untranslated(u) else ""
            print(f"{u['id']}: expected {sorted(expected & checked)} but this check says "
                  f"{sorted(said & checked)} {detail}\n    {u['source']}\n    {u['target']}")
        if show_numbers and u["target"].strip() and not untranslated(u):
            a = numbers(u["source"], lang_of(u["source_lang"]))
            b = numbers(u["target"], lang_of(u["target_lang"]))
            if a != b and "number_mismatch" not in expected:
                print(f"{u['id']}: review numbers {a} vs {b}\n    {u['source']}\n    {u['target']}")
    counts = collections.Counter()
    for u in units:
        kind = "correct" if not u["expected"] else "error"
        counts[(u["set"], kind)] += 1
        for c in u["expected"]:
            counts[(u["set"], c)] += 1
    print()
    print("| set | units | correct | tricky | " + " | ".join(CATEGORIES) + " |")
    print("|---" * (4 + len(CATEGORIES)) + "|")
    for name in SETS + ("all",):
        chosen = [u for u in units if name == "all" or u["set"] == name]
        row = [name, len(chosen), sum(not u["expected"] for u in chosen),
               sum(bool(re.search(r"\btricky\b", u["note"])) for u in chosen)]
        row += [sum(c in u["expected"] for u in chosen) for c in CATEGORIES]
        print("| " + " | ".join(str(x) for x in row) + " |")
    return hard


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="cross-check the expected column")
    parser.add_argument("--numbers", action="store_true", help="with --check: list number differences to review")
    args = parser.parse_args()
    units = read_units()
    generate(units)
    if args.check:
        hard = check(units, args.numbers)
        if hard:
            print(f"\n{hard} unit(s) where this check disagrees with the TSV")
            sys.exit(1)


if __name__ == "__main__":
    main()

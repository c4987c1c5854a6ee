#!/usr/bin/env python3
"""OCR quality on the scan test set (issue 26): a prediction folder against the gold.

    python3 scripts/ocr_quality.py --pred target/scan-testset/pred-tesseract
    python3 scripts/ocr_quality.py --pred OURS --compare target/scan-testset/pred-tesseract
    python3 scripts/ocr_quality.py --gold target/scan-testset/clean --pred target/scan-testset/pred-tesseract-clean
    python3 scripts/ocr_quality.py --pred DIR --pages      # per page, grouped by degradation
    python3 scripts/ocr_quality.py --pred DIR --json       # for scripts

Gold: --gold DIR holds DIR/vi/NAME.gold.txt and DIR/zh/NAME.gold.txt (language from the
folder), or NAME.gold.txt directly in DIR (language from the text: Chinese when Han
characters are at least 30% of its letters), as made by scripts/make-scan-testset.py.
Prediction: --pred DIR holds NAME.txt, UTF-8, one per document (pages concatenated). A
missing prediction is scored as an empty text and flagged, not dropped.

Vietnamese (the viparse metric: ../shared/corpus/vi/legacy/METRIC.md, computed by that
folder's own score.py, imported as it is): both texts NFC, whitespace collapsed and, as
issue 26 asks, case-folded (str.casefold) before score_pair;
  diacritic_accuracy  diacritic-bearing gold characters recovered exactly / all of them
  char_accuracy       matched characters / gold characters (difflib alignment); as
                      score.py computes it, the gold against itself scores ~0.99 (the
                      spaces between sentence segments are not counted): the tables
                      print that ceiling
Chinese: both texts NFC with all whitespace removed, then one difflib.SequenceMatcher
(autojunk off) over the characters, M = matched characters;
  similarity          2M / (len(gold) + len(prediction))  (difflib's ratio: missed and
                      spurious characters both cost)
  recall              M / len(gold)  (what char_accuracy is for Vietnamese)
  similarity_nfkc     similarity after NFKC on both sides (full-width （）：；２ become
                      ASCII): shown beside the headline, not instead of it, to tell
                      punctuation width apart from misread characters

Overall, per language: the mean over documents, and pooled (Vietnamese: all diacritic
positions and all gold characters counted together; Chinese: sum of 2M over the sum of
lengths, sum of M over the sum of gold lengths).

--pages scores each page on its own (gold DIR/LANG/pages/NAME.pN.gold.txt, prediction
PRED/pages/NAME.pN.txt) and, with the set's manifest.json, prints the mean per
encoding, orientation, DPI, seal and tiling, so one sees which degradation costs what.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "target" / "scan-testset"
SCORE_PY = ROOT.parent / "shared" / "corpus" / "vi" / "legacy" / "score.py"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
WHITESPACE = re.compile(r"\s+")
TARGETS = {"vi": ("diacritic_accuracy", 0.98), "zh": ("similarity", 0.97)}


def load_viparse_metric(path: Path = SCORE_PY):
    """The corpus's own score.py as a module (its score_pair implements METRIC.md)."""
    if not path.exists():
        sys.exit(f"{path} not found: the Vietnamese metric is the shared corpus's score.py")
    spec = importlib.util.spec_from_file_location("viparse_score", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["viparse_score"] = module  # its dataclasses look the module up
    spec.loader.exec_module(module)
    return module


def detect_lang(text: str) -> str:
    """zh when Han characters make up at least 30% of the letters, else vi."""
    letters = [c for c in text if c.isalpha()]
    han = sum(1 for c in letters if HAN.match(c))
    return "zh" if letters and han / len(letters) >= 0.3 else "vi"


def find_gold(gold_dir: Path) -> list[dict]:
    """Gold documents: name, language and file, from DIR/{vi,zh}/ and DIR itself."""
    docs = []
    for lang in ("vi", "zh"):
        for path in sorted((gold_dir / lang).glob("*.gold.txt")):
            docs.append({"name": path.name[: -len(".gold.txt")], "lang": lang, "gold": path})
    for path in sorted(gold_dir.glob("*.gold.txt")):
        docs.append({"name": path.name[: -len(".gold.txt")], "lang": detect_lang(read(path)), "gold": path})
    return docs


def read(path: Path) -> str:
    """A UTF-8 text file."""
    return path.read_text(encoding="utf-8")


def score_vietnamese(pred: str, gold: str, metric) -> dict:
    """The viparse metric on case-folded texts."""
    fold = lambda t: unicodedata.normalize("NFC", t).casefold()
    s = metric.score_pair("", fold(pred), fold(gold))
    return {
        "diacritic_accuracy": s.diacritic_accuracy,
        "char_accuracy": s.char_accuracy,
        "syllable_accuracy": s.syllable_accuracy,
        "gold_chars": s.truth_chars,
        "diacritic_positions": s.diacritic_positions,
        # score.py aligns sentence segments and does not count the spaces between them,
        # so the gold itself scores a little under 1 on char_accuracy: this is that score.
        "char_accuracy_ceiling": metric.score_pair("", fold(gold), fold(gold)).char_accuracy,
    }


def without_whitespace(text: str) -> str:
    """NFC text with every whitespace character removed."""
    return WHITESPACE.sub("", unicodedata.normalize("NFC", text))


def score_chinese(pred: str, gold: str) -> dict:
    """Character similarity (difflib ratio) and recall, whitespace removed."""
    p, g = without_whitespace(pred), without_whitespace(gold)
    matched = matched_chars(g, p)
    total = len(g) + len(p)
    p_nfkc, g_nfkc = unicodedata.normalize("NFKC", p), unicodedata.normalize("NFKC", g)
    matched_nfkc = matched_chars(g_nfkc, p_nfkc)
    total_nfkc = len(g_nfkc) + len(p_nfkc)
    return {
        "similarity": round(2 * matched / total, 6) if total else 1.0,
        "recall": round(matched / len(g), 6) if g else 1.0,
        "similarity_nfkc": round(2 * matched_nfkc / total_nfkc, 6) if total_nfkc else 1.0,
        "matched": matched,
        "gold_chars": len(g),
        "pred_chars": len(p),
        "matched_nfkc": matched_nfkc,
        "chars_nfkc": total_nfkc,
    }


def matched_chars(gold: str, pred: str) -> int:
    """Characters in the matching blocks of one difflib alignment (autojunk off)."""
    matcher = difflib.SequenceMatcher(None, gold, pred, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def score_text(lang: str, pred: str, gold: str, metric) -> dict:
    """The language's scores of one text."""
    return score_vietnamese(pred, gold, metric) if lang == "vi" else score_chinese(pred, gold)


def score_documents(docs: list[dict], pred_dir: Path, metric) -> list[dict]:
    """One row per gold document; a missing prediction counts as empty."""
    rows = []
    for doc in docs:
        pred_path = pred_dir / f"{doc['name']}.txt"
        missing = not pred_path.exists()
        pred = "" if missing else read(pred_path)
        rows.append({"name": doc["name"], "lang": doc["lang"], "missing": missing,
                     **score_text(doc["lang"], pred, read(doc["gold"]), metric)})
    return rows


def mean(values: list) -> float | None:
    """Arithmetic mean of the values that are not None."""
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 6) if values else None


def summarise(rows: list[dict]) -> dict:
    """Per language: mean over documents and pooled."""
    summary = {}
    vi = [r for r in rows if r["lang"] == "vi"]
    if vi:
        positions = sum(r["diacritic_positions"] for r in vi if r["diacritic_accuracy"] is not None)
        correct = sum(round(r["diacritic_accuracy"] * r["diacritic_positions"])
                      for r in vi if r["diacritic_accuracy"] is not None)
        chars = sum(r["gold_chars"] for r in vi)
        summary["vi"] = {
            "documents": len(vi), "missing": sum(r["missing"] for r in vi),
            "mean": {"diacritic_accuracy": mean([r["diacritic_accuracy"] for r in vi]),
                     "char_accuracy": mean([r["char_accuracy"] for r in vi])},
            "pooled": {"diacritic_accuracy": round(correct / positions, 6) if positions else None,
                       "char_accuracy": round(sum(r["char_accuracy"] * r["gold_chars"] for r in vi) / chars, 6)
                       if chars else None},
            "char_accuracy_ceiling_pooled": round(
                sum(r["char_accuracy_ceiling"] * r["gold_chars"] for r in vi) / chars, 6) if chars else None,
        }
    zh = [r for r in rows if r["lang"] == "zh"]
    if zh:
        lengths = sum(r["gold_chars"] + r["pred_chars"] for r in zh)
        gold_chars = sum(r["gold_chars"] for r in zh)
        matched = sum(r["matched"] for r in zh)
        summary["zh"] = {
            "documents": len(zh), "missing": sum(r["missing"] for r in zh),
            "mean": {"similarity": mean([r["similarity"] for r in zh]), "recall": mean([r["recall"] for r in zh]),
                     "similarity_nfkc": mean([r["similarity_nfkc"] for r in zh])},
            "pooled": {"similarity": round(2 * matched / lengths, 6) if lengths else None,
                       "recall": round(matched / gold_chars, 6) if gold_chars else None,
                       "similarity_nfkc": round(2 * sum(r["matched_nfkc"] for r in zh)
                                                / max(sum(r["chars_nfkc"] for r in zh), 1), 6)},
        }
    return summary


def fmt(value) -> str:
    """A score with three decimals, or a dash."""
    return "    -" if value is None else f"{value:.3f}"


def headline(row: dict) -> tuple:
    """The two numbers shown per document: (diacritic, char) or (similarity, recall)."""
    if row["lang"] == "vi":
        return row["diacritic_accuracy"], row["char_accuracy"]
    return row["similarity"], row["recall"]


def print_table(rows: list[dict], summary: dict, label: str) -> None:
    """Per-document table and the overall lines, one language after the other."""
    print(f"# {label}")
    for lang, (first, second) in (("vi", ("diacritic", "char")), ("zh", ("similarity", "recall"))):
        mine = [r for r in rows if r["lang"] == lang]
        if not mine:
            continue
        third = "sim. NFKC" if lang == "zh" else ""
        print(f"{lang:2} {'document':46} {first:>10} {second:>10} {'gold chars':>10} {third:>10}".rstrip())
        for r in mine:
            a, b = headline(r)
            extra = fmt(r["similarity_nfkc"]) if lang == "zh" else ""
            flag = "  (missing)" if r["missing"] else ""
            print(f"   {r['name'][:46]:46} {fmt(a):>10} {fmt(b):>10} {r['gold_chars']:>10} {extra:>10}{flag}".rstrip())
        overall = summary[lang]
        keys = list(overall["mean"])
        for kind in ("mean", "pooled"):
            extra = fmt(overall[kind]["similarity_nfkc"]) if lang == "zh" else ""
            print(f"   {'overall (' + kind + ')':46} {fmt(overall[kind][keys[0]]):>10} "
                  f"{fmt(overall[kind][keys[1]]):>10} {'':>10} {extra:>10}".rstrip())
        if lang == "vi":
            print(f"   (char accuracy of the gold against itself, pooled: {fmt(overall['char_accuracy_ceiling_pooled'])}: "
                  "score.py does not count the spaces between sentences)")
        print()


def print_comparison(rows_a: list[dict], rows_b: list[dict], sum_a: dict, sum_b: dict,
                     label_a: str, label_b: str) -> None:
    """Two predictions side by side, with the target of issue 26 marked."""
    by_name = {r["name"]: r for r in rows_b}
    print(f"# A = {label_a}   B = {label_b}")
    for lang, names in (("vi", ("diacritic", "char")), ("zh", ("similarity", "recall"))):
        mine = [r for r in rows_a if r["lang"] == lang]
        if not mine:
            continue
        key, target = TARGETS[lang]
        print(f"{lang:2} {'document':40} {names[0] + ' A':>12} {names[0] + ' B':>12} {names[1] + ' A':>12} "
              f"{names[1] + ' B':>12}")
        for r in mine:
            other = by_name.get(r["name"])
            a1, a2 = headline(r)
            b1, b2 = headline(other) if other else (None, None)
            mark = "" if a1 is None or b1 is None else ("  A>B" if a1 > b1 else ("  A<B" if a1 < b1 else "  A=B"))
            print(f"   {r['name'][:40]:40} {fmt(a1):>12} {fmt(b1):>12} {fmt(a2):>12} {fmt(b2):>12}{mark}")
        for kind in ("mean", "pooled"):
            a, b = sum_a[lang][kind], sum_b.get(lang, {}).get(kind, {})
            keys = list(a)
            print(f"   {'overall (' + kind + ')':40} {fmt(a[keys[0]]):>12} {fmt(b.get(keys[0])):>12} "
                  f"{fmt(a[keys[1]]):>12} {fmt(b.get(keys[1])):>12}")
        reached = sum(1 for r in mine if (r.get(key) or 0) >= target)
        beaten = sum(1 for r in mine if by_name.get(r["name"]) and (r.get(key) or 0) > (by_name[r["name"]].get(key) or 0))
        print(f"   target {key} >= {target}: A reaches it on {reached}/{len(mine)} documents; "
              f"A above B on {beaten}/{len(mine)}\n")


# ---------------------------------------------------------------- per page


def page_rows(docs: list[dict], pred_dir: Path, metric, manifest: dict) -> list[dict]:
    """One row per page that has a page gold, with the manifest's record of the page."""
    records = {(d["name"], p["page"]): p for d in manifest.get("documents", []) for p in d.get("pages", [])}
    rows = []
    for doc in docs:
        for gold_path in sorted(doc["gold"].parent.glob(f"pages/{doc['name']}.p*.gold.txt"),
                                key=lambda p: int(re.search(r"\.p(\d+)\.gold", p.name).group(1))):
            page = int(re.search(r"\.p(\d+)\.gold", gold_path.name).group(1))
            pred_path = pred_dir / "pages" / f"{doc['name']}.p{page}.txt"
            pred = read(pred_path) if pred_path.exists() else ""
            record = records.get((doc["name"], page), {})
            rows.append({"name": doc["name"], "page": page, "lang": doc["lang"], "missing": not pred_path.exists(),
                         "record": record, **score_text(doc["lang"], pred, read(gold_path), metric)})
    return rows


def page_factors(record: dict) -> dict:
    """The degradation factors of a page, as group labels."""
    seal = record.get("seal")
    return {
        "encoding": record.get("encoding", "?"),
        "orientation": record.get("orientation", "?"),
        "dpi": str(record.get("dpi", "?")),
        "seal": "sealed" if isinstance(seal, dict) else "no seal",
        "strips": "tiled" if record.get("strips", 1) > 1 else "one image",
    }


def print_pages(rows: list[dict]) -> None:
    """Per-page scores and the mean per factor value."""
    for lang in ("vi", "zh"):
        mine = [r for r in rows if r["lang"] == lang]
        if not mine:
            continue
        key = TARGETS[lang][0]
        print(f"{lang}: per page ({key})")
        for r in mine:
            f = page_factors(r["record"])
            print(f"   {r['name'][:40]:40} p{r['page']}  {fmt(r[key])}  {f['dpi']:>3} {f['encoding']:10} "
                  f"{f['orientation']:15} {f['seal']:7} {f['strips']}")
        print(f"{lang}: mean {key} by factor")
        for factor in ("encoding", "orientation", "dpi", "seal", "strips"):
            groups: dict = {}
            for r in mine:
                groups.setdefault(page_factors(r["record"])[factor], []).append(r[key])
            cells = "  ".join(f"{value}: {fmt(mean(scores))} ({len(scores)})" for value, scores in sorted(groups.items()))
            print(f"   {factor:12} {cells}")
        print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pred", type=Path, required=True, help="folder of NAME.txt predictions")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD,
                        help=f"gold folder (default {DEFAULT_GOLD.relative_to(ROOT)})")
    parser.add_argument("--compare", type=Path, metavar="DIR2", help="a second prediction folder, shown side by side")
    parser.add_argument("--label", help="name of --pred in the output (default: its folder name)")
    parser.add_argument("--compare-label", help="name of --compare in the output")
    parser.add_argument("--pages", action="store_true", help="score page by page, grouped by degradation")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--score-py", type=Path, default=SCORE_PY, help="the viparse score.py to import")
    args = parser.parse_args()

    metric = load_viparse_metric(args.score_py)
    docs = find_gold(args.gold)
    if not docs:
        parser.error(f"no *.gold.txt in {args.gold}, {args.gold}/vi or {args.gold}/zh")
    label = args.label or args.pred.name
    rows = score_documents(docs, args.pred, metric)
    summary = summarise(rows)
    report = {"pred": str(args.pred), "gold": str(args.gold), "casefold_vi": True,
              "summary": summary, "documents": rows}
    if args.compare:
        rows_b = score_documents(docs, args.compare, metric)
        report["compare"] = {"pred": str(args.compare), "summary": summarise(rows_b), "documents": rows_b}
    if args.pages:
        manifest_path = args.gold / "manifest.json"
        manifest = json.loads(read(manifest_path)) if manifest_path.exists() else {}
        prows = page_rows(docs, args.pred, metric, manifest)
        report["pages"] = [{k: v for k, v in r.items() if k != "record"} | {"factors": page_factors(r["record"])}
                           for r in prows]

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    if args.compare:
        print_comparison(rows, report["compare"]["documents"], summary, report["compare"]["summary"],
                         label, args.compare_label or args.compare.name)
    else:
        print_table(rows, summary, label)
    if args.pages:
        print_pages(prows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""The sentence-segmentation gold: tests/fixtures/segment-gold/{vi,zh}.tsv.

Paragraphs come from text nobody on this project wrote (../shared/seeds,
../shared/corpus/vi/docx and vi/gold, ../shared/corpus/zh/html-gold and
zh/segment-gold) and from our own corpora/. That text is not copied into the
repository: each gold row names its source and place (`line:N` of a text
file, `block:N` of plangloss's blocks of a document), the number of
non-space characters of the paragraph (to notice when the source or the
extraction changes) and the sentence ends, each counted in non-space
characters from the paragraph start, so that spacing never matters.

    python3 scripts/make-segment-gold.py draft     # target/segment-gold/{vi,zh}.draft.txt
        Split neutrally, independent of plangloss: after every . ! ? … 。！？
        (with closing quotes and brackets) followed by a space or, in
        Chinese, by anything. Copy to {vi,zh}.txt and correct by hand: one
        sentence per line, a blank line between paragraphs.
    python3 scripts/make-segment-gold.py annotate  # the corrected .txt -> the .tsv
    python3 scripts/make-segment-gold.py show vi   # the gold, one sentence per line

`draft` and `show` need `cargo build --release` first.
"""
import json
import pathlib
import re
import subprocess
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = ROOT / "target/segment-gold"
GOLD = ROOT / "tests/fixtures/segment-gold"
CLOSERS = "\"'”’»)]}〞」』）】》〉〕］"
# A terminator run with its closers, and the space after it (the split point).
NEUTRAL = {
    "vi": re.compile(rf"[.!?…]+[{re.escape(CLOSERS)}]*(\s+)"),
    "zh": re.compile(rf"[。！？!?]+[{re.escape(CLOSERS)}]*(\s*)(?=\S)"),
}


def resolve(source):
    return SHARED / source[len("shared/"):] if source.startswith("shared/") else ROOT / source


def clean(line):
    return " ".join(unicodedata.normalize("NFC", line).split())


def text_lines(source):
    text = resolve(source).read_text(encoding="utf-8", errors="replace")
    return [(f"line:{n}", clean(line)) for n, line in enumerate(text.splitlines(), start=1)]


def document_blocks(source):
    out = subprocess.run([ROOT / "target/release/plangloss", "ingest", str(resolve(source))],
                         capture_output=True, check=False).stdout.decode()
    blocks = [b for line in out.splitlines() for b in json.loads(line).get("blocks", [])]
    return [(f"block:{n}", b["text"]) for n, b in enumerate(blocks)
            if b["kind"] in ("paragraph", "list_item", "footnote")]


def prose(places, lang, min_chars, limit=None):
    marks = "。！？" if lang == "zh" else ".!?"
    chosen = [(p, t) for p, t in places if len(t) >= min_chars and any(m in t for m in marks)]
    return chosen[:limit]


def sources():
    vi, zh = [], []
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        source = f"shared/seeds/{seed.name}"
        places = text_lines(source)
        han = sum(1 for _, t in places for c in t if "\u4e00" <= c <= "\u9fff")
        if han > 200:
            zh += [(source, *p) for p in prose(places, "zh", 30)]
        else:
            vi += [(source, *p) for p in prose(places, "vi", 60)]
    nd30 = "shared/corpus/vi/docx/nd30-2020-main.docx"
    vi += [(nd30, *p) for p in prose(document_blocks(nd30), "vi", 60, 120)]
    for gold in sorted((SHARED / "corpus/vi/gold").glob("*.txt")):
        source = f"shared/corpus/vi/gold/{gold.name}"
        vi += [(source, *p) for p in prose(text_lines(source), "vi", 80, 40)]
    for plan in ["kh-truyen-thong-dan-so-2025.docx", "kh-cham-soc-nguoi-cao-tuoi-2025.pdf",
                 "kh-suc-khoe-sinh-san-vtn-2025.html"]:
        source = f"corpora/vi/{plan}"
        vi += [(source, *p) for p in prose(document_blocks(source), "vi", 60, 12)]
    for gold in sorted((SHARED / "corpus/zh/html-gold").glob("*.txt"))[:20]:
        source = f"shared/corpus/zh/html-gold/{gold.name}"
        zh += [(source, *p) for p in prose(text_lines(source), "zh", 40, 10)]
    sentencex = "shared/corpus/zh/segment-gold/sentencex-zh-seg.txt"
    lines = text_lines(sentencex)
    zh += [(sentencex, *lines[i]) for i in range(len(lines) - 1)
           if lines[i + 1][1] == "---" and lines[i][1]]
    for plan in ["jihua-shengyu-fuwu-guanli-2025.txt", "mianyi-guihua-2025.docx"]:
        source = f"corpora/zh/{plan}"
        zh += [(source, *p) for p in prose(document_blocks(source), "zh", 30, 10)]
    return {"vi": dedupe(vi), "zh": dedupe(zh)}


def dedupe(rows):
    seen, out = set(), []
    for row in rows:
        if row[2] not in seen:
            seen.add(row[2])
            out.append(row)
    return out


def neutral_split(paragraph, lang):
    pieces, start = [], 0
    for found in NEUTRAL[lang].finditer(paragraph):
        pieces.append(paragraph[start:found.start(1)])
        start = found.end(1)
    pieces.append(paragraph[start:])
    return [p.strip() for p in pieces if p.strip()]


def nonspace(text):
    return sum(1 for c in text if not c.isspace())


def draft():
    WORK.mkdir(parents=True, exist_ok=True)
    for lang, rows in sources().items():
        (WORK / f"{lang}.draft.txt").write_text(
            "\n\n".join("\n".join(neutral_split(text, lang)) for _, _, text in rows) + "\n",
            encoding="utf-8")
        (WORK / f"{lang}.places.tsv").write_text(
            "".join(f"{source}\t{place}\n" for source, place, _ in rows), encoding="utf-8")
        print(f"{WORK / (lang + '.draft.txt')}: {len(rows)} paragraphs")


def annotate():
    for lang in ["vi", "zh"]:
        paragraphs = (WORK / f"{lang}.txt").read_text(encoding="utf-8").strip().split("\n\n")
        places = (WORK / f"{lang}.places.tsv").read_text(encoding="utf-8").splitlines()
        assert len(paragraphs) == len(places), f"{lang}: {len(paragraphs)} vs {len(places)}"
        rows, sentences = ["source\tplace\tnon-space chars\tsentence ends (non-space chars)"], 0
        for paragraph, place in zip(paragraphs, places):
            ends, count = [], 0
            for sentence in paragraph.split("\n"):
                count += nonspace(sentence)
                ends.append(count)
            sentences += len(ends)
            rows.append(f"{place}\t{count}\t{','.join(map(str, ends[:-1]))}")
        GOLD.mkdir(parents=True, exist_ok=True)
        (GOLD / f"{lang}.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"{GOLD / (lang + '.tsv')}: {len(paragraphs)} paragraphs, {sentences} sentences")


def show(lang):
    cache = {}
    for row in (GOLD / f"{lang}.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        source, place, total, ends = row.split("\t")
        if source not in cache:
            cache[source] = dict(document_blocks(source) if place.startswith("block:") else text_lines(source))
        text = cache[source][place]
        assert nonspace(text) == int(total), f"{source} {place} changed"
        cuts, count, start = [int(e) for e in ends.split(",") if e], 0, 0
        for i, c in enumerate(text):
            if cuts and not c.isspace():
                count += 1
                if count == cuts[0]:
                    print(text[start:i + 1].strip())
                    start, cuts = i + 1, cuts[1:]
        print(text[start:].strip() + "\n")


if __name__ == "__main__":
    {"draft": draft, "annotate": annotate}.get(sys.argv[1], lambda: show(sys.argv[2]))()

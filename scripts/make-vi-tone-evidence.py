#!/usr/bin/env python3
"""Builds rules/vi-tone-evidence.tsv, the evidence plangloss's OCR uses to undo
Tesseract's commonest Vietnamese misreadings: the hook above (dấu hỏi) read as the acute
(dấu sắc), "kiểm tra" read "kiếm tra", and the dot of an i read as the hook, "chi tiết"
read "chỉ tiết" (src/ocr/words/vietnamese.rs).

The counts come from Vietnamese official texts that are not ours and not in the scan
test set: the Unicode transcripts of the shared corpus (../shared/corpus/vi/legacy/gold,
vi/html-vbpl/gold, vi/gold: decisions, circulars, Ministry of Health documents; MIT,
the texts outside copyright under IP law art. 15). corpora/ (the scan set's sources) is
not read.

Kept: every syllable with the acute or the hook, or whose only vowel is a plain i
(`1 SYLLABLE COUNT`), and every pair of neighbouring syllables one of which is such a
syllable (`2 FIRST SECOND COUNT`), lower case, NFC.
Usage: python3 scripts/make-vi-tone-evidence.py [CORPUS_DIR] > rules/vi-tone-evidence.tsv
"""

import collections
import re
import sys
import unicodedata
from pathlib import Path

ACUTE, HOOK = "\u0301", "\u0309"
SOURCES = ("vi/legacy/gold", "vi/html-vbpl/gold", "vi/gold")
SYLLABLE = re.compile(r"[^\W\d_]+")


TONE_MARKS = {"\u0300", ACUTE, "\u0303", HOOK, "\u0323"}
VOWELS = set("aeiouy")


def has_tone(syllable: str) -> bool:
    """Whether the syllable carries the acute or the hook, or could be read with a hook
    it does not have: its only vowel a plain i ("chi", "tin"), whose dot Tesseract
    sometimes reads as the hook ("chỉ", "tỉn")."""
    decomposed = unicodedata.normalize("NFD", syllable)
    if ACUTE in decomposed or HOOK in decomposed:
        return True
    toneless = not TONE_MARKS & set(decomposed)
    return toneless and {c for c in decomposed if c in VOWELS} == {"i"}


def main() -> int:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus")
    files = sorted(p for source in SOURCES for p in (corpus / source).glob("*.txt"))
    if not files:
        sys.exit(f"no transcripts under {corpus}")
    unigrams, bigrams = collections.Counter(), collections.Counter()
    for path in files:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).lower()
        for line in text.splitlines():
            # Pairs only within a run of words: not across punctuation or numbers.
            for run in re.split(r"[^\w\s]|\d", line):
                words = SYLLABLE.findall(run)
                unigrams.update(w for w in words if has_tone(w))
                bigrams.update((a, b) for a, b in zip(words, words[1:]) if has_tone(a) or has_tone(b))
    print(f"# from {len(files)} transcripts of the shared corpus: scripts/make-vi-tone-evidence.py")
    for word, count in sorted(unigrams.items()):
        print(f"1\t{word}\t{count}")
    for (a, b), count in sorted(bigrams.items()):
        print(f"2\t{a}\t{b}\t{count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

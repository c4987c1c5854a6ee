#!/usr/bin/env python3
"""Builds the scan test set for OCR (issue 26): our own plans printed, rasterized,
degraded like scans and packed back into image-only PDFs, with the printed text as
the gold. Run it through scripts/make-scan-testset.sh, which installs what it needs:

    scripts/make-scan-testset.sh                 # target/scan-testset/ (degraded + clean)
    scripts/make-scan-testset.sh --fixtures      # tests/fixtures/ocr/ (small committed PDFs)
    scripts/make-scan-testset.sh --only kh-cham-soc-nguoi-cao-tuoi-2025

Steps, per document of the DOCUMENTS table (sources in corpora/):
  print       DOCX with LibreOffice, HTML with Chromium (no header/footer), PDF as it is;
  keep        every page of a document of at most 4 pages, else the first 3;
  gold        `pdftotext` (reading order, not -layout) of exactly the kept pages, page by
              page, except that a Vietnamese letterhead and signature block set in two
              columns are read column by column (pdftotext reads some row by row, mixing
              "Nơi nhận:" and its list with the signer's title; two_column_zones), and a
              text box LibreOffice draws last, which pdftotext reads after the page's
              footnotes, stands where it is on the page (with_last_block_in_place); without
              page furniture (what a reader removes, as plangloss does
              on text PDFs): a line in the top or bottom 8% of its page (found with
              `pdftotext -bbox-layout`) is dropped when it is a bare page number ("3",
              "- 3 -", "1/5"), a browser's date stamp or URL ("11/23/26, 5:44 AM",
              "file:///...html 1/3"), or a running head: the same text, digits
              aside, in that band on at least two of the kept pages; Symbol-font bullets in the private use area
              (U+F0B7...) become the bullets they show (•, ▪, ✓); NFC; pages joined by
              a blank line;
  rasterize   `pdftoppm -r DPI` with the DPI of the table (150, 200 or 300);
  degrade     seeded per document and page: red seal stamped (multiply blend) over the
              signature block ("(Đã ký)" or the signer's title; a Chinese date line) of
              the last kept page that has one, rotation by an angle in +-3 degrees
              (white fill), paper tint, then the page's orientation (upside down, 90
              degrees, or upside-down pixels with /Rotate 180 in the page dictionary),
              Gaussian blur, Gaussian noise, background removal on lossless (Flate)
              pages, then gray / bitonal (Otsu threshold plus speckle) as the page's
              encoding asks;
  encode      dct-rgb / dct-gray: JPEG, quality 40-75; flate-rgb / flate-gray: PNG;
              ccitt-g4: 1-bit TIFF, group 4, one strip;
  pack        img2pdf (internal engine, --nodate: JPEG, PNG and G4 data are copied, not
              re-encoded) unless a page is tiled into strips or carries /Rotate: then the
              small writer of this file (write_image_pdf), whose Flate images have no
              predictor and whose CCITT images use /Decode [1 0] instead of /BlackIs1.

Outputs (under target/scan-testset/, never committed):
  {vi,zh}/NAME.pdf, {vi,zh}/NAME.gold.txt    the degraded set
  {vi,zh}/pages/NAME.pN.gold.txt             the gold of each page (for ocr_quality.py --pages)
  clean/{vi,zh}/NAME.pdf + gold as above     the same pages, 300 dpi, RGB PNG, no degradation
  manifest.json, clean/manifest.json         per page: source, dpi, encoding, PDF filter,
                                             angle, orientation, strips, seal, noise, blur...
  work/                                      printed PDFs and page images (intermediate)

Everything random comes from numpy's generator seeded with (--seed, CRC-32 of the
document name, page number): the same inputs and tools give the same bytes.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
DEFAULT_OUT = ROOT / "target" / "scan-testset"
FIXTURES_OUT = ROOT / "tests" / "fixtures" / "ocr"
PRODUCER = "plangloss scripts/make-scan-testset.py"

ENCODINGS = ("dct-rgb", "dct-gray", "flate-rgb", "flate-gray", "ccitt-g4")
ORIENTATIONS = ("upright", "upside-down", "rot90", "rotate-dict-180")
PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?\s*$|^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
# Word's Symbol / Wingdings bullets reach the text layer as private-use code points.
SYMBOL_BULLETS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf0fc": "✓", "\uf0d8": "➢", "\uf076": "❖"})
FURNITURE_MARGIN = 0.08  # top/bottom share of a page where furniture is dropped
BROWSER_STAMP = re.compile(
    r"^\s*(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm])?"
    r"|(?:https?|file|about):\S*(?:\s+\d{1,4}\s*/\s*\d{1,4})?)\s*$"
)

SEAL_TEXTS = {
    "vi": [("ỦY BAN NHÂN DÂN HUYỆN AN LẠC", "T. BÌNH AN"), ("SỞ Y TẾ TỈNH BÌNH AN", "TRUNG TÂM Y TẾ"),
           ("TRUNG TÂM KIỂM SOÁT BỆNH TẬT", "T. SƠN HÀ")],
    "zh": [("××县卫生健康委员会", ""), ("××市卫生健康委员会", ""), ("××县妇幼保健院", "")],
}
SEAL_RGB = (205, 32, 38)
SIGN_OFF = {
    "vi": re.compile(r"\(Đã ký\)|^(KT|TM|Q)\.|GIÁM ĐỐC|CHỦ TỊCH|TRƯỞNG"),
    "zh": re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"),
}


@dataclass(frozen=True)
class DocumentPlan:
    """One document of the degraded set: where it comes from and how it is scanned."""

    source: str  # path under corpora/
    dpi: int
    encoding: str  # default encoding of its pages
    seal: bool = False  # stamp the signature block of the last kept page that has one
    page_encodings: dict = field(default_factory=dict)  # page -> encoding
    orientations: dict = field(default_factory=dict)  # page -> orientation
    strips: dict = field(default_factory=dict)  # page -> number of image strips

    @property
    def name(self) -> str:
        return Path(self.source).stem

    @property
    def lang(self) -> str:
        return self.source.split("/")[0]


# The fixed table: DPI, encodings and the special pages are chosen here so that every
# case of the issue appears at least once; angles, noise, blur, JPEG quality, tint and
# seal position come from the seeded generator.
DOCUMENTS = [
    DocumentPlan("vi/kh-cham-soc-nguoi-cao-tuoi-2025.pdf", 200, "dct-rgb", seal=True),
    DocumentPlan("vi/kh-mat-can-bang-gioi-tinh-khi-sinh-2025.pdf", 300, "ccitt-g4",
                 orientations={2: "upside-down"}),
    DocumentPlan("vi/kh-suc-khoe-ba-me-tre-em-2025.docx", 150, "flate-gray"),  # no signature to seal
    DocumentPlan("vi/kh-suc-khoe-sinh-san-vtn-2025.html", 200, "dct-gray", seal=True, strips={1: 3}),
    DocumentPlan("vi/kh-tam-soat-truoc-sinh-so-sinh-2025.html", 150, "flate-rgb", seal=True),
    DocumentPlan("vi/kh-tiem-chung-mo-rong-2025-chromium.pdf", 200, "dct-rgb", orientations={3: "rot90"}),
    DocumentPlan("vi/kh-truyen-thong-dan-so-2025.docx", 300, "dct-rgb", seal=True,
                 page_encodings={2: "flate-gray", 3: "ccitt-g4"}, orientations={2: "rotate-dict-180"}),
    DocumentPlan("zh/chusheng-quexian-zonghe-fangzhi-2025.pdf", 300, "ccitt-g4", seal=True),
    DocumentPlan("zh/fuyou-jiankang-gongzuo-yaodian-2025.pdf", 200, "dct-gray", orientations={2: "upside-down"}),
    DocumentPlan("zh/jiankang-jiaoyu-cujin-2025.html", 150, "dct-rgb", seal=True),
    DocumentPlan("zh/mianyi-guihua-2025-chromium.pdf", 300, "dct-rgb", seal=True, strips={2: 2}),
    DocumentPlan("zh/muying-anquan-baozhang-fangan-2025.docx", 200, "flate-gray"),  # no signature to seal
    DocumentPlan("zh/renkou-jiance-jiating-fazhan-2025.docx", 150, "dct-rgb", seal=True,
                 orientations={1: "rot90"}, page_encodings={4: "flate-rgb"}),
    DocumentPlan("zh/yousheng-youyu-xuanchuan-huodong-2025.html", 300, "flate-gray", seal=True),
    DocumentPlan("zh/web/weijian-mianyi-buzhong-tongzhi-gb18030.html", 200, "dct-rgb", seal=True),
]


@dataclass(frozen=True)
class FixturePlan:
    """One committed fixture: a band of one page, one degradation case."""

    name: str
    source: str
    page: int
    band: tuple  # (top, bottom) as shares of the page height; lines whose middle is inside
    dpi: int
    encoding: str
    angle: float = 0.0
    orientation: str = "upright"
    strips: int = 1
    seal: bool = False
    packer: str = "img2pdf"
    jpeg_quality: int = 70
    noise_sigma: float = 3.0

    @property
    def lang(self) -> str:
        return self.source.split("/")[0]


FIXTURES = [
    FixturePlan("vi-dct-rotated", "vi/kh-suc-khoe-ba-me-tre-em-2025.docx", 1, (0.0, 0.42), 150, "dct-rgb",
                angle=1.8, jpeg_quality=60),
    FixturePlan("zh-flate-gray", "zh/chusheng-quexian-zonghe-fangzhi-2025.pdf", 1, (0.0, 0.36), 200, "flate-gray",
                angle=-0.7, noise_sigma=0.0),
    FixturePlan("vi-ccitt-g4", "vi/kh-mat-can-bang-gioi-tinh-khi-sinh-2025.pdf", 1, (0.30, 0.62), 200, "ccitt-g4",
                angle=0.6),
    FixturePlan("zh-upside-down", "zh/fuyou-jiankang-gongzuo-yaodian-2025.pdf", 1, (0.0, 0.38), 200, "dct-gray",
                orientation="upside-down"),
    FixturePlan("vi-rotate-180", "vi/kh-truyen-thong-dan-so-2025.docx", 1, (0.0, 0.36), 150, "flate-gray",
                orientation="rotate-dict-180", packer="own", noise_sigma=0.0),
    FixturePlan("zh-tiled-strips", "zh/renkou-jiance-jiating-fazhan-2025.docx", 1, (0.0, 0.42), 200, "ccitt-g4",
                strips=2, packer="own", angle=-0.4),
    FixturePlan("vi-red-seal", "vi/kh-cham-soc-nguoi-cao-tuoi-2025.pdf", 3, (0.44, 0.75), 150, "dct-rgb",
                seal=True, angle=0.5),
]


# ---------------------------------------------------------------- external tools


def run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    """Run a command, fail loudly with its stderr."""
    done = subprocess.run([str(c) for c in cmd], capture_output=True, timeout=300, **kwargs)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stderr.decode(errors='replace')}")
    return done


def print_to_pdf(source: Path, work: Path) -> tuple[Path, str]:
    """The source printed to PDF, and the printer used ("as-is" for a PDF)."""
    printed = work / "printed" / (source.stem + ".pdf")
    printed.parent.mkdir(parents=True, exist_ok=True)
    suffix = source.suffix.lower()
    if suffix == ".pdf":
        shutil.copyfile(source, printed)
        return printed, "as-is"
    if printed.exists() and printed.stat().st_mtime >= source.stat().st_mtime:
        return printed, "libreoffice" if suffix == ".docx" else "chromium"
    with tempfile.TemporaryDirectory(prefix="plangloss-print-") as profile:
        if suffix == ".docx":
            run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                 "--convert-to", "pdf", "--outdir", printed.parent, source])
            return printed, "libreoffice"
        if suffix in (".html", ".htm"):
            run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                 f"--user-data-dir={profile}", f"--print-to-pdf={printed}", source.resolve().as_uri()])
            return printed, "chromium"
    sys.exit(f"{source}: no printer for {suffix}")


def page_count(pdf: Path) -> int:
    """Number of pages, from pdfinfo."""
    info = run(["pdfinfo", pdf]).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pages_to_keep(total: int) -> int:
    """All pages of a short document (signature included), else the first three."""
    return total if total <= 4 else 3


def render_page(pdf: Path, page: int, dpi: int, out: Path) -> Image.Image:
    """One page rendered by pdftoppm as RGB."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stem = out.with_suffix("")
    run(["pdftoppm", "-r", dpi, "-f", page, "-l", page, "-singlefile", "-png", pdf, stem])
    return Image.open(stem.with_suffix(".png")).convert("RGB")


# ---------------------------------------------------------------- text layer and gold


@dataclass
class TextLine:
    """A line of the text layer with its box in points (origin top left)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def middle_y(self) -> float:
        return (self.y0 + self.y1) / 2


def page_lines(pdf: Path, page: int) -> tuple[list[TextLine], float, float]:
    """Lines of one page from `pdftotext -bbox-layout`, with the page's width and height."""
    xhtml = run(["pdftotext", "-bbox-layout", "-f", page, "-l", page, pdf, "-"]).stdout.decode()
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xhtml))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    page_el = root.find(".//h:page", ns)
    lines = []
    for line in root.iterfind(".//h:line", ns):
        words = [w.text or "" for w in line.iterfind("h:word", ns)]
        box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
        lines.append(TextLine(" ".join(words), *box))
    return lines, float(page_el.get("width")), float(page_el.get("height"))


def band_lines(lines: list[TextLine], height: float) -> list[TextLine]:
    """The lines in the top or bottom margin of a page."""
    margin = FURNITURE_MARGIN * height
    return [line for line in lines if line.y1 < margin or line.y0 > height - margin]


def furniture_key(text: str) -> str:
    """A band text compared across pages: digits masked, spaces folded."""
    return " ".join(re.sub(r"\d", "#", text).split())


def page_furniture(band: list[TextLine], other_bands: list[list[TextLine]]) -> Counter:
    """The furniture lines of a page's band, each as often as it stands there: page
    numbers, browser stamps, and running heads (the same key within 3 points of the
    same height on another page: a title that is also the running head stays)."""
    def running(line: TextLine) -> bool:
        key = furniture_key(line.text)
        return bool(key) and any(
            furniture_key(other.text) == key and abs(other.y0 - line.y0) <= 3
            for other_band in other_bands for other in other_band
        )
    return Counter(
        without_spaces(line.text) for line in band
        if PAGE_NUMBER.match(line.text) or BROWSER_STAMP.match(line.text) or running(line)
    )


def pdftotext_page(pdf: Path, page: int, crop_points: tuple | None = None) -> str:
    """Plain reading-order text of one page (optionally of a crop box x, y, w, h in points)."""
    cmd = ["pdftotext", "-enc", "UTF-8", "-nopgbrk", "-f", page, "-l", page]
    if crop_points:
        x, y, w, h = (int(round(v)) for v in crop_points)
        cmd += ["-r", 72, "-x", x, "-y", y, "-W", w, "-H", h]
    return run(cmd + [pdf, "-"]).stdout.decode("utf-8")


def without_spaces(text: str) -> str:
    """A line compared without its spaces: `-bbox-layout` joins words with one
    ("— 1 —") where the plain text has none ("—1—")."""
    return "".join(text.split())


def clean_page_text(text: str, furniture: Counter) -> str:
    """NFC text of a page without its furniture lines (each removed as often as it is
    furniture) and without trailing blank lines; Symbol-font bullets (private use area)
    become the characters they show."""
    furniture = furniture.copy()
    kept = []
    for line in text.splitlines():
        if furniture[without_spaces(line)] > 0:
            furniture[without_spaces(line)] -= 1
        else:
            kept.append(line.rstrip())
    return unicodedata.normalize("NFC", "\n".join(kept).strip("\n").translate(SYMBOL_BULLETS))


def page_words(pdf: Path, page: int) -> tuple[list[TextLine], float, float]:
    """Words of one page from `pdftotext -bbox-layout`, with the page's width and height."""
    xhtml = run(["pdftotext", "-bbox-layout", "-f", page, "-l", page, pdf, "-"]).stdout.decode()
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xhtml))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    page_el = root.find(".//h:page", ns)
    words = [TextLine(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
             for w in root.iterfind(".//h:word", ns)]
    return words, float(page_el.get("width")), float(page_el.get("height"))


def word_rows(words: list[TextLine]) -> list[list[TextLine]]:
    """Words grouped into rows across the page (a word whose middle lies within the
    current row's height joins it), top to bottom, each row left to right."""
    rows: list[list[TextLine]] = []
    for word in sorted(words, key=lambda w: (w.middle_y, w.x0)):
        if rows and min(w.y0 for w in rows[-1]) <= word.middle_y <= max(w.y1 for w in rows[-1]):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


#: Where a two-column zone of a Vietnamese administrative document starts: the
#: letterhead's first row (the issuing body beside the national name) and the signature
#: block's ("Nơi nhận:" beside the signer's title).
ZONE_START = re.compile(r"^(Nơi nhận|.*CỘNG HÒA XÃ HỘI CHỦ NGHĨA)")


def two_column_zones(words: list[TextLine]) -> list[tuple[float, float, float]]:
    """The letterhead and signature block of the page (see ZONE_START) when set in two
    columns, as (top, bottom, x where the right column starts): from the starting row on
    over the rows cut by one gap of at least twice the type size at the same place (the
    gutter), or lying on one side of it close below the row before; the starting row or
    the one after it is cut."""
    zones = []
    current = None  # [top, bottom, gutter from, gutter to]; no gutter before a cut row

    def close_zone():
        if current and current[2] is not None:
            zones.append((current[0], current[1], current[3]))

    for row in word_rows(words):
        height = sorted(w.y1 - w.y0 for w in row)[len(row) // 2]
        gaps = [(a.x1, b.x0) for a, b in zip(row, row[1:]) if b.x0 - a.x1 >= 2 * height]
        top, bottom = min(w.y0 for w in row), max(w.y1 for w in row)
        span = (row[0].x0, max(w.x1 for w in row))
        if current and len(gaps) == 1:
            gutter = gaps[0] if current[2] is None else (
                max(current[2], gaps[0][0]), min(current[3], gaps[0][1]))
            if gutter[0] < gutter[1]:
                current[1:] = bottom, *gutter
                continue
        elif current and current[2] is not None and not gaps and top - current[1] <= height and (
                span[1] <= current[3] or span[0] >= current[3] - 1):
            current[1] = bottom
            continue
        close_zone()
        current = None
        if len(gaps) <= 1 and ZONE_START.match(" ".join(w.text for w in row)):
            current = [top, bottom, *(gaps[0] if gaps else (None, None))]
    close_zone()
    return zones


def reading_order_text(pdf: Path, page: int) -> str:
    """`pdftotext`'s text of a page, except that each two-column zone is read column by
    column (left, then right), as a reader reads a letterhead or a signature block;
    pdftotext reads some of them row by row, mixing the two texts; and a text box
    pdftotext reads after the footnotes stands where it is on the page
    (with_last_block_in_place)."""
    words, width, height = page_words(pdf, page)
    zones = two_column_zones(words)
    if not zones:
        return with_last_block_in_place(pdftotext_page(pdf, page), page_blocks(pdf, page))
    pieces, y = [], 0.0
    for top, bottom, gutter in zones:
        top, bottom = top - 1, bottom + 1
        pieces.append(pdftotext_page(pdf, page, (0, y, width, top - y)))
        pieces.append(pdftotext_page(pdf, page, (0, top, gutter - 1, bottom - top)))
        pieces.append(pdftotext_page(pdf, page, (gutter - 1, top, width - gutter + 1, bottom - top)))
        y = bottom
    pieces.append(pdftotext_page(pdf, page, (0, y, width, height - y)))
    return "\n".join(piece.strip("\n\f") for piece in pieces if piece.strip())


def page_blocks(pdf: Path, page: int) -> list[tuple[float, list[str]]]:
    """The blocks of one page from `pdftotext -bbox-layout`, in its reading order: each
    block's top and its lines' texts."""
    xhtml = run(["pdftotext", "-bbox-layout", "-f", page, "-l", page, pdf, "-"]).stdout.decode()
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xhtml))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    return [
        (float(block.get("yMin")),
         [" ".join(w.text or "" for w in line.iterfind("h:word", ns))
          for line in block.iterfind("h:line", ns)])
        for block in root.iterfind(".//h:block", ns)
    ]


def with_last_block_in_place(text: str, blocks: list[tuple[float, list[str]]]) -> str:
    """`text` (a page's) with its last block put where it stands on the page, when
    pdftotext reads it last though it stands above the block read before it: a text
    box, which LibreOffice draws after the page's footnotes. It goes after the block
    read last of those that start above it (or level with it, on its left)."""
    if len(blocks) < 3 or blocks[-1][0] >= blocks[-2][0] - 1:
        return text
    top, moved = blocks[-1]
    anchors = [lines for block_top, lines in blocks[:-1] if block_top <= top + 1]
    if not anchors or not moved:
        return text
    lines = text.split("\n")
    keys = [without_spaces(line) for line in lines]
    moved_keys = [without_spaces(line) for line in moved]
    starts = [at for at in range(len(lines) - len(moved) + 1)
              if keys[at:at + len(moved)] == moved_keys]
    anchor = without_spaces(anchors[-1][-1])
    if not starts:
        return text
    start = starts[-1]
    kept = lines[:start] + lines[start + len(moved):]
    after = [at for at, line in enumerate(kept[:start]) if without_spaces(line) == anchor]
    if not after:
        return text
    at = after[-1] + 1
    return "\n".join(kept[:at] + lines[start:start + len(moved)] + kept[at:])


def gold_pages(pdf: Path, pages: int) -> list[str]:
    """The gold of each of the first `pages` pages: text layer in reading order
    ([`reading_order_text`]) without page furniture, NFC."""
    bands = []
    for page in range(1, pages + 1):
        lines, _, height = page_lines(pdf, page)
        bands.append(band_lines(lines, height))
    return [
        clean_page_text(reading_order_text(pdf, page),
                        page_furniture(bands[page - 1], bands[:page - 1] + bands[page:]))
        for page in range(1, pages + 1)
    ]


def write_gold(lang_dir: Path, name: str, pages: list[str]) -> str:
    """NAME.gold.txt (pages joined by a blank line) and pages/NAME.pN.gold.txt."""
    gold = "\n\n".join(pages) + "\n"
    (lang_dir / "pages").mkdir(parents=True, exist_ok=True)
    (lang_dir / f"{name}.gold.txt").write_text(gold, encoding="utf-8")
    for number, text in enumerate(pages, start=1):
        (lang_dir / "pages" / f"{name}.p{number}.gold.txt").write_text(text + "\n", encoding="utf-8")
    return gold


# ---------------------------------------------------------------- the red seal


def font_file(pattern: str) -> tuple[str, int]:
    """A font file and face index for a fontconfig pattern."""
    found = run(["fc-match", "-f", "%{file}:%{index}", pattern]).stdout.decode()
    path, _, index = found.rpartition(":")
    return path, int(index or 0)


def seal_font(lang: str, size: int) -> ImageFont.FreeTypeFont:
    """A bold font that has the seal's letters (Noto Sans CJK SC or Noto Sans)."""
    path, index = font_file("Noto Sans CJK SC:bold" if lang == "zh" else "Noto Sans:bold")
    return ImageFont.truetype(path, size, index=index)


def glyph_image(char: str, font: ImageFont.FreeTypeFont) -> Image.Image:
    """One character as an 8-bit mask, centred in a square."""
    left, top, right, bottom = font.getbbox(char)
    side = int(max(right - left, bottom - top, 1) * 1.4) + 4
    mask = Image.new("L", (side, side), 0)
    ImageDraw.Draw(mask).text(((side - (right - left)) / 2 - left, (side - (bottom - top)) / 2 - top),
                              char, font=font, fill=255)
    return mask


def arc_text(mask: Image.Image, text: str, lang: str, radius: float, span_max: float, bottom: bool) -> None:
    """Characters along the top arc (clockwise, tops outward) or the bottom arc (left to
    right, tops inward) of a circle centred in the mask, spread over at most span_max
    degrees, the font as large as the spacing allows."""
    centre = mask.width / 2
    step = min(22.0, span_max / max(len(text) - 1, 1))
    span = step * (len(text) - 1)
    size = int(min(radius * 0.42, radius * math.radians(step) * (1.0 if lang == "zh" else 1.25)))
    font = seal_font(lang, max(size, 8))
    for i, char in enumerate(text):
        if char == " ":
            continue
        if bottom:
            theta = 270 - span / 2 + i * step
            turn = theta + 90
        else:
            theta = 90 + span / 2 - i * step
            turn = theta - 90
        glyph = glyph_image(char, font).rotate(turn, resample=Image.BICUBIC)
        x = centre + radius * math.cos(math.radians(theta)) - glyph.width / 2
        y = centre - radius * math.sin(math.radians(theta)) - glyph.height / 2
        mask.paste(255, (int(x), int(y)), glyph)


def star_points(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star, point up."""
    inner = outer * 0.382
    points = []
    for k in range(10):
        r = outer if k % 2 == 0 else inner
        a = math.radians(90 + 36 * k)
        points.append((cx + r * math.cos(a), cy - r * math.sin(a)))
    return points


def seal_mask(lang: str, diameter: int, rng: np.random.Generator) -> tuple[Image.Image, str]:
    """The seal's ink as a mask (0..255, uneven like a stamp) and the text it shows."""
    top_text, bottom_text = SEAL_TEXTS[lang][int(rng.integers(len(SEAL_TEXTS[lang])))]
    mask = Image.new("L", (diameter, diameter), 0)
    draw = ImageDraw.Draw(mask)
    ring = max(3, int(diameter * 0.035))
    draw.ellipse((1, 1, diameter - 2, diameter - 2), outline=255, width=ring)
    if lang == "vi":
        inset = int(diameter * 0.075)
        draw.ellipse((inset, inset, diameter - inset, diameter - inset), outline=255, width=max(1, ring // 3))
    draw.polygon(star_points(diameter / 2, diameter / 2, diameter * 0.14), fill=255)
    if lang == "zh":
        arc_text(mask, top_text, lang, diameter * 0.35, 235.0, bottom=False)
    else:
        arc_text(mask, top_text, lang, diameter * 0.34, 215.0, bottom=False)
        arc_text(mask, bottom_text, lang, diameter * 0.34, 95.0, bottom=True)
    mask = mask.rotate(float(rng.uniform(-25, 25)), resample=Image.BICUBIC)
    # Uneven ink: a smooth random field between 0.55 and 0.95 of full strength.
    field_small = rng.uniform(0.55, 0.95, size=(12, 12))
    ink = Image.fromarray((field_small * 255).astype(np.uint8)).resize(mask.size, Image.BICUBIC)
    inked = np.asarray(mask, dtype=np.float32) * np.asarray(ink, dtype=np.float32) / 255.0
    return Image.fromarray(inked.astype(np.uint8)), f"{top_text} ★ {bottom_text}".strip()


def sign_off_line(lines: list[TextLine], lang: str, width: float, height: float) -> TextLine | None:
    """The lowest line that marks a signature: "(Đã ký)" or a signer's title right of the
    first third of a Vietnamese page; a line that is only a date (2025年2月18日) on a
    Chinese page."""
    marks = [
        l for l in lines
        if SIGN_OFF[lang].search(l.text.strip()) and (lang == "zh" or (l.x0 + l.x1) / 2 > 0.35 * width)
    ]
    if lang == "vi" and any("Đã ký" in l.text for l in marks):
        marks = [l for l in marks if "Đã ký" in l.text]
    return max(marks, key=lambda l: l.y0) if marks else None


def signature_anchor(lines: list[TextLine], lang: str, width: float, height: float) -> tuple[float, float] | None:
    """Centre (points) of the signature block: the sign-off line and the short lines
    stacked right above or below it in the same column (title, name, issuing body, date)."""
    mark = sign_off_line(lines, lang, width, height)
    if mark is None:
        return None
    step = 1.6 * (mark.y1 - mark.y0)
    block = [mark]
    grown = True
    while grown:
        grown = False
        for line in lines:
            if line in block or line.x1 < mark.x0 or line.x0 > mark.x1 or line.x1 - line.x0 > 0.5 * width:
                continue
            if any(abs(line.middle_y - b.middle_y) <= step for b in block) and len(block) < 5:
                block.append(line)
                grown = True
    x0, x1 = min(l.x0 for l in block), max(l.x1 for l in block)
    y0, y1 = min(l.y0 for l in block), max(l.y1 for l in block)
    return (x0 + x1) / 2, (y0 + y1) / 2


def seal_page(pdf: Path, pages: int, lang: str) -> tuple[int, tuple[float, float]] | None:
    """The last kept page with a signature block, and the block's centre in points."""
    for page in range(pages, 0, -1):
        lines, width, height = page_lines(pdf, page)
        anchor = signature_anchor(lines, lang, width, height)
        if anchor:
            return page, anchor
    return None


def stamp_seal(page: Image.Image, lang: str, centre_px: tuple[float, float], dpi: int,
               rng: np.random.Generator) -> dict:
    """Stamp a 40 mm red seal, multiply-blended, centred a little left of centre_px."""
    diameter = int(dpi * 40 / 25.4)
    mask, text = seal_mask(lang, diameter, rng)
    cx = centre_px[0] - 0.15 * diameter + rng.uniform(-0.05, 0.05) * diameter
    cy = centre_px[1] + rng.uniform(-0.1, 0.1) * diameter
    left, top = int(cx - diameter / 2), int(cy - diameter / 2)
    opacity = float(rng.uniform(0.75, 0.9))
    pixels = np.asarray(page, dtype=np.float32).copy()
    alpha = np.zeros(pixels.shape[:2], dtype=np.float32)
    region = (slice(max(top, 0), min(top + diameter, page.height)), slice(max(left, 0), min(left + diameter, page.width)))
    m = np.asarray(mask, dtype=np.float32) / 255.0 * opacity
    alpha[region] = m[region[0].start - top: region[0].stop - top, region[1].start - left: region[1].stop - left]
    colour = np.array(SEAL_RGB, dtype=np.float32) / 255.0
    pixels *= 1.0 - alpha[..., None] * (1.0 - colour)
    page.paste(Image.fromarray(pixels.clip(0, 255).astype(np.uint8)))
    return {"text": text, "centre_px": [int(cx), int(cy)], "diameter_px": diameter, "opacity": round(opacity, 3)}


# ---------------------------------------------------------------- degradations


def tint_paper(page: Image.Image, rng: np.random.Generator) -> list[int]:
    """Multiply by a light paper tone; returns the tone."""
    level = rng.uniform(232, 250)
    tone = [int(level), int(level - rng.uniform(0, 6)), int(level - rng.uniform(4, 16))]
    pixels = np.asarray(page, dtype=np.float32) * (np.array(tone, dtype=np.float32) / 255.0)
    page.paste(Image.fromarray(pixels.astype(np.uint8)))
    return tone


def rotate_small(page: Image.Image, angle: float, expand: bool = False) -> Image.Image:
    """Rotate counter-clockwise by `angle` degrees, white fill."""
    if not angle:
        return page
    return page.rotate(angle, resample=Image.BICUBIC, expand=expand, fillcolor=(255, 255, 255))


def orient(page: Image.Image, orientation: str) -> Image.Image:
    """Pixels as the orientation asks (rotate-dict-180 stores them upside down too)."""
    if orientation in ("upside-down", "rotate-dict-180"):
        return page.transpose(Image.ROTATE_180)
    if orientation == "rot90":
        return page.transpose(Image.ROTATE_90)
    return page


def add_noise(page: Image.Image, sigma: float, rng: np.random.Generator) -> Image.Image:
    """Gaussian noise of standard deviation `sigma` grey levels, same on all channels."""
    if sigma <= 0:
        return page
    pixels = np.asarray(page, dtype=np.float32)
    noise = rng.normal(0.0, sigma, size=pixels.shape[:2]).astype(np.float32)
    return Image.fromarray((pixels + noise[..., None]).clip(0, 255).astype(np.uint8))


def clip_white(page: Image.Image, level: int) -> Image.Image:
    """Scanner background removal: pixels lighter than `level` become white (this is
    what keeps lossless noisy pages small)."""
    pixels = np.asarray(page).copy()
    light = np.asarray(page.convert("L")) >= level
    pixels[light] = 255
    return Image.fromarray(pixels)


def otsu_threshold(gray: np.ndarray) -> int:
    """Otsu's threshold of an 8-bit image."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight0 = np.cumsum(hist)
    weight1 = weight0[-1] - weight0
    mean0 = np.cumsum(hist * levels) / np.maximum(weight0, 1)
    mean1 = ((hist * levels).sum() - np.cumsum(hist * levels)) / np.maximum(weight1, 1)
    between = weight0 * weight1 * (mean0 - mean1) ** 2
    return int(np.argmax(between))


def to_bitonal(page: Image.Image, rng: np.random.Generator, speckle: float) -> tuple[Image.Image, int]:
    """1-bit page: Otsu threshold, then salt-and-pepper specks at density `speckle`."""
    gray = np.asarray(page.convert("L"))
    threshold = otsu_threshold(gray)
    white = gray > threshold
    flips = rng.random(white.shape) < speckle
    white ^= flips
    return Image.fromarray(white.astype(np.uint8) * 255).convert("1"), threshold


def convert_mode(page: Image.Image, encoding: str, rng: np.random.Generator, params: dict) -> Image.Image:
    """The page in the colour mode of its encoding (RGB, L or 1)."""
    if encoding.endswith("gray"):
        return page.convert("L")
    if encoding == "ccitt-g4":
        bitonal, threshold = to_bitonal(page, rng, params.setdefault("speckle", 2e-4))
        params["threshold"] = threshold
        return bitonal
    return page


# ---------------------------------------------------------------- encoding


def save_encoded(image: Image.Image, encoding: str, dpi: int, stem: Path, quality: int | None) -> Path:
    """Write the image as JPEG, PNG or G4 TIFF (one strip) and return the file."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    if encoding.startswith("dct"):
        path = stem.with_suffix(".jpg")
        image.save(path, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=False)
    elif encoding.startswith("flate"):
        path = stem.with_suffix(".png")
        image.save(path, "PNG", dpi=(dpi, dpi), compress_level=9)
    elif encoding == "ccitt-g4":
        path = stem.with_suffix(".tif")
        image.save(path, "TIFF", compression="group4", dpi=(dpi, dpi), strip_size=2**31 - 1)
    else:
        raise ValueError(encoding)
    return path


def image_xobject(path: Path) -> tuple[dict, bytes]:
    """PDF image dictionary entries and stream data for an encoded file (own writer)."""
    image = Image.open(path)
    entries = {"Type": "/XObject", "Subtype": "/Image", "Width": image.width, "Height": image.height}
    if path.suffix == ".jpg":
        entries.update(ColorSpace="/DeviceRGB" if image.mode == "RGB" else "/DeviceGray",
                       BitsPerComponent=8, Filter="/DCTDecode")
        return entries, path.read_bytes()
    if path.suffix == ".png":
        entries.update(ColorSpace="/DeviceRGB" if image.mode == "RGB" else "/DeviceGray",
                       BitsPerComponent=8, Filter="/FlateDecode")
        return entries, zlib.compress(image.tobytes(), 9)
    if path.suffix == ".tif":
        offsets, counts = image.tag_v2[273], image.tag_v2[279]
        if len(offsets) != 1:
            raise ValueError(f"{path}: {len(offsets)} strips, one expected")
        raw = path.read_bytes()[offsets[0]: offsets[0] + counts[0]]
        # Pillow writes 1-bit TIFF as BlackIsZero: the G4 "white" runs hold the black pixels.
        entries.update(ColorSpace="/DeviceGray", BitsPerComponent=1, Filter="/CCITTFaxDecode",
                       DecodeParms=f"<< /K -1 /Columns {image.width} /Rows {image.height} >>",
                       Decode="[1 0]")
        return entries, raw
    raise ValueError(path)


def pdf_filter_name(encoding: str, packer: str) -> str:
    """How the encoding ends up in the PDF, for the manifest."""
    return {
        ("dct-rgb", "img2pdf"): "DCTDecode DeviceRGB 8",
        ("dct-gray", "img2pdf"): "DCTDecode DeviceGray 8",
        ("flate-rgb", "img2pdf"): "FlateDecode DeviceRGB 8, PNG predictor 15",
        ("flate-gray", "img2pdf"): "FlateDecode DeviceGray 8, PNG predictor 15",
        ("ccitt-g4", "img2pdf"): "CCITTFaxDecode K -1 BlackIs1 true, DeviceGray 1",
        ("dct-rgb", "own"): "DCTDecode DeviceRGB 8",
        ("dct-gray", "own"): "DCTDecode DeviceGray 8",
        ("flate-rgb", "own"): "FlateDecode DeviceRGB 8, no predictor",
        ("flate-gray", "own"): "FlateDecode DeviceGray 8, no predictor",
        ("ccitt-g4", "own"): "CCITTFaxDecode K -1, Decode [1 0], DeviceGray 1",
    }[(encoding, packer)]


# ---------------------------------------------------------------- packing


@dataclass
class PackedPage:
    """A page to pack: its encoded image files (top to bottom), DPI and /Rotate."""

    files: list
    dpi: int
    rotate: int = 0


def pdf_value(value) -> str:
    """A Python value as PDF syntax (names and arrays are given as strings)."""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def pdf_dict(entries: dict) -> str:
    """A PDF dictionary from ordered entries."""
    return "<< " + " ".join(f"/{k} {pdf_value(v)}" for k, v in entries.items()) + " >>"


def write_image_pdf(pages: list[PackedPage], out: Path) -> None:
    """A minimal PDF 1.4: one page per PackedPage, each strip an image XObject drawn at
    full page width, stacked top to bottom; no dates, no /ID, so the bytes are stable."""
    objects: list[bytes] = [b"", b""]  # 1 catalog, 2 pages: filled at the end

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def add_stream(entries: dict, data: bytes) -> int:
        entries = dict(entries, Length=len(data))
        return add(pdf_dict(entries).encode() + b"\nstream\n" + data + b"\nendstream")

    kids = []
    for page in pages:
        strips = [image_xobject(Path(f)) for f in page.files]
        width_px = strips[0][0]["Width"]
        height_px = sum(s[0]["Height"] for s in strips)
        scale = 72.0 / page.dpi
        width_pt, height_pt = width_px * scale, height_px * scale
        names, ops, top = [], [], 0
        for index, (entries, data) in enumerate(strips):
            ref = add_stream(entries, data)
            names.append(f"/Im{index} {ref} 0 R")
            strip_h = entries["Height"] * scale
            y = height_pt - top * scale - strip_h
            ops.append(f"q {pdf_value(width_pt)} 0 0 {pdf_value(strip_h)} 0 {pdf_value(y)} cm /Im{index} Do Q")
            top += entries["Height"]
        contents = add_stream({}, ("\n".join(ops) + "\n").encode())
        page_entries = {
            "Type": "/Page", "Parent": "2 0 R",
            "MediaBox": f"[0 0 {pdf_value(width_pt)} {pdf_value(height_pt)}]",
            "Resources": "<< /XObject << " + " ".join(names) + " >> >>",
            "Contents": f"{contents} 0 R",
        }
        if page.rotate:
            page_entries["Rotate"] = page.rotate
        kids.append(add(pdf_dict(page_entries).encode()))
    info = add(pdf_dict({"Producer": f"({PRODUCER})"}).encode())
    objects[0] = pdf_dict({"Type": "/Catalog", "Pages": "2 0 R"}).encode()
    objects[1] = pdf_dict({"Type": "/Pages", "Kids": "[" + " ".join(f"{k} 0 R" for k in kids) + "]",
                           "Count": len(kids)}).encode()

    body = io.BytesIO()
    body.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(body.tell())
        body.write(f"{number} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = body.tell()
    body.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    body.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    body.write(f"trailer\n{pdf_dict({'Size': len(objects) + 1, 'Root': '1 0 R', 'Info': f'{info} 0 R'})}\n"
               f"startxref\n{xref}\n%%EOF\n".encode())
    out.write_bytes(body.getvalue())


def write_img2pdf(files: list, out: Path) -> None:
    """Pack one image file per page with img2pdf (data copied as it is, no dates)."""
    run(["img2pdf", "--nodate", "--engine", "internal", "--producer", PRODUCER, "-o", out, *files])


def pack(pages: list[PackedPage], out: Path, packer: str) -> None:
    """Write the image-only PDF with the chosen packer."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if packer == "own":
        write_image_pdf(pages, out)
    else:
        write_img2pdf([p.files[0] for p in pages], out)


def split_strips(image: Image.Image, count: int) -> list[Image.Image]:
    """The image cut into `count` horizontal strips, top to bottom."""
    bounds = [round(image.height * k / count) for k in range(count + 1)]
    return [image.crop((0, bounds[k], image.width, bounds[k + 1])) for k in range(count)]


def encode_page(image: Image.Image, encoding: str, dpi: int, stem: Path, quality: int | None,
                strips: int) -> list[Path]:
    """Encoded file(s) of a page: one per strip."""
    if strips <= 1:
        return [save_encoded(image, encoding, dpi, stem, quality)]
    return [save_encoded(part, encoding, dpi, stem.with_name(f"{stem.name}-strip{k + 1}"), quality)
            for k, part in enumerate(split_strips(image, strips))]


# ---------------------------------------------------------------- the degraded set


def page_rng(seed: int, name: str, page: int) -> np.random.Generator:
    """The generator of one page: independent of the order documents are built in."""
    return np.random.default_rng([seed, zlib.crc32(name.encode()), page])


def degrade_page(image: Image.Image, lang: str, dpi: int, encoding: str, orientation: str,
                 seal_at_px: tuple | None, rng: np.random.Generator) -> tuple[Image.Image, dict]:
    """Apply the scan degradations to a rendered page; returns the image and its record."""
    record: dict = {}
    if seal_at_px:
        record["seal"] = stamp_seal(image, lang, seal_at_px, dpi, rng)
    record["angle"] = round(float(rng.uniform(-3.0, 3.0)), 2)
    image = rotate_small(image, record["angle"])
    record["paper_tone_rgb"] = tint_paper(image, rng)
    image = orient(image, orientation)
    record["blur_radius_px"] = round(float(rng.uniform(0.3, 0.9) * dpi / 200), 2)
    image = image.filter(ImageFilter.GaussianBlur(record["blur_radius_px"]))
    record["noise_sigma"] = round(float(rng.uniform(4.0, 12.0)), 1)
    image = add_noise(image, record["noise_sigma"], rng)
    if encoding.startswith("flate"):
        record["white_point"] = int(min(record["paper_tone_rgb"]) - 3 * record["noise_sigma"])
        image = clip_white(image, record["white_point"])
    if encoding.startswith("dct"):
        record["jpeg_quality"] = int(rng.integers(40, 76))
    image = convert_mode(image, encoding, rng, record)
    return image, record


def plan_page(plan: DocumentPlan, page: int) -> tuple[str, str, int]:
    """Encoding, orientation and strip count of one page of a document."""
    return (plan.page_encodings.get(page, plan.encoding), plan.orientations.get(page, "upright"),
            plan.strips.get(page, 1))


def choose_packer(plan: DocumentPlan, pages: int) -> str:
    """img2pdf, unless a page needs strips or /Rotate, which it cannot write."""
    special = any(plan.strips.get(p, 1) > 1 or plan.orientations.get(p) == "rotate-dict-180"
                  for p in range(1, pages + 1))
    return "own" if special else "img2pdf"


def build_document(plan: DocumentPlan, out: Path, work: Path, seed: int) -> dict:
    """Print, keep, gold, rasterize, degrade and pack one document; returns its manifest."""
    printed, printer = print_to_pdf(CORPORA / plan.source, work)
    total = page_count(printed)
    kept = pages_to_keep(total)
    lang_dir = out / plan.lang
    gold = write_gold(lang_dir, plan.name, gold_pages(printed, kept))
    packer = choose_packer(plan, kept)
    sealed = seal_page(printed, kept, plan.lang) if plan.seal else None
    packed, records = [], []
    for page in range(1, kept + 1):
        encoding, orientation, strips = plan_page(plan, page)
        rng = page_rng(seed, plan.name, page)
        image = render_page(printed, page, plan.dpi, work / "pages" / f"{plan.name}-p{page}-{plan.dpi}.png")
        seal_at = None
        if sealed and sealed[0] == page:
            seal_at = (sealed[1][0] * plan.dpi / 72, sealed[1][1] * plan.dpi / 72)
        image, record = degrade_page(image, plan.lang, plan.dpi, encoding, orientation, seal_at, rng)
        if plan.seal and page == kept and not sealed:
            record["seal"] = "skipped: no signature block on the kept pages"
        files = encode_page(image, encoding, plan.dpi, work / "scan" / f"{plan.name}-p{page}",
                            record.get("jpeg_quality"), strips)
        packed.append(PackedPage(files, plan.dpi, 180 if orientation == "rotate-dict-180" else 0))
        records.append({"page": page, "dpi": plan.dpi, "encoding": encoding,
                        "pdf_image": pdf_filter_name(encoding, packer), "orientation": orientation,
                        "strips": strips, "pixels": list(image.size), **record})
    pack(packed, lang_dir / f"{plan.name}.pdf", packer)
    return {"name": plan.name, "lang": plan.lang, "source": f"corpora/{plan.source}", "printed_with": printer,
            "source_pages": total, "pages_kept": kept, "dpi": plan.dpi, "packer": packer,
            "gold_chars": len(gold), "pages": records}


def build_clean_document(plan: DocumentPlan, out: Path, work: Path, gold_dir: Path) -> dict:
    """The same pages at 300 dpi as RGB PNG, no degradation, packed with img2pdf."""
    printed, printer = print_to_pdf(CORPORA / plan.source, work)
    kept = pages_to_keep(page_count(printed))
    lang_dir = out / plan.lang
    lang_dir.mkdir(parents=True, exist_ok=True)
    (lang_dir / "pages").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(gold_dir / plan.lang / f"{plan.name}.gold.txt", lang_dir / f"{plan.name}.gold.txt")
    for page in range(1, kept + 1):
        name = f"{plan.name}.p{page}.gold.txt"
        shutil.copyfile(gold_dir / plan.lang / "pages" / name, lang_dir / "pages" / name)
    files = []
    for page in range(1, kept + 1):
        image = render_page(printed, page, 300, work / "pages" / f"{plan.name}-p{page}-300.png")
        files.append(save_encoded(image, "flate-rgb", 300, work / "clean" / f"{plan.name}-p{page}", None))
    write_img2pdf(files, lang_dir / f"{plan.name}.pdf")
    return {"name": plan.name, "lang": plan.lang, "source": f"corpora/{plan.source}", "printed_with": printer,
            "pages_kept": kept, "dpi": 300, "packer": "img2pdf",
            "pages": [{"page": p, "dpi": 300, "encoding": "flate-rgb",
                       "pdf_image": pdf_filter_name("flate-rgb", "img2pdf"), "orientation": "upright",
                       "strips": 1, "degradations": []}
                      for p in range(1, kept + 1)]}


def build_set(out: Path, seed: int, only: set[str]) -> None:
    """The degraded set, then the clean set, with their manifests."""
    work = out / "work"
    plans = [p for p in DOCUMENTS if not only or p.name in only]
    degraded, clean = [], []
    for plan in plans:
        print(f"  {plan.lang}/{plan.name}", file=sys.stderr)
        degraded.append(build_document(plan, out, work, seed))
        clean.append(build_clean_document(plan, out / "clean", work, out))
    write_manifest(out / "manifest.json", degraded, seed, "degraded")
    write_manifest(out / "clean" / "manifest.json", clean, seed, "clean")
    summarise(degraded)


def write_manifest(path: Path, documents: list, seed: int, variant: str) -> None:
    """manifest.json: the tools' versions, the seed and every page's record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    manifest = {"variant": variant, "seed": seed, "tools": tool_versions(), "documents": documents}
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def tool_versions() -> dict:
    """Versions of the tools whose output the set depends on."""
    def first_line(cmd):
        done = subprocess.run(cmd, capture_output=True, text=True)
        return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else "?"
    import PIL
    return {"pdftoppm": first_line(["pdftoppm", "-v"]), "img2pdf": first_line(["img2pdf", "--version"]),
            "soffice": first_line(["soffice", "--version"]), "chromium": first_line(["chromium", "--version"]),
            "pillow": PIL.__version__, "numpy": np.__version__}


def summarise(documents: list) -> None:
    """Print the set's composition: documents, pages, encodings, special pages."""
    from collections import Counter
    pages = [p for d in documents for p in d["pages"]]
    print(f"{len(documents)} documents, {len(pages)} pages "
          f"(vi {sum(d['pages_kept'] for d in documents if d['lang'] == 'vi')}, "
          f"zh {sum(d['pages_kept'] for d in documents if d['lang'] == 'zh')})")
    print("  encodings:", dict(Counter(p["pdf_image"] for p in pages)))
    print("  orientations:", dict(Counter(p["orientation"] for p in pages)))
    print("  tiled pages:", sum(1 for p in pages if p["strips"] > 1),
          " sealed pages:", sum(1 for p in pages if isinstance(p.get("seal"), dict)))


# ---------------------------------------------------------------- fixtures


def band_crop(lines: list[TextLine], band: tuple, height: float) -> tuple[float, float]:
    """Top and bottom (points) of a crop holding the lines whose middle lies in the band,
    cut half-way through the gaps to the neighbouring lines."""
    inside = [l for l in lines if band[0] * height <= l.middle_y <= band[1] * height]
    if not inside:
        raise ValueError(f"no text line in band {band}")
    top, bottom = min(l.y0 for l in inside), max(l.y1 for l in inside)
    above = [l.y1 for l in lines if l.y1 <= top and l not in inside]
    below = [l.y0 for l in lines if l.y0 >= bottom and l not in inside]
    crop_top = (max(above) + top) / 2 if above else max(0.0, top - 24)
    crop_bottom = (min(below) + bottom) / 2 if below else min(height, bottom + 24)
    return crop_top, crop_bottom


def build_fixture(plan: FixturePlan, out: Path, work: Path, seed: int) -> dict:
    """One small committed fixture PDF and its gold."""
    printed, printer = print_to_pdf(CORPORA / plan.source, work)
    lines, width, height = page_lines(printed, plan.page)
    crop_top, crop_bottom = band_crop(lines, plan.band, height)
    gold = clean_page_text(pdftotext_page(printed, plan.page, (0, crop_top, width, crop_bottom - crop_top)),
                           page_furniture(band_lines(lines, height), [])) + "\n"
    scale = plan.dpi / 72
    page = render_page(printed, plan.page, plan.dpi, work / "pages" / f"{Path(plan.source).stem}-p{plan.page}-{plan.dpi}.png")
    rng = page_rng(seed, plan.name, plan.page)
    record: dict = {}
    if plan.seal:
        anchor = signature_anchor(lines, plan.lang, width, height)
        record["seal"] = stamp_seal(page, plan.lang, (anchor[0] * scale, anchor[1] * scale), plan.dpi, rng)
    image = page.crop((0, int(crop_top * scale), page.width, int(math.ceil(crop_bottom * scale))))
    image = rotate_small(image, plan.angle, expand=True)
    image = orient(image, plan.orientation)
    image = add_noise(image, plan.noise_sigma, rng)
    image = convert_mode(image, plan.encoding, rng, record)
    quality = plan.jpeg_quality if plan.encoding.startswith("dct") else None
    files = encode_page(image, plan.encoding, plan.dpi, work / "fixtures" / plan.name, quality, plan.strips)
    pack([PackedPage(files, plan.dpi, 180 if plan.orientation == "rotate-dict-180" else 0)],
         out / f"{plan.name}.pdf", plan.packer)
    (out / f"{plan.name}.gold.txt").write_text(gold, encoding="utf-8")
    return {"name": plan.name, "lang": plan.lang, "source": f"corpora/{plan.source}", "printed_with": printer,
            "page": plan.page, "crop_points": [0, round(crop_top, 1), round(width, 1), round(crop_bottom, 1)],
            "dpi": plan.dpi, "encoding": plan.encoding, "pdf_image": pdf_filter_name(plan.encoding, plan.packer),
            "packer": plan.packer, "angle": plan.angle, "orientation": plan.orientation, "strips": plan.strips,
            "noise_sigma": plan.noise_sigma, "jpeg_quality": quality, "pixels": list(image.size),
            "bytes": (out / f"{plan.name}.pdf").stat().st_size, **record}


def build_fixtures(out: Path, work: Path, seed: int) -> None:
    """All fixtures, and their manifest.json."""
    out.mkdir(parents=True, exist_ok=True)
    records = [build_fixture(plan, out, work, seed) for plan in FIXTURES]
    manifest = {"variant": "fixtures", "seed": seed, "documents": records}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for r in records:
        print(f"  {r['name']:18} {r['bytes']:7d} bytes  {r['pixels'][0]}x{r['pixels'][1]} @ {r['dpi']} dpi  {r['pdf_image']}")


def check_plans() -> None:
    """Stop on a typo in the DOCUMENTS or FIXTURES tables."""
    for plan in DOCUMENTS:
        encodings = [plan.encoding, *plan.page_encodings.values()]
        if not set(encodings) <= set(ENCODINGS) or not set(plan.orientations.values()) <= set(ORIENTATIONS):
            sys.exit(f"{plan.name}: unknown encoding or orientation")
        if not (CORPORA / plan.source).exists():
            sys.exit(f"{plan.source}: not in corpora/")
    for plan in FIXTURES:
        if plan.encoding not in ENCODINGS or plan.orientation not in ORIENTATIONS or plan.packer not in ("own", "img2pdf"):
            sys.exit(f"{plan.name}: unknown encoding, orientation or packer")
        if (plan.strips > 1 or plan.orientation == "rotate-dict-180") and plan.packer != "own":
            sys.exit(f"{plan.name}: strips and /Rotate need the own packer")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help=f"output folder (default {DEFAULT_OUT.relative_to(ROOT)}, "
                        f"or {FIXTURES_OUT.relative_to(ROOT)} with --fixtures)")
    parser.add_argument("--fixtures", action="store_true", help="write the small committed fixtures instead")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="build only this document (repeatable; for debugging: the manifests then list only these)")
    parser.add_argument("--seed", type=int, default=26, help="seed of every random choice (default 26)")
    args = parser.parse_args()
    check_plans()
    if args.fixtures:
        out = args.out or FIXTURES_OUT
        build_fixtures(out, DEFAULT_OUT / "work", args.seed)
    else:
        unknown = set(args.only) - {p.name for p in DOCUMENTS}
        if unknown:
            parser.error(f"unknown document(s): {', '.join(sorted(unknown))}")
        build_set(args.out or DEFAULT_OUT, args.seed, set(args.only))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env bash
# Real scanned PDFs through `plangloss ingest` (OCR on): the test resources of
# OCRmyPDF's source distribution on PyPI (scans of English, French and German
# pages; JBIG2, CCITT, JPEG 2000, soft and explicit masks, skewed and rotated
# pages, a 2400 dpi page, an enormous page, a 35000 × 35000 JBIG2 image, damaged
# files; licences in their README.rst). Not Vietnamese or Chinese: a check that
# real scans are read, and that nothing panics, hangs or runs away with memory.
# Prints one line per file (blocks, OCR blocks, warnings, error, first words),
# then the batch's time, peak memory and exit status.
# Usage: scripts/ocr-real-scans.sh   (needs pip, /usr/bin/time; about 30 s)
set -euo pipefail
cd "$(dirname "$0")/.."
version=${OCRMYPDF_VERSION:-17.13.0}
dir=target/real-scans
mkdir -p "$dir/download"
if [ ! -f "$dir/download/ocrmypdf-$version.tar.gz" ]; then
    pip download --quiet --no-deps --no-binary :all: --dest "$dir/download" "ocrmypdf==$version"
fi
rm -rf "$dir/pdf" && mkdir -p "$dir/pdf"
tar -xzf "$dir/download/ocrmypdf-$version.tar.gz" -C "$dir/download" "ocrmypdf-$version/tests/resources"
cp "$dir/download/ocrmypdf-$version/tests/resources/"*.pdf "$dir/pdf/"
cargo build --release --quiet
status=0
/usr/bin/time -f "%e s, peak %M KiB" -o "$dir/time.txt" \
    target/release/plangloss ingest "$dir/pdf" >"$dir/records.jsonl" 2>"$dir/stderr.txt" || status=$?
python3 - "$dir/records.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    blocks = record.get("blocks") or []
    error = (record.get("error") or {}).get("kind", "")
    text = " ".join(b["text"] for b in blocks)[:60].replace("\n", " ")
    name = record["path"].rsplit("/", 1)[-1]
    print(f"{name:28} blocks {len(blocks):4}  ocr {sum(1 for b in blocks if b.get('ocr')):4}  "
          f"warnings {len(record.get('warnings') or [])}  {error:8} {text}")
PY
echo "batch: $(cat "$dir/time.txt"), exit status $status (1: some files are errors)"

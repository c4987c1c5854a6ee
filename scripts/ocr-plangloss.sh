#!/usr/bin/env bash
# Reads the scan test set (scripts/make-scan-testset.sh) with `plangloss
# ingest` (release build, OCR on) into target/scan-testset/pred-plangloss/:
# NAME.txt the document's blocks, pages/NAME.pN.txt each page's, as
# scripts/ocr_quality.py --pages reads them; without the header and footer
# blocks (the running heads removed as page furniture, kept once), since the
# gold has no furniture either. Prints seconds per document,
# then scores it beside plain tesseract (scripts/ocr-baseline.sh).
# Usage: scripts/ocr-plangloss.sh [SET_DIR]   (default target/scan-testset)
set -euo pipefail
cd "$(dirname "$0")/.."
set_dir=${1:-target/scan-testset}
pred=$set_dir/pred-plangloss
python=${PLANGLOSS_OCR_PYTHON:-target/ocr-venv/bin/python}
cargo build --release --quiet
mkdir -p "$pred/pages"
# One record's blocks as the document's text and as one text per page.
split_pages() {
    python3 -c '
import json, sys
pred, name = sys.argv[1:]
record = json.loads(sys.stdin.readline() or "{}")
pages = {}
for block in record.get("blocks") or []:
    if block.get("kind") in ("header", "footer"):
        continue
    pages.setdefault(block.get("page") or 1, []).append(block["text"])
open(f"{pred}/{name}.txt", "w").write("\n\n".join("\n".join(b) for _, b in sorted(pages.items())))
for page, blocks in pages.items():
    open(f"{pred}/pages/{name}.p{page}.txt", "w").write("\n".join(blocks))
' "$pred" "$1"
}
for pdf in "$set_dir"/vi/*.pdf "$set_dir"/zh/*.pdf; do
    name=$(basename "$pdf" .pdf)
    start=$(date +%s.%N)
    target/release/plangloss ingest "$pdf" 2>"$pred/$name.err" | split_pages "$name" || true
    printf '%-50s %6.2f s\n' "$name" "$(echo "$(date +%s.%N) - $start" | bc)"
done
"$python" scripts/ocr_quality.py --gold "$set_dir" --pred "$pred" --compare "${BASELINE:-$set_dir/pred-tesseract}"

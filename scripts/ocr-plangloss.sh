#!/usr/bin/env bash
# Reads the scan test set (scripts/make-scan-testset.sh) with `plangloss
# text` (release build, OCR on) into target/scan-testset/pred-plangloss/,
# prints seconds per document, then scores it beside plain tesseract
# (scripts/ocr-baseline.sh) with scripts/ocr_quality.py.
# Usage: scripts/ocr-plangloss.sh [SET_DIR]   (default target/scan-testset)
set -euo pipefail
cd "$(dirname "$0")/.."
set_dir=${1:-target/scan-testset}
pred=$set_dir/pred-plangloss
python=${PLANGLOSS_OCR_PYTHON:-target/ocr-venv/bin/python}
cargo build --release --quiet
mkdir -p "$pred"
for pdf in "$set_dir"/vi/*.pdf "$set_dir"/zh/*.pdf; do
    name=$(basename "$pdf" .pdf)
    start=$(date +%s.%N)
    target/release/plangloss text "$pdf" >"$pred/$name.txt" 2>"$pred/$name.err" || true
    printf '%-50s %6.2f s\n' "$name" "$(echo "$(date +%s.%N) - $start" | bc)"
done
"$python" scripts/ocr_quality.py --gold "$set_dir" --pred "$pred" --compare "$set_dir/pred-tesseract"

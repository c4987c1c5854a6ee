#!/usr/bin/env bash
# Plain Tesseract on the scan test set, the way other document loaders run it, then scored
# by scripts/ocr_quality.py. Run by hand, not in CI, after scripts/make-scan-testset.sh:
#
#   scripts/ocr-baseline.sh                    # the degraded and the clean set
#   scripts/ocr-baseline.sh degraded           # one or more of: degraded clean fixtures
#   OCR_BASELINE_DPI=200 scripts/ocr-baseline.sh degraded
#
# For each PDF, every page is rendered with `pdftoppm -r 300` to PPM (what most loaders do:
# pdf2image, which unstructured and LangChain's loaders use, calls pdftoppm and reads PPM;
# rendering honours /Rotate and assembles tiled strips, which `pdfimages` would not), then
# `tesseract PAGE.ppm - -l vie --dpi 300` (chi_sim for Chinese), default --oem and --psm 3,
# so no orientation detection. --dpi says what a PNG from pdftoppm would (its pHYs chunk):
# the same output; without it Tesseract estimates the resolution from the text height
# ("Estimating resolution as 472") and its scores move by up to 0.25 on a page. Pages are
# joined with a blank line into PRED/NAME.txt; each page is kept in PRED/pages/NAME.pN.txt.
#
# Outputs, under target/scan-testset/:
#   pred-tesseract/          degraded set      pred-tesseract-clean/     clean set
#   pred-tesseract-fixtures/ tests/fixtures/ocr
# each with timing.tsv (render and OCR seconds per document) and score.txt / score.json.
# Seconds per page are OCR only (tesseract), one page at a time, OpenMP as tesseract sets
# it; the machine's load is printed with them. OMP_THREAD_LIMIT=1 scripts/ocr-baseline.sh
# gives the same text and, on a busy 2-core machine, about 2.5 times fewer seconds per page
# (tesseract's OpenMP threads wait on each other): that is the figure to set beside
# plangloss, which runs Tesseract with one OpenMP thread.
set -euo pipefail
cd "$(dirname "$0")/.."
SET=target/scan-testset
DPI=${OCR_BASELINE_DPI:-300}
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(degraded clean)

command -v tesseract >/dev/null || { echo "tesseract missing: apt-get install -y tesseract-ocr tesseract-ocr-vie tesseract-ocr-chi-sim" >&2; exit 1; }
langs=$(tesseract --list-langs 2>/dev/null || true)
for lang in vie chi_sim; do
  grep -qx "$lang" <<<"$langs" || { echo "tesseract language $lang missing" >&2; exit 1; }
done

now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

# The language of a PDF: its folder (vi/ or zh/) or its name's prefix (vi-..., zh-...).
lang_of() {
  local pdf=$1 dir base
  dir=$(basename "$(dirname "$pdf")")
  base=$(basename "$pdf")
  case "$dir/$base" in
    vi/*|*/vi-*) echo vie ;;
    zh/*|*/zh-*) echo chi_sim ;;
    *) echo "cannot tell the language of $pdf" >&2; return 1 ;;
  esac
}

# OCR one PDF: render, tesseract per page, join. Appends a line to timing.tsv.
ocr_pdf() {
  local pdf=$1 out=$2 lang name tmp t0 t1 t2 page number pages
  lang=$(lang_of "$pdf")
  name=$(basename "$pdf" .pdf)
  tmp=$(mktemp -d)
  t0=$(now)
  pdftoppm -r "$DPI" "$pdf" "$tmp/page"
  t1=$(now)
  pages=()
  for page in $(ls "$tmp"/page-*.ppm | sort -V); do
    number=$(basename "$page" .ppm | sed 's/^page-0*//')
    tesseract "$page" - -l "$lang" --dpi "$DPI" 2>>"$out/tesseract.log" >"$out/pages/$name.p$number.txt"
    pages+=("$out/pages/$name.p$number.txt")
  done
  t2=$(now)
  : >"$out/$name.txt"
  for page in "${pages[@]}"; do
    [ -s "$out/$name.txt" ] && printf '\n' >>"$out/$name.txt"
    cat "$page" >>"$out/$name.txt"
  done
  rm -rf "$tmp"
  printf '%s\t%s\t%d\t%s\t%s\n' "$name" "$lang" "${#pages[@]}" "$(minus "$t1" "$t0")" "$(minus "$t2" "$t1")" \
    >>"$out/timing.tsv"
  printf '  %-45s %-7s %d page(s) %6s s\n' "$name" "$lang" "${#pages[@]}" "$(minus "$t2" "$t1")"
}

for variant in "${variants[@]}"; do
  case $variant in
    degraded) set_dir=$SET; out=$SET/pred-tesseract ;;
    clean) set_dir=$SET/clean; out=$SET/pred-tesseract-clean ;;
    fixtures) set_dir=tests/fixtures/ocr; out=$SET/pred-tesseract-fixtures ;;
    *) echo "unknown set $variant (degraded, clean or fixtures)" >&2; exit 2 ;;
  esac
  shopt -s nullglob
  pdfs=("$set_dir"/vi/*.pdf "$set_dir"/zh/*.pdf "$set_dir"/*.pdf)
  shopt -u nullglob
  [ ${#pdfs[@]} -gt 0 ] || { echo "no PDF in $set_dir: run scripts/make-scan-testset.sh first" >&2; exit 1; }
  rm -rf "$out"
  mkdir -p "$out/pages"
  printf 'name\tlang\tpages\trender_s\tocr_s\n' >"$out/timing.tsv"
  echo "== $variant: plain tesseract on $set_dir (pdftoppm -r $DPI, $(tesseract --version 2>&1 | head -1) --dpi $DPI, OMP_THREAD_LIMIT=${OMP_THREAD_LIMIT:-unset})"
  for pdf in "${pdfs[@]}"; do
    ocr_pdf "$pdf" "$out"
  done
  awk -F'\t' -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'NR > 1 { p[$2] += $3; s[$2] += $5; r[$2] += $4 }
    END { for (l in p) printf "  %-7s %3d pages  tesseract %.2f s/page  (pdftoppm %.2f s/page)  load average %s\n",
          l, p[l], s[l] / p[l], r[l] / p[l], load }' "$out/timing.tsv" | tee "$out/speed.txt"
  python3 scripts/ocr_quality.py --pred "$out" --gold "$set_dir" --label "tesseract ($variant)" --pages | tee "$out/score.txt"
  python3 scripts/ocr_quality.py --pred "$out" --gold "$set_dir" --pages --json >"$out/score.json"
done

#!/usr/bin/env bash
# PDF throughput of plangloss side by side with pdftotext (poppler), pypdfium2
# and pdf_oxide, on the same folder of at least 300 PDFs: the PDFs of corpora/
# and of ../shared/corpus (encrypted ones left out: the peers would need their
# passwords), copied under distinct names. Run by hand, not in CI:
#
#   apt-get install -y hyperfine time poppler-utils
#   python3 -m venv ~/peers && ~/peers/bin/pip install pypdfium2 pdf-oxide
#   scripts/bench-pdf.sh           # PEERS_VENV=~/peers, COPIES=300 by default
#
# plangloss runs as one process over the folder (--jobs 1 and --jobs 2);
# pdftotext once per file, one process at a time and two at a time (xargs -P2);
# pypdfium2 and pdf_oxide extract every page's text in one Python process
# (start-up and imports not counted). Per-core figures divide by the cores a
# tool used.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/copies.sh
SHARED=${SHARED:-../shared/corpus}
VENV=${PEERS_VENV:-$HOME/peers}
COPIES=${COPIES:-300}
BIN=target/release/plangloss
have() { command -v "$1" >/dev/null 2>&1; }
for tool in hyperfine pdftotext; do
  have "$tool" || { echo "$tool is needed: apt-get install -y hyperfine poppler-utils"; exit 1; }
done
cargo build --release --quiet

dir=$(mktemp -d)
trap 'rm -rf "$dir" "$dir".*' EXIT
mapfile -t sources < <(find corpora "$SHARED" -name '*.pdf' 2>/dev/null \
  | grep -v -E '/(aes-|rc4-)' | sort)
copy_until "$dir" "$COPIES" "${sources[@]}"
mb=$(du -sm "$dir" | cut -f1)
pages=$(for f in "$dir"/*.pdf; do pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'; done | paste -sd+ | bc)
echo "## $n PDF files from ${#sources[@]} distinct ones, $mb MB, $pages pages"

py="$VENV/bin/python"
cat > "$dir.peers.py" <<'EOF'
import sys, time, pathlib
files = sorted(str(p) for p in pathlib.Path(sys.argv[2]).glob("*.pdf"))
if sys.argv[1] == "pypdfium2":
    import pypdfium2 as pdfium
    def run(path):
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            page.get_textpage().get_text_range()
else:
    import pdf_oxide
    def run(path):
        doc = pdf_oxide.PdfDocument(path)
        for i in range(doc.page_count()):
            doc.extract_text(i)
start = time.perf_counter()
failed = 0
for f in files:
    try:
        run(f)
    except Exception:
        failed += 1
print(f"{time.perf_counter() - start:.3f} {failed}")
EOF
declare -A inproc
for tool in pypdfium2 pdf_oxide; do
  if [ -x "$py" ] && "$py" -c "import $tool" 2>/dev/null; then
    best=""
    for _ in 1 2 3; do
      read -r secs failed < <("$py" "$dir.peers.py" "$tool" "$dir" 2>/dev/null | tail -1)
      if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $secs < $best else 1)"; then best=$secs; fi
    done
    inproc[$tool]=$best
    echo "$tool (one Python process, best of 3, imports excluded): $best s, $failed files raised"
  else
    echo "$tool not installed in $VENV: skipped"
  fi
done

json=$(mktemp)
hyperfine --ignore-failure --warmup 1 --runs 3 --export-json "$json" \
  -n "plangloss --jobs 2" "$BIN ingest $dir --jobs 2 -o /dev/null" \
  -n "plangloss --jobs 1" "$BIN ingest $dir --jobs 1 -o /dev/null" \
  -n "pdftotext x1" "ls $dir/*.pdf | xargs -P1 -I{} pdftotext -q {} /dev/null" \
  -n "pdftotext x2" "ls $dir/*.pdf | xargs -P2 -I{} pdftotext -q {} /dev/null"
echo
echo "max RSS (KiB): plangloss --jobs 2 $(/usr/bin/time -f %M "$BIN" ingest "$dir" --jobs 2 -o /dev/null 2>&1 >/dev/null | tail -1)"

python3 - "$json" "$n" "$mb" "${inproc[pypdfium2]:-}" "${inproc[pdf_oxide]:-}" <<'EOF'
import json, sys
results = {r["name"] if "name" in r else r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
n, mb = int(sys.argv[2]), float(sys.argv[3])
rows = [(name, secs, 2 if "x2" in name or "jobs 2" in name else 1) for name, secs in results.items()]
for name, arg in (("pypdfium2 (1 process)", sys.argv[4]), ("pdf_oxide (1 process)", sys.argv[5])):
    if arg:
        rows.append((name, float(arg), 1))
ours = results["plangloss --jobs 2"]
print()
print("| tool | seconds | PDFs/s | PDFs/s per core | plangloss --jobs 2 is faster by |")
print("| --- | --- | --- | --- | --- |")
for name, secs, cores in rows:
    print(f"| {name} | {secs:.2f} | {n / secs:.0f} | {n / secs / cores:.0f} | {secs / ours:.1f}x |")
print(f"\n{n} files, {mb:.0f} MB")
EOF

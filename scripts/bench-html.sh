#!/usr/bin/env bash
# HTML main-content throughput of plangloss side by side with trafilatura and
# readability-lxml, on the same folder of pages: the HTML pages of corpora/
# and of ../shared/corpus (the 35 Chinese dataset pages and the real pages
# with charset traps), copied under distinct names. Run by hand, not in CI:
#
#   apt-get install -y hyperfine time
#   python3 -m venv ~/peers && ~/peers/bin/pip install trafilatura readability-lxml
#   scripts/bench-html.sh          # PEERS_VENV=~/peers, COPIES=500 by default
#
# Whole processes, start-up included: plangloss ingest over the folder
# (--jobs 1 and --jobs 2: main content, metadata, normalization, language,
# sentences, JSON), and one Python process per peer that extracts every page
# (trafilatura.extract(bytes); Document(bytes).summary() for readability).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/copies.sh
SHARED=${SHARED:-../shared/corpus}
VENV=${PEERS_VENV:-$HOME/peers}
COPIES=${COPIES:-500}
BIN=target/release/plangloss
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine"; exit 1; }
cargo build --release --quiet

dir=$(mktemp -d)
trap 'rm -rf "$dir" "$dir".*' EXIT
mapfile -t sources < <(find corpora "$SHARED" -name '*.html' -not -name '*.expected.html' 2>/dev/null | sort)
copy_until "$dir" "$COPIES" "${sources[@]}"
mb=$(du -sm "$dir" | cut -f1)
echo "## $n HTML pages from ${#sources[@]} distinct ones, $mb MB"

py="$VENV/bin/python"
cat > "$dir.peers.py" <<'EOF'
import sys, pathlib
files = sorted(pathlib.Path(sys.argv[2]).glob("*.html"))
if sys.argv[1] == "trafilatura":
    import trafilatura
    run = lambda raw: trafilatura.extract(raw)
else:
    from readability import Document
    run = lambda raw: Document(raw).summary()
for f in files:
    try:
        run(f.read_bytes())
    except Exception:
        pass
EOF
peers=()
for tool in trafilatura readability; do
  if [ -x "$py" ] && "$py" -c "import $tool" 2>/dev/null; then
    peers+=(-n "$tool (1 process)" "$py $dir.peers.py $tool $dir")
  else
    echo "$tool not installed in $VENV: skipped"
  fi
done

json=$(mktemp)
hyperfine --warmup 1 --runs 3 --export-json "$json" \
  -n "plangloss --jobs 2" "$BIN ingest $dir --jobs 2 -o /dev/null" \
  -n "plangloss --jobs 1" "$BIN ingest $dir --jobs 1 -o /dev/null" \
  "${peers[@]}"
echo
echo "max RSS (KiB): plangloss --jobs 2 $(/usr/bin/time -f %M "$BIN" ingest "$dir" --jobs 2 -o /dev/null 2>&1 >/dev/null | tail -1)"

python3 - "$json" "$n" "$mb" <<'EOF'
import json, sys
results = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
n, mb = int(sys.argv[2]), float(sys.argv[3])
ours = results["plangloss --jobs 2"]
print()
print("| tool | seconds | pages/s | pages/s per core | plangloss --jobs 2 is faster by |")
print("| --- | --- | --- | --- | --- |")
for name, secs in results.items():
    cores = 2 if "jobs 2" in name else 1
    print(f"| {name} | {secs:.2f} | {n / secs:.0f} | {n / secs / cores:.0f} | {secs / ours:.1f}x |")
print(f"\n{n} pages, {mb:.0f} MB")
EOF

#!/usr/bin/env bash
# DOCX throughput of plangloss side by side with pandoc and kreuzberg, on the
# same folder of at least 500 DOCX files (the DOCX of corpora/ and of
# ../shared/corpus copied under distinct names). Run by hand, not in CI:
#
#   apt-get install -y hyperfine time pandoc
#   python3 -m venv ~/peers && ~/peers/bin/pip install kreuzberg
#   scripts/bench-docx.sh            # PEERS_VENV=~/peers, COPIES=500 by default
#
# Every tool gets the machine's 2 cores: plangloss with --jobs 2, pandoc as two
# processes at a time (xargs -P2), kreuzberg through its batch API in one
# Python process. Per-core figures divide by the cores a tool used; the
# single-process kreuzberg loop is reported too. Interpreter start-up and
# imports are not counted against kreuzberg.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/copies.sh
SHARED=${SHARED:-../shared/corpus}
VENV=${PEERS_VENV:-$HOME/peers}
COPIES=${COPIES:-500}
BIN=target/release/plangloss
have() { command -v "$1" >/dev/null 2>&1; }
have hyperfine || { echo "hyperfine is needed: apt-get install -y hyperfine"; exit 1; }
cargo build --release --quiet

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mapfile -t sources < <(find corpora "$SHARED/vi/docx" "$SHARED/zh/docx" -name '*.docx' 2>/dev/null | sort)
copy_until "$dir" "$COPIES" "${sources[@]}"
mb=$(du -sm "$dir" | cut -f1)
xml_mb=$(python3 - "$dir" <<'EOF'
import sys, zipfile, pathlib
total = 0
for p in pathlib.Path(sys.argv[1]).iterdir():
    with zipfile.ZipFile(p) as z:
        total += sum(i.file_size for i in z.infolist() if i.filename.startswith("word/document"))
print(f"{total / 1e6:.1f}")
EOF
)
echo "## $n DOCX files from ${#sources[@]} distinct ones, $mb MB on disk, $xml_mb MB of document.xml"

json=$(mktemp)
cmds=(-n "plangloss --jobs 2" "$BIN ingest $dir --jobs 2 -o /dev/null"
      -n "plangloss --jobs 1" "$BIN ingest $dir --jobs 1 -o /dev/null")
if have pandoc; then
  cmds+=(-n "pandoc x2" "ls $dir/*.docx | xargs -P2 -n1 pandoc -t plain -o /dev/null")
fi
KREUZ="$VENV/bin/python"
if [ -x "$KREUZ" ] && "$KREUZ" -c 'import kreuzberg' 2>/dev/null; then
  cat > "$dir.kreuz.py" <<'EOF'
import sys, time, pathlib, kreuzberg
files = sorted(str(p) for p in pathlib.Path(sys.argv[2]).glob("*.docx"))
start = time.perf_counter()
if sys.argv[1] == "batch":
    kreuzberg.batch_extract_files_sync(files)
else:
    for f in files:
        kreuzberg.extract_file_sync(f)
print(f"{time.perf_counter() - start:.3f}")
EOF
  for mode in loop batch; do
    secs=$("$KREUZ" "$dir.kreuz.py" "$mode" "$dir" 2>/dev/null | tail -1)
    echo "kreuzberg $mode (one Python process, imports excluded): $secs s"
    eval "kreuz_$mode=$secs"
  done
else
  echo "kreuzberg not installed in $VENV: skipped"
fi
hyperfine --warmup 1 --runs 3 --export-json "$json" "${cmds[@]}"
echo
echo "max RSS (KiB): plangloss --jobs 2 $(/usr/bin/time -f %M "$BIN" ingest "$dir" --jobs 2 -o /dev/null 2>&1 >/dev/null | tail -1)"

python3 - "$json" "$n" "$xml_mb" "${kreuz_loop:-}" "${kreuz_batch:-}" <<'EOF'
import json, sys
results = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
docs, xml_mb = int(sys.argv[2]), float(sys.argv[3])
cores = {"plangloss --jobs 2": 2, "plangloss --jobs 1": 1, "pandoc x2": 2}
if sys.argv[4]:
    results["kreuzberg loop"] = float(sys.argv[4]); cores["kreuzberg loop"] = 1
if sys.argv[5]:
    results["kreuzberg batch"] = float(sys.argv[5]); cores["kreuzberg batch"] = 2
ours = docs / results["plangloss --jobs 2"] / 2
print("\n| tool | wall s | docs/s | docs/s/core | MB/s of document.xml | plangloss per-core advantage |")
print("|---|---|---|---|---|---|")
for name, secs in results.items():
    per_core = docs / secs / cores[name]
    print(f"| {name} | {secs:.2f} | {docs / secs:.0f} | {per_core:.0f} | {xml_mb / secs:.0f} | {ours / per_core:.1f}x |")
EOF
rm -f "$json" "$dir.kreuz.py"

#!/usr/bin/env bash
# Time and peak memory of `ingest` (with the shipped glossary) and of
# `text --max-file-size 1` on hostile inputs (scripts/hostile_inputs.py), for
# this checkout's release binary and optionally an older one to compare:
#
#   scripts/bench-limits.sh [OLD_BINARY]
#
# Prints a Markdown table: input, its size, the limit 100 MB + 4 x size,
# then seconds / peak MB / outcome for each binary.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
folder=target/hostile
[ -f "$folder/one-paragraph-of-terms.txt" ] || python3 scripts/hostile_inputs.py "$folder"
binaries=(target/release/plangloss)
[ $# -ge 1 ] && binaries=("$1" target/release/plangloss)

run() { # binary, args... -> "seconds s, peak MB, outcome"
    local binary=$1
    shift
    /usr/bin/time -o /tmp/bench-limits.time -f "%e %M" "$binary" "$@" \
        >/tmp/bench-limits.out 2>/tmp/bench-limits.err || true
    local out outcome
    out=$(tail -1 /tmp/bench-limits.time)
    outcome=$(grep -o '"error":{"kind":"[a-z_]*"' /tmp/bench-limits.out | head -1 | cut -d'"' -f6)
    [ -z "$outcome" ] && outcome=ok
    echo "$(echo "$out" | awk '{printf "%s s, %d MB", $1, $2/1024}'), $outcome"
}

header="| input | size | 100 MB + 4x |"
for binary in "${binaries[@]}"; do header+=" $binary |"; done
echo "$header"
echo "|---|---|---|$(printf -- '---|%.0s' "${binaries[@]}")"
for file in "$folder"/*; do
    size=$(stat -c %s "$file")
    row="| $(basename "$file") | $((size / 1000000)) MB | $((100 + 4 * size / 1000000)) MB |"
    for binary in "${binaries[@]}"; do
        row+=" $(run "$binary" ingest "$file" --glossary glossaries/program-terms.tsv) |"
    done
    echo "$row"
done

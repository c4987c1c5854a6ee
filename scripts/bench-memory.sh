#!/usr/bin/env bash
# Peak memory of `ingest` on each file under the folders given (default:
# corpora/ and ../shared/corpus), against the target of 100 MB + 4 x the
# file's size. Prints the files over the target, the highest peak, and the
# highest peak minus 4 x size.
#
#   scripts/bench-memory.sh [FOLDER...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
    folders=(corpora)
    [ -d ../shared/corpus ] && folders+=(../shared/corpus)
fi
count=0
over=0
worst_peak=0
worst_excess=0
worst_file=
while IFS= read -r -d '' file; do
    size=$(stat -c %s "$file")
    /usr/bin/time -o /tmp/bench-memory.time -f "%M" target/release/plangloss ingest "$file" \
        --glossary glossaries/program-terms.tsv >/dev/null 2>&1 || true
    peak_kb=$(tail -1 /tmp/bench-memory.time)
    peak=$((peak_kb * 1024))
    excess=$((peak - 4 * size))
    count=$((count + 1))
    if [ "$excess" -gt $((100 * 1000 * 1000)) ]; then
        over=$((over + 1))
        echo "over the target: $file ($((size / 1000)) kB, peak $((peak / 1000000)) MB)"
    fi
    [ "$peak" -gt "$worst_peak" ] && worst_peak=$peak && worst_file=$file
    [ "$excess" -gt "$worst_excess" ] && worst_excess=$excess
done < <(find "${folders[@]}" -type f -print0 | sort -z)
echo "$count files, $over over 100 MB + 4 x size; highest peak $((worst_peak / 1000000)) MB ($worst_file); highest peak - 4 x size $((worst_excess / 1000000)) MB"

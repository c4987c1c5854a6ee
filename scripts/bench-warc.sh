#!/usr/bin/env bash
# Throughput and peak memory of `ingest` on a 1 GB Common Crawl-like WARC
# (scripts/make-warc-bench.py: 100 MB written then repeated ten times, and
# one 300 MB response at the end that must be read past with flat memory),
# with 1 and 2 jobs, beside `ingest` on the same pages as files. The MB/s
# columns count the crawl's bytes without that response.
#
#   scripts/bench-warc.sh [WORK_FOLDER]   # default /tmp/plangloss-warc-bench
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
work=${1:-/tmp/plangloss-warc-bench}
mkdir -p "$work"
[ -f "$work/crawl-100m.warc.gz" ] || python3 scripts/make-warc-bench.py "$work/crawl-100m.warc.gz" 100
[ -f "$work/huge.warc.gz" ] || python3 scripts/make-warc-bench.py "$work/huge.warc.gz" huge
if [ ! -f "$work/crawl-1g.warc.gz" ]; then
    for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$work/crawl-100m.warc.gz"; done >"$work/crawl-1g.warc.gz"
    cat "$work/huge.warc.gz" >>"$work/crawl-1g.warc.gz"
fi
compressed=$(($(stat -c %s "$work/crawl-100m.warc.gz") * 10))
raw=$(($(gzip -dc "$work/crawl-100m.warc.gz" | wc -c) * 10))

# The pages of the crawl as files: each source page as often as the crawl
# holds it (the captures that are 200 HTML responses).
pages="$work/pages"
if [ ! -d "$pages" ]; then
    mkdir -p "$pages"
    mapfile -t sources < <(find corpora ../shared/corpus -name '*.html' -not -path '*gold*' 2>/dev/null | sort)
    captures=$(target/release/plangloss ingest "$work/crawl-100m.warc.gz" 2>&1 >/dev/null |
        sed -n 's/.*records: [0-9]* read, \([0-9]*\) documents.*/\1/p')
    for ((i = 0; i < captures * 10; i++)); do
        cp "${sources[$((i % ${#sources[@]}))]}" "$pages/$i.html"
    done
fi
pages_bytes=$(du -sb "$pages" | cut -f1)

run() { # label, jobs, input
    /usr/bin/time -o "$work/time" -f "%e %M" target/release/plangloss ingest --jobs "$2" "$3" \
        -o /dev/null 2>"$work/stderr" || true
    read -r wall rss_kb < <(tail -1 "$work/time")
    documents=$(sed -n 's/^plangloss: \([0-9]*\) documents.*/\1/p' "$work/stderr")
    echo "$1 $2 $wall $rss_kb $documents"
}
echo "| input | jobs | wall s | peak RSS MB | documents | documents/s | MB/s (compressed) | MB/s (decompressed) | MB/s per core (decompressed) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for jobs in 1 2; do
    read -r _ _ wall rss documents < <(run warc "$jobs" "$work/crawl-1g.warc.gz")
    python3 -c "w=$wall; print(f'| 1 GB .warc.gz | $jobs | {w:.1f} | {$rss/1024:.0f} | $documents | {$documents/w:.0f} | {$compressed/1e6/w:.0f} | {$raw/1e6/w:.0f} | {$raw/1e6/w/$jobs:.0f} |')"
done
for jobs in 1 2; do
    read -r _ _ wall rss documents < <(run files "$jobs" "$pages")
    python3 -c "w=$wall; print(f'| the same pages as files | $jobs | {w:.1f} | {$rss/1024:.0f} | $documents | {$documents/w:.0f} | - | {$pages_bytes/1e6/w:.0f} | {$pages_bytes/1e6/w/$jobs:.0f} |')"
done

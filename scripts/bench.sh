#!/usr/bin/env bash
# Speed and memory of plangloss side by side with the peers installed on this
# machine, on the same files. Not part of the tests: run it by hand.
#
#   apt-get install -y hyperfine time poppler-utils pandoc
#   python3 -m venv ~/peers && ~/peers/bin/pip install trafilatura readability-lxml
#   scripts/bench.sh            # PEERS_VENV=~/peers by default
#
# Peers that are missing are skipped with a message. Each comparison runs
# one process per file for both tools (as a user would from a shell), except
# the HTML one, where the Python extractors get one process for all pages so
# that interpreter start-up does not count against them.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared/corpus}
VENV=${PEERS_VENV:-$HOME/peers}
BIN=target/release/plangloss
RUNS=${RUNS:-5}

cargo build --release --quiet
have() { command -v "$1" >/dev/null 2>&1; }
have hyperfine || { echo "hyperfine is needed: apt-get install -y hyperfine"; exit 1; }

list() { find "$@" -type f -name "$PATTERN" 2>/dev/null | sort | tr '\n' ' '; }
per_file() { echo "for f in $2; do $1 \"\$f\" >/dev/null 2>&1 || true; done"; }
max_rss_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

echo "## ingest corpora/ (whole pipeline, glossary on)"
hyperfine --warmup 1 --runs "$RUNS" -N -n "plangloss --jobs 1" -n "plangloss --jobs 2" \
  "$BIN ingest corpora --glossary glossaries/program-terms.tsv --jobs 1 -o /dev/null" \
  "$BIN ingest corpora --glossary glossaries/program-terms.tsv --jobs 2 -o /dev/null"
echo "max RSS (KiB): $(max_rss_kib "$BIN" ingest corpora --glossary glossaries/program-terms.tsv -o /dev/null)"

PATTERN='*.docx'; DOCX=$(list corpora "$SHARED")
if have pandoc && [ -n "$DOCX" ]; then
  echo; echo "## DOCX text: plangloss vs pandoc ($(wc -w <<<"$DOCX") files)"
  hyperfine --warmup 1 --runs "$RUNS" -n plangloss -n pandoc \
    "$(per_file "$BIN text" "$DOCX")" \
    "$(per_file "pandoc -t plain" "$DOCX")"
  big=$(ls -S $DOCX | head -1)
  echo "max RSS on the largest DOCX ($big), KiB: plangloss $(max_rss_kib "$BIN" text "$big"), pandoc $(max_rss_kib pandoc -t plain "$big")"
fi

PATTERN='*.pdf'; PDF=$(list corpora "$SHARED")
if have pdftotext && [ -n "$PDF" ]; then
  echo; echo "## PDF text: plangloss vs pdftotext ($(wc -w <<<"$PDF") files)"
  hyperfine --warmup 1 --runs "$RUNS" -n plangloss -n pdftotext \
    "$(per_file "$BIN text" "$PDF")" \
    "$(per_file "pdftotext -q -enc UTF-8" "$PDF" | sed 's/>\/dev\/null/- >\/dev\/null/')"
fi

PATTERN='*.html'; HTML=$(list corpora "$SHARED/zh/html" "$SHARED/zh/html-real" "$SHARED/zh-hant/html-real")
if [ -x "$VENV/bin/python" ] && [ -n "$HTML" ]; then
  echo; echo "## HTML main text: plangloss vs trafilatura and readability-lxml ($(wc -w <<<"$HTML") pages, one process each tool)"
  pages=$(mktemp -d); n=0; for f in $HTML; do n=$((n+1)); cp "$f" "$pages/page-$n.html"; done
  hyperfine --warmup 1 --runs "$RUNS" -n "plangloss --jobs 1" -n trafilatura -n readability-lxml \
    "$BIN ingest $pages --jobs 1 -o /dev/null" \
    "$VENV/bin/python -c 'import sys,pathlib,trafilatura
for p in sorted(pathlib.Path(sys.argv[1]).iterdir()): trafilatura.extract(p.read_bytes())' $pages" \
    "$VENV/bin/python -c 'import sys,pathlib
from readability import Document
for p in sorted(pathlib.Path(sys.argv[1]).iterdir()): Document(p.read_bytes()).summary()' $pages"
  echo "python start-up and imports alone: trafilatura $( { /usr/bin/time -f %e "$VENV/bin/python" -c 'import trafilatura' ; } 2>&1 ) s, readability $( { /usr/bin/time -f %e "$VENV/bin/python" -c 'import readability' ; } 2>&1 ) s"
  rm -rf "$pages"
fi

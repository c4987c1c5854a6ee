#!/usr/bin/env bash
# What pandoc finds in our DOCX files that plangloss does not, and the reverse.
# Run by hand (apt-get install -y pandoc); prints a table and the differing
# tokens per file. See scripts/compare_pandoc.py for how text is compared.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared/corpus}
command -v pandoc >/dev/null || { echo "pandoc is needed: apt-get install -y pandoc"; exit 1; }
cargo build --release --quiet
mapfile -t files < <(find "$SHARED/vi/docx" "$SHARED/zh/docx" "$SHARED/mixed/docx" corpora -name '*.docx' 2>/dev/null | sort)
python3 scripts/compare_pandoc.py target/release/plangloss "${files[@]}"

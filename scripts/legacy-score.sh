#!/usr/bin/env bash
# Diacritic and char accuracy of plangloss and viparse on the 46 legacy Vietnamese documents of
# ../shared/corpus/vi/legacy/ (per format and overall, case-folded, scored by the corpus's own
# score.py), and the speed of `ingest --jobs 2` over them against viparse. Run by hand, not in CI:
#
#   apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui   # viparse converts .doc/.xls with it
#   python3 -m venv ~/peers && ~/peers/bin/pip install "viparse[office,pdf,rtf]"
#   scripts/legacy-score.sh            # PEERS_VENV=~/peers by default; --per-file for each document
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${PEERS_VENV:-$HOME/peers}
cargo build --release --quiet
peer=()
if [ -x "$VENV/bin/viparse" ]; then
  peer=(--viparse "$VENV/bin/viparse")
else
  echo "viparse not found in $VENV: scoring plangloss alone" >&2
fi
exec python3 scripts/legacy_score.py --plangloss target/release/plangloss "${peer[@]}" "$@"

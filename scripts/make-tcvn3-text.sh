#!/usr/bin/env bash
# Writes corpora/vi/thong-bao-tiem-chung-tcvn3.txt: our notice in the legacy
# TCVN3 ("ABC", .VnTime) encoding, as Vietnamese offices saved plain text
# before Unicode. iconv's TCVN5712-1 chart gives TCVN3's bytes for text whose
# capitals carry no tone mark (TCVN3 has none; headings used .VnTimeH), which
# is how the source is written.
set -euo pipefail
cd "$(dirname "$0")/.."
iconv -f UTF-8 -t TCVN5712-1 scripts/corpora-src/thong-bao-tiem-chung-tcvn3.utf8.txt \
  > corpora/vi/thong-bao-tiem-chung-tcvn3.txt

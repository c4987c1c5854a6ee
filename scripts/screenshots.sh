#!/usr/bin/env bash
# Regenerates the README's screenshots of the qa report and the review page
# with headless Chromium (apt-get install chromium fonts-noto-cjk). The
# review page is of ../shared/seeds/004 (a Chinese plan copied from a
# document-sharing site, full of source artefacts) when it is there, else of
# a corpora/ plan.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
glossary=glossaries/program-terms.tsv
target/release/plangloss qa tests/fixtures/qa/vi-zh.xlf tests/fixtures/qa/zh-vi.xlf \
    --glossary "$glossary" --format html -o "$work/qa.html" || true
doc=../shared/seeds/004_b1f6b47622f82b90.txt
[ -f "$doc" ] || doc=corpora/vi/kh-suc-khoe-ba-me-tre-em-2025.docx
target/release/plangloss review "$doc" --glossary "$glossary" -o "$work/review.html"
mkdir -p docs
shoot() {
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,900 \
        --screenshot="$2" "file://$1" 2>/dev/null
}
shoot "$work/qa.html" docs/qa-report.png
shoot "$work/review.html" docs/review-page.png
ls -l docs/*.png

#!/usr/bin/env bash
# PDF fidelity of plangloss side by side with pdftotext and pdfminer.six, on PDFs
# of the corpora/ plans made by two producers. Run by hand, not in CI:
#
#   apt-get install -y poppler-utils libreoffice-writer-nogui chromium fonts-noto-cjk fonts-noto-core
#   python3 -m venv ~/peers && ~/peers/bin/pip install pdfminer.six
#   scripts/fidelity-pdf.sh              # WORK=target/pdf-fidelity by default
#   scripts/fidelity_pdf.py target/pdf-fidelity --show NAME.chromium.pdf plangloss   # token diff
#
# For every plan in corpora/ (DOCX, HTML, text), its known text is the body
# blocks plangloss reads from the source (for HTML pages: the article without
# the portal around it), each with its list label, without note marks. That text becomes a plain HTML page, one
# element per block (headings as <h1>-<h3>, list labels kept), which is printed
#   - by headless Chromium with its default header and footer (date, page
#     title, URL, page count), as a user printing a web page gets it, and
#   - by LibreOffice Writer's PDF export.
# The DOCX plans are also exported by LibreOffice as they are (their own
# headers, footers and footnotes), as "lo-docx".
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-target/pdf-fidelity}
BIN=target/release/plangloss
for tool in soffice chromium pdftotext python3; do
  command -v "$tool" >/dev/null || { echo "fidelity-pdf: $tool not found; see the apt-get line at the top of $0" >&2; exit 1; }
done
cargo build --release --quiet
mkdir -p "$WORK"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
office=(soffice "-env:UserInstallation=file://$profile" --headless --norestore)

for src in corpora/vi/*.docx corpora/vi/*.html corpora/vi/*.txt corpora/zh/*.docx corpora/zh/*.html corpora/zh/*.txt; do
  name=$(basename "${src%.*}")
  "$BIN" ingest "$src" -o - 2>/dev/null | python3 -c '
import html, json, sys
record = json.loads(sys.stdin.readline())
known = open(sys.argv[1], "w")
blocks = [b for b in record["blocks"] if b["kind"] not in ("header", "footer")]
lang = record.get("lang", "und")
title = html.escape(blocks[0]["text"].replace("\n", " ")[:120]) if blocks else ""
print(f"<!DOCTYPE html><html lang={lang}><head><meta charset=utf-8><title>{title}</title>")
print("<style>body{font-family:Noto Serif,Noto Serif CJK SC,serif;font-size:12pt;line-height:1.4}</style></head><body>")
for b in blocks:
    plain = ((b.get("label") or "") + " " + b["text"]).strip()
    known.write(plain.replace("\n", " ") + "\n")
    text = html.escape(plain).replace("\n", "<br>")
    level = min(b.get("level") or 1, 3)
    tag = f"h{level}" if b["kind"] == "heading" else "p"
    print(f"<{tag}>{text}</{tag}>")
print("</body></html>")
' "$WORK/$name.known.txt" > "$WORK/$name.html"
  page="$(pwd)/$WORK/$name.html"
  timeout 120 chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$WORK/$name.chromium.pdf" "file://$page" >/dev/null 2>&1
  timeout 120 "${office[@]}" --convert-to pdf:writer_web_pdf_Export --outdir "$WORK/lo" "$WORK/$name.html" >/dev/null 2>&1
  mv "$WORK/lo/$name.pdf" "$WORK/$name.lo-html.pdf"
  if [ "${src##*.}" = docx ]; then
    timeout 120 "${office[@]}" --convert-to pdf --outdir "$WORK/lo" "$src" >/dev/null 2>&1
    mv "$WORK/lo/$name.pdf" "$WORK/$name.lo-docx.pdf"
  fi
done
rmdir "$WORK/lo" 2>/dev/null || true
python3 scripts/fidelity_pdf.py "$WORK"
